import { entitiesResolver } from '@apollo/subgraph/dist/types.js';
import { GraphQLError, isUnionType, type GraphQLResolveInfo } from 'graphql';
import type { IpSecurityProfileResolvers } from '../__generated__/resolvers-types.js';
import type { Context } from '../context.js';
import { ErrorCode } from '../errors.js';
import { fromGraphProfile } from '../mapping/fromGraph.js';
import { truncated } from '../observability/truncate.js';
import { selectedProperties } from './selection.js';

export const IpSecurityProfile: IpSecurityProfileResolvers = {
  // Federation: a router hands us `{ id }`s; all of one operation's `_entities` fields are read together
  // with the caller's token (see profileLoader.ts). `entities` below has checked the representation.
  async __resolveReference({ id }, { profiles }, info) {
    const entity = await profiles.load({ id, select: selectedProperties(info) });
    return entity && fromGraphProfile(entity, id);
  },
};

/**
 * `Query._entities`, in front of @apollo/subgraph's own: a malformed representation (no or a non-string
 * `id`, an unknown `__typename`) fails that entity alone with BAD_USER_INPUT, where the library would
 * fail the whole field, or our code deep inside, as an internal error. The caller's mistake: debug log.
 */
export function entities(_source: unknown, args: { readonly representations: readonly unknown[] }, context: Context, info: GraphQLResolveInfo): unknown[] {
  const entityType = info.schema.getType('_Entity');
  const typenames = new Set(isUnionType(entityType) ? entityType.getTypes().map((t) => t.name) : []);
  const results: unknown[] = new Array<unknown>(args.representations.length);
  const valid: unknown[] = [];
  const positions: number[] = [];
  args.representations.forEach((representation, index) => {
    const problem = problemOf(representation, typenames);
    if (problem === null) {
      valid.push(representation);
      positions.push(index);
      return;
    }
    context.logger.debug({ index, problem }, 'malformed entity representation');
    // graphql-js makes an Error in a list that entry's error, at path [_entities, index].
    results[index] = new GraphQLError(`Invalid representation ${index}: ${problem}`, { extensions: { code: ErrorCode.BAD_USER_INPUT, field: 'representations' } });
  });
  const resolved: unknown = valid.length === 0 ? [] : entitiesResolver({ representations: valid, context, info });
  if (Array.isArray(resolved)) resolved.forEach((value: unknown, k) => (results[positions[k]!] = value));
  return results;
}

function problemOf(representation: unknown, typenames: ReadonlySet<string>): string | null {
  if (typeof representation !== 'object' || representation === null || Array.isArray(representation)) return 'must be an object';
  const { __typename: typename, id } = representation as { __typename?: unknown; id?: unknown };
  if (typeof typename !== 'string') return '__typename must be a string';
  if (!typenames.has(typename)) return `"${truncated(typename)}" is not an entity type of this subgraph (${[...typenames].join(', ')})`;
  if (typeof id !== 'string' || id === '') return `id must be a non-empty string (got ${id === undefined ? 'none' : Array.isArray(id) ? 'an array' : id === null ? 'null' : typeof id})`;
  return null;
}
