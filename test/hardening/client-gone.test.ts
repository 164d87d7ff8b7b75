import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { TOKEN, useStack } from '../helpers/stack.js';

// Issue 11, point 7: anyone can hang up mid-upload; that must not fill the error log.

describe('a client hanging up mid-upload', () => {
  const stack = useStack();

  it('is logged at debug, never at error', async () => {
    const { hostname, port, pathname } = new URL(stack.gateway.url);
    const socket = connect(Number(port), hostname);
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      [`POST ${pathname} HTTP/1.1`, `host: ${hostname}`, 'content-type: application/json', 'content-length: 10000', `authorization: Bearer ${TOKEN}`, '', '{"query": "{ __typ'].join('\r\n'),
    );
    await sleep(100);
    socket.destroy();
    const deadline = Date.now() + 3000;
    while (!stack.logs.some((l) => l.includes('client went away')) && Date.now() < deadline) await sleep(20);
    const lines = stack.logs.map((l) => JSON.parse(l) as { level: number; msg: string });
    expect(lines.filter((l) => l.level >= 40)).toEqual([]);
    expect(lines.find((l) => l.msg.includes('client went away'))?.level).toBe(20);
    expect(stack.emulator.requests).toHaveLength(0);
  });
});
