// Every way a start can fail ends the same way, whichever command started it (npm start, npm run dev):
// one clear message on stderr and exit code 2, never a stack trace.
import { ConfigError } from '../config.js';

/** A start-up step failed for a reason the operator can fix; the message says which and how. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

export interface ListenTarget {
  readonly host: string;
  readonly port: number;
  /** The variables that chose them, named in the message. */
  readonly hostVariable: string;
  readonly portVariable: string;
}

/** Why listening failed, in terms of the variables that chose the address. */
export function listenFailure(err: unknown, target: ListenTarget): StartupError {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
  const { host, port, hostVariable, portVariable } = target;
  const where = host === '' ? 'every interface' : host;
  switch (code) {
    case 'EADDRINUSE':
      return new StartupError(`${portVariable}=${port}: the port is already in use on ${where}; stop whatever holds it or choose another port (0 picks a free one)`);
    case 'EACCES':
      return new StartupError(`${portVariable}=${port}: not allowed to listen on this port here (ports below 1024 need privileges); choose one from 1024 up`);
    case 'EADDRNOTAVAIL':
      return new StartupError(`${hostVariable}=${host}: no interface of this machine has this address; use 0.0.0.0, :: or one of its own addresses`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new StartupError(`${hostVariable}=${host}: the name does not resolve to an address of this machine; use 0.0.0.0, :: or one of its own addresses`);
    default:
      return new StartupError(`cannot listen on ${where} port ${port}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** The end of a failed start: the message alone, exit code 2. */
export function exitOnStartupFailure(err: unknown): never {
  const message =
    err instanceof ConfigError || err instanceof StartupError ? err.message : `Start-up failed: ${err instanceof Error ? err.message : String(err)}`;
  process.stderr.write(`${message}\n`);
  process.exit(2);
}
