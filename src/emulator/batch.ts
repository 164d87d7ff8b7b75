import type { IncomingHttpHeaders } from 'node:http';
import type { FaultQueue } from './faults.js';
import { faultAnswer } from './faults.js';
import { profileAnswer, type EmulatorSettings } from './profiles.js';
import { errorAnswer, jsonAnswer, parseJson, type Answer } from './graphAnswers.js';
import type { ProfileStore } from './store.js';
import { isRecord } from './validation.js';

// Graph JSON batching: `POST /{version}/$batch` with `{"requests": [{id, method, url, headers?, body?}]}`,
// at most 20, `url` relative to the version root. Each inner request is answered on its own (scripted
// faults apply to it as to a direct call), and the responses come back in reverse order, since Graph
// promises no order and a client must match them by id.

const MAX_REQUESTS = 20;
const COLLECTION = 'security/ipSecurityProfiles';

export interface BatchTarget {
  readonly store: ProfileStore;
  readonly settings: EmulatorSettings;
  readonly faults: FaultQueue;
  /** For nextLinks inside inner answers: `http://host:port/beta/security/ipSecurityProfiles`. */
  readonly collectionUrl: string;
  readonly contextUrl: string;
}

export function batchAnswer(target: BatchTarget, headers: IncomingHttpHeaders, body: string): Answer {
  if (!/^application\/json/i.test(headers['content-type'] ?? '')) {
    return errorAnswer(headers, 415, 'UnsupportedMediaType', 'The content type must be application/json.');
  }
  const parsed = parseJson(body);
  if (!isRecord(parsed) || !Array.isArray(parsed.requests)) {
    return errorAnswer(headers, 400, 'BadRequest', 'Invalid batch payload format.');
  }
  const requests = parsed.requests;
  if (requests.length === 0) return errorAnswer(headers, 400, 'BadRequest', 'Invalid batch payload format.');
  if (requests.length > MAX_REQUESTS) return errorAnswer(headers, 400, 'BadRequest', `Number of batch request steps exceeds the maximum value of ${MAX_REQUESTS}.`);
  const ids = new Set<string>();
  for (const r of requests) {
    if (!isRecord(r) || typeof r.id !== 'string' || typeof r.method !== 'string' || typeof r.url !== 'string') {
      return errorAnswer(headers, 400, 'BadRequest', 'Each batch request needs a string id, method and url.');
    }
    if (ids.has(r.id)) return errorAnswer(headers, 400, 'BadRequest', `Batch request id '${r.id}' is used more than once.`);
    ids.add(r.id);
  }
  const responses = (requests as { id: string; method: string; url: string; body?: unknown; headers?: unknown }[]).map((r) => {
    const inner = innerAnswer(target, headers, r);
    return { id: r.id, status: inner.status, headers: inner.headers ?? {}, body: inner.body };
  });
  return jsonAnswer(200, { responses: responses.reverse() });
}

function innerAnswer(target: BatchTarget, outer: IncomingHttpHeaders, r: { method: string; url: string; body?: unknown; headers?: unknown }): Answer {
  const relative = r.url.replace(/^\//, '');
  const q = relative.indexOf('?');
  const path = q === -1 ? relative : relative.slice(0, q);
  const search = q === -1 ? '' : relative.slice(q + 1);
  const segments = path.split('/');
  let id: string | undefined;
  if (path === COLLECTION) id = undefined;
  else if (path.startsWith(`${COLLECTION}/`) && segments.length === 3) {
    try {
      id = decodeURIComponent(segments[2]!);
    } catch {
      return errorAnswer(outer, 400, 'BadRequest', 'Bad Request - Invalid URL');
    }
  } else return errorAnswer(outer, 400, 'BadRequest', `Resource not found for the segment '${segments.at(-1) ?? ''}'.`);

  const clientRequestId = typeof outer['client-request-id'] === 'string' ? outer['client-request-id'] : undefined;
  const scripted = target.faults.take(r.method, id, clientRequestId);
  if (scripted) return faultAnswer(outer, scripted);
  const innerHeaders: IncomingHttpHeaders = { ...outer };
  if (isRecord(r.headers)) for (const [k, v] of Object.entries(r.headers)) if (typeof v === 'string') innerHeaders[k.toLowerCase()] = v;
  return profileAnswer(target.store, target.settings, {
    method: r.method,
    headers: innerHeaders,
    id,
    search,
    body: r.body === undefined ? '' : JSON.stringify(r.body),
    contextUrl: target.contextUrl,
    collectionUrl: target.collectionUrl,
  });
}
