import { getEventListeners } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import { requestIdOf, type Context } from '../context.js';
import { ErrorCode, internalErrorBody } from '../errors.js';
import { linesHandedOver, type Logger } from '../observability/logger.js';
import type { GatewayMetrics } from '../observability/metrics.js';
import type { CompiledPath } from './compiled/path.js';
import type { InFlightLimit } from './inFlight.js';
import { RequestDeadlines } from './deadlines.js';
import type { Lifecycle } from './lifecycle.js';
import { operational, sendJson } from './operational.js';

export interface HttpOptions {
  readonly corsOrigins: readonly string[];
  readonly bodyLimitBytes: number;
  /**
   * Builds the per-request context; `signal` aborts when the caller goes away, or with a TimeoutError
   * at `deadlineAt` (performance.now() ms), the request's one deadline.
   */
  readonly context: (req: IncomingMessage, signal: AbortSignal, requestId: string, deadlineAt: number) => Context;
  /** REQUEST_DEADLINE_MS: one budget per GraphQL request, from when it has a slot. */
  readonly requestDeadlineMs: number;
  /** Read by /ready. */
  readonly lifecycle: Lifecycle;
  /** Served at /metrics; counts GraphQL requests in flight. */
  readonly metrics: GatewayMetrics;
  /** GraphQL requests executing at once (MAX_IN_FLIGHT). */
  readonly inFlight: InFlightLimit;
  readonly logger: Logger;
  /** Answers documents seen before without Apollo's pipeline; absent with COMPILED_PATH=false. */
  readonly compiled?: CompiledPath | null;
}

const GRAPHQL_PATH = '/graphql';
// Why Graph work still running once its request was answered is ended (an AbortError: not the deadline).
const ANSWERED = new DOMException('the request was answered', 'AbortError');
// Seconds a request refused for load is told to wait: slots free up as fast as Graph answers.
const OVERLOAD_RETRY_AFTER_SECONDS = 1;

/** The gateway's node:http handler: CORS, body limits, JSON parsing and load in front of Apollo. */
export function createHttpHandler(apollo: ApolloServer<Context>, options: HttpOptions) {
  const allowOrigin = originMatcher(options.corsOrigins);
  const { logger } = options;
  const deadlines = new RequestDeadlines();

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const pathname = q === -1 ? url : url.slice(0, q);
    if (pathname !== GRAPHQL_PATH && pathname !== `${GRAPHQL_PATH}/`) {
      return operational(req, res, pathname, { ...options, graphqlPath: GRAPHQL_PATH }).catch((err: unknown) => failed(req, res, err, null));
    }
    // Every answer from here on, early refusals included, carries the request id.
    const requestId = requestIdOf(req.headers);
    res.setHeader('client-request-id', requestId);
    options.metrics.requestStarted();
    try {
      await handleGraphQL(req, res, url, q, requestId);
    } catch (err) {
      failed(req, res, err, requestId);
    } finally {
      options.metrics.requestEnded();
    }
  };

  /** Whatever escaped: a client that went away is no error of ours; anything else is, masked. */
  function failed(req: IncomingMessage, res: ServerResponse, err: unknown, requestId: string | null): void {
    if (req.destroyed || res.destroyed) {
      logger.debug({ requestId, reason: err instanceof Error ? err.message : String(err) }, 'client went away before the answer');
      return;
    }
    logger.error({ err, requestId }, 'request failed outside GraphQL');
    logger.flush();
    if (!res.headersSent) sendJson(res, 500, internalErrorBody(requestId));
    else res.end();
  }

  async function handleGraphQL(req: IncomingMessage, res: ServerResponse, url: string, q: number, requestId: string): Promise<void> {
    const refuse = (status: number, code: ErrorCode, message: string): void => {
      logger.flush(); // a request's log lines leave before its answer (src/observability/stdoutLines.ts)
      sendJson(res, status, { errors: [{ message, extensions: { code, requestId } }] });
    };
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
      const tooLarge = (): void => {
        res.setHeader('connection', 'close');
        refuse(413, ErrorCode.PAYLOAD_TOO_LARGE, `The request body exceeds ${options.bodyLimitBytes} bytes`);
      };
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > options.bodyLimitBytes) return tooLarge();
      const raw = await readBody(req, options.bodyLimitBytes);
      if (raw === null) return tooLarge();
      if (/^application\/(graphql-response\+)?json/i.test(req.headers['content-type'] ?? '') && raw.length > 0) {
        try {
          body = JSON.parse(raw);
        } catch {
          return refuse(400, ErrorCode.BAD_REQUEST, 'The request body is not valid JSON');
        }
      } else {
        body = raw;
      }
    }

    // Queued after the body is read: a slow upload holds a connection (bounded by REQUEST_TIMEOUT_MS),
    // never a slot.
    if (!(await options.inFlight.acquire())) {
      res.setHeader('retry-after', String(OVERLOAD_RETRY_AFTER_SECONDS));
      logger.warn({ requestId, maxInFlight: options.inFlight.max }, 'refused: too many GraphQL requests in flight');
      return refuse(503, ErrorCode.OVERLOADED, `The gateway is busy (${options.inFlight.max} requests in flight); retry in ${OVERLOAD_RETRY_AFTER_SECONDS} s`);
    }
    try {
      if (res.destroyed) return logger.debug({ requestId }, 'client went away while waiting for a slot');
      await execute(req, res, url, q, body, requestId);
    } finally {
      options.inFlight.release();
    }
  }

  async function execute(req: IncomingMessage, res: ServerResponse, url: string, q: number, body: unknown, requestId: string): Promise<void> {
    // The caller going away, or the request's deadline passing, aborts every Graph call this request
    // still has in flight: one signal for the request, one timer for all requests.
    const abort = new AbortController();
    const deadlineAt = performance.now() + options.requestDeadlineMs;
    const released = deadlines.watch(deadlineAt, abort);
    res.once('close', () => {
      released();
      if (!res.writableFinished) abort.abort();
      // Answered while a Graph call still runs (graphql-js answers once a non-null field failed, its
      // siblings' calls left in flight: reads, as a mutation's fields run one after another): nobody
      // will read what it brings, so it ends now rather than run on to GRAPH_TIMEOUT_MS.
      else if (getEventListeners(abort.signal, 'abort').length > 0) abort.abort(ANSWERED);
    });

    const context = (): Context => options.context(req, abort.signal, requestId, deadlineAt);
    if (options.compiled && (await options.compiled.serve(req, res, body, context))) return;

    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const answer = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: q === -1 ? '' : url.slice(q), body },
      context: async () => context(),
    });
    options.compiled?.learn(req, answer);
    // A request's log lines leave before its answer, with the others of this turn (src/observability/stdoutLines.ts).
    await linesHandedOver(logger);
    for (const [key, value] of answer.headers) res.setHeader(key, value);
    res.statusCode = answer.status ?? 200;
    if (answer.body.kind === 'complete') {
      // Apollo refuses some requests before any plugin runs (CSRF, batch arrays, a failed context):
      // only those answers lack the header our operation plugin sets.
      const early = res.statusCode >= 400 && !answer.headers.has('client-request-id');
      return void res.end(early ? withRequestId(answer.body.string, requestId) : answer.body.string);
    }
    for await (const chunk of answer.body.asyncIterator) res.write(chunk);
    res.end();
  }
}

/** `extensions.requestId` on every error of a JSON error answer; anything else unchanged. */
function withRequestId(text: string, requestId: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text;
  }
  if (typeof parsed !== 'object' || parsed === null || !('errors' in parsed) || !Array.isArray(parsed.errors)) return text;
  const errors: unknown[] = parsed.errors;
  const tagged = errors.map((e) => (typeof e === 'object' && e !== null ? { ...e, extensions: { ...('extensions' in e && typeof e.extensions === 'object' ? e.extensions : {}), requestId } } : e));
  return JSON.stringify({ ...parsed, errors: tagged });
}

/**
 * Reads the body as UTF-8, or null as soon as it passes the limit. Events rather than `for await`:
 * an async iterator per request cost 2 % of the compiled path's CPU (docs/performance.md).
 */
function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        finish();
        resolve(null);
      } else chunks.push(chunk);
    };
    const onEnd = (): void => {
      finish();
      resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8'));
    };
    const onError = (err: Error): void => {
      finish();
      reject(err);
    };
    // A client gone mid-body: the same error the iterator gave, so the caller's handling is unchanged.
    const onClose = (): void => {
      if (!req.complete) onError(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
    };
    function finish(): void {
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
    }
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}

/** Exact origins, `*`, or `scheme://host:*` for any port of a host. */
function originMatcher(allowed: readonly string[]): (origin: string) => boolean {
  const exact = new Set(allowed.filter((o) => !o.endsWith(':*')));
  const anyPort = allowed.filter((o) => o.endsWith(':*')).map((o) => o.slice(0, -1));
  return (origin) =>
    exact.has('*') || exact.has(origin) || anyPort.some((prefix) => origin.startsWith(prefix) && /^\d+$/.test(origin.slice(prefix.length)));
}
