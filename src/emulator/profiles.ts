import type { IncomingHttpHeaders } from 'node:http';
import { PARTIAL_CONTENT_WARNING } from './deprecation.js';
import { errorAnswer, jsonAnswer, methodNotAllowed, noContent, textAnswer, type Answer } from './graphAnswers.js';
import { applyListOptions, parseQueryOptions, project, QueryOptionError, type QueryOptions } from './queryOptions.js';
import { parseJson } from './requestBody.js';
import { ALLOWED_METHODS } from './routes.js';
import type { ProfileStore } from './store.js';
import { inUtc } from './dateTimeOffset.js';
import { patchProblem, PROFILE_PROPS } from './validation.js';

/** Switches a test or a person can flip at run time. */
export interface EmulatorSettings {
  /** Answer PATCH with 204 even when asked for `Prefer: return=representation`, as Graph may. */
  ignorePrefer: boolean;
  /** Send Deprecation, Sunset and Link headers on every answer, as a deprecated Graph API does. */
  deprecated: boolean;
  /** Answer reads with `206 Partial Content` and a provider `Warning`, as the legacy Security API does when a provider fails. */
  partialContent: boolean;
  /** Answer date-times in UTC (`…Z`, seven fractional digits), as Graph may, whatever offset they were written with. */
  utcDateTimes: boolean;
}

export interface ProfileRequest {
  readonly method: string;
  readonly headers: IncomingHttpHeaders;
  /** The collection, its `/$count`, or one profile by its decoded id. */
  readonly target: { readonly kind: 'collection' | 'count' } | { readonly kind: 'entity'; readonly id: string };
  /** `beta` or `v1.0`: on beta the `$` of a query option is optional. */
  readonly version: string;
  /** The query string without its `?`. */
  readonly search: string;
  readonly body: string;
  /** `https://graph.microsoft.com/{version}/$metadata#security/ipSecurityProfiles` */
  readonly contextUrl: string;
  /** The collection's absolute URL as the caller reached it: `@odata.nextLink` starts with it. */
  readonly collectionUrl: string;
}

// Profiles per page when the caller gives no $top.
const DEFAULT_PAGE_SIZE = 100;

/** Graph's answer on /security/ipSecurityProfiles[/$count | /{id}], for a caller that passed authentication. */
export function profileAnswer(store: ProfileStore, settings: EmulatorSettings, r: ProfileRequest): Answer {
  try {
    return answer(store, settings, r);
  } catch (err) {
    if (err instanceof QueryOptionError) return errorAnswer(r.headers, 400, err.code, err.message);
    throw err;
  }
}

function answer(store: ProfileStore, settings: EmulatorSettings, r: ProfileRequest): Answer {
  const { method, headers, target } = r;
  const allowed = ALLOWED_METHODS[target.kind];
  if (!allowed.split(', ').includes(method)) return methodNotAllowed(headers, allowed);
  if (target.kind !== 'entity') {
    const options = parseQueryOptions(r.search, r.version);
    const rows = applyListOptions(store.list(), options);
    if (target.kind === 'count') return textAnswer(200, String(rows.length));
    const top = options.top ?? DEFAULT_PAGE_SIZE;
    const page = rows.slice(options.skip, options.skip + top).map((e) => spelled(settings, project(e, options.select)));
    const body: Record<string, unknown> = { '@odata.context': context(r, options) };
    if (options.count) body['@odata.count'] = rows.length;
    if (options.skip + top < rows.length) {
      body['@odata.nextLink'] = `${r.collectionUrl}?${[...options.carried, `$skiptoken=${options.skip + top}`].join('&')}`;
    }
    body.value = page;
    return readAnswer(settings, body);
  }

  const { id } = target;
  if (method === 'GET') {
    const options = parseQueryOptions(r.search, r.version);
    const profile = store.get(id);
    if (!profile) return notFound(r, id);
    return readAnswer(settings, { '@odata.context': `${context(r, options)}/$entity`, ...spelled(settings, project(profile, options.select)) });
  }
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
    return jsonAnswer(200, { '@odata.context': `${r.contextUrl}/$entity`, ...spelled(settings, updated) }, { 'Preference-Applied': 'return=representation' });
  }
  return noContent();
}

/** A profile as answered: its date-times respelled in UTC when the emulator plays a Graph that does. */
function spelled(settings: EmulatorSettings, profile: Record<string, unknown>): Record<string, unknown> {
  if (!settings.utcDateTimes) return profile;
  const out = { ...profile };
  for (const [name, prop] of Object.entries(PROFILE_PROPS)) {
    if ('edm' in prop && prop.edm === 'DateTimeOffset' && typeof out[name] === 'string') out[name] = inUtc(out[name]);
  }
  return out;
}

/** The context URL names a `$select` selection: `…#security/ipSecurityProfiles(address,tags)`. */
function context(r: ProfileRequest, options: QueryOptions): string {
  return options.select === null ? r.contextUrl : `${r.contextUrl}(${options.select.join(',')})`;
}

/** A read's answer: 206 with a provider Warning when the emulator plays a failing provider. */
function readAnswer(settings: EmulatorSettings, body: unknown): Answer {
  return settings.partialContent ? jsonAnswer(206, body, { Warning: PARTIAL_CONTENT_WARNING }) : jsonAnswer(200, body);
}

function notFound({ headers }: ProfileRequest, id: string): Answer {
  return errorAnswer(headers, 404, 'itemNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
}
