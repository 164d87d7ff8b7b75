import { InvalidCursorError } from '../http/errors.js';
import { signed, verified } from './cursorSigning.js';

// A list cursor carries what a fresh request could carry and nothing else: Graph's `$skiptoken` (or
// `$skip`) from its `@odata.nextLink`, and the filter and order this gateway itself sent. Graph's link
// is read once, when the page arrives (a foreign one fails that page); the cursor never holds a host
// or a path, so its page is always asked of the configured base URL, proxy or not. At use, every
// value is checked again against the limits of a first page (listQuery.ts): a forged cursor gains
// nothing a hand-written request could not ask for.

const PREFIX = 'v2.';
// Graph's skip tokens run to a few hundred characters; anything far past that is not Graph's.
const MAX_SKIP_TOKEN_LENGTH = 2048;
// Filter and order are checked against their own limit at use; this only bounds the decoding work.
const MAX_CURSOR_LENGTH = 8192;

/** Where the configured Graph is: what a next-page link may name. */
export interface GraphRoot {
  /** Graph's origin as configured (a proxy's, perhaps): `https://graph.microsoft.com`. */
  readonly origin: string;
  /** The version path as configured: `/beta` (or `/graph/beta` behind a proxy). */
  readonly basePath: string;
  /** Cursor signing keys, the signing one first (CURSOR_SIGNING_KEYS); none: unsigned cursors. */
  readonly cursorKeys: readonly string[];
}

/** What a cursor names: where Graph's paging left off, and the options this gateway sent. */
export interface CursorState {
  readonly skipToken?: string;
  readonly skip?: number;
  readonly filter?: string;
  readonly orderBy?: string;
}

// Behind a proxy Graph's links name Graph's own host: the national clouds' roots, over https.
const GRAPH_ORIGINS = new Set(['https://graph.microsoft.com', 'https://graph.microsoft.us', 'https://dod-graph.microsoft.us', 'https://microsoftgraph.chinacloudapi.cn']);

/**
 * The cursor for the page Graph's `@odata.nextLink` names, or why the link is not Graph's: another
 * origin, another path than the collection below the version root, or no skip token to follow.
 */
export function cursorFromNextLink(link: string, root: GraphRoot, collectionPath: string, sent: Pick<CursorState, 'filter' | 'orderBy'>): string | { problem: string } {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return { problem: 'the next-page link is not a URL' };
  }
  if ((url.origin !== root.origin && !GRAPH_ORIGINS.has(url.origin)) || url.username !== '' || url.password !== '') {
    return { problem: 'the next-page link points outside Microsoft Graph' };
  }
  const version = root.basePath.slice(root.basePath.lastIndexOf('/'));
  if (url.pathname !== root.basePath + collectionPath && url.pathname !== version + collectionPath) {
    return { problem: 'the next-page link points outside the ipSecurityProfiles collection' };
  }
  const options = queryOptions(url.search);
  if (options === null) return { problem: 'the next-page link has a malformed query' };
  const skipToken = options.get('$skiptoken');
  const skip = options.get('$skip');
  if (skipToken !== undefined) {
    if (skipToken === '' || skipToken.length > MAX_SKIP_TOKEN_LENGTH) return { problem: 'the next-page link has an unusable $skiptoken' };
  } else if (skip === undefined || !/^\d{1,9}$/.test(skip)) {
    return { problem: 'the next-page link has neither $skiptoken nor $skip' };
  }
  const state: CursorState = { ...(skipToken !== undefined ? { skipToken } : { skip: Number(skip) }), ...definedOnly(sent) };
  return signed(PREFIX + Buffer.from(JSON.stringify(state), 'utf8').toString('base64url'), root.cursorKeys);
}

/** A cursor's state, shape-checked; the caller checks filter and order as it checks a first page's. */
export function cursorState(given: string, keys: readonly string[]): CursorState {
  const refused = new InvalidCursorError('the cursor is not one this gateway issued');
  const cursor = given.length > MAX_CURSOR_LENGTH ? null : verified(given, keys);
  if (cursor === null) throw refused;
  if (cursor.length > MAX_CURSOR_LENGTH || !cursor.startsWith(PREFIX) || !/^[A-Za-z0-9_-]+$/.test(cursor.slice(PREFIX.length))) throw refused;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor.slice(PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    throw refused;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw refused;
  const { skipToken, skip, filter, orderBy, ...rest } = parsed as Record<string, unknown>;
  // Only what cursorFromNextLink writes: any other key is a forgery asking for more.
  if (Object.keys(rest).length > 0) throw refused;
  const tokenOk = typeof skipToken === 'string' && skipToken !== '' && skipToken.length <= MAX_SKIP_TOKEN_LENGTH && skip === undefined;
  const skipOk = skipToken === undefined && Number.isSafeInteger(skip) && (skip as number) >= 0;
  if (!tokenOk && !skipOk) throw refused;
  if ((filter !== undefined && typeof filter !== 'string') || (orderBy !== undefined && typeof orderBy !== 'string')) throw refused;
  return parsed as CursorState;
}

/** `?a=1&b=2` by lower-cased name, percent-decoded (a `+` stays a `+`: OData is not a form); null if malformed. */
function queryOptions(search: string): Map<string, string> | null {
  const options = new Map<string, string>();
  try {
    for (const part of search.slice(1).split('&')) {
      if (part === '') continue;
      const eq = part.indexOf('=');
      const name = decodeURIComponent(eq === -1 ? part : part.slice(0, eq)).toLowerCase();
      options.set(name, decodeURIComponent(eq === -1 ? '' : part.slice(eq + 1)));
    }
  } catch {
    return null;
  }
  return options;
}

function definedOnly(sent: Pick<CursorState, 'filter' | 'orderBy'>): Pick<CursorState, 'filter' | 'orderBy'> {
  return { ...(sent.filter !== undefined ? { filter: sent.filter } : {}), ...(sent.orderBy !== undefined ? { orderBy: sent.orderBy } : {}) };
}
