// Lines lost because stdout broke (EPIPE) after they were accepted are dropped lines too: the metric
// gateway_log_lines_dropped counts every line that never reached stdout, not only those refused later.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { StdoutLines } from '../../src/observability/stdoutLines.js';

const epipe = (): Error => Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });

describe('stdout log lines when stdout breaks', () => {
  it('counts the lines gathered in the turn in which the reader went away', async () => {
    const out = new Writable({ write: (_chunk, _enc, cb) => cb(epipe()) });
    const sink = new StdoutLines(out, 1024 * 1024);
    sink.write('first\n');
    sink.flush(); // handed to stdout; its write fails (the error is emitted on the next tick)
    sink.write('second\n');
    sink.write('third\n'); // gathered while stdout was still open, written at the turn's end
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    sink.write('fourth\n'); // refused: stdout is broken
    // second, third and fourth never reached stdout.
    expect(sink.dropped).toBeGreaterThanOrEqual(3);
  });
});
