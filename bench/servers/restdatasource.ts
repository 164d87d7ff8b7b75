// "restdatasource": the build users write first. Apollo Server started with startStandaloneServer,
// the same schema.graphql (as a federation subgraph), the same scalars and the same pure mapping as
// the gateway, and a RESTDataSource with its defaults (node-fetch, GET deduplication, the HTTP cache
// on the server's shared cache) created per request as Apollo's documentation shows.
import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { RESTDataSource, type AugmentedRequest } from '@apollo/datasource-rest';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { GraphQLError, parse } from 'graphql';
import type { UpdateIpSecurityProfileInput } from '../../src/__generated__/resolvers-types.js';
import { fromGraphProfile } from '../../src/mapping/fromGraph.js';
import { toGraphPatchBody } from '../../src/mapping/toGraph.js';
import { DateTimeOffset, SafeInt } from '../../src/resolvers/scalars.js';

type Entity = Record<string, unknown>;

class IpSecurityProfilesAPI extends RESTDataSource {
  override baseURL: string;
  private readonly token: string;

  constructor(options: { cache: KeyValueCache; token: string; baseURL: string }) {
    super({ cache: options.cache });
    this.token = options.token;
    // Relative paths resolve against a base that ends with a slash.
    this.baseURL = `${options.baseURL}/`;
  }

  override willSendRequest(_path: string, request: AugmentedRequest): void {
    request.headers.authorization = `Bearer ${this.token}`;
  }

  getProfile(id: string): Promise<Entity> {
    return this.get<Entity>(`security/ipSecurityProfiles/${encodeURIComponent(id)}`);
  }

  updateProfile(id: string, body: Entity): Promise<Entity> {
    return this.patch<Entity>(`security/ipSecurityProfiles/${encodeURIComponent(id)}`, {
      body,
      headers: { prefer: 'return=representation' },
    });
  }
}

interface Context {
  readonly dataSources: { readonly graph: IpSecurityProfilesAPI };
}

const resolvers = {
  Query: {
    async ipSecurityProfile(_: unknown, { id }: { id: string }, { dataSources }: Context) {
      try {
        return fromGraphProfile(await dataSources.graph.getProfile(id), id);
      } catch (err) {
        if (err instanceof GraphQLError && (err.extensions.response as { status?: number } | undefined)?.status === 404) return null;
        throw err;
      }
    },
  },
  Mutation: {
    async updateIpSecurityProfile(_: unknown, { id, input }: { id: string; input: UpdateIpSecurityProfileInput }, { dataSources }: Context) {
      return fromGraphProfile(await dataSources.graph.updateProfile(id, toGraphPatchBody(input)), id);
    },
  },
  DateTimeOffset,
  SafeInt,
};

const baseURL = process.env.GRAPH_BASE_URL ?? '';
const typeDefs = parse(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));
const server = new ApolloServer<Context>({
  schema: buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> }),
});
const { url } = await startStandaloneServer(server, {
  listen: { port: 0, host: '127.0.0.1' },
  context: async ({ req }) => {
    const token = (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
    return { dataSources: { graph: new IpSecurityProfilesAPI({ cache: server.cache, token, baseURL }) } };
  },
});
process.send?.({ type: 'ready', url: url.replace(/\/$/, '') + '/graphql' });
process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)));
