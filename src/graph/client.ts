import type { IncomingHttpHeaders } from 'node:http';
import type { Pool } from 'undici';
import { createGraphDispatcher } from './dispatcher.js';
import {
  GraphHttpError,
  GraphProtocolError,
  GraphUnavailableError,
  MissingTokenError,
} from './errors.js';
import { errorDetail, header, isObject, readText, retryAfterSeconds } from './responses.js';
import { profilePath } from './paths.js';
import { getProfilesBatched, type ProfileResult } from './batch.js';
import { listRequestPath, readPage, type ListRequest, type ProfilePage } from './list.js';
import { encodeOptionValue, selectValue } from './odataQuery.js';

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
  /** 1 for the first try of a call, 2 for its first retry, ... (absent means 1). */
  readonly attempt?: number;
  /** Graph's response headers (request-id, Date, x-ms-ags-diagnostic, Deprecation, ...); empty without an answer. */
  readonly headers: IncomingHttpHeaders;
}

export interface GraphObserver {
  onExchange(exchange: GraphExchange): void;
}

export interface GraphClientOptions {
  /** Graph's root with its version path, no trailing slash: `https://graph.microsoft.com/beta`. */
  readonly baseUrl: string;
  readonly timeoutMs: number;
  /** Told of every exchange, success or failure. */
  readonly observer?: GraphObserver;
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

export interface RawAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
}

const USER_AGENT = 'ipsecurityprofile-gateway/0.1';

/** One per process: owns the pooled connection to Graph's origin. */
export class GraphClient {
  private readonly dispatcher: Pool;
  /** Graph's origin and version path: list cursors may lead nowhere else. */
  readonly origin: string;
  readonly basePath: string;
  private readonly observer: GraphObserver | undefined;

  constructor(options: GraphClientOptions) {
    this.observer = options.observer;
    const base = new URL(options.baseUrl);
    this.origin = base.origin;
    this.basePath = base.pathname.replace(/\/+$/, '');
    this.dispatcher = createGraphDispatcher({ origin: base.origin, timeoutMs: options.timeoutMs });
  }

  /** Graph calls on behalf of one caller. */
  as(caller: GraphCaller): GraphSession {
    return new GraphSession(this, caller);
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }

  /** One HTTP exchange with Graph. The body is always read (or discarded), never left on the socket. */
  async send(method: 'GET' | 'PATCH' | 'POST', path: string, caller: GraphCaller, body?: string, extra?: Record<string, string>): Promise<RawAnswer> {
    if ('problem' in caller.credential) throw new MissingTokenError(caller.credential.problem);
    const headers: Record<string, string> = {
      ...caller.propagate,
      authorization: `Bearer ${caller.credential.token}`,
      accept: 'application/json',
      'client-request-id': caller.clientRequestId,
      'user-agent': USER_AGENT,
      ...extra,
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const started = performance.now();
    let status: number | null = null;
    let responseHeaders: IncomingHttpHeaders = {};
    try {
      const res = await this.dispatcher.request({
        method,
        path: this.basePath + path,
        headers,
        body,
        signal: caller.signal,
      });
      status = res.statusCode;
      responseHeaders = res.headers;
      const text = await readText(res.body);
      this.observe(method, path, caller, started, status, null, responseHeaders);
      return { status, headers: responseHeaders, text };
    } catch (err) {
      const failure = causeCode(err);
      this.observe(method, path, caller, started, status, failure, responseHeaders);
      throw new GraphUnavailableError(failure, { cause: err });
    }
  }

  private observe(
    method: string,
    path: string,
    caller: GraphCaller,
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
   * properties (and `id`) are asked for.
   */
  async getProfile(id: string, select?: readonly string[]): Promise<GraphEntity | null> {
    const query = select === undefined ? '' : `?$select=${encodeOptionValue(selectValue(select))}`;
    const answer = await this.client.send('GET', profilePath(id) + query, this.caller);
    if (answer.status === 404) return null;
    return entityOrThrow(answer);
  }

  /** Many profiles through `POST /$batch` (20 per batch, in parallel); each id asked once. */
  async getProfiles(ids: readonly string[], select: readonly string[]): Promise<Map<string, ProfileResult>> {
    return getProfilesBatched((body) => this.client.send('POST', '/$batch', this.caller, body), ids, select, this.caller.signal);
  }

  /** One page of `GET /security/ipSecurityProfiles`, or the page a cursor names. */
  async listProfiles(request: ListRequest): Promise<ProfilePage> {
    const path = listRequestPath(request, { origin: this.client.origin, basePath: this.client.basePath });
    return readPage(await this.client.send('GET', path, this.caller));
  }

  /**
   * `PATCH /security/ipSecurityProfiles/{id}` asking for the updated entity back. Graph answers 204
   * by default and may ignore the Prefer header, so a 2xx without an entity is followed by a GET.
   */
  async updateProfile(id: string, body: GraphEntity): Promise<GraphEntity> {
    const path = profilePath(id);
    const answer = await this.client.send('PATCH', path, this.caller, JSON.stringify(body), {
      prefer: 'return=representation',
    });
    if (answer.status >= 200 && answer.status < 300 && answer.text.trim() === '') {
      const read = await this.client.send('GET', path, this.caller);
      return entityOrThrow(read);
    }
    return entityOrThrow(answer);
  }
}

function entityOrThrow(answer: RawAnswer): GraphEntity {
  if (answer.status < 200 || answer.status >= 300) {
    throw new GraphHttpError(
      errorDetail(answer.status, answer.headers, answer.text),
      retryAfterSeconds(header(answer.headers, 'retry-after')),
    );
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
