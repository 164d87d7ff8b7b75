// A reverse proxy in front of the emulator, as GRAPH_BASE_URL may name one: it serves Graph under
// `/graph` and answers with Graph's own links, as a proxy in front of graph.microsoft.com would (the
// emulator's origin in its bodies becomes https://graph.microsoft.com).
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GraphProxy {
  /** The base URL to configure: `http://127.0.0.1:port/graph/beta`. */
  readonly baseUrl: string;
  /** Paths the proxy received, as the gateway sent them. */
  readonly paths: string[];
  /** Where to forward: the emulator's port, set once it runs. */
  target: number;
  close(): Promise<void>;
}

export async function startGraphProxy(): Promise<GraphProxy> {
  const paths: string[] = [];
  const proxy: { target: number } = { target: 0 };
  const server: Server = createServer((req, res) => {
    paths.push(req.url ?? '');
    const upstreamOrigin = `http://127.0.0.1:${proxy.target}`;
    const forwarded = request(
      { host: '127.0.0.1', port: proxy.target, method: req.method, path: (req.url ?? '').replace(/^\/graph/, ''), headers: { ...req.headers, host: `127.0.0.1:${proxy.target}` } },
      (upstream) => {
        const chunks: Buffer[] = [];
        upstream.on('data', (c: Buffer) => chunks.push(c));
        upstream.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8').replaceAll(upstreamOrigin, 'https://graph.microsoft.com');
          const headers = { ...upstream.headers, 'content-length': String(Buffer.byteLength(text)) };
          delete headers['transfer-encoding'];
          res.writeHead(upstream.statusCode ?? 502, headers);
          res.end(text);
        });
      },
    );
    forwarded.on('error', () => res.destroy());
    req.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(proxy, {
    baseUrl: `http://127.0.0.1:${port}/graph/beta`,
    paths,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
