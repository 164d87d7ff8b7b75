// The identity endpoints' TLS: MSAL only talks to https authorities. A CA and a server certificate
// for localhost and 127.0.0.1 are made at start; the CA is written to a file for the gateway's
// NODE_EXTRA_CA_CERTS (Node reads it once, at process start).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface TlsMaterial {
  /** PEM of the CA that signed the server certificate: what a client must trust. */
  readonly caPem: string;
  /** The same CA as a file, for NODE_EXTRA_CA_CERTS. */
  readonly caPath: string;
  readonly certPem: string;
  readonly keyPem: string;
  /** Removes the files. */
  remove(): void;
}

const DAY_MS = 86_400_000;

export async function makeTlsMaterial(): Promise<TlsMaterial> {
  const notBeforeDate = new Date(Date.now() - DAY_MS);
  const notAfterDate = new Date(Date.now() + 30 * DAY_MS);
  const ca = await generate([{ name: 'commonName', value: 'Graph emulator identity CA' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const server = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
    ],
  });
  const dir = mkdtempSync(join(tmpdir(), 'graph-emulator-identity-'));
  const caPath = join(dir, 'ca.pem');
  writeFileSync(caPath, ca.cert);
  return {
    caPem: ca.cert,
    caPath,
    certPem: server.cert,
    keyPem: server.private,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
