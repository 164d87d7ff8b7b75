import { request } from 'undici';
import { beforeEach, describe, expect, it } from 'vitest';
import { useStack } from '../helpers/stack.js';

// Issue 11, points 1 to 3: limits see through fragments and directives, and do not break routers.

const reps = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ __typename: 'IpSecurityProfile', id: `p${from + i}` }));

describe('MAX_ENTITIES bounds every representation of the operation', () => {
  const stack = useStack({ MAX_ENTITIES: '3' });

  async function refusedWithoutGraph(query: string, variables: Record<string, unknown>) {
    const answer = await stack.gql(query, variables);
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_LIMIT_EXCEEDED', limit: 'entities', max: 3 });
    expect(stack.emulator.requests).toHaveLength(0);
  }

  it('inside an inline fragment on Query', async () => {
    await refusedWithoutGraph('query ($r: [_Any!]!) { ... on Query { _entities(representations: $r) { ... on IpSecurityProfile { id } } } }', { r: reps(4) });
  });

  it('inside a named fragment', async () => {
    await refusedWithoutGraph(
      'query ($r: [_Any!]!) { ...E } fragment E on Query { _entities(representations: $r) { ... on IpSecurityProfile { id } } }',
      { r: reps(4) },
    );
  });

  it('behind @skip or @include, which cannot hide a field from the count', async () => {
    await refusedWithoutGraph(
      'query ($r: [_Any!]!, $no: Boolean = false) { ... on Query @include(if: $no) { _entities(representations: $r) @skip(if: true) { ... on IpSecurityProfile { id } } } }',
      { r: reps(4) },
    );
  });

  it('summed across every _entities field of the operation', async () => {
    await refusedWithoutGraph(
      'query ($a: [_Any!]!, $b: [_Any!]!) { a: _entities(representations: $a) { ... on IpSecurityProfile { id } } b: _entities(representations: $b) { ... on IpSecurityProfile { id } } }',
      { a: reps(2), b: reps(2, 2) },
    );
  });

  it('at the limit, split across fields, passes', async () => {
    const answer = await stack.gql(
      'query ($a: [_Any!]!, $b: [_Any!]!) { a: _entities(representations: $a) { ... on IpSecurityProfile { id } } ...B } fragment B on Query { b: _entities(representations: $b) { ... on IpSecurityProfile { id } } }',
      { a: reps(2), b: reps(1, 2) },
    );
    expect(answer.status).toBe(200);
    expect(answer.body.errors?.some((e) => e.extensions?.code === 'OPERATION_LIMIT_EXCEEDED')).not.toBe(true);
  });
});

// What Apollo Router and Hive Gateway send: one aliased _entities field per entity fetch of one client query.
function routerOperation(fetches: number): string {
  const variables = Array.from({ length: fetches }, (_, i) => `$r${i}:[_Any!]!`).join(',');
  const fields = Array.from({ length: fetches }, (_, i) =>
    `_${i}:_entities(representations:$r${i}){...on IpSecurityProfile{id ${i % 2 === 0 ? 'address' : 'address riskScore'}}}`,
  ).join(' ');
  return `query(${variables}){${fields}}`;
}

describe('an operation shaped like a federation router’s, under the default limits', () => {
  const stack = useStack();
  beforeEach(() => {
    for (let i = 0; i < 16; i += 1) stack.emulator.store.put({ id: `p${i}`, address: `10.0.0.${i}`, riskScore: String(i) });
  });

  it('16 aliased _entities fields are one Graph-calling root field, exempt from the alias limit, and cost one $batch', async () => {
    const variables = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`r${i}`, reps(1, i)]));
    const answer = await stack.gql(routerOperation(16), variables);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.status).toBe(200);
    expect(answer.body.data!._15).toEqual([{ id: 'p15', address: '10.0.0.15', riskScore: '15' }]);
    // One wave: every _entities field shares the request's loader.
    expect(stack.emulator.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /beta/$batch']);
    expect((JSON.parse(stack.emulator.requests[0]!.body) as { requests: unknown[] }).requests).toHaveLength(16);
  });

  it('aliases on other fields still count', async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: id`).join(' ');
    const answer = await stack.gql(`query ($r: [_Any!]!) { _0: _entities(representations: $r) { ... on IpSecurityProfile { ${aliases} } } }`, { r: reps(1) });
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_LIMIT_EXCEEDED', limit: 'aliases' });
    expect(stack.emulator.requests).toHaveLength(0);
  });

  it('aliases hidden in a named fragment still count', async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: id`).join(' ');
    const answer = await stack.gql(`{ ipSecurityProfile(id: "p1") { ...F } } fragment F on IpSecurityProfile { ${aliases} }`);
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_LIMIT_EXCEEDED', limit: 'aliases' });
  });
});

describe('_service { sdl } in production', () => {
  const stack = useStack({ NODE_ENV: 'production' }, { resetEach: false });

  it('answers without a token, as routers and `rover subgraph introspect` need', async () => {
    const res = await request(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ _service { sdl } }' }),
    });
    const body = (await res.body.json()) as { data?: { _service: { sdl: string } } };
    expect(res.statusCode).toBe(200);
    expect(body.data?._service.sdl).toContain('type IpSecurityProfile');
    expect(stack.emulator.requests).toHaveLength(0);
  });
});
