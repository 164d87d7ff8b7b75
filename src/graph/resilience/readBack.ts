import { entityOf } from '../http/answers.js';
import { isJsonObject, type GraphAnswer, type GraphEntity } from '../http/types.js';
import { readWithRetry, type RetryScope } from './retry.js';

// After an ambiguous write failure, the resource is read back to learn whether the write landed.

export type ReadBack =
  | { readonly applied: true; readonly entity: GraphEntity; readonly unknown?: never }
  | { readonly applied: false; readonly unknown: boolean };

export async function readBack(scope: RetryScope, path: string, sent: GraphEntity): Promise<ReadBack> {
  let answer: GraphAnswer;
  try {
    answer = await readWithRetry(scope, { method: 'GET', path });
  } catch {
    return { applied: false, unknown: true };
  }
  if (answer.status !== 200) return { applied: false, unknown: true };
  let entity: GraphEntity;
  try {
    entity = entityOf(answer);
  } catch {
    return { applied: false, unknown: true };
  }
  return holdsSentValues(sent, entity) ? { applied: true, entity } : { applied: false, unknown: false };
}

/**
 * Whether `got` holds every property of a PATCH body as sent. Annotations (`@odata.*`) are not
 * values; a complex value sent replaces the old one whole, so properties it left out must be empty.
 */
export function holdsSentValues(sent: GraphEntity, got: GraphEntity): boolean {
  return Object.entries(sent).every(([name, value]) => name.startsWith('@') || sameValue(value, got[name]));
}

function sameValue(sent: unknown, got: unknown): boolean {
  if (sent === null) return got === null || got === undefined;
  if (Array.isArray(sent)) {
    return Array.isArray(got) && got.length === sent.length && sent.every((item, i) => sameValue(item, got[i]));
  }
  if (isJsonObject(sent)) {
    if (!isJsonObject(got)) return false;
    const sentKeys = Object.keys(sent).filter((k) => !k.startsWith('@'));
    const extra = Object.keys(got).filter((k) => !k.startsWith('@') && !(k in sent));
    return sentKeys.every((k) => sameValue(sent[k], got[k])) && extra.every((k) => got[k] === null);
  }
  return sent === got;
}
