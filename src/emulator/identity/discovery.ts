// The discovery documents MSAL reads. With the emulator's host in knownAuthorities, MSAL skips
// instance discovery (which always goes to the global cloud) and reads only
// `{authority}/v2.0/.well-known/openid-configuration`, whose issuer must be on the authority's origin.
import type { KeyObject } from 'node:crypto';

export function openIdConfiguration(origin: string, tenant: string): Record<string, unknown> {
  const base = `${origin}/${tenant}`;
  return {
    issuer: `${base}/v2.0`,
    token_endpoint: `${base}/oauth2/v2.0/token`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    jwks_uri: `${base}/discovery/v2.0/keys`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials', 'urn:ietf:params:oauth:grant-type:jwt-bearer'],
    tenant_region_scope: 'EU',
    cloud_instance_name: 'emulator.invalid',
  };
}

export function jwks(publicKey: KeyObject, keyId: string): Record<string, unknown> {
  const jwk = publicKey.export({ format: 'jwk' });
  return { keys: [{ kty: 'RSA', use: 'sig', kid: keyId, n: jwk.n, e: jwk.e }] };
}
