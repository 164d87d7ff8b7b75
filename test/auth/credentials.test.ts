import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatorWithIdentity, type EmulatorWithIdentity } from '../../src/emulator/identity/withGraph.js';
import { PROFILE_ID, UPDATE } from '../helpers/stack.js';
import { sample, startGateway, type Gateway } from './oboStack.js';

const DEADLINE_MS = 1_500;
const WRONG_SECRET = 'wrong-secret-value-0123456789';

/** A port nothing listens on: the identity platform is down. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("the gateway's own credential and an unreachable identity platform", () => {
  let stack: EmulatorWithIdentity;
  let dir: string;
  let privateKeyPem: string;
  let withCertificate: Gateway;
  let withWrongSecret: Gateway;
  let unreachable: Gateway;

  beforeAll(async () => {
    stack = await startEmulatorWithIdentity();
    const client = await generate([{ name: 'commonName', value: 'ipsecurityprofile-gateway' }], { keySize: 2048, algorithm: 'sha256' });
    privateKeyPem = client.private;
    stack.identity.registerCertificate(client.cert);
    dir = mkdtempSync(join(tmpdir(), 'obo-credential-'));
    const path = join(dir, 'gateway.pem');
    writeFileSync(path, `${client.private}\n${client.cert}\n`);
    [withCertificate, withWrongSecret, unreachable] = await Promise.all([
      startGateway(stack, { AZURE_CLIENT_SECRET: '', AZURE_CLIENT_CERTIFICATE_PATH: path }),
      startGateway(stack, { AZURE_CLIENT_SECRET: WRONG_SECRET }),
      startGateway(stack, { AZURE_AUTHORITY_HOST: `https://127.0.0.1:${await closedPort()}`, REQUEST_DEADLINE_MS: String(DEADLINE_MS) }),
    ]);
  }, 90_000);
  afterAll(async () => {
    await Promise.all([withCertificate, withWrongSecret, unreachable].map((g) => g?.stop()));
    await stack?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const update = (gateway: Gateway, token: string) => gateway.gql(token, UPDATE, { id: PROFILE_ID, input: { tags: ['cred'] } });
  const expectNotIn = (gateway: Gateway, secrets: string[]) => {
    for (const text of [...gateway.logs(), ...gateway.responses]) for (const secret of secrets) expect(text.includes(secret)).toBe(false);
  };

  it('authenticates with a certificate (MSAL signs a client assertion) instead of a secret', async () => {
    stack.identity.reset();
    const token = stack.identity.userToken();
    const answer = await update(withCertificate, token);
    expect(answer.body.errors).toBeUndefined();
    expect(stack.identity.exchanges).toMatchObject([{ clientAuth: 'certificate', outcome: 'issued' }]);
    const key = privateKeyPem.split('\n').find((l) => l.length > 40)!;
    expectNotIn(withCertificate, [token, key]);
  });

  it('a refused client secret is UPSTREAM_ERROR naming invalid_client, and the secret appears nowhere', async () => {
    stack.identity.reset();
    stack.emulator.reset();
    const token = stack.identity.userToken();
    const answer = await update(withWrongSecret, token);
    expect(answer.body.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', identity: { error: 'invalid_client', code: 'AADSTS7000215' } });
    expect(stack.emulator.requests).toHaveLength(0);
    const line = withWrongSecret.logs().find((l) => l.includes('on-behalf-of exchange failed'));
    expect(JSON.parse(line!)).toMatchObject({ level: 40, outcome: 'failure', code: 'UPSTREAM_ERROR', error: 'invalid_client', aadsts: 'AADSTS7000215' });
    expectNotIn(withWrongSecret, [token, WRONG_SECRET, stack.identity.clientSecret]);
  });

  it('an identity platform that cannot be reached is UPSTREAM_UNAVAILABLE within the deadline, and Graph is not called', async () => {
    stack.emulator.reset();
    const token = stack.identity.userToken();
    const started = performance.now();
    const answer = await update(unreachable, token);
    const elapsed = performance.now() - started;
    expect(answer.body.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', reason: 'DEADLINE_EXCEEDED', identity: { error: 'endpoints_resolution_error' } });
    expect(elapsed).toBeLessThan(DEADLINE_MS + 1_000);
    expect(stack.emulator.requests).toHaveLength(0);
    const line = JSON.parse(unreachable.logs().find((l) => l.includes('on-behalf-of exchange failed'))!) as { attempts: number };
    expect(line.attempts).toBeGreaterThan(1); // retried while the deadline allowed
    expect(sample(await unreachable.metrics(), 'gateway_obo_exchanges_total', 'outcome="failure"')).toBe(1);
    expectNotIn(unreachable, [token]);
  });
});
