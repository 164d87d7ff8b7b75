import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import {
  BudgetExhaustedError,
  GraphClientError,
  GraphHttpError,
  GraphProtocolError,
  GraphUnavailableError,
  GraphValueError,
  InvalidCursorError,
  MissingTokenError,
  ReadBudgetExceededError,
  UnsafeArgumentError,
  UnsafeIdError,
} from './graph/errors.js';
import type { Logger } from './observability/logger.js';
import { MESSAGE_MAX, truncated } from './observability/truncate.js';

/**
 * The closed catalog: every `extensions.code` (and every `error.code` of the operational endpoints)
 * this gateway can emit. docs/hardening.md has the table; a code that is not here never leaves the
 * gateway (see createFormatError).
 */
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
  /** An abuse limit refused the operation (depth, aliases, tokens, Graph-calling root fields, entities); nothing was sent. */
  OPERATION_LIMIT_EXCEEDED: 'OPERATION_LIMIT_EXCEEDED',
  // Refused in front of GraphQL (src/http.ts).
  BAD_REQUEST: 'BAD_REQUEST',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  /** More GraphQL requests in flight than MAX_IN_FLIGHT, and none finished within IN_FLIGHT_QUEUE_MS. */
  OVERLOADED: 'OVERLOADED',
  /** The request's one REQUEST_DEADLINE_MS had too little left to start this field; nothing was sent. */
  REQUEST_DEADLINE_EXCEEDED: 'REQUEST_DEADLINE_EXCEEDED',
  // Apollo Server's own request errors, passed through.
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  OPERATION_RESOLUTION_FAILURE: 'OPERATION_RESOLUTION_FAILURE',
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  PERSISTED_QUERY_NOT_SUPPORTED: 'PERSISTED_QUERY_NOT_SUPPORTED',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const CATALOG: ReadonlySet<string> = new Set(Object.values(ErrorCode));

export type LimitName = 'depth' | 'aliases' | 'tokens' | 'graphRootFields' | 'entities' | 'graphReadBytes';

/** A refused operation (plugins/limits.ts raises it); `extensions` name the limit and its value. */
export class OperationLimitError extends GraphQLError {
  constructor(limit: LimitName, max: number, message: string, http?: { status: number }) {
    const code = ErrorCode.OPERATION_LIMIT_EXCEEDED;
    super(message, { extensions: http ? { code, limit, max, http } : { code, limit, max } });
    this.name = 'OperationLimitError';
  }
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

/**
 * A Graph profile in the schema's shape, for `extensions.current`. Handed in by the server (the
 * mapping sits above this core module in the import graph).
 */
export type ShowProfile = (entity: Record<string, unknown>) => unknown;

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
      graph: outsideStrings(err.detail),
    };
    if (err.retryAfterSeconds !== null) extensions.retryAfter = err.retryAfterSeconds;
    return { message: err.message, extensions };
  }
  if (err instanceof BudgetExhaustedError) {
    return { message: err.message, extensions: { code: ErrorCode.REQUEST_DEADLINE_EXCEEDED, remainingMs: Math.floor(err.remainingMs), neededMs: Math.ceil(err.neededMs) } };
  }
  if (err instanceof GraphUnavailableError) {
    return { message: err.message, extensions: { code: ErrorCode.UPSTREAM_UNAVAILABLE, reason: err.causeCode } };
  }
  if (err instanceof ReadBudgetExceededError) {
    const limit: LimitName = 'graphReadBytes';
    return { message: err.message, extensions: { code: ErrorCode.OPERATION_LIMIT_EXCEEDED, limit, max: err.maxBytes } };
  }
  if (err instanceof GraphValueError) {
    return { message: err.message, extensions: { code: ErrorCode.UPSTREAM_ERROR, property: err.property } };
  }
  if (err instanceof GraphProtocolError) {
    return {
      message: err.message,
      extensions: { code: ErrorCode.UPSTREAM_ERROR, graph: outsideStrings({ status: err.status, requestId: err.requestId }) },
    };
  }
  return { message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}

/** Graph's strings (its error body, its headers) cut for `extensions`: a 1 MB `code` must not make a 1 MB answer. */
function outsideStrings<T extends object>(detail: T): T {
  return Object.fromEntries(Object.entries(detail).map(([k, v]) => [k, typeof v === 'string' ? truncated(v) : v])) as T;
}

/**
 * `translate`, plus what became of a failed write when the Graph client knows, and after an
 * `unknown` one the profile as Graph holds it now (`current`, in the schema's shape) so the caller
 * can decide what to send next.
 */
function translateWithOutcome(err: GraphClientError, showProfile: ShowProfile): { message: string; extensions: Extensions } {
  const { message, extensions } = translate(err);
  if (err.outcome === null) return { message, extensions };
  const current = err.current === null ? {} : { current: showProfile(err.current) };
  return { message, extensions: { ...extensions, outcome: err.outcome, ...current } };
}

/**
 * graphql-js aborts parsing past `maxTokens` with a syntax error of its own wording; this is the one
 * place that recognises it.
 */
export function tokenLimitOf(message: string): number | null {
  const m = /^Syntax Error: Document contains more th(?:at|an) (\d+) tokens/.exec(message);
  return m ? Number(m[1]) : null;
}

/** What a GraphQL error was made from: resolvers, hooks and context creation wrap what they threw. */
function rootCause(error: unknown): unknown {
  let cause = error;
  while (cause instanceof GraphQLError && cause.originalError !== undefined) cause = cause.originalError;
  return cause;
}

/** The body of an answer to something that was not ours to explain: a generic message and the request id. */
export function internalErrorBody(requestId: string | null): { errors: GraphQLFormattedError[] } {
  const extensions = requestId === null ? { code: ErrorCode.INTERNAL_SERVER_ERROR } : { code: ErrorCode.INTERNAL_SERVER_ERROR, requestId };
  return { errors: [{ message: 'Internal server error', extensions }] };
}

/**
 * The one masking point: every GraphQL error leaving the gateway passes here, wherever it was thrown
 * (resolvers, plugin hooks, context creation, Apollo's own request handling). Graph client errors get
 * their code; coded errors we or graphql-js raised keep theirs; anything else, and any code outside
 * the catalog, is our own bug: logged once in full at error level and masked to the client.
 */
export function createFormatError(logger: Logger, showProfile: ShowProfile = (entity) => entity) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const root = rootCause(error);
    if (root instanceof GraphClientError) {
      const { message, extensions } = translateWithOutcome(root, showProfile);
      return { message: truncated(message, MESSAGE_MAX), locations: formatted.locations, path: formatted.path, extensions };
    }
    // Apollo re-codes validation and parse errors; the limits keep their own code.
    if (root instanceof GraphQLError && root.extensions.code === ErrorCode.OPERATION_LIMIT_EXCEEDED) {
      const { http: _http, ...extensions } = root.extensions;
      return { message: root.message, locations: formatted.locations, extensions };
    }
    const code = formatted.extensions?.code;
    const tokens = code === ErrorCode.GRAPHQL_PARSE_FAILED ? tokenLimitOf(formatted.message) : null;
    if (tokens !== null) {
      return {
        message: `Operation has more than ${tokens} tokens.`,
        extensions: { code: ErrorCode.OPERATION_LIMIT_EXCEEDED, limit: 'tokens', max: tokens },
      };
    }
    // A scalar's own refusal in a literal argument arrives wrapped as a validation error; it is bad
    // user input like the same value sent in a variable.
    if (code === ErrorCode.GRAPHQL_VALIDATION_FAILED && root instanceof GraphQLError && root.extensions.code === ErrorCode.BAD_USER_INPUT) {
      return { ...formatted, message: truncated(formatted.message, MESSAGE_MAX), extensions: { ...formatted.extensions, code: ErrorCode.BAD_USER_INPUT } };
    }
    if (isApolloStandIn(root)) return masked(formatted);
    const unexpected = (code === ErrorCode.INTERNAL_SERVER_ERROR && !(root instanceof GraphQLError)) || typeof code !== 'string' || !CATALOG.has(code);
    if (!unexpected) return { ...formatted, message: truncated(formatted.message, MESSAGE_MAX) };
    logger.error({ err: root, path: formatted.path?.map((p) => (typeof p === 'string' ? truncated(p) : p)), code: typeof code === 'string' ? truncated(code) : code }, 'unexpected error');
    return masked(formatted);
  };
}

function masked(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const generic: GraphQLFormattedError = { message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  return formatted.path ? { ...generic, locations: formatted.locations, path: formatted.path } : generic;
}

// When a plugin hook throws, Apollo hands the error to `unexpectedErrorProcessingRequest` and then
// throws a stand-in of its own with this message; the stand-in says nothing, plugins/unexpectedErrorLog.ts
// logged the cause.
const APOLLO_STAND_IN = 'Internal server error';
export function isApolloStandIn(root: unknown): boolean {
  return root instanceof Error && !(root instanceof GraphQLError) && root.message === APOLLO_STAND_IN && (root.stack ?? '').includes('internalExecuteOperation');
}
