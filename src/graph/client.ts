import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher, Pool } from 'undici';
import { Deadline } from './deadline.js';
import { createFreshConnection, createGraphDispatcher, type DispatcherOptions } from './dispatcher.js';
import { GraphClientError, GraphProtocolError, GraphUnavailableError, MissingTokenError } from './errors.js';
import { profilePath } from './paths.js';
import { answerError, header, isObject, readText, type RawAnswer } from './responses.js';
import { readWithRetry, writeWithRetry, type RetryScope } from './retry.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retryPolicy.js';
import { getProfilesBatched, type ProfileResult } from './batch.js';
import { listRequestPath, readPage, type ListRequest, type ProfilePage } from './list.js';
import { encodeOptionValue, selectValue } from './odataQuery.js';

export type { RawAnswer } from './responses.js';
export type { ProfileResult } from './batch.js';
export type { ListRequest, ProfilePage } from './list.js';

/** A Graph entity as JSON: what Graph sent, or what we send. */
export type GraphEntity = Record<string, unknown>;

/** One HTTP exchange with Graph, as observers (logs, metrics) see it. Never carries the token. */
export interface GraphExchange {
  readonly method: string;
  /** The path after the base URL, id included (encoded). */
  readonly path: string;
  /** Graph's status, or null when no answer came. */
  readonly status: number | null;
  /** Why no answer came (undici or socket code), when none did. */
  readonly failure: string | null;
  readonly durationMs: number;
  readonly clientRequestId: string;
  /** 1 for the first try of a call, N + 1 for its Nth retry (which carried `Retry-Attempt: N`). */
  readonly attempt: number;
  /** Graph's response headers (request-id, Date, x-ms-ags-diagnostic, Deprecation, ...); empty without an answer. */
  readonly headers: IncomingHttpHeaders;
}

export interface GraphObserver {
  /** An attempt is about to go out; `onExchange` follows for every one, answered or not. */
  onExchangeStart?(): void;
  onExchange(exchange: GraphExchange): void;
}

export interface GraphClientOptions {
  /** Graph's root with its version path, no trailing slash: `https://graph.microsoft.com/beta`. */
  readonly baseUrl: string;
  readonly timeoutMs: number;
  /** Retries, backoff and the per-field deadline; DEFAULT_RETRY_POLICY fills what is left out. */
  readonly retry?: Partial<RetryPolicy>;
  /** Told of every exchange (every attempt), success or failure. */
  readonly observer?: GraphObserver;
}

/** How one attempt goes out; retry.ts sets these, a plain call needs none. */
export interface SendOptions {
  /** 0 for a first try; N > 0 sends `Retry-Attempt: N`. */
  readonly attempt?: number;
  /** Ends the attempt (the deadline or the caller); the caller's own signal when absent. */
  readonly signal?: AbortSignal;
  /** Use a new connection outside the pool, closed after the answer (retrying a 503). */
  readonly freshConnection?: boolean;
}

/** Who is calling, for one incoming request. */
export interface GraphCaller {
  /** The caller's bearer token, or why there is none usable. */
  readonly credential: { readonly token: string } | { readonly problem: string };
  /** Sent as `client-request-id` on every Graph call this request makes. */
  readonly clientRequestId: string;
  /** Aborts in-flight Graph calls when the caller goes away. */
  readonly signal?: AbortSignal;
  /** Headers carried from the incoming request onto every Graph call (trace context). */
  readonly propagate?: Readonly<Record<string, string>>;
  /** Told of this caller's exchanges, after the client's observer (request-scoped: Graph's warnings). */
  readonly onExchange?: (exchange: GraphExchange) => void;
}

const USER_AGENT = 'ipsecurityprofile-gateway/0.1';

/** One per process: owns the pooled connection to Graph's origin. */
export class GraphClient {
  private readonly dispatcher: Pool;
  /** Graph's origin and version path: list cursors may lead nowhere else. */
  readonly origin: string;
  readonly basePath: string;
  private readonly observer: GraphObserver | undefined;
  private readonly dispatcherOptions: DispatcherOptions;
  readonly policy: RetryPolicy;
  /** Per attempt: connect, headers, and each gap in the body (ms). */
  readonly attemptTimeoutMs: number;

  constructor(options: GraphClientOptions) {
    this.observer = options.observer;
    const base = new URL(options.baseUrl);
    this.origin = base.origin;
    this.basePath = base.pathname.replace(/\/+$/, '');
    this.dispatcherOptions = { origin: base.origin, timeoutMs: options.timeoutMs };
    this.attemptTimeoutMs = options.timeoutMs;
    this.dispatcher = createGraphDispatcher(this.dispatcherOptions);
    this.policy = Object.freeze({ ...DEFAULT_RETRY_POLICY, ...options.retry });
  }

  /** The pool's sockets and requests right now (connected, free, pending, queued, running, size). */
  get poolStats(): Pool['stats'] {
    return this.dispatcher.stats;
  }

  /** A new deadline for one GraphQL field's work, ended early when `signal` aborts. Dispose it. */
  deadline(signal?: AbortSignal): Deadline {
    return new Deadline(this.policy.deadlineMs, signal);
  }

  /** Graph calls on behalf of one caller. */
  as(caller: GraphCaller): GraphSession {
    return new GraphSession(this, caller);
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }

  /** One HTTP exchange with Graph. The body is always read (or discarded), never left on the socket. */
  async send(
    method: 'GET' | 'PATCH' | 'POST',
    path: string,
    caller: GraphCaller,
    body?: string,
    extra?: Record<string, string>,
    options: SendOptions = {},
  ): Promise<RawAnswer> {
    if ('problem' in caller.credential) throw new MissingTokenError(caller.credential.problem);
    const attempt = options.attempt ?? 0;
    const headers: Record<string, string> = {
      ...caller.propagate,
      authorization: `Bearer ${caller.credential.token}`,
      accept: 'application/json',
      'client-request-id': caller.clientRequestId,
      'user-agent': USER_AGENT,
      ...extra,
    };
    if (attempt > 0) headers['retry-attempt'] = String(attempt);
    if (body !== undefined) headers['content-type'] = 'application/json';
    const fresh = options.freshConnection ? createFreshConnection(this.dispatcherOptions) : null;
    const dispatcher: Dispatcher = fresh ?? this.dispatcher;
    this.observer?.onExchangeStart?.();
    const started = performance.now();
    let status: number | null = null;
    let responseHeaders: IncomingHttpHeaders = {};
    try {
      const res = await dispatcher.request({
        method,
        path: this.basePath + path,
        headers,
        body,
        signal: options.signal ?? caller.signal,
      });
      status = res.statusCode;
      responseHeaders = res.headers;
      let text: string;
      try {
        text = await readText(res.body);
      } finally {
        // An aborted or failed read must not leave the body (and its socket) hanging.
        if (!res.body.destroyed) res.body.destroy();
      }
      this.observe(method, path, caller, attempt, started, status, null, responseHeaders);
      return { status, headers: responseHeaders, text };
    } catch (err) {
      const failure = causeCode(err);
      this.observe(method, path, caller, attempt, started, status, failure, responseHeaders);
      throw new GraphUnavailableError(failure, { cause: err });
    } finally {
      await fresh?.destroy();
    }
  }

  private observe(
    method: string,
    path: string,
    caller: GraphCaller,
    attempt: number,
    started: number,
    status: number | null,
    failure: string | null,
    headers: IncomingHttpHeaders,
  ): void {
    const exchange: GraphExchange = {
      method,
      path,
      status,
      failure,
      durationMs: performance.now() - started,
      clientRequestId: caller.clientRequestId,
      attempt: attempt + 1,
      headers,
    };
    this.observer?.onExchange(exchange);
    caller.onExchange?.(exchange);
  }
}

export class GraphSession {
  constructor(
    private readonly client: GraphClient,
    private readonly caller: GraphCaller,
  ) {}

  /**
   * `GET /security/ipSecurityProfiles/{id}`; `null` when Graph says 404. With `select`, only those
   * properties (and `id`) are asked for. Retried within the deadline.
   */
  async getProfile(id: string, select?: readonly string[]): Promise<GraphEntity | null> {
    const query = select === undefined ? '' : `?$select=${encodeOptionValue(selectValue(select))}`;
    const path = profilePath(id) + query;
    return this.withDeadline(async (scope) => {
      const answer = await readWithRetry(scope, path);
      if (answer.status === 404) return null;
      return entityOrThrow(answer);
    });
  }

  /**
   * Many profiles through `POST /$batch` (20 per batch, in parallel); each id asked once. The batch
   * request itself is retried like a read (it only reads); inner 429s are retried by batch.ts.
   */
  async getProfiles(ids: readonly string[], select: readonly string[]): Promise<Map<string, ProfileResult>> {
    return this.withDeadline((scope) =>
      getProfilesBatched((body) => readWithRetry(scope, '/$batch', { method: 'POST', body }), ids, select, scope),
    );
  }

  /** One page of `GET /security/ipSecurityProfiles`, or the page a cursor names. Retried within the deadline. */
  async listProfiles(request: ListRequest): Promise<ProfilePage> {
    const path = listRequestPath(request, { origin: this.client.origin, basePath: this.client.basePath });
    return this.withDeadline(async (scope) => readPage(await readWithRetry(scope, path)));
  }

  /**
   * `PATCH /security/ipSecurityProfiles/{id}` asking for the updated entity back. Graph answers 204
   * by default and may ignore the Prefer header, so a 2xx without an entity is followed by a GET.
   * Replayed only when Graph certainly did not apply it (see writeWithRetry).
   */
  async updateProfile(id: string, body: GraphEntity): Promise<GraphEntity> {
    const path = profilePath(id);
    return this.withDeadline(async (scope) => {
      const result = await writeWithRetry(scope, path, body, { prefer: 'return=representation' });
      if ('confirmed' in result) return result.confirmed;
      const { answer } = result;
      try {
        if (answer.text.trim() === '') return entityOrThrow(await readWithRetry(scope, path));
        return entityOrThrow(answer);
      } catch (err) {
        // Graph said 2xx: the write went through even though its entity cannot be shown.
        if (err instanceof GraphClientError) err.outcome = 'applied';
        throw err;
      }
    });
  }

  private async withDeadline<T>(work: (scope: RetryScope) => Promise<T>): Promise<T> {
    const deadline = this.client.deadline(this.caller.signal);
    try {
      return await work({ client: this.client, caller: this.caller, policy: this.client.policy, deadline });
    } finally {
      deadline.dispose();
    }
  }
}

function entityOrThrow(answer: RawAnswer): GraphEntity {
  if (answer.status < 200 || answer.status >= 300) {
    throw answerError(answer);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.text);
  } catch {
    throw new GraphProtocolError(answer.status, 'the body is not JSON', header(answer.headers, 'request-id'));
  }
  if (!isObject(parsed)) {
    throw new GraphProtocolError(answer.status, 'the body is not a JSON object', header(answer.headers, 'request-id'));
  }
  return parsed;
}

function causeCode(err: unknown): string {
  if (isObject(err) && typeof err.code === 'string') return err.code;
  if (err instanceof Error && err.name === 'AbortError') return 'ABORTED';
  if (err instanceof RangeError) return 'RESPONSE_TOO_LARGE';
  return 'UNKNOWN';
}
