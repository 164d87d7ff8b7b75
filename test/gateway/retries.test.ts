import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../../src/emulator/server.js';
import { GET, PROFILE_ID, TOKEN, UPDATE, startStack, useStack, type Stack } from '../helpers/stack.js';

const wall = (r: RecordedRequest) => performance.timeOrigin + r.at;
const gap = (a: RecordedRequest, b: RecordedRequest) => b.at - a.at;

function calls(stack: Stack, method: string, rid: string): RecordedRequest[] {
  return stack.emulator.requests.filter((r) => r.method === method && r.headers['client-request-id'] === rid);
}

function patches(stack: Stack, rid: string) {
  return calls(stack, 'PATCH', rid);
}

describe('retries', () => {
  const stack = useStack({ GRAPH_TIMEOUT_MS: '400', GRAPH_MAX_RETRIES: '3' });

  it('a 429 with Retry-After: 1 waits one second, never less, then succeeds with the same request id and Retry-Attempt: 1', async () => {
    stack.emulator.inject({ method: 'PATCH', status: 429, code: 'TooManyRequests', headers: { 'retry-after': '1' } });
    const answer = await stack.gql(UPDATE, { id: PROFILE_ID, input: { riskScore: 'after-429' } }, { 'client-request-id': 'ra-1' });
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toMatchObject({ updateIpSecurityProfile: { riskScore: 'after-429' } });
    const [first, second, ...more] = patches(stack, 'ra-1');
    expect(more).toEqual([]);
    expect(first!.headers['retry-attempt']).toBeUndefined();
    expect(second!.headers['retry-attempt']).toBe('1');
    expect(second!.headers['client-request-id']).toBe('ra-1');
    expect(second!.body).toBe(first!.body);
    expect(gap(first!, second!)).toBeGreaterThanOrEqual(1_000);
    expect(gap(first!, second!)).toBeLessThan(1_600);
  });

  it('Retry-After in fractional seconds is honoured to the millisecond', async () => {
    stack.emulator.inject({ method: 'GET', status: 429, headers: { 'retry-after': '0.456' } });
    const answer = await stack.gql(GET, { id: PROFILE_ID }, { 'client-request-id': 'ra-frac' });
    expect(answer.body.errors).toBeUndefined();
    const [first, second] = calls(stack, 'GET', 'ra-frac');
    expect(gap(first!, second!)).toBeGreaterThanOrEqual(456);
    expect(gap(first!, second!)).toBeLessThan(1_000);
  });

  it('Retry-After as an HTTP date waits until that moment', async () => {
    const target = Math.ceil(Date.now() / 1000) * 1000 + 1000;
    stack.emulator.inject({ method: 'GET', status: 503, headers: { 'retry-after': new Date(target).toUTCString() } });
    const answer = await stack.gql(GET, { id: PROFILE_ID }, { 'client-request-id': 'ra-date' });
    expect(answer.body.errors).toBeUndefined();
    const [, second] = calls(stack, 'GET', 'ra-date');
    expect(wall(second!)).toBeGreaterThanOrEqual(target - 5);
    expect(wall(second!)).toBeLessThan(target + 600);
  });

  it('without Retry-After, backs off with jitter (a few hundred ms at most for the first retries)', async () => {
    stack.emulator.inject({ method: 'GET', status: 504, times: 2 });
    const started = performance.now();
    const answer = await stack.gql(GET, { id: PROFILE_ID }, { 'client-request-id': 'backoff' });
    expect(answer.body.errors).toBeUndefined();
    const seen = calls(stack, 'GET', 'backoff');
    expect(seen.map((r) => r.headers['retry-attempt'])).toEqual([undefined, '1', '2']);
    // Full jitter: the first retry waits under 250 ms, the second under 500 ms (plus a busy machine's slack).
    expect(gap(seen[0]!, seen[1]!)).toBeLessThan(250 + 300);
    expect(gap(seen[1]!, seen[2]!)).toBeLessThan(500 + 300);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('a 503 is retried on a fresh connection', async () => {
    // Warm the pool so that an idle keep-alive socket is there to be (wrongly) reused.
    await stack.gql(GET, { id: PROFILE_ID });
    stack.emulator.inject({ method: 'GET', status: 503, code: 'serviceNotAvailable' });
    const answer = await stack.gql(GET, { id: PROFILE_ID }, { 'client-request-id': 'fresh' });
    expect(answer.body.errors).toBeUndefined();
    const all = stack.emulator.requests;
    const [failed, retried] = calls(stack, 'GET', 'fresh');
    const before = all.slice(0, all.indexOf(retried!));
    expect(retried!.connection).not.toBe(failed!.connection);
    expect(before.map((r) => r.connection)).not.toContain(retried!.connection);
  });

  it('connection failures are retried: a reset before Graph answered', async () => {
    stack.emulator.inject({ method: 'GET', kind: 'reset-before' });
    const answer = await stack.gql(GET, { id: PROFILE_ID }, { 'client-request-id': 'reset-get' });
    expect(answer.body.errors).toBeUndefined();
    expect(calls(stack, 'GET', 'reset-get').map((r) => r.headers['retry-attempt'])).toEqual([undefined, '1']);
  });

  it('a stalled or truncated answer to a GET is retried', async () => {
    stack.emulator.inject({ method: 'GET', kind: 'stall' });
    stack.emulator.inject({ method: 'GET', kind: 'truncate' });
    const answer = await stack.gql(GET, { id: PROFILE_ID }, { 'client-request-id': 'stall-get' });
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toMatchObject({ ipSecurityProfile: { id: PROFILE_ID } });
    expect(calls(stack, 'GET', 'stall-get')).toHaveLength(3);
  });

  it.each([400, 401, 403, 404, 409, 500, 502])('Graph %i to a GET is not retried', async (status) => {
    stack.emulator.inject({ method: 'GET', status, times: 5 });
    await stack.gql(GET, { id: PROFILE_ID }, { 'client-request-id': `no-retry-${status}` });
    expect(calls(stack, 'GET', `no-retry-${status}`)).toHaveLength(1);
  });

  it('gives up after GRAPH_MAX_RETRIES retries with the last coded error', async () => {
    stack.emulator.inject({ method: 'GET', status: 429, code: 'TooManyRequests', headers: { 'retry-after': '0.01' }, times: 10 });
    const answer = await stack.gql(GET, { id: PROFILE_ID }, { 'client-request-id': 'exhaust' });
    expect(answer.body.errors![0]!.extensions).toMatchObject({ code: 'THROTTLED', retryAfter: 0.01 });
    expect(calls(stack, 'GET', 'exhaust').map((r) => r.headers['retry-attempt'])).toEqual([undefined, '1', '2', '3']);
  });
});

describe('the request deadline', () => {
  const stack = useStack({ GRAPH_TIMEOUT_MS: '900', REQUEST_DEADLINE_MS: '2000', GRAPH_MAX_RETRIES: '10' });

  it('a Retry-After past the deadline stops at once: THROTTLED with retryAfter', async () => {
    stack.emulator.inject({ method: 'PATCH', status: 429, code: 'TooManyRequests', headers: { 'retry-after': '5' }, times: 5 });
    const started = performance.now();
    const answer = await stack.gql(UPDATE, { id: PROFILE_ID, input: { riskScore: 'never' } }, { 'client-request-id': 'past' });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(answer.body.errors![0]!.extensions).toMatchObject({ code: 'THROTTLED', retryAfter: 5, outcome: 'not_applied' });
    expect(patches(stack, 'past')).toHaveLength(1);
    expect(stack.emulator.store.get(PROFILE_ID)!.riskScore).toBe('Risk Score value');
  });

  it('a deadline of 2 s ends a call within about 2 s, however many retries are left', async () => {
    stack.emulator.inject({ method: 'GET', kind: 'delay', delayMs: 5_000, times: 10 });
    const started = performance.now();
    const answer = await stack.gql(GET, { id: PROFILE_ID }, { 'client-request-id': 'deadline' });
    const took = performance.now() - started;
    // At least one 0.9 s attempt; it may end before 2 s when the next wait would not fit (undici's
    // coarse timers can fire an attempt's timeout late on a busy machine, leaving less room).
    expect(took).toBeGreaterThanOrEqual(900);
    expect(took).toBeLessThan(2_500);
    expect(answer.body.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    // Attempts time out at 0.9 s; one running at 2 s is cut by the deadline.
    expect(calls(stack, 'GET', 'deadline').length).toBeGreaterThanOrEqual(1);
    const seen = calls(stack, 'GET', 'deadline');
    expect(seen.at(-1)!.at - seen[0]!.at).toBeLessThan(2_000);
  });

  it('retries and their waits stop before the deadline, with the last answer Graph gave', async () => {
    stack.emulator.inject({ method: 'GET', status: 503, headers: { 'retry-after': '0.3' }, times: 20 });
    const started = performance.now();
    const answer = await stack.gql(GET, { id: PROFILE_ID }, { 'client-request-id': 'waits' });
    expect(performance.now() - started).toBeLessThan(2_100);
    // Graph's last 503 (with its Retry-After), or, on a slow machine, the last attempt cut at 2 s.
    const ext = answer.body.errors![0]!.extensions!;
    expect(ext.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(ext.retryAfter === 0.3 || ext.reason === 'DEADLINE_EXCEEDED', JSON.stringify(ext)).toBe(true);
    // 0.3 s apart: six attempts fit in 2 s, and no attempt starts after the deadline.
    const seen = calls(stack, 'GET', 'waits');
    expect(seen.length).toBeGreaterThanOrEqual(5);
    expect(seen.length).toBeLessThanOrEqual(7);
  });

  it('a write cut by the deadline says its outcome is unknown', async () => {
    stack.emulator.inject({ method: 'PATCH', kind: 'delay', delayMs: 5_000 });
    stack.emulator.inject({ method: 'GET', kind: 'delay', delayMs: 5_000, times: 10 });
    const answer = await stack.gql(UPDATE, { id: PROFILE_ID, input: { riskScore: 'maybe' } }, { 'client-request-id': 'cut' });
    expect(answer.body.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', outcome: 'unknown' });
    expect(patches(stack, 'cut')).toHaveLength(1);
  });
});

describe('the deadline covers the read-back after a 204', () => {
  it('and a write Graph accepted whose profile cannot be read in time says outcome applied', async () => {
    const stack = await startStack({ GRAPH_TIMEOUT_MS: '900', REQUEST_DEADLINE_MS: '2000' });
    try {
      stack.emulator.settings.ignorePrefer = true;
      stack.emulator.inject({ method: 'GET', kind: 'delay', delayMs: 5_000, times: 10 });
      const started = performance.now();
      const answer = await stack.gql(UPDATE, { id: PROFILE_ID, input: { riskScore: 'accepted' } }, { 'client-request-id': 'readback' });
      expect(performance.now() - started).toBeLessThan(2_600);
      expect(answer.body.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', outcome: 'applied' });
      expect(patches(stack, 'readback')).toHaveLength(1);
      expect(stack.emulator.store.get(PROFILE_ID)!.riskScore).toBe('accepted');
    } finally {
      await stack.close();
    }
  });
});

describe('honest writes', () => {
  const stack = useStack({ GRAPH_TIMEOUT_MS: '400', GRAPH_MAX_RETRIES: '3' });

  const update = (rid: string, riskScore: string) =>
    stack.gql(UPDATE, { id: PROFILE_ID, input: { riskScore, tags: [rid] } }, { 'client-request-id': rid });

  it.each([
    ['429', { status: 429, code: 'TooManyRequests', headers: { 'retry-after': '0.05' } }],
    ['503', { status: 503, code: 'serviceNotAvailable' }],
  ] as const)('a PATCH answered %s is replayed: Graph did not apply it', async (name, fault) => {
    stack.emulator.inject({ method: 'PATCH', ...fault });
    const answer = await update(`w-${name}`, 'replayed');
    expect(answer.body.data).toMatchObject({ updateIpSecurityProfile: { riskScore: 'replayed', tags: [`w-${name}`] } });
    expect(patches(stack, `w-${name}`)).toHaveLength(2);
    expect(calls(stack, 'GET', `w-${name}`)).toHaveLength(0);
    expect(stack.emulator.store.writes).toHaveLength(1);
  });

  it.each([
    ['a reset after Graph applied it', { kind: 'reset-after' }],
    ['a stalled body after Graph applied it', { kind: 'stall' }],
    ['a truncated body after Graph applied it', { kind: 'truncate' }],
    ['a 504 after Graph applied it', { status: 504, apply: true }],
    ['a proxy 502 after Graph applied it', { kind: 'proxy-502', apply: true }],
  ] as const)('%s: read back, found applied, not replayed', async (_what, fault) => {
    stack.emulator.inject({ method: 'PATCH', ...fault });
    const answer = await update('ambiguous-applied', 'applied-once');
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toMatchObject({ updateIpSecurityProfile: { riskScore: 'applied-once', tags: ['ambiguous-applied'] } });
    expect(patches(stack, 'ambiguous-applied')).toHaveLength(1);
    expect(calls(stack, 'GET', 'ambiguous-applied')).toHaveLength(1);
    expect(stack.emulator.store.writes).toHaveLength(1);
  });

  it.each([
    ['a reset before Graph applied it', { kind: 'reset-before' }],
    ['a 504 before Graph applied it', { status: 504 }],
    ['a proxy 502 before Graph applied it', { kind: 'proxy-502' }],
  ] as const)('%s: read back once, found not applied, never replayed: unknown, with the profile as Graph holds it', async (_what, fault) => {
    stack.emulator.inject({ method: 'PATCH', ...fault });
    const answer = await update('ambiguous-lost', 'not-replayed');
    expect(answer.body.data).toEqual({ updateIpSecurityProfile: null });
    const ext = answer.body.errors![0]!.extensions!;
    expect(ext).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', outcome: 'unknown', current: { id: PROFILE_ID, riskScore: 'Risk Score value', tags: ['Tags value'] } });
    // The request may have reached Graph and can still land: it is never sent again.
    const seen = stack.emulator.requests.filter((r) => r.headers['client-request-id'] === 'ambiguous-lost').map((r) => r.method);
    expect(seen).toEqual(['PATCH', 'GET']);
    expect(stack.emulator.store.writes).toHaveLength(0);
  });

  it('when the read-back fails too, the error says the outcome is unknown and nothing is replayed', async () => {
    stack.emulator.inject({ method: 'PATCH', kind: 'reset-after' });
    stack.emulator.inject({ method: 'GET', status: 500, code: 'generalException', times: 5 });
    const answer = await update('unknown', 'perhaps');
    expect(answer.body.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', outcome: 'unknown' });
    expect(patches(stack, 'unknown')).toHaveLength(1);
  });

  it('a write refused by Graph (400) is neither replayed nor marked with an outcome', async () => {
    stack.emulator.inject({ method: 'PATCH', status: 400, code: 'BadRequest', times: 5 });
    const answer = await update('refused', 'no');
    expect(answer.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(answer.body.errors![0]!.extensions).not.toHaveProperty('outcome');
    expect(patches(stack, 'refused')).toHaveLength(1);
  });

  it('a write that keeps failing before Graph applied it says not_applied', async () => {
    stack.emulator.inject({ method: 'PATCH', status: 503, code: 'serviceNotAvailable', headers: { 'retry-after': '0.01' }, times: 10 });
    const answer = await update('not-applied', 'no');
    expect(answer.body.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', outcome: 'not_applied' });
    expect(patches(stack, 'not-applied')).toHaveLength(4);
    expect(stack.emulator.store.writes).toHaveLength(0);
  });
});

describe('cancellation', () => {
  const stack = useStack({ GRAPH_TIMEOUT_MS: '10000' });

  async function abandon(query: string, variables: Record<string, unknown>, rid: string, afterMs: number): Promise<void> {
    const sent = request(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, 'client-request-id': rid },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(afterMs),
    });
    await expect(sent).rejects.toThrow();
  }

  it('the client going away aborts the Graph request in flight at once', async () => {
    stack.emulator.inject({ method: 'GET', kind: 'delay', delayMs: 5_000 });
    await abandon(GET, { id: PROFILE_ID }, 'gone-inflight', 300);
    await sleep(300);
    const [call] = calls(stack, 'GET', 'gone-inflight');
    expect(call!.clientGoneAt).toBeDefined();
    expect(call!.clientGoneAt! - call!.at).toBeLessThan(900);
  });

  it('the client going away cancels a pending retry wait', async () => {
    stack.emulator.inject({ method: 'GET', status: 429, headers: { 'retry-after': '1' } });
    await abandon(GET, { id: PROFILE_ID }, 'gone-waiting', 200);
    await sleep(1_500);
    expect(calls(stack, 'GET', 'gone-waiting')).toHaveLength(1);
  });
});
