import { PROFILE_PROPS } from './validation.js';

// The OData system query options the emulator understands on the profile collection and entity:
// `$select`, `$top`, `$skiptoken`, `$orderby`, and `$filter` with `eq` (and `and`) on string
// properties. Anything else is refused with Graph's 400, never silently ignored.

type Entity = Record<string, unknown>;

export interface QueryOptions {
  readonly select: readonly string[] | null;
  readonly top: number | null;
  readonly skip: number;
  readonly filter: readonly { readonly property: string; readonly value: string | null }[];
  readonly orderBy: readonly { readonly property: string; readonly descending: boolean }[];
  /** The options as received, minus `$skiptoken`: carried into `@odata.nextLink`. */
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

export function parseQueryOptions(search: string): QueryOptions {
  let select: string[] | null = null;
  let top: number | null = null;
  let skip = 0;
  let filter: QueryOptions['filter'] = [];
  let orderBy: QueryOptions['orderBy'] = [];
  const carried: string[] = [];
  for (const part of search.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = decode(eq === -1 ? part : part.slice(0, eq));
    const value = decode(eq === -1 ? '' : part.slice(eq + 1));
    if (name !== '$skiptoken') carried.push(part);
    switch (name) {
      case '$select':
        select = value.split(',').map((s) => s.trim());
        for (const p of select) if (p !== 'id' && !(p in PROFILE_PROPS)) throw unknownProperty(p);
        break;
      case '$top':
        if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_TOP) throw new QueryOptionError('BadRequest', `Invalid page size specified: '${value}'. Must be between 1 and ${MAX_TOP} inclusive.`);
        top = Number(value);
        break;
      case '$skiptoken':
        if (!/^\d+$/.test(value)) throw new QueryOptionError('BadRequest', 'Invalid skip token.');
        skip = Number(value);
        break;
      case '$filter':
        filter = parseFilter(value);
        break;
      case '$orderby':
        orderBy = parseOrderBy(value);
        break;
      default:
        if (name.startsWith('$')) throw new QueryOptionError('BadRequest', `Query option '${name}' is not allowed.`);
    }
  }
  return { select, top, skip, filter, orderBy, carried };
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
