// The common upstream: the Graph emulator in its fast mode (no request recording, no logging, no
// faults, no delay), alone in its process so its CPU is accounted apart from the contenders'.
import { EXAMPLE_PROFILE_ID } from '../../src/dev/examples.js';
import { startEmulator } from '../../src/emulator/server.js';

const emulator = await startEmulator({ keepRequests: 0, host: '127.0.0.1', port: 0 });
if (!emulator.store.get(EXAMPLE_PROFILE_ID)) throw new Error('the emulator is not seeded with the example profile');
process.send?.({ type: 'ready', url: emulator.baseUrl });
process.on('SIGTERM', () => void emulator.close().then(() => process.exit(0)));
