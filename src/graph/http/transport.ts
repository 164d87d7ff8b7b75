import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher, Pool } from 'undici';
import { DEFAULT_ANSWER_MAX_BYTES, readText } from './answers.js';
import { GraphUnavailableError, MissingTokenError, ReadBudgetExceededError } from './errors.js';
import { createFreshConnection, createGraphPool, type PoolOptions } from './pool.js';
import { isJsonObject, type GraphAnswer, type GraphExchange, type GraphObserver, type GraphRequest } from './types.js';

const USER_AGENT = 'ipsecurityprofile-gateway/0.1';

export interface TransportOptions {
  /** Graph's root with its version path, no trailing slash: `https://graph.microsoft.com/beta`. */
  readonly baseUrl: string;
  /** Per attempt: connect, headers, and each gap in the body (ms). */
  readonly timeoutMs: number;
  /** Told of every attempt, answered or not. */
  readonly observer?: GraphObserver | undefined;
  /** Longest answer read (bytes); a longer one fails as UPSTREAM_UNAVAILABLE (RESPONSE_TOO_LARGE). */
  readonly answerMaxBytes?: number | undefined;
}

/** One attempt at a time on the pooled connection to Graph's origin: a request in, an answer out. No retries. */
export class GraphTransport {
  /** Graph's origin and version path: list cursors may lead nowhere else. */
  readonly origin: string;
  readonly basePath: string;
  readonly timeoutMs: number;
  private readonly answerMaxBytes: number;
  private readonly pool: Pool;
  private readonly poolOptions: PoolOptions;
  private readonly observer: GraphObserver | undefined;

  constructor(options: TransportOptions) {
    const base = new URL(options.baseUrl);
    this.origin = base.origin;
    this.basePath = base.pathname.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs;
    this.answerMaxBytes = options.answerMaxBytes ?? DEFAULT_ANSWER_MAX_BYTES;
    this.observer = options.observer;
    this.poolOptions = { origin: base.origin, timeoutMs: options.timeoutMs };
    this.pool = createGraphPool(this.poolOptions);
  }

  /** The pool's sockets and requests right now (connected, free, pending, queued, running, size). */
  get poolStats(): Pool['stats'] {
    return this.pool.stats;
  }

  async close(): Promise<void> {
    await this.pool.close();
  }

  /** One HTTP exchange with Graph. The body is always read (or discarded), never left on the socket. */
  async send(request: GraphRequest): Promise<GraphAnswer> {
    const { caller, method, path, body } = request;
    if ('problem' in caller.credential) throw new MissingTokenError(caller.credential.problem);
    request.budget?.checkBeforeSend();
    const attempt = request.attempt ?? 0;
    const headers: Record<string, string> = {
      ...caller.propagate,
      authorization: `Bearer ${caller.credential.token}`,
      accept: 'application/json',
      'client-request-id': caller.clientRequestId,
      'user-agent': USER_AGENT,
      ...request.headers,
    };
    if (attempt > 0) headers['retry-attempt'] = String(attempt);
    if (body !== undefined) headers['content-type'] = 'application/json';
    const freshConnection = request.freshConnection ? createFreshConnection(this.poolOptions) : null;
    const dispatcher: Dispatcher = freshConnection ?? this.pool;
    this.observer?.onExchangeStart?.();
    const started = performance.now();
    let status: number | null = null;
    let responseHeaders: IncomingHttpHeaders = {};
    const observe = (failure: string | null): void => {
      const exchange: GraphExchange = {
        method,
        path,
        status,
        failure,
        durationMs: performance.now() - started,
        clientRequestId: caller.clientRequestId,
        attempt: attempt + 1,
        headers: responseHeaders,
      };
      this.observer?.onExchange(exchange);
      caller.onExchange?.(exchange);
    };
    try {
      const res = await dispatcher.request({
        method,
        path: this.basePath + path,
        headers,
        body,
        signal: request.signal ?? caller.signal,
      });
      status = res.statusCode;
      responseHeaders = res.headers;
      let text: string;
      try {
        text = await readText(res.body, this.answerMaxBytes, request.budget);
      } finally {
        // An aborted or failed read must not leave the body (and its socket) hanging.
        if (!res.body.destroyed) res.body.destroy();
      }
      observe(null);
      return { status, headers: responseHeaders, text };
    } catch (err) {
      const failure = err instanceof ReadBudgetExceededError ? 'READ_BUDGET_EXCEEDED' : causeCode(err);
      observe(failure);
      // The request's budget is spent: not Graph's failure, and no retry would read less.
      if (err instanceof ReadBudgetExceededError) throw err;
      // `status` is set when the status line arrived before the body failed: the caller must know.
      throw new GraphUnavailableError(failure, { cause: err, answeredStatus: status });
    } finally {
      await freshConnection?.destroy();
    }
  }
}

function causeCode(err: unknown): string {
  if (isJsonObject(err) && typeof err.code === 'string') return err.code;
  if (err instanceof Error && err.name === 'AbortError') return 'ABORTED';
  if (err instanceof RangeError) return 'RESPONSE_TOO_LARGE';
  return 'UNKNOWN';
}
