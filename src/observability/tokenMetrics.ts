import { Counter, Histogram, type Registry } from 'prom-client';

const EXCHANGE_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]; // seconds
const OTHER = '(other)';

/** The on-behalf-of exchange's metrics; labels come from small closed sets (OAuth errors, AADSTS codes). */
export class TokenMetrics {
  private readonly exchanges: Counter<'outcome'>;
  private readonly duration: Histogram<'outcome'>;
  private readonly reuses: Counter<'source'>;
  private readonly failures: Counter<'error' | 'aadsts'>;
  private readonly seen = new Set<string>();

  constructor(registers: Registry[]) {
    this.exchanges = new Counter({
      name: 'gateway_obo_exchanges_total',
      help: 'On-behalf-of exchanges with the identity platform (retries of one exchange count once), by outcome.',
      labelNames: ['outcome'],
      registers,
    });
    this.duration = new Histogram({
      name: 'gateway_obo_exchange_duration_seconds',
      help: 'Time one on-behalf-of exchange took, its retries included.',
      labelNames: ['outcome'],
      buckets: EXCHANGE_BUCKETS,
      registers,
    });
    this.reuses = new Counter({
      name: 'gateway_obo_cache_hits_total',
      help: 'Requests that got their Graph token without an exchange of their own: from the cache, or sharing an exchange in flight.',
      labelNames: ['source'],
      registers,
    });
    this.failures = new Counter({
      name: 'gateway_obo_exchange_failures_total',
      help: "Failed on-behalf-of exchanges, by the identity platform's OAuth error (or MSAL's, e.g. network_error) and AADSTS code.",
      labelNames: ['error', 'aadsts'],
      registers,
    });
  }

  reused(how: 'cache' | 'in-flight'): void {
    this.reuses.inc({ source: how });
  }

  exchange(outcome: 'success' | 'failure', seconds: number, error: string | null, aadsts: string | null): void {
    this.exchanges.inc({ outcome });
    this.duration.observe({ outcome }, seconds);
    if (outcome === 'failure') this.failures.inc({ error: this.bounded(error ?? 'unknown', /^[a-z][a-z0-9_]{0,63}$/), aadsts: this.bounded(aadsts ?? 'none', /^(AADSTS\d{1,9}|none)$/) });
  }

  // Label values come from the identity platform's answers: only well-formed ones, and at most 50.
  private bounded(value: string, shape: RegExp): string {
    if (this.seen.has(value)) return value;
    if (this.seen.size >= 50 || !shape.test(value)) return OTHER;
    this.seen.add(value);
    return value;
  }
}
