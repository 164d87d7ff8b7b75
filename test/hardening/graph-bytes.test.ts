import { describe, expect, it } from 'vitest';
import { GET, PROFILE_ID, postGraphQL, TOKEN, useStack } from '../helpers/stack.js';

// Issue 11, points 13 and 14: what is read from Graph is bounded per answer (GRAPH_ANSWER_MAX_BYTES) and
// per GraphQL request across all its calls (GRAPH_REQUEST_BUDGET_BYTES), each with a coded error.

const BUDGET = 256 * 1024;
const ANSWER_MAX = 128 * 1024;

function levels(logs: readonly string[]): number[] {
  return logs.map((l) => (JSON.parse(l) as { level: number }).level);
}

describe('an answer over GRAPH_ANSWER_MAX_BYTES, or unreadable (point 13)', () => {
  const stack = useStack({ GRAPH_ANSWER_MAX_BYTES: String(ANSWER_MAX) });

  it('a GET answered with more than the cap is UPSTREAM_UNAVAILABLE (RESPONSE_TOO_LARGE), asked once', async () => {
    const body = JSON.stringify({ id: PROFILE_ID, address: 'x'.repeat(ANSWER_MAX + 1) });
    stack.emulator.inject({ method: 'GET', status: 200, headers: { 'content-type': 'application/json' }, body });
    const answer = await stack.gql(GET, { id: PROFILE_ID });
    expect(answer.body.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', reason: 'RESPONSE_TOO_LARGE' });
    expect(stack.emulator.requests).toHaveLength(1);
  });

  it('an answer just under the cap is read', async () => {
    const body = JSON.stringify({ id: PROFILE_ID, address: 'x'.repeat(ANSWER_MAX - 100) });
    stack.emulator.inject({ method: 'GET', status: 200, headers: { 'content-type': 'application/json' }, body });
    const answer = await stack.gql(`query ($id: ID!) { ipSecurityProfile(id: $id) { address } }`, { id: PROFILE_ID });
    expect(answer.body.errors).toBeUndefined();
  });

  it.each([
    ['HTML from a proxy', '<html><body>OK</body></html>'],
    ['cut-off JSON', '{"id": "a5c9'],
    ['a JSON array', '[1, 2]'],
  ])('a 200 answer that is %s is UPSTREAM_ERROR', async (_what, body) => {
    stack.emulator.inject({ method: 'GET', status: 200, body });
    const answer = await stack.gql(GET, { id: PROFILE_ID });
    expect(answer.body.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_ERROR' });
    expect(levels(stack.logs).filter((l) => l >= 50)).toEqual([]);
  });
});

describe('the per-request read budget (point 14)', () => {
  const stack = useStack({ GRAPH_REQUEST_BUDGET_BYTES: String(BUDGET) });

  // Ten list fields over pages of ~100 kB each: about 1 MB asked of Graph per request, four times the budget.
  const MANY_LISTS = `{ ${Array.from({ length: 10 }, (_, i) => `l${i}: ipSecurityProfiles(first: 50, orderBy: "${i % 2 === 0 ? 'address' : 'id'}") { nodes { id tags } }`).join(' ')} }`;

  it('concurrent requests with many list fields over large pages each stop at the budget with a coded error', async () => {
    for (let i = 0; i < 60; i += 1) stack.emulator.store.put({ id: `big${i}`, address: `10.1.0.${i}`, tags: Array.from({ length: 20 }, (_, t) => `${t}-${'t'.repeat(100)}`) });
    const answers = await Promise.all(Array.from({ length: 4 }, () => postGraphQL(stack.gateway.url, { query: MANY_LISTS }, { authorization: `Bearer ${TOKEN}` })));
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      const limited = (answer.body.errors ?? []).filter((e) => e.extensions?.limit === 'graphReadBytes');
      expect(limited.length).toBeGreaterThan(0);
      for (const e of limited) expect(e.extensions).toMatchObject({ code: 'OPERATION_LIMIT_EXCEEDED', limit: 'graphReadBytes', max: BUDGET });
      // The answer is built from what was read: bounded by the budget, not by fields × pages.
      expect(JSON.stringify(answer.body).length).toBeLessThan(2 * BUDGET);
    }
    expect(levels(stack.logs).filter((l) => l >= 50)).toEqual([]);
  });

  it('a request within the budget is unaffected, and the budget is per request', async () => {
    for (let round = 0; round < 3; round += 1) {
      const answer = await stack.gql(GET, { id: PROFILE_ID });
      expect(answer.body.errors).toBeUndefined();
    }
  });
});
