// The compiled path answers byte for byte as Apollo does: every request of the corpus goes to a gateway
// with COMPILED_PATH=true and one with false, several times (the first time a document is seen Apollo
// answers it), and status, headers, body and log lines must match; so must a third gateway's, whose
// compiled path runs graphql-js execute only (COMPILED_PATH_JIT=false). Only what is per request by nature
// is normalised: dates, Graph's own request ids, timings.
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, TOKEN, type Stack } from '../helpers/stack.js';
import { CORPUS, CORPUS_ENV, type Case } from './compiledCorpus.js';

const SENDS = 3;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
// With or without the Z: Graph's error bodies carry `innerError.date` as 2026-12-07T15:33:59.
const DATE = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?/g;
const HTTP_DATE = /\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT/g;
const TIMING = /"(time|durationMs)":[\d.]+/g;
// Federated traces carry timings (only Apollo answers them; both must).
const TRACE = /"ftv1":"[^"]*"/g;

const normalised = (text: string): string => text.replace(UUID, '<uuid>').replace(DATE, '<date>').replace(HTTP_DATE, '<http-date>').replace(TIMING, '"$1":0').replace(TRACE, '"ftv1":"<trace>"');

interface Seen {
  readonly status: number;
  readonly headers: string;
  readonly body: string;
  readonly logs: readonly string[];
}

async function send(stack: Stack, c: Case, requestId: string): Promise<Seen> {
  if (c.fault) stack.emulator.inject({ ...c.fault, clientRequestId: requestId });
  const headers: Record<string, string> = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'client-request-id': requestId };
  for (const [name, value] of Object.entries(c.headers ?? {})) {
    if (value === undefined) delete headers[name];
    else headers[name] = value;
  }
  const logsBefore = stack.logs.length;
  const method = c.method ?? 'POST';
  const res = await request(`${stack.gateway.url}${c.search ?? ''}`, {
    method,
    headers,
    body: method === 'POST' ? (c.raw ?? JSON.stringify(c.body)) : undefined,
  });
  const body = await res.body.text();
  await new Promise((resolve) => setImmediate(resolve));
  const { date: _date, ...rest } = res.headers;
  // A trace's length varies with its timings, and the content length with it.
  if (body.includes('"ftv1":')) rest['content-length'] = '<trace length>';
  return {
    status: res.statusCode,
    headers: normalised(JSON.stringify(Object.entries(rest))),
    body: normalised(body),
    logs: stack.logs.slice(logsBefore).map(normalised),
  };
}

async function compiledCount(stack: Stack, metric = 'gateway_graphql_compiled_total'): Promise<number> {
  const res = await request(stack.gateway.url.replace(/\/graphql$/, '/metrics'));
  const text = await res.body.text();
  const line = text.split('\n').find((l) => l.startsWith(`${metric} `));
  return line === undefined ? Number.NaN : Number(line.split(' ')[1]);
}

/** The operation metrics, durations left out: both paths must count the same operations and errors. */
async function operationMetrics(stack: Stack): Promise<string[]> {
  const res = await request(stack.gateway.url.replace(/\/graphql$/, '/metrics'));
  const text = await res.body.text();
  return text.split('\n').filter((l) => /^gateway_graphql_(operations_total|errors_total|operation_duration_seconds_count)\{/.test(l));
}

describe('the compiled path', () => {
  let compiled: Stack;
  let apollo: Stack;
  // The escape hatch: the compiled path with graphql-js execute only, held to the same answers.
  let graphqlJs: Stack;
  beforeAll(async () => {
    [compiled, apollo, graphqlJs] = await Promise.all([
      startStack({ ...CORPUS_ENV, COMPILED_PATH: 'true' }),
      startStack({ ...CORPUS_ENV, COMPILED_PATH: 'false' }),
      startStack({ ...CORPUS_ENV, COMPILED_PATH: 'true', COMPILED_PATH_JIT: 'false' }),
    ]);
  });
  afterAll(async () => Promise.all([compiled?.close(), apollo?.close(), graphqlJs?.close()]));

  it('has a corpus of at least 60 requests', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(60);
    expect(new Set(CORPUS.map((c) => c.name)).size).toBe(CORPUS.length);
  });

  it.each(CORPUS.map((c, i) => [c.name, c, i] as const))('%s: the same answer on both paths', async (_name, c, index) => {
    for (const stack of [compiled, apollo, graphqlJs]) {
      stack.emulator.reset();
      Object.assign(stack.emulator.settings, c.settings ?? {});
    }
    for (let i = 0; i < SENDS; i += 1) {
      const requestId = `corpus-${index}-${i}`;
      const before = await compiledCount(compiled);
      const beforeJs = await compiledCount(graphqlJs);
      const [a, b, js] = await Promise.all([send(compiled, c, requestId), send(apollo, c, requestId), send(graphqlJs, c, requestId)]);
      expect(a).toEqual(b);
      expect(js, 'COMPILED_PATH_JIT=false').toEqual(b);
      // The last send of a case the compiled path serves must really have been served by it.
      if (i === SENDS - 1) expect(await compiledCount(compiled), 'answered by the compiled path').toBe(before + (c.compiled ? 1 : 0));
      if (i === SENDS - 1) expect(await compiledCount(graphqlJs), 'answered by the compiled path, graphql-js only').toBe(beforeJs + (c.compiled ? 1 : 0));
    }
  });

  it('counts the same operations, outcomes and error codes in the metrics', async () => {
    const [a, b] = await Promise.all([operationMetrics(compiled), operationMetrics(apollo)]);
    expect(a.length).toBeGreaterThan(10);
    expect(a).toEqual(b);
    expect(Number.isNaN(await compiledCount(apollo)), 'COMPILED_PATH=false has no compiled path').toBe(true);
    expect(await operationMetrics(graphqlJs)).toEqual(b);
  });

  it('runs graphql-jit for most of what the compiled path answers, and never with COMPILED_PATH_JIT=false', async () => {
    const [served, byJit] = [await compiledCount(compiled), await compiledCount(compiled, 'gateway_graphql_compiled_jit_total')];
    expect(byJit).toBeGreaterThan(served / 2);
    expect(byJit).toBeLessThan(served);
    expect(await compiledCount(graphqlJs)).toBe(served);
    expect(await compiledCount(graphqlJs, 'gateway_graphql_compiled_jit_total')).toBe(0);
  });
});
