import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import { GraphHttpError, type GraphErrorDetail } from './errors.js';

/** One answer from Graph, body read in full. */
export interface RawAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
}

/** The error an answer outside 2xx becomes, carrying Graph's Retry-After. */
export function answerError(answer: RawAnswer): GraphHttpError {
  return new GraphHttpError(
    errorDetail(answer.status, answer.headers, answer.text),
    retryAfterSeconds(header(answer.headers, 'retry-after')),
  );
}

// Graph's error bodies are small; anything larger is a proxy page or abuse, and is cut here.
const MAX_BODY_BYTES = 8 * 1024 * 1024;

/** Reads a body to text, up to a limit; the rest is discarded so the socket goes back to the pool. */
export async function readText(body: Dispatcher.ResponseData<unknown>["body"]): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) {
      body.destroy();
      throw new RangeError(`response body larger than ${MAX_BODY_BYTES} bytes`);
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function header(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name];
  if (Array.isArray(value)) return value[0] ?? null;
  return value ?? null;
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
    if (isObject(parsed) && isObject(parsed.error)) error = parsed.error;
  } catch {
    // not JSON: keep the headers' word only
  }
  const inner = isObject(error.innerError) ? error.innerError : isObject(error.innererror) ? error.innererror : {};
  return {
    status,
    code: str(error.code),
    message: str(error.message)?.slice(0, 1000) ?? null,
    requestId: str(inner['request-id']) ?? str(inner.requestId) ?? header(headers, 'request-id'),
    clientRequestId: str(inner['client-request-id']) ?? header(headers, 'client-request-id'),
    date: str(inner.date) ?? header(headers, 'date'),
  };
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

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
