// What `npm run dev:obo` reads from the environment: all of it, handed on to the gateway it starts
// (the gateway's own config.ts checks it there), with the settings that point it at the emulator.

type Env = Readonly<Record<string, string | undefined>>;

/** The launcher's environment for the gateway child, `overrides` winning. */
export function childEnv(overrides: Env, source: Env = process.env): Env {
  return { ...source, ...overrides };
}
