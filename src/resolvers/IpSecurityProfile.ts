import type { IpSecurityProfileResolvers } from '../__generated__/resolvers-types.js';
import { fromGraphProfile } from '../mapping/fromGraph.js';

export const IpSecurityProfile: IpSecurityProfileResolvers = {
  // Federation: another subgraph hands us `{ id }`; Graph, with the caller's token, fills in the rest.
  async __resolveReference({ id }, { graph }) {
    const entity = await graph.getProfile(id);
    return entity && fromGraphProfile(entity, id);
  },
};
