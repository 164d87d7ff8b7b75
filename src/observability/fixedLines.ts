import { pino } from 'pino';
import type { Logger } from './logger.js';

// The two lines every request writes (`graph call` per Graph exchange, `graphql operation` per
// answer) are built here, with the bytes pino's own serialiser gives them (level, time, the child's
// bindings, the fields in order, an undefined field left out, msg), and handed to the logger's
// stream. pino walks every object it is given: for...in, a serializer and a redaction lookup per
// key, its escaper per key and per string. For these two lines that was about 5 % of the gateway's
// CPU per mutation (A/B in one run, docs/performance.md); fields known in advance need none of it.
// test/observability/fixed-lines.test.ts compares both serialisers' bytes over awkward values.
//
// Only for loggers made by createLogger (src/observability/logger.ts): no mixin, no formatters, no
// message prefix or nested key, which would change pino's bytes, and never a pino.multistream, which
// reads per-line metadata off pino. None of these field names is a redaction path, so redaction
// would censor nothing in them either.

const { lsCacheSym, timeSym, chindingsSym, streamSym, endSym } = pino.symbols;

type Value = string | number | null | undefined | readonly string[];

/** `,"name":value` as pino writes a field, or nothing for undefined. Names are plain identifiers. */
export function field(name: string, value: Value): string {
  if (value === undefined) return '';
  // pino 10 escapes strings with JSON.stringify on Node 25 and with its own escaper before: the two
  // differ only for a lone surrogate, which JSON.stringify writes as \udxxx (valid UTF-8 either way).
  if (typeof value === 'number') return `,"${name}":${Number.isFinite(value) ? String(value) : 'null'}`;
  return `,"${name}":${JSON.stringify(value)}`;
}

/** Writes one line of `fields` (`field()`s joined) at `level`, as `logger[level](object, msg)` would. */
export function writeFixedLine(logger: Logger, level: 'info' | 'warn', fields: string, msg: string): void {
  if (!logger.isLevelEnabled(level)) return;
  // pino.symbols are typed as plain symbols: what each holds is in pino's lib/proto.js and lib/tools.js.
  const internals = logger as unknown as Record<symbol, unknown>;
  const levelAndTime = (internals[lsCacheSym] as Record<number, string>)[logger.levels.values[level]!]! + (internals[timeSym] as () => string)();
  const line = `${levelAndTime}${internals[chindingsSym] as string}${fields},"msg":${JSON.stringify(msg)}${internals[endSym] as string}`;
  (internals[streamSym] as { write(line: string): unknown }).write(line);
}
