import type { MutationResolvers } from '../__generated__/resolvers-types.js';
import { fromGraphProfile } from '../mapping/fromGraph.js';
import { toGraphPatchBody } from '../mapping/toGraph.js';

export const Mutation: MutationResolvers = {
  async updateIpSecurityProfile(_parent, { id, input }, { graph }) {
    const entity = await graph.updateProfile(id, toGraphPatchBody(input));
    return fromGraphProfile(entity, id);
  },
};
