// Hive Gateway as its users run it, serving a supergraph over node:http on loopback.
// Plain JavaScript on purpose: @graphql-hive/gateway-runtime's types pull in @whatwg-node/fetch,
// whose `/// <reference lib="dom" />` would replace Node's fetch types in every test file.
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';

export async function startHiveGateway(supergraph, { toSubgraph, toClient }) {
  const gateway = createGatewayRuntime({
    supergraph,
    logging: false,
    maskedErrors: false, // a failing test shows the router's real error
    upstreamTimeout: 35_000, // ms; above the subgraph's REQUEST_DEADLINE_MS (30 s)
    // The recipe of docs/routers.md.
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => Object.fromEntries(toSubgraph.map((name) => [name, request.headers.get(name)])),
      fromSubgraphsToClient: ({ response }) => Object.fromEntries(toClient.map((name) => [name, response.headers.get(name)])),
      deduplicateHeaders: true,
    },
  });
  const server = createServer(gateway);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/graphql`,
    async stop() {
      await gateway.dispose();
      await new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
