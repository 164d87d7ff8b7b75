import { entityOf } from '../http/answers.js';
import type { GraphEntity } from '../http/types.js';
import { profilePath } from '../odata/paths.js';
import { selectQuery } from '../odata/query.js';
import { readWithRetry, type RetryScope } from '../resilience/retry.js';

/**
 * `GET /security/ipSecurityProfiles/{id}`; `null` when Graph says 404. With `select`, only those
 * properties (and `id`) are asked for. Retried within the deadline.
 */
export async function getProfile(scope: RetryScope, id: string, select?: readonly string[]): Promise<GraphEntity | null> {
  const path = profilePath(id) + (select === undefined ? '' : selectQuery(select));
  const answer = await readWithRetry(scope, { method: 'GET', path });
  if (answer.status === 404) return null;
  return entityOf(answer);
}
