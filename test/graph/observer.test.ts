import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/server.js';
import { GraphClient, type GraphExchange } from '../../src/graph/client.js';
import { PROFILE_ID, TOKEN } from '../helpers/stack.js';

describe('the Graph client reports every attempt to its observer', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => emulator.close());

  it('with its attempt number, status or failure, and never the token', async () => {
    const seen: GraphExchange[] = [];
    const client = new GraphClient({ baseUrl: emulator.baseUrl, timeoutMs: 500, retry: { baseDelayMs: 1 }, observer: { onExchange: (e) => seen.push(e) } });
    try {
      emulator.inject({ method: 'GET', status: 503 });
      emulator.inject({ method: 'GET', kind: 'reset-before' });
      const profile = await client.forCaller({ credential: { token: TOKEN }, clientRequestId: 'observed' }).getProfile(PROFILE_ID);
      expect(profile!.id).toBe(PROFILE_ID);
      expect(seen.map((e) => [e.attempt, e.status, e.failure])).toEqual([
        [1, 503, null],
        [2, null, expect.stringMatching(/^(ECONNRESET|UND_ERR_SOCKET)$/)],
        [3, 200, null],
      ]);
      expect(seen.every((e) => e.clientRequestId === 'observed' && e.method === 'GET')).toBe(true);
      expect(JSON.stringify(seen)).not.toContain(TOKEN);
    } finally {
      await client.close();
    }
  });
});
