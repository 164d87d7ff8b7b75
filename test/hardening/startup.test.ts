import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnEntry } from '../helpers/process.js';

// Issue 11, points 8 and 9: every start-up failure is one clear message and exit code 2, whichever
// command started the gateway; nothing runs with a configuration it does not understand.

async function failedStart(entry: 'main.ts' | 'dev/main.ts', env: Record<string, string>): Promise<string> {
  const child = spawnEntry(entry, { PORT: '0', HOST: '127.0.0.1', EMULATOR_PORT: '0', GRAPH_BASE_URL: 'http://127.0.0.1:9/beta', ...env });
  // A gateway that starts instead of failing must not outlive the test. Starting tsx on a loaded
  // 2-core machine can take many seconds, so this is generous.
  const timer = setTimeout(() => child.child.kill('SIGKILL'), 50_000);
  const code = await child.exit();
  clearTimeout(timer);
  expect(code).toBe(2);
  const stderr = child.stderr.join('');
  // One message, no stack trace.
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr).not.toMatch(/file:\/\//);
  return stderr;
}

describe('start-up failures', { timeout: 60_000 }, () => {
  let holder: Server;
  let busyPort: number;
  beforeAll(async () => {
    holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    busyPort = (holder.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => holder.close(() => resolve())));

  it.each(['prod', 'staging', 'Production'])('NODE_ENV=%s refuses to start (fail closed)', async (value) => {
    const stderr = await failedStart('main.ts', { NODE_ENV: value });
    expect(stderr).toContain(`NODE_ENV must be one of production, development, test (got "${value}")`);
  });

  it('HOST=999.1.1.1', async () => {
    expect(await failedStart('main.ts', { HOST: '999.1.1.1' })).toMatch(/HOST must be an IP address or a host name.*999\.1\.1\.1/);
  });

  it('a port in use, under npm start and under npm run dev', async () => {
    const messages = await Promise.all((['main.ts', 'dev/main.ts'] as const).map((entry) => failedStart(entry, { PORT: String(busyPort) })));
    for (const stderr of messages) expect(stderr).toMatch(new RegExp(`PORT=${busyPort}: the port is already in use`));
  });

  it('the emulator port in use under npm run dev', async () => {
    expect(await failedStart('dev/main.ts', { EMULATOR_PORT: String(busyPort) })).toMatch(new RegExp(`EMULATOR_PORT=${busyPort}: the port is already in use`));
  });

  it('PORT=abc under npm run dev', async () => {
    expect(await failedStart('dev/main.ts', { PORT: 'abc' })).toMatch(/PORT must be a whole number from 0 to 65535 \(got "abc"\)/);
  });

  it('GRAPH_BASE_URL=ftp://x suggests a value that would be accepted', async () => {
    const stderr = await failedStart('main.ts', { GRAPH_BASE_URL: 'ftp://x' });
    expect(stderr).toContain('https://x/beta');
    expect(stderr).not.toContain('ftp://x/beta');
  });
});
