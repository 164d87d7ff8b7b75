// Errors of the Graph client. Callers match on `code` (stable), never on messages. This module never
// imports graphql: src/errors.ts translates these into GraphQL errors at one point.
import type { GraphEntity } from './types.js';

/** What Graph said about a failed call, from its error body and response headers. */
export interface GraphErrorDetail {
  readonly status: number;
  readonly code: string | null;
  readonly message: string | null;
  readonly requestId: string | null;
  readonly clientRequestId: string | null;
  readonly date: string | null;
}

/**
 * What became of a write that failed: Graph certainly did not apply it (`not_applied`: safe to send
 * again), did apply it but its answer was lost (`applied`), or nobody can tell (`unknown`: read the
 * resource before sending again).
 */
export type WriteOutcome = 'applied' | 'not_applied' | 'unknown';

export abstract class GraphClientError extends Error {
  abstract readonly code: string;
  /** Set on errors of writes (PATCH) once the retry loop knows; null for reads and refusals. */
  outcome: WriteOutcome | null = null;
  /** The resource as Graph holds it now, read back after an ambiguous write (`unknown`), when the read worked. */
  current: GraphEntity | null = null;
}

/** The caller gave no usable bearer token, so nothing was sent. */
export class MissingTokenError extends GraphClientError {
  readonly code = 'GRAPH_MISSING_TOKEN';
  constructor(reason: string) {
    super(reason);
    this.name = 'MissingTokenError';
  }
}

/** An id that cannot be sent as exactly one URL path segment; nothing was sent. */
export class UnsafeIdError extends GraphClientError {
  readonly code = 'GRAPH_UNSAFE_ID';
  constructor(reason: string) {
    super(reason);
    this.name = 'UnsafeIdError';
  }
}

/** Graph answered with a status outside 2xx. */
export class GraphHttpError extends GraphClientError {
  readonly code = 'GRAPH_HTTP_STATUS';
  readonly detail: GraphErrorDetail;
  /** Seconds Graph asked us to wait (Retry-After), when it said. */
  readonly retryAfterSeconds: number | null;
  constructor(detail: GraphErrorDetail, retryAfterSeconds: number | null) {
    const said = [detail.code, detail.message].filter(Boolean).join(': ');
    super(`Microsoft Graph answered ${detail.status}${said ? ` (${said})` : ''}`);
    this.name = 'GraphHttpError';
    this.detail = detail;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Graph could not be reached or did not answer in time. */
export class GraphUnavailableError extends GraphClientError {
  readonly code = 'GRAPH_UNAVAILABLE';
  /** undici's or the socket's error code (UND_ERR_HEADERS_TIMEOUT, ECONNREFUSED, ...). */
  readonly causeCode: string;
  /**
   * Graph's status when its status line and headers arrived before the failure (a body cut off,
   * too large or too slow); null when no answer began. A 2xx here means Graph applied a write.
   */
  readonly answeredStatus: number | null;
  constructor(causeCode: string, options?: { cause?: unknown; answeredStatus?: number | null }) {
    super(`Microsoft Graph could not be reached (${causeCode})`, options);
    this.name = 'GraphUnavailableError';
    this.causeCode = causeCode;
    this.answeredStatus = options?.answeredStatus ?? null;
  }
}

/** Graph answered 2xx with something that is not the JSON object we asked for. */
export class GraphProtocolError extends GraphClientError {
  readonly code = 'GRAPH_UNREADABLE_ANSWER';
  readonly status: number;
  readonly requestId: string | null;
  constructor(status: number, reason: string, requestId: string | null) {
    super(`Microsoft Graph's answer could not be read: ${reason}`);
    this.name = 'GraphProtocolError';
    this.status = status;
    this.requestId = requestId;
  }
}

/** An argument that cannot be sent to Graph safely (a filter too long, a property name with syntax in it); nothing was sent. */
export class UnsafeArgumentError extends GraphClientError {
  readonly code = 'GRAPH_UNSAFE_ARGUMENT';
  /** The GraphQL argument or Graph option concerned. */
  readonly argument: string;
  constructor(argument: string, reason: string) {
    super(reason);
    this.name = 'UnsafeArgumentError';
    this.argument = argument;
  }
}

/**
 * A paging cursor that is not one of ours, or whose link would leave the configured Graph origin and
 * base path. Nothing was sent: following it could hand the caller's token to another host.
 */
export class InvalidCursorError extends GraphClientError {
  readonly code = 'GRAPH_INVALID_CURSOR';
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidCursorError';
  }
}

/**
 * Graph sent a property value that does not fit its type (`countHits: "abc"`, `asn: 1e20`). The
 * mapping puts one in place of that value, so it fails that field alone.
 */
export class GraphValueError extends GraphClientError {
  readonly code = 'GRAPH_MALFORMED_VALUE';
  /** The property as Graph names it, nested ones below their parent: `ipReferenceData.asn`. */
  readonly property: string;
  constructor(property: string, reason: string) {
    super(`Microsoft Graph sent a malformed "${property}": ${reason}`);
    this.name = 'GraphValueError';
    this.property = property;
  }
}

/** One GraphQL request read more of Graph's answers, across all its calls, than it may (its budget). */
export class ReadBudgetExceededError extends GraphClientError {
  readonly code = 'GRAPH_READ_BUDGET_EXCEEDED';
  /** The budget, in bytes. */
  readonly maxBytes: number;
  constructor(maxBytes: number, what = 'read more than') {
    super(`This request ${what} ${maxBytes} bytes from Microsoft Graph, its budget; ask for fewer fields, fewer profiles or smaller pages`);
    this.name = 'ReadBudgetExceededError';
    this.maxBytes = maxBytes;
  }
}

/**
 * The request's one deadline (REQUEST_DEADLINE_MS, shared by all its fields) had too little left to
 * start this field's Graph work: nothing was sent.
 */
export class BudgetExhaustedError extends GraphClientError {
  readonly code = 'GRAPH_BUDGET_EXHAUSTED';
  /** Milliseconds the request had left, and what the field needed to start. */
  readonly remainingMs: number;
  readonly neededMs: number;
  constructor(remainingMs: number, neededMs: number) {
    super(`The request's deadline has ${Math.floor(remainingMs)} ms left, too little to start this field (it needs ${Math.ceil(neededMs)} ms); nothing was sent to Microsoft Graph`);
    this.name = 'BudgetExhaustedError';
    this.remainingMs = remainingMs;
    this.neededMs = neededMs;
  }
}
