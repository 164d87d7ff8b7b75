import type { Socket } from 'node:net';
import { Chaos } from './chaos.js';
import { FaultQueue } from './faults.js';
import type { EmulatorSettings } from './profiles.js';
import { RequestRecorder } from './recorder.js';
import { ProfileStore } from './store.js';

/** Everything one emulator holds: what requests meet, what tests and control endpoints change. */
export interface EmulatorState {
  readonly store: ProfileStore;
  readonly recorder: RequestRecorder;
  readonly faults: FaultQueue;
  readonly chaos: Chaos;
  readonly settings: EmulatorSettings;
  /** Which TCP connection a socket is: 1 for the first, and so on. */
  readonly connections: WeakMap<Socket, number>;
  /** Back to the seed profile; recorded requests, faults, chaos and settings cleared. */
  reset(): void;
}

const DEFAULT_SETTINGS: Readonly<EmulatorSettings> = { ignorePrefer: false, deprecated: false, partialContent: false, utcDateTimes: false };

export function createState(keepRequests: number): EmulatorState {
  const state: EmulatorState = {
    store: new ProfileStore(),
    recorder: new RequestRecorder(keepRequests),
    faults: new FaultQueue(),
    chaos: new Chaos(),
    settings: { ...DEFAULT_SETTINGS },
    connections: new WeakMap(),
    reset() {
      state.store.reset();
      state.recorder.clear();
      state.faults.clear();
      state.chaos.configure(null);
      Object.assign(state.settings, DEFAULT_SETTINGS);
    },
  };
  return state;
}
