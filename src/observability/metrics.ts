import { droppedLogLines } from './logger.js';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { GraphExchange } from '../graph/client.js';
import type { GraphWarning } from '../graph/warnings.js';
import { TokenMetrics } from './tokenMetrics.js';

// Label values stand for things that are not GraphQL names, so they never collide with a real one.
export const OPERATION_ANONYMOUS = '(anonymous)';
export const OPERATION_INVALID = '(invalid)';
export const OTHER = '(other)';

/** Distinct operation names kept as labels; later names count as `(other)`. */
const MAX_OPERATION_NAMES = 100;
const MAX_OPERATION_NAME_LENGTH = 100;

const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]; // seconds

export type OperationOutcome = 'success' | 'error';

/**
 * The gateway's Prometheus metrics. One Registry per gateway instance, never prom-client's global
 * one, so several gateways in one process (the tests) keep separate counts. Every label value is
 * from a bounded set: no ids, tokens, paths or free text.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly operationNames = new BoundedLabel(MAX_OPERATION_NAMES, (n) => /^[_A-Za-z][_0-9A-Za-z]*$/.test(n) && n.length <= MAX_OPERATION_NAME_LENGTH);
  private readonly errorCodes = new BoundedLabel(50, (c) => /^[A-Z][A-Z0-9_]{0,63}$/.test(c));
  private readonly failureReasons = new BoundedLabel(30, (r) => /^[A-Z][A-Z0-9_]{0,63}$/.test(r));

  private readonly operations: Counter<'operation' | 'type' | 'outcome'>;
  private readonly operationDuration: Histogram<'operation' | 'type' | 'outcome'>;
  private readonly graphqlErrors: Counter<'code'>;
  private readonly inFlight: Gauge;
  private readonly graphInFlight: Gauge;
  private readonly graphRequests: Counter<'method' | 'status'>;
  private readonly graphDuration: Histogram<'method' | 'status'>;
  private readonly graphFailures: Counter<'method' | 'reason'>;
  private readonly graphRetries: Counter<'method'>;
  private readonly graphThrottled: Counter<'method'>;
  private readonly graphWarnings: Counter<'header'>;
  private readonly tokens: TokenMetrics;

  constructor() {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.operations = new Counter({
      name: 'gateway_graphql_operations_total',
      help: 'GraphQL operations answered, by operation name, type and outcome.',
      labelNames: ['operation', 'type', 'outcome'],
      registers,
    });
    this.operationDuration = new Histogram({
      name: 'gateway_graphql_operation_duration_seconds',
      help: 'Time from receiving a GraphQL operation to sending its answer.',
      labelNames: ['operation', 'type', 'outcome'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.graphqlErrors = new Counter({
      name: 'gateway_graphql_errors_total',
      help: 'Errors in GraphQL answers, by extensions.code.',
      labelNames: ['code'],
      registers,
    });
    this.graphInFlight = new Gauge({
      name: 'gateway_graph_requests_in_flight',
      help: 'HTTP requests to Microsoft Graph under way (each attempt, batches as one).',
      registers,
    });
    this.inFlight = new Gauge({
      name: 'gateway_graphql_requests_in_flight',
      help: 'GraphQL HTTP requests being handled now.',
      registers,
    });
    this.graphRequests = new Counter({
      name: 'gateway_graph_requests_total',
      help: 'HTTP exchanges with Microsoft Graph (each attempt), by method and status ("none" when no answer came).',
      labelNames: ['method', 'status'],
      registers,
    });
    this.graphDuration = new Histogram({
      name: 'gateway_graph_request_duration_seconds',
      help: 'Duration of each exchange with Microsoft Graph, body included.',
      labelNames: ['method', 'status'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.graphFailures = new Counter({
      name: 'gateway_graph_failures_total',
      help: 'Graph exchanges that got no answer, by reason (undici or socket code).',
      labelNames: ['method', 'reason'],
      registers,
    });
    this.graphRetries = new Counter({
      name: 'gateway_graph_retries_total',
      help: 'Graph exchanges that were retries (attempt 2 or later).',
      labelNames: ['method'],
      registers,
    });
    this.graphThrottled = new Counter({
      name: 'gateway_graph_throttled_total',
      help: 'Graph answers with 429 Too Many Requests.',
      labelNames: ['method'],
      registers,
    });
    this.graphWarnings = new Counter({
      name: 'gateway_graph_warnings_total',
      help: 'Graph answers carrying a Deprecation, Sunset or Warning header, by header.',
      labelNames: ['header'],
      registers,
    });
    this.tokens = new TokenMetrics(registers);
    new Gauge({
      name: 'gateway_log_lines_dropped',
      help: 'Log lines dropped since start because stdout could not keep up (its buffer is bounded).',
      registers,
      collect() {
        this.set(droppedLogLines());
      },
    });
  }

  /** The label for an operation name that passed validation; null when it had none. */
  operationLabel(validatedName: string | null): string {
    if (validatedName === null) return OPERATION_ANONYMOUS;
    return this.operationNames.of(validatedName);
  }

  operationAnswered(operation: string, type: string, outcome: OperationOutcome, errorCodes: readonly string[], seconds: number): void {
    const labels = { operation, type, outcome };
    this.operations.inc(labels);
    this.operationDuration.observe(labels, seconds);
    for (const code of errorCodes) this.graphqlErrors.inc({ code: this.errorCodes.of(code) });
  }

  requestStarted(): void {
    this.inFlight.inc();
  }

  requestEnded(): void {
    this.inFlight.dec();
  }

  graphRequestStarted(): void {
    this.graphInFlight.inc();
  }

  graphRequestEnded(): void {
    this.graphInFlight.dec();
  }

  graphExchange(exchange: GraphExchange, warnings: readonly GraphWarning[]): void {
    const method = METHODS.has(exchange.method) ? exchange.method : OTHER;
    const status = exchange.status === null ? 'none' : String(exchange.status);
    this.graphRequests.inc({ method, status });
    this.graphDuration.observe({ method, status }, exchange.durationMs / 1000);
    if (exchange.failure !== null) this.graphFailures.inc({ method, reason: this.failureReasons.of(exchange.failure) });
    if (exchange.attempt > 1) this.graphRetries.inc({ method });
    if (exchange.status === 429) this.graphThrottled.inc({ method });
    for (const header of new Set(warnings.map((w) => w.header))) this.graphWarnings.inc({ header });
  }

  /** On-behalf-of: a request got its Graph token from the cache or from another request's exchange. */
  tokenReused(how: 'cache' | 'in-flight'): void {
    this.tokens.reused(how);
  }

  /** On-behalf-of: one exchange with the identity platform; on failure its OAuth error and AADSTS code. */
  tokenExchange(outcome: 'success' | 'failure', seconds: number, error: string | null, aadsts: string | null): void {
    this.tokens.exchange(outcome, seconds, error, aadsts);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The Prometheus text exposition of every metric. */
  render(): Promise<string> {
    return this.registry.metrics();
  }
}

const METHODS = new Set(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']);

/** A label fed by values from outside: the first `max` acceptable distinct values, the rest `(other)`. */
class BoundedLabel {
  private readonly seen = new Set<string>();
  constructor(
    private readonly max: number,
    private readonly acceptable: (value: string) => boolean,
  ) {}

  of(value: string): string {
    if (this.seen.has(value)) return value;
    if (this.seen.size >= this.max || !this.acceptable(value)) return OTHER;
    this.seen.add(value);
    return value;
  }
}
