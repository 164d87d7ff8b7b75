import { entityOf } from '../http/answers.js';
import { GraphClientError } from '../http/errors.js';
import type { GraphEntity } from '../http/types.js';
import { profilePath } from '../odata/paths.js';
import { readWithRetry, type RetryScope } from '../resilience/retry.js';
import { writeWithRetry } from '../resilience/write.js';

/**
 * `PATCH /security/ipSecurityProfiles/{id}` asking for the updated entity back. Graph answers 204
 * by default and may ignore the Prefer header, so a 2xx without an entity is followed by a GET, and
 * so is a 2xx whose body was lost: the status said applied, only the profile is missing.
 * Replayed only when Graph certainly did not process it (see writeWithRetry).
 */
export async function updateProfile(scope: RetryScope, id: string, body: GraphEntity): Promise<GraphEntity> {
  const path = profilePath(id);
  const result = await writeWithRetry(scope, path, body, { prefer: 'return=representation' });
  if ('confirmed' in result) return result.confirmed;
  try {
    if ('answer' in result && result.answer.text.trim() !== '') return entityOf(result.answer);
    return entityOf(await readWithRetry(scope, { method: 'GET', path }));
  } catch (err) {
    // Graph said 2xx: the write went through even though its entity cannot be shown. Whatever
    // fails here (the read-back, the deadline), the outcome stays `applied`.
    if (err instanceof GraphClientError) err.outcome = 'applied';
    throw err;
  }
}
