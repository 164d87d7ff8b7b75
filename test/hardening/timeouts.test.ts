import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { TOKEN, useStack } from '../helpers/stack.js';

// Issue 11, point 19: a slow request body cannot hold a connection for Node's default five minutes.

function open(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Resolves with what the server sent before it closed the connection. */
function closed(socket: Socket): Promise<string> {
  let text = '';
  socket.on('data', (c: Buffer) => (text += c.toString('utf8')));
  socket.on('error', () => undefined);
  return new Promise((resolve) => socket.once('close', () => resolve(text)));
}

describe('a body that trickles in', () => {
  const stack = useStack({ HEADERS_TIMEOUT_MS: '1000', REQUEST_TIMEOUT_MS: '1500' }, { resetEach: false });

  it('is cut at REQUEST_TIMEOUT_MS with 408', async () => {
    const socket = await open(stack.gateway.url);
    const ended = closed(socket);
    const started = Date.now();
    socket.write(['POST /graphql HTTP/1.1', 'host: x', 'content-type: application/json', 'content-length: 1000', `authorization: Bearer ${TOKEN}`, '', '{"q'].join('\r\n'));
    const text = await ended;
    expect(text).toMatch(/^HTTP\/1\.1 408/);
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(stack.emulator.requests).toHaveLength(0);
  });
});

describe('MAX_CONNECTIONS', () => {
  const stack = useStack({ MAX_CONNECTIONS: '2' }, { resetEach: false });

  it('refuses connections past the cap, and serves those within it', async () => {
    const held = [await open(stack.gateway.url), await open(stack.gateway.url)];
    const third = await open(stack.gateway.url);
    expect(await closed(third)).toBe('');
    const first = held[0]!;
    const answered = new Promise<string>((resolve) => first.once('data', (c: Buffer) => resolve(c.toString('utf8'))));
    first.write('GET /health HTTP/1.1\r\nhost: x\r\n\r\n');
    expect(await answered).toMatch(/^HTTP\/1\.1 200/);
    for (const s of held) s.destroy();
  });
});

describe('the defaults', () => {
  it('give a body at the limit 64 kB/s after the headers, within the request deadline', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ headersTimeoutMs: 10_000, bodyLimitBytes: 1_048_576, maxConnections: 512, maxInFlight: 128, inFlightQueueMs: 1_000 });
    expect(config.requestTimeoutMs).toBe(10_000 + 16_000);
    expect(loadConfig({ BODY_LIMIT_BYTES: '104857600' }).requestTimeoutMs).toBe(30_000);
  });
});
