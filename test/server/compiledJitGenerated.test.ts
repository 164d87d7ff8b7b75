// graphql-jit's variable coercion, with the compiled path's check before it (jitMisses), against
// graphql-js's over a generated set of JSON values in every input position of the schema: both refuse,
// or both accept with the same values, key for key.
import { createRequire } from 'node:module';
import { getOperationAST, getVariableValues, parse, type GraphQLSchema, type VariableDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema } from '../../src/schema.js';
import { jitMisses } from '../../src/server/compiled/jit.js';

type Parse = (inputs: Record<string, unknown>) => { errors?: readonly unknown[]; coerced?: Record<string, unknown> };
const { compileVariableParsing } = createRequire(import.meta.url)('graphql-jit/dist/variables.js') as {
  compileVariableParsing: (schema: GraphQLSchema, definitions: readonly VariableDefinitionNode[]) => Parse;
};
const schema = buildSchema();

const LIST = (defs: string, args: string) => `query Q(${defs}) { ipSecurityProfiles(${args}) { pageInfo { hasNextPage } } }`;
const UPDATE = 'mutation U($id: ID!, $input: UpdateIpSecurityProfileInput!) { updateIpSecurityProfile(id: $id, input: $input) { id } }';
const ENTITIES = 'query E($r: [_Any!]!) { _entities(representations: $r) { ... on IpSecurityProfile { id } } }';
// JSON values only: what a request body can carry.
const VALUES: unknown[] = JSON.parse(
  '[0, -0, 1, -1, 1.5, 1e3, 2147483647, 2147483648, -2147483648, -2147483649, 9007199254740991, 9007199254740992, 1e21, "1", "", " 1", "1.0", "abc", true, false, null, [], [1], [null], [[1]], [[]], {}, {"a":1}, "2016-12-31T23:57:27+03:00", "2016-12-31T23:57:27Z", "2016-12-31t23:57:27z"]',
);
const FIELDS = ['countHits', 'riskScore', 'tags', 'firstSeenDateTime', 'ipCategories', 'ipReferenceData', 'vendorInformation', 'activityGroupNames'];

const cases: [string, string, Record<string, unknown>][] = [];
for (const v of VALUES) {
  const s = JSON.stringify(v);
  cases.push([`Int ${s}`, LIST('$first: Int', 'first: $first'), { first: v }]);
  cases.push([`Int! ${s}`, LIST('$first: Int!', 'first: $first'), { first: v }]);
  cases.push([`String ${s}`, LIST('$after: String', 'after: $after'), { after: v }]);
  cases.push([`ID ${s}`, 'query G($id: ID!) { ipSecurityProfile(id: $id) { id } }', { id: v }]);
  for (const f of FIELDS) cases.push([`input.${f} ${s}`, UPDATE, { id: 'x', input: { [f]: v } }]);
  cases.push([`asn ${s}`, UPDATE, { id: 'x', input: { ipReferenceData: [{ asn: v }] } }]);
  cases.push([`lone ipReferenceData.asn ${s}`, UPDATE, { id: 'x', input: { ipReferenceData: { asn: v } } }]);
  cases.push([`ipCategories[] ${s}`, UPDATE, { id: 'x', input: { ipCategories: [v] } }]);
  cases.push([`tags[] ${s}`, UPDATE, { id: 'x', input: { tags: [v] } }]);
  cases.push([`tags[[]] ${s}`, UPDATE, { id: 'x', input: { tags: [[v]] } }]);
  cases.push([`input ${s}`, UPDATE, { id: 'x', input: v }]);
  cases.push([`representations ${s}`, ENTITIES, { r: v }]);
  cases.push([`representations[] ${s}`, ENTITIES, { r: [v] }]);
}
for (const k of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
  cases.push([`input key ${k}`, UPDATE, JSON.parse(`{"id":"x","input":{"${k}":1}}`) as Record<string, unknown>]);
  cases.push([`nested key ${k}`, UPDATE, JSON.parse(`{"id":"x","input":{"vendorInformation":{"${k}":"a"}}}`) as Record<string, unknown>]);
  cases.push([`representation key ${k}`, ENTITIES, JSON.parse(`{"r":[{"__typename":"IpSecurityProfile","id":"x","${k}":{"a":1}}]}`) as Record<string, unknown>]);
}

/** Own keys in order, all the way down, -0 told from 0. */
const shape = (x: unknown): string => {
  if (x === null || typeof x !== 'object') return Object.is(x, -0) ? '-0' : JSON.stringify(x);
  if (Array.isArray(x)) return `[${x.map(shape).join(',')}]`;
  return `{${Reflect.ownKeys(x).map((k) => `${String(k)}:${shape((x as Record<string, unknown>)[k as string])}`).join(',')}}`;
};

describe('graphql-jit behind jitMisses coerces generated JSON variables as graphql-js does', () => {
  it.each(cases)('%s', (_name, query, variables) => {
    const definitions = getOperationAST(parse(query))!.variableDefinitions ?? [];
    const js = getVariableValues(schema, definitions, variables);
    const refusedBeforeJit = jitMisses(schema, definitions)(variables);
    const jit = refusedBeforeJit ? { errors: ['refused before jit'] } : compileVariableParsing(schema, definitions)(variables);
    expect(jit.errors === undefined).toBe(js.errors === undefined);
    if (js.errors === undefined) expect(shape(jit.coerced)).toBe(shape(js.coerced));
  });
});
