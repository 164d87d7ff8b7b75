// ipSecurityProfile is an open type: Graph keeps undeclared (dynamic) properties and sends them back.
// The gateway cannot type them, so GraphQL answers without them, and without an error.
import { describe, expect, it } from 'vitest';
import { PROFILE_ID, UPDATE, useStack } from '../helpers/stack.js';

describe('the gateway against a profile with dynamic properties', () => {
  const stack = useStack();

  it('answers the declared fields and drops the dynamic ones', async () => {
    stack.emulator.store.put({ ...stack.emulator.store.get(PROFILE_ID)!, customerLabel: 'blue', nested: { any: ['shape'] } });
    const answer = await stack.gql(UPDATE, { id: PROFILE_ID, input: { tags: ['open'] } });
    expect(answer.body.errors).toBeUndefined();
    const profile = answer.body.data!.updateIpSecurityProfile as Record<string, unknown>;
    expect(profile.tags).toEqual(['open']);
    expect(profile).not.toHaveProperty('customerLabel');
    // The emulator's answer to the write (return=representation) carries them: the gateway dropped them.
    expect(stack.emulator.store.get(PROFILE_ID)).toMatchObject({ customerLabel: 'blue', tags: ['open'] });
  });
});
