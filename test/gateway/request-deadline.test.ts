// REQUEST_DEADLINE_MS bounds a whole GraphQL request, not each of its fields: callers set one
// timeout per HTTP request. A field that starts with too little left fails at once, sends nothing,
// and says so; shutdown waits at most one deadline and never cuts an answer whose writes landed.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { PROFILE_ID, startStack, useStack, type Stack } from '../helpers/stack.js';

// Three root fields: executed one after another, as GraphQL runs a mutation's fields.
const THREE_WRITES = `mutation {
  a: updateIpSecurityProfile(id: "${PROFILE_ID}", input: { riskScore: "a" }) { riskScore }
  b: updateIpSecurityProfile(id: "${PROFILE_ID}", input: { riskScore: "b" }) { riskScore }
  c: updateIpSecurityProfile(id: "${PROFILE_ID}", input: { riskScore: "c" }) { riskScore }
}`;

// A write needs a whole attempt to start, at most half the deadline: 1.5 s here.
const ENV = { GRAPH_TIMEOUT_MS: '5000', REQUEST_DEADLINE_MS: '3000' };

function patches(stack: Stack, rid: string) {
  return stack.emulator.requests.filter((r) => r.method === 'PATCH' && r.headers['client-request-id'] === rid);
}

describe('one deadline per request', () => {
  const stack = useStack(ENV);

  it('fields share it: once too little is left, the next write fails at once with REQUEST_DEADLINE_EXCEEDED, not_applied, and sends nothing', async () => {
    // Each PATCH takes 1.8 s of a 3 s budget: the first fits, the second cannot start.
    stack.emulator.inject({ method: 'PATCH', kind: 'delay', delayMs: 1_800, times: 3, clientRequestId: 'shared' });
    const started = performance.now();
    const answer = await stack.gql(THREE_WRITES, {}, { 'client-request-id': 'shared' });
    const took = performance.now() - started;
    expect(answer.body.data).toEqual({ a: { riskScore: 'a' }, b: null, c: null });
    const [b, c] = answer.body.errors!;
    for (const error of [b!, c!]) {
      expect(error.extensions).toMatchObject({ code: 'REQUEST_DEADLINE_EXCEEDED', outcome: 'not_applied' });
      expect(error.extensions!.neededMs).toBe(1_500);
      expect(error.extensions!.remainingMs as number).toBeLessThan(1_500);
    }
    expect(b!.path).toEqual(['b']);
    expect(patches(stack, 'shared')).toHaveLength(1);
    expect(stack.emulator.store.writes.map((w) => w.body.riskScore)).toEqual(['a']);
    expect(took).toBeLessThan(3_000 + 500);
  });

  it('ends a Graph call still in flight when the deadline passes, long before the attempt would time out', async () => {
    // The attempt could wait 5 s (GRAPH_TIMEOUT_MS); the request has 3 s. The server's one timer for
    // every request's deadline aborts the call at 3 s.
    stack.emulator.inject({ method: 'GET', kind: 'delay', delayMs: 4_500, times: 1, clientRequestId: 'in-flight' });
    const started = performance.now();
    const answer = await stack.gql(`{ ipSecurityProfile(id: "${PROFILE_ID}") { id } }`, {}, { 'client-request-id': 'in-flight' });
    const took = performance.now() - started;
    expect(answer.body.data).toEqual({ ipSecurityProfile: null });
    expect(answer.body.errors![0]!.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', reason: 'DEADLINE_EXCEEDED', requestId: 'in-flight' });
    expect(took).toBeGreaterThanOrEqual(3_000 - 50);
    expect(took).toBeLessThan(3_000 + 800);
  });

  it('a request with budget to spare runs every field', async () => {
    stack.emulator.inject({ method: 'PATCH', kind: 'delay', delayMs: 100, times: 3, clientRequestId: 'roomy' });
    const answer = await stack.gql(THREE_WRITES, {}, { 'client-request-id': 'roomy' });
    expect(answer.body.errors).toBeUndefined();
    expect(patches(stack, 'roomy')).toHaveLength(3);
  });
});

describe('graceful shutdown and the one deadline', () => {
  it('waits at most one deadline plus a grace, and the request whose write landed gets its answer', async () => {
    const stack = await startStack(ENV);
    try {
      stack.emulator.inject({ method: 'PATCH', kind: 'delay', delayMs: 1_800, times: 3, clientRequestId: 'draining' });
      const answered = stack.gql(THREE_WRITES, {}, { 'client-request-id': 'draining' });
      for (let i = 0; i < 100 && patches(stack, 'draining').length === 0; i++) await sleep(10);
      const stopping = performance.now();
      const stopped = stack.gateway.stop();
      const answer = await answered;
      expect(answer.body.data).toMatchObject({ a: { riskScore: 'a' }, b: null, c: null });
      await stopped;
      // REQUEST_DEADLINE_MS plus the 1 s grace at most.
      expect(performance.now() - stopping).toBeLessThan(4_000);
      expect(stack.emulator.store.writes.map((w) => w.body.riskScore)).toEqual(['a']);
    } finally {
      await stack.close();
    }
  });
});
