import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode } from '../errors.js';
import type { Lifecycle } from './lifecycle.js';
import { truncated } from '../observability/truncate.js';
import type { GatewayMetrics } from '../observability/metrics.js';

/**
 * /health, /ready and /metrics: for probes and scrapers, so none of them calls Graph. Reached only
 * when the path is not /graphql, so GraphQL requests pay nothing for them.
 */
export async function operational(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  options: { readonly lifecycle: Lifecycle; readonly metrics: GatewayMetrics; readonly graphqlPath: string },
): Promise<void> {
  const known = pathname === '/health' || pathname === '/ready' || pathname === '/metrics';
  if (!known) {
    return sendJson(res, 404, { error: { code: ErrorCode.NOT_FOUND, message: `Nothing at ${truncated(pathname)}; GraphQL is served at ${options.graphqlPath}` } });
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    return sendJson(res, 405, { error: { code: ErrorCode.METHOD_NOT_ALLOWED, message: `${pathname} answers GET and HEAD` } });
  }
  res.setHeader('cache-control', 'no-store');
  if (pathname === '/health') return sendJson(res, 200, { status: 'ok' });
  if (pathname === '/ready') {
    const phase = options.lifecycle.phase;
    return sendJson(res, options.lifecycle.ready ? 200 : 503, { status: options.lifecycle.ready ? 'ready' : 'not ready', phase });
  }
  const text = await options.metrics.render();
  res.writeHead(200, { 'content-type': options.metrics.contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
