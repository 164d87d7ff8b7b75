import { describe, expect, it } from 'vitest';
import { GET, PROFILE_ID, useStack } from '../helpers/stack.js';

// Issue 11, point 14 (server part): the number of GraphQL requests in flight is bounded.

describe('past MAX_IN_FLIGHT', () => {
  const stack = useStack({ MAX_IN_FLIGHT: '1', IN_FLIGHT_QUEUE_MS: '400' });

  it('a request waits briefly, then is refused with 503 and Retry-After; Graph never hears it', async () => {
    stack.emulator.inject({ kind: 'delay', method: 'GET', delayMs: 1500 });
    const slow = stack.gql(GET, { id: PROFILE_ID }, { 'client-request-id': 'slow' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const refused = await stack.gql(GET, { id: PROFILE_ID }, { 'client-request-id': 'refused' });
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.headers['client-request-id']).toBe('refused');
    expect(refused.body.errors).toEqual([{ message: expect.stringMatching(/busy/), extensions: { code: 'OVERLOADED', requestId: 'refused' } }]);
    expect((await slow).body.errors).toBeUndefined();
    expect(stack.emulator.requests.map((r) => r.headers['client-request-id'])).toEqual(['slow']);
  });

  it('a request that a slot frees up for in time is served', async () => {
    stack.emulator.inject({ kind: 'delay', method: 'GET', delayMs: 150 });
    const first = stack.gql(GET, { id: PROFILE_ID });
    const second = stack.gql(GET, { id: PROFILE_ID });
    expect((await first).status).toBe(200);
    const answer = await second;
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(stack.emulator.requests).toHaveLength(2);
  });
});
