// The answers of one turn wait for their lines (StdoutLines.afterPending): one write carries every
// line of the turn, and no answer is released before the write that holds its lines.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { StdoutLines } from '../../src/observability/stdoutLines.js';

function sinkWithWrites(): { sink: StdoutLines; writes: string[] } {
  const writes: string[] = [];
  const out = new Writable({ write: (chunk: Buffer, _enc, done) => (writes.push(chunk.toString('utf8')), done()) });
  return { sink: new StdoutLines(out, 1024 * 1024), writes };
}

describe('stdout log lines and the answers waiting for them', () => {
  it('answers of one turn are released after one write of all their lines, in order', async () => {
    const { sink, writes } = sinkWithWrites();
    const released: string[] = [];
    sink.write('a1\na2\n');
    const a = sink.afterPending().then(() => released.push(`a after ${writes.length} write(s)`));
    sink.write('b1\n');
    const b = sink.afterPending().then(() => released.push(`b after ${writes.length} write(s)`));
    await Promise.resolve();
    expect(writes).toEqual([]); // still this turn: nothing written, nobody released
    expect(released).toEqual([]);
    await Promise.all([a, b]);
    expect(writes).toEqual(['a1\na2\nb1\n']);
    expect(released).toEqual(['a after 1 write(s)', 'b after 1 write(s)']);
  });

  it('with no line waiting, an answer goes at once', async () => {
    const { sink, writes } = sinkWithWrites();
    let released = false;
    void sink.afterPending().then(() => (released = true));
    await Promise.resolve();
    expect(released).toBe(true);
    expect(writes).toEqual([]);
  });

  it('a flush before the turn ends (a refusal, a failure) writes the lines and releases their answers', async () => {
    const { sink, writes } = sinkWithWrites();
    let released = false;
    sink.write('waiting\n');
    void sink.afterPending().then(() => (released = true));
    sink.write('refusal\n');
    sink.flush();
    expect(writes).toEqual(['waiting\nrefusal\n']);
    await Promise.resolve();
    expect(released).toBe(true);
    // A line after the flush waits for the next write.
    sink.write('later\n');
    const later = sink.afterPending();
    expect(writes).toHaveLength(1);
    await later;
    expect(writes).toEqual(['waiting\nrefusal\n', 'later\n']);
  });

  it('lines dropped because stdout broke do not hold answers back', async () => {
    const out = new Writable({ write: (_c, _e, done) => done() });
    const sink = new StdoutLines(out, 1024 * 1024);
    out.destroy();
    sink.write('lost\n');
    let released = false;
    void sink.afterPending().then(() => (released = true));
    await Promise.resolve();
    expect(released).toBe(true);
    expect(sink.dropped).toBe(1);
  });
});
