import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpGet, originOf } from '../helpers/observability.js';
import { GET, PROFILE_ID, startStack, type Stack } from '../helpers/stack.js';

describe('/health and /ready', () => {
  let stack: Stack;
  let origin: string;
  beforeAll(async () => {
    stack = await startStack();
    origin = originOf(stack);
  });
  afterAll(async () => stack.close());

  it('/health answers 200 and /ready 200 once the gateway is started; neither calls Graph', async () => {
    const health = await httpGet(`${origin}/health`);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.text)).toEqual({ status: 'ok' });
    expect(health.headers['cache-control']).toBe('no-store');

    const ready = await httpGet(`${origin}/ready`);
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.text)).toEqual({ status: 'ready', phase: 'ready' });

    expect((await httpGet(`${origin}/health`, 'HEAD')).status).toBe(200);
    expect(stack.emulator.requests).toHaveLength(0);
  });

  it('answers 405 to other methods and 404 elsewhere', async () => {
    const post = await httpGet(`${origin}/ready`, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    expect((await httpGet(`${origin}/healthz`)).status).toBe(404);
  });

  it('probes do not count as GraphQL requests or log operation lines', async () => {
    const before = stack.logs.length;
    await httpGet(`${origin}/health`);
    await httpGet(`${origin}/ready`);
    expect(stack.logs.slice(before).filter((l) => l.includes('graphql operation'))).toHaveLength(0);
  });

  it('/ready answers 503 once draining begins, while /health and GraphQL still answer', async () => {
    stack.gateway.lifecycle.beginDrain();
    const ready = await httpGet(`${origin}/ready`);
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.text)).toEqual({ status: 'not ready', phase: 'draining' });
    expect((await httpGet(`${origin}/health`)).status).toBe(200);
    // In-flight and late requests are still served while the load balancer takes us out.
    const answer = await stack.gql(GET, { id: PROFILE_ID });
    expect(answer.body.errors).toBeUndefined();
  });
});
