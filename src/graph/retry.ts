// The retry loops over GraphClient.send(), one attempt at a time, inside one Deadline. Reads retry
// freely; writes are replayed only when Graph certainly did not apply them, and otherwise read the
// resource back to find out (see writeWithRetry).
import type { GraphCaller, GraphClient, GraphEntity } from './client.js';
import type { Deadline } from './deadline.js';
import { GraphClientError, GraphUnavailableError } from './errors.js';
import { answerError, header, isObject, retryAfterSeconds, type RawAnswer } from './responses.js';
import { NOT_SENT_FAILURES, RETRIABLE_FAILURES, RETRIABLE_STATUSES, retryDecision, type RetryPolicy } from './retryPolicy.js';

export interface RetryScope {
  readonly client: GraphClient;
  readonly caller: GraphCaller;
  readonly policy: RetryPolicy;
  readonly deadline: Deadline;
}

type Attempt = { readonly answer: RawAnswer } | { readonly failure: GraphUnavailableError };

async function attempt(
  scope: RetryScope,
  method: 'GET' | 'PATCH' | 'POST',
  path: string,
  n: number,
  freshConnection: boolean,
  body?: string,
  extra?: Record<string, string>,
): Promise<Attempt> {
  try {
    return { answer: await scope.client.send(method, path, scope.caller, body, extra, { attempt: n, signal: scope.deadline.signal, freshConnection }) };
  } catch (err) {
    if (scope.deadline.ended) return { failure: scope.deadline.error() };
    if (err instanceof GraphUnavailableError) return { failure: err };
    throw err;
  }
}

/**
 * A GET, retried after 429/503/504 and connection failures. Returns the last answer whatever its
 * status (the caller maps it); throws when no answer came.
 */
export async function readWithRetry(
  scope: RetryScope,
  path: string,
  // A `$batch` of GETs is a POST that only reads: retried the same way.
  request: { readonly method: 'GET' | 'POST'; readonly body?: string } = { method: 'GET' },
): Promise<RawAnswer> {
  let fresh = false;
  for (let retries = 0; ; retries++) {
    const result = await attempt(scope, request.method, path, retries, fresh, request.body);
    let retryAfter: number | null = null;
    if ('answer' in result) {
      if (!RETRIABLE_STATUSES.has(result.answer.status)) return result.answer;
      retryAfter = retryAfterSeconds(header(result.answer.headers, 'retry-after'));
    } else if (scope.deadline.ended || !RETRIABLE_FAILURES.has(result.failure.causeCode)) {
      throw result.failure;
    }
    const decision = retryDecision(scope.policy, { retriesSoFar: retries, retryAfterSeconds: retryAfter, remainingMs: scope.deadline.remainingMs() });
    if (!decision.retry) {
      if ('answer' in result) return result.answer;
      throw result.failure;
    }
    await scope.deadline.sleep(decision.delayMs);
    // A 503 may come from one bad front-end node behind our keep-alive socket: ask another.
    fresh = 'answer' in result && result.answer.status === 503;
  }
}

/** A write's result: Graph's 2xx answer, or the entity read back that proves the write went through. */
export type WriteResult = { readonly answer: RawAnswer } | { readonly confirmed: GraphEntity };

/**
 * A PATCH that is never replayed blindly. 429 and 503 say Graph did not apply it, and a connection
 * that never opened sent nothing: those are replayed like a read. After an ambiguous failure (502,
 * 504, a reset or timeout once the request may have gone out) the resource is read back: if it
 * holds every value sent, the write went through; if not, it is replayed; if the read fails too,
 * the error says the outcome is unknown. Errors carry `outcome`: `not_applied` only when no attempt
 * could have reached Graph's store.
 */
export async function writeWithRetry(scope: RetryScope, path: string, sent: GraphEntity, extra: Record<string, string>): Promise<WriteResult> {
  const body = JSON.stringify(sent);
  let fresh = false;
  // Once an attempt may have reached Graph, a read-back that finds nothing proves nothing for
  // later: that attempt can still land. Failures from then on say `unknown`, never `not_applied`.
  let everAmbiguous = false;
  const settled = () => (everAmbiguous ? 'unknown' : 'not_applied');
  for (let retries = 0; ; retries++) {
    const result = await attempt(scope, 'PATCH', path, retries, fresh, body, extra);
    let failure: GraphClientError;
    let retryAfter: number | null = null;
    let ambiguous = false;
    if ('answer' in result) {
      const { status } = result.answer;
      if (status >= 200 && status < 300) return { answer: result.answer };
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
      attemptMs: scope.client.attemptTimeoutMs,
    });
    failure.outcome = settled();
    if (!decision.retry) throw failure;
    try {
      await scope.deadline.sleep(decision.delayMs);
    } catch (err) {
      if (err instanceof GraphClientError) err.outcome = settled();
      throw err;
    }
    fresh = 'answer' in result && result.answer.status === 503;
  }
}

type ReadBack =
  | { readonly applied: true; readonly entity: GraphEntity; readonly unknown?: never }
  | { readonly applied: false; readonly unknown: boolean };

async function readBack(scope: RetryScope, path: string, sent: GraphEntity): Promise<ReadBack> {
  let answer: RawAnswer;
  try {
    answer = await readWithRetry(scope, path);
  } catch {
    return { applied: false, unknown: true };
  }
  if (answer.status !== 200) return { applied: false, unknown: true };
  let entity: unknown;
  try {
    entity = JSON.parse(answer.text);
  } catch {
    return { applied: false, unknown: true };
  }
  if (!isObject(entity)) return { applied: false, unknown: true };
  return holdsSentValues(sent, entity) ? { applied: true, entity } : { applied: false, unknown: false };
}

/**
 * Whether `got` holds every property of a PATCH body as sent. Annotations (`@odata.*`) are not
 * values; a complex value sent replaces the old one whole, so properties it left out must be empty.
 */
export function holdsSentValues(sent: GraphEntity, got: GraphEntity): boolean {
  return Object.entries(sent).every(([name, value]) => name.startsWith('@') || sameValue(value, got[name]));
}

function sameValue(sent: unknown, got: unknown): boolean {
  if (sent === null) return got === null || got === undefined;
  if (Array.isArray(sent)) {
    return Array.isArray(got) && got.length === sent.length && sent.every((item, i) => sameValue(item, got[i]));
  }
  if (isObject(sent)) {
    if (!isObject(got)) return false;
    const sentKeys = Object.keys(sent).filter((k) => !k.startsWith('@'));
    const extra = Object.keys(got).filter((k) => !k.startsWith('@') && !(k in sent));
    return sentKeys.every((k) => sameValue(sent[k], got[k])) && extra.every((k) => got[k] === null);
  }
  return sent === got;
}
