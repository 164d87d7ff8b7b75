// The emulator's control endpoints, as a person or a script uses them against `npm run emulator`:
// over HTTP, each answering JSON that says what it did.
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/server.js';
import { spawnEntry } from '../helpers/process.js';
import { PROFILE_ID, TOKEN } from '../helpers/stack.js';

describe('emulator controls over HTTP', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => emulator.close());

  const control = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
    const res = await request(`${emulator.controlUrl}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.statusCode, type: res.headers['content-type'], body: (await res.body.json()) as Record<string, unknown> };
  };
  const count = async () => {
    const res = await request(`${emulator.baseUrl}/security/ipSecurityProfiles/$count`, { headers: { authorization: `Bearer ${TOKEN}` } });
    return Number(await res.body.text());
  };

  it('adds profiles (given or generated), pages over them, and resets to the seed saying what it cleared', async () => {
    const given = await control('POST', '/profiles', [{ id: 'mine', address: '192.0.2.1', tags: ['given'] }]);
    expect(given).toEqual({ status: 201, type: 'application/json', body: { added: 1, firstId: 'mine', lastId: 'mine', replaced: [], profiles: 2 } });
    const generated = await control('POST', '/profiles', { generate: 250, prefix: 'gen' });
    expect(generated.body).toEqual({ added: 250, firstId: 'gen-00001', lastId: 'gen-00250', replaced: [], profiles: 252 });
    expect(await count()).toBe(252);
    expect(emulator.store.get('gen-00007')).toMatchObject({ riskScore: '3', azureTenantId: 'emulator-tenant' });

    const reset = await control('POST', '/reset');
    expect(reset.status).toBe(200);
    expect(reset.body).toEqual({ reset: true, cleared: { requests: 1, faults: 0 }, profiles: 1, seededId: PROFILE_ID });
    expect(await count()).toBe(1);
  });

  it('refuses profiles Graph would refuse, and lists its controls on an unknown path', async () => {
    const bad = await control('POST', '/profiles', { id: 'x', countHits: 'many' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("Edm.Int32' for property 'countHits'");
    expect((await control('POST', '/profiles', { generate: 0 })).status).toBe(400);
    const unknown = await control('POST', '/nothing');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { controls: { 'POST /_emulator/profiles': expect.any(String) } } });
    expect(Object.keys((await control('GET', '')).body.controls as object)).toContain('POST /_emulator/reset');
  });

  it('faults: answers what it queued', async () => {
    const queued = await control('POST', '/faults', [{ status: 503, times: 2 }, { kind: 'reset-after' }]);
    expect(queued).toMatchObject({ status: 200, body: { queued: [{ status: 503, times: 2 }, { kind: 'reset-after' }], waiting: 2 } });
    await control('POST', '/reset');
  });

  it('npm run emulator prints its base URL, the seeded profile and the control endpoints', async () => {
    const child = spawnEntry('emulator/main.ts', { EMULATOR_PORT: '0' });
    try {
      const first = await child.waitForLine((l) => l.startsWith('Graph emulator at '));
      const baseUrl = first.slice('Graph emulator at '.length);
      expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/beta$/);
      await child.waitForLine((l) => l.includes('GET') && l.includes('/_emulator/requests'));
      const printed = child.stdout.join('\n');
      expect(printed).toContain(`${baseUrl}/security/ipSecurityProfiles/${PROFILE_ID}`);
      for (const route of ['/_emulator/reset', '/_emulator/profiles', '/_emulator/faults', '/_emulator/chaos', '/_emulator/settings']) expect(printed).toContain(route);
      const res = await request(`${baseUrl}/security/ipSecurityProfiles/${PROFILE_ID}`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.statusCode).toBe(200);
      await res.body.dump();
    } finally {
      child.child.kill('SIGTERM');
      expect(await child.exit()).toBe(0);
    }
  });
});
