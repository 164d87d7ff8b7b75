// The retry loop over one send function, one attempt at a time, inside one Deadline. Reads retry
// freely here; writes (write.ts) only when Graph certainly did not apply them.
import { retryAfterOf } from '../http/answers.js';
import { GraphUnavailableError } from '../http/errors.js';
import type { GraphAnswer, GraphCall, SendCall } from '../http/types.js';
import type { Deadline } from './deadline.js';
import { RETRIABLE_FAILURES, RETRIABLE_STATUSES, retryDecision, type RetryPolicy } from './policy.js';

/** What one GraphQL field's Graph work runs with: a send bound to its caller, the policy, the request's deadline. */
export interface RetryScope {
  readonly send: SendCall;
  readonly policy: RetryPolicy;
  readonly deadline: Deadline;
  /** Per attempt (ms): a write's retry is not started when it could not finish before the deadline. */
  readonly attemptTimeoutMs: number;
}

export type Attempt = { readonly answer: GraphAnswer } | { readonly failure: GraphUnavailableError };

/** One attempt, ended by the deadline; an answer of any status, or the failure that left none. */
export async function attemptOnce(scope: RetryScope, call: GraphCall): Promise<Attempt> {
  try {
    return { answer: await scope.send({ ...call, signal: scope.deadline.signal }) };
  } catch (err) {
    // A 2xx whose body the deadline cut still applied the write: keep the status that arrived.
    if (scope.deadline.ended) return { failure: scope.deadline.error(err instanceof GraphUnavailableError ? err.answeredStatus : null) };
    if (err instanceof GraphUnavailableError) return { failure: err };
    throw err;
  }
}

/** Whether the next attempt should take a new connection: a 503 may come from one bad front-end node behind our keep-alive socket. */
export function wantsFreshConnection(result: Attempt): boolean {
  return 'answer' in result && result.answer.status === 503;
}

/**
 * A GET, retried after 429/503/504 and connection failures. Returns the last answer whatever its
 * status (the caller maps it); throws when no answer came.
 */
export async function readWithRetry(
  scope: RetryScope,
  // A `$batch` of GETs is a POST that only reads: retried the same way.
  call: { readonly method: 'GET' | 'POST'; readonly path: string; readonly body?: string },
): Promise<GraphAnswer> {
  let freshConnection = false;
  for (let retries = 0; ; retries++) {
    const result = await attemptOnce(scope, { ...call, attempt: retries, freshConnection });
    let retryAfter: number | null = null;
    if ('answer' in result) {
      if (!RETRIABLE_STATUSES.has(result.answer.status)) return result.answer;
      retryAfter = retryAfterOf(result.answer.headers);
    } else if (scope.deadline.ended || !RETRIABLE_FAILURES.has(result.failure.causeCode)) {
      throw result.failure;
    }
    const decision = retryDecision(scope.policy, { retriesSoFar: retries, retryAfterSeconds: retryAfter, remainingMs: scope.deadline.remainingMs() });
    if (!decision.retry) {
      if ('answer' in result) return result.answer;
      throw result.failure;
    }
    await scope.deadline.sleep(decision.delayMs);
    freshConnection = wantsFreshConnection(result);
  }
}
