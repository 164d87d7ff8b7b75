import { encodeCursor, pageRequestPath, type CursorScope } from './cursor.js';
import { GraphHttpError, GraphProtocolError, UnsafeArgumentError } from './errors.js';
import { PROFILES_PATH } from './paths.js';
import { errorDetail, header, isObject, retryAfterSeconds } from './responses.js';
import { queryString, selectValue } from './odataQuery.js';
import type { GraphEntity, RawAnswer } from './client.js';

// `GET /security/ipSecurityProfiles` with OData options, and reading its page back.

// A filter or order longer than this is not a person's query; Graph would refuse it anyway.
const MAX_EXPRESSION_LENGTH = 2048;

export interface ListRequest {
  /** Page size, already checked by the caller ($top). */
  readonly top: number;
  /** A cursor from a previous page; when given, filter and order come from it. */
  readonly after?: string | null;
  /** OData `$filter` expression, passed to Graph as written. */
  readonly filter?: string | null;
  /** OData `$orderby` expression, passed to Graph as written. */
  readonly orderBy?: string | null;
  /** Graph properties to read; `id` is always added. */
  readonly select: readonly string[];
}

export interface ProfilePage {
  readonly profiles: GraphEntity[];
  /** An opaque cursor for the next page, or null on the last one. */
  readonly nextCursor: string | null;
}

/** The path and query below the version root; throws before anything is sent when an argument is unsafe. */
export function listRequestPath(request: ListRequest, scope: Omit<CursorScope, 'collectionPath'>): string {
  const select = selectValue(request.select);
  if (request.after !== undefined && request.after !== null) {
    return pageRequestPath(request.after, { ...scope, collectionPath: PROFILES_PATH }, { top: String(request.top), select });
  }
  return (
    PROFILES_PATH +
    queryString([
      ['$top', String(request.top)],
      ['$filter', expression('filter', request.filter)],
      ['$orderby', expression('orderBy', request.orderBy)],
      ['$select', select],
    ])
  );
}

function expression(argument: string, value: string | null | undefined): string | undefined {
  if (value === undefined || value === null || value.trim() === '') return undefined;
  if (value.length > MAX_EXPRESSION_LENGTH) throw new UnsafeArgumentError(argument, `${argument} must be at most ${MAX_EXPRESSION_LENGTH} characters`);
  if (!value.isWellFormed()) throw new UnsafeArgumentError(argument, `${argument} must be well-formed Unicode`);
  return value;
}

/**
 * Graph's page: `{"value": [...], "@odata.nextLink"?: "..."}`. A 206 Partial Content (a provider of
 * the legacy security API failed) still carries the profiles the others returned, so it is a page.
 */
export function readPage(answer: RawAnswer): ProfilePage {
  if (answer.status < 200 || answer.status >= 300) {
    throw new GraphHttpError(errorDetail(answer.status, answer.headers, answer.text), retryAfterSeconds(header(answer.headers, 'retry-after')));
  }
  const requestId = header(answer.headers, 'request-id');
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.text);
  } catch {
    throw new GraphProtocolError(answer.status, 'the body is not JSON', requestId);
  }
  if (!isObject(parsed) || !Array.isArray(parsed.value) || !parsed.value.every(isObject)) {
    throw new GraphProtocolError(answer.status, 'the body is not a collection of entities', requestId);
  }
  const next = parsed['@odata.nextLink'];
  return { profiles: parsed.value, nextCursor: typeof next === 'string' && next !== '' ? encodeCursor(next) : null };
}
