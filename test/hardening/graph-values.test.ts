import { describe, expect, it } from 'vitest';
import { GET, PROFILE_ID, useStack } from '../helpers/stack.js';

// Issue 11, point 11: a value from Graph that does not fit its type fails its own field as Graph's
// fault (UPSTREAM_ERROR naming the property), like a bad date-time; the rest of the profile stands.

describe('malformed values from Graph', () => {
  const stack = useStack();

  it('fail their field with UPSTREAM_ERROR naming the property; the others resolve', async () => {
    const profile = {
      id: PROFILE_ID,
      address: '10.0.0.1',
      countHits: 'abc',
      countHosts: 2 ** 40,
      tags: ['ok', 5],
      activityGroupNames: 'not a list',
      riskScore: { nested: true },
      ipReferenceData: [{ asn: 1e20, city: 'Oslo' }, { asn: 64512, city: 'Bergen' }],
      vendorInformation: 'not an object',
      firstSeenDateTime: 'yesterday',
    };
    stack.emulator.inject({ method: 'GET', status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(profile) });
    const answer = await stack.gql(GET, { id: PROFILE_ID });
    const got = answer.body.data!.ipSecurityProfile as Record<string, unknown>;
    expect(got).toMatchObject({ id: PROFILE_ID, address: '10.0.0.1', countHits: null, countHosts: null, tags: null, riskScore: null, vendorInformation: null });
    expect(got.ipReferenceData).toEqual([
      { asn: null, city: 'Oslo', countryOrRegionCode: null, organization: null, state: null, vendor: null },
      { asn: 64512, city: 'Bergen', countryOrRegionCode: null, organization: null, state: null, vendor: null },
    ]);
    const byPath = new Map(answer.body.errors!.map((e) => [e.path!.join('.'), e]));
    const expected: Record<string, string> = {
      'ipSecurityProfile.countHits': 'countHits',
      'ipSecurityProfile.countHosts': 'countHosts',
      'ipSecurityProfile.tags': 'tags',
      'ipSecurityProfile.activityGroupNames': 'activityGroupNames',
      'ipSecurityProfile.riskScore': 'riskScore',
      'ipSecurityProfile.ipReferenceData.0.asn': 'ipReferenceData.asn',
      'ipSecurityProfile.vendorInformation': 'vendorInformation',
    };
    for (const [path, property] of Object.entries(expected)) {
      const error = byPath.get(path);
      expect(error?.extensions, path).toMatchObject({ code: 'UPSTREAM_ERROR', property });
      expect(error!.message).toContain(`"${property}"`);
    }
    expect(byPath.get('ipSecurityProfile.firstSeenDateTime')!.extensions!.code).toBe('UPSTREAM_ERROR');
    expect(answer.body.errors).toHaveLength(Object.keys(expected).length + 1);
    expect(answer.body.errors!.map((e) => e.extensions!.code)).not.toContain('INTERNAL_SERVER_ERROR');
    expect(stack.logs.filter((l) => (JSON.parse(l) as { level: number }).level >= 50)).toEqual([]);
  });
});
