// Runs the Graph emulator alone: `npm run emulator` (EMULATOR_PORT, default 4001).
import { EmulatorConfigError, loadEmulatorConfig } from './config.js';
import { CONTROLS } from './control.js';
import { SEED_PROFILE } from './seedProfile.js';
import { startEmulator } from './server.js';

let port: number;
try {
  ({ port } = loadEmulatorConfig());
} catch (err) {
  if (!(err instanceof EmulatorConfigError)) throw err;
  process.stderr.write(`${err.message}\n`);
  process.exit(2);
}
const emulator = await startEmulator({ port, host: '127.0.0.1' });
const root = emulator.controlUrl.replace(/\/_emulator$/, '');
process.stdout.write(
  [
    `Graph emulator at ${emulator.baseUrl}`,
    `  seeded profile id ${SEED_PROFILE.id}: GET ${emulator.baseUrl}/security/ipSecurityProfiles/${SEED_PROFILE.id}`,
    '  any "Authorization: Bearer <anything>" is accepted',
    '  controls:',
    ...Object.entries(CONTROLS).map(([route, { summary }]) => `    ${route.replace(' ', ` ${root}`).padEnd(root.length + 28)} ${summary}`),
    '',
  ].join('\n'),
);
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void emulator.close().then(() => process.exit(0)));
