// Process entry: the only module with side effects at import time.
import { loadConfig, type Config } from './config.js';
import { createLogger, logsWritten, type Logger } from './observability/logger.js';
import { startGateway, type RunningGateway } from './server/server.js';
import { exitOnStartupFailure } from './server/startup.js';

let config: Config;
let logger: Logger;
let gateway: RunningGateway;
try {
  config = loadConfig();
  logger = createLogger(config.logLevel);
  gateway = await startGateway(config, logger);
} catch (err) {
  exitOnStartupFailure(err);
}
logger.info({ url: gateway.url, graphBaseUrl: config.graphBaseUrl, nodeEnv: config.nodeEnv }, 'gateway listening');

// Lines still queued for stdout get this long to leave before the process exits (a stalled reader loses them).
const LOG_FLUSH_MS = 2_000;
const exit = (code: number): void => void logsWritten(LOG_FLUSH_MS).then(() => process.exit(code));

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'stopping');
    gateway.stop().then(
      () => exit(0),
      (err: unknown) => {
        logger.error({ err }, 'stop failed');
        exit(1);
      },
    );
  });
}
