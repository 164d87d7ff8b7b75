import { UnsafeArgumentError } from '../http/errors.js';
import { cursorState } from './cursor.js';
import { PROFILES_PATH } from './paths.js';
import { queryString, selectValue } from './query.js';

// `GET /security/ipSecurityProfiles` with OData options: the first page from the arguments, a later
// one from its cursor.

// A filter or order longer than this is not a person's query; Graph would refuse it anyway.
const MAX_EXPRESSION_LENGTH = 2048;

export interface ListRequest {
  /** Page size, already checked by the caller ($top). */
  readonly top: number;
  /** A cursor from a previous page; when given, filter and order come from it (checked as if given here). */
  readonly after?: string | null;
  /** OData `$filter` expression, passed to Graph as written. */
  readonly filter?: string | null;
  /** OData `$orderby` expression, passed to Graph as written. */
  readonly orderBy?: string | null;
  /** Graph properties to read; `id` is always added. */
  readonly select: readonly string[];
}

/** A page's request: the path and query below the version root, and the filter and order it sends. */
export interface ListPlan {
  readonly path: string;
  /** What the next page's cursor carries on (blank options are not sent, so not carried). */
  readonly sent: { readonly filter?: string; readonly orderBy?: string };
}

/** Throws before anything is sent when an argument, or what a cursor carries, is unsafe. */
export function listPlan(request: ListRequest, cursorKeys: readonly string[]): ListPlan {
  const select = selectValue(request.select);
  const page = request.after === undefined || request.after === null ? null : cursorState(request.after, cursorKeys);
  const filter = expression('filter', page ? page.filter : request.filter);
  const orderBy = expression('orderBy', page ? page.orderBy : request.orderBy);
  const path =
    PROFILES_PATH +
    queryString([
      ['$top', String(request.top)],
      ['$filter', filter],
      ['$orderby', orderBy],
      ['$select', select],
      ['$skiptoken', page?.skipToken],
      ['$skip', page?.skip === undefined ? undefined : String(page.skip)],
    ]);
  return { path, sent: { ...(filter !== undefined ? { filter } : {}), ...(orderBy !== undefined ? { orderBy } : {}) } };
}

function expression(argument: string, value: string | null | undefined): string | undefined {
  if (value === undefined || value === null || value.trim() === '') return undefined;
  if (value.length > MAX_EXPRESSION_LENGTH) throw new UnsafeArgumentError(argument, `${argument} must be at most ${MAX_EXPRESSION_LENGTH} characters`);
  if (!value.isWellFormed()) throw new UnsafeArgumentError(argument, `${argument} must be well-formed Unicode`);
  return value;
}
