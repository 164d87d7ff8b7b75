// Starts the Graph emulator and the gateway on loopback, port 0, as main.ts starts it.
import { Writable } from 'node:stream';
import { request } from 'undici';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator/server.js';
import { createLogger } from '../../src/observability/logger.js';
import { SANDBOX_EXAMPLE } from '../../src/dev/examples.js';
import { startGateway, type RunningGateway } from '../../src/server/server.js';

export const TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.eyJzdWIiOiJ0ZXN0In0.c2VjcmV0LXRva2VuLTQyNDI0Mg';
export const PROFILE_ID = 'a5c97fce-7fce-a5c9-ce7f-c9a5ce7fc9a5';

export interface GraphQLAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  };
}

export interface Stack {
  readonly emulator: Emulator;
  readonly gateway: RunningGateway;
  /** Every log line the gateway wrote, as text. */
  readonly logs: string[];
  gql(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLAnswer>;
  close(): Promise<void>;
}

export async function startStack(env: Record<string, string> = {}, emulatorOptions: EmulatorOptions = {}): Promise<Stack> {
  const emulator = await startEmulator(emulatorOptions);
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    GRAPH_BASE_URL: emulator.baseUrl,
    LOG_LEVEL: 'debug',
    NODE_ENV: 'test',
    ...env,
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  // As `npm run dev` starts it: Sandbox opens on the example operation.
  const gateway = await startGateway(config, createLogger(config.logLevel, sink), { sandboxExample: SANDBOX_EXAMPLE });
  return {
    emulator,
    gateway,
    logs,
    gql: (query, variables, headers) => postGraphQL(gateway.url, { query, variables }, { authorization: `Bearer ${TOKEN}`, ...headers }),
    async close() {
      await gateway.stop();
      await emulator.close();
    },
  };
}

/**
 * The stack the tests of one describe block share: started before them, closed after them, and,
 * unless `resetEach` is false, the emulator reset and the captured log lines cleared before each
 * test. Use it as a Stack inside the tests; a describe's own beforeEach runs after the reset.
 */
export function useStack(env: Record<string, string> = {}, options: { readonly resetEach?: boolean } = {}): Stack {
  let current: Stack | undefined;
  beforeAll(async () => {
    current = await startStack(env);
  });
  if (options.resetEach ?? true) {
    beforeEach(() => {
      current!.emulator.reset();
      current!.logs.length = 0;
    });
  }
  afterAll(async () => current?.close());
  return new Proxy({} as Stack, {
    get(_target, key) {
      if (!current) throw new Error('the shared stack starts in beforeAll: use it inside tests and hooks');
      return Reflect.get(current, key) as unknown;
    },
  });
}

export async function postGraphQL(url: string, payload: unknown, headers: Record<string, string> = {}): Promise<GraphQLAnswer> {
  const res = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(payload),
  });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, body: JSON.parse(text) as GraphQLAnswer['body'] };
}

/** The requests Graph (the emulator) received, minus none: tests assert on them. */
export function graphCalls(stack: Stack) {
  return stack.emulator.requests;
}

export const PROFILE_FIELDS = `
  id activityGroupNames address azureSubscriptionId azureTenantId countHits countHosts firstSeenDateTime
  ipCategories { description name vendor }
  ipReferenceData { asn city countryOrRegionCode organization state vendor }
  lastSeenDateTime riskScore tags
  vendorInformation { provider providerVersion subProvider vendor }
`;

export const UPDATE = `mutation Update($id: ID!, $input: UpdateIpSecurityProfileInput!) {
  updateIpSecurityProfile(id: $id, input: $input) { ${PROFILE_FIELDS} }
}`;

export const GET = `query Get($id: ID!) { ipSecurityProfile(id: $id) { ${PROFILE_FIELDS} } }`;

/** The `$select` a read of every PROFILE_FIELDS field sends: `id` first, then Graph's property order. */
export const SELECT_ALL =
  '$select=id,activityGroupNames,address,azureSubscriptionId,azureTenantId,countHits,countHosts,firstSeenDateTime,ipCategories,ipReferenceData,lastSeenDateTime,riskScore,tags,vendorInformation';
