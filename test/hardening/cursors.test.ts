import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { startStack, useStack, type Stack } from '../helpers/stack.js';
import { startGraphProxy, type GraphProxy } from './graphProxy.js';

// Issue 11, points 4, 5 and 16: a cursor holds Graph's skip token and the options we sent, nothing
// else; it is checked when the page arrives and always followed at the configured base URL.

const LIST = `query List($first: Int, $after: String, $filter: String, $orderBy: String) {
  ipSecurityProfiles(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    nodes { id address }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Page {
  nodes: { id: string }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

function seed(stack: Stack): void {
  for (let i = 1; i <= 25; i += 1) stack.emulator.store.put({ id: `p${String(i).padStart(2, '0')}`, address: `10.0.0.${i}` });
}

function forged(state: unknown): string {
  return `v2.${Buffer.from(JSON.stringify(state), 'utf8').toString('base64url')}`;
}

describe('behind a proxy base URL (point 4)', () => {
  let proxy: GraphProxy;
  let stack: Stack;
  beforeAll(async () => {
    proxy = await startGraphProxy();
    stack = await startStack({ GRAPH_BASE_URL: proxy.baseUrl });
    proxy.target = stack.emulator.port;
  });
  afterAll(async () => {
    await stack.close();
    await proxy.close();
  });

  it('pages to the end through the proxy, though Graph’s links name graph.microsoft.com', async () => {
    seed(stack);
    const first = await stack.gql(LIST, { first: 10, orderBy: 'address' });
    expect(first.body.errors).toBeUndefined();
    const page1 = first.body.data!.ipSecurityProfiles as Page;
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const second = await stack.gql(LIST, { first: 10, after: page1.pageInfo.endCursor });
    expect(second.body.errors).toBeUndefined();
    const page2 = second.body.data!.ipSecurityProfiles as Page;
    expect(page2.nodes[0]!.id).toBe('p19'); // by address: 10.0.0.1, 10.0.0.10 … 10.0.0.19
    // Sent to the configured base URL, the proxy's path prefix included; the order carried on.
    expect(proxy.paths[1]).toBe('/graph/beta/security/ipSecurityProfiles?$top=10&$orderby=address&$select=id,address&$skiptoken=10');
    expect(stack.emulator.requests[1]!.url).toBe('/beta/security/ipSecurityProfiles?$top=10&$orderby=address&$select=id,address&$skiptoken=10');
  });
});

describe('cursors', () => {
  const stack = useStack();
  beforeEach(() => seed(stack));

  it('carry the filter this gateway sent, and Graph’s skip token, nothing of the rest of Graph’s link', async () => {
    stack.emulator.inject({
      method: 'GET',
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        value: [{ id: 'p01' }],
        '@odata.nextLink': `${stack.emulator.baseUrl}/security/ipSecurityProfiles?$expand=x&$count=true&$filter=address%20eq%20'other'&$skiptoken=abc%2B1`,
      }),
    });
    const first = await stack.gql(LIST, { first: 1, filter: "address eq '10.0.0.1'" });
    expect(first.body.errors).toBeUndefined();
    const cursor = (first.body.data!.ipSecurityProfiles as Page).pageInfo.endCursor;
    const next = await stack.gql(LIST, { first: 1, after: cursor });
    expect(stack.emulator.requests[1]!.url).toBe("/beta/security/ipSecurityProfiles?$top=1&$filter=address%20eq%20'10.0.0.1'&$select=id,address&$skiptoken=abc%2B1");
    // The emulator's tokens are offsets: it refuses this one, and says so.
    expect(next.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });

  it.each([
    ['a link with $expand, $count and a 3,000-character filter (the old format)', () => `v1.${Buffer.from(`${stack.emulator.baseUrl}/security/ipSecurityProfiles?$expand=x&$count=true&$filter=${'a'.repeat(3000)}&$skiptoken=2`).toString('base64url')}`, 'after'],
    ['an option of its own', () => forged({ skipToken: '2', expand: 'x' }), 'after'],
    ['a 3,000-character filter', () => forged({ skipToken: '2', filter: `address eq '${'a'.repeat(3000)}'` }), 'filter'],
    ['a 3,000-character order', () => forged({ skip: 2, orderBy: 'a'.repeat(3000) }), 'orderBy'],
    ['no skip token', () => forged({ filter: "address eq 'x'" }), 'after'],
    ['a negative $skip', () => forged({ skip: -1 }), 'after'],
    ['a filter that is not a string', () => forged({ skipToken: '2', filter: { $expand: 'x' } }), 'after'],
    ['not JSON', () => `v2.${Buffer.from('{skipToken').toString('base64url')}`, 'after'],
  ])('forged with %s is BAD_USER_INPUT and nothing is sent (point 5)', async (_what, make, field) => {
    const answer = await stack.gql(LIST, { first: 5, after: make() });
    expect(answer.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(stack.emulator.requests).toHaveLength(0);
  });

  it('a hand-made cursor asks only for what a request could: Graph gets exactly the first page’s options', async () => {
    const answer = await stack.gql(LIST, { first: 5, after: forged({ skip: 20, filter: "address eq '10.0.0.21'" }) });
    expect(answer.body.errors).toBeUndefined();
    expect(stack.emulator.requests.map((r) => r.url)).toEqual(["/beta/security/ipSecurityProfiles?$top=5&$filter=address%20eq%20'10.0.0.21'&$select=id,address&$skip=20"]);
  });

  it.each([
    ['another origin', 'https://evil.example/beta/security/ipSecurityProfiles?$skiptoken=2'],
    ['Graph, another collection', 'https://graph.microsoft.com/beta/users?$skiptoken=2'],
    ['userinfo', 'https://graph.microsoft.com@evil.example/beta/security/ipSecurityProfiles?$skiptoken=2'],
    ['no skip token', 'https://graph.microsoft.com/beta/security/ipSecurityProfiles?$top=2'],
    ['not a URL', '/beta/security/ipSecurityProfiles?$skiptoken=2'],
  ])('a page whose @odata.nextLink names %s is UPSTREAM_ERROR, never a cursor (point 16)', async (_what, link) => {
    stack.emulator.inject({ method: 'GET', status: 200, body: JSON.stringify({ value: [{ id: 'p01' }], '@odata.nextLink': link }) });
    const answer = await stack.gql(LIST, { first: 1 });
    expect(answer.body.data).toBeNull();
    expect(answer.body.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_ERROR' });
    expect(answer.body.errors![0]!.message).toMatch(/next-page link/);
  });
});

describe('signed cursors (CURSOR_SIGNING_KEYS, point 5)', () => {
  const NEW_KEY = 'n'.repeat(40);
  const OLD_KEY = 'o'.repeat(40);
  const stack = useStack({ CURSOR_SIGNING_KEYS: `${NEW_KEY},${OLD_KEY}` });
  beforeEach(() => seed(stack));

  function signedWith(key: string, text: string): string {
    return `${text}.${createHmac('sha256', key).update(text, 'utf8').digest('base64url')}`;
  }

  it('are signed with the first key and followed', async () => {
    const first = await stack.gql(LIST, { first: 10 });
    const cursor = (first.body.data!.ipSecurityProfiles as Page).pageInfo.endCursor!;
    const text = forged({ skipToken: '10' });
    expect(cursor).toBe(signedWith(NEW_KEY, text));
    const next = await stack.gql(LIST, { first: 10, after: cursor });
    expect(next.body.errors).toBeUndefined();
    expect(stack.emulator.requests[1]!.url).toBe('/beta/security/ipSecurityProfiles?$top=10&$select=id,address&$skiptoken=10');
  });

  it('one signed with the older key is still taken (rotation)', async () => {
    const answer = await stack.gql(LIST, { first: 10, after: signedWith(OLD_KEY, forged({ skipToken: '10' })) });
    expect(answer.body.errors).toBeUndefined();
    expect(stack.emulator.requests).toHaveLength(1);
  });

  it.each([
    ['unsigned', () => forged({ skipToken: '10' })],
    ['signed with another key', () => signedWith('x'.repeat(40), forged({ skipToken: '10' }))],
    ['altered after signing', () => signedWith(NEW_KEY, forged({ skipToken: '10' })).replace(/^v2\.[A-Za-z0-9_-]+/, forged({ skipToken: '20' }))],
  ])('one %s is BAD_USER_INPUT and nothing is sent', async (_what, make) => {
    const answer = await stack.gql(LIST, { first: 10, after: make() });
    expect(answer.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(stack.emulator.requests).toHaveLength(0);
  });
});

it('a signing key shorter than 32 characters stops the start, without echoing the key', () => {
  expect(() => loadConfig({ CURSOR_SIGNING_KEYS: `${'a'.repeat(40)},short-secret` })).toThrow(ConfigError);
  expect(() => loadConfig({ CURSOR_SIGNING_KEYS: `${'a'.repeat(40)},short-secret` })).toThrow(/CURSOR_SIGNING_KEYS must be/);
  expect(() => loadConfig({ CURSOR_SIGNING_KEYS: 'short-secret' })).not.toThrow(/short-secret/);
});
