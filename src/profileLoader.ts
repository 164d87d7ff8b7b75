import DataLoader from 'dataloader';
import type { GraphEntity, GraphSession } from './graph/client.js';
import { ReadBudgetExceededError } from './graph/errors.js';
import { IP_SECURITY_PROFILE } from './mapping/model.js';

// Graph's property order, so the same fields always make the same `$select`.
const PROPERTY_ORDER = Object.keys(IP_SECURITY_PROFILE.fields);

// No N+1: every profile read by id during one request (entity representations from a federation
// router, `ipSecurityProfile(id)` fields side by side) is gathered here and read together. One loader
// per request, built with that request's Graph session, so nothing is shared across callers or tokens.

export interface ProfileKey {
  readonly id: string;
  /** Graph properties the field needs; the batch asks for the union. */
  readonly select: readonly string[];
}

export interface ProfileLoader {
  load(key: ProfileKey): Promise<GraphEntity | null>;
}

const cacheKeyOf = (k: ProfileKey): string => `${k.id}\u0000${k.select.join(',')}`;

export function createProfileLoader(graph: Pick<GraphSession, 'getProfile' | 'getProfiles'>, maxRepeatedBytes: number): ProfileLoader {
  return new RepeatCountingLoader(batchedReads(graph), maxRepeatedBytes);
}

// The read budget counts each profile once, as Graph sends it; the loader's cache then hands the same
// profile to every field that asks for it (200 representations of one id, aliased fields), and each
// copy is in the response. Copies after the first are counted here, against the same number of bytes,
// so a response stays within about twice the read budget however often one profile is repeated.
class RepeatCountingLoader implements ProfileLoader {
  private readonly handedOut = new WeakSet<GraphEntity>();
  private repeatedBytes = 0;

  constructor(
    private readonly loader: DataLoader<ProfileKey, GraphEntity | null, string>,
    private readonly maxRepeatedBytes: number,
  ) {}

  async load(key: ProfileKey): Promise<GraphEntity | null> {
    const entity = await this.loader.load(key);
    if (entity === null) return null;
    if (!this.handedOut.has(entity)) {
      this.handedOut.add(entity);
      return entity;
    }
    this.repeatedBytes += sizeOf(entity);
    if (this.repeatedBytes > this.maxRepeatedBytes) throw new ReadBudgetExceededError(this.maxRepeatedBytes, 'repeats profiles of more than');
    return entity;
  }
}

const SIZES = new WeakMap<GraphEntity, number>();

/** The entity's size as JSON (UTF-16 units: close to bytes for Graph's mostly ASCII text), computed once. */
function sizeOf(entity: GraphEntity): number {
  let size = SIZES.get(entity);
  if (size === undefined) {
    size = JSON.stringify(entity).length;
    SIZES.set(entity, size);
  }
  return size;
}

function batchedReads(graph: Pick<GraphSession, 'getProfile' | 'getProfiles'>): DataLoader<ProfileKey, GraphEntity | null, string> {
  return new DataLoader<ProfileKey, GraphEntity | null, string>(
    async (keys) => {
      const wanted = new Set(keys.flatMap((k) => k.select));
      const select = PROPERTY_ORDER.filter((p) => wanted.has(p));
      const ids = [...new Set(keys.map((k) => k.id))];
      if (ids.length === 1) {
        // A batch of one would cost Graph an extra envelope for nothing: a plain GET.
        try {
          const entity = await graph.getProfile(ids[0]!, select);
          return keys.map(() => entity);
        } catch (err) {
          const error = err instanceof Error ? err : new Error(String(err));
          return keys.map(() => error);
        }
      }
      const results = await graph.getProfiles(ids, select);
      return keys.map((k) => results.get(k.id) ?? null);
    },
    { cacheKeyFn: cacheKeyOf },
  );
}
