import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { TOKEN, useStack } from '../helpers/stack.js';

// Issue 11, point 18: answers given before GraphQL runs carry the request id like every other error.

interface Answer {
  status: number;
  requestIdHeader: unknown;
  body: { errors?: { extensions?: { code?: string; requestId?: string } }[] };
}

describe('early errors carry extensions.requestId and the client-request-id header', () => {
  const stack = useStack({ BODY_LIMIT_BYTES: '2048' }, { resetEach: false });

  async function post(body: string, headers: Record<string, string> = {}): Promise<Answer> {
    const res = await request(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, ...headers },
      body,
    });
    return { status: res.statusCode, requestIdHeader: res.headers['client-request-id'], body: (await res.body.json()) as Answer['body'] };
  }

  function expectIds(answer: Answer, status: number, code: string, requestId?: string) {
    expect(answer.status).toBe(status);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe(code);
    const id = answer.body.errors?.[0]?.extensions?.requestId;
    expect(typeof id).toBe('string');
    expect(answer.requestIdHeader).toBe(id);
    if (requestId) expect(id).toBe(requestId);
  }

  it('invalid JSON', async () => {
    expectIds(await post('{"query": ', { 'client-request-id': 'early-json' }), 400, 'BAD_REQUEST', 'early-json');
  });

  it('413', async () => {
    expectIds(await post(JSON.stringify({ query: `{ __typename }${' '.repeat(3000)}` }), { 'client-request-id': 'early-413' }), 413, 'PAYLOAD_TOO_LARGE', 'early-413');
  });

  it('the CSRF refusal', async () => {
    const res = await request(`${stack.gateway.url}?query=%7B__typename%7D`, { headers: { 'client-request-id': 'early-csrf' } });
    const answer: Answer = { status: res.statusCode, requestIdHeader: res.headers['client-request-id'], body: (await res.body.json()) as Answer['body'] };
    expectIds(answer, 400, 'BAD_REQUEST', 'early-csrf');
  });

  it('a batch array', async () => {
    expectIds(await post(JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }])), 400, 'BAD_REQUEST');
  });

  it('a generated id when the caller sent none is the same in the header and the body', async () => {
    const answer = await post('not json');
    expectIds(answer, 400, 'BAD_REQUEST');
    expect(answer.body.errors![0]!.extensions!.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
