import { UnsafeIdError } from '../http/errors.js';

// Longest id we forward. Graph ids are GUIDs or short provider keys; anything near this is abuse.
const MAX_ID_LENGTH = 512;

/**
 * Encodes an entity id as exactly one URL path segment. encodeURIComponent escapes `/ ? # %`, so
 * `a/b` or `%2F` stay inside the segment; what it cannot make safe is refused: dot segments, which
 * every URL normaliser resolves against the parent, the empty id, lone surrogates and control
 * characters.
 */
export function idSegment(id: string): string {
  if (id.length === 0) throw new UnsafeIdError('id must not be empty');
  if (id === '.' || id === '..') throw new UnsafeIdError(`id "${id}" is a dot segment and would change the URL`);
  if (id.length > MAX_ID_LENGTH) throw new UnsafeIdError(`id must be at most ${MAX_ID_LENGTH} characters`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(id)) throw new UnsafeIdError('id must not contain control characters');
  if (!id.isWellFormed()) throw new UnsafeIdError('id must be well-formed Unicode');
  return encodeURIComponent(id);
}

export const PROFILES_PATH = '/security/ipSecurityProfiles';

export function profilePath(id: string): string {
  return `${PROFILES_PATH}/${idSegment(id)}`;
}
