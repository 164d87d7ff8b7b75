import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../src/emulator/server.js';
import { spawnEntry } from './helpers/process.js';
import { PROFILE_ID, TOKEN, UPDATE, postGraphQL } from './helpers/stack.js';

describe('the gateway as a process', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => emulator.close());

  it('starts from its environment, serves a mutation, and exits 0 on SIGTERM', async () => {
    const gateway = spawnEntry('main.ts', { PORT: '0', HOST: '127.0.0.1', GRAPH_BASE_URL: emulator.baseUrl, NODE_ENV: 'production' });
    const line = await gateway.waitForLine((l) => l.includes('gateway listening'));
    const { url } = JSON.parse(line) as { url: string };
    const answer = await postGraphQL(url, { query: UPDATE, variables: { id: PROFILE_ID, input: { tags: ['from-process'] } } }, { authorization: `Bearer ${TOKEN}` });
    expect(answer.body.errors).toBeUndefined();
    expect(emulator.requests.at(-1)!.body).toBe('{"@odata.type":"#microsoft.graph.ipSecurityProfile","tags":["from-process"]}');

    // Production: no introspection, no stack traces.
    const introspection = await postGraphQL(url, { query: '{ __schema { types { name } } }' });
    expect(introspection.body.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(introspection.body.errors![0]!.extensions).not.toHaveProperty('stacktrace');

    gateway.child.kill('SIGTERM');
    expect(await gateway.exit()).toBe(0);
    for (const l of gateway.stdout) expect(l).not.toContain(TOKEN);
  });

  it('writes a request\'s log lines to stdout before its answer leaves, on either path', async () => {
    const gateway = spawnEntry('main.ts', { PORT: '0', HOST: '127.0.0.1', GRAPH_BASE_URL: emulator.baseUrl, NODE_ENV: 'production' });
    const { url } = JSON.parse(await gateway.waitForLine((l) => l.includes('gateway listening'))) as { url: string };
    // Four sends of one document: Apollo answers the first, the compiled path the others; and a refusal.
    for (const [i, body] of [1, 2, 3, 4].map((n) => [n, { query: UPDATE, variables: { id: PROFILE_ID, input: { tags: [`order-${n}`] } } }] as const)) {
      const requestId = `order-${i}`;
      await postGraphQL(url, body, { authorization: `Bearer ${TOKEN}`, 'client-request-id': requestId });
      // Read in the same turn as the answer: the lines arrived on stdout before it, or with it.
      await new Promise((resolve) => setImmediate(resolve));
      const mine = gateway.stdout.filter((l) => l.includes(`"${requestId}"`)).map((l) => (JSON.parse(l) as { msg: string }).msg);
      expect(mine).toEqual(['graph call', 'graphql operation']);
    }
    await postGraphQL(url, { query: UPDATE, variables: { id: PROFILE_ID, input: {} } }, { 'client-request-id': 'order-refused' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(gateway.stdout.filter((l) => l.includes('"order-refused"'))).toHaveLength(1);
    gateway.child.kill('SIGTERM');
    expect(await gateway.exit()).toBe(0);
  });

  it('refuses to start on bad configuration, naming every problem at once', async () => {
    const gateway = spawnEntry('main.ts', {
      PORT: 'eighty',
      GRAPH_BASE_URL: 'ftp://graph.example/beta',
      GRAPH_TIMEOUT_MS: '-5',
      LOG_LEVEL: 'loud',
    });
    expect(await gateway.exit()).toBe(2);
    const err = gateway.stderr.join('');
    for (const name of ['PORT', 'GRAPH_BASE_URL', 'GRAPH_TIMEOUT_MS', 'LOG_LEVEL']) expect(err).toContain(name);
  });
});
