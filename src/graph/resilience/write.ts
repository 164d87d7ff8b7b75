import { answerError, isSuccess } from '../http/answers.js';
import { GraphClientError, type WriteOutcome } from '../http/errors.js';
import type { GraphAnswer, GraphEntity } from '../http/types.js';
import { NOT_SENT_FAILURES, RETRIABLE_FAILURES, retryDecision } from './policy.js';
import { readBack } from './readBack.js';
import { attemptOnce, wantsFreshConnection, type RetryScope } from './retry.js';

/** A write's result: Graph's 2xx answer, or the entity read back that proves the write went through. */
export type WriteResult = { readonly answer: GraphAnswer } | { readonly confirmed: GraphEntity };

/**
 * A PATCH that is never replayed blindly. 429 and 503 say Graph did not apply it, and a connection
 * that never opened sent nothing: those are replayed like a read. After an ambiguous failure (502,
 * 504, a reset or timeout once the request may have gone out) the resource is read back: if it
 * holds every value sent, the write went through; if not, it is replayed; if the read fails too,
 * the error says the outcome is unknown. Errors carry `outcome`: `not_applied` only when no attempt
 * could have reached Graph's store.
 */
export async function writeWithRetry(
  scope: RetryScope,
  path: string,
  sent: GraphEntity,
  headers: Readonly<Record<string, string>>,
): Promise<WriteResult> {
  const body = JSON.stringify(sent);
  let freshConnection = false;
  // Once an attempt may have reached Graph, a read-back that finds nothing proves nothing for
  // later: that attempt can still land. Failures from then on say `unknown`, never `not_applied`.
  let everAmbiguous = false;
  const outcomeOfFailure = (): WriteOutcome => (everAmbiguous ? 'unknown' : 'not_applied');
  for (let retries = 0; ; retries++) {
    const result = await attemptOnce(scope, { method: 'PATCH', path, body, headers, attempt: retries, freshConnection });
    let failure: GraphClientError;
    let retryAfter: number | null = null;
    let ambiguous = false;
    if ('answer' in result) {
      const { status } = result.answer;
      if (isSuccess(status)) return { answer: result.answer };
      const error = answerError(result.answer);
      failure = error;
      if (status === 429 || status === 503) retryAfter = error.retryAfterSeconds;
      else if (status === 502 || status === 504) ambiguous = true;
      else {
        // Graph refused (4xx: nothing applied) or failed in a way that says nothing (500, ...).
        if (status >= 500) error.outcome = 'unknown';
        throw error;
      }
    } else {
      failure = result.failure;
      if (scope.deadline.ended) {
        // Cut mid-attempt: the request may have reached Graph, and there is no time to look.
        failure.outcome = 'unknown';
        throw failure;
      }
      if (!NOT_SENT_FAILURES.has(result.failure.causeCode)) {
        if (!RETRIABLE_FAILURES.has(result.failure.causeCode)) {
          failure.outcome = 'unknown';
          throw failure;
        }
        ambiguous = true;
      }
    }

    if (ambiguous) {
      everAmbiguous = true;
      const check = await readBack(scope, path, sent);
      if (check.applied) return { confirmed: check.entity };
      if (check.unknown) {
        failure.outcome = 'unknown';
        throw failure;
      }
    }

    const decision = retryDecision(scope.policy, {
      retriesSoFar: retries,
      retryAfterSeconds: retryAfter,
      remainingMs: scope.deadline.remainingMs(),
      attemptMs: scope.attemptTimeoutMs,
    });
    failure.outcome = outcomeOfFailure();
    if (!decision.retry) throw failure;
    try {
      await scope.deadline.sleep(decision.delayMs);
    } catch (err) {
      if (err instanceof GraphClientError) err.outcome = outcomeOfFailure();
      throw err;
    }
    freshConnection = wantsFreshConnection(result);
  }
}
