import type { IncomingMessage } from 'node:http';

/** A POST body the compiled path may answer: exactly the shape Apollo accepts without a question. */
export interface CompiledRequest {
  readonly query: string;
  readonly variables: Record<string, unknown> | undefined;
  readonly operationName: string | undefined;
  /** The content type Apollo chose for this request's `Accept`. */
  readonly contentType: string;
}

// Only the JSON content types frontends and routers send: anything else keeps Apollo's CSRF check and parsing.
const JSON_CONTENT_TYPE = /^application\/json(; ?charset=utf-8)?$/i;
// A router asking for federated traces gets them from Apollo's inline trace plugin.
const TRACE_HEADER = 'apollo-federation-include-trace';
// Accept values are client text: a bounded number of them are remembered.
const MAX_ACCEPTS = 32;

/**
 * The response content type per `Accept` value, learned from Apollo's own answers rather than by
 * negotiating again: a value Apollo has not answered yet goes to Apollo.
 */
export class AcceptMemo {
  private readonly types = new Map<string, string>();

  of(req: IncomingMessage): string | undefined {
    return this.types.get(req.headers.accept ?? '');
  }

  learn(req: IncomingMessage, contentType: string): void {
    const accept = req.headers.accept ?? '';
    if (this.types.size < MAX_ACCEPTS || this.types.has(accept)) this.types.set(accept, contentType);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

/** The request, when it is one the compiled path answers; null sends it to Apollo. */
export function compiledRequestOf(req: IncomingMessage, body: unknown, accepts: AcceptMemo): CompiledRequest | null {
  if (req.method !== 'POST' || !JSON_CONTENT_TYPE.test(req.headers['content-type'] ?? '') || req.headers[TRACE_HEADER] !== undefined) return null;
  // Persisted queries and any other extension are Apollo's; so are batches (arrays).
  if (!isRecord(body) || typeof body.query !== 'string' || 'extensions' in body) return null;
  const { variables, operationName } = body;
  if (variables !== undefined && variables !== null && !isRecord(variables)) return null;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return null;
  const contentType = accepts.of(req);
  if (contentType === undefined) return null;
  return { query: body.query, variables: variables ?? undefined, operationName: operationName ?? undefined, contentType };
}
