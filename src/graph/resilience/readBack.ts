import { entityOf } from '../http/answers.js';
import type { GraphAnswer, GraphEntity } from '../http/types.js';
import { readWithRetry, type RetryScope } from './retry.js';
import { sameValue } from './sameValue.js';

// After an ambiguous write failure, the resource is read back once to learn whether the write landed.

export type ReadBack =
  | { readonly applied: true; readonly entity: GraphEntity }
  /** Not (yet) there; `current` is the profile as Graph holds it, or null when it could not be read. */
  | { readonly applied: false; readonly current: GraphEntity | null };

export async function readBack(scope: RetryScope, path: string, sent: GraphEntity): Promise<ReadBack> {
  let answer: GraphAnswer;
  let entity: GraphEntity;
  try {
    answer = await readWithRetry(scope, { method: 'GET', path });
    if (answer.status !== 200) return { applied: false, current: null };
    entity = entityOf(answer);
  } catch {
    return { applied: false, current: null };
  }
  return holdsSentValues(sent, entity) ? { applied: true, entity } : { applied: false, current: entity };
}

/** Whether `got` holds every property of a PATCH body as sent (see sameValue). */
export function holdsSentValues(sent: GraphEntity, got: GraphEntity): boolean {
  return Object.entries(sent).every(([name, value]) => name.startsWith('@') || sameValue(value, got[name]));
}
