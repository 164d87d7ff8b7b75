import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulatorWithIdentity, type EmulatorWithIdentity } from '../../src/emulator/identity/withGraph.js';
import { PROFILE_ID, UPDATE } from '../helpers/stack.js';
import { bearerOf, sample, startGateway, type Gateway } from './oboStack.js';

// Room for MSAL's 1 s throttle window to pass inside one deadline even when the first refusal is
// slow to arrive on a loaded machine (at 2 s a 1 s first attempt left no second one).
const DEADLINE_MS = 4_000;
const hash = (token: string) => createHash('sha256').update(token).digest('base64url');
const update = (gateway: Gateway, token: string | null, tag: string, headers?: Record<string, string>) =>
  gateway.gql(token, UPDATE, { id: PROFILE_ID, input: { tags: [tag] } }, headers);

describe('GRAPH_AUTH=on-behalf-of against the emulator', () => {
  let stack: EmulatorWithIdentity;
  let gateway: Gateway;
  /** Every token a test made or Graph received, and the client secret: none may be in a log line, an answer or the metrics. */
  const secrets = new Set<string>();

  beforeAll(async () => {
    stack = await startEmulatorWithIdentity();
    secrets.add(stack.identity.clientSecret);
    gateway = await startGateway(stack, { REQUEST_DEADLINE_MS: String(DEADLINE_MS) });
  }, 90_000);
  afterAll(async () => {
    await gateway?.stop();
    await stack?.close();
  });
  beforeEach(() => {
    stack.emulator.reset();
    stack.identity.reset();
  });

  const userToken = (options?: Parameters<EmulatorWithIdentity['identity']['userToken']>[0]) => {
    const token = stack.identity.userToken(options);
    secrets.add(token);
    return token;
  };
  const graphTokens = () => stack.emulator.requests.map((r) => bearerOf(r.headers.authorization).token);

  async function expectNothingLeaked(): Promise<void> {
    for (const token of graphTokens()) secrets.add(token);
    const seen = [...gateway.logs(), ...gateway.responses, await gateway.metrics()];
    for (const secret of secrets) for (const text of seen) expect(text.includes(secret), `a secret or token in: ${text.slice(0, 200)}`).toBe(false);
  }

  it("turns the caller's supergraph token into a Graph token for the same user, and the mutation succeeds", async () => {
    const oid = randomUUID();
    const incoming = userToken({ oid });
    const requestId = randomUUID();
    const answer = await update(gateway, incoming, 'obo', { 'client-request-id': requestId });
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.updateIpSecurityProfile).toMatchObject({ id: PROFILE_ID, tags: ['obo'] });

    // Graph got a token the identity platform issued for Graph, for this user: not the incoming one.
    expect(stack.emulator.requests).toHaveLength(1);
    const { token, claims } = bearerOf(stack.emulator.requests[0]!.headers.authorization);
    expect(token).not.toBe(incoming);
    expect(claims).toMatchObject({ aud: 'https://graph.microsoft.com', iss: stack.identity.issuer, oid, appid: stack.identity.clientId, scp: 'SecurityEvents.ReadWrite.All' });
    expect(stack.emulator.requests[0]!.body).toBe('{"@odata.type":"#microsoft.graph.ipSecurityProfile","tags":["obo"]}');

    // One exchange of exactly that token, by the gateway's app with its secret, under our request id.
    expect(stack.identity.exchanges).toMatchObject([{ assertionHash: hash(incoming), subject: oid, clientAuth: 'secret', outcome: 'issued', correlationId: requestId }]);
    const line = gateway.logs().find((l) => l.includes('"on-behalf-of exchange"') && l.includes(requestId));
    expect(JSON.parse(line!)).toMatchObject({ requestId, correlationId: requestId, outcome: 'success', attempts: 1, expiresInSeconds: expect.any(Number) });
    await expectNothingLeaked();
  });

  it('reuses the Graph token for the same caller: the second request makes no exchange', async () => {
    const incoming = userToken();
    expect((await update(gateway, incoming, 'first')).body.errors).toBeUndefined();
    expect((await update(gateway, incoming, 'second')).body.errors).toBeUndefined();
    expect(stack.identity.exchanges).toHaveLength(1);
    const [first, second] = graphTokens();
    expect(second).toBe(first);
    // Another user's token is exchanged on its own.
    expect((await update(gateway, userToken(), 'other')).body.errors).toBeUndefined();
    expect(stack.identity.exchanges).toHaveLength(2);
    expect(graphTokens()[2]).not.toBe(first);
    await expectNothingLeaked();
  });

  it('ten concurrent requests of one caller share one exchange', async () => {
    const incoming = userToken();
    const before = await gateway.metrics();
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => update(gateway, incoming, `c${i}`)));
    for (const answer of answers) expect(answer.body.errors).toBeUndefined();
    expect(stack.identity.exchanges.filter((e) => e.assertionHash === hash(incoming))).toHaveLength(1);
    expect(new Set(graphTokens()).size).toBe(1);
    expect(stack.emulator.requests).toHaveLength(10);
    const after = await gateway.metrics();
    const reused = (text: string) => sample(text, 'gateway_obo_cache_hits_total', 'source="in-flight"') + sample(text, 'gateway_obo_cache_hits_total', 'source="cache"');
    expect(reused(after) - reused(before)).toBe(9);
    expect(sample(after, 'gateway_obo_exchanges_total', 'outcome="success"') - sample(before, 'gateway_obo_exchanges_total', 'outcome="success"')).toBe(1);
    await expectNothingLeaked();
  });

  it.each([
    ['an expired token', () => userToken({ expiresInSeconds: -120 }), 'invalid_grant', 'AADSTS500133'],
    ['a token signed by an unknown key', () => userToken({ foreign: true }), 'invalid_grant', 'AADSTS50013'],
    ["a token for another audience (Graph's own)", () => userToken({ audience: 'https://graph.microsoft.com' }), 'invalid_grant', 'AADSTS50013'],
    ['a token that is no JWT', () => 'not-a-jwt-at-all', 'invalid_request', 'AADSTS50027'],
  ])('refuses %s: UNAUTHENTICATED with the identity platform\'s code, and Graph is not called', async (_name, make, error, code) => {
    const before = await gateway.metrics();
    const answer = await update(gateway, make(), 'never');
    expect(answer.body.data?.updateIpSecurityProfile ?? null).toBeNull();
    const [only] = answer.body.errors!;
    expect(only!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', identity: { error, code, correlationId: stack.identity.exchanges[0]!.correlationId } });
    expect(stack.identity.exchanges).toHaveLength(1); // refusals are not retried
    expect(stack.emulator.requests).toHaveLength(0);
    const after = await gateway.metrics();
    const label = `error="${error}",aadsts="${code}"`;
    expect(sample(after, 'gateway_obo_exchange_failures_total', label) - sample(before, 'gateway_obo_exchange_failures_total', label)).toBe(1);
    await expectNothingLeaked();
  });

  it('a user without consent gets FORBIDDEN (AADSTS65001), and Graph is not called', async () => {
    const oid = randomUUID();
    stack.identity.withholdConsent(oid);
    const answer = await update(gateway, userToken({ oid }), 'never');
    expect(answer.body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', identity: { error: 'invalid_grant', code: 'AADSTS65001', suberror: 'consent_required' } });
    expect(stack.emulator.requests).toHaveLength(0);
    await expectNothingLeaked();
  });

  it('no token: UNAUTHENTICATED, no exchange, no Graph call', async () => {
    const answer = await update(gateway, null, 'never');
    expect(answer.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect(stack.identity.exchanges).toHaveLength(0);
    expect(stack.emulator.requests).toHaveLength(0);
  });

  it('the identity platform failing: retried as Retry-After allows, then UPSTREAM_UNAVAILABLE within the deadline', async () => {
    stack.identity.outage(503, 1);
    const started = performance.now();
    const answer = await update(gateway, userToken(), 'never');
    const elapsed = performance.now() - started;
    expect(answer.body.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', reason: 'DEADLINE_EXCEEDED', identity: { code: 'AADSTS90033' } });
    // Asked again once MSAL's throttle (Retry-After: 1) let it, not more often: at most once a second.
    expect(stack.identity.exchanges.length).toBeGreaterThanOrEqual(2);
    expect(stack.identity.exchanges.length).toBeLessThanOrEqual(DEADLINE_MS / 1_000 + 1);
    expect(elapsed).toBeLessThan(DEADLINE_MS + 1_000);
    expect(stack.emulator.requests).toHaveLength(0);

    // Once it is back, the same caller gets through: failures are not cached. MSAL keeps refusing for
    // the Retry-After it was given (1 s) whatever the identity platform does: let that window pass, so
    // a loaded machine's slow retries don't spend this request's short deadline inside it.
    stack.identity.outage(null);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const incoming = userToken();
    expect((await update(gateway, incoming, 'back')).body.errors).toBeUndefined();
    await expectNothingLeaked();
  });

  it('answers introspection and __typename without any exchange', async () => {
    const answer = await gateway.gql(userToken(), '{ __typename }');
    expect(answer.body.data).toEqual({ __typename: 'Query' });
    expect(stack.identity.exchanges).toHaveLength(0);
  });
});
