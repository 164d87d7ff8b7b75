import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

// How Graph answers: its headers on every response, its JSON content type, its error body.

export const JSON_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

/** Graph's headers on every answer: its own request-id, the caller's client-request-id echoed. */
export function graphHeaders(res: ServerResponse, reqHeaders: IncomingHttpHeaders): string {
  const requestId = randomUUID();
  res.setHeader('request-id', requestId);
  const clientRequestId = reqHeaders['client-request-id'];
  if (typeof clientRequestId === 'string') res.setHeader('client-request-id', clientRequestId);
  res.setHeader('x-ms-ags-diagnostic', '{"ServerInfo":{"DataCenter":"Emulator","Slice":"E","Ring":"0","ScaleUnit":"000","RoleInstance":"EMULATOR"}}');
  return requestId;
}

export function json(res: ServerResponse, reqHeaders: IncomingHttpHeaders, status: number, value: unknown): void {
  graphHeaders(res, reqHeaders);
  const text = JSON.stringify(value);
  res.writeHead(status, { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function empty(res: ServerResponse, reqHeaders: IncomingHttpHeaders, status: number): void {
  graphHeaders(res, reqHeaders);
  res.writeHead(status);
  res.end();
}

export function graphError(res: ServerResponse, reqHeaders: IncomingHttpHeaders, status: number, code: string, message: string): void {
  if (res.headersSent) return void res.destroy();
  const requestId = graphHeaders(res, reqHeaders);
  const text = JSON.stringify(errorBody(reqHeaders, requestId, code, message));
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Graph's error body. */
export function errorBody(reqHeaders: IncomingHttpHeaders, requestId: string, code: string, message: string) {
  const clientRequestId = reqHeaders['client-request-id'];
  return {
    error: {
      code,
      message,
      innerError: {
        date: new Date().toISOString().replace(/\.\d+Z$/, ''),
        'request-id': requestId,
        'client-request-id': typeof clientRequestId === 'string' ? clientRequestId : requestId,
      },
    },
  };
}

/**
 * An answer before it is written: the same value goes onto the wire for a plain request and into a
 * `$batch` response for an inner one.
 */
export interface Answer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** A JSON value; undefined for no body (204). */
  readonly body?: unknown;
}

export function errorAnswer(reqHeaders: IncomingHttpHeaders, status: number, code: string, message: string): Answer {
  return { status, headers: { 'content-type': 'application/json' }, body: errorBody(reqHeaders, randomUUID(), code, message) };
}

export function jsonAnswer(status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): Answer {
  return { status, headers: { 'content-type': JSON_TYPE, ...headers }, body };
}

/** An answer as the bytes Graph would send: what damaging faults (stall, truncate, delay) start from. */
export function renderAnswer(answer: Answer): { status: number; headers: Record<string, string>; text: string } {
  const headers = { ...answer.headers };
  if (answer.body === undefined) return { status: answer.status, headers, text: '' };
  return { status: answer.status, headers: { 'content-type': JSON_TYPE, ...headers }, text: JSON.stringify(answer.body) };
}

export function sendAnswer(res: ServerResponse, reqHeaders: IncomingHttpHeaders, answer: Answer): void {
  for (const [k, v] of Object.entries(answer.headers ?? {})) if (k !== 'content-type') res.setHeader(k, v);
  if (answer.body === undefined) return empty(res, reqHeaders, answer.status);
  graphHeaders(res, reqHeaders);
  const text = JSON.stringify(answer.body);
  res.writeHead(answer.status, { 'content-type': answer.headers?.['content-type'] ?? JSON_TYPE, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
