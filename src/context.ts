import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { GraphCaller, GraphClient, GraphSession } from './graph/client.js';
import type { Logger } from './logger.js';

/** What every resolver gets (codegen's contextType). */
export interface Context {
  /** Our `client-request-id` for every Graph call of this request: the caller's, or a new UUID. */
  readonly requestId: string;
  /** Graph, as the caller: carries their token; refuses to call when there is none. */
  readonly graph: GraphSession;
  readonly logger: Logger;
}

// RFC 6750 b64token: what a bearer token may contain. A JWT always fits.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;
// A caller's request id is echoed into Graph's logs and ours: printable ASCII, bounded.
const REQUEST_ID = /^[\x21-\x7e]{1,128}$/;

export function credentialOf(authorization: string | undefined): GraphCaller['credential'] {
  if (authorization === undefined || authorization.trim() === '') return { problem: 'no Authorization header' };
  if (!/^bearer(\s|$)/i.test(authorization.trim())) return { problem: 'the Authorization header must use the Bearer scheme' };
  const match = BEARER.exec(authorization.trim());
  if (!match) return { problem: 'the bearer token is empty or malformed' };
  return { token: match[1]! };
}

export function requestIdOf(headers: IncomingHttpHeaders): string {
  for (const name of ['client-request-id', 'x-request-id']) {
    const value = headers[name];
    if (typeof value === 'string' && REQUEST_ID.test(value)) return value;
  }
  return randomUUID();
}

export function buildContext(
  deps: { readonly graph: GraphClient; readonly logger: Logger },
  headers: IncomingHttpHeaders,
  signal: AbortSignal,
): Context {
  const requestId = requestIdOf(headers);
  return {
    requestId,
    graph: deps.graph.as({ credential: credentialOf(headers.authorization), clientRequestId: requestId, signal }),
    logger: deps.logger.child({ requestId }),
  };
}
