import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../src/emulator/server.js';
import { spawnEntry } from './helpers/process.js';
import { PROFILE_ID, TOKEN, UPDATE, postGraphQL } from './helpers/stack.js';

describe('the gateway as a process', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => emulator.close());

  it('starts from its environment, serves a mutation, and exits 0 on SIGTERM', async () => {
    const gateway = spawnEntry('main.ts', { PORT: '0', HOST: '127.0.0.1', GRAPH_BASE_URL: emulator.baseUrl, NODE_ENV: 'production' });
    const line = await gateway.waitForLine((l) => l.includes('gateway listening'));
    const { url } = JSON.parse(line) as { url: string };
    const answer = await postGraphQL(url, { query: UPDATE, variables: { id: PROFILE_ID, input: { tags: ['from-process'] } } }, { authorization: `Bearer ${TOKEN}` });
    expect(answer.body.errors).toBeUndefined();
    expect(emulator.requests.at(-1)!.body).toBe('{"@odata.type":"#microsoft.graph.ipSecurityProfile","tags":["from-process"]}');

    // Production: no introspection, no stack traces.
    const introspection = await postGraphQL(url, { query: '{ __schema { types { name } } }' });
    expect(introspection.body.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(introspection.body.errors![0]!.extensions).not.toHaveProperty('stacktrace');

    gateway.child.kill('SIGTERM');
    expect(await gateway.exit()).toBe(0);
    for (const l of gateway.stdout) expect(l).not.toContain(TOKEN);
  });

  it('refuses to start on bad configuration, naming every problem at once', async () => {
    const gateway = spawnEntry('main.ts', {
      PORT: 'eighty',
      GRAPH_BASE_URL: 'ftp://graph.example/beta',
      GRAPH_TIMEOUT_MS: '-5',
      LOG_LEVEL: 'loud',
    });
    expect(await gateway.exit()).toBe(2);
    const err = gateway.stderr.join('');
    for (const name of ['PORT', 'GRAPH_BASE_URL', 'GRAPH_TIMEOUT_MS', 'LOG_LEVEL']) expect(err).toContain(name);
  });
});
