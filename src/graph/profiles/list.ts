import { header, jsonOf } from '../http/answers.js';
import { GraphProtocolError } from '../http/errors.js';
import { isJsonObject, type GraphAnswer, type GraphEntity } from '../http/types.js';
import { cursorFromNextLink, type GraphRoot } from '../odata/cursor.js';
import { listPlan, type ListRequest } from '../odata/listQuery.js';
import { PROFILES_PATH } from '../odata/paths.js';
import { readWithRetry, type RetryScope } from '../resilience/retry.js';

export interface ProfilePage {
  readonly profiles: GraphEntity[];
  /** An opaque cursor for the next page, or null on the last one. */
  readonly nextCursor: string | null;
}

/** One page of `GET /security/ipSecurityProfiles`, or the page a cursor names; `root` is where cursors may lead. */
export async function listProfiles(scope: RetryScope, request: ListRequest, root: GraphRoot): Promise<ProfilePage> {
  const plan = listPlan(request, root.cursorKeys);
  const answer = await readWithRetry(scope, { method: 'GET', path: plan.path });
  return readPage(answer, (link) => cursorFromNextLink(link, root, PROFILES_PATH, plan.sent));
}

/**
 * Graph's page: `{"value": [...], "@odata.nextLink"?: "..."}`. A 206 Partial Content (a provider of
 * the legacy security API failed) still carries the profiles the others returned, so it is a page.
 */
function readPage(answer: GraphAnswer, cursorFor: (link: string) => string | { problem: string }): ProfilePage {
  const parsed = jsonOf(answer);
  if (!isJsonObject(parsed) || !Array.isArray(parsed.value) || !parsed.value.every(isJsonObject)) {
    throw new GraphProtocolError(answer.status, 'the body is not a collection of entities', header(answer.headers, 'request-id'));
  }
  const next = parsed['@odata.nextLink'];
  if (next === undefined || next === null) return { profiles: parsed.value, nextCursor: null };
  // Checked now, not when the client follows it: a page must never hand out a cursor we would refuse.
  const cursor = typeof next === 'string' ? cursorFor(next) : { problem: 'the next-page link is not a string' };
  if (typeof cursor !== 'string') throw new GraphProtocolError(answer.status, cursor.problem, header(answer.headers, 'request-id'));
  return { profiles: parsed.value, nextCursor: cursor };
}
