import { describe, expect, it } from 'vitest';
import { GET, PROFILE_ID, UPDATE, useStack } from '../helpers/stack.js';

describe('value fidelity', () => {
  const stack = useStack();

  it.each([
    ['no fraction', '2016-12-31T23:57:27Z'],
    ['3 digits', '2016-12-31T23:57:27.036+03:00'],
    ['7 digits', '2016-12-31T23:57:27.0365895+03:00'],
    ['9 digits, Z', '2016-12-31T23:57:27.036589512Z'],
    ['negative offset', '2016-12-31T23:57:27.1-08:00'],
    ['leap day', '2016-02-29T00:00:00.0000000-03:30'],
    ['+14:00', '2020-01-01T00:00:00+14:00'],
  ])('a date-time with %s goes to Graph and comes back byte for byte', async (_what, value) => {
    const answer = await stack.gql(UPDATE, { id: PROFILE_ID, input: { firstSeenDateTime: value, lastSeenDateTime: value } });
    expect(answer.body.errors).toBeUndefined();
    expect(stack.emulator.requests[0]!.body).toContain(`"firstSeenDateTime":${JSON.stringify(value)}`);
    expect(answer.body.data!.updateIpSecurityProfile).toMatchObject({ firstSeenDateTime: value, lastSeenDateTime: value });
    const read = await stack.gql(GET, { id: PROFILE_ID });
    expect(read.body.data!.ipSecurityProfile).toMatchObject({ firstSeenDateTime: value });
  });

  it.each([
    ['an impossible date', '2016-02-30T00:00:00Z'],
    ['no offset', '2016-12-31T23:57:27.0365895'],
    ['a date only', '2016-12-31'],
    ['hour 24', '2016-12-31T24:00:00Z'],
    ['a leap second', '2016-12-31T23:59:60Z'],
    ['offset beyond 14h', '2016-12-31T23:59:00+15:00'],
    ['year 0', '0000-01-01T00:00:00Z'],
    ['lower-case t', '2016-12-31t23:57:27Z'],
    ['a non-leap Feb 29', '2100-02-29T00:00:00Z'],
  ])('%s is BAD_USER_INPUT naming the field, and nothing is sent', async (_what, value) => {
    const viaVariable = await stack.gql(UPDATE, { id: PROFILE_ID, input: { firstSeenDateTime: value } });
    expect(viaVariable.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(viaVariable.body.errors![0]!.message).toContain('firstSeenDateTime');
    const viaLiteral = await stack.gql(`mutation { updateIpSecurityProfile(id: "${PROFILE_ID}", input: { lastSeenDateTime: ${JSON.stringify(value)} }) { id } }`);
    expect(viaLiteral.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(viaLiteral.body.errors![0]!.message).toContain(value);
    expect(viaLiteral.body.errors![0]!.message).toContain('"input.lastSeenDateTime"');
    expect(stack.emulator.requests).toHaveLength(0);
  });

  it.each([[4_200_000_000], [4_294_967_295], [Number.MAX_SAFE_INTEGER], [0]])('asn %i round-trips exactly', async (asn) => {
    const answer = await stack.gql(UPDATE, { id: PROFILE_ID, input: { ipReferenceData: [{ asn }] } });
    expect(answer.body.errors).toBeUndefined();
    expect(stack.emulator.requests[0]!.body).toContain(`"asn":${asn}`);
    expect(answer.body.data!.updateIpSecurityProfile).toMatchObject({ ipReferenceData: [{ asn }] });
  });

  it('an asn beyond 2^53 - 1 is refused rather than rounded', async () => {
    const answer = await stack.gql(`mutation { updateIpSecurityProfile(id: "${PROFILE_ID}", input: { ipReferenceData: [{ city: "c" }, { asn: 9007199254740993 }] }) { id } }`);
    expect(answer.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(answer.body.errors![0]!.message).toContain('"input.ipReferenceData[1].asn"');
    expect(stack.emulator.requests).toHaveLength(0);
  });

  it.each([
    ['countHits beyond Int32', { countHits: 2 ** 31 }, 'countHits'],
    ['a fractional countHosts', { countHosts: 1.5 }, 'countHosts'],
    ['a string asn', { ipReferenceData: [{ asn: '3' }] }, 'asn'],
    ['a null list item', { tags: [null] }, 'tags'],
    ['an unknown field', { colour: 'red' }, 'colour'],
  ])('%s is BAD_USER_INPUT naming the field', async (_what, input, field) => {
    const answer = await stack.gql(UPDATE, { id: PROFILE_ID, input });
    expect(answer.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(answer.body.errors![0]!.message).toContain(field);
    expect(stack.emulator.requests).toHaveLength(0);
  });
});
