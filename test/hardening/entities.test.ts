import { describe, expect, it } from 'vitest';
import { PROFILE_ID, postGraphQL, useStack } from '../helpers/stack.js';

// Issue 11, point 10: a malformed representation is the caller's mistake, for that entity alone.

const ENTITIES = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on IpSecurityProfile { id address } } }';
const MALFORMED = [
  { __typename: 'IpSecurityProfile', id: null },
  { __typename: 'IpSecurityProfile', id: 5 },
  { __typename: 'IpSecurityProfile', id: ['a'] },
  { __typename: 'IpSecurityProfile' },
  { __typename: 'NoSuchType', id: 'x' },
  { __typename: 'Query', id: 'x' },
];

describe('malformed _entities representations', () => {
  const stack = useStack();

  function levels(): number[] {
    return stack.logs.map((l) => (JSON.parse(l) as { level: number }).level);
  }

  it('are BAD_USER_INPUT each, beside a good one that still resolves, logged at debug', async () => {
    const answer = await stack.gql(ENTITIES, { r: [{ __typename: 'IpSecurityProfile', id: PROFILE_ID }, ...MALFORMED] });
    expect(answer.status).toBe(200);
    const list = answer.body.data!._entities as unknown[];
    expect(list[0]).toMatchObject({ id: PROFILE_ID });
    expect(list.slice(1)).toEqual(MALFORMED.map(() => null));
    const errors = answer.body.errors!;
    expect(errors.map((e) => e.path)).toEqual(MALFORMED.map((_, i) => ['_entities', i + 1]));
    for (const e of errors) expect(e.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(errors[0]!.message).toMatch(/id must be a non-empty string \(got null\)/);
    expect(errors[4]!.message).toMatch(/"NoSuchType" is not an entity type/);
    // Only the good one reached Graph.
    expect(stack.emulator.requests.map((r) => r.method)).toEqual(['GET']);
    expect(levels().filter((l) => l >= 50)).toEqual([]);
    expect(stack.logs.filter((l) => l.includes('malformed entity representation'))).toHaveLength(MALFORMED.length);
  });

  it('are BAD_USER_INPUT for anonymous callers too, with no error-level line', async () => {
    const answer = await postGraphQL(stack.gateway.url, { query: ENTITIES, variables: { r: MALFORMED } });
    expect(answer.body.errors!.map((e) => e.extensions!.code)).toEqual(MALFORMED.map(() => 'BAD_USER_INPUT'));
    expect(stack.emulator.requests).toHaveLength(0);
    expect(levels().filter((l) => l >= 50)).toEqual([]);
  });
});
