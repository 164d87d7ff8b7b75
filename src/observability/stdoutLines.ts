import type { Writable } from 'node:stream';

/**
 * Where the gateway's log lines go: stdout's own stream, in the order written. Lines are gathered and
 * leave together, in one `write`, at the end of the event-loop turn that wrote them (setImmediate),
 * never after a timer, or earlier when the HTTP layer flushes (pino's `logger.flush()`) before an
 * answer. A request's lines are out before its answer: a GraphQL answer waits for `afterPending()`,
 * so the answers of one turn follow one write of all their lines; refusals and failures flush.
 * A write(2) to a pipe, and the wake-up of its reader, was 6 % of the gateway's CPU per mutation at
 * one per line. At one per answer, holding the answers of a turn for one write of their lines cost
 * 0.83x / 0.74x the CPU per mutation at 16 / 64 connections (docs/performance.md): answers leave in a
 * burst, so the client's next requests arrive together too.
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
  private pending = '';
  private turnEnd: NodeJS.Immediate | null = null;
  // Answers waiting for the lines gathered so far: one promise for all of them, settled by the flush.
  private handedOver: { readonly promise: Promise<void>; readonly resolve: () => void } | null = null;
  private readonly atTurnEnd = (): void => {
    this.turnEnd = null;
    this.flush();
  };

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
    if (this.broken || this.out.destroyed || this.out.writableLength + this.pending.length + line.length > this.maxQueuedBytes) {
      this.droppedLines += 1;
      return true;
    }
    this.pending += line;
    this.turnEnd ??= setImmediate(this.atTurnEnd);
    return true;
  }

  /**
   * Resolves once every line gathered so far has been handed to stdout: at once when none waits, else
   * at the flush that writes them, at the latest the end of this turn.
   */
  afterPending(): Promise<void> {
    if (this.pending === '') return HANDED_OVER;
    if (this.handedOver === null) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.handedOver = { promise, resolve };
    }
    return this.handedOver.promise;
  }

  /** Hands every gathered line to stdout now (pino's `logger.flush(cb)` calls this). */
  flush(done?: (err?: Error) => void): void {
    if (this.turnEnd !== null) {
      clearImmediate(this.turnEnd);
      this.turnEnd = null;
    }
    if (this.pending !== '') {
      const lines = this.pending;
      this.pending = '';
      if (!this.broken && !this.out.destroyed) this.out.write(lines);
      else this.droppedLines += countLines(lines); // gathered while stdout was open; it broke since
    }
    const waiting = this.handedOver;
    this.handedOver = null;
    waiting?.resolve();
    done?.();
  }

  get dropped(): number {
    return this.droppedLines;
  }

  /** Resolves once every queued line has left the process, or after `timeoutMs` (a stalled reader). */
  drained(timeoutMs: number): Promise<void> {
    this.flush();
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

const HANDED_OVER = Promise.resolve();

function countLines(lines: string): number {
  let n = 0;
  for (let i = lines.indexOf('\n'); i !== -1; i = lines.indexOf('\n', i + 1)) n += 1;
  return n;
}
