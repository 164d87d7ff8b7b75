// A line logged in the turn the process exits in (process.exit: a second SIGTERM, a failed start) still
// reaches stdout, as it did with pino's own destination (flushed synchronously on exit).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';

const CHILD = `
import { createLogger } from './src/observability/logger.ts';
const logger = createLogger('info');
logger.info('last words');
process.exit(3);
`;

describe('stdout log lines at exit', () => {
  it('a line logged just before process.exit is written', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD], {
      cwd: new URL('../../', import.meta.url),
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    const [code] = await once(child, 'close');
    expect(code).toBe(3);
    expect(out).toContain('last words');
  }, 20_000);
});
