import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../../errors.js';

type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

export interface FormattedErrors {
  readonly errors: GraphQLFormattedError[];
  /** From errors' `extensions.http`, which Apollo turns into the answer's status and headers. */
  readonly status: number | undefined;
  readonly headers: Map<string, string>;
}

/**
 * Execution errors as Apollo Server 5 formats them without stack traces (its errorNormalize.ts, which
 * it does not export): a default code, `extensions.http` lifted into the answer, then our formatError,
 * and a formatError that throws masked. Stack traces (development) would name the compiled path's
 * frames instead of Apollo's, so the compiled path is off there (server.ts). Pinned by
 * test/server/compiled.test.ts, which compares both paths byte for byte.
 */
export function formatExecutionErrors(errors: readonly GraphQLError[], formatError: FormatError): FormattedErrors {
  let status: number | undefined;
  const headers = new Map<string, string>();
  const enrich = (maybeError: unknown): GraphQLFormattedError => {
    const error = asGraphQLError(maybeError);
    const extensions: Record<string, unknown> = { ...error.extensions, code: error.extensions.code ?? ErrorCode.INTERNAL_SERVER_ERROR };
    const http = extensions.http;
    if (isHttpHead(http)) {
      if (http.status) status = http.status;
      if (http.headers) for (const [name, value] of http.headers) headers.set(name.toLowerCase(), value);
      delete extensions.http;
    }
    return { ...error.toJSON(), extensions };
  };
  const formatted = errors.map((error) => {
    try {
      return formatError(enrich(error), error);
    } catch {
      return { message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
    }
  });
  return { errors: formatted, status, headers };
}

function asGraphQLError(maybeError: unknown): GraphQLError {
  const error = maybeError instanceof Error ? maybeError : new GraphQLError(`Unexpected error value: ${String(maybeError)}`);
  return error instanceof GraphQLError ? error : new GraphQLError(error.message, { originalError: error });
}

function isHttpHead(x: unknown): x is { status?: number; headers?: Map<string, string> } {
  if (typeof x !== 'object' || x === null) return false;
  const head = x as { status?: unknown; headers?: unknown };
  return (!('status' in head) || typeof head.status === 'number') && (!('headers' in head) || head.headers instanceof Map);
}
