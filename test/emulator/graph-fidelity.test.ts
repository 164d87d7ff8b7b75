// The emulator answers as Microsoft Graph does where it used to differ (issue 12, points 1-10),
// spoken to in plain HTTP so each assertion names the exact bytes Graph would send.
import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/server.js';
import { PROFILE_ID, TOKEN } from '../helpers/stack.js';

const AUTH = { authorization: `Bearer ${TOKEN}` };
const JSON_HEADERS = { ...AUTH, 'content-type': 'application/json' };
const CONTEXT = 'https://graph.microsoft.com/beta/$metadata#security/ipSecurityProfiles';

interface Inner {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: Record<string, unknown> & { error?: { code: string; message: string } };
}

describe('the emulator where Graph is particular', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  beforeEach(() => emulator.reset());
  afterAll(async () => emulator.close());

  async function call(method: string, path: string, headers: Record<string, string> = AUTH, body?: unknown) {
    const res = await request(`${emulator.baseUrl}${path}`, { method: method as 'GET', headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.body.text();
    return { status: res.statusCode, headers: res.headers, text, json: () => JSON.parse(text) as Record<string, unknown> & { error: { code: string; message: string; innerError: Record<string, string> } } };
  }
  async function batch(requests: unknown[], headers: Record<string, string> = {}) {
    const answer = await call('POST', '/$batch', { ...JSON_HEADERS, ...headers }, { requests });
    const parsed = answer.json() as { responses?: Inner[]; error?: { code: string; message: string } };
    return { status: answer.status, error: parsed.error, byId: new Map((parsed.responses ?? []).map((r) => [r.id, r])) };
  }
  const seedProfiles = (n: number) => {
    for (let i = 1; i <= n; i++) emulator.store.put({ id: `p${String(i).padStart(2, '0')}`, address: `10.0.0.${String(i).padStart(2, '0')}`, riskScore: String(i % 2) });
  };

  it('1: $batch inner headers are spelled as Graph writes them', async () => {
    const { byId } = await batch([
      { id: 'read', method: 'GET', url: `/security/ipSecurityProfiles/${PROFILE_ID}` },
      { id: 'missing', method: 'GET', url: '/security/ipSecurityProfiles/nope' },
    ]);
    expect(byId.get('read')!.headers).toEqual({
      'Cache-Control': 'no-cache',
      'OData-Version': '4.0',
      'Content-Type': 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8',
    });
    expect(byId.get('missing')!.headers).toEqual({ 'Cache-Control': 'no-cache', 'Content-Type': 'application/json' });
  });

  it('2: paths are not case-sensitive, at top level and inside $batch; ids keep their case', async () => {
    const patched = await call('PATCH', `/Security/ipSecurityProfiles/${PROFILE_ID}`, JSON_HEADERS, { tags: ['cased'] });
    expect(patched.status).toBe(204);
    expect((await call('GET', `/SECURITY/IPSECURITYPROFILES/${PROFILE_ID}`)).status).toBe(200);
    expect((await call('GET', `/security/ipSecurityProfiles/${PROFILE_ID.toUpperCase()}`)).status).toBe(404);
    const { byId } = await batch([{ id: '1', method: 'GET', url: `/Security/IpSecurityProfiles/${PROFILE_ID}?$select=tags` }]);
    expect(byId.get('1')!.body!.tags).toEqual(['cased']);
  });

  it('3: on beta the $ is optional, and an option given twice is refused', async () => {
    seedProfiles(3);
    const plain = (await call('GET', "/security/ipSecurityProfiles?top=1&filter=riskScore%20eq%20'1'&select=id&orderby=address")).json();
    expect(plain.value).toEqual([{ id: 'p01' }]);
    expect(plain['@odata.nextLink']).toContain('top=1');
    const twice = await call('GET', '/security/ipSecurityProfiles?$top=1&top=2');
    expect(twice.status).toBe(400);
    expect(twice.json().error.message).toBe("Query option '$top' was specified more than once, but it must be specified at most once.");
    // A name Graph does not know is a custom query option: ignored, as Graph does.
    expect((await call('GET', '/security/ipSecurityProfiles?tenant=x')).status).toBe(200);
  });

  it('4: one request-id per answer, in the header and in innerError', async () => {
    for (const answer of [
      await call('GET', '/security/ipSecurityProfiles/nope'),
      await call('GET', `/security/ipSecurityProfiles/${PROFILE_ID}`, {}),
      await call('PATCH', `/security/ipSecurityProfiles/${PROFILE_ID}`, JSON_HEADERS, { countHits: 'x' }),
    ]) {
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.headers['request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(answer.json().error.innerError['request-id']).toBe(answer.headers['request-id']);
    }
  });

  it('5: $skip, $count=true and /$count (text/plain)', async () => {
    seedProfiles(5);
    const page = (await call('GET', '/security/ipSecurityProfiles?$skip=1&$top=2&$orderby=address&$count=true&$select=id')).json();
    expect(page.value).toEqual([{ id: 'p02' }, { id: 'p03' }]);
    expect(page['@odata.count']).toBe(6);
    const next = new URL(page['@odata.nextLink'] as string);
    expect(next.searchParams.get('$skiptoken')).toBe('3');
    expect(next.searchParams.has('$skip')).toBe(false);
    const count = await call('GET', "/security/ipSecurityProfiles/$count?$filter=riskScore%20eq%20'1'");
    expect([count.status, count.headers['content-type'], count.text]).toEqual([200, 'text/plain', '3']);
    expect((await call('GET', '/security/ipSecurityProfiles/%24count')).text).toBe('6');
    expect((await call('GET', '/security/ipSecurityProfiles?$skip=-1')).status).toBe(400);
  });

  it('6: $batch dependsOn gives 424 after a failure and 400 for an unknown id', async () => {
    const { byId } = await batch([
      { id: '3', dependsOn: ['2'], method: 'GET', url: `/security/ipSecurityProfiles/${PROFILE_ID}` },
      { id: '1', method: 'GET', url: '/security/ipSecurityProfiles/nope' },
      { id: '2', dependsOn: ['1'], method: 'PATCH', url: `/security/ipSecurityProfiles/${PROFILE_ID}`, headers: { 'Content-Type': 'application/json' }, body: { tags: ['never'] } },
    ]);
    expect([byId.get('1')!.status, byId.get('2')!.status, byId.get('3')!.status]).toEqual([404, 424, 424]);
    expect(emulator.store.writes).toEqual([]);
    const unknown = await batch([{ id: '1', dependsOn: ['9'], method: 'GET', url: '/security/ipSecurityProfiles' }]);
    expect(unknown.status).toBe(400);
    expect(unknown.error!.message).toContain("'9'");
  });

  it('6: $batch ids are unique case-insensitively, a body needs Content-Type, and the outer Prefer stays outside', async () => {
    const dup = await batch([
      { id: 'a', method: 'GET', url: '/security/ipSecurityProfiles' },
      { id: 'A', method: 'GET', url: '/security/ipSecurityProfiles' },
    ]);
    expect(dup.status).toBe(400);
    const untyped = await batch([{ id: '1', method: 'PATCH', url: `/security/ipSecurityProfiles/${PROFILE_ID}`, body: { tags: ['x'] } }]);
    expect([untyped.status, untyped.error!.message]).toEqual([400, 'Write request id : 1 does not contain Content-Type header or body.']);
    const patch = { method: 'PATCH', url: `/security/ipSecurityProfiles/${PROFILE_ID}`, body: { tags: ['y'] } };
    const outer = await batch(
      [
        { id: 'plain', ...patch, headers: { 'content-type': 'application/json' } },
        { id: 'asked', ...patch, headers: { 'Content-Type': 'application/json', Prefer: 'return=representation' } },
      ],
      { prefer: 'return=representation' },
    );
    expect(outer.byId.get('plain')!.status).toBe(204);
    expect(outer.byId.get('plain')!.body).toBeUndefined();
    expect(outer.byId.get('asked')!.status).toBe(200);
    expect(outer.byId.get('asked')!.body!.tags).toEqual(['y']);
  });

  it('7: undeclared top-level properties are kept (open type); complex types stay closed', async () => {
    const path = `/security/ipSecurityProfiles/${PROFILE_ID}`;
    expect((await call('PATCH', path, JSON_HEADERS, { customerLabel: 'blue', tags: ['open'] })).status).toBe(204);
    const profile = (await call('GET', path)).json();
    expect(profile.customerLabel).toBe('blue');
    expect(Object.keys(profile).at(-1)).toBe('customerLabel');
    expect((await call('GET', `${path}?$select=customerLabel`)).json()).toMatchObject({ customerLabel: 'blue' });
    const closed = await call('PATCH', path, JSON_HEADERS, { vendorInformation: { provider: 'p', colour: 'red' } });
    expect(closed.status).toBe(400);
    expect(closed.json().error.message).toContain("'colour' does not exist on type 'microsoft.graph.securityVendorInformation'");
  });

  it('8: @odata.context names the $select selection', async () => {
    seedProfiles(1);
    expect((await call('GET', `/security/ipSecurityProfiles/${PROFILE_ID}?$select=address,tags`)).json()['@odata.context']).toBe(`${CONTEXT}(address,tags)/$entity`);
    expect((await call('GET', '/security/ipSecurityProfiles?$select=id')).json()['@odata.context']).toBe(`${CONTEXT}(id)`);
    expect((await call('GET', `/security/ipSecurityProfiles/${PROFILE_ID}`)).json()['@odata.context']).toBe(`${CONTEXT}/$entity`);
  });

  it('9: OData-Version on success, Allow on 405, client-request-id echoed or answered with the request-id', async () => {
    const read = await call('GET', `/security/ipSecurityProfiles/${PROFILE_ID}`, { ...AUTH, 'client-request-id': 'mine-1' });
    expect([read.headers['odata-version'], read.headers['client-request-id']]).toEqual(['4.0', 'mine-1']);
    const patch = await call('PATCH', `/security/ipSecurityProfiles/${PROFILE_ID}`, JSON_HEADERS, { tags: [] });
    expect([patch.status, patch.headers['odata-version']]).toEqual([204, '4.0']);
    expect(patch.headers['client-request-id']).toBe(patch.headers['request-id']);
    const refused = await call('DELETE', `/security/ipSecurityProfiles/${PROFILE_ID}`, { ...AUTH, 'client-request-id': 'mine-2' });
    expect([refused.status, refused.headers.allow, refused.headers['odata-version']]).toEqual([405, 'GET, PATCH', undefined]);
    expect(refused.json().error.innerError['client-request-id']).toBe('mine-2');
    expect((await call('POST', '/security/ipSecurityProfiles', JSON_HEADERS, {})).headers.allow).toBe('GET');
    expect((await call('GET', '/$batch')).headers.allow).toBe('POST');
  });

  it('10: DateTimeOffset takes at most 12 fractional digits', async () => {
    const path = `/security/ipSecurityProfiles/${PROFILE_ID}`;
    expect((await call('PATCH', path, JSON_HEADERS, { firstSeenDateTime: '2016-12-31T23:57:27.036589512345+03:00' })).status).toBe(204);
    const thirteen = await call('PATCH', path, JSON_HEADERS, { firstSeenDateTime: '2016-12-31T23:57:27.0365895123456+03:00' });
    expect(thirteen.status).toBe(400);
    expect(thirteen.json().error.message).toContain("'Edm.DateTimeOffset' for property 'firstSeenDateTime'");
    expect(emulator.store.get(PROFILE_ID)!.firstSeenDateTime).toBe('2016-12-31T23:57:27.036589512345+03:00');
  });
});
