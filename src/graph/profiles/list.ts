import { header, jsonOf } from '../http/answers.js';
import { GraphProtocolError } from '../http/errors.js';
import { isJsonObject, type GraphAnswer, type GraphEntity } from '../http/types.js';
import { encodeCursor, type GraphRoot } from '../odata/cursor.js';
import { listRequestPath, type ListRequest } from '../odata/listQuery.js';
import { readWithRetry, type RetryScope } from '../resilience/retry.js';

export interface ProfilePage {
  readonly profiles: GraphEntity[];
  /** An opaque cursor for the next page, or null on the last one. */
  readonly nextCursor: string | null;
}

/** One page of `GET /security/ipSecurityProfiles`, or the page a cursor names; `root` is where cursors may lead. */
export async function listProfiles(scope: RetryScope, request: ListRequest, root: GraphRoot): Promise<ProfilePage> {
  const path = listRequestPath(request, root);
  return readPage(await readWithRetry(scope, { method: 'GET', path }));
}

/**
 * Graph's page: `{"value": [...], "@odata.nextLink"?: "..."}`. A 206 Partial Content (a provider of
 * the legacy security API failed) still carries the profiles the others returned, so it is a page.
 */
function readPage(answer: GraphAnswer): ProfilePage {
  const parsed = jsonOf(answer);
  if (!isJsonObject(parsed) || !Array.isArray(parsed.value) || !parsed.value.every(isJsonObject)) {
    throw new GraphProtocolError(answer.status, 'the body is not a collection of entities', header(answer.headers, 'request-id'));
  }
  const next = parsed['@odata.nextLink'];
  return { profiles: parsed.value, nextCursor: typeof next === 'string' && next !== '' ? encodeCursor(next) : null };
}
