import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { ChaosSettings } from './chaos.js';
import { dispatch, type TokenCheck } from './dispatch.js';
import type { Fault } from './faults.js';
import { graphError } from './graphAnswers.js';
import type { EmulatorSettings } from './profiles.js';
import type { RecordedRequest } from './recorder.js';
import { createState } from './state.js';
import type { ProfileStore } from './store.js';

export type { Fault, FaultKind } from './faults.js';
export type { ChaosSettings } from './chaos.js';
export type { EmulatorSettings } from './profiles.js';
export type { RecordedRequest } from './recorder.js';

export interface EmulatorOptions {
  readonly port?: number;
  readonly host?: string;
  /** Requests kept for inspection; older ones are dropped. */
  readonly keepRequests?: number;
  /**
   * Serve HTTPS with this key and certificate, as Graph does: Microsoft's SDKs send a token only to
   * https hosts and build next-page requests only from https links.
   */
  readonly tls?: { readonly key: string | Buffer; readonly cert: string | Buffer };
  /**
   * Graph's check of the Authorization header. Without it any non-empty bearer token is taken;
   * identity/ passes one that takes only tokens its identity platform issued for Graph.
   */
  readonly checkToken?: TokenCheck;
}

export interface Emulator {
  /** Graph's base URL as the gateway should be configured: `http://127.0.0.1:port/beta` (`https://` with `tls`). */
  readonly baseUrl: string;
  /** Where the control endpoints live: `http://127.0.0.1:port/_emulator`. */
  readonly controlUrl: string;
  readonly port: number;
  readonly store: ProfileStore;
  readonly requests: RecordedRequest[];
  readonly settings: EmulatorSettings;
  inject(fault: Fault): void;
  /** A seeded random mix of faults on every Graph request (null turns it off). */
  chaos(settings: ChaosSettings | null): void;
  /** How often each fault of the mix was chosen since chaos() was last called. */
  readonly chaosCounts: Readonly<Record<string, number>>;
  /** TCP connections open right now. */
  openConnections(): number;
  reset(): void;
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const state = createState(options.keepRequests ?? 10_000);
  const scheme = options.tls ? 'https' : 'http';
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    if (req.socket.destroyed) return;
    dispatch(state, scheme, req, res, options.checkToken).catch((err: unknown) => {
      graphError(res, req.headers, 500, 'generalException', `Emulator failure: ${String(err)}`);
    });
  };
  const server: Server = options.tls ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, handler) : createHttpServer(handler);
  let connectionCount = 0;
  const openSockets = new Set<Socket>();
  server.on(options.tls ? 'secureConnection' : 'connection', (socket: Socket) => {
    state.connections.set(socket, ++connectionCount);
    openSockets.add(socket);
    socket.once('close', () => openSockets.delete(socket));
  });
  // A reset or stalled connection is a fault we made, not an emulator failure.
  server.on('clientError', (_err, socket: Socket) => socket.destroy());
  if (options.tls) server.on('tlsClientError', (_err, socket: Socket) => socket.destroy());
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const root = `${scheme}://${host}:${port}`;

  return {
    baseUrl: `${root}/beta`,
    controlUrl: `${root}/_emulator`,
    port,
    store: state.store,
    requests: state.recorder.requests,
    settings: state.settings,
    inject: (fault) => state.faults.inject(fault),
    chaos: (chaosSettings) => state.chaos.configure(chaosSettings),
    chaosCounts: state.chaos.counts,
    openConnections: () => openSockets.size,
    reset: () => state.reset(),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
