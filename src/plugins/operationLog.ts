import type { ApolloServerPlugin } from '@apollo/server';
import { getOperationAST, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import type { Context } from '../context.js';
import { OPERATION_INVALID, type GatewayMetrics } from '../observability/metrics.js';
import { truncated } from '../observability/truncate.js';
import { warningHeaders } from '../graph/warnings.js';

/**
 * Per GraphQL operation: one log line, its metrics, the request id on every error and as a response
 * header, and Graph's warnings under `extensions.warnings` and as Deprecation/Sunset/Warning response
 * headers (routers forward headers, not extensions). A plugin because formatError sees no context,
 * and willSendResponse runs for every answer from parse failures to results.
 */
export function operationLogPlugin(metrics: GatewayMetrics): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      // Only a name that passed validation may become a metric label: clients choose names freely.
      let validatedName: string | null = null;
      let type: string | null = null;
      return {
        async didResolveOperation(rc) {
          validatedName = rc.operationName ?? null;
          type = rc.operation?.operation ?? null;
        },
        async willSendResponse({ request, response, document }) {
          const seconds = (performance.now() - started) / 1000;
          const { requestId, graphWarnings, logger } = contextValue;
          response.http.headers.set('client-request-id', requestId);
          for (const [name, value] of warningHeaders(graphWarnings)) response.http.headers.set(name, value);

          let errors: readonly GraphQLFormattedError[] = [];
          if (response.body.kind === 'single') {
            const result = response.body.singleResult;
            if (result.errors) {
              result.errors = result.errors.map((e) => ({ ...e, extensions: { ...e.extensions, requestId } }));
              errors = result.errors;
            }
            if (graphWarnings.length > 0) result.extensions = { ...result.extensions, warnings: graphWarnings.map((w) => ({ ...w })) };
          }

          const allCodes = errors.map((e) => (typeof e.extensions?.code === 'string' ? e.extensions.code : 'UNKNOWN'));
          const errorCodes = [...new Set(allCodes)];
          const outcome = errors.length === 0 ? 'success' : 'error';
          const operation = type === null ? OPERATION_INVALID : metrics.operationLabel(validatedName);
          metrics.operationAnswered(operation, type ?? 'unknown', outcome, allCodes, seconds);
          logger.info(
            {
              // A name passes validation at any length: the log line carries at most OUTSIDE_TEXT_MAX of it.
              operationName: validatedName === null ? unvalidatedName(document, request.operationName) : truncated(validatedName),
              operationType: type,
              outcome,
              errorCodes,
              durationMs: Math.round(seconds * 10_000) / 10,
              warnings: graphWarnings.length > 0 ? graphWarnings.length : undefined,
            },
            'graphql operation',
          );
        },
      };
    },
  };
}

/** For the log only: the name a request that failed validation asked for, when it parsed. */
function unvalidatedName(document: DocumentNode | undefined, requested: string | undefined): string | null {
  const name = (document ? getOperationAST(document, requested)?.name?.value : undefined) ?? requested;
  return name === undefined ? null : truncated(name);
}
