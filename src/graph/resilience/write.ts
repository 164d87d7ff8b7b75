import { answerError } from '../http/answers.js';
import { GraphClientError, GraphHttpError, type GraphUnavailableError } from '../http/errors.js';
import type { GraphAnswer, GraphEntity } from '../http/types.js';
import { retryDecision } from './policy.js';
import { readBack } from './readBack.js';
import { attemptOnce, wantsFreshConnection, type RetryScope } from './retry.js';
import { writeVerdict } from './writeRule.js';

/**
 * A write's result: Graph's 2xx answer; a 2xx whose body was lost (`acknowledged`: applied, the
 * profile still to be read); or the entity read back after an ambiguous attempt that proves it landed.
 */
export type WriteResult =
  | { readonly answer: GraphAnswer }
  | { readonly acknowledged: GraphUnavailableError }
  | { readonly confirmed: GraphEntity };

/**
 * A PATCH sent again only when Graph certainly did not process it (429, 503, a connection that
 * never opened; see writeRule.ts). After an ambiguous attempt it is never replayed: the profile is
 * read back once, and the write is confirmed when it holds every value sent, else it fails
 * `unknown` with the profile as Graph holds it (`current`). Every error says its `outcome`, but a
 * refusal (4xx), which applied nothing.
 */
export async function writeWithRetry(
  scope: RetryScope,
  path: string,
  sent: GraphEntity,
  headers: Readonly<Record<string, string>>,
): Promise<WriteResult> {
  const body = JSON.stringify(sent);
  let freshConnection = false;
  for (let retries = 0; ; retries++) {
    const result = await attemptOnce(scope, { method: 'PATCH', path, body, headers, attempt: retries, freshConnection });
    const verdict = writeVerdict(result, scope.deadline.ended !== null);
    if ('answer' in result && verdict === 'answered') return { answer: result.answer };
    if ('failure' in result && verdict === 'acknowledged') return { acknowledged: result.failure };
    const failure: GraphClientError = 'answer' in result ? answerError(result.answer) : result.failure;
    switch (verdict) {
      case 'refused':
        throw failure;
      case 'not_sent':
        failure.outcome = 'not_applied';
        throw failure;
      case 'cut':
        failure.outcome = 'unknown';
        throw failure;
      case 'ambiguous': {
        const check = await readBack(scope, path, sent);
        if (check.applied) return { confirmed: check.entity };
        failure.outcome = 'unknown';
        failure.current = check.current;
        throw failure;
      }
      default:
        break; // 'retry'
    }
    // Nothing reached Graph's store: another attempt is safe if it fits the retry count and the deadline.
    failure.outcome = 'not_applied';
    const decision = retryDecision(scope.policy, {
      retriesSoFar: retries,
      retryAfterSeconds: failure instanceof GraphHttpError ? failure.retryAfterSeconds : null,
      remainingMs: scope.deadline.remainingMs(),
      attemptMs: scope.attemptTimeoutMs,
    });
    if (!decision.retry) throw failure;
    try {
      await scope.deadline.sleep(decision.delayMs);
    } catch (err) {
      if (err instanceof GraphClientError) err.outcome = 'not_applied';
      throw err;
    }
    freshConnection = wantsFreshConnection(result);
  }
}
