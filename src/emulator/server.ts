import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ProfileStore } from './store.js';
import { isRecord, patchProblem } from './validation.js';

/** What the emulator received: tests assert on it. */
export interface RecordedRequest {
  readonly method: string;
  /** The raw request target, exactly as it arrived (encoding included). */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A scripted answer for the next matching request(s), in place of the normal one. */
export interface Fault {
  readonly method?: string;
  /** Only requests for this profile id (decoded). */
  readonly id?: string;
  /** How many matching requests get it (default 1). */
  readonly times?: number;
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** A raw body; without one, a Graph error body with `code`. */
  readonly body?: string;
  readonly code?: string;
  /** Wait this long before answering (ms). */
  readonly delayMs?: number;
}

/** Switches a test or a person can flip at run time. */
export interface EmulatorSettings {
  /** Answer PATCH with 204 even when asked for `Prefer: return=representation`, as Graph may. */
  ignorePrefer: boolean;
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
const JSON_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const store = new ProfileStore();
  const requests: RecordedRequest[] = [];
  const keep = options.keepRequests ?? 10_000;
  let faults: { fault: Fault; left: number }[] = [];
  const settings: EmulatorSettings = { ignorePrefer: false };

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      graphError(res, req.headers, 500, 'generalException', `Emulator failure: ${String(err)}`);
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = req.url ?? '/';
    const [rawPath = '/', search = ''] = url.split(/\?(.*)/s, 2);

    if (rawPath.startsWith('/_emulator/')) return control(req, res, rawPath, body);

    requests.push({ method: req.method ?? '', url, headers: req.headers, body });
    if (requests.length > keep) requests.splice(0, requests.length - keep);

    const segments = rawPath.split('/').slice(1);
    const version = segments.shift() ?? '';
    if (!VERSIONS.has(version)) return graphError(res, req.headers, 400, 'BadRequest', `Invalid version: ${version}`);
    const rest = segments.join('/');
    let id: string | null | undefined;
    if (rest === COLLECTION) id = undefined;
    else if (rest.startsWith(`${COLLECTION}/`) && segments.length === 3) id = safeDecode(segments[2]!);
    else return graphError(res, req.headers, 400, 'BadRequest', `Resource not found for the segment '${segments.at(-1) ?? ''}'.`);
    if (id === null) return graphError(res, req.headers, 400, 'BadRequest', 'Bad Request - Invalid URL');

    const scripted = takeFault(req.method ?? '', id);
    if (scripted) {
      if (scripted.delayMs) await new Promise((resolve) => setTimeout(resolve, scripted.delayMs));
      return respondFault(res, req.headers, scripted);
    }

    if (!/^Bearer \S+$/.test(req.headers.authorization ?? '')) {
      return graphError(res, req.headers, 401, 'InvalidAuthenticationToken', 'Access token is empty.');
    }

    if (id === undefined) {
      if (req.method !== 'GET') return graphError(res, req.headers, 405, 'Request_BadRequest', 'Method not allowed.');
      const top = Number(new URLSearchParams(search).get('$top') ?? 100);
      return json(res, req.headers, 200, { '@odata.context': context(req), value: store.list().slice(0, top) });
    }

    if (req.method === 'GET') {
      const profile = store.get(id);
      if (!profile) return notFound(res, req.headers, id);
      return json(res, req.headers, 200, { '@odata.context': `${context(req)}/$entity`, ...profile });
    }
    if (req.method === 'PATCH') {
      if (!/^application\/json/i.test(req.headers['content-type'] ?? '')) {
        return graphError(res, req.headers, 415, 'UnsupportedMediaType', 'The content type must be application/json.');
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        return graphError(res, req.headers, 400, 'BadRequest', 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.');
      }
      const problem = patchProblem(parsed);
      if (problem) return graphError(res, req.headers, 400, 'BadRequest', problem);
      if (!store.get(id)) return notFound(res, req.headers, id);
      const updated = store.patch(id, parsed as Record<string, unknown>)!;
      if (!settings.ignorePrefer && /(^|[,;\s])return=representation\b/.test(String(req.headers.prefer ?? ''))) {
        res.setHeader('preference-applied', 'return=representation');
        return json(res, req.headers, 200, { '@odata.context': `${context(req)}/$entity`, ...updated });
      }
      return empty(res, req.headers, 204);
    }
    return graphError(res, req.headers, 405, 'Request_BadRequest', 'Method not allowed.');
  }

  function takeFault(method: string, id: string | undefined): Fault | undefined {
    const entry = faults.find(({ fault }) => (!fault.method || fault.method === method) && (fault.id === undefined || fault.id === id));
    if (!entry) return undefined;
    entry.left -= 1;
    if (entry.left <= 0) faults = faults.filter((f) => f !== entry);
    return entry.fault;
  }

  function inject(fault: Fault): void {
    faults.push({ fault, left: fault.times ?? 1 });
  }

  function reset(): void {
    store.reset();
    requests.length = 0;
    faults = [];
    settings.ignorePrefer = false;
  }

  // Control endpoints, for a person in `npm run dev` or a test in another process.
  function control(req: IncomingMessage, res: ServerResponse, path: string, body: string): void {
    if (path === '/_emulator/reset' && req.method === 'POST') {
      reset();
      return empty(res, req.headers, 204);
    }
    if (path === '/_emulator/faults' && req.method === 'POST') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        parsed = null;
      }
      const list = Array.isArray(parsed) ? parsed : [parsed];
      if (!list.every((f) => isRecord(f) && Number.isInteger(f.status))) {
        return graphError(res, req.headers, 400, 'BadRequest', 'Send a fault {"status": 429, "headers": {...}, "times": 1} or a list of them.');
      }
      for (const f of list) inject(f as unknown as Fault);
      return empty(res, req.headers, 204);
    }
    if (path === '/_emulator/settings' && req.method === 'POST') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        parsed = null;
      }
      if (!isRecord(parsed) || (parsed.ignorePrefer !== undefined && typeof parsed.ignorePrefer !== 'boolean')) {
        return graphError(res, req.headers, 400, 'BadRequest', 'Send {"ignorePrefer": true|false}.');
      }
      if (typeof parsed.ignorePrefer === 'boolean') settings.ignorePrefer = parsed.ignorePrefer;
      return json(res, req.headers, 200, settings);
    }
    if (path === '/_emulator/requests' && req.method === 'GET') return json(res, req.headers, 200, requests);
    return graphError(res, req.headers, 404, 'itemNotFound', `No emulator control at ${path}`);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';

  return {
    baseUrl: `http://${host}:${port}/beta`,
    port,
    store,
    requests,
    settings,
    inject,
    reset,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function context(req: IncomingMessage): string {
  const version = (req.url ?? '').split('/')[1];
  return `https://graph.microsoft.com/${version}/$metadata#security/ipSecurityProfiles`;
}

/** Graph's headers on every answer: its own request-id, the caller's client-request-id echoed. */
function graphHeaders(res: ServerResponse, reqHeaders: IncomingHttpHeaders): string {
  const requestId = randomUUID();
  res.setHeader('request-id', requestId);
  const clientRequestId = reqHeaders['client-request-id'];
  if (typeof clientRequestId === 'string') res.setHeader('client-request-id', clientRequestId);
  res.setHeader('x-ms-ags-diagnostic', JSON.stringify({ ServerInfo: { DataCenter: 'Emulator', Slice: 'E', Ring: '0', ScaleUnit: '000', RoleInstance: 'EMULATOR' } }));
  return requestId;
}

function json(res: ServerResponse, reqHeaders: IncomingHttpHeaders, status: number, value: unknown): void {
  graphHeaders(res, reqHeaders);
  const text = JSON.stringify(value);
  res.writeHead(status, { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function empty(res: ServerResponse, reqHeaders: IncomingHttpHeaders, status: number): void {
  graphHeaders(res, reqHeaders);
  res.writeHead(status);
  res.end();
}

export function graphError(res: ServerResponse, reqHeaders: IncomingHttpHeaders, status: number, code: string, message: string): void {
  if (res.headersSent) return void res.destroy();
  const requestId = graphHeaders(res, reqHeaders);
  const clientRequestId = reqHeaders['client-request-id'];
  const text = JSON.stringify({
    error: {
      code,
      message,
      innerError: {
        date: new Date().toISOString().replace(/\.\d+Z$/, ''),
        'request-id': requestId,
        'client-request-id': typeof clientRequestId === 'string' ? clientRequestId : requestId,
      },
    },
  });
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function respondFault(res: ServerResponse, reqHeaders: IncomingHttpHeaders, fault: Fault): void {
  for (const [k, v] of Object.entries(fault.headers ?? {})) res.setHeader(k, v);
  if (fault.body === undefined) {
    return graphError(res, reqHeaders, fault.status, fault.code ?? 'emulatedFault', `Emulated ${fault.status}`);
  }
  graphHeaders(res, reqHeaders);
  res.writeHead(fault.status, { 'content-length': Buffer.byteLength(fault.body) });
  res.end(fault.body);
}

function notFound(res: ServerResponse, reqHeaders: IncomingHttpHeaders, id: string): void {
  graphError(res, reqHeaders, 404, 'itemNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
