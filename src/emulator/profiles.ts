import type { IncomingMessage, ServerResponse } from 'node:http';
import { empty, graphError, json, JSON_TYPE, parseJson } from './responses.js';
import type { ProfileStore } from './store.js';
import { patchProblem } from './validation.js';

/** Switches a test or a person can flip at run time. */
export interface EmulatorSettings {
  /** Answer PATCH with 204 even when asked for `Prefer: return=representation`, as Graph may. */
  ignorePrefer: boolean;
}

export interface ProfileRequest {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  /** The decoded profile id, or undefined for the collection. */
  readonly id: string | undefined;
  /** The query string without its `?`. */
  readonly search: string;
  readonly body: string;
  /** `https://graph.microsoft.com/{version}/$metadata#security/ipSecurityProfiles` */
  readonly contextUrl: string;
}

/** Graph's answers on /security/ipSecurityProfiles[/{id}], for a caller that passed authentication. */
export function handleProfiles(store: ProfileStore, settings: EmulatorSettings, r: ProfileRequest): void {
  const { req, res, id } = r;
  if (id === undefined) {
    if (req.method !== 'GET') return graphError(res, req.headers, 405, 'Request_BadRequest', 'Method not allowed.');
    const top = Number(new URLSearchParams(r.search).get('$top') ?? 100);
    return json(res, req.headers, 200, { '@odata.context': r.contextUrl, value: store.list().slice(0, top) });
  }

  if (req.method === 'GET') {
    const profile = store.get(id);
    if (!profile) return notFound(r, id);
    return json(res, req.headers, 200, { '@odata.context': `${r.contextUrl}/$entity`, ...profile });
  }
  if (req.method === 'PATCH') {
    if (!/^application\/json/i.test(req.headers['content-type'] ?? '')) {
      return graphError(res, req.headers, 415, 'UnsupportedMediaType', 'The content type must be application/json.');
    }
    const parsed = parseJson(r.body);
    if (parsed === undefined) {
      return graphError(res, req.headers, 400, 'BadRequest', 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.');
    }
    const problem = patchProblem(parsed);
    if (problem) return graphError(res, req.headers, 400, 'BadRequest', problem);
    const updated = store.patch(id, parsed as Record<string, unknown>);
    if (!updated) return notFound(r, id);
    if (!settings.ignorePrefer && /(^|[,;\s])return=representation\b/.test(String(req.headers.prefer ?? ''))) {
      res.setHeader('preference-applied', 'return=representation');
      return json(res, req.headers, 200, { '@odata.context': `${r.contextUrl}/$entity`, ...updated });
    }
    return empty(res, req.headers, 204);
  }
  return graphError(res, req.headers, 405, 'Request_BadRequest', 'Method not allowed.');
}

/**
 * The 2xx answer a GET or PATCH of one profile would get, applying the PATCH; null (nothing applied)
 * when Graph would refuse it. Faults that damage an answer (stall, truncate) start from this.
 */
export function profileAnswer(
  store: ProfileStore,
  settings: EmulatorSettings,
  r: ProfileRequest,
): { status: number; headers: Record<string, string>; text: string } | null {
  const { req, id } = r;
  if (id === undefined) return null;
  const jsonAnswer = (status: number, value: unknown, headers: Record<string, string> = {}) => ({
    status,
    headers: { 'content-type': JSON_TYPE, ...headers },
    text: JSON.stringify(value),
  });
  if (req.method === 'GET') {
    const profile = store.get(id);
    return profile ? jsonAnswer(200, { '@odata.context': `${r.contextUrl}/$entity`, ...profile }) : null;
  }
  if (req.method !== 'PATCH' || !/^application\/json/i.test(req.headers['content-type'] ?? '')) return null;
  const parsed = parseJson(r.body);
  if (parsed === undefined || patchProblem(parsed)) return null;
  const updated = store.patch(id, parsed as Record<string, unknown>);
  if (!updated) return null;
  if (!settings.ignorePrefer && /(^|[,;\s])return=representation\b/.test(String(req.headers.prefer ?? ''))) {
    return jsonAnswer(200, { '@odata.context': `${r.contextUrl}/$entity`, ...updated }, { 'preference-applied': 'return=representation' });
  }
  return { status: 204, headers: {}, text: '' };
}

function notFound({ res, req }: ProfileRequest, id: string): void {
  graphError(res, req.headers, 404, 'itemNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
}
