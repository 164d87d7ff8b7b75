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

describe('one profile handed out many times (point 14: the response, not only what was read)', () => {
  const stack = useStack({ GRAPH_REQUEST_BUDGET_BYTES: String(BUDGET) });
  // One read of a ~20 kB profile, then the loader's cache would put it in the answer once per
  // representation: 200 copies, 4 MB from 20 kB read, without a count of the copies.
  const ENTITIES = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on IpSecurityProfile { id tags } } }';
  const bigProfile = (tags = 200) => stack.emulator.store.put({ id: 'big', address: '10.2.0.1', tags: Array.from({ length: tags }, (_, t) => `${t}-${'t'.repeat(100)}`) });

  it('200 representations of one id: one Graph read, copies past the budget fail with the coded limit, the answer stays bounded', async () => {
    bigProfile();
    const representations = Array.from({ length: 200 }, () => ({ __typename: 'IpSecurityProfile', id: 'big' }));
    const answer = await stack.gql(ENTITIES, { r: representations });
    expect(stack.emulator.requests).toHaveLength(1);
    const list = answer.body.data!._entities as ({ id: string } | null)[];
    const errors = answer.body.errors ?? [];
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) expect(e.extensions).toMatchObject({ code: 'OPERATION_LIMIT_EXCEEDED', limit: 'graphReadBytes', max: BUDGET });
    // The first copies are there; those past the budget are null with their error.
    expect(list[0]).toMatchObject({ id: 'big' });
    expect(list.filter((e) => e === null)).toHaveLength(errors.length);
    expect(JSON.stringify(answer.body).length).toBeLessThan(2 * BUDGET + 64 * 1024);
    expect(levels(stack.logs).filter((l) => l >= 50)).toEqual([]);
  });

  it('aliased ipSecurityProfile fields of one id are counted the same way', async () => {
    bigProfile(400); // ~42 kB: nine copies are past the budget
    const query = `{ ${Array.from({ length: 10 }, (_, i) => `p${i}: ipSecurityProfile(id: "big") { id tags }`).join(' ')} }`;
    const answer = await postGraphQL(stack.gateway.url, { query }, { authorization: `Bearer ${TOKEN}` });
    expect(stack.emulator.requests).toHaveLength(1);
    const limited = (answer.body.errors ?? []).filter((e) => e.extensions?.limit === 'graphReadBytes');
    expect(limited.length).toBeGreaterThan(0);
    expect(JSON.stringify(answer.body).length).toBeLessThan(2 * BUDGET + 64 * 1024);
  });

  it('a few copies within the budget are all answered', async () => {
    bigProfile();
    const representations = Array.from({ length: 5 }, () => ({ __typename: 'IpSecurityProfile', id: 'big' }));
    const answer = await stack.gql(ENTITIES, { r: representations });
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data!._entities).toHaveLength(5);
  });
});
