// The emulator's $batch and list, spoken to directly: the gateway's tests rely on it behaving as Graph.
import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/server.js';

const AUTH = { authorization: 'Bearer t', 'content-type': 'application/json' };

describe('the emulator', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  beforeEach(() => emulator.reset());
  afterAll(async () => emulator.close());

  async function batch(requests: unknown[]) {
    const res = await request(`${emulator.baseUrl}/$batch`, { method: 'POST', headers: AUTH, body: JSON.stringify({ requests }) });
    return { status: res.statusCode, body: (await res.body.json()) as { responses?: { id: string; status: number; body: Record<string, unknown> }[]; error?: { code: string } } };
  }

  it('$batch answers each request by id, in its own order, with $select applied', async () => {
    emulator.store.put({ id: 'b1', address: '1.1.1.1', riskScore: '1' });
    const answer = await batch([
      { id: '1', method: 'GET', url: '/security/ipSecurityProfiles/b1?$select=id,address' },
      { id: '2', method: 'GET', url: '/security/ipSecurityProfiles/nope' },
    ]);
    expect(answer.status).toBe(200);
    expect(answer.body.responses!.map((r) => r.id)).toEqual(['2', '1']);
    const byId = new Map(answer.body.responses!.map((r) => [r.id, r]));
    expect(byId.get('1')!.status).toBe(200);
    expect(byId.get('1')!.body).toEqual({ '@odata.context': expect.any(String), id: 'b1', address: '1.1.1.1' });
    expect(byId.get('2')!.status).toBe(404);
    expect(byId.get('2')!.body).toMatchObject({ error: { code: 'itemNotFound' } });
  });

  it('$batch refuses more than 20 requests, and needs a token', async () => {
    const many = Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: '/security/ipSecurityProfiles/x' }));
    expect((await batch(many)).status).toBe(400);
    const res = await request(`${emulator.baseUrl}/$batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"requests":[]}' });
    expect(res.statusCode).toBe(401);
    await res.body.dump();
  });

  it('list: $filter on address and riskScore, $orderby, $top and nextLink paging', async () => {
    for (const [id, address, riskScore] of [['l1', '9.9.9.9', '5'], ['l2', '8.8.8.8', '5'], ['l3', '7.7.7.7', '1']]) emulator.store.put({ id, address, riskScore });
    const get = async (query: string) => {
      const res = await request(`${emulator.baseUrl}/security/ipSecurityProfiles?${query}`, { headers: AUTH });
      return (await res.body.json()) as { value: { id: string }[]; '@odata.nextLink'?: string };
    };
    expect((await get("$filter=riskScore%20eq%20'5'&$orderby=address&$select=id")).value).toEqual([{ id: 'l2' }, { id: 'l1' }]);
    expect((await get("$filter=address%20eq%20'7.7.7.7'&$select=id")).value).toEqual([{ id: 'l3' }]);
    const first = await get('$top=2&$orderby=address%20desc&$select=id');
    // The seed profile's address ('Address value') sorts after digits.
    expect(first.value.map((v) => v.id)).toEqual(['a5c97fce-7fce-a5c9-ce7f-c9a5ce7fc9a5', 'l1']);
    const next = first['@odata.nextLink']!;
    expect(next.startsWith(`${emulator.baseUrl}/security/ipSecurityProfiles?`)).toBe(true);
    const res = await request(next, { headers: AUTH });
    const second = (await res.body.json()) as { value: { id: string }[]; '@odata.nextLink'?: string };
    expect(second.value.map((v) => v.id)).toEqual(['l2', 'l3']);
    expect(second['@odata.nextLink']).toBeUndefined();
  });
});
