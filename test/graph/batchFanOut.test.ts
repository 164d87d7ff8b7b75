import { describe, expect, it } from 'vitest';
import type { GraphCall } from '../../src/graph/http/types.js';
import { getProfilesBatched } from '../../src/graph/profiles/batch.js';
import { Deadline } from '../../src/graph/resilience/deadline.js';
import { DEFAULT_RETRY_POLICY } from '../../src/graph/resilience/policy.js';

// The $batch fan-out runs 8 workers; when one fails the call has failed, and the others must not
// go on sending batches whose answers nobody will read.
describe('the $batch fan-out', () => {
  it('stops taking batches once one worker fails', async () => {
    const sent: GraphCall[] = [];
    const deadline = Deadline.timed(5_000);
    const send = async (call: GraphCall) => {
      sent.push(call);
      if (sent.length === 1) throw new TypeError('a bug below the batch client');
      await new Promise((resolve) => setTimeout(resolve, 20));
      const { requests } = JSON.parse(call.body!) as { requests: { id: string }[] };
      return { status: 200, headers: {}, text: JSON.stringify({ responses: requests.map((r) => ({ id: r.id, status: 404, body: {} })) }) };
    };
    const ids = Array.from({ length: 20 * 12 }, (_, i) => `p${i}`); // 12 batches of 20
    try {
      await expect(getProfilesBatched({ send, policy: DEFAULT_RETRY_POLICY, deadline, attemptTimeoutMs: 1_000 }, ids, ['id'])).rejects.toThrow(TypeError);
      await new Promise((resolve) => setTimeout(resolve, 100));
      // The 8 first batches went out together; none after the failure.
      expect(sent).toHaveLength(8);
    } finally {
      deadline.dispose();
    }
  });
});
