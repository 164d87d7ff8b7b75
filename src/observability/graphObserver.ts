import type { GraphExchange, GraphObserver } from '../graph/client.js';
import { header } from '../graph/http/answers.js';
import { warningsOf, type GraphWarning } from '../graph/warnings.js';
import { field, writeFixedLine } from './fixedLines.js';
import type { Logger } from './logger.js';
import type { GatewayMetrics } from './metrics.js';
import { truncated } from './truncate.js';

function truncatedOrUndefined(text: string | null): string | undefined {
  return text === null ? undefined : truncated(text);
}

// Each distinct warning is logged once; past this many distinct ones (Warning values carry a
// latency, so they vary), new ones are only counted, so memory stays bounded.
const MAX_DISTINCT_WARNINGS = 256;

/**
 * What the gateway does with every Graph exchange: one log line, its metrics, and a log line the
 * first time Graph says a given Deprecation, Sunset or Warning. Only named fields are logged:
 * never request headers, bodies or the token.
 */
export function createGraphObserver(logger: Logger, metrics: GatewayMetrics): GraphObserver {
  const warned = new Set<string>();
  let warnedFull = false;

  function firstSeen(warnings: readonly GraphWarning[], exchange: GraphExchange): void {
    for (const warning of warnings) {
      const key = `${warning.header}\n${warning.value}`;
      if (warned.has(key)) continue;
      if (warned.size >= MAX_DISTINCT_WARNINGS) {
        if (!warnedFull) logger.warn({ limit: MAX_DISTINCT_WARNINGS }, 'too many distinct Graph warnings; further ones are only counted');
        warnedFull = true;
        continue;
      }
      warned.add(key);
      logger.warn({ header: warning.header, value: warning.value, method: exchange.method, path: exchange.path }, `Graph sent a ${warning.header} header`);
    }
  }

  return {
    onExchangeStart() {
      metrics.graphRequestStarted();
    },
    onExchange(exchange) {
      metrics.graphRequestEnded();
      // Observing must never break a call: a failure here is logged and forgotten.
      try {
        const warnings = warningsOf(exchange.headers);
        metrics.graphExchange(exchange, warnings);
        const failed = exchange.status === null || (exchange.status >= 400 && exchange.status !== 404);
        const level = failed ? 'warn' : 'info';
        if (logger.isLevelEnabled(level)) {
          writeFixedLine(
            logger,
            level,
            field('requestId', exchange.clientRequestId) +
              field('method', exchange.method) +
              field('path', exchange.path) +
              field('status', exchange.status) +
              field('failure', exchange.failure ?? undefined) +
              field('attempt', exchange.attempt) +
              field('durationMs', Math.round(exchange.durationMs * 10) / 10) +
              // Graph's header: as long as Graph likes, so cut like every outside string in a log line.
              field('graphRequestId', truncatedOrUndefined(header(exchange.headers, 'request-id'))) +
              field('clientRequestId', exchange.clientRequestId),
            'graph call',
          );
        }
        if (warnings.length > 0) firstSeen(warnings, exchange);
      } catch (err) {
        logger.error({ err }, 'observing a Graph exchange failed');
      }
    },
  };
}
