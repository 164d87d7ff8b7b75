import { describe, expect, it } from 'vitest';
import { linesWithMsg } from '../helpers/observability.js';
import { GET, PROFILE_ID, UPDATE, useStack } from '../helpers/stack.js';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_ID = '00f067aa0ba902b7';

describe('W3C trace context is continued on the Graph request', () => {
  const stack = useStack();

  it('keeps the trace id and flags, makes our span the parent, forwards tracestate, and logs the trace', async () => {
    const answer = await stack.gql(GET, { id: PROFILE_ID }, {
      traceparent: `00-${TRACE_ID}-${PARENT_ID}-01`,
      tracestate: 'congo=t61rcWkgMzE, rojo=00f067aa0ba902b7',
      'client-request-id': 'trace-1',
    });
    expect(answer.body.errors).toBeUndefined();
    const [call] = stack.emulator.requests;
    const forwarded = String(call!.headers.traceparent);
    const match = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/.exec(forwarded);
    expect(match, forwarded).not.toBeNull();
    expect(match![1]).toBe(TRACE_ID);
    expect(match![2]).not.toBe(PARENT_ID);
    expect(match![2]).not.toBe('0000000000000000');
    expect(match![3]).toBe('01');
    expect(call!.headers.tracestate).toBe('congo=t61rcWkgMzE,rojo=00f067aa0ba902b7');

    const [line] = linesWithMsg(stack, 'graphql operation');
    expect(line).toMatchObject({ requestId: 'trace-1', traceId: TRACE_ID, spanId: match![2] });
  });

  it('uses one span for every Graph call of a request (PATCH and its read-back)', async () => {
    stack.emulator.settings.ignorePrefer = true;
    await stack.gql(UPDATE, { id: PROFILE_ID, input: { riskScore: '3' } }, { traceparent: `00-${TRACE_ID}-${PARENT_ID}-00` });
    const parents = stack.emulator.requests.map((r) => r.headers.traceparent);
    expect(parents).toHaveLength(2);
    expect(parents[0]).toMatch(new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-00$`));
    expect(parents[1]).toBe(parents[0]);
  });

  it('gives each request its own span', async () => {
    await stack.gql(GET, { id: PROFILE_ID }, { traceparent: `00-${TRACE_ID}-${PARENT_ID}-01` });
    await stack.gql(GET, { id: PROFILE_ID }, { traceparent: `00-${TRACE_ID}-${PARENT_ID}-01` });
    const [a, b] = stack.emulator.requests.map((r) => r.headers.traceparent);
    expect(a).not.toBe(b);
  });

  it('continues a later version as version 00', async () => {
    await stack.gql(GET, { id: PROFILE_ID }, { traceparent: `cc-${TRACE_ID}-${PARENT_ID}-01-what-the-future-holds` });
    expect(stack.emulator.requests[0]!.headers.traceparent).toMatch(new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-01$`));
  });

  it.each([
    ['upper-case hex', `00-${TRACE_ID.toUpperCase()}-${PARENT_ID}-01`],
    ['an all-zero trace id', `00-${'0'.repeat(32)}-${PARENT_ID}-01`],
    ['an all-zero parent id', `00-${TRACE_ID}-${'0'.repeat(16)}-01`],
    ['version ff', `ff-${TRACE_ID}-${PARENT_ID}-01`],
    ['version 00 with more fields', `00-${TRACE_ID}-${PARENT_ID}-01-extra`],
    ['a short trace id', `00-${TRACE_ID.slice(1)}-${PARENT_ID}-01`],
    ['garbage', 'not a traceparent'],
    ['a header injection attempt', `00-${TRACE_ID}-${PARENT_ID}-01\tx`],
  ])('drops a traceparent with %s, and its tracestate with it', async (_why, traceparent) => {
    const answer = await stack.gql(GET, { id: PROFILE_ID }, { traceparent, tracestate: 'congo=t61rcWkgMzE' });
    expect(answer.body.errors).toBeUndefined();
    const [call] = stack.emulator.requests;
    expect(call!.headers).not.toHaveProperty('traceparent');
    expect(call!.headers).not.toHaveProperty('tracestate');
    expect(linesWithMsg(stack, 'graphql operation')[0]).not.toHaveProperty('traceId');
  });

  it.each([
    ['a member without "="', 'congo'],
    ['an upper-case key', 'Congo=1'],
    ['a duplicate key', 'congo=1,congo=2'],
    ['too many members', Array.from({ length: 33 }, (_, i) => `k${i}=v`).join(',')],
  ])('forwards the traceparent but drops a tracestate with %s', async (_why, tracestate) => {
    await stack.gql(GET, { id: PROFILE_ID }, { traceparent: `00-${TRACE_ID}-${PARENT_ID}-01`, tracestate });
    const [call] = stack.emulator.requests;
    expect(call!.headers.traceparent).toMatch(new RegExp(`^00-${TRACE_ID}-`));
    expect(call!.headers).not.toHaveProperty('tracestate');
  });

  it('sends no trace headers when the caller sent none', async () => {
    await stack.gql(GET, { id: PROFILE_ID });
    const [call] = stack.emulator.requests;
    expect(call!.headers).not.toHaveProperty('traceparent');
    expect(call!.headers).not.toHaveProperty('tracestate');
  });
});

describe('the request id reaches the caller', () => {
  const stack = useStack();

  it('in extensions.requestId of every error and in the client-request-id response header', async () => {
    stack.emulator.inject({ method: 'PATCH', status: 403, code: 'Authorization_RequestDenied' });
    const answer = await stack.gql(UPDATE, { id: PROFILE_ID, input: { riskScore: '1' } }, { 'x-request-id': 'req-abc-123' });
    expect(answer.headers['client-request-id']).toBe('req-abc-123');
    const [error] = answer.body.errors!;
    expect(error!.extensions).toMatchObject({ code: 'FORBIDDEN', requestId: 'req-abc-123' });
    expect(stack.emulator.requests[0]!.headers['client-request-id']).toBe('req-abc-123');
  });

  it('a generated one when the caller sent none, the same in the error, the header and on Graph', async () => {
    const answer = await stack.gql('query Broken { nope }');
    const requestId = answer.headers['client-request-id'];
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.body.errors![0]!.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', requestId });

    stack.emulator.inject({ method: 'GET', status: 500 });
    const failed = await stack.gql(GET, { id: PROFILE_ID });
    const generated = failed.headers['client-request-id'];
    expect(failed.body.errors![0]!.extensions!.requestId).toBe(generated);
    expect(stack.emulator.requests[0]!.headers['client-request-id']).toBe(generated);
  });

  it('no requestId in a successful answer', async () => {
    const answer = await stack.gql(GET, { id: PROFILE_ID });
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body).not.toHaveProperty('extensions');
  });
});
