// `npm run dev:obo`: the Graph emulator with its identity platform, and the gateway exchanging
// callers' tokens on their behalf. The gateway runs as a child process because Node reads
// NODE_EXTRA_CA_CERTS (the emulator's CA, made just now) only when a process starts.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import PinoPretty from 'pino-pretty';
import { loadEmulatorConfig } from '../emulator/config.js';
import { childEnv } from './config.js';
import { startEmulatorWithIdentity } from '../emulator/identity/withGraph.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const emulatorPort = loadEmulatorConfig().port;
// Fixed ports next to the emulator's, so the commands printed below keep working across restarts.
const stack = await startEmulatorWithIdentity({
  graph: { port: emulatorPort, host: '127.0.0.1' },
  identity: { port: emulatorPort === 0 ? 0 : emulatorPort + 1 },
});
const { identity, tls } = stack;

const gateway = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
  cwd: ROOT,
  // The environment wins, except what points the gateway at this emulator.
  env: childEnv(stack.gatewayEnv()),
  stdio: ['ignore', 'pipe', 'inherit'],
});
// pino-pretty writes to stdout itself.
gateway.stdout.pipe(PinoPretty({ colorize: true }));
const gatewayExited = once(gateway, 'exit');

process.stdout.write(
  [
    '',
    `Graph emulator at ${stack.emulator.baseUrl}: it takes only Graph tokens its identity platform issued.`,
    `Identity platform (tenant ${identity.tenantId}, app ${identity.clientId}) at ${identity.authorityHost}`,
    'A token for the supergraph, as a frontend would sign in for (valid one hour):',
    `  TOKEN=$(curl -s --cacert ${tls.caPath} -X POST ${identity.authorityHost}/_emulator/token | node -pe 'JSON.parse(require("fs").readFileSync(0)).access_token')`,
    'then send it to the gateway (port PORT, default 4000) as `Authorization: Bearer $TOKEN`; it exchanges it for a Graph token.',
    '',
  ].join('\n'),
);

let stopping = false;
const stop = (code: number) => {
  if (stopping) return;
  stopping = true;
  gateway.kill('SIGTERM');
  // The gateway drains its requests first: the emulator stays up until it has.
  void gatewayExited.then(() => stack.close()).then(() => process.exit(code));
};
void gatewayExited.then(([code]) => stop(typeof code === 'number' ? code : 1));
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => stop(0));
