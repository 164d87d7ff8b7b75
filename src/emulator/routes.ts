// What a Graph URL path names, below the version segment. Graph's path segments are not
// case-sensitive (`/Security/ipSecurityProfiles` is the spelling of the document this mirrors); a key
// value keeps its case. `$` may arrive percent-encoded (`%24batch`).

export type Route =
  | { readonly kind: 'batch' }
  | { readonly kind: 'collection' }
  | { readonly kind: 'count' }
  | { readonly kind: 'entity'; readonly id: string }
  | { readonly kind: 'invalid'; readonly message: string };

/** The methods each kind of target allows, for `Allow` on a 405. */
export const ALLOWED_METHODS = { batch: 'POST', collection: 'GET', count: 'GET', entity: 'GET, PATCH' } as const;

/** `path` is relative to the version root, without a leading slash or query: `security/ipSecurityProfiles/{id}`. */
export function parseRoute(path: string): Route {
  const segments = path.split('/');
  const lower = segments.map((s) => decodeDollar(s).toLowerCase());
  if (lower.length === 1 && lower[0] === '$batch') return { kind: 'batch' };
  if (lower[0] !== 'security' || lower[1] !== 'ipsecurityprofiles' || lower.length > 3) {
    return { kind: 'invalid', message: `Resource not found for the segment '${segments.at(-1) ?? ''}'.` };
  }
  if (lower.length === 2) return { kind: 'collection' };
  if (lower[2] === '$count') return { kind: 'count' };
  if (segments[2] === '') return { kind: 'collection' };
  try {
    return { kind: 'entity', id: decodeURIComponent(segments[2]!) };
  } catch {
    return { kind: 'invalid', message: 'Bad Request - Invalid URL' };
  }
}

function decodeDollar(segment: string): string {
  return segment.replace(/^%24/i, '$');
}
