// Microsoft marks every ipSecurityProfiles operation deprecated, removal dated 2026-04-10
// (docs/real-graph.md). Where a tenant no longer has the API, Graph's OData layer answers
// `400 BadRequest: Resource not found for the segment ...`; the caller gets that error, coded, with
// Graph's own code and message, never a bare failure.
import { describe, expect, it } from 'vitest';
import { GET, PROFILE_ID, UPDATE, useStack } from '../helpers/stack.js';

const MESSAGE = "Resource not found for the segment 'ipSecurityProfiles'.";
const GONE = {
  status: 400,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ error: { code: 'BadRequest', message: MESSAGE, innerError: { date: '2026-12-07T12:00:00', 'request-id': 'r-1', 'client-request-id': 'c-1' } } }),
};

describe('against a tenant where the API is gone', () => {
  const stack = useStack();

  it.each([
    ['a read', GET, { id: PROFILE_ID }],
    ['a list', '{ ipSecurityProfiles(first: 1) { nodes { id } } }', {}],
    ['an update', UPDATE, { id: PROFILE_ID, input: { tags: ['x'] } }],
  ])("%s answers Graph's error, coded", async (_name, query, variables) => {
    stack.emulator.inject({ ...GONE, times: 5 });
    const answer = await stack.gql(query, variables);
    expect(stack.emulator.requests.length).toBeGreaterThanOrEqual(1);
    const error = answer.body.errors![0]!;
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', graph: { status: 400, code: 'BadRequest', message: MESSAGE } });
    expect(error.message).toContain(MESSAGE);
  });
});
