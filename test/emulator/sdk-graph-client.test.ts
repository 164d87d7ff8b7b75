// Microsoft's own JavaScript client (@microsoft/microsoft-graph-client 3) against the emulator, with
// the SDK's default middleware chain untouched: the emulator serves HTTPS with a test certificate and
// is named in `customHosts`, so the SDK's AuthenticationHandler sends the token as it would to Graph.
import {
  BatchRequestContent,
  BatchResponseContent,
  Client,
  GraphError,
  PageIterator,
  RetryHandlerOptions,
  type PageCollection,
} from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/server.js';
import { PROFILE_ID, TOKEN } from '../helpers/stack.js';
import { LOOPBACK_TLS, trustingDispatcher, type FetchDispatcher } from './tls/loopbackTls.js';

const PROFILE = `/security/ipSecurityProfiles/${PROFILE_ID}`;

describe('graph-client 3 against the emulator', () => {
  let emulator: Emulator;
  let dispatcher: FetchDispatcher;
  let client: Client;
  const clientWith = (token: string) =>
    Client.initWithMiddleware({
      authProvider: { getAccessToken: async () => token },
      baseUrl: emulator.baseUrl.replace(/\/beta$/, ''),
      defaultVersion: 'beta',
      customHosts: new Set(['127.0.0.1']),
      // Trusts the test certificate for these requests only; nothing else changes in the SDK.
      fetchOptions: { dispatcher },
    });

  beforeAll(async () => {
    emulator = await startEmulator({ tls: LOOPBACK_TLS });
    dispatcher = trustingDispatcher();
    client = clientWith(TOKEN);
  });
  beforeEach(() => emulator.reset());
  afterAll(async () => {
    await dispatcher.close();
    await emulator.close();
  });

  it('GET reads the profile, sending the token over https', async () => {
    const profile = (await client.api(PROFILE).get()) as Record<string, unknown>;
    expect(profile.id).toBe(PROFILE_ID);
    expect(profile.firstSeenDateTime).toBe('2016-12-31T23:57:27.0365895+03:00');
    expect(profile['@odata.context']).toBe('https://graph.microsoft.com/beta/$metadata#security/ipSecurityProfiles/$entity');
    const received = emulator.requests.at(-1)!;
    expect(received.url).toBe(`/beta${PROFILE}`);
    expect(received.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('PATCH without Prefer gets 204 and nothing; with Prefer gets the updated profile', async () => {
    expect(await client.api(PROFILE).patch({ tags: ['plain'] })).toBeUndefined();
    expect(emulator.store.get(PROFILE_ID)!.tags).toEqual(['plain']);
    const updated = (await client.api(PROFILE).header('Prefer', 'return=representation').patch({ tags: ['preferred'] })) as Record<string, unknown>;
    expect(updated.tags).toEqual(['preferred']);
    expect(updated.address).toBe('Address value');
  });

  it('$select answers the selection and names it in @odata.context', async () => {
    const profile = (await client.api(PROFILE).select(['address', 'tags']).get()) as Record<string, unknown>;
    expect(profile).toEqual({
      '@odata.context': 'https://graph.microsoft.com/beta/$metadata#security/ipSecurityProfiles(address,tags)/$entity',
      '@odata.type': '#microsoft.graph.ipSecurityProfile',
      address: 'Address value',
      tags: ['Tags value'],
    });
  });

  it('PageIterator walks every page through @odata.nextLink', async () => {
    for (let i = 1; i <= 12; i++) emulator.store.put({ id: `page-${String(i).padStart(2, '0')}`, address: `10.0.0.${i}` });
    const first = (await client.api('/security/ipSecurityProfiles').top(5).orderby('address').select('id').get()) as PageCollection;
    const ids: string[] = [];
    await new PageIterator(client, first, (item: { id: string }) => {
      ids.push(item.id);
      return true;
    }).iterate();
    // Ordered by address as strings; the seed's 'Address value' sorts after the digits.
    expect(ids).toEqual(['page-01', 'page-10', 'page-11', 'page-12', ...['02', '03', '04', '05', '06', '07', '08', '09'].map((n) => `page-${n}`), PROFILE_ID]);
    const pages = emulator.requests.filter((r) => r.url.includes('/security/ipSecurityProfiles?'));
    expect(pages).toHaveLength(3);
    expect(pages.every((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  it('BatchRequestContent / BatchResponseContent carry 20 requests, each answer readable as JSON', async () => {
    for (let i = 1; i <= 18; i++) emulator.store.put({ id: `b${i}`, address: `10.1.0.${i}` });
    const root = emulator.baseUrl;
    const steps = Array.from({ length: 18 }, (_, i) => ({ id: String(i + 1), request: new Request(`${root}/security/ipSecurityProfiles/b${i + 1}?$select=address`) }));
    steps.push({ id: '19', request: new Request(`${root}${PROFILE}`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ tags: ['batched'] }) }) });
    steps.push({ id: '20', request: new Request(`${root}/security/ipSecurityProfiles/missing`) });
    const content = new BatchRequestContent(steps);
    const answer = new BatchResponseContent(await client.api('/$batch').post(await content.getContent()));
    for (let i = 1; i <= 18; i++) {
      const response = answer.getResponseById(String(i))!;
      expect(response.status).toBe(200);
      expect(response.headers.get('OData-Version')).toBe('4.0');
      expect(await response.json()).toMatchObject({ address: `10.1.0.${i}` });
    }
    expect(answer.getResponseById('19')!.status).toBe(204);
    expect(emulator.store.get(PROFILE_ID)!.tags).toEqual(['batched']);
    const missing = answer.getResponseById('20')!;
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('itemNotFound');
  });

  async function graphError(run: () => Promise<unknown>): Promise<GraphError> {
    const err = await run().then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(GraphError);
    return err as GraphError;
  }

  it('GraphError carries status, code and the one request-id for 400, 401 and 404', async () => {
    const bad = await graphError(() => client.api(PROFILE).patch({ countHits: 'many' }));
    expect([bad.statusCode, bad.code]).toEqual([400, 'BadRequest']);
    const unauthorized = await graphError(() => clientWith('').api(PROFILE).get());
    expect([unauthorized.statusCode, unauthorized.code]).toEqual([401, 'InvalidAuthenticationToken']);
    const missing = await graphError(() => client.api('/security/ipSecurityProfiles/nope').get());
    expect([missing.statusCode, missing.code]).toEqual([404, 'itemNotFound']);
    for (const err of [bad, unauthorized, missing]) {
      expect(err.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(err.headers!.get('request-id')).toBe(err.requestId);
    }
  });

  it("the SDK's RetryHandler honours 429 Retry-After and retries a 503", async () => {
    emulator.inject({ status: 429, code: 'TooManyRequests', headers: { 'Retry-After': '0.3' } });
    const retried = (await client.api(PROFILE).middlewareOptions([new RetryHandlerOptions(0, 3)]).get()) as { id: string };
    expect(retried.id).toBe(PROFILE_ID);
    const [throttled, again] = emulator.requests.slice(-2);
    expect(again!.headers['retry-attempt']).toBe('1');
    expect(again!.at - throttled!.at).toBeGreaterThanOrEqual(290);

    emulator.inject({ status: 503, code: 'serviceNotAvailable' });
    expect(((await client.api(PROFILE).middlewareOptions([new RetryHandlerOptions(0, 3)]).get()) as { id: string }).id).toBe(PROFILE_ID);
    expect(emulator.requests.slice(-2).map((r) => r.headers['retry-attempt'])).toEqual([undefined, '1']);
  });
});
