import type { IncomingHttpHeaders } from 'node:http';

/** A signal Graph sent beside its answer: the API is deprecated, has a sunset date, or answered partially. */
export interface GraphWarning {
  /** The response header it came in, lower case. */
  readonly header: 'deprecation' | 'sunset' | 'warning';
  /** The header's value as Graph sent it (one per header line). */
  readonly value: string;
}

const WARNING_HEADERS = ['deprecation', 'sunset', 'warning'] as const;
// Header values are echoed into logs and responses: keep them printable and bounded.
const MAX_VALUE_LENGTH = 512;

/** The warnings in one Graph answer's headers, in header order; none without an answer. */
export function warningsOf(headers: IncomingHttpHeaders): GraphWarning[] {
  const found: GraphWarning[] = [];
  for (const header of WARNING_HEADERS) {
    const raw = headers[header];
    if (raw === undefined) continue;
    for (const line of Array.isArray(raw) ? raw : [raw]) {
      const value = line.replace(/[\x00-\x1f\x7f]/g, '').trim().slice(0, MAX_VALUE_LENGTH);
      if (value !== '') found.push({ header, value });
    }
  }
  return found;
}

/**
 * The same warnings as response headers of this subgraph, for routers, which drop a subgraph's
 * top-level `extensions` but can forward headers. Deprecation and Sunset hold one value each (RFC
 * 9745, RFC 8594): the first seen; Warning is a list, so every value, comma-separated.
 */
export function warningHeaders(warnings: readonly GraphWarning[]): [string, string][] {
  const headers: [string, string][] = [];
  for (const header of WARNING_HEADERS) {
    const values = warnings.filter((w) => w.header === header).map((w) => w.value);
    if (values.length > 0) headers.push([header, header === 'warning' ? values.join(', ') : values[0]!]);
  }
  return headers;
}
