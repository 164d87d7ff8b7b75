// Process entry: the only module with side effects at import time.
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './observability/logger.js';
import { startGateway } from './server/server.js';

let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  throw err;
}

const logger = createLogger(config.logLevel);
const gateway = await startGateway(config, logger);
logger.info({ url: gateway.url, graphBaseUrl: config.graphBaseUrl, nodeEnv: config.nodeEnv }, 'gateway listening');

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'stopping');
    gateway.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'stop failed');
        process.exit(1);
      },
    );
  });
}
