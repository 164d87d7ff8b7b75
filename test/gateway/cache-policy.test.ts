import { describe, expect, it } from 'vitest';
import { GET, PROFILE_ID, UPDATE, useStack } from '../helpers/stack.js';

// Answers carry the caller's own Graph data: no cache (browser, CDN, federation router) may keep them.
describe('cache policy', () => {
  const stack = useStack({ NODE_ENV: 'production' }, { resetEach: false });

  it.each([
    ['a query', GET, { id: PROFILE_ID }],
    ['a mutation', UPDATE, { id: PROFILE_ID, input: { riskScore: '7' } }],
    ['a query that fails validation', '{ nope }', {}],
    ['a query that fails in a resolver', GET, { id: '..' }],
  ])('%s is answered with cache-control: no-store', async (_name, query, variables) => {
    const answer = await stack.gql(query, variables);
    expect(answer.headers['cache-control']).toBe('no-store');
  });
});
