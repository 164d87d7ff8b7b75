// The gateway's stdout writer against a real pipe whose reader stalls: the event loop keeps turning,
// memory stays bounded (whole lines dropped and counted past the bound), every line that is kept
// arrives whole and in order, and the lines of one turn leave within that turn.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';

// A child process writes through StdoutLines into its stdout, a pipe this test reads, or does not.
const CHILD = `
import { StdoutLines } from './src/observability/stdoutLines.ts';
const sink = new StdoutLines(process.stdout, Number(process.env.MAX_QUEUED));
const lines = Number(process.env.LINES);
let ticks = 0;
const ticker = setInterval(() => ticks++, 5);
const started = performance.now();
for (let i = 0; i < lines; i++) sink.write(JSON.stringify({ i, pad: 'x'.repeat(200) }) + '\\n');
// Let a few turns pass: the writes must not have blocked the loop.
setTimeout(async () => {
  const elapsed = performance.now() - started;
  process.stderr.write(JSON.stringify({ dropped: sink.dropped, ticks, elapsed }) + '\\n');
  process.send?.('wrote');
  await new Promise((resolve) => process.once('message', resolve));
  await sink.drained(5_000);
  clearInterval(ticker);
  process.exit(0);
}, 300);
`;

function startWriter(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD], {
    cwd: new URL('../../', import.meta.url),
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  return { child, report: () => JSON.parse(stderr.trim().split('\n').at(-1)!) as { dropped: number; ticks: number; elapsed: number } };
}

describe('stdout log lines', () => {
  it('a stalled reader neither blocks the loop nor grows memory past the bound; kept lines arrive whole, in order', async () => {
    const lines = 20_000; // ~4.3 MB, far past the 64 KiB pipe and the 1 MiB bound
    const { child, report } = startWriter({ LINES: String(lines), MAX_QUEUED: String(1024 * 1024) });
    child.stdout!.pause(); // the stalled shipper
    await once(child, 'message');
    const { dropped, ticks } = report();
    // The loop kept turning while the reader stalled (300 ms of 5 ms ticks; tolerant for a busy machine).
    expect(ticks).toBeGreaterThan(10);
    // About 4.3 MB written against 1 MiB queued plus the pipe: most lines dropped, some kept.
    expect(dropped).toBeGreaterThan(lines / 2);
    expect(dropped).toBeLessThan(lines);

    let out = '';
    child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    child.stdout!.resume();
    child.send('go');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    const received = out.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as { i: number });
    expect(received).toHaveLength(lines - dropped);
    // Whole lines, in order: the kept ones are the first ones (a full queue drops what comes after).
    expect(received.map((r) => r.i)).toEqual([...received.keys()]);
  }, 30_000);

  it('with a reader that keeps up, nothing is dropped and every line is out while the process still runs', async () => {
    const { child, report } = startWriter({ LINES: '2000', MAX_QUEUED: String(16 * 1024 * 1024) });
    let out = '';
    child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    await once(child, 'message');
    expect(report().dropped).toBe(0);
    // Written in the first turn, already read here, 300 ms later, with the child still running.
    expect(out.split('\n').filter((l) => l !== '')).toHaveLength(2000);
    child.send('go');
    expect((await once(child, 'exit'))[0]).toBe(0);
  }, 30_000);
});
