import type { ScalarName } from './model.js';

// What Graph sends must fit the scalar GraphQL serves it as. graphql-js would refuse a misfit with an
// uncoded error (an internal error to the client); checked here, it fails its own field as Graph's fault.

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** Why `v` (not null) cannot be served as `scalar`, or null when it can. */
export function scalarProblem(scalar: ScalarName, v: unknown): string | null {
  switch (scalar) {
    case 'String':
    case 'DateTimeOffset': // its own scalar checks the format, as Graph's fault too
      return typeof v === 'string' ? null : `expected a string, got ${kindOf(v)}`;
    case 'Int':
      return Number.isInteger(v) && (v as number) >= INT32_MIN && (v as number) <= INT32_MAX ? null : `expected a 32-bit integer, got ${kindOf(v)}`;
    case 'SafeInt':
      return Number.isSafeInteger(v) ? null : `expected an integer of at most 53 bits, got ${kindOf(v)}`;
  }
}

/** A short description of a value from outside, never the value itself when it could be long. */
export function kindOf(v: unknown): string {
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return 'an array';
  if (v === null) return 'null';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}
