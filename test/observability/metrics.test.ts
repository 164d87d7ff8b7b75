import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayMetrics } from '../../src/observability/metrics.js';
import { httpGet, originOf, sample, scrape } from '../helpers/observability.js';
import { GET, PROFILE_ID, TOKEN, UPDATE, startStack, useStack, type Stack } from '../helpers/stack.js';

const UPDATE_ARGS = { id: PROFILE_ID, input: { riskScore: '1' } };

describe('/metrics after a scripted mix of outcomes', () => {
  let stack: Stack;
  let text: string;
  // What Graph received over the whole script (a reset empties the emulator's own list).
  const received: { method: string; headers: Record<string, unknown> }[] = [];
  beforeAll(async () => {
    stack = await startStack({ GRAPH_TIMEOUT_MS: '300' });
    const { emulator } = stack;
    const rid = { 'client-request-id': 'metrics-req-7' };
    const reset = () => {
      received.push(...emulator.requests);
      emulator.reset();
    };

    await stack.gql(GET, { id: PROFILE_ID }, rid);
    await stack.gql(GET, { id: PROFILE_ID });
    await stack.gql(UPDATE, UPDATE_ARGS);
    await stack.gql(GET, { id: 'missing-profile-id' }); // 404: null, a success
    emulator.inject({ method: 'PATCH', status: 429, headers: { 'retry-after': '0' }, times: 20 });
    await stack.gql(UPDATE, UPDATE_ARGS);
    reset();
    emulator.inject({ method: 'GET', status: 403 });
    await stack.gql(GET, { id: PROFILE_ID });
    emulator.inject({ method: 'GET', status: 200, delayMs: 1800, body: '{}', times: 20 });
    await stack.gql(GET, { id: PROFILE_ID });
    reset();
    emulator.settings.deprecated = true;
    await stack.gql(GET, { id: PROFILE_ID });
    emulator.settings.deprecated = false;
    await stack.gql('query Broken { nope }');
    await stack.gql('{ unparsable');
    await stack.gql('{ __typename }');
    await stack.gql(`query ${'L'.repeat(120)} { __typename }`);
    for (let i = 0; i < 105; i += 1) await stack.gql(`query N${i} { __typename }`);

    received.push(...emulator.requests);
    text = await scrape(stack);
  });
  afterAll(async () => stack.close());

  const op = (operation: string, type: string, outcome: string) => ({ operation, type, outcome });

  it('counts GraphQL operations by validated name, type and outcome, with a duration histogram', () => {
    expect(sample(text, 'gateway_graphql_operations_total', op('Get', 'query', 'success'))).toBe(4);
    expect(sample(text, 'gateway_graphql_operations_total', op('Get', 'query', 'error'))).toBe(2);
    expect(sample(text, 'gateway_graphql_operations_total', op('Update', 'mutation', 'success'))).toBe(1);
    expect(sample(text, 'gateway_graphql_operations_total', op('Update', 'mutation', 'error'))).toBe(1);
    expect(sample(text, 'gateway_graphql_operations_total', op('(invalid)', 'unknown', 'error'))).toBe(2);
    expect(sample(text, 'gateway_graphql_operations_total', op('(anonymous)', 'query', 'success'))).toBe(1);
    expect(sample(text, 'gateway_graphql_operation_duration_seconds_count', op('Get', 'query', 'success'))).toBe(4);
    expect(sample(text, 'gateway_graphql_operation_duration_seconds_bucket', { ...op('Get', 'query', 'success'), le: '+Inf' })).toBe(4);
    expect(sample(text, 'gateway_graphql_operation_duration_seconds_sum', op('Get', 'query', 'success'))).toBeGreaterThan(0);
  });

  it('bounds operation names: 100 distinct, the rest and over-long ones as (other)', () => {
    expect(sample(text, 'gateway_graphql_operations_total', op('N0', 'query', 'success'))).toBe(1);
    expect(sample(text, 'gateway_graphql_operations_total', op('N97', 'query', 'success'))).toBe(1);
    expect(sample(text, 'gateway_graphql_operations_total', op('N98', 'query', 'success'))).toBeUndefined();
    // Get and Update took two of the 100 places; 98 N-names fit; 7 more and the long name did not.
    expect(sample(text, 'gateway_graphql_operations_total', op('(other)', 'query', 'success'))).toBe(8);
    const names = new Set([...text.matchAll(/^gateway_graphql_operations_total\{operation="([^"]*)"/gm)].map((m) => m[1]));
    expect(names.size).toBe(100 + 3);
  });

  it('counts errors by code', () => {
    expect(sample(text, 'gateway_graphql_errors_total', { code: 'THROTTLED' })).toBe(1);
    expect(sample(text, 'gateway_graphql_errors_total', { code: 'FORBIDDEN' })).toBe(1);
    expect(sample(text, 'gateway_graphql_errors_total', { code: 'UPSTREAM_UNAVAILABLE' })).toBe(1);
    expect(sample(text, 'gateway_graphql_errors_total', { code: 'GRAPHQL_VALIDATION_FAILED' })).toBe(1);
    expect(sample(text, 'gateway_graphql_errors_total', { code: 'GRAPHQL_PARSE_FAILED' })).toBe(1);
  });

  it('counts Graph requests by method and status, with a duration histogram, and agrees with what Graph received', () => {
    const gets = received.filter((r) => r.method === 'GET').length;
    const patches = received.filter((r) => r.method === 'PATCH').length;
    const statuses = (method: string) =>
      [...text.matchAll(new RegExp(`^gateway_graph_requests_total\\{method="${method}",status="([^"]+)"\\} (\\d+)$`, 'gm'))].reduce((n, m) => n + Number(m[2]), 0);
    expect(statuses('GET')).toBe(gets);
    expect(statuses('PATCH')).toBe(patches);

    expect(sample(text, 'gateway_graph_requests_total', { method: 'GET', status: '200' })).toBe(3);
    expect(sample(text, 'gateway_graph_requests_total', { method: 'GET', status: '404' })).toBe(1);
    expect(sample(text, 'gateway_graph_requests_total', { method: 'GET', status: '403' })).toBe(1);
    expect(sample(text, 'gateway_graph_requests_total', { method: 'PATCH', status: '200' })).toBe(1);
    expect(sample(text, 'gateway_graph_request_duration_seconds_count', { method: 'GET', status: '200' })).toBe(3);
    expect(sample(text, 'gateway_graph_request_duration_seconds_bucket', { method: 'GET', status: '200', le: '+Inf' })).toBe(3);

    // A timeout has no status; its reason is counted apart.
    const timeouts = sample(text, 'gateway_graph_requests_total', { method: 'GET', status: 'none' });
    expect(timeouts).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'gateway_graph_failures_total', { method: 'GET', reason: 'UND_ERR_HEADERS_TIMEOUT' })).toBe(timeouts);
  });

  it('counts throttled answers and retries (retries are the requests Graph saw with Retry-Attempt)', () => {
    const throttled = sample(text, 'gateway_graph_throttled_total', { method: 'PATCH' });
    expect(throttled).toBeGreaterThanOrEqual(1);
    expect(throttled).toBe(sample(text, 'gateway_graph_requests_total', { method: 'PATCH', status: '429' }));
    const retried = received.filter((r) => r.headers['retry-attempt'] !== undefined).length;
    expect(sample(text, 'gateway_graph_retries_total', { method: 'PATCH' }) ?? 0).toBe(received.filter((r) => r.method === 'PATCH' && r.headers['retry-attempt'] !== undefined).length);
    expect((sample(text, 'gateway_graph_retries_total', { method: 'PATCH' }) ?? 0) + (sample(text, 'gateway_graph_retries_total', { method: 'GET' }) ?? 0)).toBe(retried);
    expect(text).toContain('# TYPE gateway_graph_retries_total counter');
  });

  it("counts Graph's warnings by header", () => {
    expect(sample(text, 'gateway_graph_warnings_total', { header: 'deprecation' })).toBe(1);
    expect(sample(text, 'gateway_graph_warnings_total', { header: 'sunset' })).toBe(1);
  });

  it('reports log lines dropped by a stdout that cannot keep up (none here)', () => {
    expect(sample(text, 'gateway_log_lines_dropped', {})).toBe(0);
  });

  it('includes the default process metrics', () => {
    for (const name of ['process_cpu_user_seconds_total', 'process_resident_memory_bytes', 'nodejs_heap_size_used_bytes', 'nodejs_eventloop_lag_seconds']) {
      expect(text).toContain(`# TYPE ${name} `);
    }
  });

  it('never carries ids, tokens or request ids in a label', () => {
    for (const secret of [PROFILE_ID, 'missing-profile-id', TOKEN, 'metrics-req-7', 'ipSecurityProfiles', 'L'.repeat(120)]) {
      expect(text).not.toContain(secret);
    }
  });

  it('is served as Prometheus text', async () => {
    const res = await httpGet(`${originOf(stack)}/metrics`);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  });
});

describe('in-flight requests', () => {
  const stack = useStack({}, { resetEach: false });

  it('rise while an operation waits on Graph and fall when it is answered', async () => {
    expect(sample(await scrape(stack), 'gateway_graphql_requests_in_flight')).toBe(0);
    stack.emulator.inject({ method: 'GET', status: 200, delayMs: 600, body: '{"id":"slow"}' });
    const pending = stack.gql(GET, { id: PROFILE_ID });
    // Poll until the request reached Graph (bounded), then read the gauge.
    for (let i = 0; i < 50 && stack.emulator.requests.length === 0; i += 1) await new Promise((r) => setTimeout(r, 10));
    let text = await scrape(stack);
    expect(sample(text, 'gateway_graphql_requests_in_flight')).toBe(1);
    expect(sample(text, 'gateway_graph_requests_in_flight')).toBe(1);
    await pending;
    text = await scrape(stack);
    expect(sample(text, 'gateway_graphql_requests_in_flight')).toBe(0);
    expect(sample(text, 'gateway_graph_requests_in_flight')).toBe(0);
  });

  it('each gateway has its own registry', async () => {
    const other = await startStack();
    try {
      await other.gql(GET, { id: PROFILE_ID });
      await stack.gql(GET, { id: PROFILE_ID });
      await stack.gql(GET, { id: PROFILE_ID });
      expect(sample(await scrape(other), 'gateway_graphql_operations_total', { operation: 'Get', type: 'query', outcome: 'success' })).toBe(1);
      expect(sample(await scrape(stack), 'gateway_graphql_operations_total', { operation: 'Get', type: 'query', outcome: 'success' })).toBe(3);
    } finally {
      await other.close();
    }
  });
});

describe('GatewayMetrics derives retries and throttling from exchanges', () => {
  // Retries are made by the Graph client (another module); its exchanges carry the attempt number.
  it('attempt 2 or later is a retry; 429 is throttled', async () => {
    const metrics = new GatewayMetrics();
    const exchange = { method: 'PATCH', path: '/x', failure: null, durationMs: 5, clientRequestId: 'r', headers: {}, attempt: 1 };
    metrics.graphExchange({ ...exchange, status: 429 }, []);
    metrics.graphExchange({ ...exchange, status: 429, attempt: 2 }, []);
    metrics.graphExchange({ ...exchange, status: 200, attempt: 3 }, []);
    const text = await metrics.render();
    expect(sample(text, 'gateway_graph_retries_total', { method: 'PATCH' })).toBe(2);
    expect(sample(text, 'gateway_graph_throttled_total', { method: 'PATCH' })).toBe(2);
    expect(sample(text, 'gateway_graph_requests_total', { method: 'PATCH', status: '429' })).toBe(2);
  });
});
