import DataLoader from 'dataloader';
import type { GraphEntity, GraphSession } from './graph/client.js';
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

export type ProfileLoader = DataLoader<ProfileKey, GraphEntity | null, string>;

export function createProfileLoader(graph: Pick<GraphSession, 'getProfile' | 'getProfiles'>): ProfileLoader {
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
    { cacheKeyFn: (k) => `${k.id}\u0000${k.select.join(',')}` },
  );
}
