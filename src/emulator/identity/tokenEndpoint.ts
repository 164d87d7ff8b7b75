// POST /{tenant}/oauth2/v2.0/token for the on-behalf-of grant: checks the client's credential
// and the user's assertion as Entra ID does, and issues a Graph token for the same user.
import { X509Certificate, createHash, randomUUID, type KeyObject } from 'node:crypto';
import { decodeJwt, signJwt, verifySignature, type Claims } from './jwt.js';
import { REFUSALS, type TokenAnswer } from './refusals.js';

export const OBO_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** The delegated permission the gateway needs, granted to every user who consented. */
export const GRAPH_PERMISSION = 'SecurityEvents.ReadWrite.All';
/** How Graph tokens name Graph: its URL and its application id. */
export const GRAPH_AUDIENCES = new Set(['https://graph.microsoft.com', '00000003-0000-0000-c000-000000000000']);

export interface Directory {
  readonly tenantId: string;
  readonly issuer: string;
  readonly signingKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly keyId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Certificates (PEM) registered as the app's credentials. */
  readonly certificates: readonly string[];
  /** Users (oid) who have not consented to the app's Graph permission. */
  readonly withoutConsent: ReadonlySet<string>;
  readonly graphTokenLifetimeSeconds: number;
}

export interface Exchange {
  /** The user whose token was exchanged, when the assertion could be read. */
  readonly subject: string | null;
  readonly clientAuth: 'secret' | 'certificate' | null;
  readonly outcome: string;
}

export function onBehalfOf(dir: Directory, tenant: string, tokenEndpoint: string, form: URLSearchParams, correlationId: string): { answer: TokenAnswer; exchange: Exchange } {
  const clientAuth: Exchange['clientAuth'] = form.has('client_assertion') ? 'certificate' : form.has('client_secret') ? 'secret' : null;
  let subject: string | null = null;
  const done = (answer: TokenAnswer): { answer: TokenAnswer; exchange: Exchange } => ({ answer, exchange: { subject, clientAuth, outcome: typeof answer.body.error === 'string' ? answer.body.error : 'issued' } });
  if (tenant !== dir.tenantId) return done(REFUSALS.tenant(correlationId));
  if (form.get('grant_type') !== OBO_GRANT) return done(REFUSALS.grantType(correlationId));
  if (form.get('requested_token_use') !== 'on_behalf_of') return done(REFUSALS.tokenUse(correlationId));
  if (form.get('client_id') !== dir.clientId) return done(REFUSALS.unknownClient(correlationId));
  const clientRefusal = checkClient(dir, tokenEndpoint, form, correlationId);
  if (clientRefusal) return done(clientRefusal);

  const assertion = decodeJwt(form.get('assertion') ?? '');
  if (!assertion) return done(REFUSALS.malformed(correlationId));
  subject = typeof assertion.claims.oid === 'string' ? assertion.claims.oid : null;
  if (assertion.header.kid !== dir.keyId || !verifySignature(assertion, dir.publicKey)) return done(REFUSALS.signature(correlationId));
  const claims = assertion.claims;
  if (claims.iss !== dir.issuer || claims.tid !== dir.tenantId) return done(REFUSALS.issuer(correlationId));
  if (claims.aud !== dir.clientId && claims.aud !== `api://${dir.clientId}`) return done(REFUSALS.audience(correlationId));
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= Date.now()) return done(REFUSALS.expired(correlationId));
  const resource = graphResourceOf(form.get('scope') ?? '');
  if (resource === null) return done(REFUSALS.scope(correlationId));
  if (subject === null || dir.withoutConsent.has(subject)) return done(REFUSALS.consent(correlationId));
  return done(issue(dir, claims, subject, resource));
}

function checkClient(dir: Directory, tokenEndpoint: string, form: URLSearchParams, correlationId: string): TokenAnswer | null {
  const secret = form.get('client_secret');
  if (secret !== null) return secret === dir.clientSecret ? null : REFUSALS.badSecret(correlationId);
  if (form.get('client_assertion_type') !== ASSERTION_TYPE) return REFUSALS.noCredential(correlationId);
  const assertion = decodeJwt(form.get('client_assertion') ?? '');
  if (!assertion) return REFUSALS.badAssertion(correlationId);
  const { claims, header } = assertion;
  const thumbprint = typeof header['x5t#S256'] === 'string' ? header['x5t#S256'] : null;
  const certificate = dir.certificates.map((pem) => new X509Certificate(pem)).find((c) => createHash('sha256').update(c.raw).digest('base64url') === thumbprint);
  const fresh = typeof claims.exp === 'number' && claims.exp * 1000 > Date.now();
  if (!certificate || !verifySignature(assertion, certificate.publicKey) || claims.aud !== tokenEndpoint || claims.iss !== dir.clientId || claims.sub !== dir.clientId || !fresh) {
    return REFUSALS.badAssertion(correlationId);
  }
  return null;
}

/** `https://graph.microsoft.com/.default` among MSAL's scopes (it adds openid, profile, offline_access). */
function graphResourceOf(scope: string): string | null {
  for (const s of scope.split(' ')) {
    if (!s.endsWith('/.default')) continue;
    const resource = s.slice(0, -'/.default'.length);
    if (GRAPH_AUDIENCES.has(resource)) return resource;
  }
  return null;
}

function issue(dir: Directory, user: Claims, oid: string, resource: string): TokenAnswer {
  const now = Math.floor(Date.now() / 1000);
  const sign = (claims: Claims) => signJwt(claims, dir.signingKey, { kid: dir.keyId });
  const access = sign({
    aud: resource,
    iss: dir.issuer,
    iat: now,
    nbf: now,
    exp: now + dir.graphTokenLifetimeSeconds,
    tid: dir.tenantId,
    oid,
    sub: oid,
    appid: dir.clientId,
    scp: GRAPH_PERMISSION,
    ver: '1.0',
    uti: randomUUID(),
  });
  const idToken = sign({ aud: dir.clientId, iss: dir.issuer, iat: now, nbf: now, exp: now + 3600, tid: dir.tenantId, oid, sub: oid, preferred_username: user.preferred_username ?? `${oid}@emulator.invalid`, ver: '2.0' });
  return {
    status: 200,
    body: {
      token_type: 'Bearer',
      scope: `${resource}/${GRAPH_PERMISSION}`,
      expires_in: dir.graphTokenLifetimeSeconds,
      ext_expires_in: dir.graphTokenLifetimeSeconds,
      access_token: access,
      id_token: idToken,
      client_info: Buffer.from(JSON.stringify({ uid: oid, utid: dir.tenantId })).toString('base64url'),
    },
  };
}
