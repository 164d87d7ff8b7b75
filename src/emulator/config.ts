// The emulator's own settings, read once from the environment: it shares nothing with the gateway it
// stands in front of, so a change to the gateway's configuration cannot change the Graph it talks to.

export interface EmulatorConfig {
  /** Where `npm run emulator` listens (0 picks a free port). */
  readonly port: number;
}

export class EmulatorConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid emulator configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'EmulatorConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

export function loadEmulatorConfig(env: Env = process.env): EmulatorConfig {
  const problems: string[] = [];
  const raw = env.EMULATOR_PORT?.trim();
  let port = 4001;
  if (raw !== undefined && raw !== '') {
    if (/^\d+$/.test(raw) && Number(raw) <= 65535) port = Number(raw);
    else problems.push(`EMULATOR_PORT must be a whole number from 0 to 65535 (got "${raw}")`);
  }
  if (problems.length > 0) throw new EmulatorConfigError(problems);
  return Object.freeze({ port });
}
