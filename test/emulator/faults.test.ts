import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/server.js';
import { PROFILE_ID, TOKEN } from '../helpers/stack.js';

describe('emulator fault injection', () => {
  let emulator: Emulator;
  let root: string;
  beforeAll(async () => {
    emulator = await startEmulator();
    root = emulator.baseUrl.replace(/\/beta$/, '');
  });
  beforeEach(() => emulator.reset());
  afterAll(async () => emulator.close());

  const get = async (headers: Record<string, string> = {}) => {
    const res = await request(`${emulator.baseUrl}/security/ipSecurityProfiles/${PROFILE_ID}`, { headers: { authorization: `Bearer ${TOKEN}`, ...headers } });
    return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
  };
  const control = async (path: string, body: unknown) => {
    const res = await request(`${root}/_emulator/${path}`, { method: 'POST', body: JSON.stringify(body) });
    return { status: res.statusCode, text: await res.body.text() };
  };

  it('a request can name its own fault in x-emulator-fault', async () => {
    expect((await get({ 'x-emulator-fault': '503' })).status).toBe(503);
    const answer = await get({ 'x-emulator-fault': '{"status":429,"headers":{"retry-after":"2.128"}}' });
    expect(answer.status).toBe(429);
    expect(answer.headers['retry-after']).toBe('2.128');
    await expect(get({ 'x-emulator-fault': '{"kind":"reset-before"}' })).rejects.toThrow();
    expect((await get()).status).toBe(200);
  });

  it('faults over HTTP match one client-request-id only', async () => {
    expect((await control('faults', { status: 429, clientRequestId: 'mine', times: 2 })).status).toBe(200);
    expect((await get({ 'client-request-id': 'other' })).status).toBe(200);
    expect((await get({ 'client-request-id': 'mine' })).status).toBe(429);
    expect((await get({ 'client-request-id': 'mine' })).status).toBe(429);
    expect((await get({ 'client-request-id': 'mine' })).status).toBe(200);
  });

  it('refuses a fault it cannot play, saying why', async () => {
    const answer = await control('faults', { kind: 'explode' });
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('kind must be one of');
  });

  it('a seeded chaos mix is reproducible and can be turned off', async () => {
    const statuses = async () => {
      const seen: (number | string)[] = [];
      for (let i = 0; i < 30; i++) seen.push(await get().then((a) => a.status, () => 'reset'));
      return seen;
    };
    const only = ['throttled-seconds', 'unavailable', 'gateway-timeout', 'proxy-502', 'reset-before'];
    expect((await control('chaos', { rate: 0.5, seed: 7, only })).status).toBe(200);
    const first = await statuses();
    await control('chaos', { rate: 0.5, seed: 7, only });
    expect(await statuses()).toEqual(first);
    expect(first.filter((s) => s !== 200).length).toBeGreaterThan(5);
    expect(first.filter((s) => s === 200).length).toBeGreaterThan(5);
    await control('chaos', { rate: 0 });
    expect((await statuses()).every((s) => s === 200)).toBe(true);
    expect((await control('chaos', { rate: 2 })).status).toBe(400);
  });
});
