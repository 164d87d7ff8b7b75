import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { GET, PROFILE_ID, TOKEN, useStack } from '../helpers/stack.js';

// Issue 11, point 17: ambiguous credentials are refused, and nothing is sent to Graph.

/** undici and fetch merge repeated headers; a raw socket sends them as a client could. */
function rawPost(url: string, headerLines: string[], body: string): Promise<{ status: number; body: string }> {
  const { hostname, port, pathname } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(
        [`POST ${pathname} HTTP/1.1`, `host: ${hostname}:${port}`, 'content-type: application/json', `content-length: ${Buffer.byteLength(body)}`, 'connection: close', ...headerLines, '', body].join('\r\n'),
      );
    });
    let text = '';
    socket.on('data', (c: Buffer) => (text += c.toString('utf8')));
    socket.on('error', reject);
    socket.on('end', () => {
      const status = Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1]);
      resolve({ status, body: text.slice(text.indexOf('\r\n\r\n') + 4) });
    });
  });
}

describe('two Authorization headers', () => {
  const stack = useStack();

  it('are UNAUTHENTICATED, and Graph hears nothing', async () => {
    const body = JSON.stringify({ query: GET, variables: { id: PROFILE_ID } });
    const answer = await rawPost(stack.gateway.url, [`authorization: Bearer ${TOKEN}`, 'authorization: Bearer someone-elses-token'], body);
    const parsed = JSON.parse(answer.body.replace(/^[0-9a-f]+\r\n|\r\n0\r\n\r\n$/g, '')) as { errors?: { message: string; extensions: { code: string } }[] };
    expect(parsed.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    expect(parsed.errors?.[0]?.message).toMatch(/more than one Authorization header/);
    expect(stack.emulator.requests).toHaveLength(0);
  });

  it('one is still fine', async () => {
    const body = JSON.stringify({ query: GET, variables: { id: PROFILE_ID } });
    const answer = await rawPost(stack.gateway.url, [`authorization: Bearer ${TOKEN}`], body);
    expect(answer.status).toBe(200);
    expect(stack.emulator.requests).toHaveLength(1);
  });
});
