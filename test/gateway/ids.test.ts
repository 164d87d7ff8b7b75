import { describe, expect, it } from 'vitest';
import { GET, SELECT_ALL, UPDATE, useStack } from '../helpers/stack.js';

describe('profile ids in the URL', () => {
  const stack = useStack();

  it.each([
    ['a/b', 'a%2Fb'],
    ['?x', '%3Fx'],
    ['#x', '%23x'],
    ['%2F', '%252F'],
    ['../../users', '..%2F..%2Fusers'],
    ['a b', 'a%20b'],
    ['é', '%C3%A9'],
  ])('%j stays one path segment (%s)', async (id, encoded) => {
    stack.emulator.store.put({ id, address: `addr of ${id}` });
    const answer = await stack.gql(GET, { id });
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data!.ipSecurityProfile).toMatchObject({ id, address: `addr of ${id}` });
    expect(stack.emulator.requests.map((r) => r.url)).toEqual([`/beta/security/ipSecurityProfiles/${encoded}?${SELECT_ALL}`]);

    const updated = await stack.gql(UPDATE, { id, input: { riskScore: 'r' } });
    expect(updated.body.errors).toBeUndefined();
    expect(stack.emulator.requests[1]!.url).toBe(`/beta/security/ipSecurityProfiles/${encoded}`);
    expect(stack.emulator.store.get(id)!.riskScore).toBe('r');
  });

  it.each([[''], ['.'], ['..'], ['\u0000'], ['a\nb'], ['\ud800'], ['x'.repeat(513)]])(
    '%j is refused with BAD_USER_INPUT naming id, before any call',
    async (id) => {
      for (const [query, variables] of [
        [GET, { id }],
        [UPDATE, { id, input: { tags: [] } }],
      ] as const) {
        const answer = await stack.gql(query, variables);
        expect(answer.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
        expect(answer.body.errors![0]!.message).toContain('"id"');
      }
      expect(stack.emulator.requests).toHaveLength(0);
    },
  );
});
