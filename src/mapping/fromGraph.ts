import type { IpSecurityProfile } from '../__generated__/resolvers-types.js';
import { isJsonObject } from '../graph/http/types.js';
import { COMPLEX_TYPES, IP_SECURITY_PROFILE, type GraphType } from './model.js';

type Shape = Record<string, unknown>;

/**
 * Graph's entity JSON to the GraphQL shape: the document's properties only (`@odata.*` annotations and
 * unknown extras dropped), a property Graph left out becomes `null`. Leaf values are passed on
 * untouched, so date-times stay byte-exact; GraphQL's scalars check each leaf on the way out, so a
 * value of the wrong type fails its own field, never the whole profile.
 */
export function fromGraphProfile(entity: Shape, requestedId: string): IpSecurityProfile {
  const profile = readObject(IP_SECURITY_PROFILE, entity);
  // Graph always sends the key, but `id` is non-null here: never let its absence null the profile.
  profile.id = typeof entity.id === 'string' && entity.id !== '' ? entity.id : requestedId;
  return profile as unknown as IpSecurityProfile;
}

function readObject(type: GraphType, source: Shape): Shape {
  const out: Shape = {};
  for (const [name, field] of Object.entries(type.fields)) {
    const v = source[name];
    if (v === undefined || v === null) {
      out[name] = null;
    } else if (field.kind === 'value') {
      out[name] = v;
    } else if (field.kind === 'complex') {
      out[name] = isJsonObject(v) ? readObject(COMPLEX_TYPES[field.type], v) : null;
    } else {
      const itemType = COMPLEX_TYPES[field.type];
      out[name] = Array.isArray(v) ? v.map((item) => (isJsonObject(item) ? readObject(itemType, item) : null)) : null;
    }
  }
  return out;
}
