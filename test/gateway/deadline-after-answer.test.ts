// A Graph call that outlives its request's answer ends with it. graphql-js answers as soon as a
// non-null field fails (its siblings' promises are left running): the answer goes out, the response
// closes, and the call must end then, never later than REQUEST_DEADLINE_MS (as it did when every
// Graph call armed its own timer), not run on until Graph answers or GRAPH_TIMEOUT_MS.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { PROFILE_ID, useStack } from '../helpers/stack.js';

describe('the request deadline after the answer', () => {
  const stack = useStack({ GRAPH_TIMEOUT_MS: '8000', REQUEST_DEADLINE_MS: '1500' });

  it('ends a Graph call left running when a non-null sibling failed', async () => {
    const rid = 'outlives-answer';
    // The single profile's GET is slow (6 s); the list's GET fails at once with a 400.
    stack.emulator.inject({ method: 'GET', kind: 'delay', delayMs: 6_000, id: PROFILE_ID, clientRequestId: rid });
    stack.emulator.inject({ method: 'GET', status: 400, code: 'BadRequest', clientRequestId: rid });
    const started = performance.now();
    const answer = await stack.gql(`{ ipSecurityProfiles { nodes { id } } ipSecurityProfile(id: "${PROFILE_ID}") { id } }`, {}, { 'client-request-id': rid });
    expect(performance.now() - started).toBeLessThan(1_000); // answered before the slow call ended
    expect(answer.body.data).toBeNull();
    // Before the deadline (1.5 s), well before Graph's 6 s: the slow call was ended with the answer.
    await sleep(1_000);
    const calls = stack.logs.filter((l) => l.includes(rid) && l.includes('"graph call"'));
    const slow = calls.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => JSON.stringify(l).includes(`ipSecurityProfiles/${PROFILE_ID}`));
    expect(slow, calls.join('\n')).toHaveLength(1);
    expect(slow[0]).toMatchObject({ failure: 'ABORTED', status: null });
  }, 15_000);
});
