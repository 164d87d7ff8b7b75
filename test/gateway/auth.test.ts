import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { GET, PROFILE_ID, TOKEN, UPDATE, postGraphQL, useStack } from '../helpers/stack.js';

describe('the caller token', () => {
  const stack = useStack();

  it.each([
    ['no Authorization header', undefined],
    ['an empty header', ''],
    ['an empty bearer token', 'Bearer '],
    ['a Basic credential', 'Basic dXNlcjpwYXNz'],
    ['a token with spaces', 'Bearer abc def'],
    ['a bare token', TOKEN],
  ])('%s: UNAUTHENTICATED and no request to Graph', async (_what, authorization) => {
    const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
    for (const [query, variables] of [
      [UPDATE, { id: PROFILE_ID, input: { tags: ['x'] } }],
      [GET, { id: PROFILE_ID }],
    ] as const) {
      const answer = await postGraphQL(stack.gateway.url, { query, variables }, headers);
      expect(answer.body.errors).toHaveLength(1);
      expect(answer.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
      expect(answer.body.errors![0]!.message).not.toContain(TOKEN);
    }
    expect(stack.emulator.requests).toHaveLength(0);
  });

  it('goes to Graph verbatim, whatever the scheme case the caller wrote', async () => {
    await postGraphQL(stack.gateway.url, { query: GET, variables: { id: PROFILE_ID } }, { authorization: `bearer ${TOKEN}` });
    expect(stack.emulator.requests[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('is not written to the logs, even on failures', async () => {
    stack.emulator.inject({ status: 401, code: 'InvalidAuthenticationToken', times: 5 });
    await stack.gql(UPDATE, { id: PROFILE_ID, input: { tags: [] } });
    await stack.gql(GET, { id: '..' });
    expect(stack.logs.length).toBeGreaterThan(0);
    for (const line of stack.logs) expect(line).not.toContain(TOKEN);
  });

  it('introspection needs no token (Sandbox loads the schema before the user pastes one)', async () => {
    const res = await request(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }),
    });
    expect(await res.body.json()).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    expect(stack.emulator.requests).toHaveLength(0);
  });
});
