// `npm run dev`: the Graph emulator and the gateway together, logs made readable, Sandbox at /graphql.
import { loadConfig } from '../config.js';
import { EmulatorConfigError, loadEmulatorConfig } from '../emulator/config.js';
import { startEmulator, type Emulator } from '../emulator/server.js';
import { EXAMPLE_PROFILE_ID, SANDBOX_EXAMPLE } from './examples.js';
import { createLogger } from '../observability/logger.js';
import { startGateway, type RunningGateway } from '../server/server.js';
import { exitOnStartupFailure, listenFailure, StartupError } from '../server/startup.js';
import { pino } from 'pino';

let emulator: Emulator | undefined;
let gateway: RunningGateway;
try {
  // The gateway's settings are checked before anything starts: a bad PORT fails at once, alone.
  loadConfig();
  const { port } = loadEmulatorConfig();
  emulator = await startEmulator({ port, host: '127.0.0.1' }).catch((err: unknown) => {
    throw listenFailure(err, { host: '127.0.0.1', port, hostVariable: 'the emulator host', portVariable: 'EMULATOR_PORT' });
  });
  // Development talks to the emulator unless GRAPH_BASE_URL says otherwise.
  const config = loadConfig(undefined, { GRAPH_BASE_URL: emulator.baseUrl });
  const logger = createLogger(config.logLevel, pino.transport({ target: 'pino-pretty', options: { colorize: true } }));
  gateway = await startGateway(config, logger, { sandboxExample: SANDBOX_EXAMPLE });
  logger.info(`Graph emulator at ${emulator.baseUrl} (profile ${EXAMPLE_PROFILE_ID}; faults: POST ${emulator.baseUrl.replace(/\/beta$/, '')}/_emulator/faults)`);
  logger.info(`Gateway and Apollo Sandbox at ${gateway.url} -> Graph at ${config.graphBaseUrl}`);
} catch (err) {
  await emulator?.close();
  // The emulator's own configuration error is as clear as the gateway's (it cannot know startup.ts).
  exitOnStartupFailure(err instanceof EmulatorConfigError ? new StartupError(err.message) : err);
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    void Promise.all([gateway.stop(), emulator?.close()]).then(() => process.exit(0));
  });
}
