// `npm run dev`: the Graph emulator and the gateway together, logs made readable, Sandbox at /graphql.
import { loadConfig } from '../config.js';
import { loadEmulatorConfig } from '../emulator/config.js';
import { startEmulator } from '../emulator/server.js';
import { EXAMPLE_PROFILE_ID, SANDBOX_EXAMPLE } from './examples.js';
import { createLogger } from '../observability/logger.js';
import { startGateway } from '../server/server.js';
import { pino } from 'pino';

const emulator = await startEmulator({ port: loadEmulatorConfig().port, host: '127.0.0.1' });
// Development talks to the emulator unless GRAPH_BASE_URL says otherwise.
const config = loadConfig(undefined, { GRAPH_BASE_URL: emulator.baseUrl });
const logger = createLogger(config.logLevel, pino.transport({ target: 'pino-pretty', options: { colorize: true } }));
const gateway = await startGateway(config, logger, { sandboxExample: SANDBOX_EXAMPLE });
logger.info(`Graph emulator at ${emulator.baseUrl} (profile ${EXAMPLE_PROFILE_ID}; faults: POST ${emulator.baseUrl.replace(/\/beta$/, '')}/_emulator/faults)`);
logger.info(`Gateway and Apollo Sandbox at ${gateway.url} -> Graph at ${config.graphBaseUrl}`);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    void Promise.all([gateway.stop(), emulator.close()]).then(() => process.exit(0));
  });
}
