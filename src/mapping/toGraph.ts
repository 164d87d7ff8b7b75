import type { UpdateIpSecurityProfileInput } from '../__generated__/resolvers-types.js';
import { COMPLEX_TYPES, IP_SECURITY_PROFILE, type GraphType } from './model.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * The PATCH body for an update. Three states per property, at every depth: left out of the input,
 * left out of the body; `null`, sent as `null` (Graph clears it); a value, sent as given. Values are
 * not reformatted: date-times and numbers reach Graph exactly as the caller wrote them.
 */
export function toGraphPatchBody(input: UpdateIpSecurityProfileInput): { [key: string]: Json } {
  return writeObject(IP_SECURITY_PROFILE, input);
}

function writeObject(type: GraphType, source: object): { [key: string]: Json } {
  const given = source as Record<string, unknown>;
  const out: { [key: string]: Json } = { '@odata.type': type.odataType };
  for (const [name, field] of Object.entries(type.fields)) {
    if (!Object.hasOwn(given, name) || given[name] === undefined) continue;
    const v = given[name];
    if (v === null || field.kind === 'value') {
      out[name] = v as Json;
    } else if (field.kind === 'complex') {
      out[name] = writeObject(COMPLEX_TYPES[field.type], v as object);
    } else {
      out[name] = (v as object[]).map((item) => writeObject(COMPLEX_TYPES[field.type], item));
    }
  }
  return out;
}
