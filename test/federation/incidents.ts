// A second subgraph for the federation tests: incidents that reference profiles by key alone, and
// a supergraph composed from it and the running profiles subgraph's own SDL.
import { composeServices } from '@apollo/composition';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { expect } from 'vitest';
import { postGraphQL, type Stack } from '../helpers/stack.js';

export const INCIDENTS_SDL = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Incident @key(fields: "id") {
    id: ID!
    title: String!
    source: IpSecurityProfile
  }
  type IpSecurityProfile @key(fields: "id", resolvable: false) {
    id: ID!
  }
  type Query {
    incidents: [Incident!]!
  }
`);

export const INCIDENTS = [
  { id: 'i1', title: 'Port scan', sourceId: 'p1' },
  { id: 'i2', title: 'Brute force', sourceId: 'p2' },
  { id: 'i3', title: 'Unknown source', sourceId: 'gone' },
  { id: 'i4', title: 'Port scan again', sourceId: 'p1' },
];

export interface Incidents {
  readonly url: string;
  /** The Authorization header of every request the incidents subgraph received. */
  readonly saw: (string | undefined)[];
  stop(): Promise<void>;
}

export async function startIncidents(): Promise<Incidents> {
  const saw: (string | undefined)[] = [];
  const server = new ApolloServer({
    schema: buildSubgraphSchema({
      typeDefs: INCIDENTS_SDL,
      resolvers: {
        Query: { incidents: () => INCIDENTS },
        Incident: { source: (incident: (typeof INCIDENTS)[number]) => ({ __typename: 'IpSecurityProfile', id: incident.sourceId }) },
      },
    }),
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => {
      saw.push(req.headers.authorization);
      return {};
    },
  });
  return { url, saw, stop: () => server.stop() };
}

/** Composes from the SDL the running subgraph serves, as `rover subgraph introspect` would read it. */
export async function composeSupergraph(stack: Stack, incidentsUrl: string): Promise<string> {
  const service = await postGraphQL(stack.gateway.url, { query: '{ _service { sdl } }' });
  const sdl = (service.body.data!._service as { sdl: string }).sdl;
  const composed = composeServices([
    { name: 'ipsecurityprofiles', typeDefs: parse(sdl), url: stack.gateway.url },
    { name: 'incidents', typeDefs: INCIDENTS_SDL, url: incidentsUrl },
  ]);
  expect(composed.errors).toBeUndefined();
  return composed.supergraphSdl!;
}

export function seedProfiles(stack: Stack): void {
  stack.emulator.store.put({ id: 'p1', address: '10.0.0.1', firstSeenDateTime: '2016-12-31T23:57:27.0365895+03:00', riskScore: 'high' });
  stack.emulator.store.put({ id: 'p2', address: '10.0.0.2', firstSeenDateTime: '2024-02-29T00:00:00.1234567-08:00', riskScore: 'low' });
}
