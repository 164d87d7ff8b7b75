// graphql-jit on the compiled path (src/server/compiled/jit.ts) coerces the variables with its own
// compiled code, and a refusal goes to Apollo. So jit must refuse exactly what graphql-js refuses, and
// what both accept must come out equal, value for value and key for key, or a resolver would see other
// arguments than under graphql-js. The differential test (compiled.test.ts) compares whole answers;
// this compares inputs.
import { createRequire } from 'node:module';
import { getOperationAST, getVariableValues, parse, type GraphQLSchema, type VariableDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema } from '../../src/schema.js';
import { jitMisses } from '../../src/server/compiled/jit.js';
import { jitEligible } from '../../src/server/compiled/jitEligible.js';
import { GET, PROFILE_ID, UPDATE } from '../helpers/stack.js';
import { CORPUS } from './compiledCorpus.js';

type Parse = (inputs: Record<string, unknown>) => { errors?: readonly unknown[]; coerced?: Record<string, unknown> };
// Required, not imported: graphql-jit's ESM build of this module does not load under Node.
const { compileVariableParsing } = createRequire(import.meta.url)('graphql-jit/dist/variables.js') as {
  compileVariableParsing: (schema: GraphQLSchema, definitions: readonly VariableDefinitionNode[]) => Parse;
};

const schema = buildSchema();

interface Body {
  readonly query: string;
  readonly variables?: Record<string, unknown>;
  readonly operationName?: string;
}

const isBody = (body: unknown): body is Body =>
  typeof body === 'object' && body !== null && typeof (body as Body).query === 'string' && (typeof (body as Body).variables === 'object' || (body as Body).variables === undefined);

// Beyond the corpus: graphql-js's coercion rules that jit implements on its own.
const EXTRA: [string, Body][] = [
  ['an integer ID', { query: GET, variables: { id: 5 } }],
  ['a lone value for a list, and null members of an object', { query: UPDATE, variables: { id: PROFILE_ID, input: { tags: 'one', ipReferenceData: { asn: 1, city: null }, vendorInformation: null } } }],
  ['a variable default left to apply', { query: 'query L($first: Int = 7, $after: String) { ipSecurityProfiles(first: $first, after: $after) { pageInfo { hasNextPage } } }', variables: {} }],
  ['a default overridden by null', { query: 'query L($first: Int = 7) { ipSecurityProfiles(first: $first) { pageInfo { hasNextPage } } }', variables: { first: null } }],
  ['every input field, in another order', { query: UPDATE, variables: { id: PROFILE_ID, input: { vendorInformation: { vendor: 'v', provider: 'p' }, tags: [], riskScore: '1', countHits: -3, firstSeenDateTime: '2016-12-31T23:57:27.0365895+03:00', ipCategories: [{ name: 'n' }], activityGroupNames: ['g'] } } }],
];

// Variables graphql-js refuses: jit must refuse each of them too, since the compiled path leaves a
// request to Apollo exactly when jit's own coercion refuses (no resolver has run then).
const LIST = 'query L($first: Int, $after: String) { ipSecurityProfiles(first: $first, after: $after) { pageInfo { hasNextPage } } }';
const update = (input: unknown, id: unknown = PROFILE_ID): Body => ({ query: UPDATE, variables: { id, input } });
const REFUSED: [string, Body][] = [
  ['no id', { query: UPDATE, variables: { input: {} } }],
  ['a null id', update({}, null)],
  ['an object id', update({}, { a: 1 })],
  ['a float id', update({}, 1.5)],
  ['a boolean id', update({}, true)],
  ['no input', { query: UPDATE, variables: { id: PROFILE_ID } }],
  ['a string input', update('tags')],
  ['a list input', update([{}])],
  // JSON-reachable: graphql-jit 0.8.9 takes an empty array for an input object (as {}), graphql-js refuses it.
  ['an empty list input', update([])],
  ['an empty list for a nested input object', update({ vendorInformation: [] })],
  ['an empty list for an input object inside a list', update({ ipCategories: [[]] })],
  ['an unknown input field', update({ nope: 1 })],
  ['a string for an Int', update({ countHits: '3' })],
  ['a float for an Int', update({ countHits: 1.5 })],
  ['an Int past 32 bits', update({ countHits: 2 ** 31 })],
  ['a boolean for a String', update({ riskScore: true })],
  ['a number for a String', update({ address: 7 })],
  ['a null member of a non-null list', update({ tags: ['a', null] })],
  ['a number in a list of strings', update({ tags: ['a', 1] })],
  ['an object in a list of strings', update({ tags: [{}] })],
  ['a bad DateTimeOffset', update({ firstSeenDateTime: 'yesterday' })],
  ['a DateTimeOffset without an offset', update({ lastSeenDateTime: '2016-12-31T23:57:27' })],
  ['a number for a DateTimeOffset', update({ lastSeenDateTime: 1 })],
  ['an unsafe ASN', update({ ipReferenceData: [{ asn: 2 ** 53 }] })],
  ['a string ASN', update({ ipReferenceData: [{ asn: '7' }] })],
  ['a nested unknown field', update({ vendorInformation: { vendorz: 'v' } })],
  ['a list for an object', update({ vendorInformation: [{ vendor: 'v' }] })],
  ['a string for an Int argument', { query: LIST, variables: { first: 'ten' } }],
  ['an object for a String argument', { query: LIST, variables: { after: {} } }],
];

const cases: [string, Body][] = [...CORPUS.flatMap((c): [string, Body][] => (isBody(c.body) ? [[c.name, c.body]] : [])), ...EXTRA];

describe('graphql-jit coerces variables as graphql-js does', () => {
  let compared = 0;

  it.each(cases)('%s', (_name, body) => {
    let operation;
    try {
      operation = getOperationAST(parse(body.query), body.operationName);
    } catch {
      return; // a syntax error: Apollo's
    }
    if (!operation) return;
    const definitions = operation.variableDefinitions ?? [];
    const js = getVariableValues(schema, definitions, body.variables ?? {});
    if (js.errors) return; // refused for Apollo: jit never sees these
    const jit = compileVariableParsing(schema, definitions)(body.variables ?? {});
    expect(jit.errors).toBeUndefined();
    expect(jit.coerced).toStrictEqual(js.coerced);
    expect(JSON.stringify(jit.coerced)).toBe(JSON.stringify(js.coerced));
    compared += 1;
  });

  it('compared most of the corpus', () => {
    expect(compared).toBeGreaterThan(40);
  });
});

describe('graphql-jit refuses the variables graphql-js refuses', () => {
  it.each(REFUSED)('%s', (_name, body) => {
    const operation = getOperationAST(parse(body.query), body.operationName)!;
    const definitions = operation.variableDefinitions ?? [];
    expect(getVariableValues(schema, definitions, body.variables ?? {}).errors?.length).toBeGreaterThan(0);
    // jit's own refusal, or the compiled path's check before it (jitMisses) for what jit would take.
    const refused = (compileVariableParsing(schema, definitions)(body.variables ?? {}).errors?.length ?? 0) > 0 || jitMisses(schema, definitions)(body.variables);
    expect(refused).toBe(true);
  });

  it('and every corpus body graphql-js refuses', () => {
    let refused = 0;
    for (const [, body] of cases) {
      let operation;
      try {
        operation = getOperationAST(parse(body.query), body.operationName);
      } catch {
        continue;
      }
      if (!operation) continue;
      const definitions = operation.variableDefinitions ?? [];
      if (!getVariableValues(schema, definitions, body.variables ?? {}).errors) continue;
      const jitRefused = (compileVariableParsing(schema, definitions)(body.variables ?? {}).errors?.length ?? 0) > 0;
      expect(jitRefused || jitMisses(schema, definitions)(body.variables)).toBe(true);
      refused += 1;
    }
    expect(refused).toBeGreaterThan(3);
  });
});

describe('which operations graphql-jit runs (decided per plan, jitEligible.ts)', () => {
  it.each([
    ['the mutation', 'mutation U($id: ID!, $input: UpdateIpSecurityProfileInput!) { updateIpSecurityProfile(id: $id, input: $input) { id tags } }', true],
    ['two nullable root fields', '{ a: ipSecurityProfile(id: "x") { id } b: ipSecurityProfile(id: "y") { id } }', true],
    ['a non-null root field beside __typename', '{ __typename ipSecurityProfiles { nodes { id } } }', true],
    ['_entities', 'query E($r: [_Any!]!) { _entities(representations: $r) { ... on IpSecurityProfile { id } } }', true],
    ['a non-null root field beside another', '{ ipSecurityProfiles { nodes { id } } ipSecurityProfile(id: "x") { id } }', false],
    ['the same, through a fragment', 'query Q { ...R } fragment R on Query { ipSecurityProfiles { nodes { id } } ipSecurityProfile(id: "x") { id } }', false],
    ['@include', 'query Q($m: Boolean!) { ipSecurityProfile(id: "x") { id tags @include(if: $m) } }', false],
    ['@skip in a fragment', 'query Q { ipSecurityProfile(id: "x") { ...F } } fragment F on IpSecurityProfile { id @skip(if: false) }', false],
    ['a variable inside a literal', 'mutation M($t: [String!]) { updateIpSecurityProfile(id: "x", input: { tags: $t }) { id } }', false],
    ['introspection', '{ __schema { queryType { name } } }', false],
    ['__type', '{ __type(name: "Query") { name } }', false],
  ])('%s', (_name, query, expected) => {
    const document = parse(query);
    const operation = getOperationAST(document);
    expect(operation).not.toBeNull();
    expect(jitEligible(schema, document, operation!)).toBe(expected);
  });
});
