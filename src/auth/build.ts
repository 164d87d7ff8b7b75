// Builds the gateway's token source from its configuration, wired to its logger and metrics.
import type { Config } from '../config.js';
import type { Logger } from '../observability/logger.js';
import type { GatewayMetrics } from '../observability/metrics.js';
import { createConfidentialClient, OnBehalfOfExchanger } from './exchange.js';
import { OnBehalfOfTokenSource, PASSTHROUGH, type ExchangeRecord, type TokenSource, type TokenSourceObserver } from './tokenSource.js';

// Waits between attempts while the identity platform is unreachable or busy (ms).
const RETRY_BASE_DELAY_MS = 100;
const RETRY_MAX_DELAY_MS = 2_000;

export function buildTokenSource(config: Config, logger: Logger, metrics: GatewayMetrics): TokenSource {
  const auth = config.graphAuth;
  if (auth.mode === 'passthrough') return PASSTHROUGH;
  const exchanger = new OnBehalfOfExchanger(createConfidentialClient(auth), auth.scope, {
    deadlineMs: config.requestDeadlineMs,
    baseDelayMs: RETRY_BASE_DELAY_MS,
    maxDelayMs: RETRY_MAX_DELAY_MS,
  });
  logger.info({ authorityHost: auth.authorityHost, tenantId: auth.tenantId, clientId: auth.clientId, credential: auth.credential.kind, scope: auth.scope }, 'Graph tokens are obtained on behalf of callers');
  return new OnBehalfOfTokenSource(exchanger, exchangeObserver(logger, metrics));
}

/** One log line per exchange and the exchange metrics; no token, no secret, no identity platform free text. */
function exchangeObserver(logger: Logger, metrics: GatewayMetrics): TokenSourceObserver {
  return {
    reused: (how) => metrics.tokenReused(how),
    exchanged(record: ExchangeRecord) {
      metrics.tokenExchange(record.outcome, record.durationMs / 1000, record.error ?? null, record.aadsts ?? null);
      const fields = {
        requestId: record.requestId,
        correlationId: record.correlationId,
        outcome: record.outcome,
        attempts: record.attempts,
        durationMs: Math.round(record.durationMs),
        ...(record.outcome === 'success'
          ? { expiresInSeconds: record.expiresInSeconds }
          : { code: record.code, error: record.error, aadsts: record.aadsts, reason: record.reason }),
      };
      if (record.outcome === 'success') logger.info(fields, 'on-behalf-of exchange');
      else logger.warn(fields, 'on-behalf-of exchange failed');
    },
  };
}
