import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import { GraphHttpError, GraphProtocolError, ReadBudgetExceededError, type GraphErrorDetail } from './errors.js';
import { isJsonObject, type ByteBudget, type GraphAnswer, type GraphEntity } from './types.js';

// Reading Graph's answers, in one place: the body off the socket, a 2xx body into JSON or an entity,
// and a non-2xx answer into its GraphHttpError.

/** Graph's answers are at most this long unless configured (GRAPH_ANSWER_MAX_BYTES): a page of 1000 profiles is about 1 MB. */
export const DEFAULT_ANSWER_MAX_BYTES = 8 * 1024 * 1024;

/** Past `maxBytes` a body is not read on: Graph sent too much, which is Graph unavailable to us, not an unreadable answer. */
export class AnswerTooLargeError extends RangeError {
  constructor(readonly maxBytes: number) {
    super(`response body larger than ${maxBytes} bytes`);
    this.name = 'AnswerTooLargeError';
  }
}

/**
 * Reads a body to text, up to `maxBytes`, each chunk counted against the request's budget; past
 * either the body is destroyed (and its socket with it) and the read throws. By events, not
 * `for await`: an async iterator per Graph answer is measurable CPU (docs/performance.md).
 */
export function readText(body: Dispatcher.ResponseData<unknown>['body'], maxBytes = DEFAULT_ANSWER_MAX_BYTES, budget?: ByteBudget): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let taken = 0;
    const fail = (err: unknown): void => {
      stop();
      // undici's body, destroyed unfinished, emits its own AbortError: the read already failed with ours.
      body.on('error', ignore);
      body.destroy();
      // A dropped answer is not held, so a read-back after a too-large PATCH answer can still be made;
      // a spent budget stays spent, so the request stops.
      if (!(err instanceof ReadBudgetExceededError)) budget?.refund(taken);
      reject(err);
    };
    const onData = (chunk: Buffer): void => {
      try {
        size += chunk.length;
        if (size > maxBytes) throw new AnswerTooLargeError(maxBytes);
        budget?.take(chunk.length);
        taken += chunk.length;
        chunks.push(chunk);
      } catch (err) {
        fail(err);
      }
    };
    const onEnd = (): void => {
      stop();
      resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8'));
    };
    // Destroyed without an error (closed under us): incomplete, in the words Node's stream iterator used.
    const onClose = (): void => fail(prematureClose());
    function stop(): void {
      body.off('data', onData).off('end', onEnd).off('error', fail).off('close', onClose);
    }
    if (body.destroyed) return fail(body.errored ?? prematureClose());
    body.on('data', onData).on('end', onEnd).on('error', fail).on('close', onClose);
  });
}

const ignore = (): void => {};

function prematureClose(): Error {
  return Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
}

export function header(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name];
  if (Array.isArray(value)) return value[0] ?? null;
  return value ?? null;
}

export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

/** The error an answer outside 2xx becomes, carrying Graph's Retry-After. */
export function answerError(answer: GraphAnswer): GraphHttpError {
  return new GraphHttpError(errorDetail(answer.status, answer.headers, answer.text), retryAfterOf(answer.headers));
}

/**
 * The JSON of a 2xx answer. A non-2xx answer throws its GraphHttpError; a body that is not JSON
 * throws a GraphProtocolError naming `subject` ("the body", "the batch answer").
 */
export function jsonOf(answer: GraphAnswer, subject = 'the body'): unknown {
  if (!isSuccess(answer.status)) throw answerError(answer);
  try {
    return JSON.parse(answer.text) as unknown;
  } catch {
    throw new GraphProtocolError(answer.status, `${subject} is not JSON`, header(answer.headers, 'request-id'));
  }
}

/** The entity of a 2xx answer; throws as jsonOf does, or when the JSON is not an object. */
export function entityOf(answer: GraphAnswer): GraphEntity {
  return entityIn(jsonOf(answer), answer.status, answer.headers, 'the body');
}

/** `value` as an entity, or the GraphProtocolError of an answer that should have been one. */
export function entityIn(value: unknown, status: number, headers: IncomingHttpHeaders, subject: string): GraphEntity {
  if (isJsonObject(value)) return value;
  throw new GraphProtocolError(status, `${subject} is not a JSON object`, header(headers, 'request-id'));
}

/**
 * Graph's error body is `{"error": {"code", "message", "innerError": {"request-id" | "requestId",
 * "client-request-id", "date"}}}`, but a proxy in front of Graph can answer with HTML or nothing at
 * all: never assume JSON. Headers fill what the body does not say.
 */
export function errorDetail(status: number, headers: IncomingHttpHeaders, text: string): GraphErrorDetail {
  let error: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (isJsonObject(parsed) && isJsonObject(parsed.error)) error = parsed.error;
  } catch {
    // not JSON: keep the headers' word only
  }
  const inner = isJsonObject(error.innerError) ? error.innerError : isJsonObject(error.innererror) ? error.innererror : {};
  return {
    status,
    code: str(error.code),
    // Cut, with a marker, where it leaves the gateway (src/errors.ts), as every outside string is.
    message: str(error.message),
    requestId: str(inner['request-id']) ?? str(inner.requestId) ?? header(headers, 'request-id'),
    clientRequestId: str(inner['client-request-id']) ?? header(headers, 'client-request-id'),
    date: str(inner.date) ?? header(headers, 'date'),
  };
}

/** The answer's Retry-After in seconds, when it has a readable one. */
export function retryAfterOf(headers: IncomingHttpHeaders): number | null {
  return retryAfterSeconds(header(headers, 'retry-after'));
}

/** Retry-After in seconds: a number of seconds (possibly fractional, `2.128`) or an HTTP date. */
export function retryAfterSeconds(value: string | null, now = Date.now()): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, (at - now) / 1000);
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
