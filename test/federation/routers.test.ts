// The recipes of docs/routers.md, run: this subgraph and the incidents subgraph behind
// @apollo/gateway and behind Hive Gateway. Each must forward the caller's Authorization,
// client-request-id and traceparent to this subgraph (asserted on what Graph received), and hand
// Graph's Deprecation/Sunset back to the client as headers, since routers drop a subgraph's extensions.
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEPRECATION, SUNSET } from '../../src/emulator/deprecation.js';
import { TOKEN, postGraphQL, startStack, type Stack } from '../helpers/stack.js';
import { startHiveGateway } from './hiveGateway.mjs';
import { composeSupergraph, seedProfiles, startIncidents, type Incidents } from './incidents.js';

// What a router sends on to this subgraph, and what it hands back to its client.
const TO_SUBGRAPH = ['authorization', 'client-request-id', 'traceparent', 'tracestate'];
const TO_CLIENT = ['deprecation', 'sunset', 'warning'];

interface Router {
  readonly url: string;
  stop(): Promise<void>;
}

// --- Apollo Gateway: RemoteGraphQLDataSource.willSendRequest / didReceiveResponse ---
interface RouterContext {
  readonly forward: Record<string, string>;
  readonly fromSubgraphs: Map<string, string>;
}
type DataSourceHooks = Required<Pick<RemoteGraphQLDataSource<RouterContext>, 'willSendRequest' | 'didReceiveResponse'>>;

class HeaderPropagation extends RemoteGraphQLDataSource<RouterContext> {
  override willSendRequest({ request, context }: Parameters<DataSourceHooks['willSendRequest']>[0]): void {
    for (const [name, value] of Object.entries<string>(context.forward)) request.http?.headers.set(name, value);
  }
  override didReceiveResponse({ response, context }: Parameters<DataSourceHooks['didReceiveResponse']>[0]) {
    for (const name of TO_CLIENT) {
      const value = response.http?.headers.get(name);
      if (value) context.fromSubgraphs.set(name, value);
    }
    return response;
  }
}

async function startApolloGateway(supergraphSdl: string): Promise<Router> {
  const server = new ApolloServer<RouterContext>({
    gateway: new ApolloGateway({ supergraphSdl, buildService: ({ url }) => new HeaderPropagation({ url }) }),
    plugins: [
      {
        async requestDidStart() {
          return {
            async willSendResponse({ contextValue, response }) {
              for (const [name, value] of contextValue.fromSubgraphs) response.http.headers.set(name, value);
            },
          };
        },
      },
    ],
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => ({
      forward: Object.fromEntries(TO_SUBGRAPH.flatMap((name) => (typeof req.headers[name] === 'string' ? [[name, req.headers[name]]] : []))),
      fromSubgraphs: new Map(),
    }),
  });
  return { url, stop: () => server.stop() };
}

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

describe.each([
  ['@apollo/gateway', startApolloGateway],
  ['Hive Gateway', (supergraph: string) => startHiveGateway(supergraph, { toSubgraph: TO_SUBGRAPH, toClient: TO_CLIENT })],
] as const)('behind %s', (_name, startRouter) => {
  let stack: Stack;
  let incidents: Incidents;
  let router: Router;

  beforeAll(async () => {
    stack = await startStack();
    incidents = await startIncidents();
    router = await startRouter(await composeSupergraph(stack, incidents.url));
  });
  beforeEach(() => {
    stack.emulator.reset();
    seedProfiles(stack);
  });
  afterAll(async () => {
    await router?.stop();
    await incidents?.stop();
    await stack?.close();
  });

  const ask = (requestId: string) =>
    postGraphQL(
      router.url,
      { query: '{ incidents { id source { id address } } }' },
      { authorization: `Bearer ${TOKEN}`, 'client-request-id': requestId, traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01` },
    );

  it("forwards the caller's Authorization, client-request-id and traceparent to this subgraph, and so to Graph", async () => {
    const requestId = `router-${randomSuffix()}`;
    const answer = await ask(requestId);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data!.incidents).toContainEqual({ id: 'i1', source: { id: 'p1', address: '10.0.0.1' } });

    expect(stack.emulator.requests).toHaveLength(1);
    const graph = stack.emulator.requests[0]!;
    expect(`${graph.method} ${graph.url}`).toBe('POST /beta/$batch');
    expect(graph.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(graph.headers['client-request-id']).toBe(requestId);
    expect(graph.headers.traceparent).toMatch(new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-01$`));
  });

  it("hands Graph's Deprecation and Sunset back to the client as headers; the subgraph's extensions do not get through", async () => {
    stack.emulator.settings.deprecated = true;
    const answer = await ask(`router-${randomSuffix()}`);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.headers).toMatchObject({ deprecation: DEPRECATION, sunset: SUNSET });
    // This is why the headers exist: the warnings this subgraph put under extensions are gone.
    expect(JSON.stringify(answer.body)).not.toContain(DEPRECATION);
  });

  it('without deprecation from Graph, no such header reaches the client', async () => {
    const answer = await ask(`router-${randomSuffix()}`);
    for (const name of TO_CLIENT) expect(answer.headers).not.toHaveProperty(name);
  });
});

function randomSuffix(): string {
  return Math.random().toString(36).slice(2, 10);
}
