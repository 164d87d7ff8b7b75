import { beforeEach, describe, expect, it } from 'vitest';
import { TOKEN, postGraphQL, useStack, type Stack } from '../helpers/stack.js';

interface BatchBody {
  requests: { id: string; method: string; url: string }[];
}

const ENTITIES = `query Entities($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on IpSecurityProfile { id address riskScore } }
}`;

function batchBodies(stack: Stack): BatchBody[] {
  return stack.emulator.requests.filter((r) => r.url === '/beta/$batch').map((r) => JSON.parse(r.body) as BatchBody);
}

describe('reads by id are gathered into Graph $batch', () => {
  const stack = useStack();
  beforeEach(() => {
    for (let i = 1; i <= 45; i += 1) stack.emulator.store.put({ id: `p${i}`, address: `10.0.0.${i}`, riskScore: String(i), countHits: i });
  });

  it('one operation with several ipSecurityProfile fields sends one batch; a duplicate id is asked once', async () => {
    const answer = await stack.gql(`{
      a: ipSecurityProfile(id: "p1") { id address }
      b: ipSecurityProfile(id: "p2") { id riskScore }
      c: ipSecurityProfile(id: "p1") { countHits }
    }`);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toEqual({
      a: { id: 'p1', address: '10.0.0.1' },
      b: { id: 'p2', riskScore: '2' },
      c: { countHits: 1 },
    });
    expect(stack.emulator.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /beta/$batch']);
    const [call] = stack.emulator.requests;
    expect(call!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(call!.headers['content-type']).toBe('application/json');
    // The union of every field's selection, asked once per id.
    const select = '$select=id,address,countHits,riskScore';
    expect(JSON.parse(call!.body)).toEqual({
      requests: [
        { id: '1', method: 'GET', url: `/security/ipSecurityProfiles/p1?${select}` },
        { id: '2', method: 'GET', url: `/security/ipSecurityProfiles/p2?${select}` },
      ],
    });
  });

  it('_entities: 45 representations become three batches of at most 20', async () => {
    const representations = Array.from({ length: 45 }, (_, i) => ({ __typename: 'IpSecurityProfile', id: `p${i + 1}` }));
    const answer = await stack.gql(ENTITIES, { representations });
    expect(answer.body.errors).toBeUndefined();
    const entities = answer.body.data!._entities as { id: string; address: string; riskScore: string }[];
    expect(entities).toHaveLength(45);
    entities.forEach((e, i) => expect(e).toEqual({ id: `p${i + 1}`, address: `10.0.0.${i + 1}`, riskScore: String(i + 1) }));
    const bodies = batchBodies(stack);
    expect(bodies.map((b) => b.requests.length)).toEqual([20, 20, 5]);
    expect(stack.emulator.requests).toHaveLength(3);
    const urls = bodies.flatMap((b) => b.requests.map((r) => r.url)).sort();
    expect(urls).toEqual(representations.map((r) => `/security/ipSecurityProfiles/${r.id}?$select=id,address,riskScore`).sort());
  });

  it('sends the batches of one call in parallel, not one after another', async () => {
    // Each batch's answer is held 600 ms: one after another would take 1.8 s.
    stack.emulator.inject({ method: 'POST', kind: 'delay', delayMs: 600, times: 3 });
    const representations = Array.from({ length: 45 }, (_, i) => ({ __typename: 'IpSecurityProfile', id: `p${i + 1}` }));
    const started = performance.now();
    const answer = await stack.gql(ENTITIES, { representations });
    const elapsed = performance.now() - started;
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data!._entities).toHaveLength(45);
    const arrivals = stack.emulator.requests.map((r) => r.at);
    expect(arrivals).toHaveLength(3);
    // All three were at Graph before the first answer came back.
    expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeLessThan(500);
    expect(elapsed).toBeGreaterThanOrEqual(600);
    expect(elapsed).toBeLessThan(1_500);
  });

  it('checks every inner status: 404 is null, a 500 fails that entity alone', async () => {
    stack.emulator.inject({ method: 'GET', id: 'p2', status: 500, code: 'generalException' });
    const answer = await stack.gql(ENTITIES, {
      representations: ['p1', 'p2', 'missing', 'p3'].map((id) => ({ __typename: 'IpSecurityProfile', id })),
    });
    expect(answer.body.data!._entities).toEqual([{ id: 'p1', address: '10.0.0.1', riskScore: '1' }, null, null, { id: 'p3', address: '10.0.0.3', riskScore: '3' }]);
    expect(answer.body.errors).toHaveLength(1);
    expect(answer.body.errors![0]!.path).toEqual(['_entities', 1]);
    expect(answer.body.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', graph: { status: 500, code: 'generalException' } });
    expect(stack.emulator.requests).toHaveLength(1);
  });

  it('retries an inner 429 after its Retry-After, asking again only for the throttled one', async () => {
    stack.emulator.inject({ method: 'GET', id: 'p2', status: 429, code: 'TooManyRequests', headers: { 'Retry-After': '0.05' } });
    const started = Date.now();
    const answer = await stack.gql(`{ a: ipSecurityProfile(id: "p1") { id } b: ipSecurityProfile(id: "p2") { id address } }`);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toEqual({ a: { id: 'p1' }, b: { id: 'p2', address: '10.0.0.2' } });
    const bodies = batchBodies(stack);
    expect(bodies.map((b) => b.requests.map((r) => r.url))).toEqual([
      ['/security/ipSecurityProfiles/p1?$select=id,address', '/security/ipSecurityProfiles/p2?$select=id,address'],
      ['/security/ipSecurityProfiles/p2?$select=id,address'],
    ]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(50);
  });

  it('an inner 429 that persists is THROTTLED for that profile alone, after bounded retries', async () => {
    stack.emulator.inject({ method: 'GET', id: 'p2', status: 429, code: 'TooManyRequests', headers: { 'Retry-After': '0' }, times: 100 });
    const answer = await stack.gql(`{ a: ipSecurityProfile(id: "p1") { id } b: ipSecurityProfile(id: "p2") { id } }`);
    expect(answer.body.data).toEqual({ a: { id: 'p1' }, b: null });
    expect(answer.body.errors!.map((e) => [e.path, e.extensions!.code])).toEqual([[['b'], 'THROTTLED']]);
    expect(batchBodies(stack)).toHaveLength(4);
  });

  it('a failed envelope fails every profile in it, with Graph’s code', async () => {
    stack.emulator.inject({ method: 'POST', status: 403, code: 'Authorization_RequestDenied' });
    const answer = await stack.gql(`{ a: ipSecurityProfile(id: "p1") { id } b: ipSecurityProfile(id: "p2") { id } }`);
    expect(answer.body.data).toEqual({ a: null, b: null });
    expect(answer.body.errors!.map((e) => e.extensions!.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
  });

  it('an answer missing for one request, or not an entity, fails that profile alone; an unreadable envelope fails all', async () => {
    const responses = [
      { id: '1', status: 200, headers: { 'Content-Type': 'application/json' }, body: { id: 'p1', address: 'from batch' } },
      { id: '3', status: 200, headers: {}, body: 'not an entity' },
    ];
    stack.emulator.inject({ method: 'POST', status: 200, body: JSON.stringify({ responses }), headers: { 'content-type': 'application/json' } });
    const query = `{ a: ipSecurityProfile(id: "p1") { address } b: ipSecurityProfile(id: "p2") { address } c: ipSecurityProfile(id: "p3") { address } }`;
    let answer = await stack.gql(query);
    expect(answer.body.data).toEqual({ a: { address: 'from batch' }, b: null, c: null });
    expect(answer.body.errors!.map((e) => [e.path, e.extensions!.code])).toEqual([
      [['b'], 'UPSTREAM_ERROR'],
      [['c'], 'UPSTREAM_ERROR'],
    ]);

    stack.emulator.inject({ method: 'POST', status: 200, body: '<html>proxy</html>', headers: { 'content-type': 'text/html' } });
    answer = await stack.gql(query);
    expect(answer.body.data).toEqual({ a: null, b: null, c: null });
    expect(answer.body.errors!.map((e) => e.extensions!.code)).toEqual(['UPSTREAM_ERROR', 'UPSTREAM_ERROR', 'UPSTREAM_ERROR']);
  });

  it('hostile ids stay one encoded segment inside a batch; an unsafe one fails alone before any call', async () => {
    stack.emulator.store.put({ id: 'a/b', address: 'slash' });
    stack.emulator.store.put({ id: '../../users', address: 'dots' });
    const answer = await stack.gql(`{
      a: ipSecurityProfile(id: "a/b") { address }
      b: ipSecurityProfile(id: "../../users") { address }
      c: ipSecurityProfile(id: "..") { address }
    }`);
    expect(answer.body.data).toEqual({ a: { address: 'slash' }, b: { address: 'dots' }, c: null });
    expect(answer.body.errors!.map((e) => [e.path, e.extensions!.code, e.extensions!.field])).toEqual([[['c'], 'BAD_USER_INPUT', 'id']]);
    expect(batchBodies(stack)[0]!.requests.map((r) => r.url)).toEqual([
      '/security/ipSecurityProfiles/a%2Fb?$select=id,address',
      '/security/ipSecurityProfiles/..%2F..%2Fusers?$select=id,address',
    ]);
  });

  it('a single id in an operation is a plain GET with $select', async () => {
    const answer = await stack.gql(ENTITIES, { representations: [{ __typename: 'IpSecurityProfile', id: 'p7' }] });
    expect(answer.body.data!._entities).toEqual([{ id: 'p7', address: '10.0.0.7', riskScore: '7' }]);
    expect(stack.emulator.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /beta/security/ipSecurityProfiles/p7?$select=id,address,riskScore']);
  });

  it('is never shared across requests: each request asks Graph with its own token', async () => {
    const query = `{ a: ipSecurityProfile(id: "p1") { id } b: ipSecurityProfile(id: "p2") { id } }`;
    await Promise.all(['tokenA', 'tokenB'].map((t) => postGraphQL(stack.gateway.url, { query }, { authorization: `Bearer ${t}` })));
    expect(stack.emulator.requests.map((r) => r.headers.authorization).sort()).toEqual(['Bearer tokenA', 'Bearer tokenB']);
  });

  it('without a token nothing is sent and every profile is UNAUTHENTICATED', async () => {
    const answer = await postGraphQL(stack.gateway.url, { query: `{ a: ipSecurityProfile(id: "p1") { id } b: ipSecurityProfile(id: "p2") { id } }` });
    expect(answer.body.errors!.map((e) => e.extensions!.code)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
    expect(stack.emulator.requests).toHaveLength(0);
  });
});
