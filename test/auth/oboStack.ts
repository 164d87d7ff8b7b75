// The emulator in on-behalf-of mode and the gateway as a child process: NODE_EXTRA_CA_CERTS, which
// makes the gateway trust the emulator's identity platform, is only read when a process starts.
import { request } from 'undici';
import type { EmulatorWithIdentity } from '../../src/emulator/identity/withGraph.js';
import { decodeJwt, type Claims } from '../../src/emulator/identity/jwt.js';
import { spawnEntry, type Spawned } from '../helpers/process.js';
import { postGraphQL, type GraphQLAnswer } from '../helpers/stack.js';

export interface Gateway {
  readonly url: string;
  readonly process: Spawned;
  /** Every response body this gateway sent in the tests, as text. */
  readonly responses: string[];
  gql(token: string | null, query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLAnswer>;
  metrics(): Promise<string>;
  /** Log lines (stdout and stderr). */
  logs(): string[];
  stop(): Promise<void>;
}

export async function startGateway(stack: EmulatorWithIdentity, env: Record<string, string> = {}): Promise<Gateway> {
  const child = spawnEntry('main.ts', { PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'test', LOG_LEVEL: 'debug', ...stack.gatewayEnv(), ...env });
  // Starting a process under tsx takes seconds on a loaded 2-core machine.
  const line = await child.waitForLine((l) => l.includes('gateway listening'), 60_000);
  const url = (JSON.parse(line) as { url: string }).url;
  const responses: string[] = [];
  return {
    url,
    process: child,
    responses,
    async gql(token, query, variables, headers = {}) {
      const answer = await postGraphQL(url, { query, variables }, { ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...headers });
      responses.push(JSON.stringify(answer.body), JSON.stringify(answer.headers));
      return answer;
    },
    async metrics() {
      const res = await request(url.replace(/\/graphql$/, '/metrics'));
      return res.body.text();
    },
    logs: () => [...child.stdout, ...child.stderr],
    async stop() {
      child.child.kill('SIGTERM');
      await child.exit();
    },
  };
}

/** The bearer token of an Authorization header Graph received, and its claims. */
export function bearerOf(authorization: string | string[] | undefined): { token: string; claims: Claims } {
  if (typeof authorization !== 'string') throw new Error('Graph got no Authorization header');
  const token = authorization.replace(/^Bearer /, '');
  const decoded = decodeJwt(token);
  if (!decoded) throw new Error('Graph got a token that is no JWT');
  return { token, claims: decoded.claims };
}

/** The value of one sample in a Prometheus text exposition, 0 when absent. */
export function sample(text: string, name: string, labels: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return line === undefined ? 0 : Number(line.split(' ').at(-1));
}
