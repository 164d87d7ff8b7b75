import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { sessionFor, type GraphOperations } from './auth/session.js';
import { PASSTHROUGH, type TokenSource } from './auth/tokenSource.js';
import type { GraphCaller, GraphClient, GraphExchange } from './graph/client.js';
import { warningsOf, type GraphWarning } from './graph/warnings.js';
import type { Logger } from './observability/logger.js';
import { traceContextOf, traceHeaders, type TraceContext } from './observability/traceContext.js';
import { createProfileLoader, type ProfileLoader } from './profileLoader.js';

/** What every resolver gets (codegen's contextType). */
export interface Context {
  /** Our `client-request-id` for every Graph call of this request: the caller's, or a new UUID. */
  readonly requestId: string;
  /** Graph, as the caller: carries their token; refuses to call when there is none. */
  readonly graph: GraphOperations;
  /** Profiles by id, gathered and read together (Graph `$batch`); this request's alone. */
  readonly profiles: ProfileLoader;
  readonly logger: Logger;
  /** The W3C trace this request continues, when the caller sent a well-formed traceparent. */
  readonly trace: TraceContext | null;
  /** Graph's Deprecation, Sunset and Warning headers seen by this request, each once: `extensions.warnings`. */
  readonly graphWarnings: readonly GraphWarning[];
}

// RFC 6750 b64token: what a bearer token may contain. A JWT always fits.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;
// A caller's request id is echoed into Graph's logs and ours: printable ASCII, bounded.
const REQUEST_ID = /^[\x21-\x7e]{1,128}$/;
const MAX_WARNINGS_PER_REQUEST = 20;

/** Every Authorization header the caller sent (`headersDistinct`: Node keeps only the first in `headers`). */
export function credentialOf(authorizations: string | readonly string[] | undefined): GraphCaller['credential'] {
  // Two credentials are ambiguous: which caller is this? Refused, whichever a proxy would have kept.
  if (Array.isArray(authorizations) && authorizations.length > 1) return { problem: 'more than one Authorization header' };
  const authorization = typeof authorizations === 'string' ? authorizations : authorizations?.[0];
  if (authorization === undefined || authorization.trim() === '') return { problem: 'no Authorization header' };
  if (!/^bearer(\s|$)/i.test(authorization.trim())) return { problem: 'the Authorization header must use the Bearer scheme' };
  const match = BEARER.exec(authorization.trim());
  if (!match) return { problem: 'the bearer token is empty or malformed' };
  return { token: match[1]! };
}

/**
 * The Authorization header, or every one when the caller sent several: Node keeps only the first in
 * `headers`. From `rawHeaders` rather than `headersDistinct`, which builds an array for every header
 * of the request on first use.
 */
function authorizationsOf(req: Pick<IncomingMessage, 'headers' | 'rawHeaders'>): string | string[] | undefined {
  const first = req.headers.authorization;
  const raw = req.rawHeaders;
  const isAuthorization = (i: number): boolean => raw[i]!.length === 13 && raw[i]!.toLowerCase() === 'authorization';
  let count = 0;
  for (let i = 0; i < raw.length; i += 2) if (isAuthorization(i)) count += 1;
  if (count < 2) return first;
  const all: string[] = [];
  for (let i = 0; i < raw.length; i += 2) if (isAuthorization(i)) all.push(raw[i + 1]!);
  return all;
}

export function requestIdOf(headers: IncomingHttpHeaders): string {
  for (const name of ['client-request-id', 'x-request-id']) {
    const value = headers[name];
    if (typeof value === 'string' && REQUEST_ID.test(value)) return value;
  }
  return randomUUID();
}

export function buildContext(
  deps: { readonly graph: GraphClient; readonly logger: Logger; readonly tokens?: TokenSource },
  req: Pick<IncomingMessage, 'headers' | 'rawHeaders'>,
  signal: AbortSignal,
  requestId: string = requestIdOf(req.headers),
  /** Given: `signal` itself aborts then (the server's request deadlines). Absent: from now, timed per call. */
  deadlineAt?: number,
): Context {
  const { headers } = req;
  const trace = traceContextOf(headers);
  const graphWarnings: GraphWarning[] = [];
  const collectWarnings = (exchange: GraphExchange): void => {
    for (const warning of warningsOf(exchange.headers)) {
      if (graphWarnings.length < MAX_WARNINGS_PER_REQUEST && !graphWarnings.some((w) => w.header === warning.header && w.value === warning.value)) graphWarnings.push(warning);
    }
  };
  // The caller's token is forwarded as it is, or exchanged for a Graph token on their behalf.
  const graph = sessionFor(deps.graph, {
    credential: credentialOf(authorizationsOf(req)),
    clientRequestId: requestId,
    signal,
    // One budget for the whole request, whatever the number of its fields (REQUEST_DEADLINE_MS).
    deadlineAt: deadlineAt ?? deps.graph.deadlineFromNow(),
    signalEndsAtDeadline: deadlineAt !== undefined,
    propagate: traceHeaders(trace),
    onExchange: collectWarnings,
  }, deps.tokens ?? PASSTHROUGH);
  // Both built on first use: a mutation reads no profile by id, and a request may write no line.
  let profiles: ProfileLoader | undefined;
  let logger: Logger | undefined;
  return {
    requestId,
    graph,
    get profiles() {
      return (profiles ??= createProfileLoader(graph, deps.graph.readBudgetBytes));
    },
    get logger() {
      return (logger ??= deps.logger.child(trace ? { requestId, traceId: trace.traceId, spanId: trace.spanId } : { requestId }));
    },
    trace,
    graphWarnings,
  };
}
