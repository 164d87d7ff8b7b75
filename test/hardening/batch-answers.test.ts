import { describe, expect, it } from 'vitest';
import { PROFILE_ID, useStack } from '../helpers/stack.js';

// Issue 11, point 12: one inner answer of a `$batch` that cannot be read fails that profile alone.

const TWO = 'query ($a: ID!, $b: ID!) { a: ipSecurityProfile(id: $a) { id address } b: ipSecurityProfile(id: $b) { id address } }';

describe('a $batch with one unreadable inner answer', () => {
  const stack = useStack();

  it('an inner error body nested 200,000 levels deep fails only its profile, with UPSTREAM_ERROR', async () => {
    stack.emulator.store.put({ id: 'other', address: '10.9.9.9' });
    const deep = `{"error":${'{"a":'.repeat(200_000)}1${'}'.repeat(200_000)}}`;
    stack.emulator.inject({ method: 'GET', id: 'other', status: 500, headers: { 'content-type': 'application/json' }, body: deep });
    const answer = await stack.gql(TWO, { a: PROFILE_ID, b: 'other' });
    expect(stack.emulator.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /beta/$batch']);
    expect(answer.body.data).toEqual({ a: { id: PROFILE_ID, address: expect.any(String) }, b: null });
    expect(answer.body.errors).toHaveLength(1);
    expect(answer.body.errors![0]).toMatchObject({ path: ['b'], extensions: { code: 'UPSTREAM_ERROR' } });
    expect(stack.logs.filter((l) => (JSON.parse(l) as { level: number }).level >= 50)).toEqual([]);
  });
});
