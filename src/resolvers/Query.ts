import { GraphQLError } from 'graphql';
import type { QueryResolvers } from '../__generated__/resolvers-types.js';
import { ErrorCode } from '../errors.js';
import { fromGraphProfile } from '../mapping/fromGraph.js';
import { aloneAtRoot, selectedProperties } from './selection.js';

// Graph's `$top` accepts up to 999 on most collections; 1000 is the documented ceiling of this API.
const MAX_PAGE_SIZE = 1000;
const DEFAULT_PAGE_SIZE = 25;

export const Query: QueryResolvers = {
  async ipSecurityProfile(_parent, { id }, context, info) {
    const select = selectedProperties(info);
    // The operation's only field has no other read to be gathered with: no loader, the same plain GET.
    const entity = aloneAtRoot(info) ? await context.graph.getProfile(id, select) : await context.profiles.load({ id, select });
    return entity && fromGraphProfile(entity, id);
  },

  async ipSecurityProfiles(_parent, { first, after, filter, orderBy }, { graph }, info) {
    const top = first ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(top) || top < 1 || top > MAX_PAGE_SIZE) {
      throw new GraphQLError(`Invalid argument "first": must be from 1 to ${MAX_PAGE_SIZE} (got ${top})`, {
        extensions: { code: ErrorCode.BAD_USER_INPUT, field: 'first' },
      });
    }
    const page = await graph.listProfiles({ top, after, filter, orderBy, select: selectedProperties(info, ['nodes']) });
    return {
      nodes: page.profiles.map((entity) => fromGraphProfile(entity, '')),
      pageInfo: { hasNextPage: page.nextCursor !== null, endCursor: page.nextCursor },
    };
  },
};
