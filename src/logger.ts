import { pino, type Logger as PinoLogger, type DestinationStream } from 'pino';
import type { LogLevel } from './config.js';

export type Logger = PinoLogger;

// Secrets never reach a log line, whatever a caller passes in: these paths are censored by pino itself.
const REDACT = [
  'authorization',
  '*.authorization',
  '*.headers.authorization',
  '*.*.headers.authorization',
  'token',
  '*.token',
  'body',
  '*.body',
];

export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: REDACT, censor: '[redacted]' },
    },
    destination,
  );
}
