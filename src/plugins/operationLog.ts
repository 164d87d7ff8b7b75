import type { ApolloServerPlugin } from '@apollo/server';
import { getOperationAST, type DocumentNode, type FormattedExecutionResult, type GraphQLFormattedError } from 'graphql';
import type { Context } from '../context.js';
import { OPERATION_INVALID, type GatewayMetrics } from '../observability/metrics.js';
import { field, writeFixedLine } from '../observability/fixedLines.js';
import { truncated } from '../observability/truncate.js';
import { warningHeaders } from '../graph/warnings.js';

/** What the answer step needs to know of one operation: validated name and type, or null when it failed first. */
export interface AnsweredOperation {
  readonly validatedName: string | null;
  readonly type: string | null;
  /** performance.now() when the operation started (after its context was built). */
  readonly started: number;
  /** For the log only, when validation failed: the name the request asked for. */
  readonly unvalidatedName: () => string | null;
}

/**
 * The last step of every GraphQL answer, Apollo's (the plugin below) and the compiled path's alike: the
 * request id on every error, Graph's warnings under `extensions.warnings`, the metrics and the one log
 * line. Mutates `result` as Apollo lets willSendResponse do.
 */
export function answerOperation(metrics: GatewayMetrics, context: Context, op: AnsweredOperation, result: FormattedExecutionResult | null): void {
  const seconds = (performance.now() - op.started) / 1000;
  const { requestId, graphWarnings, logger } = context;
  let errors: readonly GraphQLFormattedError[] = [];
  if (result !== null) {
    if (result.errors) {
      (result as { errors?: GraphQLFormattedError[] }).errors = result.errors.map((e) => ({ ...e, extensions: { ...e.extensions, requestId } }));
      errors = result.errors;
    }
    if (graphWarnings.length > 0) (result as { extensions?: Record<string, unknown> }).extensions = { ...result.extensions, warnings: graphWarnings.map((w) => ({ ...w })) };
  }

  const allCodes = errors.map((e) => (typeof e.extensions?.code === 'string' ? e.extensions.code : 'UNKNOWN'));
  const errorCodes = [...new Set(allCodes)];
  const outcome = errors.length === 0 ? 'success' : 'error';
  const operation = op.type === null ? OPERATION_INVALID : metrics.operationLabel(op.validatedName);
  metrics.operationAnswered(operation, op.type ?? 'unknown', outcome, allCodes, seconds);
  if (logger.isLevelEnabled('info')) {
    writeFixedLine(
      logger,
      'info',
      // A name passes validation at any length: the log line carries at most OUTSIDE_TEXT_MAX of it.
      field('operationName', op.validatedName === null ? op.unvalidatedName() : truncated(op.validatedName)) +
        field('operationType', op.type) +
        field('outcome', outcome) +
        field('errorCodes', errorCodes) +
        field('durationMs', Math.round(seconds * 10_000) / 10) +
        field('warnings', graphWarnings.length > 0 ? graphWarnings.length : undefined),
      'graphql operation',
    );
  }
}

/**
 * The response headers of Apollo's answers: the request id (its presence also tells the HTTP layer a
 * plugin ran), and Graph's warnings as Deprecation/Sunset/Warning (routers forward headers, not
 * extensions). The compiled path sets the same warning headers; its request id is the HTTP layer's.
 */
function answerHeaders(context: Context): [string, string][] {
  return [['client-request-id', context.requestId], ...warningHeaders(context.graphWarnings)];
}

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
          for (const [name, value] of answerHeaders(contextValue)) response.http.headers.set(name, value);
          const result = response.body.kind === 'single' ? response.body.singleResult : null;
          answerOperation(metrics, contextValue, { validatedName, type, started, unvalidatedName: () => unvalidatedName(document, request.operationName) }, result);
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
