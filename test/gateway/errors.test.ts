import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { GET, PROFILE_ID, UPDATE, startStack, useStack } from '../helpers/stack.js';

const UPDATE_ARGS = { id: PROFILE_ID, input: { riskScore: '1' } };

describe('Graph errors become coded GraphQL errors', () => {
  // One attempt per call: these tests are about the mapping; retries have their own (retries.test.ts).
  const stack = useStack({ GRAPH_TIMEOUT_MS: '500', GRAPH_MAX_RETRIES: '0' });

  it.each([
    [400, 'BadRequest', 'BAD_USER_INPUT'],
    [401, 'InvalidAuthenticationToken', 'UNAUTHENTICATED'],
    [403, 'Authorization_RequestDenied', 'FORBIDDEN'],
    [404, 'itemNotFound', 'NOT_FOUND'],
    [409, 'conflict', 'CONFLICT'],
    [412, 'preconditionFailed', 'PRECONDITION_FAILED'],
    [422, 'unprocessableEntity', 'BAD_USER_INPUT'],
    [429, 'TooManyRequests', 'THROTTLED'],
    [500, 'generalException', 'UPSTREAM_ERROR'],
    [502, 'badGateway', 'UPSTREAM_UNAVAILABLE'],
    [503, 'serviceNotAvailable', 'UPSTREAM_UNAVAILABLE'],
    [504, 'gatewayTimeout', 'UPSTREAM_UNAVAILABLE'],
    [418, 'teapot', 'UPSTREAM_ERROR'],
  ])('Graph %i (%s) -> %s with extensions.graph', async (status, graphCode, code) => {
    stack.emulator.inject({ method: 'PATCH', status, code: graphCode, times: 10 });
    const answer = await stack.gql(UPDATE, UPDATE_ARGS, { 'client-request-id': `err-${status}` });
    expect(answer.body.data).toEqual({ updateIpSecurityProfile: null });
    const [error] = answer.body.errors!;
    expect(error!.path).toEqual(['updateIpSecurityProfile']);
    expect(error!.extensions!.code).toBe(code);
    const graph = error!.extensions!.graph as Record<string, unknown>;
    expect(graph.status).toBe(status);
    expect(graph.code).toBe(graphCode);
    expect(graph.message).toBe(`Emulated ${status}`);
    expect(graph.clientRequestId).toBe(`err-${status}`);
    expect(graph.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof graph.date).toBe('string');
    expect(error!.extensions).not.toHaveProperty('stacktrace');
  });

  it('429 carries retryAfter in seconds, fractional or from an HTTP date', async () => {
    stack.emulator.inject({ method: 'PATCH', status: 429, headers: { 'retry-after': '2.128' }, times: 10 });
    let answer = await stack.gql(UPDATE, UPDATE_ARGS);
    expect(answer.body.errors![0]!.extensions!.retryAfter).toBe(2.128);

    stack.emulator.reset();
    const at = new Date(Date.now() + 120_000).toUTCString();
    stack.emulator.inject({ method: 'PATCH', status: 429, headers: { 'retry-after': at }, times: 10 });
    answer = await stack.gql(UPDATE, UPDATE_ARGS);
    const seconds = answer.body.errors![0]!.extensions!.retryAfter as number;
    expect(seconds).toBeGreaterThan(100);
    expect(seconds).toBeLessThanOrEqual(120);
  });

  it('older services writing requestId are understood', async () => {
    const body = JSON.stringify({ error: { code: 'Old', message: 'old style', innerError: { requestId: 'old-rid', date: '2024-01-01T00:00:00' } } });
    stack.emulator.inject({ method: 'GET', status: 403, body, headers: { 'content-type': 'application/json' } });
    const answer = await stack.gql(GET, { id: PROFILE_ID });
    const graph = answer.body.errors![0]!.extensions!.graph as Record<string, unknown>;
    expect(graph).toMatchObject({ status: 403, code: 'Old', message: 'old style', requestId: 'old-rid', date: '2024-01-01T00:00:00' });
  });

  it.each([
    ['an HTML page from a proxy', 502, '<html><body><h1>502 Bad Gateway</h1></body></html>', 'UPSTREAM_UNAVAILABLE'],
    ['an empty body', 500, '', 'UPSTREAM_ERROR'],
    ['truncated JSON', 400, '{"error": {"code": "Bad', 'BAD_USER_INPUT'],
  ])('%s does not crash anything', async (_what, status, body, code) => {
    stack.emulator.inject({ method: 'PATCH', status, body, headers: { 'content-type': 'text/html' }, times: 10 });
    const answer = await stack.gql(UPDATE, UPDATE_ARGS);
    const error = answer.body.errors![0]!;
    expect(error.extensions!.code).toBe(code);
    expect(error.extensions!.graph).toMatchObject({ status, code: null, message: null });
    // The gateway still serves.
    stack.emulator.reset();
    expect((await stack.gql(GET, { id: PROFILE_ID })).body.errors).toBeUndefined();
  });

  it.each([
    ['a 200 that is not JSON', 'not json'],
    ['a 200 that is a JSON array', '[1,2]'],
  ])('%s is UPSTREAM_ERROR', async (_what, body) => {
    stack.emulator.inject({ method: 'PATCH', status: 200, body, headers: { 'content-type': 'application/json' } });
    const answer = await stack.gql(UPDATE, UPDATE_ARGS);
    expect(answer.body.errors![0]!.extensions!.code).toBe('UPSTREAM_ERROR');
  });

  it('a Graph that does not answer in time is UPSTREAM_UNAVAILABLE', async () => {
    stack.emulator.inject({ method: 'GET', status: 200, body: '{}', delayMs: 1_500, times: 10 });
    const started = Date.now();
    const answer = await stack.gql(GET, { id: PROFILE_ID });
    expect(answer.body.errors![0]!.extensions!.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(answer.body.errors![0]!.extensions!.reason).toBe('UND_ERR_HEADERS_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(1_400);
  });
});

describe('a Graph that cannot be reached', () => {
  it('is UPSTREAM_UNAVAILABLE', async () => {
    // A port that was free a moment ago: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = probe.address() as { port: number };
        probe.close(() => resolve(p));
      });
    });
    const stack = await startStack({ GRAPH_BASE_URL: `http://127.0.0.1:${port}/beta` });
    try {
      const answer = await stack.gql(GET, { id: PROFILE_ID });
      expect(answer.body.data).toEqual({ ipSecurityProfile: null });
      expect(answer.body.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', reason: 'ECONNREFUSED' });
    } finally {
      await stack.close();
    }
  });
});
