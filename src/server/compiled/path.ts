import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HTTPGraphQLResponse } from '@apollo/server';
import { execute, type ExecutionResult, type FormattedExecutionResult, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { Counter } from 'prom-client';
import type { Context } from '../../context.js';
import { linesHandedOver } from '../../observability/logger.js';
import type { GatewayMetrics } from '../../observability/metrics.js';
import { warningHeaders } from '../../graph/warnings.js';
import { answerOperation } from '../../plugins/operationLog.js';
import { entityLimitRefusal } from '../../plugins/limits.js';
import { formatExecutionErrors } from './errors.js';
import { compileJit, type JitQuery } from './jit.js';
import { jitEligible } from './jitEligible.js';
import { PlanCache, type OperationPlan, type Plan } from './plans.js';
import { AcceptMemo, compiledRequestOf } from './request.js';

export interface CompiledPathOptions {
  readonly schema: GraphQLSchema;
  readonly formatError: Parameters<typeof formatExecutionErrors>[1];
  readonly metrics: GatewayMetrics;
  readonly maxEntities: number;
  /** COMPILED_PATH_JIT: graphql-jit where it answers as graphql-js does; false keeps graphql-js `execute` everywhere. */
  readonly jit: boolean;
}

type BuildContext = () => Context;

/**
 * Answers POST JSON requests for documents Apollo has already validated, without Apollo's per-request
 * pipeline, byte for byte as Apollo would (test/server/compiled.test.ts compares both). It only takes
 * requests Apollo would execute: anything that fails before execution (variables, the entity limit, an
 * unresolvable operation) is left to Apollo, so every refusal keeps Apollo's wording.
 */
export class CompiledPath {
  readonly plans = new PlanCache();
  private readonly accepts = new AcceptMemo();
  private readonly served: Counter;
  private readonly servedByJit: Counter;

  constructor(private readonly options: CompiledPathOptions) {
    this.served = new Counter({
      name: 'gateway_graphql_compiled_total',
      help: 'GraphQL requests answered by the compiled path (documents seen before), without Apollo\'s pipeline.',
      registers: [options.metrics.registry],
    });
    this.servedByJit = new Counter({
      name: 'gateway_graphql_compiled_jit_total',
      help: 'Of the requests the compiled path answered, those graphql-jit executed (COMPILED_PATH_JIT; the others ran graphql-js execute).',
      registers: [options.metrics.registry],
    });
  }

  /** After Apollo answered: the content type it chose for this request's Accept. */
  learn(req: IncomingMessage, answer: HTTPGraphQLResponse): void {
    const contentType = answer.headers.get('content-type');
    if (req.method === 'POST' && (answer.status ?? 200) === 200 && answer.body.kind === 'complete' && contentType !== undefined) this.accepts.learn(req, contentType);
  }

  /** True when it answered; false leaves the request, untouched, to Apollo. */
  async serve(req: IncomingMessage, res: ServerResponse, body: unknown, buildContext: BuildContext): Promise<boolean> {
    const request = compiledRequestOf(req, body, this.accepts);
    if (request === null) return false;
    const planned = this.plans.get(request.query);
    const plan = planned?.operation(request.operationName);
    if (!planned || !plan) return false;
    const { schema, metrics } = this.options;
    const { document } = planned;
    if (plan.entities && entityLimitRefusal(this.options.maxEntities, plan.operation, document, request.variables)) return false;

    // Variables are coerced once, by whichever executes: jit's compiled coercion, behind jitMisses for
    // the one thing it takes and graphql-js refuses, refuses what graphql-js refuses and yields the same
    // values (test/server/compiledJit*.test.ts); either way a refusal comes back without data, before
    // any resolver ran, and goes to Apollo, which words it.
    const jit = this.executorOf(planned, plan);

    let context: Context;
    try {
      context = buildContext();
    } catch {
      return false; // Apollo answers a failed context its own way
    }
    const started = performance.now();
    const result: ExecutionResult = jit
      ? await jit(context, request.variables)
      : await execute({ schema, document, contextValue: context, variableValues: request.variables, operationName: request.operationName });
    // No data at all: execution never started (the variables did not coerce), so no resolver ran and
    // nothing reached Graph. Apollo answers it, with its own wording and status, from the same body.
    if (result.data === undefined) return false;
    this.served.inc();
    if (jit) this.servedByJit.inc();
    const formatted = result.errors ? formatExecutionErrors(result.errors, this.options.formatError) : null;
    const single: FormattedExecutionResult = { ...(result as FormattedExecutionResult), errors: formatted?.errors as GraphQLFormattedError[] | undefined };
    answerOperation(metrics, context, { validatedName: plan.name, type: plan.type, started, unvalidatedName: () => null }, single);

    // Apollo's header order: from errors, then the operation log's and the cache policy's, then content type.
    for (const [name, value] of formatted?.headers ?? []) res.setHeader(name, value);
    // client-request-id is already set by the HTTP layer (answerHeaders would set it again): Graph's warnings.
    for (const [name, value] of warningHeaders(context.graphWarnings)) res.setHeader(name, value);
    res.setHeader('cache-control', 'no-store');
    res.setHeader('content-type', request.contentType);
    res.statusCode = formatted?.status ?? 200;
    const text = `${JSON.stringify({ errors: single.errors, data: single.data, extensions: single.extensions })}\n`;
    // The request's log lines leave before its answer, in one write with the others of this turn
    // (src/observability/stdoutLines.ts).
    await linesHandedOver(context.logger);
    res.end(text);
    return true;
  }

  /** graphql-jit's compiled operation for this plan, compiled on first use; null keeps graphql-js. */
  private executorOf(planned: Plan, plan: OperationPlan): JitQuery | null {
    if (!this.options.jit) return null;
    if (plan.executor === undefined) {
      const { schema } = this.options;
      plan.executor = jitEligible(schema, planned.document, plan.operation) ? compileJit(schema, planned.document, plan.operation) : null;
    }
    return plan.executor;
  }
}
