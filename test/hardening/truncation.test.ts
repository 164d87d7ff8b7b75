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
