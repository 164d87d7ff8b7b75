// The Graph emulator in on-behalf-of mode: its identity platform (over TLS, with a certificate
// made now) and a Graph that takes only tokens that platform issued for Graph.
import { startEmulator, type Emulator, type EmulatorOptions } from '../server.js';
import { startIdentityPlatform, type IdentityOptions, type IdentityPlatform } from './platform.js';
import { makeTlsMaterial, type TlsMaterial } from './tls.js';

export interface EmulatorWithIdentity {
  readonly emulator: Emulator;
  readonly identity: IdentityPlatform;
  readonly tls: TlsMaterial;
  /** What a gateway needs to exchange tokens here: GRAPH_BASE_URL, GRAPH_AUTH, AZURE_*, NODE_EXTRA_CA_CERTS. */
  gatewayEnv(): Record<string, string>;
  close(): Promise<void>;
}

export async function startEmulatorWithIdentity(
  options: { readonly graph?: EmulatorOptions; readonly identity?: Omit<IdentityOptions, 'tls'> } = {},
): Promise<EmulatorWithIdentity> {
  const tls = await makeTlsMaterial();
  const identity = await startIdentityPlatform({ ...options.identity, tls });
  const emulator = await startEmulator({ ...options.graph, checkToken: identity.checkGraphToken });
  return {
    emulator,
    identity,
    tls,
    gatewayEnv: () => ({
      GRAPH_BASE_URL: emulator.baseUrl,
      GRAPH_AUTH: 'on-behalf-of',
      AZURE_TENANT_ID: identity.tenantId,
      AZURE_CLIENT_ID: identity.clientId,
      AZURE_CLIENT_SECRET: identity.clientSecret,
      AZURE_AUTHORITY_HOST: identity.authorityHost,
      NODE_EXTRA_CA_CERTS: tls.caPath,
    }),
    async close() {
      await Promise.all([emulator.close(), identity.close()]);
      tls.remove();
    },
  };
}
