// The only reader of process.env. Everything is parsed once, every problem is reported at once, and
// the result is frozen and passed down.
import { graphAuthOf, type GraphAuthConfig } from './auth/config.js';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export interface Config {
  /** TCP port the gateway listens on; 0 picks a free one. */
  readonly port: number;
  /** Interface to bind; empty means every interface. */
  readonly host: string;
  /** Graph's root including its version path, without a trailing slash, e.g. `https://graph.microsoft.com/beta`. */
  readonly graphBaseUrl: string;
  /** Per attempt: connect, response headers and body each must arrive within this (milliseconds). */
  readonly graphTimeoutMs: number;
  /** Retries of one Graph call after 429/503/504 or a connection failure (0 to 10). */
  readonly graphMaxRetries: number;
  /** Budget for everything one GraphQL field does against Graph: attempts, waits, read-backs (milliseconds). */
  readonly requestDeadlineMs: number;
  readonly logLevel: LogLevel;
  /** `NODE_ENV` as given; anything but `production` behaves as development. */
  readonly nodeEnv: string;
  readonly production: boolean;
  /** Introspection and the Sandbox landing page: on in development, off in production unless INTROSPECTION=true. */
  readonly introspection: boolean;
  /** Browser origins allowed by CORS. */
  readonly corsOrigins: readonly string[];
  /** Largest request body accepted; larger ones get 413 before any parsing (bytes). */
  readonly bodyLimitBytes: number;
  /** How the caller's token becomes the Graph credential: forwarded, or exchanged on behalf of the caller (GRAPH_AUTH, AZURE_*). */
  readonly graphAuth: GraphAuthConfig;
  /** On SIGTERM, how long to keep serving with /ready at 503 before closing the listener (ms). */
  readonly shutdownDelayMs: number;
  /** Abuse limits per operation, checked before anything is sent to Graph. */
  readonly limits: {
    readonly maxDepth: number;
    readonly maxAliases: number;
    readonly maxTokens: number;
    readonly maxGraphRootFields: number;
    readonly maxEntities: number;
  };
}

// Apollo Studio's hosted Sandbox and local pages may call the gateway in development.
const DEV_CORS_ORIGINS = ['https://studio.apollographql.com', 'http://localhost:*', 'http://127.0.0.1:*'];

export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** `defaults` fill variables the environment leaves unset (`npm run dev` points Graph at the emulator). */
export function loadConfig(source: Env = process.env, defaults: Env = {}): Config {
  const env: Env = { ...defaults, ...source };
  const problems: string[] = [];
  const nodeEnv = env.NODE_ENV?.trim() || 'development';

  const port = integer(env, 'PORT', 4000, 0, 65535, problems);
  const graphTimeoutMs = integer(env, 'GRAPH_TIMEOUT_MS', 10_000, 1, 600_000, problems);
  const graphMaxRetries = integer(env, 'GRAPH_MAX_RETRIES', 3, 0, 10, problems);
  const requestDeadlineMs = integer(env, 'REQUEST_DEADLINE_MS', 30_000, 100, 600_000, problems);
  const graphBaseUrl = baseUrl(env, 'GRAPH_BASE_URL', 'https://graph.microsoft.com/beta', problems);
  const graphAuth = graphAuthOf(env, graphBaseUrl, problems);

  const shutdownDelayMs = integer(env, 'SHUTDOWN_DELAY_MS', 0, 0, 120_000, problems);
  const bodyLimitBytes = integer(env, 'BODY_LIMIT_BYTES', 1_048_576, 1024, 104_857_600, problems);
  const introspection = boolean(env, 'INTROSPECTION', nodeEnv !== 'production', problems);
  const corsOrigins = origins(env, 'CORS_ORIGINS', nodeEnv === 'production' ? [] : DEV_CORS_ORIGINS, problems);

  const limits = Object.freeze({
    maxDepth: integer(env, 'MAX_DEPTH', 10, 1, 1000, problems),
    maxAliases: integer(env, 'MAX_ALIASES', 15, 0, 10_000, problems),
    maxTokens: integer(env, 'MAX_TOKENS', 2_000, 100, 1_000_000, problems),
    maxGraphRootFields: integer(env, 'MAX_GRAPH_ROOT_FIELDS', 10, 1, 1000, problems),
    maxEntities: integer(env, 'MAX_ENTITIES', 200, 1, 10_000, problems),
  });

  const rawLevel = env.LOG_LEVEL?.trim().toLowerCase() || 'info';
  const logLevel = LOG_LEVELS.find((l) => l === rawLevel);
  if (!logLevel) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${env.LOG_LEVEL}")`);

  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    port,
    host: env.HOST?.trim() ?? '',
    graphBaseUrl,
    graphTimeoutMs,
    graphMaxRetries,
    requestDeadlineMs,
    logLevel: logLevel ?? 'info',
    nodeEnv,
    production: nodeEnv === 'production',
    introspection,
    corsOrigins: Object.freeze(corsOrigins),
    bodyLimitBytes,
    graphAuth,
    shutdownDelayMs,
    limits,
  });
}

function integer(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
    return fallback;
  }
  return Number(raw);
}

function boolean(env: Env, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  problems.push(`${name} must be true or false (got "${env[name]}")`);
  return fallback;
}

/** Comma-separated origins; a port of `*` allows any port (for localhost in development). */
function origins(env: Env, name: string, fallback: string[], problems: string[]): string[] {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const list = raw.split(',').map((o) => o.trim()).filter(Boolean);
  for (const origin of list) {
    if (origin === '*') continue;
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) problems.push(`${name}: "${origin}" is not an origin such as https://app.example.com`);
  }
  return list;
}

function baseUrl(env: Env, name: string, fallback: string, problems: string[]): string {
  const raw = env[name]?.trim() || fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    problems.push(`${name} must be an absolute http(s) URL with Graph's version path, e.g. ${fallback} (got "${raw}")`);
    return fallback;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    problems.push(`${name} must use http or https (got "${url.protocol}")`);
  }
  if (url.username || url.password) problems.push(`${name} must not carry credentials`);
  if (url.search || url.hash) problems.push(`${name} must not have a query or fragment`);
  // The version segment (v1.0, beta) is part of every Graph URL; without it every call would 404.
  if (url.pathname === '/' || url.pathname === '') {
    problems.push(`${name} must include Graph's version path, e.g. ${url.origin}/beta (got "${raw}")`);
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}
