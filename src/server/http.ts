import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { Context } from '../context.js';
import type { Lifecycle } from './lifecycle.js';
import type { GatewayMetrics } from '../observability/metrics.js';

export interface HttpOptions {
  readonly corsOrigins: readonly string[];
  readonly bodyLimitBytes: number;
  /** Builds the per-request context; `signal` aborts when the caller goes away. */
  readonly context: (req: IncomingMessage, signal: AbortSignal) => Context;
  /** Read by /ready. */
  readonly lifecycle: Lifecycle;
  /** Served at /metrics; counts GraphQL requests in flight. */
  readonly metrics: GatewayMetrics;
}

const GRAPHQL_PATH = '/graphql';

/** The gateway's node:http handler: CORS, body limits and JSON parsing in front of Apollo. */
export function createHttpHandler(apollo: ApolloServer<Context>, options: HttpOptions) {
  const allowOrigin = originMatcher(options.corsOrigins);

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const pathname = q === -1 ? url : url.slice(0, q);
    if (pathname !== GRAPHQL_PATH && pathname !== `${GRAPHQL_PATH}/`) return operational(req, res, pathname, options);
    options.metrics.requestStarted();
    try {
      await handleGraphQL(req, res, url, q);
    } finally {
      options.metrics.requestEnded();
    }
  };

  async function handleGraphQL(req: IncomingMessage, res: ServerResponse, url: string, q: number): Promise<void> {
    const origin = req.headers.origin;
    if (origin !== undefined && allowOrigin(origin)) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('vary', 'Origin');
      res.setHeader('access-control-expose-headers', 'client-request-id');
    }
    if (req.method === 'OPTIONS') {
      if (origin !== undefined && allowOrigin(origin)) {
        res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
        res.setHeader(
          'access-control-allow-headers',
          req.headers['access-control-request-headers'] ?? 'authorization, content-type, apollo-require-preflight, x-apollo-operation-name',
        );
        res.setHeader('access-control-max-age', '600');
      }
      res.statusCode = 204;
      return void res.end();
    }

    let body: unknown;
    if (req.method === 'POST') {
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > options.bodyLimitBytes) return tooLarge(res, options.bodyLimitBytes);
      const raw = await readBody(req, options.bodyLimitBytes);
      if (raw === null) return tooLarge(res, options.bodyLimitBytes);
      if (/^application\/(graphql-response\+)?json/i.test(req.headers['content-type'] ?? '') && raw.length > 0) {
        try {
          body = JSON.parse(raw);
        } catch {
          return sendJson(res, 400, { errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
        }
      } else {
        body = raw;
      }
    }

    // The caller going away aborts every Graph call this request still has in flight.
    const abort = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) abort.abort();
    });

    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const answer = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: q === -1 ? '' : url.slice(q), body },
      context: async () => options.context(req, abort.signal),
    });
    for (const [key, value] of answer.headers) res.setHeader(key, value);
    res.statusCode = answer.status ?? 200;
    if (answer.body.kind === 'complete') return void res.end(answer.body.string);
    for await (const chunk of answer.body.asyncIterator) res.write(chunk);
    res.end();
  }
}

/**
 * /health, /ready and /metrics: for probes and scrapers, so none of them calls Graph. Reached only
 * when the path is not /graphql, so GraphQL requests pay nothing for them.
 */
async function operational(req: IncomingMessage, res: ServerResponse, pathname: string, options: HttpOptions): Promise<void> {
  const known = pathname === '/health' || pathname === '/ready' || pathname === '/metrics';
  if (!known) {
    return sendJson(res, 404, { error: { code: 'NOT_FOUND', message: `Nothing at ${pathname}; GraphQL is served at ${GRAPHQL_PATH}` } });
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    return sendJson(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: `${pathname} answers GET and HEAD` } });
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

/** Reads the body as UTF-8, or null as soon as it passes the limit. */
async function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tooLarge(res: ServerResponse, limit: number): void {
  res.setHeader('connection', 'close');
  sendJson(res, 413, { errors: [{ message: `The request body exceeds ${limit} bytes`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Exact origins, `*`, or `scheme://host:*` for any port of a host. */
function originMatcher(allowed: readonly string[]): (origin: string) => boolean {
  const exact = new Set(allowed.filter((o) => !o.endsWith(':*')));
  const anyPort = allowed.filter((o) => o.endsWith(':*')).map((o) => o.slice(0, -1));
  return (origin) =>
    exact.has('*') || exact.has(origin) || anyPort.some((prefix) => origin.startsWith(prefix) && /^\d+$/.test(origin.slice(prefix.length)));
}
