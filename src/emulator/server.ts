import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { handleControl } from './control.js';
import { Chaos, type ChaosSettings } from './chaos.js';
import { batchAnswer } from './batch.js';
import { announceDeprecation } from './deprecation.js';
import { FaultQueue, faultProblem, respondFault, type Fault, type NormalAnswer } from './faults.js';
import { profileAnswer, type EmulatorSettings, type ProfileRequest } from './profiles.js';
import { graphError, parseJson, readBody, renderAnswer, sendAnswer, type Answer } from './responses.js';
import { ProfileStore } from './store.js';

export type { Fault, FaultKind } from './faults.js';
export type { ChaosSettings } from './chaos.js';
export type { EmulatorSettings } from './profiles.js';

/** What the emulator received: tests assert on it. */
export interface RecordedRequest {
  readonly method: string;
  /** The raw request target, exactly as it arrived (encoding included). */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** When it arrived (performance.now(), ms). */
  readonly at: number;
  /** Which TCP connection carried it: 1 for the emulator's first connection, and so on. */
  readonly connection: number;
  /** When the client went away before the answer was complete (performance.now(), ms). */
  clientGoneAt?: number;
}

export interface EmulatorOptions {
  readonly port?: number;
  readonly host?: string;
  /** Requests kept for inspection; older ones are dropped. */
  readonly keepRequests?: number;
  /**
   * Graph's check of the Authorization header: a refusal, answered before anything else, or null to
   * go on. Without it any non-empty bearer token is taken (identity/ checks for tokens it issued for Graph).
   */
  readonly checkToken?: (authorization: string | undefined) => { readonly status: number; readonly code: string; readonly message: string } | null;
}

export interface Emulator {
  /** Graph's base URL as the gateway should be configured: `http://127.0.0.1:port/beta`. */
  readonly baseUrl: string;
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

const VERSIONS = new Set(['beta', 'v1.0']);
const COLLECTION = 'security/ipSecurityProfiles';

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const store = new ProfileStore();
  const requests: RecordedRequest[] = [];
  const keep = options.keepRequests ?? 10_000;
  const faults = new FaultQueue();
  const settings: EmulatorSettings = { ignorePrefer: false, deprecated: false, partialContent: false };
  const chaos = new Chaos();
  const connections = new WeakMap<Socket, number>();
  let connectionCount = 0;

  function reset(): void {
    store.reset();
    requests.length = 0;
    faults.clear();
    chaos.configure(null);
    Object.assign(settings, { ignorePrefer: false, deprecated: false, partialContent: false });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = performance.now();
    const body = await readBody(req);
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rawPath = q === -1 ? url : url.slice(0, q);
    const search = q === -1 ? '' : url.slice(q + 1);

    if (rawPath.startsWith('/_emulator/')) return handleControl({ faults, chaos, settings, requests, reset }, req, res, rawPath, body);

    const record: RecordedRequest = { method: req.method ?? '', url, headers: req.headers, body, at, connection: connections.get(req.socket) ?? 0 };
    res.once('close', () => {
      if (!res.writableFinished) record.clientGoneAt = performance.now();
    });
    requests.push(record);
    if (requests.length > keep) requests.splice(0, requests.length - keep);
    // Like a front door that drops a request whose client has already hung up (nginx does by
    // default): a request the gateway gave up on is never applied behind its back later.
    if (req.socket.destroyed || req.socket.readableEnded) {
      record.clientGoneAt = performance.now();
      return void req.socket.destroy();
    }
    if (settings.deprecated) announceDeprecation(res);
    const refusal = options.checkToken?.(req.headers.authorization);
    if (refusal) return graphError(res, req.headers, refusal.status, refusal.code, refusal.message);

    const segments = rawPath.split('/').slice(1);
    const version = segments.shift() ?? '';
    if (!VERSIONS.has(version)) return graphError(res, req.headers, 400, 'BadRequest', `Invalid version: ${version}`);
    const rest = segments.join('/');
    const contextUrl = `https://graph.microsoft.com/${version}/$metadata#${COLLECTION}`;
    // nextLinks point back at this emulator, as Graph's point at the host the caller used.
    const collectionUrl = `http://${req.headers.host ?? `127.0.0.1:${port}`}/${version}/${COLLECTION}`;
    const clientRequestId = typeof req.headers['client-request-id'] === 'string' ? req.headers['client-request-id'] : undefined;
    const authorized = /^Bearer \S+$/.test(req.headers.authorization ?? '');

    if (rest === '$batch' || rest === '%24batch') {
      if (req.method !== 'POST') return graphError(res, req.headers, 405, 'Request_BadRequest', 'Method not allowed.');
      // Only a fault naming POST hits the envelope; the others are for the requests inside it.
      const envelopeFault = headerFault(req.headers[FAULT_HEADER]) ?? faults.take('POST', undefined, clientRequestId, true);
      const batch = (): Answer => batchAnswer({ store, settings, faults, collectionUrl, contextUrl }, req.headers, body);
      if (envelopeFault) return respondFault(req, res, envelopeFault, normalAnswer(req, res, authorized, batch));
      if (!authorized) return unauthorized(res, req.headers);
      return sendAnswer(res, req.headers, batch());
    }

    let id: string | undefined;
    if (rest === COLLECTION) id = undefined;
    else if (rest.startsWith(`${COLLECTION}/`) && segments.length === 3) {
      const decoded = safeDecode(segments[2]!);
      if (decoded === null) return graphError(res, req.headers, 400, 'BadRequest', 'Bad Request - Invalid URL');
      id = decoded;
    } else return graphError(res, req.headers, 400, 'BadRequest', `Resource not found for the segment '${segments.at(-1) ?? ''}'.`);

    const r: ProfileRequest = { method: req.method ?? '', headers: req.headers, id, search, body, contextUrl, collectionUrl };
    const profile = (): Answer => profileAnswer(store, settings, r);
    const fault = headerFault(req.headers[FAULT_HEADER]) ?? faults.take(req.method ?? '', id, clientRequestId) ?? chaos.pick();
    if (fault) return respondFault(req, res, fault, normalAnswer(req, res, authorized, profile));
    if (!authorized) return unauthorized(res, req.headers);
    sendAnswer(res, req.headers, profile());
  }

  /** What a damaging fault starts from: the normal answer, computed (and a write applied) once. */
  function normalAnswer(req: IncomingMessage, res: ServerResponse, authorized: boolean, answer: () => Answer): NormalAnswer {
    let computed: Answer | undefined;
    const once = (): Answer => (computed ??= answer());
    return {
      // Graph refusing (a 4xx) applies nothing and has nothing to damage.
      compute: () => {
        if (!authorized) return null;
        const a = once();
        return a.status < 300 ? renderAnswer(a) : null;
      },
      respond: () => (authorized ? sendAnswer(res, req.headers, once()) : unauthorized(res, req.headers)),
    };
  }

  let port = 0;
  const server: Server = createServer((req, res) => {
    if (req.socket.destroyed) return;
    handle(req, res).catch((err: unknown) => {
      graphError(res, req.headers, 500, 'generalException', `Emulator failure: ${String(err)}`);
    });
  });
  const openSockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    connections.set(socket, ++connectionCount);
    openSockets.add(socket);
    socket.once('close', () => openSockets.delete(socket));
  });
  // A reset or stalled connection is a fault we made, not an emulator failure.
  server.on('clientError', (_err, socket) => socket.destroy());
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    baseUrl: `http://${host}:${port}/beta`,
    port,
    store,
    requests,
    settings,
    inject: (fault) => faults.inject(fault),
    chaos: (chaosSettings) => chaos.configure(chaosSettings),
    chaosCounts: chaos.counts,
    openConnections: () => openSockets.size,
    reset,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * A fault named on the request itself, for a person calling the emulator directly:
 * `x-emulator-fault: {"kind":"reset-after"}` or `x-emulator-fault: 429`.
 */
const FAULT_HEADER = 'x-emulator-fault';

function headerFault(value: string | string[] | undefined): Fault | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const parsed = /^\d{3}$/.test(value.trim()) ? { status: Number(value.trim()) } : parseJson(value);
  return faultProblem(parsed) === null ? (parsed as Fault) : undefined;
}

function unauthorized(res: ServerResponse, headers: IncomingHttpHeaders): void {
  graphError(res, headers, 401, 'InvalidAuthenticationToken', 'Access token is empty.');
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
