// The differential corpus: requests as frontends, routers, browsers and attackers send them, each with
// whether the compiled path is expected to answer it once the gateway has seen its document.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Fault } from '../../src/emulator/faults.js';
import { DOCUMENT_REQUEST_BODY, withoutAnnotations } from '../helpers/document.js';
import { GET, PROFILE_ID, TOKEN, UPDATE } from '../helpers/stack.js';

export interface Case {
  readonly name: string;
  readonly method?: 'POST' | 'GET' | 'OPTIONS';
  /** A JSON body, or a raw string sent as it is. */
  readonly body?: unknown;
  readonly raw?: string;
  readonly search?: string;
  /** Replace the default headers (authorization, content-type) by name; undefined removes one. */
  readonly headers?: Readonly<Record<string, string | undefined>>;
  /** Injected before each send, matched by this case's client-request-id. */
  readonly fault?: Fault;
  readonly settings?: { readonly deprecated?: boolean; readonly partialContent?: boolean };
  /** Whether the compiled path answers it (checked on the last send). */
  readonly compiled: boolean;
}

const op = (name: string): string => readFileSync(new URL(`../../operations/${name}.graphql`, import.meta.url), 'utf8');
const FIELDS = op('IpSecurityProfileFields');
const FRONTEND_GET = `${op('GetIpSecurityProfile')}\n${FIELDS}`;
const FRONTEND_UPDATE = `${op('UpdateIpSecurityProfile')}\n${FIELDS}`;
const FRONTEND_LIST = `${op('ListIpSecurityProfiles')}\n${FIELDS}`;
const LIST = 'query L($first: Int, $after: String, $filter: String) { ipSecurityProfiles(first: $first, after: $after, filter: $filter) { nodes { id riskScore tags } pageInfo { hasNextPage endCursor } } }';
const ENTITIES = 'query Entities($r: [_Any!]!) { _entities(representations: $r) { ... on IpSecurityProfile { id address tags } } }';
const TWO_OPS = `query A { __typename } query B($id: ID!) { ipSecurityProfile(id: $id) { id riskScore } }`;
const update = (input: Record<string, unknown>, id = PROFILE_ID) => ({ query: UPDATE, variables: { id, input } });
const get = (id = PROFILE_ID) => ({ query: GET, variables: { id } });
const sha = (text: string): string => createHash('sha256').update(text).digest('hex');
const APQ_QUERY = 'query Apq { __typename }';
// Where graphql-jit and graphql-js could part (src/server/compiled/jitEligible.ts): shapes, conditions,
// values Graph gets wrong (each fails its own field, inside lists too), several failing root fields.
const SHAPES = 'query Shapes($id: ID!) { __typename p: ipSecurityProfile(id: $id) { __typename i: id ...F ... on IpSecurityProfile { tags id } ipReferenceData { asn a: asn } } } fragment F on IpSecurityProfile { id firstSeenDateTime riskScore }';
const CONDITIONS = 'query Cond($id: ID!, $more: Boolean!) { ipSecurityProfile(id: $id) { id tags @include(if: $more) riskScore @skip(if: $more) ...F @include(if: $more) } } fragment F on IpSecurityProfile { address ipReferenceData { asn } }';
const NESTED_VARIABLE = 'mutation N($id: ID!, $tags: [String!]) { updateIpSecurityProfile(id: $id, input: { tags: $tags, riskScore: "2" }) { id tags riskScore } }';
const json = { 'content-type': 'application/json' };
const MALFORMED = { id: PROFILE_ID, tags: ['a', 7, null], firstSeenDateTime: '2016-02-30T00:00:00Z', riskScore: 5, countHits: 2 ** 40, ipReferenceData: [{ asn: 'x', city: 'c' }, { asn: 2 ** 60 }], vendorInformation: 'v' };
const malformed = (body: unknown, method = 'GET'): Fault => ({ status: 200, headers: json, body: JSON.stringify(body), method });

const good: Case[] = [
  { name: 'update: the document example', body: { query: FRONTEND_UPDATE, variables: { id: PROFILE_ID, input: withoutAnnotations(DOCUMENT_REQUEST_BODY) } }, compiled: true },
  { name: 'update: a partial input', body: update({ tags: ['a', 'b'] }), compiled: true },
  { name: 'update: null clears', body: update({ tags: null, riskScore: null }), compiled: true },
  { name: 'update: 4-byte ASNs', body: update({ ipReferenceData: [{ asn: 4294967295, city: 'x' }, { asn: 65536 }] }), compiled: true },
  { name: 'get: every field', body: get(), compiled: true },
  { name: 'get: frontend document with its fragment', body: { query: FRONTEND_GET, variables: { id: PROFILE_ID }, operationName: 'GetIpSecurityProfile' }, compiled: true },
  { name: 'get: a missing profile is null', body: get('00000000-0000-0000-0000-000000000000'), compiled: true },
  { name: 'list: first page', body: { query: LIST, variables: { first: 2 } }, compiled: true },
  { name: 'list: a filter', body: { query: LIST, variables: { filter: "riskScore eq '3'" } }, compiled: true },
  { name: 'list: a forged cursor', body: { query: LIST, variables: { after: 'not-a-cursor' } }, compiled: true },
  { name: 'list: first out of range', body: { query: LIST, variables: { first: 5000 } }, compiled: true },
  { name: 'typename only', body: { query: '{ __typename }' }, compiled: true },
  { name: 'federation: _service', body: { query: '{ _service { sdl } }' }, compiled: true },
  { name: 'federation: _entities', body: { query: ENTITIES, variables: { r: [{ __typename: 'IpSecurityProfile', id: PROFILE_ID }, { __typename: 'IpSecurityProfile', id: 'nope' }] } }, compiled: true },
  { name: 'federation: a malformed representation', body: { query: ENTITIES, variables: { r: [{ __typename: 'Nope', id: 'x' }, { __typename: 'IpSecurityProfile' }] } }, compiled: true },
  { name: 'federation: more representations than MAX_ENTITIES', body: { query: ENTITIES, variables: { r: Array.from({ length: 4 }, () => ({ __typename: 'IpSecurityProfile', id: PROFILE_ID })) } }, compiled: false },
  { name: 'two operations, one named', body: { query: TWO_OPS, operationName: 'B', variables: { id: PROFILE_ID } }, compiled: true },
  { name: 'two operations, none named', body: { query: TWO_OPS }, compiled: false },
  { name: 'an operation name not in the document', body: { query: TWO_OPS, operationName: 'C' }, compiled: false },
  { name: 'operationName null, variables null', body: { query: '{ __typename }', operationName: null, variables: null }, compiled: true },
  { name: 'an unknown top-level key', body: { query: '{ __typename }', id: 'x' }, compiled: true },
  { name: 'introspection', body: { query: '{ __schema { queryType { name } mutationType { name } } }' }, compiled: true },
  { name: 'an unsafe id', body: get('../../me'), compiled: true },
  { name: 'an unsafe id in a mutation', body: update({ tags: [] }, 'a/b'), compiled: true },
  { name: 'shapes: aliases, fragments, __typename, a field merged from three nodes', body: { query: SHAPES, variables: { id: PROFILE_ID } }, compiled: true },
  { name: 'conditions: @include and @skip with a variable (true)', body: { query: CONDITIONS, variables: { id: PROFILE_ID, more: true } }, compiled: true },
  { name: 'conditions: @include and @skip with a variable (false)', body: { query: CONDITIONS, variables: { id: PROFILE_ID, more: false } }, compiled: true },
  { name: 'conditions: one fragment spread with and without @include', body: { query: 'query Leak($id: ID!, $more: Boolean!) { a: ipSecurityProfile(id: $id) { ...G @include(if: $more) } b: ipSecurityProfile(id: $id) { ...G } } fragment G on IpSecurityProfile { id tags }', variables: { id: PROFILE_ID, more: false } }, compiled: true },
  { name: 'a variable inside a literal, not provided', body: { query: NESTED_VARIABLE, variables: { id: PROFILE_ID } }, compiled: true },
  { name: 'update: offsets, fractions and the largest SafeInt', body: update({ firstSeenDateTime: '2016-12-31T23:57:27.0365895+03:00', lastSeenDateTime: '2017-01-01T00:00:00-08:00', ipReferenceData: [{ asn: 2 ** 53 - 1 }] }), compiled: true },
  { name: 'federation: _entities with aliases and __typename', body: { query: 'query E($r: [_Any!]!) { __typename e: _entities(representations: $r) { __typename ... on IpSecurityProfile { i: id tags } } }', variables: { r: [{ __typename: 'IpSecurityProfile', id: PROFILE_ID }, { __typename: 'IpSecurityProfile', id: 5 }] } }, compiled: true },
];

const jitEdges: Case[] = [
  { name: 'graph: malformed values fail their own fields, in lists too', fault: malformed(MALFORMED), body: get(), compiled: true },
  { name: 'graph: malformed values in a mutation answer', fault: malformed(MALFORMED, 'PATCH'), body: update({ tags: ['m'] }), compiled: true },
  { name: 'graph: malformed values in a list page', fault: malformed({ value: [MALFORMED, { ...MALFORMED, id: undefined, tags: 'x' }] }), body: { query: LIST, variables: { first: 2 } }, compiled: true },
  { name: 'two nullable root fields failing', headers: { authorization: undefined }, body: { query: 'query Two { a: ipSecurityProfile(id: "x") { id } b: ipSecurityProfile(id: "y") { id } }' }, compiled: true },
  { name: 'a non-null root field failing beside another', headers: { authorization: undefined }, body: { query: 'query Mixed { ipSecurityProfiles(first: 1) { nodes { id } } ipSecurityProfile(id: "x") { id } }' }, compiled: true },
];

const badVariables: Case[] = [
  { name: 'variables: the document body with its @odata annotations', body: { query: FRONTEND_UPDATE, variables: { id: PROFILE_ID, input: DOCUMENT_REQUEST_BODY } }, compiled: false },
  { name: 'variables: $id missing', body: { query: GET }, compiled: false },
  { name: 'variables: $input missing', body: { query: UPDATE, variables: { id: PROFILE_ID } }, compiled: false },
  { name: 'variables: a number for a string list', body: update({ tags: [5] }), compiled: false },
  { name: 'variables: an ASN past SafeInt', body: update({ ipReferenceData: [{ asn: 2 ** 60 }] }), compiled: false },
  { name: 'variables: an impossible date', body: update({ firstSeenDateTime: '2016-02-30T00:00:00Z' }), compiled: false },
  { name: 'variables: an unknown input field', body: update({ colour: 'red' }), compiled: false },
  // graphql-jit 0.8.9 coerces an empty array given for an input object to {}; graphql-js refuses it.
  { name: 'variables: an empty array for the input object', body: { query: UPDATE, variables: { id: PROFILE_ID, input: [] } }, compiled: false },
  { name: 'variables: an empty array for a nested input object', body: update({ vendorInformation: [] }), compiled: false },
  { name: 'variables: an array', body: { query: GET, variables: [PROFILE_ID] }, compiled: false },
  { name: 'variables: a JSON string', body: { query: GET, variables: JSON.stringify({ id: PROFILE_ID }) }, compiled: false },
  { name: 'operationName: a number', body: { query: GET, variables: { id: PROFILE_ID }, operationName: 3 }, compiled: false },
  { name: 'literal: an impossible date', body: { query: `mutation { updateIpSecurityProfile(id: "${PROFILE_ID}", input: { firstSeenDateTime: "2016-02-30T00:00:00Z" }) { id } }` }, compiled: false },
  { name: 'a syntax error', body: { query: '{ ipSecurityProfile(id: ' }, compiled: false },
  { name: 'an unknown field', body: { query: '{ nope }' }, compiled: false },
];

const faults: [string, Fault, 'get' | 'update'][] = [
  ['Graph 429 with Retry-After', { status: 429, headers: { 'retry-after': '2.128' } }, 'get'],
  ['Graph 429 on a write', { status: 429, headers: { 'retry-after': '7' }, method: 'PATCH' }, 'update'],
  ['Graph 503 without Retry-After', { status: 503 }, 'get'],
  ['Graph 504 after applying the write', { status: 504, apply: true, method: 'PATCH' }, 'update'],
  ['Graph 404', { status: 404, code: 'itemNotFound' }, 'update'],
  ['Graph 403', { status: 403, code: 'Authorization_RequestDenied' }, 'get'],
  ['Graph 401: a wrong token', { status: 401, code: 'InvalidAuthenticationToken' }, 'update'],
  ['Graph 409', { status: 409, code: 'conflict', method: 'PATCH' }, 'update'],
  ['Graph 412', { status: 412, code: 'preconditionFailed', method: 'PATCH' }, 'update'],
  ['Graph 400', { status: 400, code: 'BadRequest', method: 'PATCH' }, 'update'],
  ['Graph 500 with an HTML body', { status: 500, body: '<html>oops</html>' }, 'get'],
  ['delay past the timeout', { kind: 'delay', delayMs: 1500 }, 'get'],
  ['stall', { kind: 'stall', method: 'PATCH' }, 'update'],
  ['truncate', { kind: 'truncate' }, 'get'],
  ['reset before', { kind: 'reset-before', method: 'PATCH' }, 'update'],
  ['reset after applying', { kind: 'reset-after', method: 'PATCH' }, 'update'],
  ['proxy 502', { kind: 'proxy-502' }, 'get'],
  ['proxy 502 after applying', { kind: 'proxy-502', apply: true, method: 'PATCH' }, 'update'],
];

const faulty: Case[] = faults.map(([name, fault, which]) => ({ name: `fault: ${name}`, fault, body: which === 'get' ? get() : update({ tags: ['f'] }), compiled: true }));

const warnings: Case[] = [
  { name: 'warnings: a deprecated API', settings: { deprecated: true }, body: get(), compiled: true },
  { name: 'warnings: partial content from a provider', settings: { partialContent: true }, body: get(), compiled: true },
];

const tokens: Case[] = [
  { name: 'token: none', headers: { authorization: undefined }, body: get(), compiled: true },
  { name: 'token: Basic', headers: { authorization: 'Basic dXNlcjpwYXNz' }, body: update({ tags: [] }), compiled: true },
  { name: 'token: malformed', headers: { authorization: 'Bearer a b' }, body: get(), compiled: true },
  { name: 'token: bare', headers: { authorization: TOKEN }, body: update({ tags: [] }), compiled: true },
];

const accept: Case[] = [
  ...['application/json', 'application/graphql-response+json', '*/*', 'application/graphql-response+json,application/json;q=0.9', 'application/json, text/plain, */*'].map(
    (value): Case => ({ name: `accept: ${value}`, headers: { accept: value }, body: get(), compiled: true }),
  ),
  { name: 'accept: text/html on a mutation (406 after executing)', headers: { accept: 'text/html' }, body: update({ tags: ['h'] }), compiled: false },
  { name: 'accept: application/xml', headers: { accept: 'application/xml' }, body: get(), compiled: false },
];

const transport: Case[] = [
  { name: 'content-type: with charset', headers: { 'content-type': 'application/json; charset=utf-8' }, body: get(), compiled: true },
  { name: 'content-type: graphql-response+json', headers: { 'content-type': 'application/graphql-response+json' }, body: get(), compiled: false },
  { name: 'csrf: text/plain', headers: { 'content-type': 'text/plain' }, raw: JSON.stringify(get()), compiled: false },
  { name: 'csrf: text/plain with apollo-require-preflight', headers: { 'content-type': 'text/plain', 'apollo-require-preflight': 'true' }, raw: JSON.stringify(get()), compiled: false },
  { name: 'csrf: form encoded', headers: { 'content-type': 'application/x-www-form-urlencoded' }, raw: 'query=%7B__typename%7D', compiled: false },
  { name: 'csrf: no content type', headers: { 'content-type': undefined }, raw: JSON.stringify(get()), compiled: false },
  { name: 'cors: an allowed origin', headers: { origin: 'http://app.example' }, body: get(), compiled: true },
  { name: 'cors: another origin', headers: { origin: 'http://evil.example' }, body: update({ tags: ['o'] }), compiled: true },
  { name: 'cors: a preflight', method: 'OPTIONS', headers: { origin: 'http://app.example', 'access-control-request-method': 'POST' }, compiled: false },
  { name: 'GET: a query', method: 'GET', search: `?query=${encodeURIComponent('{ __typename }')}`, headers: { 'content-type': undefined }, compiled: false },
  { name: 'GET: a mutation', method: 'GET', search: `?query=${encodeURIComponent(UPDATE)}`, headers: { 'content-type': undefined }, compiled: false },
  { name: 'a batch', body: [get(), { query: '{ __typename }' }], compiled: false },
  { name: 'extensions: empty', body: { ...get(), extensions: {} }, compiled: false },
  { name: 'extensions: ftv1 trace header', headers: { 'apollo-federation-include-trace': 'ftv1' }, body: get(), compiled: false },
  { name: 'body: not JSON', raw: '{"query":', compiled: false },
  { name: 'body: empty object', body: {}, compiled: false },
  { name: 'apq: unknown hash', body: { extensions: { persistedQuery: { version: 1, sha256Hash: sha('query Never { __typename }') } } }, compiled: false },
  { name: 'apq: register', body: { query: APQ_QUERY, extensions: { persistedQuery: { version: 1, sha256Hash: sha(APQ_QUERY) } } }, compiled: false },
  { name: 'apq: hash of a registered query', body: { extensions: { persistedQuery: { version: 1, sha256Hash: sha(APQ_QUERY) } } }, compiled: false },
  { name: 'apq: a wrong hash', body: { query: APQ_QUERY, extensions: { persistedQuery: { version: 1, sha256Hash: sha('x') } } }, compiled: false },
  { name: 'apq: the plain query after registering', body: { query: APQ_QUERY }, compiled: true },
];

const limits: Case[] = [
  { name: 'limit: depth at the limit', body: { query: '{ ipSecurityProfile(id: "x") { ipReferenceData { city } } }' }, compiled: true },
  { name: 'limit: aliases', body: { query: `{ ${Array.from({ length: 4 }, (_, i) => `a${i}: __typename`).join(' ')} }` }, compiled: false },
  { name: 'limit: Graph root fields', body: { query: `{ ${Array.from({ length: 3 }, (_, i) => `p${i}: ipSecurityProfile(id: "${PROFILE_ID}") { id }`).join(' ')} }` }, compiled: false },
  { name: 'limit: tokens', body: { query: `{ ${'__typename '.repeat(200)}}` }, compiled: false },
  { name: 'limit: depth exceeded (the frontend list document)', body: { query: FRONTEND_LIST, variables: { first: 1 } }, compiled: false },
];

export const CORPUS: readonly Case[] = [...good, ...jitEdges, ...badVariables, ...faulty, ...warnings, ...tokens, ...accept, ...transport, ...limits];

/** The limits both gateways run with, small enough for the corpus to reach each. */
export const CORPUS_ENV: Readonly<Record<string, string>> = {
  MAX_ENTITIES: '3',
  MAX_ALIASES: '3',
  MAX_GRAPH_ROOT_FIELDS: '2',
  MAX_TOKENS: '150',
  MAX_DEPTH: '3',
  GRAPH_MAX_RETRIES: '0',
  GRAPH_TIMEOUT_MS: '500',
  CORS_ORIGINS: 'http://app.example',
};
