import type { IpSecurityProfileResolvers } from '../__generated__/resolvers-types.js';
import { fromGraphProfile } from '../mapping/fromGraph.js';
import { selectedProperties } from './selection.js';

export const IpSecurityProfile: IpSecurityProfileResolvers = {
  // Federation: a router hands us `{ id }`s; all of one `_entities` call are read together with the
  // caller's token (see profileLoader.ts).
  async __resolveReference({ id }, { profiles }, info) {
    const entity = await profiles.load({ id, select: selectedProperties(info) });
    return entity && fromGraphProfile(entity, id);
  },
};
