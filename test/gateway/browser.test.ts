// What a browser meets: the Sandbox landing page, introspection by environment, CORS, and Apollo's CSRF
// prevention.
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_MUTATION, EXAMPLE_VARIABLES } from '../../src/dev/examples.js';
import { postGraphQL, useStack } from '../helpers/stack.js';

const INTROSPECT = { query: '{ __schema { queryType { name } } }' };

async function landing(url: string) {
  const res = await request(url, { headers: { accept: 'text/html,application/xhtml+xml', 'user-agent': 'Mozilla/5.0' } });
  return { status: res.statusCode, type: String(res.headers['content-type'] ?? ''), text: await res.body.text() };
}

interface SandboxConfig {
  runTelemetry: boolean;
  initialState: { document: string; variables: unknown; headers: Record<string, string> };
}

describe('in development', () => {
  const stack = useStack({ NODE_ENV: 'development' }, { resetEach: false });

  it('GET /graphql from a browser serves Sandbox, pre-filled with the example mutation, variables and an Authorization template', async () => {
    const page = await landing(stack.gateway.url);
    expect(page.status).toBe(200);
    expect(page.type).toContain('text/html');
    expect(page.text).toContain('https://embeddable-sandbox.cdn.apollographql.com/');
    const json = /var embeddedSandboxConfig = (\{.*\});/.exec(page.text)?.[1];
    expect(json).toBeDefined();
    const config = JSON.parse(json!) as SandboxConfig;
    expect(config.initialState.document).toBe(EXAMPLE_MUTATION);
    expect(config.initialState.variables).toEqual(EXAMPLE_VARIABLES);
    expect(config.initialState.headers).toEqual({ Authorization: 'Bearer <your Microsoft Graph access token>' });
    // No usage telemetry to Apollo from the embedded Sandbox; without internet, Apollo's offline note.
    expect(config.runTelemetry).toBe(false);
    expect(page.text).toContain('it appears that you might be offline');
    expect(stack.emulator.requests).toHaveLength(0);
  });

  it('introspection is on', async () => {
    const answer = await postGraphQL(stack.gateway.url, INTROSPECT);
    expect(answer.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });

  it.each(['https://studio.apollographql.com', 'http://localhost:3000', 'http://127.0.0.1:5173'])('CORS allows %s by default (Sandbox, local frontends)', async (origin) => {
    const answer = await postGraphQL(stack.gateway.url, INTROSPECT, { origin });
    expect(answer.headers['access-control-allow-origin']).toBe(origin);
  });
});

describe('in production', () => {
  const stack = useStack({ NODE_ENV: 'production', CORS_ORIGINS: 'https://app.example.com' }, { resetEach: false });

  it('introspection is off', async () => {
    const answer = await postGraphQL(stack.gateway.url, INTROSPECT);
    expect(answer.status).toBe(400);
    expect(answer.body.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(answer.body.errors![0]!.message).toMatch(/introspection/i);
  });

  it('there is no landing page', async () => {
    const page = await landing(stack.gateway.url);
    expect(page.text).not.toContain('embeddable-sandbox');
    expect(page.text).not.toContain('UpdateIpSecurityProfile');
  });

  it('CORS: an allowed origin is echoed, with Vary: Origin', async () => {
    const answer = await postGraphQL(stack.gateway.url, { query: '{ __typename }' }, { origin: 'https://app.example.com' });
    expect(answer.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(String(answer.headers.vary)).toMatch(/origin/i);
  });

  it.each(['https://evil.example', 'https://app.example.com.evil.example', 'http://app.example.com', 'https://studio.apollographql.com', 'http://localhost:3000'])(
    'CORS: %s gets no allow-origin header',
    async (origin) => {
      const answer = await postGraphQL(stack.gateway.url, { query: '{ __typename }' }, { origin });
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    },
  );

  it('CORS preflight: allowed origin gets methods and headers; another gets nothing', async () => {
    const ok = await request(stack.gateway.url, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    await ok.body.dump();
    expect(ok.statusCode).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(String(ok.headers['access-control-allow-methods'])).toContain('POST');
    expect(String(ok.headers['access-control-allow-headers'])).toContain('authorization');

    const refused = await request(stack.gateway.url, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    await refused.body.dump();
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    expect(refused.headers['access-control-allow-methods']).toBeUndefined();
    expect(stack.emulator.requests).toHaveLength(0);
  });

  it('Apollo CSRF prevention stays on: a simple cross-site request is refused', async () => {
    const get = await request(`${stack.gateway.url}?query=${encodeURIComponent('{ __typename }')}`);
    expect(get.statusCode).toBe(400);
    expect(await get.body.text()).toMatch(/CSRF/);

    const textPlain = await request(stack.gateway.url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(textPlain.statusCode).toBe(400);
    await textPlain.body.dump();

    const preflighted = await request(`${stack.gateway.url}?query=${encodeURIComponent('{ __typename }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(preflighted.statusCode).toBe(200);
    expect(await preflighted.body.json()).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('in production with INTROSPECTION=true', () => {
  const stack = useStack({ NODE_ENV: 'production', INTROSPECTION: 'true' }, { resetEach: false });

  it('introspection and the landing page are back', async () => {
    const answer = await postGraphQL(stack.gateway.url, INTROSPECT);
    expect(answer.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    expect((await landing(stack.gateway.url)).text).toContain('embeddable-sandbox');
  });

  it('no CORS origin is allowed unless CORS_ORIGINS says so', async () => {
    const answer = await postGraphQL(stack.gateway.url, INTROSPECT, { origin: 'https://studio.apollographql.com' });
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
  });
});
