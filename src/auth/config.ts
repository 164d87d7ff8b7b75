// GRAPH_AUTH and the AZURE_* settings of the on-behalf-of exchange, parsed from the environment
// config.ts hands over. Secrets are held as Secret and never appear in a problem message.
import { X509Certificate, createHash, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cloudOf, graphScopeOf } from './cloud.js';
import { Secret } from './secret.js';

type Env = Readonly<Record<string, string | undefined>>;

export const GRAPH_AUTH_MODES = ['passthrough', 'on-behalf-of'] as const;

/** The gateway's own proof of identity towards the identity platform. */
export type ClientCredential =
  | { readonly kind: 'secret'; readonly secret: Secret }
  | {
      readonly kind: 'certificate';
      /** Hex SHA-256 of the certificate's DER: the `x5t#S256` of MSAL's client assertion. */
      readonly thumbprintSha256: string;
      readonly privateKey: Secret;
      /** The certificate (PEM), sent as `x5c` so subject name + issuer registrations work too. */
      readonly certificatePem: string;
      readonly path: string;
    };

export type GraphAuthConfig =
  | { readonly mode: 'passthrough' }
  | {
      readonly mode: 'on-behalf-of';
      readonly tenantId: string;
      readonly clientId: string;
      readonly credential: ClientCredential;
      /** `https://login.microsoftonline.com`, a national cloud's, or the emulator's: origin only. */
      readonly authorityHost: string;
      /** `<Graph resource>/.default`, from GRAPH_BASE_URL's cloud. */
      readonly scope: string;
    };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A verified domain such as contoso.onmicrosoft.com also names a tenant.
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
// Multi-tenant aliases cannot run on-behalf-of: the exchange happens in the user's own tenant.
const TENANT_ALIASES = new Set(['common', 'organizations', 'consumers']);

export function graphAuthOf(env: Env, graphBaseUrl: string, problems: string[]): GraphAuthConfig {
  const mode = env.GRAPH_AUTH?.trim().toLowerCase() || 'passthrough';
  if (mode === 'passthrough') return Object.freeze({ mode: 'passthrough' });
  if (mode !== 'on-behalf-of') {
    problems.push(`GRAPH_AUTH must be one of ${GRAPH_AUTH_MODES.join(', ')} (got "${env.GRAPH_AUTH}")`);
    return Object.freeze({ mode: 'passthrough' });
  }
  const before = problems.length;
  const tenantId = env.AZURE_TENANT_ID?.trim() ?? '';
  if (tenantId === '') problems.push('AZURE_TENANT_ID is required when GRAPH_AUTH=on-behalf-of (the directory (tenant) id of the app registration)');
  else if (TENANT_ALIASES.has(tenantId.toLowerCase())) problems.push(`AZURE_TENANT_ID must name one tenant, a GUID or a domain (got "${tenantId}")`);
  else if (!GUID.test(tenantId) && !DOMAIN.test(tenantId)) problems.push(`AZURE_TENANT_ID must be a GUID or a domain such as contoso.onmicrosoft.com (got "${tenantId}")`);

  const clientId = env.AZURE_CLIENT_ID?.trim() ?? '';
  if (clientId === '') problems.push('AZURE_CLIENT_ID is required when GRAPH_AUTH=on-behalf-of (the application (client) id of the app registration)');
  else if (!GUID.test(clientId)) problems.push(`AZURE_CLIENT_ID must be a GUID (got "${clientId}")`);

  const credential = credentialOf(env, problems);
  const authorityHost = authorityHostOf(env, cloudOf(graphBaseUrl).authorityHost, problems);
  // With problems the start stops anyway (loadConfig throws); the value returned is never used.
  if (problems.length > before || credential === null) return Object.freeze({ mode: 'passthrough' });
  return Object.freeze({ mode: 'on-behalf-of', tenantId, clientId, credential, authorityHost, scope: graphScopeOf(graphBaseUrl) });
}

function credentialOf(env: Env, problems: string[]): ClientCredential | null {
  // The secret is taken as given: leading or trailing spaces may be part of it.
  const secret = env.AZURE_CLIENT_SECRET ?? '';
  const path = env.AZURE_CLIENT_CERTIFICATE_PATH?.trim() ?? '';
  if (secret !== '' && path !== '') {
    problems.push('set one of AZURE_CLIENT_SECRET and AZURE_CLIENT_CERTIFICATE_PATH, not both');
    return null;
  }
  if (secret !== '') return { kind: 'secret', secret: new Secret(secret) };
  if (path === '') {
    problems.push('GRAPH_AUTH=on-behalf-of needs AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH (a PEM file with the private key and the certificate)');
    return null;
  }
  return certificateOf(path, problems);
}

/** A PEM file holding the private key and the certificate registered with the app, as the Azure SDKs take it. */
function certificateOf(path: string, problems: string[]): ClientCredential | null {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (err) {
    problems.push(`AZURE_CLIENT_CERTIFICATE_PATH: cannot read "${path}" (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    return null;
  }
  const keyPem = /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC )?PRIVATE KEY-----/.exec(pem)?.[0];
  const certPem = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)?.[0];
  if (!keyPem || !certPem) {
    problems.push(`AZURE_CLIENT_CERTIFICATE_PATH: "${path}" must hold an unencrypted PEM private key and its PEM certificate`);
    return null;
  }
  try {
    const privateKey = createPrivateKey(keyPem);
    const certificate = new X509Certificate(certPem);
    if (!certificate.checkPrivateKey(privateKey)) {
      problems.push(`AZURE_CLIENT_CERTIFICATE_PATH: the private key in "${path}" does not belong to its certificate`);
      return null;
    }
    return {
      kind: 'certificate',
      thumbprintSha256: createHash('sha256').update(certificate.raw).digest('hex'),
      // MSAL wants PKCS#8 ("BEGIN PRIVATE KEY"), whatever form the file uses.
      privateKey: new Secret(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()),
      certificatePem: certPem,
      path,
    };
  } catch {
    problems.push(`AZURE_CLIENT_CERTIFICATE_PATH: "${path}" holds a key or certificate that cannot be read`);
    return null;
  }
}

function authorityHostOf(env: Env, fallback: string, problems: string[]): string {
  const raw = env.AZURE_AUTHORITY_HOST?.trim() || fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    problems.push(`AZURE_AUTHORITY_HOST must be an https origin such as ${fallback} (got "${raw}")`);
    return fallback;
  }
  // MSAL refuses any authority that is not https; say so now rather than on the first request.
  if (url.protocol !== 'https:') problems.push(`AZURE_AUTHORITY_HOST must use https (got "${raw}")`);
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) {
    problems.push(`AZURE_AUTHORITY_HOST must be an origin only, such as ${fallback} (got "${raw}")`);
  }
  return url.origin;
}
