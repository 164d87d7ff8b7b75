import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import {
  GraphClientError,
  GraphHttpError,
  GraphProtocolError,
  GraphUnavailableError,
  InvalidCursorError,
  MissingTokenError,
  UnsafeArgumentError,
  UnsafeIdError,
} from './graph/errors.js';
import type { Logger } from './observability/logger.js';

/** The closed set of `extensions.code` values this gateway produces (plus Apollo's own request errors). */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  PRECONDITION_FAILED: 'PRECONDITION_FAILED',
  THROTTLED: 'THROTTLED',
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  UPSTREAM_ERROR: 'UPSTREAM_ERROR',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  /** An abuse limit refused the operation (depth, aliases, tokens, Graph-calling root fields); nothing was sent. */
  OPERATION_LIMIT_EXCEEDED: 'OPERATION_LIMIT_EXCEEDED',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export type LimitName = 'depth' | 'aliases' | 'tokens' | 'graphRootFields' | 'entities';

/** A refused operation (plugins/limits.ts raises it); `extensions` name the limit and its value. */
export class OperationLimitError extends GraphQLError {
  constructor(limit: LimitName, max: number, message: string, http?: { status: number }) {
    const code = ErrorCode.OPERATION_LIMIT_EXCEEDED;
    super(message, { extensions: http ? { code, limit, max, http } : { code, limit, max } });
    this.name = 'OperationLimitError';
  }
}

/**
 * graphql-js aborts parsing past `maxTokens` with a syntax error of its own wording; this is the one
 * place that recognises it.
 */
function tokenLimitOf(message: string): number | null {
  const m = /^Syntax Error: Document contains more th(?:at|an) (\d+) tokens/.exec(message);
  return m ? Number(m[1]) : null;
}

/** Graph's HTTP status to our code. Any status not listed is UPSTREAM_ERROR. */
export const STATUS_TO_CODE: Readonly<Record<number, ErrorCode>> = {
  400: ErrorCode.BAD_USER_INPUT,
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  409: ErrorCode.CONFLICT,
  412: ErrorCode.PRECONDITION_FAILED,
  422: ErrorCode.BAD_USER_INPUT,
  429: ErrorCode.THROTTLED,
  502: ErrorCode.UPSTREAM_UNAVAILABLE,
  503: ErrorCode.UPSTREAM_UNAVAILABLE,
  504: ErrorCode.UPSTREAM_UNAVAILABLE,
};

type Extensions = Record<string, unknown>;

/** The code, message and extensions a Graph client error becomes. */
function translate(err: GraphClientError): { message: string; extensions: Extensions } {
  if (err instanceof MissingTokenError) {
    return { message: `Unauthenticated: ${err.message}. Send "Authorization: Bearer <token>".`, extensions: { code: ErrorCode.UNAUTHENTICATED } };
  }
  if (err instanceof UnsafeIdError) {
    return { message: `Invalid argument "id": ${err.message}`, extensions: { code: ErrorCode.BAD_USER_INPUT, field: 'id' } };
  }
  if (err instanceof UnsafeArgumentError) {
    return { message: `Invalid argument "${err.argument}": ${err.message}`, extensions: { code: ErrorCode.BAD_USER_INPUT, field: err.argument } };
  }
  if (err instanceof InvalidCursorError) {
    return { message: `Invalid argument "after": ${err.message}`, extensions: { code: ErrorCode.BAD_USER_INPUT, field: 'after' } };
  }
  if (err instanceof GraphHttpError) {
    const extensions: Extensions = {
      code: STATUS_TO_CODE[err.detail.status] ?? ErrorCode.UPSTREAM_ERROR,
      graph: { ...err.detail },
    };
    if (err.retryAfterSeconds !== null) extensions.retryAfter = err.retryAfterSeconds;
    return { message: err.message, extensions };
  }
  if (err instanceof GraphUnavailableError) {
    return { message: err.message, extensions: { code: ErrorCode.UPSTREAM_UNAVAILABLE, reason: err.causeCode } };
  }
  if (err instanceof GraphProtocolError) {
    return {
      message: err.message,
      extensions: { code: ErrorCode.UPSTREAM_ERROR, graph: { status: err.status, requestId: err.requestId } },
    };
  }
  return { message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}

/** `translate`, plus what became of a failed write when the Graph client knows. */
function translateWithOutcome(err: GraphClientError): { message: string; extensions: Extensions } {
  const { message, extensions } = translate(err);
  return { message, extensions: err.outcome === null ? extensions : { ...extensions, outcome: err.outcome } };
}

/**
 * The one translation point: every error leaving the gateway passes here. Graph client errors get
 * their code; GraphQL errors we or graphql-js raised keep theirs; anything else is our own bug, logged
 * in full and masked to the client.
 */
export function createFormatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const cause = error instanceof GraphQLError ? error.originalError : undefined;
    if (original instanceof GraphClientError) {
      const { message, extensions } = translateWithOutcome(original);
      return { message, locations: formatted.locations, path: formatted.path, extensions };
    }
    // Apollo re-codes validation and parse errors; the limits keep their own code.
    if (cause instanceof OperationLimitError) {
      return { message: cause.message, locations: formatted.locations, extensions: { ...cause.extensions } };
    }
    const tokens = formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' ? tokenLimitOf(formatted.message) : null;
    if (tokens !== null) {
      return {
        message: `Operation has more than ${tokens} tokens.`,
        extensions: { code: ErrorCode.OPERATION_LIMIT_EXCEEDED, limit: 'tokens', max: tokens },
      };
    }
    // A scalar's own refusal in a literal argument arrives wrapped as a validation error; it is bad
    // user input like the same value sent in a variable.
    if (formatted.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' && cause instanceof GraphQLError && cause.extensions.code === ErrorCode.BAD_USER_INPUT) {
      return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.BAD_USER_INPUT } };
    }
    if (original instanceof GraphQLError || formatted.extensions?.code !== ErrorCode.INTERNAL_SERVER_ERROR) {
      return formatted;
    }
    logger.error({ err: original, path: formatted.path }, 'unexpected error while resolving');
    return {
      message: 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
