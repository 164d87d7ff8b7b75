import { PROFILE_PROPS } from './validation.js';

// The OData system query options the emulator understands on the profile collection and entity:
// `$select`, `$top`, `$skip`, `$skiptoken`, `$count`, `$orderby`, and `$filter` with `eq` (and `and`) on
// string properties. On beta the `$` is optional (`top=1` is `$top=1`); an option given twice, or one
// the emulator does not play, is refused with Graph's 400, never silently ignored.

type Entity = Record<string, unknown>;

export interface QueryOptions {
  /** The selected property names as written, or null for all. */
  readonly select: readonly string[] | null;
  readonly top: number | null;
  /** Where the page starts: `$skiptoken` (the emulator's tokens are offsets) or else `$skip`. */
  readonly skip: number;
  readonly count: boolean;
  readonly filter: readonly { readonly property: string; readonly value: string | null }[];
  readonly orderBy: readonly { readonly property: string; readonly descending: boolean }[];
  /** The options as received, minus `$skip` and `$skiptoken`: carried into `@odata.nextLink`. */
  readonly carried: readonly string[];
}

export class QueryOptionError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const MAX_TOP = 1000;
// OData's system query options: with or without `$` on beta, a name among these is one of them.
const SYSTEM_OPTIONS = new Set(['select', 'top', 'skip', 'skiptoken', 'count', 'filter', 'orderby', 'expand', 'search', 'format', 'compute', 'apply', 'deltatoken', 'index', 'levels', 'schemaversion', 'id']);

export function parseQueryOptions(search: string, version: string): QueryOptions {
  const values = new Map<string, string>();
  const carried: string[] = [];
  for (const part of search.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const raw = decode(eq === -1 ? part : part.slice(0, eq)).toLowerCase();
    const name = raw.startsWith('$') ? raw.slice(1) : version === 'beta' && SYSTEM_OPTIONS.has(raw) ? raw : null;
    if (name === null) continue; // a custom query option: Graph ignores what it does not know
    if (values.has(name)) throw new QueryOptionError('BadRequest', `Query option '$${name}' was specified more than once, but it must be specified at most once.`);
    if (!['select', 'top', 'skip', 'skiptoken', 'count', 'filter', 'orderby'].includes(name)) throw new QueryOptionError('BadRequest', `Query option '$${name}' is not allowed.`);
    values.set(name, decode(eq === -1 ? '' : part.slice(eq + 1)));
    if (name !== 'skip' && name !== 'skiptoken') carried.push(part);
  }
  const text = (name: string) => values.get(name);
  const skiptoken = text('skiptoken');
  if (skiptoken !== undefined && !/^\d+$/.test(skiptoken)) throw new QueryOptionError('BadRequest', 'Invalid skip token.');
  const skip = text('skip');
  if (skip !== undefined && !/^\d+$/.test(skip)) throw new QueryOptionError('BadRequest', `Invalid value '${skip}' for $skip query option found. The $skip query option requires a non-negative integer value.`);
  const count = text('count')?.toLowerCase();
  if (count !== undefined && count !== 'true' && count !== 'false') throw new QueryOptionError('BadRequest', `'${text('count')}' is not a valid count option.`);
  return {
    select: selectList(text('select')),
    top: topValue(text('top')),
    skip: Number(skiptoken ?? skip ?? 0),
    count: count === 'true',
    filter: text('filter') === undefined ? [] : parseFilter(text('filter')!),
    orderBy: text('orderby') === undefined ? [] : parseOrderBy(text('orderby')!),
    carried,
  };
}

function topValue(value: string | undefined): number | null {
  if (value === undefined) return null;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_TOP) throw new QueryOptionError('BadRequest', `Invalid page size specified: '${value}'. Must be between 1 and ${MAX_TOP} inclusive.`);
  return Number(value);
}

// ipSecurityProfile is an open type: a $select may name a dynamic property as well as a declared one.
function selectList(value: string | undefined): string[] | null {
  if (value === undefined) return null;
  const names = value.split(',').map((s) => s.trim());
  for (const name of names) if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new QueryOptionError('BadRequest', `Syntax error at position 0 in '${name}'.`);
  return names;
}

/** The entity with only the selected properties (and its annotations), as Graph answers `$select`. */
export function project(entity: Entity, select: readonly string[] | null): Entity {
  if (select === null) return entity;
  return Object.fromEntries(Object.entries(entity).filter(([k]) => k.startsWith('@') || select.includes(k)));
}

export function applyListOptions(all: Entity[], options: QueryOptions): Entity[] {
  let rows = all.filter((e) => options.filter.every(({ property, value }) => (e[property] ?? null) === value));
  if (options.orderBy.length > 0) {
    rows = [...rows].sort((a, b) => {
      for (const { property, descending } of options.orderBy) {
        const c = compare(a[property], b[property]);
        if (c !== 0) return descending ? -c : c;
      }
      return 0;
    });
  }
  return rows;
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : 1;
}

const CLAUSE = /^\s*([A-Za-z]+)\s+eq\s+(?:'((?:[^']|'')*)'|(null))\s*$/;

function parseFilter(text: string): QueryOptions['filter'] {
  return text.split(/\s+and\s+/).map((clause) => {
    const m = CLAUSE.exec(clause);
    if (!m) throw new QueryOptionError('BadRequest', `Invalid filter clause: '${clause.trim()}'. The emulator supports "property eq 'value'" joined by "and".`);
    const property = m[1]!;
    const prop = PROFILE_PROPS[property];
    if (!prop) throw unknownProperty(property);
    if (!('edm' in prop) || prop.edm !== 'String' || prop.collection) {
      throw new QueryOptionError('BadRequest', `The emulator filters only on string properties; '${property}' is not one.`);
    }
    return { property, value: m[3] === 'null' ? null : m[2]!.replace(/''/g, "'") };
  });
}

function parseOrderBy(text: string): QueryOptions['orderBy'] {
  return text.split(',').map((item) => {
    const m = /^\s*([A-Za-z]+)(?:\s+(asc|desc))?\s*$/.exec(item);
    if (!m) throw new QueryOptionError('BadRequest', `Invalid orderby clause: '${item.trim()}'.`);
    if (m[1] !== 'id' && !(m[1]! in PROFILE_PROPS)) throw unknownProperty(m[1]!);
    return { property: m[1]!, descending: m[2] === 'desc' };
  });
}

function unknownProperty(name: string): QueryOptionError {
  return new QueryOptionError('BadRequest', `Could not find a property named '${name}' on type 'microsoft.graph.ipSecurityProfile'.`);
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new QueryOptionError('BadRequest', 'Bad Request - Invalid URL');
  }
}
