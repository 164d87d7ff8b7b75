import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { cachePolicyPlugins } from '../plugins/cachePolicy.js';
import { buildTokenSource } from '../auth/build.js';
import type { Config } from '../config.js';
import { buildContext, type Context } from '../context.js';
import { createFormatError } from '../errors.js';
import { fromGraphProfile } from '../mapping/fromGraph.js';
import { InFlightLimit } from './inFlight.js';
import { apolloLogger, unexpectedErrorLogPlugin } from '../plugins/unexpectedErrorLog.js';
import { listenFailure } from './startup.js';
import { GraphClient } from '../graph/client.js';
import { CompiledPath } from './compiled/path.js';
import { createHttpHandler } from './http.js';
import { addArgumentPathToScalarErrors } from '../plugins/scalarErrorArgumentPath.js';
import { Lifecycle } from './lifecycle.js';
import { operationLimits } from '../plugins/limits.js';
import type { Logger } from '../observability/logger.js';
import { createGraphObserver } from '../observability/graphObserver.js';
import { GatewayMetrics } from '../observability/metrics.js';
import { operationLogPlugin } from '../plugins/operationLog.js';
import { buildSchema } from '../schema.js';

export interface Gateway {
  readonly apollo: ApolloServer<Context>;
  readonly graph: GraphClient;
  readonly metrics: GatewayMetrics;
  /** null with COMPILED_PATH=false. */
  readonly compiled: CompiledPath | null;
}

/** The operation Apollo Sandbox opens on. Only `npm run dev` hands one in: production ships no example. */
export interface SandboxExample {
  readonly document: string;
  readonly variables: Record<string, unknown>;
}

export interface GatewayOptions {
  readonly sandboxExample?: SandboxExample;
}

/** Builds everything, listens on nothing. */
export function buildGateway(config: Config, logger: Logger, options: GatewayOptions = {}): Gateway {
  const metrics = new GatewayMetrics();
  const graph = new GraphClient({
    baseUrl: config.graphBaseUrl,
    timeoutMs: config.graphTimeoutMs,
    answerMaxBytes: config.graphAnswerMaxBytes,
    requestReadBudgetBytes: config.graphRequestBudgetBytes,
    cursorKeys: config.cursorSigningKeys,
    retry: { maxRetries: config.graphMaxRetries, deadlineMs: config.requestDeadlineMs },
    observer: createGraphObserver(logger, metrics),
  });
  const limits = operationLimits(config.limits);
  const schema = buildSchema();
  const formatError = createFormatError(logger, (entity) => fromGraphProfile(entity, typeof entity.id === 'string' ? entity.id : ''));
  const includeStacktrace = config.nodeEnv === 'development';
  // Off where Apollo adds stack traces: they would name the compiled path's frames, not Apollo's.
  const compiled = config.compiledPath && !includeStacktrace ? new CompiledPath({ schema, formatError, metrics, maxEntities: limits.maxEntities, jit: config.compiledPathJit }) : null;
  const apollo = new ApolloServer<Context>({
    schema,
    logger: apolloLogger(logger),
    formatError,
    includeStacktraceInErrorResponses: includeStacktrace,
    introspection: config.introspection,
    parseOptions: limits.parseOptions,
    validationRules: limits.validationRules,
    // main.ts owns shutdown: Apollo must not re-raise the signal before the pool and sockets drain.
    stopOnTerminationSignals: false,
    plugins: [
      operationLogPlugin(metrics),
      unexpectedErrorLogPlugin(),
      ...limits.plugins,
      addArgumentPathToScalarErrors(),
      ...cachePolicyPlugins<Context>(),
      config.introspection
        ? ApolloServerPluginLandingPageLocalDefault({
            // The embedded Sandbox reports usage telemetry to Apollo unless told not to (docs/real-graph.md).
            embed: { runTelemetry: false },
            footer: false,
            document: options.sandboxExample?.document,
            variables: options.sandboxExample?.variables,
            headers: { Authorization: 'Bearer <your Microsoft Graph access token>' },
          })
        : ApolloServerPluginLandingPageDisabled(),
      ...(compiled ? [compiled.plans.recorder()] : []),
    ],
  });
  return { apollo, graph, metrics, compiled };
}

// Beyond the request deadline, time for the last answers to be written (ms).
const DRAIN_GRACE_MS = 1_000;
// How often Node looks for connections past headersTimeout/requestTimeout (ms; Node's default is 30 s).
const CONNECTION_CHECK_MS = 1_000;

export interface RunningGateway {
  /** `http://host:port/graphql` */
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  readonly lifecycle: Lifecycle;
  /** The one Graph client (and pool) of this gateway. */
  readonly graph: GraphClient;
  stop(): Promise<void>;
}

/** Builds, starts Apollo, and listens on config.port (0 picks a free port). */
export async function startGateway(config: Config, logger: Logger, options: GatewayOptions = {}): Promise<RunningGateway> {
  const lifecycle = new Lifecycle();
  const { apollo, graph, metrics, compiled } = buildGateway(config, logger, options);
  const tokens = buildTokenSource(config, logger, metrics);
  await apollo.start();
  const handle = createHttpHandler(apollo, {
    corsOrigins: config.corsOrigins,
    bodyLimitBytes: config.bodyLimitBytes,
    context: (req, signal, requestId, deadlineAt) => buildContext({ graph, logger, tokens }, req, signal, requestId, deadlineAt),
    requestDeadlineMs: config.requestDeadlineMs,
    lifecycle,
    metrics,
    inFlight: new InFlightLimit(config.maxInFlight, config.inFlightQueueMs),
    logger,
    compiled,
  });
  // Responses still in the making: when draining begins they are told to close their connection.
  const inFlight = new Set<ServerResponse>();
  // A slow client holds a connection no longer than it takes to send a body at the limit (see
  // config.ts); Node checks these timeouts every CONNECTION_CHECK_MS, not to the millisecond.
  const server = createServer(
    { headersTimeout: config.headersTimeoutMs, requestTimeout: config.requestTimeoutMs, connectionsCheckingInterval: CONNECTION_CHECK_MS },
    (req, res) => {
      inFlight.add(res);
      res.once('close', () => inFlight.delete(res));
      if (lifecycle.phase !== 'ready') res.setHeader('connection', 'close');
      // handle() answers every failure itself.
      void handle(req, res);
    },
  );
  server.maxConnections = config.maxConnections;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err) => reject(listenFailure(err, { host: config.host, port: config.port, hostVariable: 'HOST', portVariable: 'PORT' })));
    server.listen(config.port, config.host || undefined, () => resolve());
  }).catch(async (err: unknown) => {
    await apollo.stop();
    await graph.close();
    throw err;
  });
  lifecycle.markReady();
  const { port } = server.address() as AddressInfo;
  const host = config.host && config.host !== '0.0.0.0' && config.host !== '::' ? config.host : 'localhost';
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/graphql`,
    port,
    server,
    lifecycle,
    graph,
    async stop() {
      if (lifecycle.phase === 'stopped') return;
      lifecycle.beginDrain();
      // Keep serving, /ready answering 503, until load balancers have seen it and stopped sending work:
      // closing the listener at once would refuse their probes instead of answering them.
      if (config.shutdownDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, config.shutdownDelayMs));
      // Stop accepting; let operations in flight finish (each is bounded by the request deadline),
      // then cut whatever is left so shutdown itself never hangs.
      for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
      await new Promise<void>((resolve) => {
        const cut = setTimeout(() => server.closeAllConnections(), config.requestDeadlineMs + DRAIN_GRACE_MS);
        server.close(() => {
          clearTimeout(cut);
          resolve();
        });
        server.closeIdleConnections();
      });
      await apollo.stop();
      await graph.close();
      lifecycle.markStopped();
    },
  };
}
