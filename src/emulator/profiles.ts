import type { IncomingHttpHeaders } from 'node:http';
import { PARTIAL_CONTENT_WARNING } from './deprecation.js';
import { applyListOptions, parseQueryOptions, project, QueryOptionError } from './queryOptions.js';
import { errorAnswer, jsonAnswer, parseJson, type Answer } from './graphAnswers.js';
import type { ProfileStore } from './store.js';
import { patchProblem } from './validation.js';

/** Switches a test or a person can flip at run time. */
export interface EmulatorSettings {
  /** Answer PATCH with 204 even when asked for `Prefer: return=representation`, as Graph may. */
  ignorePrefer: boolean;
  /** Send Deprecation, Sunset and Link headers on every answer, as a deprecated Graph API does. */
  deprecated: boolean;
  /** Answer reads with `206 Partial Content` and a provider `Warning`, as the legacy Security API does when a provider fails. */
  partialContent: boolean;
}

export interface ProfileRequest {
  readonly method: string;
  readonly headers: IncomingHttpHeaders;
  /** The decoded profile id, or undefined for the collection. */
  readonly id: string | undefined;
  /** The query string without its `?`. */
  readonly search: string;
  readonly body: string;
  /** `https://graph.microsoft.com/{version}/$metadata#security/ipSecurityProfiles` */
  readonly contextUrl: string;
  /** The collection's absolute URL as the caller reached it: `@odata.nextLink` starts with it. */
  readonly collectionUrl: string;
}

// Profiles per page when the caller gives no $top; small, so paging is exercised.
const DEFAULT_PAGE_SIZE = 100;

/** Graph's answer on /security/ipSecurityProfiles[/{id}], for a caller that passed authentication. */
export function profileAnswer(store: ProfileStore, settings: EmulatorSettings, r: ProfileRequest): Answer {
  try {
    return answer(store, settings, r);
  } catch (err) {
    if (err instanceof QueryOptionError) return errorAnswer(r.headers, 400, err.code, err.message);
    throw err;
  }
}

function answer(store: ProfileStore, settings: EmulatorSettings, r: ProfileRequest): Answer {
  const { method, headers, id } = r;
  if (id === undefined) {
    if (method !== 'GET') return errorAnswer(headers, 405, 'Request_BadRequest', 'Method not allowed.');
    const options = parseQueryOptions(r.search);
    const rows = applyListOptions(store.list(), options);
    const top = options.top ?? DEFAULT_PAGE_SIZE;
    const page = rows.slice(options.skip, options.skip + top).map((e) => project(e, options.select));
    const body: Record<string, unknown> = { '@odata.context': r.contextUrl, value: page };
    if (options.skip + top < rows.length) {
      body['@odata.nextLink'] = `${r.collectionUrl}?${[...options.carried, `$skiptoken=${options.skip + top}`].join('&')}`;
    }
    return readAnswer(settings, body);
  }

  if (method === 'GET') {
    const options = parseQueryOptions(r.search);
    const profile = store.get(id);
    if (!profile) return notFound(r, id);
    return readAnswer(settings, { '@odata.context': `${r.contextUrl}/$entity`, ...project(profile, options.select) });
  }
  if (method === 'PATCH') {
    if (!/^application\/json/i.test(headers['content-type'] ?? '')) {
      return errorAnswer(headers, 415, 'UnsupportedMediaType', 'The content type must be application/json.');
    }
    const parsed = parseJson(r.body);
    if (parsed === undefined) {
      return errorAnswer(headers, 400, 'BadRequest', 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.');
    }
    const problem = patchProblem(parsed);
    if (problem) return errorAnswer(headers, 400, 'BadRequest', problem);
    const updated = store.patch(id, parsed as Record<string, unknown>);
    if (!updated) return notFound(r, id);
    if (!settings.ignorePrefer && /(^|[,;\s])return=representation\b/.test(String(headers.prefer ?? ''))) {
      return jsonAnswer(200, { '@odata.context': `${r.contextUrl}/$entity`, ...updated }, { 'preference-applied': 'return=representation' });
    }
    return { status: 204 };
  }
  return errorAnswer(headers, 405, 'Request_BadRequest', 'Method not allowed.');
}

/** A read's answer: 206 with a provider Warning when the emulator plays a failing provider. */
function readAnswer(settings: EmulatorSettings, body: unknown): Answer {
  return settings.partialContent ? jsonAnswer(206, body, { warning: PARTIAL_CONTENT_WARNING }) : jsonAnswer(200, body);
}

function notFound({ headers }: ProfileRequest, id: string): Answer {
  return errorAnswer(headers, 404, 'itemNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
}
