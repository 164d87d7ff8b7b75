import { randomUUID } from 'node:crypto';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatorWithIdentity, type EmulatorWithIdentity } from '../../src/emulator/identity/withGraph.js';
import { decodeJwt } from '../../src/emulator/identity/jwt.js';
import { PROFILE_ID } from '../helpers/stack.js';

// The emulator's identity platform spoken to directly, as MSAL speaks to it: over TLS trusted
// through its own CA, form-encoded token requests, Entra ID's error bodies.
describe("the emulator's identity platform", () => {
  let stack: EmulatorWithIdentity;
  let tls: Agent;
  beforeAll(async () => {
    stack = await startEmulatorWithIdentity();
    tls = new Agent({ connect: { ca: stack.tls.caPem } });
  });
  afterAll(async () => {
    await tls?.close();
    await stack?.close();
  });

  const tokenEndpoint = () => `${stack.identity.authorityHost}/${stack.identity.tenantId}/oauth2/v2.0/token`;
  async function token(fields: Record<string, string>) {
    const form = new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      requested_token_use: 'on_behalf_of',
      client_id: stack.identity.clientId,
      client_secret: stack.identity.clientSecret,
      scope: 'https://graph.microsoft.com/.default openid profile offline_access',
      ...fields,
    });
    const res = await request(tokenEndpoint(), { method: 'POST', dispatcher: tls, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
    return { status: res.statusCode, body: (await res.body.json()) as Record<string, unknown> };
  }

  it('publishes the OpenID configuration MSAL reads, its issuer on the authority origin', async () => {
    const res = await request(`${stack.identity.authorityHost}/${stack.identity.tenantId}/v2.0/.well-known/openid-configuration`, { dispatcher: tls });
    expect(res.statusCode).toBe(200);
    expect(await res.body.json()).toMatchObject({ issuer: stack.identity.issuer, token_endpoint: tokenEndpoint() });
  });

  it('is not trusted without its CA: MSAL gets no exception to TLS', async () => {
    await expect(request(`${stack.identity.authorityHost}/x`)).rejects.toThrow(/certificate/i);
  });

  it('issues a Graph token for the assertion user, which the Graph emulator then takes', async () => {
    const oid = randomUUID();
    const answer = await token({ assertion: stack.identity.userToken({ oid }) });
    expect(answer).toMatchObject({ status: 200, body: { token_type: 'Bearer', expires_in: 3600 } });
    const graphToken = answer.body.access_token as string;
    expect(decodeJwt(graphToken)!.claims).toMatchObject({ aud: 'https://graph.microsoft.com', oid, scp: 'SecurityEvents.ReadWrite.All' });
    const graph = await request(`${stack.emulator.baseUrl}/security/ipSecurityProfiles/${PROFILE_ID}`, { headers: { authorization: `Bearer ${graphToken}` } });
    expect(graph.statusCode).toBe(200);
    await graph.body.dump();
  });

  it("refuses with Entra ID's error body: error, AADSTS description, error_codes, correlation_id", async () => {
    const correlationId = randomUUID();
    const answer = await token({ assertion: stack.identity.userToken({ expiresInSeconds: -60 }), 'client-request-id': correlationId });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: 'invalid_grant', error_codes: [500133], correlation_id: correlationId, trace_id: expect.any(String), timestamp: expect.any(String) });
    expect(answer.body.error_description).toMatch(/^AADSTS500133: Assertion is not within its valid time range\./);
    expect((await token({ assertion: stack.identity.userToken({ audience: 'api://someone-else' }) })).body).toMatchObject({ error: 'invalid_grant', error_codes: [50013] });
    expect((await token({ assertion: stack.identity.userToken({ foreign: true }) })).body).toMatchObject({ error: 'invalid_grant', error_codes: [50013] });
    expect((await token({ assertion: stack.identity.userToken(), client_secret: 'nope' }))).toMatchObject({ status: 401, body: { error: 'invalid_client', error_codes: [7000215] } });
    expect((await token({ assertion: stack.identity.userToken(), requested_token_use: '' })).body).toMatchObject({ error: 'invalid_request' });
    expect((await token({ assertion: stack.identity.userToken(), scope: 'https://management.azure.com/.default' })).body).toMatchObject({ error: 'invalid_scope' });
  });

  it('Graph in this mode refuses the incoming (supergraph) token itself, and any non-Graph token', async () => {
    for (const bearer of [stack.identity.userToken(), 'anything']) {
      const res = await request(`${stack.emulator.baseUrl}/security/ipSecurityProfiles/${PROFILE_ID}`, { headers: { authorization: `Bearer ${bearer}` } });
      expect(res.statusCode).toBe(401);
      expect(await res.body.json()).toMatchObject({ error: { code: 'InvalidAuthenticationToken' } });
    }
  });
});
