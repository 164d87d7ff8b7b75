import { InvalidCursorError } from '../http/errors.js';
import { encodeOptionValue } from './query.js';

// A list cursor is Graph's `@odata.nextLink`, wrapped so clients treat it as opaque. Unwrapping checks
// the link stays on the configured Graph origin and collection path: a forged cursor must not make us
// send the caller's token anywhere else, or read anything but the collection.

const PREFIX = 'v1.';
// Graph's skip tokens run to a few hundred characters; anything far past that is not ours.
const MAX_CURSOR_LENGTH = 8192;

export function encodeCursor(nextLink: string): string {
  return PREFIX + Buffer.from(nextLink, 'utf8').toString('base64url');
}

/** Where the configured Graph is: the only place a cursor may lead. */
export interface GraphRoot {
  /** Graph's origin: `https://graph.microsoft.com`. */
  readonly origin: string;
  /** The version path: `/beta`. */
  readonly basePath: string;
}

export interface CursorScope extends GraphRoot {
  /** The collection path below the version: `/security/ipSecurityProfiles`. */
  readonly collectionPath: string;
}

/**
 * The path (below the version root) and query to GET for the page a cursor names, with `$top` and
 * `$select` set to this operation's, so a client may change page size and fields between pages.
 */
export function pageRequestPath(cursor: string, scope: CursorScope, override: { top: string; select: string }): string {
  const link = nextLinkOf(cursor);
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw new InvalidCursorError('the cursor is not one this gateway issued');
  }
  if (url.origin !== scope.origin || url.username !== '' || url.password !== '' || url.hash !== '') {
    throw new InvalidCursorError('the cursor points outside the configured Microsoft Graph');
  }
  if (url.pathname !== scope.basePath + scope.collectionPath) {
    throw new InvalidCursorError('the cursor points outside the ipSecurityProfiles collection');
  }
  const kept = url.search
    .slice(1)
    .split('&')
    .filter((part) => part !== '' && !/^(\$|%24)(top|select)=/i.test(part));
  kept.push(`$top=${encodeOptionValue(override.top)}`, `$select=${encodeOptionValue(override.select)}`);
  return `${scope.collectionPath}?${kept.join('&')}`;
}

function nextLinkOf(cursor: string): string {
  if (cursor.length > MAX_CURSOR_LENGTH || !cursor.startsWith(PREFIX) || !/^[A-Za-z0-9_-]+$/.test(cursor.slice(PREFIX.length))) {
    throw new InvalidCursorError('the cursor is not one this gateway issued');
  }
  const payload = cursor.slice(PREFIX.length);
  const link = Buffer.from(payload, 'base64url').toString('utf8');
  // base64url decoding is lenient; a cursor that does not round-trip was not written by encodeCursor.
  if (Buffer.from(link, 'utf8').toString('base64url') !== payload) throw new InvalidCursorError('the cursor is not one this gateway issued');
  return link;
}
