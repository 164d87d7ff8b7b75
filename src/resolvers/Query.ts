import type { QueryResolvers } from '../__generated__/resolvers-types.js';
import { fromGraphProfile } from '../mapping/fromGraph.js';

export const Query: QueryResolvers = {
  async ipSecurityProfile(_parent, { id }, { graph }) {
    const entity = await graph.getProfile(id);
    return entity && fromGraphProfile(entity, id);
  },
};
