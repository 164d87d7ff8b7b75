import { describe, expect, it } from 'vitest';
import { useStack } from '../helpers/stack.js';

// Issue 11, point 15 (client side): a client's strings are cut before they reach a log line or an answer.

describe('strings from the client', () => {
  const stack = useStack();

  it('a 200 kB operation name makes a short log line, with a marker', async () => {
    const name = `Q${'a'.repeat(200_000)}`;
    const answer = await stack.gql(`query ${name} { __typename }`);
    expect(answer.body.errors).toBeUndefined();
    const line = stack.logs.find((l) => l.includes('graphql operation'))!;
    expect(line.length).toBeLessThan(2_000);
    expect(line).toMatch(/Qaaa+…\[truncated \d+ chars\]/);
  });

  it('a 200 kB field name makes a short error, with a marker', async () => {
    const field = `f${'x'.repeat(200_000)}`;
    const answer = await stack.gql(`{ ${field} }`);
    expect(answer.body.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(answer.body).length).toBeLessThan(3_000);
    expect(answer.body.errors![0]!.message).toMatch(/…\[truncated \d+ chars\]$/);
    for (const line of stack.logs) expect(line.length).toBeLessThan(2_000);
  });
});

// Issue 11, point 15 (Graph side): Graph's headers and error bodies are cut the same way.
describe('strings from Graph', () => {
  const stack = useStack();
  const MARKER = /…\[truncated \d+ chars\]$/;
  const MB = 'm'.repeat(1_000_000);

  it('a 10 kB request-id header makes a short log line, with a marker', async () => {
    stack.emulator.inject({ method: 'GET', status: 200, headers: { 'content-type': 'application/json', 'request-id': 'r'.repeat(10_000) }, body: JSON.stringify({ id: 'x', address: '10.0.0.1' }) });
    const answer = await stack.gql('{ ipSecurityProfile(id: "x") { address } }');
    expect(answer.body.errors).toBeUndefined();
    const line = stack.logs.find((l) => l.includes('"graph call"'))!;
    expect(line.length).toBeLessThan(2_000);
    expect((JSON.parse(line) as { graphRequestId: string }).graphRequestId).toMatch(/^rrr+…\[truncated \d+ chars\]$/);
  });

  it('an error body with 1 MB code, message and innerError fields makes a short answer and short log lines', async () => {
    const body = JSON.stringify({ error: { code: `c${MB}`, message: `m${MB}`, innerError: { 'request-id': `r${MB}`, 'client-request-id': `q${MB}`, date: `d${MB}`, other: MB } } });
    stack.emulator.inject({ method: 'GET', status: 500, headers: { 'content-type': 'application/json', 'request-id': 'h'.repeat(10_000) }, body });
    const answer = await stack.gql('{ ipSecurityProfile(id: "x") { address } }');
    expect(JSON.stringify(answer.body).length).toBeLessThan(5_000);
    const error = answer.body.errors![0]!;
    expect(error.extensions!.code).toBe('UPSTREAM_ERROR');
    expect(error.message).toMatch(MARKER);
    const graph = error.extensions!.graph as Record<string, unknown>;
    expect(graph.status).toBe(500);
    for (const field of ['code', 'message', 'requestId', 'clientRequestId', 'date']) expect(graph[field], field).toMatch(MARKER);
    for (const line of stack.logs) expect(line.length).toBeLessThan(2_000);
  });

  it('the same inside a $batch', async () => {
    const body = JSON.stringify({ error: { code: `c${MB}`, message: `m${MB}`, innerError: { 'request-id': `r${MB}` } } });
    stack.emulator.store.put({ id: 'y', address: '10.0.0.2' });
    stack.emulator.inject({ method: 'GET', id: 'y', status: 500, headers: { 'content-type': 'application/json' }, body });
    const answer = await stack.gql('{ a: ipSecurityProfile(id: "x") { address } b: ipSecurityProfile(id: "y") { address } }');
    expect(stack.emulator.requests.map((r) => r.method)).toEqual(['POST']);
    expect(JSON.stringify(answer.body).length).toBeLessThan(5_000);
    expect((answer.body.errors![0]!.extensions!.graph as { code: string }).code).toMatch(MARKER);
  });
});
