import { readFileSync } from 'node:fs';
import { request } from 'undici';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorCode } from '../../src/errors.js';
import { GraphClient } from '../../src/graph/client.js';
import { GatewayMetrics } from '../../src/observability/metrics.js';
import { GET, PROFILE_ID, useStack, type Stack } from '../helpers/stack.js';

// Issue 11, point 6: one masking point for every error, wherever it was thrown.

const SECRET = 'connection string password=hunter2';

function errorLines(stack: Stack): { level: number; msg: string; err?: { message: string; stack: string } }[] {
  return stack.logs.map((l) => JSON.parse(l) as { level: number; msg: string; err?: { message: string; stack: string } }).filter((l) => l.level >= 50);
}

describe('errors thrown outside resolvers', () => {
  const stack = useStack({ NODE_ENV: 'development' });
  afterEach(() => vi.restoreAllMocks());

  async function expectMasked(answer: Awaited<ReturnType<Stack['gql']>>) {
    expect(JSON.stringify(answer.body)).not.toContain('hunter2');
    expect(answer.body.errors).toHaveLength(1);
    const [error] = answer.body.errors!;
    expect(error!.message).toBe('Internal server error');
    expect(error!.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: answer.headers['client-request-id'] });
    // Logged once, at error level, with its stack.
    const lines = errorLines(stack);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.err!.message).toContain('hunter2');
    expect(lines[0]!.err!.stack).toMatch(/\n\s+at /);
  }

  it('context creation: masked, with the request id, logged once', async () => {
    vi.spyOn(GraphClient.prototype, 'forCaller').mockImplementation(() => {
      throw new Error(SECRET);
    });
    const answer = await stack.gql(GET, { id: PROFILE_ID }, { 'client-request-id': 'ctx-failure-1' });
    expect(answer.status).toBe(500);
    expect(answer.headers['client-request-id']).toBe('ctx-failure-1');
    await expectMasked(answer);
    expect(stack.emulator.requests).toHaveLength(0);
  });

  it('a plugin hook: masked, with the request id, logged once', async () => {
    vi.spyOn(GatewayMetrics.prototype, 'operationAnswered').mockImplementation(() => {
      throw new Error(SECRET);
    });
    const answer = await stack.gql(GET, { id: PROFILE_ID }, { 'client-request-id': 'hook-failure-1' });
    expect(answer.headers['client-request-id']).toBe('hook-failure-1');
    await expectMasked(answer);
  });
});

describe('the error-code catalog', () => {
  const stack = useStack({}, { resetEach: false });

  it('is documented in one table, code for code', () => {
    const doc = readFileSync(new URL('../../docs/hardening.md', import.meta.url), 'utf8');
    const start = doc.indexOf('## Error codes');
    const table = doc.slice(start, doc.indexOf('\n## ', start + 1));
    const documented = [...table.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(new Set(documented)).toEqual(new Set(Object.values(ErrorCode)));
  });

  it('covers the answers in front of GraphQL too', async () => {
    const codes: unknown[] = [];
    const base = stack.gateway.url.replace(/\/graphql$/, '');
    const notFound = await request(`${base}/nope`);
    codes.push(((await notFound.body.json()) as { error: { code: string } }).error.code);
    const wrongMethod = await request(`${base}/health`, { method: 'POST' });
    codes.push(((await wrongMethod.body.json()) as { error: { code: string } }).error.code);
    const badJson = await request(stack.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    codes.push(((await badJson.body.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code);
    expect(codes).toEqual(['NOT_FOUND', 'METHOD_NOT_ALLOWED', 'BAD_REQUEST']);
    for (const code of codes) expect(Object.values(ErrorCode)).toContain(code);
  });
});
