import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleControl } from './control.js';
import { announceDeprecation } from './deprecation.js';
import { FaultQueue, respondFault, type Fault } from './faults.js';
import { batchAnswer } from './batch.js';
import { profileAnswer, type EmulatorSettings } from './profiles.js';
import { graphError, readBody, sendAnswer } from './responses.js';
import { ProfileStore } from './store.js';

export type { Fault } from './faults.js';
export type { EmulatorSettings } from './profiles.js';

/** What the emulator received: tests assert on it. */
export interface RecordedRequest {
  readonly method: string;
  /** The raw request target, exactly as it arrived (encoding included). */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface EmulatorOptions {
  readonly port?: number;
  readonly host?: string;
  /** Requests kept for inspection; older ones are dropped. */
  readonly keepRequests?: number;
}

export interface Emulator {
  /** Graph's base URL as the gateway should be configured: `http://127.0.0.1:port/beta`. */
  readonly baseUrl: string;
  readonly port: number;
  readonly store: ProfileStore;
  readonly requests: RecordedRequest[];
  readonly settings: EmulatorSettings;
  inject(fault: Fault): void;
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

  function reset(): void {
    store.reset();
    requests.length = 0;
    faults.clear();
    Object.assign(settings, { ignorePrefer: false, deprecated: false, partialContent: false });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rawPath = q === -1 ? url : url.slice(0, q);
    const search = q === -1 ? '' : url.slice(q + 1);

    if (rawPath.startsWith('/_emulator/')) return handleControl({ faults, settings, requests, reset }, req, res, rawPath, body);

    requests.push({ method: req.method ?? '', url, headers: req.headers, body });
    if (requests.length > keep) requests.splice(0, requests.length - keep);
    if (settings.deprecated) announceDeprecation(res);

    const segments = rawPath.split('/').slice(1);
    const version = segments.shift() ?? '';
    if (!VERSIONS.has(version)) return graphError(res, req.headers, 400, 'BadRequest', `Invalid version: ${version}`);
    const rest = segments.join('/');
    const contextUrl = `https://graph.microsoft.com/${version}/$metadata#${COLLECTION}`;
    // nextLinks point back at this emulator, as Graph's point at the host the caller used.
    const collectionUrl = `http://${req.headers.host ?? `127.0.0.1:${port}`}/${version}/${COLLECTION}`;
    if (rest === '$batch' || rest === '%24batch') {
      if (req.method !== 'POST') return graphError(res, req.headers, 405, 'Request_BadRequest', 'Method not allowed.');
      const envelopeFault = faults.take('POST', undefined, true);
      if (envelopeFault) return respondFault(res, req.headers, envelopeFault);
      if (!/^Bearer \S+$/.test(req.headers.authorization ?? '')) {
        return graphError(res, req.headers, 401, 'InvalidAuthenticationToken', 'Access token is empty.');
      }
      return sendAnswer(res, req.headers, batchAnswer({ store, settings, faults, collectionUrl, contextUrl }, req.headers, body));
    }
    let id: string | undefined;
    if (rest === COLLECTION) id = undefined;
    else if (rest.startsWith(`${COLLECTION}/`) && segments.length === 3) {
      const decoded = safeDecode(segments[2]!);
      if (decoded === null) return graphError(res, req.headers, 400, 'BadRequest', 'Bad Request - Invalid URL');
      id = decoded;
    } else return graphError(res, req.headers, 400, 'BadRequest', `Resource not found for the segment '${segments.at(-1) ?? ''}'.`);

    const scripted = faults.take(req.method ?? '', id);
    if (scripted) return respondFault(res, req.headers, scripted);

    if (!/^Bearer \S+$/.test(req.headers.authorization ?? '')) {
      return graphError(res, req.headers, 401, 'InvalidAuthenticationToken', 'Access token is empty.');
    }
    const answer = profileAnswer(store, settings, { method: req.method ?? '', headers: req.headers, id, search, body, contextUrl, collectionUrl });
    sendAnswer(res, req.headers, answer);
  }

  let port = 0;
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      graphError(res, req.headers, 500, 'generalException', `Emulator failure: ${String(err)}`);
    });
  });
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
    reset,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
