import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';

// How Graph answers: its headers, its JSON content type, its error body. An answer is built once as a
// value, then written to the wire for a plain request or into a `$batch` response for an inner one,
// with header names spelled as Graph spells them (SDKs read `Content-Type` in a batch case-sensitively).

export const JSON_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';
const SUCCESS_HEADERS = { 'Cache-Control': 'no-cache', 'OData-Version': '4.0' } as const;
const ERROR_HEADERS = { 'Cache-Control': 'no-cache', 'Content-Type': 'application/json' } as const;

export interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** A JSON value; undefined for no body (204) or when `text` carries it. */
  readonly body?: unknown;
  /** A non-JSON body (`/$count` answers text/plain). */
  readonly text?: string;
  /** `body` as a fault wrote it: a `$batch` embeds this text, never a re-serialised copy. */
  readonly json?: string;
  /** The one request-id of this answer: in its header and, for an error, in `innerError`. */
  readonly requestId: string;
}

/** The bytes of an answer: what the wire gets, and what damaging faults (stall, truncate, delay) cut up. */
export interface RenderedAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
  readonly requestId: string;
}

export function jsonAnswer(status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): Answer {
  return { status, headers: { ...SUCCESS_HEADERS, 'Content-Type': JSON_TYPE, ...headers }, body, requestId: randomUUID() };
}

export function textAnswer(status: number, text: string): Answer {
  return { status, headers: { ...SUCCESS_HEADERS, 'Content-Type': 'text/plain' }, text, requestId: randomUUID() };
}

export function noContent(headers: Readonly<Record<string, string>> = {}): Answer {
  return { status: 204, headers: { ...SUCCESS_HEADERS, ...headers }, requestId: randomUUID() };
}

export function errorAnswer(reqHeaders: IncomingHttpHeaders, status: number, code: string, message: string, headers: Readonly<Record<string, string>> = {}): Answer {
  const requestId = randomUUID();
  return { status, headers: { ...ERROR_HEADERS, ...headers }, body: errorBody(reqHeaders, requestId, code, message), requestId };
}

/** 405 names the methods the target allows, in `Allow`. */
export function methodNotAllowed(reqHeaders: IncomingHttpHeaders, allow: string): Answer {
  return errorAnswer(reqHeaders, 405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request target.', { Allow: allow });
}

/** Graph's error body. Without a client-request-id from the caller, Graph reports its request-id there. */
export function errorBody(reqHeaders: IncomingHttpHeaders, requestId: string, code: string, message: string) {
  return {
    error: {
      code,
      message,
      innerError: {
        date: new Date().toISOString().replace(/\.\d+Z$/, ''),
        'request-id': requestId,
        'client-request-id': clientRequestId(reqHeaders) ?? requestId,
      },
    },
  };
}

export function clientRequestId(reqHeaders: IncomingHttpHeaders): string | undefined {
  const value = reqHeaders['client-request-id'];
  return typeof value === 'string' ? value : undefined;
}

export function renderAnswer(answer: Answer): RenderedAnswer {
  const text = answer.text ?? (answer.body === undefined ? '' : JSON.stringify(answer.body));
  return { status: answer.status, headers: answer.headers, text, requestId: answer.requestId };
}

/** Writes status and headers: the answer's own, then Graph's on every answer (request-id, client-request-id echoed). */
export function writeHead(res: ServerResponse, reqHeaders: IncomingHttpHeaders, rendered: RenderedAnswer): void {
  for (const [name, value] of Object.entries(rendered.headers)) res.setHeader(name, value);
  res.setHeader('request-id', rendered.requestId);
  res.setHeader('client-request-id', clientRequestId(reqHeaders) ?? rendered.requestId);
  res.setHeader('x-ms-ags-diagnostic', '{"ServerInfo":{"DataCenter":"Emulator","Slice":"E","Ring":"0","ScaleUnit":"000","RoleInstance":"EMULATOR"}}');
  res.writeHead(rendered.status, { 'content-length': Buffer.byteLength(rendered.text) });
}

export function sendAnswer(res: ServerResponse, reqHeaders: IncomingHttpHeaders, answer: Answer): void {
  if (res.headersSent) return void res.destroy();
  const rendered = renderAnswer(answer);
  writeHead(res, reqHeaders, rendered);
  res.end(rendered.text);
}

export function graphError(res: ServerResponse, reqHeaders: IncomingHttpHeaders, status: number, code: string, message: string): void {
  sendAnswer(res, reqHeaders, errorAnswer(reqHeaders, status, code, message));
}
