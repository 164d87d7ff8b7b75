import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context.js';
import type { Logger } from '../observability/logger.js';

// Errors a plugin hook throws never reach formatError: Apollo logs a one-line message (no stack, no
// request id) and answers with a stand-in (see isApolloStandIn in errors.ts). Here they are logged
// once, in full, like every other unexpected error.

/** Logs what a throwing plugin hook threw, once, with its stack and the request id (see isApolloStandIn in errors.ts). */
export function unexpectedErrorLogPlugin(): ApolloServerPlugin<Context> {
  return {
    async unexpectedErrorProcessingRequest({ requestContext, error }) {
      const { logger } = requestContext.contextValue;
      logger.error({ err: error }, 'unexpected error');
    },
  };
}

/**
 * The logger Apollo Server writes to: its own "Unexpected error processing request" line carries no
 * stack and would log the same failure twice; unexpectedErrorLogPlugin logs it instead.
 */
export function apolloLogger(logger: Logger): Record<'debug' | 'info' | 'warn' | 'error', (message?: unknown) => void> {
  return {
    debug: (message) => logger.debug(String(message)),
    info: (message) => logger.info(String(message)),
    warn: (message) => logger.warn(String(message)),
    error: (message) => {
      if (!String(message).startsWith('Unexpected error processing request')) logger.error(String(message));
    },
  };
}
