// The only reader of process.env. Everything is parsed once, every problem is reported at once, and
// the result is frozen and passed down.
import { baseUrl, boolean, integer, listenHost, origins, type Env } from './envValues.js';
import { graphAuthOf, type GraphAuthConfig } from './auth/config.js';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

// Fail closed: `prod` or `staging` silently running as development would turn introspection, stack
// traces and permissive CORS on in production.
export type NodeEnv = 'production' | 'development' | 'test';
const NODE_ENVS: readonly NodeEnv[] = ['production', 'development', 'test'];

// The slowest upload the gateway waits for: a body at the limit must arrive at this rate (bytes/s).
const MIN_UPLOAD_BYTES_PER_SECOND = 65_536;

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
  /** Longest single answer read from Graph; a longer one is UPSTREAM_UNAVAILABLE (bytes). */
  readonly graphAnswerMaxBytes: number;
  /** What one GraphQL request may read from Graph across all its calls; past it, OPERATION_LIMIT_EXCEEDED (bytes). */
  readonly graphRequestBudgetBytes: number;
  /** Keys list cursors are signed with (HMAC-SHA256), the signing one first; empty: unsigned. */
  readonly cursorSigningKeys: readonly string[];
  /** Budget for everything one GraphQL field does against Graph: attempts, waits, read-backs (milliseconds). */
  readonly requestDeadlineMs: number;
  readonly logLevel: LogLevel;
  /** `NODE_ENV`: one of NODE_ENVS; unset means development, anything else refuses to start. */
  readonly nodeEnv: NodeEnv;
  readonly production: boolean;
  /** Introspection and the Sandbox landing page: on in development, off in production unless INTROSPECTION=true. */
  readonly introspection: boolean;
  /** Browser origins allowed by CORS. */
  readonly corsOrigins: readonly string[];
  /** Largest request body accepted; larger ones get 413 before any parsing (bytes). */
  readonly bodyLimitBytes: number;
  /** Request headers must arrive within this (Node's headersTimeout, ms). */
  readonly headersTimeoutMs: number;
  /** The whole request, headers and body, must arrive within this (Node's requestTimeout, ms); see docs/hardening.md. */
  readonly requestTimeoutMs: number;
  /** Open client connections; more are refused at accept (Node's maxConnections). */
  readonly maxConnections: number;
  /** GraphQL requests executing at once; more wait up to inFlightQueueMs, then get 503. */
  readonly maxInFlight: number;
  /** How long a request past maxInFlight may wait for a slot (ms); 0 refuses at once. */
  readonly inFlightQueueMs: number;
  /** How the caller's token becomes the Graph credential: forwarded, or exchanged on behalf of the caller (GRAPH_AUTH, AZURE_*). */
  readonly graphAuth: GraphAuthConfig;
  /** On SIGTERM, how long to keep serving with /ready at 503 before closing the listener (ms). */
  readonly shutdownDelayMs: number;
  /** COMPILED_PATH: documents seen before are answered without Apollo's per-request pipeline (docs/performance.md). */
  readonly compiledPath: boolean;
  /** COMPILED_PATH_JIT: the compiled path runs graphql-jit where it answers as graphql-js does; false keeps graphql-js `execute` (docs/performance.md). */
  readonly compiledPathJit: boolean;
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


/** `defaults` fill variables the environment leaves unset (`npm run dev` points Graph at the emulator). */
export function loadConfig(source: Env = process.env, defaults: Env = {}): Config {
  const env: Env = { ...defaults, ...source };
  const problems: string[] = [];
  const rawNodeEnv = env.NODE_ENV?.trim() || 'development';
  const nodeEnv = NODE_ENVS.find((e) => e === rawNodeEnv);
  if (!nodeEnv) problems.push(`NODE_ENV must be one of ${NODE_ENVS.join(', ')} (got "${env.NODE_ENV}")`);
  // A refused NODE_ENV is checked as production, so the other problems are the strictest ones.
  const production = (nodeEnv ?? 'production') === 'production';

  const port = integer(env, 'PORT', 4000, 0, 65535, problems);
  const graphTimeoutMs = integer(env, 'GRAPH_TIMEOUT_MS', 10_000, 1, 600_000, problems);
  const graphMaxRetries = integer(env, 'GRAPH_MAX_RETRIES', 3, 0, 10, problems);
  const requestDeadlineMs = integer(env, 'REQUEST_DEADLINE_MS', 30_000, 100, 600_000, problems);
  // Memory per request in flight is a small multiple of these: docs/hardening.md has the arithmetic.
  const graphAnswerMaxBytes = integer(env, 'GRAPH_ANSWER_MAX_BYTES', 8_388_608, 65_536, 268_435_456, problems);
  const graphRequestBudgetBytes = integer(env, 'GRAPH_REQUEST_BUDGET_BYTES', 8_388_608, 65_536, 1_073_741_824, problems);
  const graphBaseUrl = baseUrl(env, 'GRAPH_BASE_URL', 'https://graph.microsoft.com/beta', problems);
  const graphAuth = graphAuthOf(env, graphBaseUrl, problems);
  // Shared by every replica; rotate by putting the new key first and dropping the old one later.
  const cursorSigningKeys = (env.CURSOR_SIGNING_KEYS ?? '').split(',').map((k) => k.trim()).filter(Boolean);
  if (cursorSigningKeys.some((k) => k.length < 32)) problems.push('CURSOR_SIGNING_KEYS must be comma-separated keys of at least 32 characters each, the signing one first');

  const shutdownDelayMs = integer(env, 'SHUTDOWN_DELAY_MS', 0, 0, 120_000, problems);
  const bodyLimitBytes = integer(env, 'BODY_LIMIT_BYTES', 1_048_576, 1024, 104_857_600, problems);
  const introspection = boolean(env, 'INTROSPECTION', !production, problems);
  const corsOrigins = origins(env, 'CORS_ORIGINS', production ? [] : DEV_CORS_ORIGINS, problems);
  const host = listenHost(env, 'HOST', problems);

  const headersTimeoutMs = integer(env, 'HEADERS_TIMEOUT_MS', 10_000, 1_000, 120_000, problems);
  // Headers, then a body at the limit at the slowest rate we wait for; never longer than serving it may take.
  const uploadMs = Math.ceil((bodyLimitBytes / MIN_UPLOAD_BYTES_PER_SECOND) * 1000);
  const requestTimeoutMs = integer(env, 'REQUEST_TIMEOUT_MS', Math.max(headersTimeoutMs, Math.min(requestDeadlineMs, headersTimeoutMs + uploadMs)), 1_000, 600_000, problems);
  if (requestTimeoutMs < headersTimeoutMs) problems.push(`REQUEST_TIMEOUT_MS (${requestTimeoutMs}) must not be shorter than HEADERS_TIMEOUT_MS (${headersTimeoutMs})`);
  const maxConnections = integer(env, 'MAX_CONNECTIONS', 512, 1, 100_000, problems);
  const maxInFlight = integer(env, 'MAX_IN_FLIGHT', 128, 1, 10_000, problems);
  const inFlightQueueMs = integer(env, 'IN_FLIGHT_QUEUE_MS', 1_000, 0, 60_000, problems);
  const compiledPath = boolean(env, 'COMPILED_PATH', true, problems);
  const compiledPathJit = boolean(env, 'COMPILED_PATH_JIT', true, problems);

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
    host,
    graphBaseUrl,
    graphTimeoutMs,
    graphMaxRetries,
    graphAnswerMaxBytes,
    graphRequestBudgetBytes,
    cursorSigningKeys: Object.freeze(cursorSigningKeys),
    requestDeadlineMs,
    logLevel: logLevel ?? 'info',
    nodeEnv: nodeEnv ?? 'production',
    production,
    introspection,
    corsOrigins: Object.freeze(corsOrigins),
    bodyLimitBytes,
    headersTimeoutMs,
    requestTimeoutMs,
    maxConnections,
    maxInFlight,
    inFlightQueueMs,
    graphAuth,
    shutdownDelayMs,
    compiledPath,
    compiledPathJit,
    limits,
  });
}
