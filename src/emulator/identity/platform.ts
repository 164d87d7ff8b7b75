// The emulator's identity platform: Entra ID's token endpoint for the on-behalf-of grant, the
// discovery document MSAL reads, and the check Graph makes on every token it gets. Served over
// TLS, since MSAL accepts no other authority.
import { createHash, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { graphRefusal, type TokenRefusal } from './graphCheck.js';
import { onBehalfOf, type Directory, type Exchange } from './tokenEndpoint.js';
import { signJwt } from './jwt.js';
import { REFUSALS } from './refusals.js';
import { openIdConfiguration, jwks } from './discovery.js';
import type { TlsMaterial } from './tls.js';

export interface IdentityOptions {
  readonly tls: TlsMaterial;
  readonly host?: string;
  readonly port?: number;
  readonly tenantId?: string;
  readonly clientId?: string;
  /** Seconds a Graph token it issues is valid for. */
  readonly graphTokenLifetimeSeconds?: number;
}

/** One call to the token endpoint, as tests see it. */
export interface RecordedExchange extends Exchange {
  readonly at: number;
  /** SHA-256 (base64url) of the assertion: which incoming token it was, without keeping it. */
  readonly assertionHash: string | null;
  /** The client-request-id MSAL sent. */
  readonly correlationId: string;
}

export interface UserTokenOptions {
  /** The user's object id; a new one when absent. */
  readonly oid?: string;
  /** Default: the gateway's app (`api://{clientId}`), as a router's token for the supergraph has. */
  readonly audience?: string;
  readonly expiresInSeconds?: number;
  /** Signed by a key this platform does not know (another tenant's, a forgery). */
  readonly foreign?: boolean;
}


export type { TokenRefusal };

export interface IdentityPlatform {
  /** `https://127.0.0.1:port`: AZURE_AUTHORITY_HOST. */
  readonly authorityHost: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly issuer: string;
  readonly exchanges: RecordedExchange[];
  /** Paths of every request it got (discovery included). */
  readonly requests: string[];
  userToken(options?: UserTokenOptions): string;
  registerCertificate(pem: string): void;
  withholdConsent(oid: string): void;
  /** Every token endpoint call answers this status (503, 500, ...), with Retry-After, until null. */
  outage(status: number | null, retryAfterSeconds?: number): void;
  /** Graph's check of an Authorization header: null when it carries a token issued here for Graph. */
  checkGraphToken(authorization: string | undefined): TokenRefusal | null;
  reset(): void;
  close(): Promise<void>;
}

export const EMULATOR_TENANT_ID = '72f988bf-0000-4000-8000-00000000e7a1';
export const EMULATOR_CLIENT_ID = '6b1f1c5e-0000-4000-8000-00000000c11e';

export async function startIdentityPlatform(options: IdentityOptions): Promise<IdentityPlatform> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const foreignKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const keyId = randomUUID();
  const tenantId = options.tenantId ?? EMULATOR_TENANT_ID;
  const clientId = options.clientId ?? EMULATOR_CLIENT_ID;
  const certificates: string[] = [];
  const withoutConsent = new Set<string>();
  const exchanges: RecordedExchange[] = [];
  const requests: string[] = [];
  let outageStatus: number | null = null;
  let outageRetryAfter = 1;
  let origin = '';
  let issuer = '';

  const directory = (): Directory => ({
    tenantId,
    issuer,
    signingKey: privateKey,
    publicKey,
    keyId,
    clientId,
    clientSecret,
    certificates,
    withoutConsent,
    graphTokenLifetimeSeconds: options.graphTokenLifetimeSeconds ?? 3600,
  });
  const clientSecret = randomBytes(24).toString('base64url');

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    requests.push(url.pathname);
    const [tenant = '', ...rest] = url.pathname.split('/').slice(1);
    const route = rest.join('/');
    // A stand-in for a frontend's sign-in, for people trying the gateway by hand (`npm run dev:obo`).
    if (req.method === 'POST' && url.pathname === '/_emulator/token') {
      const token = userToken({ expiresInSeconds: 3600 });
      return json(res, 200, { token_type: 'Bearer', expires_in: 3600, access_token: token, audience: `api://${clientId}` });
    }
    if (req.method === 'GET' && route === 'v2.0/.well-known/openid-configuration') return json(res, 200, openIdConfiguration(origin, tenant));
    if (req.method === 'GET' && route === 'discovery/v2.0/keys') return json(res, 200, jwks(publicKey, keyId));
    if (req.method === 'POST' && route === 'oauth2/v2.0/token') {
      const form = new URLSearchParams(await readBody(req));
      // MSAL sends its correlation id as the client-request-id form parameter; Entra ID echoes it.
      const header = req.headers['client-request-id'];
      const correlationId = form.get('client-request-id') ?? url.searchParams.get('client-request-id') ?? (typeof header === 'string' ? header : randomUUID());
      const assertion = form.get('assertion');
      const assertionHash = assertion === null ? null : createHash('sha256').update(assertion).digest('base64url');
      if (outageStatus !== null) {
        exchanges.push({ at: performance.now(), assertionHash, correlationId, subject: null, clientAuth: null, outcome: 'outage' });
        const { status, body } = REFUSALS.unavailable(outageStatus, correlationId);
        return json(res, status, body, { 'retry-after': String(outageRetryAfter) });
      }
      const { answer, exchange } = onBehalfOf(directory(), tenant, `${origin}/${tenant}/oauth2/v2.0/token`, form, correlationId);
      exchanges.push({ ...exchange, at: performance.now(), assertionHash, correlationId });
      return json(res, answer.status, answer.body, { 'client-request-id': correlationId });
    }
    json(res, 404, { error: 'not_found', error_description: `No such endpoint: ${req.method} ${url.pathname}` });
  }

  const server: Server = createServer({ cert: options.tls.certPem, key: options.tls.keyPem }, (req, res) => {
    handle(req, res).catch((err: unknown) => json(res, 500, { error: 'server_error', error_description: String(err) }));
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  origin = `https://${host}:${(server.address() as AddressInfo).port}`;
  issuer = `${origin}/${tenantId}/v2.0`;

  function userToken(o: UserTokenOptions = {}): string {
    const now = Math.floor(Date.now() / 1000);
    const oid = o.oid ?? randomUUID();
    const claims = { aud: o.audience ?? `api://${clientId}`, iss: issuer, iat: now - 60, nbf: now - 60, exp: now + (o.expiresInSeconds ?? 3600), tid: tenantId, oid, sub: oid, scp: 'access_as_user', azp: randomUUID(), ver: '2.0', uti: randomUUID() };
    return signJwt(claims, o.foreign ? foreignKey : privateKey, { kid: o.foreign ? randomUUID() : keyId });
  }

  return {
    authorityHost: origin,
    tenantId,
    clientId,
    clientSecret,
    issuer,
    exchanges,
    requests,
    userToken,
    registerCertificate: (pem) => void certificates.push(pem),
    withholdConsent: (oid) => void withoutConsent.add(oid),
    outage(status, retryAfterSeconds = 1) {
      outageStatus = status;
      outageRetryAfter = retryAfterSeconds;
    },
    checkGraphToken: (authorization) => graphRefusal(authorization, { issuer, publicKey, keyId }),
    reset() {
      exchanges.length = 0;
      requests.length = 0;
      withoutConsent.clear();
      outageStatus = null;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
