import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { parse, type GraphQLSchema } from 'graphql';
import { entities } from './resolvers/IpSecurityProfile.js';
import { resolvers } from './resolvers/index.js';

// `../schema.graphql` resolves to the package root from both src/ (tsx) and dist/ (built).
export const SCHEMA_FILE = new URL('../schema.graphql', import.meta.url);

export function buildSchema(): GraphQLSchema {
  const typeDefs = parse(readFileSync(SCHEMA_FILE, 'utf8'));
  // `_entities` is not in schema.graphql (federation adds it), so codegen's Resolvers cannot type it.
  const withEntities = { ...resolvers, Query: { ...resolvers.Query, _entities: entities } };
  return buildSubgraphSchema({ typeDefs, resolvers: withEntities as GraphQLResolverMap<unknown> });
}
