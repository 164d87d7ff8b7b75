import { UnsafeArgumentError } from '../http/errors.js';

// OData system query options, written the way Graph's own SDKs write them: `$name=value` with the
// value percent-encoded (a `'` or `,` is left readable; `&`, `#`, `+`, spaces are escaped), so a
// caller's filter text can never add or change another option.

/** Graph property names as `$select` takes them; always has `id` first, no duplicates. */
export function selectValue(properties: readonly string[]): string {
  const names = ['id', ...properties.filter((p) => p !== 'id')];
  for (const name of names) {
    // Property names are identifiers; anything else would smuggle syntax into the option.
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new UnsafeArgumentError('$select', `"${name}" is not a property name`);
  }
  return [...new Set(names)].join(',');
}

export function encodeOptionValue(value: string): string {
  return encodeURIComponent(value).replace(/%2C/gi, ',').replace(/%24/gi, '$');
}

/** `?$a=1&$b=2` from the options that have a value, in the order given; '' when none has. */
export function queryString(options: ReadonlyArray<readonly [string, string | undefined]>): string {
  const parts = options.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${encodeOptionValue(v!)}`);
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}

/** `?$select=id,...` for reading only these properties of a profile. */
export function selectQuery(properties: readonly string[]): string {
  return queryString([['$select', selectValue(properties)]]);
}
