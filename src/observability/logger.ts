import { pino, type Logger as PinoLogger, type DestinationStream, type LevelWithSilent } from 'pino';
import { StdoutLines } from './stdoutLines.js';

export type Logger = PinoLogger;

// Log lines name their fields one by one and never carry headers, bodies or tokens (the token scan
// in test/observability/logs.test.ts proves it on every path). As a second guard, pino censors these
// paths. Exact paths only: wildcard paths cost about 4 % of the gateway's CPU per request.
const REDACT = ['authorization', 'headers.authorization', 'req.headers.authorization', 'token', 'body', 'req.body'];

// A stdout that cannot keep up (a slow pipe, a stalled log shipper) holds at most this many bytes,
// past which lines are dropped and counted rather than the heap growing without bound under load.
const STDOUT_MAX_QUEUED = 16 * 1024 * 1024; // bytes

// One per process: stdout is.
let stdoutLines: StdoutLines | null = null;

export function createLogger(level: LevelWithSilent, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: REDACT, censor: '[redacted]' },
    },
    destination ?? stdoutSink(),
  );
}

function stdoutSink(): StdoutLines {
  if (stdoutLines) return stdoutLines;
  const sink = new StdoutLines(process.stdout, STDOUT_MAX_QUEUED);
  // process.exit (a second signal, a failed start) runs no more turns: the lines of this one are handed
  // to stdout now, which writes what the pipe takes synchronously (pino's destination flushed on exit too).
  process.once('exit', () => sink.flush());
  return (stdoutLines = sink);
}

/**
 * Resolves once the lines `logger` has written so far are handed to its stream: for stdout at the end
 * of this turn, together with every other line of the turn (src/observability/stdoutLines.ts); any
 * other destination (tests, the dev server's pretty printer) is flushed now.
 */
export function linesHandedOver(logger: Logger): Promise<void> {
  const stream = (logger as unknown as Record<symbol, unknown>)[pino.symbols.streamSym];
  if (stream instanceof StdoutLines) return stream.afterPending();
  logger.flush();
  return Promise.resolve();
}

/** Log lines dropped because stdout could not keep up (see STDOUT_MAX_QUEUED). */
export function droppedLogLines(): number {
  return stdoutLines?.dropped ?? 0;
}

/** Before the process exits: the lines still queued for stdout, given at most `timeoutMs` to leave. */
export function logsWritten(timeoutMs: number): Promise<void> {
  return stdoutLines?.drained(timeoutMs) ?? Promise.resolve();
}
