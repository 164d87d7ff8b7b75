import { UnsafeArgumentError } from '../http/errors.js';
import { pageRequestPath, type GraphRoot } from './cursor.js';
import { PROFILES_PATH } from './paths.js';
import { queryString, selectValue } from './query.js';

// `GET /security/ipSecurityProfiles` with OData options: the first page from the arguments, a later
// one from its cursor.

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

/** The path and query below the version root; throws before anything is sent when an argument is unsafe. */
export function listRequestPath(request: ListRequest, root: GraphRoot): string {
  const select = selectValue(request.select);
  if (request.after !== undefined && request.after !== null) {
    return pageRequestPath(request.after, { ...root, collectionPath: PROFILES_PATH }, { top: String(request.top), select });
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
