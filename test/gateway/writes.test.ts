// Writes whose outcome can be trusted after any fault (issue 10): a 2xx is applied whatever happens
// to its body, a write that may have reached Graph is never sent again, the read-back compares
// values rather than spellings, and every error after an ambiguous attempt says its outcome. Each
// case runs against an emulator answering date-times as written and one answering them in UTC.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../../src/emulator/server.js';
import { PROFILE_ID, UPDATE, startStack, useStack, type Stack } from '../helpers/stack.js';

const SEEDED_RISK = 'Risk Score value';

function byRid(stack: Stack, rid: string): RecordedRequest[] {
  return stack.emulator.requests.filter((r) => r.headers['client-request-id'] === rid);
}

const methods = (stack: Stack, rid: string) => byRid(stack, rid).map((r) => r.method);

describe.each([
  ['date-times answered as written', false],
  ['date-times answered in UTC', true],
])('writes that never lie (%s)', (_how, utc) => {
  const stack = useStack({ GRAPH_TIMEOUT_MS: '400', GRAPH_MAX_RETRIES: '3' });
  const update = (rid: string, input: Record<string, unknown>) => {
    stack.emulator.settings.utcDateTimes = utc;
    return stack.gql(UPDATE, { id: PROFILE_ID, input }, { 'client-request-id': rid });
  };

  it('a 200 whose body is cut after the status line is applied: the profile is read, the PATCH never sent again', async () => {
    stack.emulator.inject({ method: 'PATCH', kind: 'cut-body' });
    const answer = await update('cut-ok', { riskScore: 'cut-once', tags: ['cut-ok'] });
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toMatchObject({ updateIpSecurityProfile: { riskScore: 'cut-once', tags: ['cut-ok'] } });
    expect(methods(stack, 'cut-ok')).toEqual(['PATCH', 'GET']);
    expect(stack.emulator.store.writes).toHaveLength(1);
  });

  it('a 200 whose body is cut, and the read-back fails: outcome applied, not unknown', async () => {
    stack.emulator.inject({ method: 'PATCH', kind: 'cut-body' });
    stack.emulator.inject({ method: 'GET', status: 500, code: 'generalException', times: 10 });
    const answer = await update('cut-applied', { riskScore: 'landed' });
    expect(answer.body.errors![0]!.extensions).toMatchObject({ outcome: 'applied' });
    expect(methods(stack, 'cut-applied').filter((m) => m === 'PATCH')).toHaveLength(1);
    expect(stack.emulator.store.get(PROFILE_ID)!.riskScore).toBe('landed');
  });

  it('a 200 whose body is too large to read is applied: the profile is read, the PATCH never sent again', async () => {
    // Past the 8 MiB the gateway reads of any answer.
    stack.emulator.inject({ method: 'PATCH', status: 200, apply: true, headers: { 'content-type': 'application/json' }, body: `{"pad":"${'x'.repeat(9 * 1024 * 1024)}"}` });
    const answer = await update('too-large', { riskScore: 'large-once' });
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toMatchObject({ updateIpSecurityProfile: { riskScore: 'large-once' } });
    expect(methods(stack, 'too-large')).toEqual(['PATCH', 'GET']);
    expect(stack.emulator.store.writes).toHaveLength(1);
  });

  it('a 200 whose body is cut while another writer changes the profile: acknowledged, so never replayed over the other writer', async () => {
    stack.emulator.inject({ method: 'PATCH', kind: 'cut-body' });
    // The read-back finds another writer's value, written between our PATCH and our GET.
    const other = { ...stack.emulator.store.get(PROFILE_ID)!, riskScore: 'other-writer' };
    stack.emulator.inject({ method: 'GET', status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(other) });
    const answer = await update('cut-raced', { riskScore: 'mine' });
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toMatchObject({ updateIpSecurityProfile: { riskScore: 'other-writer' } });
    expect(methods(stack, 'cut-raced')).toEqual(['PATCH', 'GET']);
    expect(stack.emulator.store.writes.map((w) => w.body.riskScore)).toEqual(['mine']);
  });

  it.each([
    ['a 504', { status: 504 }],
    ['a reset', { kind: 'reset-before' }],
  ] as const)('%s followed by a refusal: the refusal is never reached, the error says unknown', async (_what, fault) => {
    stack.emulator.inject({ method: 'PATCH', ...fault });
    stack.emulator.inject({ method: 'PATCH', status: 403, code: 'Forbidden' });
    const answer = await update('then-403', { riskScore: 'maybe' });
    expect(answer.body.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', outcome: 'unknown', current: { riskScore: SEEDED_RISK } });
    expect(methods(stack, 'then-403')).toEqual(['PATCH', 'GET']);
  });

  it('a read-back compares date-times as instants: a write applied behind a 504 is found applied whatever spelling Graph answers', async () => {
    stack.emulator.inject({ method: 'PATCH', status: 504, apply: true });
    const input = { firstSeenDateTime: '2016-12-31T23:57:27.0365895+03:00', lastSeenDateTime: '2017-01-01T00:00:01.5-08:00', countHits: 41 };
    const answer = await update('instants', input);
    expect(answer.body.errors).toBeUndefined();
    const got = answer.body.data!.updateIpSecurityProfile as Record<string, unknown>;
    expect(got.firstSeenDateTime).toBe(utc ? '2016-12-31T20:57:27.0365895Z' : input.firstSeenDateTime);
    expect(got.lastSeenDateTime).toBe(utc ? '2017-01-01T08:00:01.5000000Z' : input.lastSeenDateTime);
    expect(methods(stack, 'instants')).toEqual(['PATCH', 'GET']);
    expect(stack.emulator.store.writes).toHaveLength(1);
  });

  it('a PATCH that reaches Graph late, after its attempt timed out, is never replayed: unknown, with the profile as Graph held it', async () => {
    // Held 2 s in Graph's front door, then applied, though the gateway gave up at 0.4 s.
    stack.emulator.inject({ method: 'PATCH', kind: 'slow-apply', delayMs: 2_000, clientRequestId: 'slow-1' });
    const first = await update('slow-1', { riskScore: 'first' });
    expect(first.body.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', outcome: 'unknown', current: { id: PROFILE_ID, riskScore: SEEDED_RISK } });
    expect(methods(stack, 'slow-1')).toEqual(['PATCH', 'GET']);
    // The caller, told `unknown`, writes a newer value; it succeeds...
    const second = await update('slow-2', { riskScore: 'second' });
    expect(second.body.data).toMatchObject({ updateIpSecurityProfile: { riskScore: 'second' } });
    // ...and the first request lands after it, as the caller was warned it might. It lands once.
    for (let i = 0; i < 80 && stack.emulator.store.writes.length < 2; i++) await sleep(50);
    expect(stack.emulator.store.writes.map((w) => w.body.riskScore)).toEqual(['second', 'first']);
  });
});

describe('a write on a pool that is closing, or closed, was never sent', () => {
  it.each([
    ['closing', 'UND_ERR_CLOSED', false],
    ['closed', 'UND_ERR_DESTROYED', true],
  ] as const)('%s (%s): not_applied, and nothing reaches Graph', async (_state, reason, waitForClose) => {
    const stack = await startStack({ GRAPH_TIMEOUT_MS: '400' });
    try {
      // A request keeps the pool busy, so close() leaves it closing (not yet destroyed) for a while.
      stack.emulator.inject({ method: 'GET', kind: 'delay', delayMs: 300, clientRequestId: 'holder' });
      const holder = stack.gql('{ ipSecurityProfile(id: "' + PROFILE_ID + '") { id } }', {}, { 'client-request-id': 'holder' });
      for (let i = 0; i < 40 && byRid(stack, 'holder').length === 0; i++) await sleep(10);
      const closing = stack.gateway.graph.close();
      if (waitForClose) await closing;
      const answer = await stack.gql(UPDATE, { id: PROFILE_ID, input: { riskScore: 'never' } }, { 'client-request-id': 'closed' });
      expect(answer.body.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', reason, outcome: 'not_applied' });
      expect(byRid(stack, 'closed')).toEqual([]);
      await holder;
      await closing;
    } finally {
      await stack.close().catch(() => undefined);
    }
  });
});
