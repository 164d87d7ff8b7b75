import type { IpSecurityProfile } from '../__generated__/resolvers-types.js';
import { GraphValueError } from '../graph/http/errors.js';
import { isJsonObject } from '../graph/http/types.js';
import { COMPLEX_TYPES, IP_SECURITY_PROFILE, type FieldKind, type GraphType } from './model.js';
import { kindOf, scalarProblem } from './values.js';

type Shape = Record<string, unknown>;

/**
 * Graph's entity JSON to the GraphQL shape: the document's properties only (`@odata.*` annotations and
 * unknown extras dropped), a property Graph left out becomes `null`. Leaf values are passed on
 * untouched, so date-times stay byte-exact. A value that does not fit its type becomes a
 * GraphValueError in its place: graphql-js fails that field alone with it (UPSTREAM_ERROR), never the
 * whole profile.
 */
export function fromGraphProfile(entity: Shape, requestedId: string): IpSecurityProfile {
  const profile = readObject(IP_SECURITY_PROFILE, entity);
  // Graph always sends the key, but `id` is non-null here: never let its absence null the profile.
  profile.id = typeof entity.id === 'string' && entity.id !== '' ? entity.id : requestedId;
  return profile as unknown as IpSecurityProfile;
}

function readObject(type: GraphType, source: Shape, parent = ''): Shape {
  const out: Shape = {};
  for (const [name, field] of Object.entries(type.fields)) {
    const v = source[name];
    out[name] = v === undefined || v === null ? null : readField(field, v, parent + name);
  }
  return out;
}

function readField(field: FieldKind, v: unknown, property: string): unknown {
  const malformed = (reason: string) => new GraphValueError(property, reason);
  if (field.kind === 'complex') return isJsonObject(v) ? readObject(COMPLEX_TYPES[field.type], v, `${property}.`) : malformed(`expected an object, got ${kindOf(v)}`);
  const list = field.kind === 'complexList' || field.list === true;
  if (!list) {
    const problem = scalarProblem(field.scalar, v);
    return problem === null ? v : malformed(problem);
  }
  if (!Array.isArray(v)) return malformed(`expected a list, got ${kindOf(v)}`);
  if (field.kind === 'complexList') {
    const bad = v.find((item) => item !== null && !isJsonObject(item));
    if (bad !== undefined) return malformed(`expected a list of objects, got ${kindOf(bad)} in it`);
    return v.map((item) => (item === null ? null : readObject(COMPLEX_TYPES[field.type], item as Shape, `${property}.`)));
  }
  for (const item of v) {
    const problem = item === null ? null : scalarProblem(field.scalar, item);
    if (problem !== null) return malformed(`${problem} in the list`);
  }
  return v;
}
