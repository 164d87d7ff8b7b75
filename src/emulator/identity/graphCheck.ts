// Graph's side: the token it gets must be one this identity platform issued for Graph, unexpired,
// carrying the delegated permission the ipSecurityProfile API needs.
import type { KeyObject } from 'node:crypto';
import { decodeJwt, verifySignature } from './jwt.js';
import { GRAPH_AUDIENCES, GRAPH_PERMISSION } from './tokenEndpoint.js';

/** What Graph says to a token it will not take: status, code, message. */
export interface TokenRefusal {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

export function graphRefusal(authorization: string | undefined, own: { issuer: string; publicKey: KeyObject; keyId: string }): TokenRefusal | null {
  const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
  const invalid = (message: string): TokenRefusal => ({ status: 401, code: 'InvalidAuthenticationToken', message });
  if (token === undefined) return invalid('Access token is empty.');
  const decoded = decodeJwt(token);
  if (!decoded) return invalid('IDX14100: JWT is not well formed.');
  if (decoded.header.kid !== own.keyId || !verifySignature(decoded, own.publicKey) || decoded.claims.iss !== own.issuer) return invalid('Access token validation failure. Invalid signature or issuer.');
  if (typeof decoded.claims.aud !== 'string' || !GRAPH_AUDIENCES.has(decoded.claims.aud)) return invalid('Access token validation failure. Invalid audience.');
  if (typeof decoded.claims.exp !== 'number' || decoded.claims.exp * 1000 <= Date.now()) return invalid('Lifetime validation failed, the token is expired.');
  const scopes = typeof decoded.claims.scp === 'string' ? decoded.claims.scp.split(' ') : [];
  if (!scopes.includes(GRAPH_PERMISSION)) return { status: 403, code: 'Forbidden', message: `Missing permission ${GRAPH_PERMISSION}.` };
  return null;
}
