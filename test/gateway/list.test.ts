import { beforeEach, describe, expect, it } from 'vitest';
import { PROFILE_ID, useStack } from '../helpers/stack.js';

const LIST = `query List($first: Int, $after: String, $filter: String, $orderBy: String) {
  ipSecurityProfiles(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    nodes { id address riskScore }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Page {
  nodes: { id: string; address: string | null; riskScore: string | null }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

function cursorFor(link: string): string {
  return `v1.${Buffer.from(link, 'utf8').toString('base64url')}`;
}

describe('ipSecurityProfiles: the list query', () => {
  const stack = useStack();
  beforeEach(() => {
    for (let i = 1; i <= 45; i += 1) stack.emulator.store.put({ id: `p${String(i).padStart(2, '0')}`, address: `10.0.0.${i}`, riskScore: String(i % 5) });
  });

  async function page(variables: Record<string, unknown>): Promise<Page> {
    const answer = await stack.gql(LIST, variables);
    expect(answer.body.errors).toBeUndefined();
    return answer.body.data!.ipSecurityProfiles as Page;
  }

  it('asks Graph for $top (default 25) and only the selected properties', async () => {
    const first = await page({});
    expect(first.nodes).toHaveLength(25);
    expect(first.nodes[0]).toEqual({ id: PROFILE_ID, address: 'Address value', riskScore: 'Risk Score value' });
    expect(stack.emulator.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /beta/security/ipSecurityProfiles?$top=25&$select=id,address,riskScore',
    ]);
  });

  it('encodes $filter and $orderby so a caller cannot add or change another option', async () => {
    const result = await page({ filter: "riskScore eq '3'", orderBy: 'address desc', first: 3 });
    expect(result.nodes.map((n) => n.address)).toEqual(['10.0.0.8', '10.0.0.43', '10.0.0.38']);
    expect(stack.emulator.requests[0]!.url).toBe(
      "/beta/security/ipSecurityProfiles?$top=3&$filter=riskScore%20eq%20'3'&$orderby=address%20desc&$select=id,address,riskScore",
    );

    stack.emulator.reset();
    stack.emulator.store.put({ id: 'odd', address: "a&$top=1#'+" });
    const odd = await page({ filter: "address eq 'a&$top=1#''+'" });
    expect(odd.nodes).toEqual([{ id: 'odd', address: "a&$top=1#'+", riskScore: null }]);
    expect(stack.emulator.requests[0]!.url).toBe(
      "/beta/security/ipSecurityProfiles?$top=25&$filter=address%20eq%20'a%26$top%3D1%23''%2B'&$select=id,address,riskScore",
    );
  });

  it('filters on address with eq', async () => {
    const result = await page({ filter: "address eq '10.0.0.7'" });
    expect(result).toEqual({ nodes: [{ id: 'p07', address: '10.0.0.7', riskScore: '2' }], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it('pages through @odata.nextLink with an opaque cursor, to the last page', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const result: Page = await page({ first: 20, after, orderBy: 'address' });
      seen.push(...result.nodes.map((n) => n.id));
      after = result.pageInfo.endCursor;
      expect(result.pageInfo.hasNextPage).toBe(after !== null);
      if (after !== null) expect(after).not.toContain('http');
      pages += 1;
    } while (after !== null && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(46);
    expect(new Set(seen).size).toBe(46);
    const urls = stack.emulator.requests.map((r) => r.url);
    expect(urls[0]).toBe('/beta/security/ipSecurityProfiles?$top=20&$orderby=address&$select=id,address,riskScore');
    expect(urls[1]).toBe('/beta/security/ipSecurityProfiles?$top=20&$orderby=address&$select=id,address,riskScore&$skiptoken=20');
    expect(urls[2]).toBe('/beta/security/ipSecurityProfiles?$top=20&$orderby=address&$select=id,address,riskScore&$skiptoken=40');
  });

  it('a later page may change page size and fields', async () => {
    const first = await page({ first: 10 });
    const answer = await stack.gql(`query($after: String) { ipSecurityProfiles(first: 5, after: $after) { nodes { id countHits } } }`, {
      after: first.pageInfo.endCursor,
    });
    expect(answer.body.errors).toBeUndefined();
    expect(stack.emulator.requests[1]!.url).toBe('/beta/security/ipSecurityProfiles?$top=5&$select=id,countHits&$skiptoken=10');
  });

  it.each([
    ['not base64', 'not a cursor!'],
    ['no prefix', Buffer.from('http://127.0.0.1/beta/security/ipSecurityProfiles').toString('base64url')],
    ['another host', cursorFor('http://evil.example/beta/security/ipSecurityProfiles?$skiptoken=20')],
    ['userinfo trick', 'USERINFO'],
    ['another version', 'OTHER_VERSION'],
    ['another collection', 'OTHER_PATH'],
    ['a dot-segment escape', 'DOTS'],
    ['an https downgrade/upgrade', 'SCHEME'],
  ])('a cursor with %s is BAD_USER_INPUT and nothing is sent', async (_what, raw) => {
    const base = new URL(stack.emulator.baseUrl);
    const cursors: Record<string, string> = {
      USERINFO: cursorFor(`http://${base.host}@evil.example/beta/security/ipSecurityProfiles?$skiptoken=20`),
      OTHER_VERSION: cursorFor(`${base.origin}/v1.0/security/ipSecurityProfiles?$skiptoken=20`),
      OTHER_PATH: cursorFor(`${base.origin}/beta/users?$skiptoken=20`),
      DOTS: cursorFor(`${base.origin}/beta/security/ipSecurityProfiles/../../users`),
      SCHEME: cursorFor(`https://${base.host}/beta/security/ipSecurityProfiles?$skiptoken=20`),
    };
    const answer = await stack.gql(LIST, { after: cursors[raw] ?? raw });
    expect(answer.body.data).toBeNull();
    expect(answer.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(answer.body.errors![0]!.message).not.toContain('evil');
    expect(stack.emulator.requests).toHaveLength(0);
  });

  it.each([0, -1, 1001])('first: %i is BAD_USER_INPUT and nothing is sent', async (first) => {
    const answer = await stack.gql(LIST, { first });
    expect(answer.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(stack.emulator.requests).toHaveLength(0);
  });

  it('first: 1000 is accepted', async () => {
    expect((await page({ first: 1000 })).nodes).toHaveLength(46);
  });

  it('206 Partial Content still returns the profiles, date-times byte-exact', async () => {
    const body = JSON.stringify({
      value: [{ id: 'x1', address: '1.2.3.4', firstSeenDateTime: '2016-12-31T23:57:27.0365895+03:00' }],
    });
    stack.emulator.inject({ method: 'GET', status: 206, body, headers: { 'content-type': 'application/json', warning: '199 - "Vendor/Provider/500/10"' } });
    const answer = await stack.gql(`{ ipSecurityProfiles { nodes { id address firstSeenDateTime } pageInfo { hasNextPage } } }`);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toEqual({
      ipSecurityProfiles: { nodes: [{ id: 'x1', address: '1.2.3.4', firstSeenDateTime: '2016-12-31T23:57:27.0365895+03:00' }], pageInfo: { hasNextPage: false } },
    });
  });

  it('a filter Graph refuses comes back as BAD_USER_INPUT with Graph’s word', async () => {
    const answer = await stack.gql(LIST, { filter: 'nosuch eq 1' });
    expect(answer.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', graph: { status: 400 } });
  });
});
