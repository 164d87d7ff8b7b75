// Issue 12 point 10: Graph's OpenAPI pattern takes at most 12 fractional digits in a DateTimeOffset;
// the gateway refuses a 13th before anything reaches Graph, and passes 12 through byte for byte.
import { describe, expect, it } from 'vitest';
import { dateTimeOffsetProblem } from '../../src/mapping/dateTimeOffset.js';
import { PROFILE_ID, UPDATE, useStack } from '../helpers/stack.js';

const TWELVE = '2016-12-31T23:57:27.036589512345+03:00';
const THIRTEEN = '2016-12-31T23:57:27.0365895123456+03:00';

describe('DateTimeOffset fractional digits', () => {
  const stack = useStack();

  it('the check names the limit', () => {
    expect(dateTimeOffsetProblem(TWELVE)).toBeNull();
    expect(dateTimeOffsetProblem(THIRTEEN)).toBe('at most 12 fractional digits, as Graph accepts (got 13)');
  });

  it('the gateway refuses 13 digits as bad input and sends 12 unchanged', async () => {
    const refused = await stack.gql(UPDATE, { id: PROFILE_ID, input: { firstSeenDateTime: THIRTEEN } });
    expect(refused.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(refused.body.errors![0]!.message).toContain('at most 12 fractional digits');
    expect(stack.emulator.requests).toEqual([]);
    const accepted = await stack.gql(UPDATE, { id: PROFILE_ID, input: { firstSeenDateTime: TWELVE } });
    expect(accepted.body.errors).toBeUndefined();
    expect(stack.emulator.store.get(PROFILE_ID)!.firstSeenDateTime).toBe(TWELVE);
  });
});
