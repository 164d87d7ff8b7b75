import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { parse, type GraphQLSchema } from 'graphql';
import { resolvers } from './resolvers/index.js';

// `../schema.graphql` resolves to the package root from both src/ (tsx) and dist/ (built).
export const SCHEMA_FILE = new URL('../schema.graphql', import.meta.url);

export function buildSchema(): GraphQLSchema {
  const typeDefs = parse(readFileSync(SCHEMA_FILE, 'utf8'));
  return buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> });
}
