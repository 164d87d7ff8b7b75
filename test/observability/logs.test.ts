import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/server.js';
import { linesWithMsg, logLines } from '../helpers/observability.js';
import { spawnEntry } from '../helpers/process.js';
import { GET, PROFILE_ID, SELECT_ALL, TOKEN, UPDATE, postGraphQL, startStack, useStack } from '../helpers/stack.js';

const UPDATE_ARGS = { id: PROFILE_ID, input: { riskScore: '1' } };
const PROFILE_PATH = `/security/ipSecurityProfiles/${PROFILE_ID}`;

describe('one log line per GraphQL operation and per Graph call', () => {
  const stack = useStack({ GRAPH_TIMEOUT_MS: '500' });

  it('a query: the operation line and the Graph call line with their fields', async () => {
    const answer = await stack.gql(GET, { id: PROFILE_ID }, { 'client-request-id': 'log-1' });
    expect(answer.body.errors).toBeUndefined();

    const calls = linesWithMsg(stack, 'graph call');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      level: 30,
      requestId: 'log-1',
      clientRequestId: 'log-1',
      method: 'GET',
      path: `${PROFILE_PATH}?${SELECT_ALL}`,
      status: 200,
      attempt: 1,
    });
    expect(calls[0]!.graphRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(calls[0]!.durationMs).toBeGreaterThanOrEqual(0);
    expect(typeof calls[0]!.time).toBe('number');

    const operations = linesWithMsg(stack, 'graphql operation');
    expect(operations).toHaveLength(1);
    expect(operations[0]).toMatchObject({
      level: 30,
      requestId: 'log-1',
      operationName: 'Get',
      operationType: 'query',
      outcome: 'success',
      errorCodes: [],
    });
    expect(operations[0]!.durationMs).toBeGreaterThanOrEqual(calls[0]!.durationMs as number);
  });

  it('a failed mutation: error codes on the operation line; status and Graph request-id on the call line (warn)', async () => {
    stack.emulator.inject({ method: 'PATCH', status: 409, code: 'conflict' });
    const answer = await stack.gql(UPDATE, UPDATE_ARGS, { 'client-request-id': 'log-2' });
    const graph = answer.body.errors![0]!.extensions!.graph as { requestId: string };

    const [call] = linesWithMsg(stack, 'graph call');
    expect(call).toMatchObject({ level: 40, method: 'PATCH', path: PROFILE_PATH, status: 409, graphRequestId: graph.requestId, clientRequestId: 'log-2' });
    const [operation] = linesWithMsg(stack, 'graphql operation');
    expect(operation).toMatchObject({ operationName: 'Update', operationType: 'mutation', outcome: 'error', errorCodes: ['CONFLICT'], requestId: 'log-2' });
  });

  it('a PATCH answered 204 logs both calls; the path keeps the id encoded', async () => {
    stack.emulator.settings.ignorePrefer = true;
    stack.emulator.store.put({ id: 'ip 1', riskScore: '0' });
    await stack.gql(UPDATE, { id: 'ip 1', input: { riskScore: '2' } });
    const calls = linesWithMsg(stack, 'graph call');
    expect(calls.map((c) => [c.method, c.path, c.status])).toEqual([
      ['PATCH', '/security/ipSecurityProfiles/ip%201', 204],
      ['GET', '/security/ipSecurityProfiles/ip%201', 200],
    ]);
  });

  it('a timeout: no status, the failure reason, at warn', async () => {
    stack.emulator.inject({ method: 'GET', status: 200, delayMs: 1800, body: '{}' });
    await stack.gql(GET, { id: PROFILE_ID });
    const [call] = linesWithMsg(stack, 'graph call');
    expect(call).toMatchObject({ level: 40, status: null, failure: 'UND_ERR_HEADERS_TIMEOUT' });
    expect(call).not.toHaveProperty('graphRequestId');
  });

  it('a request that fails validation still gets its operation line, with the code', async () => {
    await stack.gql('query Nope { nope }');
    const [operation] = linesWithMsg(stack, 'graphql operation');
    expect(operation).toMatchObject({ operationName: 'Nope', operationType: null, outcome: 'error', errorCodes: ['GRAPHQL_VALIDATION_FAILED'] });
    expect(linesWithMsg(stack, 'graph call')).toHaveLength(0);
  });
});

describe('LOG_LEVEL', () => {
  it('warn keeps failed Graph calls and drops the info lines', async () => {
    const stack = await startStack({ LOG_LEVEL: 'warn' });
    try {
      await stack.gql(GET, { id: PROFILE_ID });
      stack.emulator.inject({ method: 'GET', status: 500 });
      await stack.gql(GET, { id: PROFILE_ID });
      const lines = logLines(stack);
      expect(lines.map((l) => [l.msg, l.status])).toEqual([['graph call', 500]]);
    } finally {
      await stack.close();
    }
  });
});

describe('the token never reaches a log line', () => {
  // Every path the gateway has: success, each Graph error, unreadable answers, timeouts, refused
  // connections, Graph's warnings, bad Authorization headers, request errors, and 429/503 answers
  // (retried once retries exist). At trace level, so every line any level could write is here.
  const SECRET_PARTS = [TOKEN, TOKEN.split('.').at(-1)!, 'secret-token-424242'];
  const stack = useStack({ LOG_LEVEL: 'trace', GRAPH_TIMEOUT_MS: '300' }, { resetEach: false });

  it('in any of them', async () => {
    const { emulator } = stack;
    const traced = { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', tracestate: 'congo=t61rcWkgMzE' };

    await stack.gql(GET, { id: PROFILE_ID }, traced);
    await stack.gql(UPDATE, UPDATE_ARGS);
    emulator.settings.ignorePrefer = true;
    await stack.gql(UPDATE, UPDATE_ARGS);
    emulator.settings.ignorePrefer = false;
    await stack.gql(GET, { id: 'missing' });
    for (const status of [400, 401, 403, 404, 409, 412, 422, 429, 500, 502, 503, 504, 418]) {
      emulator.inject({ method: 'PATCH', status, times: 20 });
      await stack.gql(UPDATE, UPDATE_ARGS);
      emulator.reset();
      emulator.inject({ method: 'GET', status, times: 20 });
      await stack.gql(GET, { id: PROFILE_ID });
      emulator.reset();
    }
    // Throttled, then fine: a retrying client gets through; one without retries reports THROTTLED.
    emulator.inject({ method: 'PATCH', status: 429, headers: { 'retry-after': '0' }, times: 1 });
    await stack.gql(UPDATE, UPDATE_ARGS);
    emulator.inject({ method: 'GET', status: 503, times: 1 });
    await stack.gql(GET, { id: PROFILE_ID });
    emulator.inject({ method: 'GET', status: 502, body: '<html><body>Bad gateway</body></html>' });
    await stack.gql(GET, { id: PROFILE_ID });
    emulator.inject({ method: 'GET', status: 200, body: '{"id": "trunc' });
    await stack.gql(GET, { id: PROFILE_ID });
    emulator.inject({ method: 'GET', status: 200, delayMs: 1800, body: '{}' });
    await stack.gql(GET, { id: PROFILE_ID });
    // A batch: several profiles in one operation go through Graph's $batch, one inner read failing.
    emulator.inject({ method: 'GET', id: 'missing', status: 403 });
    await stack.gql(`query Many { a: ipSecurityProfile(id: "${PROFILE_ID}") { id } b: ipSecurityProfile(id: "missing") { id } c: ipSecurityProfile(id: "other") { id } }`);
    expect(emulator.requests.some((r) => r.method === 'POST' && r.url.endsWith('/$batch'))).toBe(true);
    emulator.settings.deprecated = true;
    emulator.settings.partialContent = true;
    await stack.gql(GET, { id: PROFILE_ID });
    emulator.reset();

    await stack.gql(GET, { id: PROFILE_ID }, { authorization: `Basic ${TOKEN}` });
    await stack.gql(GET, { id: PROFILE_ID }, { authorization: `Bearer ${TOKEN} trailing` });
    await stack.gql(GET, { id: PROFILE_ID }, { authorization: `Bearer ${TOKEN}`, 'x-request-id': 'not a token' });
    await stack.gql('query Broken { ipSecurityProfile(id: "x") { nope } }');
    await stack.gql('{ unparsable');

    const refused = await startStack({ LOG_LEVEL: 'trace', GRAPH_BASE_URL: 'http://127.0.0.1:9/beta' });
    try {
      const answer = await refused.gql(GET, { id: PROFILE_ID });
      expect(answer.body.errors![0]!.extensions!.code).toBe('UPSTREAM_UNAVAILABLE');
      // The first try and GRAPH_MAX_RETRIES (3) retries, each logged with its attempt number.
      expect(linesWithMsg(refused, 'graph call').map((l) => [l.attempt, l.failure])).toEqual([1, 2, 3, 4].map((n) => [n, 'ECONNREFUSED']));
      assertNoSecret(refused.logs);
    } finally {
      await refused.close();
    }

    // The scan means something only if the token really went through these paths and they logged.
    expect(stack.emulator.requests.length).toBeGreaterThan(0);
    expect(linesWithMsg(stack, 'graph call').length).toBeGreaterThanOrEqual(30);
    expect(linesWithMsg(stack, 'graphql operation').length).toBe(42);
    expect(logLines(stack).some((l) => l.level === 40)).toBe(true);
    assertNoSecret(stack.logs);
  });

  function assertNoSecret(lines: readonly string[]): void {
    for (const line of lines) {
      for (const part of SECRET_PARTS) expect(line, 'a log line holds the token').not.toContain(part);
      expect(line.toLowerCase()).not.toContain('bearer');
    }
  }
});

describe('the process', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => emulator.close());

  it('writes its log lines as JSON on stdout, at LOG_LEVEL', async () => {
    const gateway = spawnEntry('main.ts', { PORT: '0', HOST: '127.0.0.1', GRAPH_BASE_URL: emulator.baseUrl, NODE_ENV: 'production', LOG_LEVEL: 'info' });
    try {
      const { url } = JSON.parse(await gateway.waitForLine((l) => l.includes('gateway listening'))) as { url: string };
      await postGraphQL(url, { query: GET, variables: { id: PROFILE_ID } }, { authorization: `Bearer ${TOKEN}`, 'client-request-id': 'proc-1' });
      await gateway.waitForLine((l) => l.includes('graphql operation'));
      const lines = gateway.stdout.filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.find((l) => l.msg === 'graph call')).toMatchObject({ requestId: 'proc-1', method: 'GET', status: 200 });
      expect(lines.find((l) => l.msg === 'graphql operation')).toMatchObject({ requestId: 'proc-1', operationName: 'Get' });
      for (const l of gateway.stdout) expect(l).not.toContain(TOKEN);
    } finally {
      gateway.child.kill('SIGTERM');
      await gateway.exit();
    }
  });
});
