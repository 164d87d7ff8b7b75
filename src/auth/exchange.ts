// One on-behalf-of exchange through MSAL, retried while the identity platform is unreachable or
// busy, within a deadline. MSAL speaks OAuth; this module only decides when to ask again.
import { randomUUID } from 'node:crypto';
import { ConfidentialClientApplication, LogLevel, type Configuration } from '@azure/msal-node';
import { isMicrosoftAuthorityHost } from './cloud.js';
import type { GraphAuthConfig } from './config.js';
import { exchangeErrorOf, exchangeTimeout, type TokenExchangeError } from './errors.js';

export type OnBehalfOfConfig = Extract<GraphAuthConfig, { mode: 'on-behalf-of' }>;

export type ExchangeResult = { readonly attempts: number; readonly correlationId: string } & (
  | { readonly ok: true; readonly token: string; /** epoch ms */ readonly expiresAt: number }
  | { readonly ok: false; readonly error: TokenExchangeError }
);

export interface RetryTiming {
  /** The whole exchange, every attempt and wait included (ms). */
  readonly deadlineMs: number;
  /** First wait before another attempt; doubles each time, with jitter (ms). */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

// Without expires_in the token is reused at most this long (ms).
const FALLBACK_LIFETIME_MS = 5 * 60_000;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createConfidentialClient(config: OnBehalfOfConfig): ConfidentialClientApplication {
  const credential = config.credential;
  const msal: Configuration = {
    auth: {
      clientId: config.clientId,
      authority: `${config.authorityHost}/${config.tenantId}`,
      // A host MSAL does not know itself (the emulator, a private cloud) is trusted by naming it here;
      // otherwise MSAL would ask the global cloud's instance discovery about it.
      knownAuthorities: isMicrosoftAuthorityHost(config.authorityHost) ? [] : [new URL(config.authorityHost).host],
      ...(credential.kind === 'secret'
        ? { clientSecret: credential.secret.reveal() }
        : { clientCertificate: { thumbprintSha256: credential.thumbprintSha256, privateKey: credential.privateKey.reveal(), x5c: credential.certificatePem } }),
    },
    // MSAL's messages may quote the identity platform's descriptions: keep them out of our logs.
    system: { loggerOptions: { piiLoggingEnabled: false, logLevel: LogLevel.Error, loggerCallback: () => undefined } },
  };
  return new ConfidentialClientApplication(msal);
}

export class OnBehalfOfExchanger {
  constructor(
    private readonly app: ConfidentialClientApplication,
    private readonly scope: string,
    private readonly timing: RetryTiming,
  ) {}

  /** Exchanges `assertion` (the caller's token) for a Graph token; never throws. */
  async exchange(assertion: string, requestId: string): Promise<ExchangeResult> {
    // The identity platform echoes a GUID client-request-id as its correlation id: one id in both logs.
    const correlationId = GUID.test(requestId) ? requestId : randomUUID();
    const deadlineAt = performance.now() + this.timing.deadlineMs;
    let last: TokenExchangeError | null = null;
    for (let attempt = 1; ; attempt += 1) {
      const outcome = await this.attempt(assertion, correlationId, deadlineAt - performance.now());
      if (outcome === 'timeout') return { ok: false, error: exchangeTimeout(last, 'DEADLINE_EXCEEDED'), attempts: attempt, correlationId };
      if ('token' in outcome) return { ok: true, ...outcome, attempts: attempt, correlationId };
      last = outcome.error;
      const delay = this.delayBefore(attempt + 1);
      if (!last.retryable) return { ok: false, error: last, attempts: attempt, correlationId };
      if (performance.now() + delay >= deadlineAt) return { ok: false, error: exchangeTimeout(last, 'DEADLINE_EXCEEDED'), attempts: attempt, correlationId };
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  private async attempt(assertion: string, correlationId: string, budgetMs: number): Promise<'timeout' | { token: string; expiresAt: number } | { error: TokenExchangeError }> {
    if (budgetMs <= 0) return 'timeout';
    // Our cache is the one that counts (bounded, keyed per incoming token): MSAL's is skipped and
    // emptied after each exchange, or it would grow by one entry per user for the process's life.
    const call = this.app
      .acquireTokenOnBehalfOf({ oboAssertion: assertion, scopes: [this.scope], correlationId, skipCache: true })
      .then(
        (result) => {
          this.app.clearCache();
          if (!result?.accessToken) return { error: exchangeErrorOf(null) };
          return { token: result.accessToken, expiresAt: result.expiresOn?.getTime() ?? Date.now() + FALLBACK_LIFETIME_MS };
        },
        (err: unknown) => ({ error: exchangeErrorOf(err) }),
      );
    // MSAL's POST takes no signal: past the deadline its answer is dropped (and its socket left to finish).
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), budgetMs);
    });
    try {
      return await Promise.race([call, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private delayBefore(attempt: number): number {
    const ceiling = Math.min(this.timing.maxDelayMs, this.timing.baseDelayMs * 2 ** (attempt - 2));
    return ceiling / 2 + Math.random() * (ceiling / 2);
  }
}
