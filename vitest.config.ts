import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // Node loads graphql's CommonJS build for every importer; Vite would hand our sources the .mjs
    // build instead, and two graphql copies break `instanceof` checks. Use Node's choice.
    alias: { graphql: require.resolve('graphql') },
  },
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // The machine has 2 cores; more workers only make timing-sensitive tests flaky.
    maxWorkers: 2,
  },
});
