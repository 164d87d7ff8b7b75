import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { cachePolicyPlugins } from './cachePolicy.js';
import type { Config } from './config.js';
import { buildContext, type Context } from './context.js';
import { createFormatError } from './errors.js';
import { EXAMPLE_MUTATION, EXAMPLE_VARIABLES } from './examples.js';
import { GraphClient } from './graph/client.js';
import { createHttpHandler } from './http.js';
import { Lifecycle } from './lifecycle.js';
import type { Logger } from './logger.js';
import { buildSchema } from './schema.js';

export interface Gateway {
  readonly apollo: ApolloServer<Context>;
  readonly graph: GraphClient;
}

/** Builds everything, listens on nothing. */
export function buildGateway(config: Config, logger: Logger): Gateway {
  const graph = new GraphClient({ baseUrl: config.graphBaseUrl, timeoutMs: config.graphTimeoutMs });
  const apollo = new ApolloServer<Context>({
    schema: buildSchema(),
    logger,
    formatError: createFormatError(logger),
    includeStacktraceInErrorResponses: config.nodeEnv === 'development',
    introspection: config.introspection,
    // main.ts owns shutdown: Apollo must not re-raise the signal before the pool and sockets drain.
    stopOnTerminationSignals: false,
    plugins: [
      ...cachePolicyPlugins<Context>(),
      config.introspection
        ? ApolloServerPluginLandingPageLocalDefault({
            embed: true,
            footer: false,
            document: EXAMPLE_MUTATION,
            variables: EXAMPLE_VARIABLES,
            headers: { Authorization: 'Bearer <your Microsoft Graph access token>' },
          })
        : ApolloServerPluginLandingPageDisabled(),
    ],
  });
  return { apollo, graph };
}

export interface RunningGateway {
  /** `http://host:port/graphql` */
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  readonly lifecycle: Lifecycle;
  stop(): Promise<void>;
}

/** Builds, starts Apollo, and listens on config.port (0 picks a free port). */
export async function startGateway(config: Config, logger: Logger): Promise<RunningGateway> {
  const lifecycle = new Lifecycle();
  const { apollo, graph } = buildGateway(config, logger);
  await apollo.start();
  const handle = createHttpHandler(apollo, {
    corsOrigins: config.corsOrigins,
    bodyLimitBytes: config.bodyLimitBytes,
    context: (req, signal) => buildContext({ graph, logger }, req.headers, signal),
  });
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      logger.error({ err }, 'request failed outside GraphQL');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host || undefined, () => resolve());
  });
  lifecycle.markReady();
  const { port } = server.address() as AddressInfo;
  const host = config.host && config.host !== '0.0.0.0' && config.host !== '::' ? config.host : 'localhost';
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/graphql`,
    port,
    server,
    lifecycle,
    async stop() {
      lifecycle.beginDrain();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await apollo.stop();
      await graph.close();
      lifecycle.markStopped();
    },
  };
}
