import type { Writable } from 'node:stream';

/**
 * Where the gateway's log lines go: stdout's own stream, one `write` per line as it is written, so a
 * line is out before the answer it belongs to. (Gathering a turn's lines into one write at its end
 * was tried: an answer could then reach its client before its request's lines reached stdout.)
 *
 * Why not pino's `sync: false` destination: sonic-boom hands every line to libuv's thread pool as one
 * `fs.write`, and each one wakes a pool thread and then the event loop again. A micro-measure of two
 * lines per request, one request per turn, into a pipe: about 90 µs of CPU per request that way,
 * about 10 µs through stdout's stream. stdout's stream writes at once, from the event loop, when the
 * pipe has room, and queues in memory when it has not (a pipe is non-blocking on Linux; a file is
 * written synchronously by Node).
 *
 * Why not `sync: true`: a log shipper that stalls would then stall every request. Here a stalled
 * stdout only grows the stream's queue, which is bounded: past `maxQueuedBytes` whole lines are
 * dropped and counted (`gateway_log_lines_dropped`), never cut.
 */
export class StdoutLines {
  private droppedLines = 0;
  private broken = false;

  constructor(
    private readonly out: Writable,
    private readonly maxQueuedBytes: number,
  ) {
    // A closed stdout (EPIPE: the reader went away) must not take the gateway down with it: lines
    // from then on are dropped and counted.
    out.on('error', () => {
      this.broken = true;
    });
  }

  /** pino's destination interface: one serialised line, newline included. */
  write(line: string): boolean {
    // Characters, not bytes: a line is mostly ASCII, and the bound is about memory, not exactness.
    if (this.broken || this.out.destroyed || this.out.writableLength + line.length > this.maxQueuedBytes) {
      this.droppedLines += 1;
      return true;
    }
    this.out.write(line);
    return true;
  }

  get dropped(): number {
    return this.droppedLines;
  }

  /** Resolves once every queued line has left the process, or after `timeoutMs` (a stalled reader). */
  drained(timeoutMs: number): Promise<void> {
    if (this.broken || this.out.destroyed || this.out.writableLength === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      // Writes complete in order: an empty one's callback runs once everything before it is out.
      this.out.write('', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
