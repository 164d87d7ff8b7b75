// "proxy": what Node itself costs for one hop. A bare node:http server that parses the JSON it is
// sent, forwards it to Graph (the emulator) with a pooled undici client, parses Graph's JSON answer
// and sends it back. No GraphQL, no validation, no mapping: the floor a gateway is measured against.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';

const upstream = new URL(process.env.GRAPH_BASE_URL ?? '');
const pool = new Pool(upstream.origin, { connections: 128, pipelining: 1, keepAliveTimeout: 4_000 });

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const raw = Buffer.concat(chunks).toString('utf8');
    const body = raw.length > 0 ? JSON.stringify(JSON.parse(raw)) : undefined;
    const headers: Record<string, string> = {
      authorization: req.headers.authorization ?? '',
      accept: 'application/json',
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (typeof req.headers.prefer === 'string') headers.prefer = req.headers.prefer;
    pool
      .request({ method: req.method === 'PATCH' ? 'PATCH' : 'GET', path: req.url ?? '/', headers, body })
      .then(async (answer) => {
        const text = await answer.body.text();
        const out = JSON.stringify(JSON.parse(text));
        res.writeHead(answer.statusCode, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(out) });
        res.end(out);
      })
      .catch(() => {
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end('{"error":"upstream"}');
      });
  });
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.send?.({ type: 'ready', url: `http://127.0.0.1:${port}` });
});
process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  void pool.close().then(() => process.exit(0));
});
