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
  const clientRequestId = reqHeaders['client-request-id'];
  const text = JSON.stringify({
    error: {
      code,
      message,
      innerError: {
        date: new Date().toISOString().replace(/\.\d+Z$/, ''),
        'request-id': requestId,
        'client-request-id': typeof clientRequestId === 'string' ? clientRequestId : requestId,
      },
    },
  });
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
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
