import type { Resolvers } from '../__generated__/resolvers-types.js';
import { IpSecurityProfile } from './IpSecurityProfile.js';
import { Mutation } from './Mutation.js';
import { Query } from './Query.js';
import { DateTimeOffset, SafeInt } from './scalars.js';

export const resolvers: Resolvers = { Query, Mutation, IpSecurityProfile, DateTimeOffset, SafeInt };
