import { getIntrospectionQuery } from 'graphql';
import { Readable } from 'node:stream';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { PROFILE_ID, TOKEN, postGraphQL, useStack } from '../helpers/stack.js';

function aliased(field: (i: number) => string, n: number): string {
  return Array.from({ length: n }, (_, i) => field(i)).join('\n');
}

describe('abuse limits, each refused with a coded error before Graph hears anything', () => {
  const stack = useStack({ MAX_DEPTH: '3', MAX_ALIASES: '5', MAX_TOKENS: '300', MAX_GRAPH_ROOT_FIELDS: '3', BODY_LIMIT_BYTES: '2048', MAX_ENTITIES: '3' });

  async function refused(query: string, variables?: Record<string, unknown>) {
    const answer = await stack.gql(query, variables);
    expect(answer.status).toBe(400);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors).toHaveLength(1);
    expect(stack.emulator.requests).toHaveLength(0);
    return answer.body.errors![0]!;
  }

  it('depth: at the limit passes, one deeper is refused', async () => {
    const ok = await stack.gql(`{ ipSecurityProfile(id: "${PROFILE_ID}") { ipReferenceData { asn } } }`);
    expect(ok.body.errors).toBeUndefined();
    stack.emulator.reset();
    const error = await refused(`{ ipSecurityProfiles { nodes { ipReferenceData { asn } } } }`);
    expect(error.extensions).toEqual({ code: 'OPERATION_LIMIT_EXCEEDED', limit: 'depth', max: 3, requestId: expect.any(String) });
    expect(error.message).toContain('depth');
  });

  it('depth counts through fragments', async () => {
    const error = await refused(`{ ipSecurityProfiles { ...C } } fragment C on IpSecurityProfileConnection { nodes { ipReferenceData { asn } } }`);
    expect(error.extensions).toMatchObject({ limit: 'depth' });
  });

  it('aliases', async () => {
    const error = await refused(`{ ipSecurityProfile(id: "x") { ${aliased((i) => `a${i}: id`, 6)} } }`);
    expect(error.extensions).toEqual({ code: 'OPERATION_LIMIT_EXCEEDED', limit: 'aliases', max: 5, requestId: expect.any(String) });
  });

  it('Graph-calling root fields in a query, through aliases and fragments', async () => {
    let error = await refused(`{ ${aliased((i) => `p${i}: ipSecurityProfile(id: "p${i}") { id }`, 4)} }`);
    expect(error.extensions).toEqual({ code: 'OPERATION_LIMIT_EXCEEDED', limit: 'graphRootFields', max: 3, requestId: expect.any(String) });
    error = await refused(`{ ...F ipSecurityProfiles { nodes { id } } } fragment F on Query { a: ipSecurityProfile(id: "a") { id } b: ipSecurityProfile(id: "b") { id } ... on Query { c: ipSecurityProfile(id: "c") { id } } }`);
    expect(error.extensions).toMatchObject({ limit: 'graphRootFields' });
  });

  it('Graph-calling root fields in a mutation: no PATCH is sent', async () => {
    const error = await refused(`mutation { ${aliased((i) => `u${i}: updateIpSecurityProfile(id: "${PROFILE_ID}", input: { tags: [] }) { id }`, 4)} }`);
    expect(error.extensions).toMatchObject({ limit: 'graphRootFields', max: 3 });
  });

  it('representations per _entities call, in a variable or a literal', async () => {
    const ENTITIES = 'query E($r: [_Any!]!) { _entities(representations: $r) { ... on IpSecurityProfile { id } } }';
    const reps = (n: number) => Array.from({ length: n }, (_, i) => ({ __typename: 'IpSecurityProfile', id: `p${i}` }));
    const ok = await stack.gql(ENTITIES, { r: reps(3) });
    expect(ok.body.errors).toBeUndefined();
    stack.emulator.reset();
    let error = await refused(ENTITIES, { r: reps(4) });
    expect(error.extensions).toEqual({ code: 'OPERATION_LIMIT_EXCEEDED', limit: 'entities', max: 3, requestId: expect.any(String) });
    const literal = JSON.stringify(reps(4)).replace(/"(__typename|id)":/g, '$1:');
    error = await refused(`{ _entities(representations: ${literal}) { ... on IpSecurityProfile { id } } }`);
    expect(error.extensions).toMatchObject({ limit: 'entities', max: 3 });
  });

  it('fields that do not call Graph are not counted', async () => {
    const answer = await stack.gql(`{ __typename a: __typename b: ipSecurityProfile(id: "${PROFILE_ID}") { id } _service { sdl } }`);
    expect(answer.body.errors).toBeUndefined();
  });

  it('tokens: the parser stops past the limit', async () => {
    const error = await refused(`{ ipSecurityProfile(id: "x") { ${'id '.repeat(400)} } }`);
    expect(error.extensions).toEqual({ code: 'OPERATION_LIMIT_EXCEEDED', limit: 'tokens', max: 300, requestId: expect.any(String) });
  });

  it('request body over BODY_LIMIT_BYTES: 413, declared or streamed', async () => {
    const big = JSON.stringify({ query: `{ ipSecurityProfile(id: "${'x'.repeat(3000)}") { id } }` });
    const declared = await request(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: big,
    });
    expect(declared.statusCode).toBe(413);
    expect(await declared.body.json()).toMatchObject({ errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });

    // No content-length: the limit holds while reading.
    async function* chunks() {
      for (let i = 0; i < 3; i += 1) yield Buffer.from(big.slice(i * 1000, (i + 1) * 1000));
      yield Buffer.from(big.slice(3000));
    }
    const streamed = await request(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: Readable.from(chunks()),
    });
    expect(streamed.statusCode).toBe(413);
    await streamed.body.dump();
    expect(stack.emulator.requests).toHaveLength(0);
  });
});

describe('the default limits', () => {
  const stack = useStack({}, { resetEach: false });

  it('let Sandbox’s full introspection query and the example operations through', async () => {
    const answer = await postGraphQL(stack.gateway.url, { query: getIntrospectionQuery({ descriptions: true, specifiedByUrl: true }) });
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
  });

  it('are configurable, and bad values are reported all at once', () => {
    expect(loadConfig({}).limits).toEqual({ maxDepth: 10, maxAliases: 15, maxTokens: 2000, maxGraphRootFields: 10, maxEntities: 200 });
    try {
      loadConfig({ MAX_DEPTH: '0', MAX_ALIASES: 'many', MAX_TOKENS: '5', MAX_GRAPH_ROOT_FIELDS: '-1' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).problems.join('\n')).toMatch(/MAX_DEPTH[\s\S]*MAX_ALIASES[\s\S]*MAX_TOKENS[\s\S]*MAX_GRAPH_ROOT_FIELDS/);
    }
  });
});
