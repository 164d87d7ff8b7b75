// The test-only certificate (see README.md here) and a fetch dispatcher that trusts it, for the SDK
// fidelity tests: Microsoft's SDKs talk to Graph over HTTPS, so the emulator does too in these tests.
import { readFileSync } from 'node:fs';
import { Agent } from 'undici';

export const LOOPBACK_TLS = {
  key: readFileSync(new URL('./loopback.key.pem', import.meta.url)),
  cert: readFileSync(new URL('./loopback.cert.pem', import.meta.url)),
};

export type FetchDispatcher = NonNullable<RequestInit['dispatcher']> & { close(): Promise<void> };

/** A dispatcher for Node's own fetch that trusts the loopback certificate, for these requests only. */
export function trustingDispatcher(): FetchDispatcher {
  // Node 20's fetch runs its bundled undici; the project's undici 7 Agent works with it at run time,
  // but the two packages' type declarations differ, so it is handed over under fetch's own type.
  return new Agent({ connect: { ca: LOOPBACK_TLS.cert } }) as unknown as FetchDispatcher;
}
