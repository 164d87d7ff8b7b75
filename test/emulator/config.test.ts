// The emulator reads its own configuration: a bad value stops it with one message naming the variable.
import { describe, expect, it } from 'vitest';
import { EmulatorConfigError, loadEmulatorConfig } from '../../src/emulator/config.js';
import { spawnEntry } from '../helpers/process.js';

describe('the emulator configuration', () => {
  it('listens on 4001 unless EMULATOR_PORT says otherwise', () => {
    expect(loadEmulatorConfig({}).port).toBe(4001);
    expect(loadEmulatorConfig({ EMULATOR_PORT: ' 0 ' }).port).toBe(0);
    expect(loadEmulatorConfig({ EMULATOR_PORT: '65535' }).port).toBe(65535);
  });

  it('refuses a port it cannot use, naming the variable and the value', () => {
    for (const bad of ['65536', '-1', 'http', '40.5']) {
      expect(() => loadEmulatorConfig({ EMULATOR_PORT: bad })).toThrow(EmulatorConfigError);
      expect(() => loadEmulatorConfig({ EMULATOR_PORT: bad })).toThrow(`EMULATOR_PORT must be a whole number from 0 to 65535 (got "${bad}")`);
    }
  });

  it('npm run emulator exits 2 on a bad EMULATOR_PORT, saying why on stderr', async () => {
    const emulator = spawnEntry('emulator/main.ts', { EMULATOR_PORT: 'eighty' });
    expect(await emulator.exit()).toBe(2);
    expect(emulator.stderr.join('')).toBe('Invalid emulator configuration:\n  - EMULATOR_PORT must be a whole number from 0 to 65535 (got "eighty")\n');
  });
});
