import { Client, Pool } from 'undici';

export interface PoolOptions {
  /** Graph's origin (scheme, host, port). The pool can reach no other: tokens cannot leak elsewhere. */
  readonly origin: string;
  /** Per attempt: TCP/TLS connect, response headers, and gaps in the body each get this long (ms). */
  readonly timeoutMs: number;
}

// HTTP policy for every Graph call lives here, once, never at call sites. Retries, backoff and the
// deadline are composed on top in ../resilience/.
const POOL_DEFAULTS = {
  // Concurrent sockets to Graph per process; beyond this, requests queue in the pool.
  connections: 128,
  // Graph keeps idle connections about 60 s behind its front door; close ours well before that so
  // we never write to a socket the far end is closing.
  keepAliveTimeout: 4_000, // ms
  keepAliveMaxTimeout: 30_000, // ms
  // No pipelining: a PATCH must never wait behind, or be replayed with, another request.
  pipelining: 1,
} as const;

function timeouts(options: PoolOptions) {
  return { connect: { timeout: options.timeoutMs }, headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs };
}

export function createGraphPool(options: PoolOptions): Pool {
  return new Pool(options.origin, { ...POOL_DEFAULTS, ...timeouts(options) });
}

/**
 * One new connection for one request, outside the pool: Graph asks for a 503 to be retried on a
 * fresh connection (the idle sockets in the pool may all lead to the same sick front end). The
 * caller destroys it after the answer.
 */
export function createFreshConnection(options: PoolOptions): Client {
  return new Client(options.origin, { pipelining: 1, ...timeouts(options) });
}
