// Runs the Graph emulator alone: `npm run emulator` (EMULATOR_PORT, default 4001).
import { loadConfig } from '../config.js';
import { startEmulator } from './server.js';

const { emulatorPort } = loadConfig();
const emulator = await startEmulator({ port: emulatorPort, host: '127.0.0.1' });
process.stdout.write(`Graph emulator at ${emulator.baseUrl}\n`);
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void emulator.close().then(() => process.exit(0)));
