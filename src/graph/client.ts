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

/** A Graph entity as JSON: what Graph sent, or what we send. */
export type GraphEntity = Record<string, unknown>;

export interface GraphClientOptions {
  /** Graph's root with its version path, no trailing slash: `https://graph.microsoft.com/beta`. */
  readonly baseUrl: string;
  readonly timeoutMs: number;
}

/** Who is calling, for one incoming request. */
export interface GraphCaller {
  /** The caller's bearer token, or why there is none usable. */
  readonly credential: { readonly token: string } | { readonly problem: string };
  /** Sent as `client-request-id` on every Graph call this request makes. */
  readonly clientRequestId: string;
  /** Aborts in-flight Graph calls when the caller goes away. */
  readonly signal?: AbortSignal;
}

interface RawAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
}

const USER_AGENT = 'ipsecurityprofile-gateway/0.1';

/** One per process: owns the pooled connection to Graph's origin. */
export class GraphClient {
  private readonly dispatcher: Pool;
  private readonly basePath: string;

  constructor(options: GraphClientOptions) {
    const base = new URL(options.baseUrl);
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
  async send(method: 'GET' | 'PATCH', path: string, caller: GraphCaller, body?: string, extra?: Record<string, string>): Promise<RawAnswer> {
    if ('problem' in caller.credential) throw new MissingTokenError(caller.credential.problem);
    const headers: Record<string, string> = {
      authorization: `Bearer ${caller.credential.token}`,
      accept: 'application/json',
      'client-request-id': caller.clientRequestId,
      'user-agent': USER_AGENT,
      ...extra,
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    try {
      const res = await this.dispatcher.request({
        method,
        path: this.basePath + path,
        headers,
        body,
        signal: caller.signal,
      });
      return { status: res.statusCode, headers: res.headers, text: await readText(res.body) };
    } catch (err) {
      throw new GraphUnavailableError(causeCode(err), { cause: err });
    }
  }
}

export class GraphSession {
  constructor(
    private readonly client: GraphClient,
    private readonly caller: GraphCaller,
  ) {}

  /** `GET /security/ipSecurityProfiles/{id}`; `null` when Graph says 404. */
  async getProfile(id: string): Promise<GraphEntity | null> {
    const answer = await this.client.send('GET', profilePath(id), this.caller);
    if (answer.status === 404) return null;
    return entityOrThrow(answer);
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
