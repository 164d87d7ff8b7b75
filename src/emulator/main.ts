// Runs the Graph emulator alone: `npm run emulator` (EMULATOR_PORT, default 4001).
import { EmulatorConfigError, loadEmulatorConfig } from './config.js';
import { startEmulator } from './server.js';

let port: number;
try {
  ({ port } = loadEmulatorConfig(process.env));
} catch (err) {
  if (!(err instanceof EmulatorConfigError)) throw err;
  process.stderr.write(`${err.message}\n`);
  process.exit(2);
}
const emulator = await startEmulator({ port, host: '127.0.0.1' });
process.stdout.write(`Graph emulator at ${emulator.baseUrl}\n`);
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void emulator.close().then(() => process.exit(0)));
