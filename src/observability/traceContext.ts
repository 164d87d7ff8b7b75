import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** The W3C trace this request continues (https://www.w3.org/TR/trace-context/). */
export interface TraceContext {
  /** 32 lower-case hex digits, from the caller. */
  readonly traceId: string;
  /** The caller's span: the parent of ours. */
  readonly parentId: string;
  /** Our span for this request: the parent-id Graph sees. */
  readonly spanId: string;
  /** Two hex digits (bit 0: sampled), kept as the caller set them. */
  readonly flags: string;
  /** The caller's tracestate, when it was well formed. */
  readonly tracestate: string | null;
}

// version-traceid-parentid-flags; a future version may append fields after another dash.
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;
const ALL_ZERO = /^0+$/;
// tracestate list members: key=value, key `[a-z0-9][_0-9a-z-*/]{0,255}` optionally `@system`.
const TRACESTATE_KEY = /^(?:[a-z0-9][_0-9a-z\-*/]{0,255}|[a-z0-9][_0-9a-z\-*/]{0,240}@[a-z][_0-9a-z\-*/]{0,13})$/;
const TRACESTATE_VALUE = /^[\x20-\x2b\x2d-\x3c\x3e-\x7e]{0,255}[\x21-\x2b\x2d-\x3c\x3e-\x7e]$/;
const MAX_TRACESTATE_MEMBERS = 32;
const MAX_TRACESTATE_LENGTH = 512;

/**
 * The trace to continue, or null when the caller sent none or a malformed one: a traceparent we
 * cannot read is dropped, never forwarded, so Graph never sees garbage in our name.
 */
export function traceContextOf(headers: IncomingHttpHeaders): TraceContext | null {
  const raw = headers.traceparent;
  if (typeof raw !== 'string') return null;
  const match = TRACEPARENT.exec(raw.trim());
  if (!match) return null;
  const version = match[1]!;
  const traceId = match[2]!;
  const parentId = match[3]!;
  const flags = match[4]!;
  const rest = match[5];
  if (version === 'ff' || ALL_ZERO.test(traceId) || ALL_ZERO.test(parentId)) return null;
  // Version 00 has exactly four fields; only later versions may carry more.
  if (version === '00' && rest !== undefined) return null;
  return { traceId, parentId, spanId: newSpanId(), flags, tracestate: tracestateOf(headers.tracestate) };
}

/** The headers that carry the trace on to Graph: our span becomes the parent of Graph's. */
export function traceHeaders(trace: TraceContext | null): Record<string, string> {
  if (trace === null) return {};
  const headers: Record<string, string> = { traceparent: `00-${trace.traceId}-${trace.spanId}-${trace.flags}` };
  if (trace.tracestate !== null) headers.tracestate = trace.tracestate;
  return headers;
}

/** The whole tracestate, or null when any member is malformed (a partial one would misattribute). */
function tracestateOf(raw: string | string[] | undefined): string | null {
  if (raw === undefined) return null;
  const joined = Array.isArray(raw) ? raw.join(',') : raw;
  const members = joined.split(',').map((m) => m.trim()).filter((m) => m !== '');
  if (members.length === 0 || members.length > MAX_TRACESTATE_MEMBERS) return null;
  const keys = new Set<string>();
  for (const member of members) {
    const eq = member.indexOf('=');
    if (eq <= 0) return null;
    const key = member.slice(0, eq);
    if (!TRACESTATE_KEY.test(key) || !TRACESTATE_VALUE.test(member.slice(eq + 1)) || keys.has(key)) return null;
    keys.add(key);
  }
  const value = members.join(',');
  return value.length <= MAX_TRACESTATE_LENGTH ? value : null;
}

function newSpanId(): string {
  let id = randomBytes(8).toString('hex');
  while (ALL_ZERO.test(id)) id = randomBytes(8).toString('hex');
  return id;
}
