import type { IncomingHttpHeaders } from 'node:http';

// The Graph client's vocabulary, a leaf: every layer above speaks it, it imports nothing of ours.

/** A Graph entity as JSON: what Graph sent, or what we send. */
export type GraphEntity = Record<string, unknown>;

/** A JSON object (not an array, not null): the one guard for Graph's JSON and error bodies. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One answer from Graph, body read in full. */
export interface GraphAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
}

/** Who is calling, for one incoming request. */
export interface GraphCaller {
  /** The caller's bearer token, or why there is none usable. */
  readonly credential: { readonly token: string } | { readonly problem: string };
  /** Sent as `client-request-id` on every Graph call this request makes. */
  readonly clientRequestId: string;
  /** Aborts in-flight Graph calls when the caller goes away. */
  readonly signal?: AbortSignal;
  /** Headers carried from the incoming request onto every Graph call (trace context). */
  readonly propagate?: Readonly<Record<string, string>>;
  /**
   * When the request's one budget (REQUEST_DEADLINE_MS) ends, on `performance.now()`'s clock: every
   * field of the request shares it. Absent, each call gets a whole budget from when it starts.
   */
  readonly deadlineAt?: number;
  /**
   * True when `signal` itself aborts at `deadlineAt`, with a TimeoutError (the server's request
   * deadlines): the client then arms no timer of its own per call.
   */
  readonly signalEndsAtDeadline?: boolean;
  /** Told of this caller's exchanges, after the client's observer (request-scoped: Graph's warnings). */
  readonly onExchange?: (exchange: GraphExchange) => void;
}

/** One attempt of a Graph call, for a caller already known. The retry loops fill in the last three. */
export interface GraphCall {
  readonly method: 'GET' | 'PATCH' | 'POST';
  /** Below the version root, id encoded, query included: `/security/ipSecurityProfiles/{id}?$select=...`. */
  readonly path: string;
  /** JSON text; sent with `content-type: application/json`. */
  readonly body?: string;
  /** Headers of this call on top of the standard ones (`prefer`). */
  readonly headers?: Readonly<Record<string, string>>;
  /** 0 for a first try; N > 0 sends `Retry-Attempt: N`. */
  readonly attempt?: number;
  /** Ends the attempt (the deadline or the caller); the caller's own signal when absent. */
  readonly signal?: AbortSignal;
  /** Use a new connection outside the pool, closed after the answer (retrying a 503). */
  readonly freshConnection?: boolean;
}

/** What the transport takes: one attempt, whose token it carries, and the budget its bytes count against. */
export interface GraphRequest extends GraphCall {
  readonly caller: GraphCaller;
  readonly budget?: ByteBudget;
}

/** What one GraphQL request may still read from Graph (budget.ts has the one implementation). */
export interface ByteBudget {
  /** Throws once the budget is spent, before a call is sent. */
  checkBeforeSend(): void;
  /** Counts bytes just read; throws past the budget. */
  take(bytes: number): void;
  /** Gives back the bytes of an answer dropped unread (too large, cut off): they are no longer held. */
  refund(bytes: number): void;
}

/** Sends one attempt and reads its answer; the layers above get this function, never the client. */
export type SendCall = (call: GraphCall) => Promise<GraphAnswer>;

/** One HTTP exchange with Graph, as observers (logs, metrics) see it. Never carries the token. */
export interface GraphExchange {
  readonly method: string;
  /** The path after the base URL, id included (encoded). */
  readonly path: string;
  /** Graph's status, or null when no answer came. */
  readonly status: number | null;
  /** Why no answer came (undici or socket code), when none did. */
  readonly failure: string | null;
  readonly durationMs: number;
  readonly clientRequestId: string;
  /** 1 for the first try of a call, N + 1 for its Nth retry (which carried `Retry-Attempt: N`). */
  readonly attempt: number;
  /** Graph's response headers (request-id, Date, x-ms-ags-diagnostic, Deprecation, ...); empty without an answer. */
  readonly headers: IncomingHttpHeaders;
}

export interface GraphObserver {
  /** An attempt is about to go out; `onExchange` follows for every one, answered or not. */
  onExchangeStart?(): void;
  onExchange(exchange: GraphExchange): void;
}
