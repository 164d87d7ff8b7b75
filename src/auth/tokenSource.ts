// Where the caller's token becomes the token Graph gets: itself (passthrough), or a Graph token
// exchanged on the caller's behalf, cached per incoming token and shared by concurrent requests.
import type { ExchangeCode } from './errors.js';
import { OnBehalfOfExchanger } from './exchange.js';
import { ExchangedTokenCache, expiryOf, tokenKey } from './tokenCache.js';

export interface TokenSource {
  readonly mode: 'passthrough' | 'on-behalf-of';
  /** The token to present to Graph for the caller who presented `incoming`. Throws a TokenExchangeError. */
  graphTokenFor(incoming: string, requestId: string): Promise<string>;
}

/** One exchange with the identity platform, as logs and metrics see it. Never carries a token. */
export interface ExchangeRecord {
  /** The request that started the exchange (concurrent requests of the same caller shared it). */
  readonly requestId: string;
  readonly correlationId: string;
  readonly outcome: 'success' | 'failure';
  readonly attempts: number;
  readonly durationMs: number;
  /** On success: seconds the Graph token is valid for. */
  readonly expiresInSeconds?: number;
  /** On failure: our code, the identity platform's error and AADSTS code. */
  readonly code?: ExchangeCode;
  readonly error?: string;
  readonly aadsts?: string | null;
  readonly reason?: string;
}

export interface TokenSourceObserver {
  /** A request got its Graph token without an exchange of its own. */
  reused(how: 'cache' | 'in-flight'): void;
  exchanged(record: ExchangeRecord): void;
}

export const PASSTHROUGH: TokenSource = {
  mode: 'passthrough',
  graphTokenFor: (incoming) => Promise.resolve(incoming),
};

// Distinct callers whose Graph tokens are kept; each entry is a few kilobytes.
export const DEFAULT_MAX_CACHED_TOKENS = 10_000;

export class OnBehalfOfTokenSource implements TokenSource {
  readonly mode = 'on-behalf-of';
  private readonly cache: ExchangedTokenCache;
  private readonly inFlight = new Map<string, Promise<string>>();

  constructor(
    private readonly exchanger: OnBehalfOfExchanger,
    private readonly observer: TokenSourceObserver,
    maxEntries = DEFAULT_MAX_CACHED_TOKENS,
  ) {
    this.cache = new ExchangedTokenCache(maxEntries);
  }

  graphTokenFor(incoming: string, requestId: string): Promise<string> {
    const key = tokenKey(incoming);
    const cached = this.cache.get(key);
    if (cached !== null) {
      this.observer.reused('cache');
      return Promise.resolve(cached);
    }
    const shared = this.inFlight.get(key);
    if (shared !== undefined) {
      this.observer.reused('in-flight');
      return shared;
    }
    const exchange = this.exchange(key, incoming, requestId).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, exchange);
    return exchange;
  }

  private async exchange(key: string, incoming: string, requestId: string): Promise<string> {
    const started = performance.now();
    const result = await this.exchanger.exchange(incoming, requestId);
    const base = { requestId, correlationId: result.correlationId, attempts: result.attempts, durationMs: performance.now() - started };
    if (!result.ok) {
      const { error } = result;
      const reason = error.extensions.reason;
      this.observer.exchanged({
        ...base,
        outcome: 'failure',
        code: error.code,
        error: error.detail.error,
        aadsts: error.detail.code,
        ...(typeof reason === 'string' ? { reason } : {}),
      });
      throw error;
    }
    this.cache.put(key, result.token, result.expiresAt, expiryOf(incoming));
    this.observer.exchanged({ ...base, outcome: 'success', expiresInSeconds: Math.round((result.expiresAt - Date.now()) / 1000) });
    return result.token;
  }
}
