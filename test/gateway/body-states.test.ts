import { describe, expect, it } from 'vitest';
import { PROFILE_ID, UPDATE, useStack } from '../helpers/stack.js';

// Three states per property: left out -> absent from the body; null -> JSON null; a value -> as given.
describe('PATCH body states', () => {
  const stack = useStack();

  async function sentBody(input: Record<string, unknown>): Promise<unknown> {
    const answer = await stack.gql(UPDATE, { id: PROFILE_ID, input });
    expect(answer.body.errors).toBeUndefined();
    expect(stack.emulator.requests).toHaveLength(1);
    return JSON.parse(stack.emulator.requests[0]!.body);
  }

  const profileType = { '@odata.type': '#microsoft.graph.ipSecurityProfile' };

  it('an empty input sends only the type annotation and changes nothing', async () => {
    expect(await sentBody({})).toEqual(profileType);
    expect(stack.emulator.store.get(PROFILE_ID)!.address).toBe('Address value');
  });

  it.each([
    ['scalar', 'address', '10.0.0.1'],
    ['integer', 'countHits', 0],
    ['list', 'tags', ['a', 'b']],
    ['empty list', 'tags', []],
  ])('a %s value is sent as given', async (_kind, field, value) => {
    expect(await sentBody({ [field]: value })).toEqual({ ...profileType, [field]: value });
    expect(stack.emulator.store.get(PROFILE_ID)![field]).toEqual(value);
  });

  it.each([['address'], ['tags'], ['vendorInformation'], ['ipCategories'], ['countHosts']])(
    'null for %s is sent as JSON null and Graph clears it',
    async (field) => {
      const raw = await sentBody({ [field]: null });
      expect(raw).toEqual({ ...profileType, [field]: null });
      expect(stack.emulator.requests[0]!.body).toContain(`"${field}":null`);
      expect(stack.emulator.store.get(PROFILE_ID)![field]).toBeNull();
    },
  );

  it('a nested object keeps the three states inside it', async () => {
    const raw = await sentBody({ vendorInformation: { provider: 'P', subProvider: null } });
    expect(raw).toEqual({
      ...profileType,
      vendorInformation: { '@odata.type': 'microsoft.graph.securityVendorInformation', provider: 'P', subProvider: null },
    });
    expect(raw).not.toHaveProperty('vendorInformation.providerVersion');
  });

  it('a list of objects is sent whole with each item annotated', async () => {
    const raw = await sentBody({
      ipCategories: [{ name: 'n1' }, { description: null, vendor: 'v' }],
      ipReferenceData: [],
    });
    expect(raw).toEqual({
      ...profileType,
      ipCategories: [
        { '@odata.type': 'microsoft.graph.ipCategory', name: 'n1' },
        { '@odata.type': 'microsoft.graph.ipCategory', description: null, vendor: 'v' },
      ],
      ipReferenceData: [],
    });
  });

  it('left-out properties keep their values at Graph (merge)', async () => {
    const answer = await stack.gql(UPDATE, { id: PROFILE_ID, input: { riskScore: '80' } });
    const profile = answer.body.data!.updateIpSecurityProfile as Record<string, unknown>;
    expect(profile.riskScore).toBe('80');
    expect(profile.address).toBe('Address value');
    expect(profile.tags).toEqual(['Tags value']);
  });

  it('literal arguments follow the same rules as variables', async () => {
    const answer = await stack.gql(
      `mutation { updateIpSecurityProfile(id: "${PROFILE_ID}", input: { address: null, tags: [], countHits: 5 }) { id address tags countHits } }`,
    );
    expect(answer.body.errors).toBeUndefined();
    expect(JSON.parse(stack.emulator.requests[0]!.body)).toEqual({ ...profileType, address: null, countHits: 5, tags: [] });
    expect(answer.body.data).toEqual({ updateIpSecurityProfile: { id: PROFILE_ID, address: null, tags: [], countHits: 5 } });
  });
});
