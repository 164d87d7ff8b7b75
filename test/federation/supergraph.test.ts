// This subgraph composed with another into a supergraph, behind a real @apollo/gateway: the way a
// platform team runs it. The second subgraph (incidents) is defined here and references profiles by id.
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TOKEN, postGraphQL, startStack, type Stack } from '../helpers/stack.js';
import { composeSupergraph, seedProfiles, startIncidents, type Incidents } from './incidents.js';

interface GatewayContext {
  authorization?: string;
}

/** Carries the client's Authorization header from the router to every subgraph it calls. */
class AuthorizationForwarding extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]): void {
    if (context.authorization) request.http?.headers.set('authorization', context.authorization);
  }
}

describe('composed into a supergraph behind @apollo/gateway', () => {
  let stack: Stack;
  let incidents: Incidents;
  let router: ApolloServer<GatewayContext>;
  let routerUrl: string;

  beforeAll(async () => {
    stack = await startStack();
    incidents = await startIncidents();
    const supergraphSdl = await composeSupergraph(stack, incidents.url);

    router = new ApolloServer<GatewayContext>({
      gateway: new ApolloGateway({
        supergraphSdl,
        buildService: ({ url }) => new AuthorizationForwarding({ url }),
      }),
    });
    routerUrl = (
      await startStandaloneServer(router, {
        listen: { port: 0, host: '127.0.0.1' },
        context: async ({ req }) => ({ authorization: req.headers.authorization }),
      })
    ).url;
  });
  beforeEach(() => {
    stack.emulator.reset();
    incidents.saw.length = 0;
    seedProfiles(stack);
  });
  afterAll(async () => {
    await router?.stop();
    await incidents?.stop();
    await stack?.close();
  });

  it('answers a query spanning both subgraphs, with one Graph batch under the client’s token', async () => {
    const answer = await postGraphQL(
      routerUrl,
      { query: '{ incidents { id title source { id address firstSeenDateTime } } }' },
      { authorization: `Bearer ${TOKEN}` },
    );
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toEqual({
      incidents: [
        { id: 'i1', title: 'Port scan', source: { id: 'p1', address: '10.0.0.1', firstSeenDateTime: '2016-12-31T23:57:27.0365895+03:00' } },
        { id: 'i2', title: 'Brute force', source: { id: 'p2', address: '10.0.0.2', firstSeenDateTime: '2024-02-29T00:00:00.1234567-08:00' } },
        // Graph's 404 makes the entity null in `_entities`; the router keeps the id it already had from
        // the incidents subgraph and leaves this subgraph's fields null (Federation's usual merge).
        { id: 'i3', title: 'Unknown source', source: { id: 'gone', address: null, firstSeenDateTime: null } },
        { id: 'i4', title: 'Port scan again', source: { id: 'p1', address: '10.0.0.1', firstSeenDateTime: '2016-12-31T23:57:27.0365895+03:00' } },
      ],
    });
    // The router asks this subgraph for the entities once; the subgraph asks Graph once, each id once.
    expect(stack.emulator.requests).toHaveLength(1);
    const [call] = stack.emulator.requests;
    expect(`${call!.method} ${call!.url}`).toBe('POST /beta/$batch');
    expect(call!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    const body = JSON.parse(call!.body) as { requests: { url: string }[] };
    expect(body.requests.map((r) => r.url).sort()).toEqual([
      '/security/ipSecurityProfiles/gone?$select=id,address,firstSeenDateTime',
      '/security/ipSecurityProfiles/p1?$select=id,address,firstSeenDateTime',
      '/security/ipSecurityProfiles/p2?$select=id,address,firstSeenDateTime',
    ]);
    expect(incidents.saw).toEqual([`Bearer ${TOKEN}`]);
  });

  it('without the client’s token, the profiles are UNAUTHENTICATED and Graph hears nothing', async () => {
    const answer = await postGraphQL(routerUrl, { query: '{ incidents { id source { address } } }' });
    expect(answer.body.data!.incidents).toHaveLength(4);
    expect(answer.body.errors!.length).toBeGreaterThan(0);
    expect(answer.body.errors!.every((e) => e.extensions!.code === 'UNAUTHENTICATED')).toBe(true);
    expect(stack.emulator.requests).toHaveLength(0);
  });

  it('a router query of the subgraph’s own list reaches Graph with $select', async () => {
    const answer = await postGraphQL(routerUrl, { query: '{ ipSecurityProfiles(first: 2) { nodes { id riskScore } pageInfo { hasNextPage } } }' }, { authorization: `Bearer ${TOKEN}` });
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data!.ipSecurityProfiles).toMatchObject({ nodes: [{ riskScore: 'Risk Score value' }, { id: 'p1', riskScore: 'high' }], pageInfo: { hasNextPage: true } });
    expect(stack.emulator.requests[0]!.url).toBe('/beta/security/ipSecurityProfiles?$top=2&$select=id,riskScore');
  });
});
