// When to try a Graph call again, and how long to wait first. Pure: no I/O, no timers, so the batch
// client (an inner 429 of a $batch) and the single-call loops in retry.ts and write.ts share the same rules.

export interface RetryPolicy {
  /** Retries after the first attempt (0 to 10). */
  readonly maxRetries: number;
  /** Backoff without Retry-After: a random wait in [0, min(cap, base * 2^retry)) (ms). */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Budget for one GraphQL request's Graph work, every field and wait included (ms). */
  readonly deadlineMs: number;
}

// The retry policy's defaults, in one place. Microsoft's JS SDK waits 3 s before its first retry
// (and caps at 180 s); a gateway answering people waits less: Graph asks for longer with Retry-After
// when it needs it, and the deadline bounds the whole.
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 3, // GRAPH_MAX_RETRIES; the SDK's default, at most 10 like the SDK
  baseDelayMs: 250, // first retry waits 0-250 ms, then 0-500, 0-1000, ...
  maxDelayMs: 8_000, // one backoff wait never exceeds this
  deadlineMs: 30_000, // REQUEST_DEADLINE_MS
};

/** Statuses that say "try again later": Graph did not do the work. 502 is not one (see writes). */
export const RETRIABLE_STATUSES: ReadonlySet<number> = new Set([429, 503, 504]);

/** Failures before the request was written to a socket that a new attempt may get past: the connection never opened (refused, DNS, TLS, connect timeout). */
const NEVER_CONNECTED: readonly string[] = ['ECONNREFUSED', 'UND_ERR_CONNECT_TIMEOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'];

/**
 * Failure codes that prove no byte of the request reached Graph: the connection never opened, or
 * the pool refused the request because it is closing (`UND_ERR_CLOSED`) or closed
 * (`UND_ERR_DESTROYED`: undici destroys a pool once close() has let its requests finish, and the
 * gateway never destroys one with requests in flight). Shutdown: neither is worth another try.
 * Any other failure may have happened after Graph read the request.
 */
export const NOT_SENT_FAILURES: ReadonlySet<string> = new Set([...NEVER_CONNECTED, 'UND_ERR_CLOSED', 'UND_ERR_DESTROYED']);

/** Failure codes worth another attempt: the network or Graph's front door, not us. */
export const RETRIABLE_FAILURES: ReadonlySet<string> = new Set([
  ...NEVER_CONNECTED,
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

export type RetryDecision =
  | { readonly retry: true; readonly delayMs: number }
  | { readonly retry: false; readonly reason: 'exhausted' | 'deadline' };

export interface RetryQuestion {
  /** Retries already made (0 after the first attempt failed). */
  readonly retriesSoFar: number;
  /** Graph's Retry-After in seconds, when it gave one (see retryAfterOf in http/answers.ts). */
  readonly retryAfterSeconds: number | null;
  /** Milliseconds left before the deadline. */
  readonly remainingMs: number;
  /**
   * Time the next attempt needs after the wait (ms): a retry that could not finish before the
   * deadline is not started. Writes pass their attempt timeout, since a write cut mid-flight
   * leaves its outcome unknown and may still land later; reads need none.
   */
  readonly attemptMs?: number;
  /** Source of randomness in [0, 1) for the jitter; tests pass their own. */
  readonly random?: () => number;
}

/**
 * Whether to retry and after how long. Graph's Retry-After wins over backoff; a wait that would end
 * at or past the deadline stops at once, so the caller hears Graph's Retry-After instead of hanging.
 */
export function retryDecision(policy: RetryPolicy, q: RetryQuestion): RetryDecision {
  if (q.retriesSoFar >= policy.maxRetries) return { retry: false, reason: 'exhausted' };
  const delayMs =
    q.retryAfterSeconds !== null
      ? Math.ceil(q.retryAfterSeconds * 1000)
      : backoffMs(policy, q.retriesSoFar, q.random ?? Math.random);
  if (delayMs + (q.attemptMs ?? 0) >= q.remainingMs) return { retry: false, reason: 'deadline' };
  return { retry: true, delayMs };
}

/** Exponential backoff with full jitter (AWS's "Exponential Backoff and Jitter"): spreads a herd. */
export function backoffMs(policy: RetryPolicy, retriesSoFar: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retriesSoFar);
  return Math.floor(random() * ceiling);
}
