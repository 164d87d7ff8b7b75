import { ConfigError, loadConfig } from '../../src/config.js';

/** The problems `loadConfig` reports for this environment; none when it loads. */
export function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}
