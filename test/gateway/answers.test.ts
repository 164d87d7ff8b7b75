import { describe, expect, it } from 'vitest';
import { GET, PROFILE_ID, TOKEN, UPDATE, useStack } from '../helpers/stack.js';

describe("Graph's answers", () => {
  const stack = useStack();

  it('a 204 (Graph ignoring Prefer) is followed by a GET with the same token and request id', async () => {
    stack.emulator.settings.ignorePrefer = true;
    const answer = await stack.gql(UPDATE, { id: PROFILE_ID, input: { riskScore: '42' } }, { 'client-request-id': 'rb-1' });
    expect(answer.body.errors).toBeUndefined();
    expect((answer.body.data!.updateIpSecurityProfile as Record<string, unknown>).riskScore).toBe('42');
    const calls = stack.emulator.requests;
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      `PATCH /beta/security/ipSecurityProfiles/${PROFILE_ID}`,
      `GET /beta/security/ipSecurityProfiles/${PROFILE_ID}`,
    ]);
    expect(calls[1]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(calls[1]!.headers['client-request-id']).toBe('rb-1');
    expect(calls[1]!.body).toBe('');
  });

  it('drops annotations, ignores unknown properties, and nulls missing ones', async () => {
    stack.emulator.store.put({
      '@odata.type': '#microsoft.graph.ipSecurityProfile',
      '@odata.etag': 'W/"1"',
      id: 'sparse',
      address: '192.0.2.1',
      somethingNew: { nested: true },
      ipCategories: [{ '@odata.type': 'microsoft.graph.ipCategory', name: 'n', extra: 1 }, null],
      vendorInformation: { provider: 'p', unknown: 'x' },
    });
    const answer = await stack.gql(GET, { id: 'sparse' });
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data!.ipSecurityProfile).toEqual({
      id: 'sparse',
      activityGroupNames: null,
      address: '192.0.2.1',
      azureSubscriptionId: null,
      azureTenantId: null,
      countHits: null,
      countHosts: null,
      firstSeenDateTime: null,
      ipCategories: [{ description: null, name: 'n', vendor: null }, null],
      ipReferenceData: null,
      lastSeenDateTime: null,
      riskScore: null,
      tags: null,
      vendorInformation: { provider: 'p', providerVersion: null, subProvider: null, vendor: null },
    });
  });

  it('a property of the wrong type fails its own field, not the profile', async () => {
    stack.emulator.store.put({ id: 'odd', address: 'ok', firstSeenDateTime: 'yesterday', countHits: 'many' });
    const answer = await stack.gql(GET, { id: 'odd' });
    const profile = answer.body.data!.ipSecurityProfile as Record<string, unknown>;
    expect(profile.address).toBe('ok');
    expect(profile.firstSeenDateTime).toBeNull();
    expect(profile.countHits).toBeNull();
    expect(answer.body.errors!.map((e) => e.path!.join('.')).sort()).toEqual(['ipSecurityProfile.countHits', 'ipSecurityProfile.firstSeenDateTime']);
  });

  it('the query returns null, without an error, when Graph says 404', async () => {
    const answer = await stack.gql(GET, { id: 'no-such-profile' });
    expect(answer.body).toEqual({ data: { ipSecurityProfile: null } });
    expect(stack.emulator.requests).toHaveLength(1);
    expect(stack.emulator.requests[0]!.method).toBe('GET');
  });

  it('the mutation reports NOT_FOUND when Graph says 404', async () => {
    const answer = await stack.gql(UPDATE, { id: 'no-such-profile', input: { tags: [] } });
    expect(answer.body.data).toEqual({ updateIpSecurityProfile: null });
    expect(answer.body.errors![0]!.extensions!.code).toBe('NOT_FOUND');
  });
});
