import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../src/emulator/server.js';
import { spawnEntry } from './helpers/process.js';
import { PROFILE_ID, TOKEN, UPDATE, postGraphQL, startStack } from './helpers/stack.js';

const input = (riskScore: string) => ({ id: PROFILE_ID, input: { riskScore } });

async function until(test: () => boolean, timeoutMs = 5_000): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!test()) {
    if (performance.now() > end) throw new Error('condition not met in time');
    await sleep(10);
  }
}

describe('graceful shutdown (in process)', () => {
  it('stops accepting, lets the operation in flight finish, then closes the pool', async () => {
    const stack = await startStack();
    stack.emulator.inject({ method: 'PATCH', kind: 'delay', delayMs: 800 });
    const inFlight = stack.gql(UPDATE, input('finished-while-draining'));
    await until(() => stack.emulator.requests.some((r) => r.method === 'PATCH'));
    const stopped = stack.gateway.stop();
    expect(stack.gateway.lifecycle.phase).toBe('draining');
    await sleep(50);
    await expect(postGraphQL(stack.gateway.url, { query: '{ __typename }' })).rejects.toThrow(/ECONNREFUSED|other side closed|socket/i);
    const answer = await inFlight;
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toMatchObject({ updateIpSecurityProfile: { riskScore: 'finished-while-draining' } });
    await stopped;
    expect(stack.gateway.lifecycle.phase).toBe('stopped');
    expect(stack.gateway.graph.poolStats.connected).toBe(0);
    await stack.emulator.close();
  });

  it('with SHUTDOWN_DELAY_MS, keeps serving with /ready at 503 for that long, then stops accepting', async () => {
    const stack = await startStack({ SHUTDOWN_DELAY_MS: '600' });
    const origin = stack.gateway.url.replace(/\/graphql$/, '');
    const started = performance.now();
    const stopped = stack.gateway.stop();
    await sleep(100);
    // A probe on a new connection is answered, not refused, and says not ready.
    const ready = await fetch(`${origin}/ready`, { headers: { connection: 'close' } });
    expect(ready.status).toBe(503);
    // Work that load balancers still send meanwhile is served.
    const answer = await stack.gql(UPDATE, input('during-delay'));
    expect(answer.body.errors).toBeUndefined();
    await stopped;
    expect(performance.now() - started).toBeGreaterThanOrEqual(600);
    await expect(fetch(`${origin}/ready`)).rejects.toThrow();
    await stack.emulator.close();
  });

  it('waits no longer than the request deadline for a stuck operation', async () => {
    const stack = await startStack({ REQUEST_DEADLINE_MS: '1000', GRAPH_TIMEOUT_MS: '20000' });
    stack.emulator.inject({ method: 'PATCH', kind: 'delay', delayMs: 10_000 });
    stack.emulator.inject({ method: 'GET', kind: 'delay', delayMs: 10_000, times: 10 });
    const inFlight = stack.gql(UPDATE, input('stuck'));
    await until(() => stack.emulator.requests.some((r) => r.method === 'PATCH'));
    const started = performance.now();
    await stack.gateway.stop();
    expect(performance.now() - started).toBeLessThan(2_500);
    const answer = await inFlight;
    expect(answer.body.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', outcome: 'unknown' });
    await stack.emulator.close();
  });
});

describe('graceful shutdown (as a process)', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => emulator.close());

  async function start(env: Record<string, string> = {}) {
    const gateway = spawnEntry('main.ts', { PORT: '0', HOST: '127.0.0.1', GRAPH_BASE_URL: emulator.baseUrl, NODE_ENV: 'production', ...env });
    const line = await gateway.waitForLine((l) => l.includes('gateway listening'));
    return { gateway, url: (JSON.parse(line) as { url: string }).url };
  }

  it('on SIGTERM finishes the mutation in flight and exits 0', async () => {
    emulator.reset();
    const { gateway, url } = await start();
    emulator.inject({ method: 'PATCH', kind: 'delay', delayMs: 1_000 });
    const inFlight = postGraphQL(url, { query: UPDATE, variables: input('sigterm') }, { authorization: `Bearer ${TOKEN}` });
    await until(() => emulator.requests.some((r) => r.method === 'PATCH'));
    gateway.child.kill('SIGTERM');
    const answer = await inFlight;
    expect(answer.body.data).toMatchObject({ updateIpSecurityProfile: { riskScore: 'sigterm' } });
    expect(await gateway.exit()).toBe(0);
  });

  it('a second signal exits at once', async () => {
    emulator.reset();
    const { gateway, url } = await start({ GRAPH_TIMEOUT_MS: '20000' });
    emulator.inject({ method: 'PATCH', kind: 'delay', delayMs: 10_000 });
    const inFlight = postGraphQL(url, { query: UPDATE, variables: input('sigint') }, { authorization: `Bearer ${TOKEN}` }).catch((err: unknown) => err);
    await until(() => emulator.requests.some((r) => r.method === 'PATCH'));
    gateway.child.kill('SIGINT');
    await sleep(100);
    const started = performance.now();
    gateway.child.kill('SIGINT');
    expect(await gateway.exit()).toBe(1);
    expect(performance.now() - started).toBeLessThan(1_000);
    await inFlight;
  });
});
