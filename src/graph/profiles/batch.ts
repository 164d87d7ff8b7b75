import type { IncomingHttpHeaders } from 'node:http';
import { answerError, entityIn, header, isSuccess, jsonOf } from '../http/answers.js';
import { GraphClientError, GraphHttpError, GraphProtocolError } from '../http/errors.js';
import { isJsonObject, type GraphAnswer, type GraphEntity } from '../http/types.js';
import { profilePath } from '../odata/paths.js';
import { selectQuery } from '../odata/query.js';
import { retryDecision } from '../resilience/policy.js';
import { readWithRetry, type RetryScope } from '../resilience/retry.js';

// Many profiles read in Graph JSON batches: `POST /$batch` with `{"requests": [{id, method, url}]}`,
// `url` relative to the version root. Graph answers `{"responses": [{id, status, headers, body}]}` in
// any order and every inner request succeeds or fails on its own, so each is checked on its own.

/** Graph's limit of requests in one batch. */
export const MAX_BATCH_REQUESTS = 20;
// Batches in flight per call: 160 profiles at once is plenty, and a router sending thousands of
// representations queues here instead of taking every pooled connection to Graph.
const MAX_PARALLEL_BATCHES = 8;

/** A profile, `null` when Graph says 404, or the error for that profile alone. */
export type ProfileResult = GraphEntity | null | GraphClientError;

interface Pending {
  readonly id: string;
  readonly url: string;
}

/**
 * Reads every id (each once), in batches of at most 20, up to 8 batches in parallel. The batch
 * request itself is retried like a read (it only reads); inner 429s are retried here.
 */
export async function getProfilesBatched(scope: RetryScope, ids: readonly string[], select: readonly string[]): Promise<Map<string, ProfileResult>> {
  const results = new Map<string, ProfileResult>();
  const query = selectQuery(select);
  const pending: Pending[] = [];
  for (const id of new Set(ids)) {
    try {
      pending.push({ id, url: profilePath(id) + query });
    } catch (err) {
      // An unsafe id fails alone; the others are still read.
      results.set(id, err as GraphClientError);
    }
  }
  const chunks: Pending[][] = [];
  for (let i = 0; i < pending.length; i += MAX_BATCH_REQUESTS) chunks.push(pending.slice(i, i + MAX_BATCH_REQUESTS));
  let next = 0;
  // One worker failing fails the call: the others take no further batch, so nothing is sent for
  // an answer nobody will read.
  let failed = false;
  const worker = async (): Promise<void> => {
    try {
      while (!failed && next < chunks.length) await runBatch(scope, chunks[next++]!, results, 0);
    } catch (err) {
      failed = true;
      throw err;
    }
  };
  await Promise.all(Array.from({ length: Math.min(MAX_PARALLEL_BATCHES, chunks.length) }, worker));
  return results;
}

async function runBatch(scope: RetryScope, chunk: readonly Pending[], results: Map<string, ProfileResult>, retriesSoFar: number): Promise<void> {
  const body = JSON.stringify({ requests: chunk.map((p, i) => ({ id: String(i + 1), method: 'GET', url: p.url })) });
  let answer: GraphAnswer;
  let responses: Map<string, InnerResponse>;
  try {
    answer = await readWithRetry(scope, { method: 'POST', path: '/$batch', body });
    responses = batchResponses(answer);
  } catch (err) {
    if (!(err instanceof GraphClientError)) throw err;
    for (const p of chunk) results.set(p.id, err);
    return;
  }

  const throttled: { pending: Pending; error: GraphHttpError }[] = [];
  chunk.forEach((p, i) => {
    const inner = responses.get(String(i + 1));
    if (!inner) {
      results.set(p.id, new GraphProtocolError(answer.status, 'the batch answer has no response for this request', header(answer.headers, 'request-id')));
      return;
    }
    const result = innerResult(inner);
    if (result instanceof GraphHttpError && result.detail.status === 429) throttled.push({ pending: p, error: result });
    results.set(p.id, result);
  });
  if (throttled.length === 0) return;

  // Graph throttles each request inside a batch on its own and the SDKs do not retry those; we do,
  // with the policy of direct calls: the longest inner Retry-After, else backoff, inside the deadline.
  const said = throttled.map((t) => t.error.retryAfterSeconds).filter((s): s is number => s !== null);
  const decision = retryDecision(scope.policy, {
    retriesSoFar,
    retryAfterSeconds: said.length > 0 ? Math.max(...said) : null,
    remainingMs: scope.deadline.remainingMs(),
    attemptMs: scope.attemptTimeoutMs,
  });
  // Out of retries, or the wait would pass the deadline: the 429 stands for those profiles.
  if (!decision.retry) return;
  try {
    await scope.deadline.sleep(decision.delayMs);
  } catch {
    return; // the caller went away or the deadline ended: the 429s stand
  }
  await runBatch(
    scope,
    throttled.map((t) => t.pending),
    results,
    retriesSoFar + 1,
  );
}

interface InnerResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
}

/** The inner responses by id; throws the whole batch's GraphClientError when its answer is not one. */
function batchResponses(answer: GraphAnswer): Map<string, InnerResponse> {
  const parsed = jsonOf(answer, 'the batch answer');
  if (!isJsonObject(parsed) || !Array.isArray(parsed.responses)) {
    throw new GraphProtocolError(answer.status, 'the batch answer has no responses', header(answer.headers, 'request-id'));
  }
  const byId = new Map<string, InnerResponse>();
  for (const r of parsed.responses) {
    if (!isJsonObject(r) || typeof r.id !== 'string' || typeof r.status !== 'number') continue;
    const headers: IncomingHttpHeaders = {};
    // Inner headers keep whatever case Graph wrote them in.
    if (isJsonObject(r.headers)) for (const [k, v] of Object.entries(r.headers)) if (typeof v === 'string') headers[k.toLowerCase()] = v;
    byId.set(r.id, { status: r.status, headers, body: r.body });
  }
  return byId;
}

/** One inner answer's result; whatever goes wrong reading it fails that profile alone, never the batch. */
function innerResult(inner: InnerResponse): ProfileResult {
  if (inner.status === 404) return null;
  try {
    // An inner error body arrives parsed; the error detail reads Graph's text. Serialising it throws
    // on a body nested too deep (200,000 levels): that answer cannot be read.
    if (!isSuccess(inner.status)) return answerError({ ...inner, text: typeof inner.body === 'string' ? inner.body : JSON.stringify(inner.body ?? '') });
    return entityIn(inner.body, inner.status, inner.headers, 'the batched answer');
  } catch (err) {
    return err instanceof GraphClientError ? err : new GraphProtocolError(inner.status, 'the batched answer cannot be read', header(inner.headers, 'request-id'));
  }
}
