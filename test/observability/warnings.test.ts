import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { DEPRECATION, PARTIAL_CONTENT_WARNING, SUNSET } from '../../src/emulator/deprecation.js';
import { linesWithMsg, sample, scrape } from '../helpers/observability.js';
import { GET, PROFILE_ID, UPDATE, useStack, type Stack } from '../helpers/stack.js';

/** Flips emulator switches the way a person or another process would: over HTTP. */
async function emulatorSettings(stack: Stack, settings: Record<string, unknown>): Promise<void> {
  const res = await request(`${stack.emulator.baseUrl.replace(/\/beta$/, '')}/_emulator/settings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(settings),
  });
  await res.body.dump();
  if (res.statusCode !== 200) throw new Error(`settings answered ${res.statusCode}`);
}

type Warning = { header: string; value: string };
function warningsOf(body: object): Warning[] | undefined {
  const extensions = (body as { extensions?: { warnings?: Warning[] } }).extensions;
  return extensions?.warnings;
}

describe("Graph's Deprecation, Sunset and Warning headers", () => {
  const stack = useStack();

  it('reach the caller under extensions.warnings, are logged once per distinct value, and counted on every answer', async () => {
    await emulatorSettings(stack, { deprecated: true });
    const first = await stack.gql(GET, { id: PROFILE_ID });
    expect(first.body.data?.ipSecurityProfile).toMatchObject({ id: PROFILE_ID });
    expect(warningsOf(first.body)).toEqual([
      { header: 'deprecation', value: DEPRECATION },
      { header: 'sunset', value: SUNSET },
    ]);
    // Also as response headers: routers drop a subgraph's extensions but can forward these.
    expect(first.headers).toMatchObject({ deprecation: DEPRECATION, sunset: SUNSET });
    expect(first.headers).not.toHaveProperty('warning');

    // A PATCH answered 204 and its read-back both carry the headers: the caller sees each once.
    await emulatorSettings(stack, { ignorePrefer: true });
    const second = await stack.gql(UPDATE, { id: PROFILE_ID, input: { riskScore: '5' } });
    expect(second.body.errors).toBeUndefined();
    expect(stack.emulator.requests).toHaveLength(3);
    expect(warningsOf(second.body)).toEqual([
      { header: 'deprecation', value: DEPRECATION },
      { header: 'sunset', value: SUNSET },
    ]);

    const logged = linesWithMsg(stack, 'Graph sent a deprecation header');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ header: 'deprecation', value: DEPRECATION, method: 'GET' });
    expect(linesWithMsg(stack, 'Graph sent a sunset header')).toHaveLength(1);

    const metrics = await scrape(stack);
    expect(sample(metrics, 'gateway_graph_warnings_total', { header: 'deprecation' })).toBe(3);
    expect(sample(metrics, 'gateway_graph_warnings_total', { header: 'sunset' })).toBe(3);
  });

  it('come with errors too', async () => {
    // 403 is not retried: the error, with Graph's warning, is the answer.
    stack.emulator.inject({ method: 'GET', status: 403, headers: { warning: '299 - "Deprecated API"' } });
    const answer = await stack.gql(GET, { id: PROFILE_ID });
    expect(answer.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(warningsOf(answer.body)).toEqual([{ header: 'warning', value: '299 - "Deprecated API"' }]);
    expect(answer.headers.warning).toBe('299 - "Deprecated API"');
    expect(answer.headers).not.toHaveProperty('deprecation');
  });

  it('206 Partial Content with a provider Warning is a success that carries the warning', async () => {
    await emulatorSettings(stack, { partialContent: true });
    const answer = await stack.gql(GET, { id: PROFILE_ID });
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.ipSecurityProfile).toMatchObject({ id: PROFILE_ID, address: 'Address value' });
    expect(warningsOf(answer.body)).toEqual([{ header: 'warning', value: PARTIAL_CONTENT_WARNING }]);

    const [call] = linesWithMsg(stack, 'graph call').slice(-1);
    expect(call).toMatchObject({ method: 'GET', status: 206 });
    expect(call!.level).toBe(30);

    // The read-back after a 204 PATCH may be partial too.
    await emulatorSettings(stack, { ignorePrefer: true });
    const update = await stack.gql(UPDATE, { id: PROFILE_ID, input: { riskScore: '6' } });
    expect(update.body.errors).toBeUndefined();
    expect(update.body.data?.updateIpSecurityProfile).toMatchObject({ riskScore: '6' });
    expect(warningsOf(update.body)).toEqual([{ header: 'warning', value: PARTIAL_CONTENT_WARNING }]);
  });

  it('are absent when Graph sent none', async () => {
    const answer = await stack.gql(GET, { id: PROFILE_ID });
    expect(answer.body).not.toHaveProperty('extensions');
    for (const header of ['deprecation', 'sunset', 'warning']) expect(answer.headers).not.toHaveProperty(header);
  });

  it('the emulator refuses a setting that is not a boolean', async () => {
    await expect(emulatorSettings(stack, { deprecated: 'yes' })).rejects.toThrow(/400/);
  });
});
