import type { IncomingHttpHeaders } from 'node:http';
import { faultAnswer, type FaultQueue } from './faults.js';
import { clientRequestId, errorAnswer, jsonAnswer, methodNotAllowed, type Answer } from './graphAnswers.js';
import { profileAnswer, type EmulatorSettings } from './profiles.js';
import { parseJson } from './requestBody.js';
import { ALLOWED_METHODS, parseRoute } from './routes.js';
import type { ProfileStore } from './store.js';
import { isRecord } from './validation.js';

// Graph JSON batching: `POST /{version}/$batch` with `{"requests": [{id, method, url, headers?, body?,
// dependsOn?}]}`, at most 20, `url` relative to the version root. Ids are unique case-insensitively; a
// request with a body must name its Content-Type; a request runs after the ones it depends on, and
// gets 424 if one of them failed. Each inner request sees only its own headers (the envelope's Prefer
// does not flow in) and is answered on its own (scripted faults apply to it as to a direct call). The
// responses come back in reverse order, since Graph promises no order and a client must match by id.

const MAX_REQUESTS = 20;

export interface BatchTarget {
  readonly store: ProfileStore;
  readonly settings: EmulatorSettings;
  readonly faults: FaultQueue;
  readonly version: string;
  /** For nextLinks inside inner answers: `http://host:port/beta/security/ipSecurityProfiles`. */
  readonly collectionUrl: string;
  readonly contextUrl: string;
}

interface Step {
  readonly id: string;
  readonly method: string;
  readonly url: string;
  /** The inner request's own headers, names lowercased. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  readonly dependsOn: readonly string[];
}

export function batchAnswer(target: BatchTarget, headers: IncomingHttpHeaders, body: string): Answer {
  if (!/^application\/json/i.test(headers['content-type'] ?? '')) {
    return errorAnswer(headers, 415, 'UnsupportedMediaType', 'The content type must be application/json.');
  }
  const steps = parseSteps(parseJson(body));
  if (typeof steps === 'string') return errorAnswer(headers, 400, 'BadRequest', steps);
  const answers = new Map<string, Answer>();
  const failed = new Set<string>();
  for (const step of executionOrder(steps)!) {
    const failedOn = step.dependsOn.find((d) => failed.has(d.toLowerCase()));
    const answer = failedOn === undefined
      ? innerAnswer(target, headers, step)
      : errorAnswer(headers, 424, 'FailedDependency', `The request depends on request '${failedOn}', which failed.`);
    if (answer.status >= 400) failed.add(step.id.toLowerCase());
    answers.set(step.id.toLowerCase(), answer);
  }
  const spliced: string[] = [];
  const responses = steps.map((step) => {
    const answer = answers.get(step.id.toLowerCase())!;
    const body = answer.json !== undefined ? `\u0000${spliced.push(answer.json) - 1}` : (answer.text ?? answer.body);
    return { id: step.id, status: answer.status, headers: answer.headers, ...(body === undefined ? {} : { body }) };
  });
  const envelope = { responses: responses.reverse() };
  if (spliced.length === 0) return jsonAnswer(200, envelope);
  // A fault's JSON goes in as written: serialising it again could change it, or fail (nested 200,000 deep).
  return { ...jsonAnswer(200, undefined), text: JSON.stringify(envelope).replace(/"\\u0000(\d+)"/g, (_m, i: string) => spliced[Number(i)]!) };
}

/** The steps of a well-formed batch, or why the whole batch is refused (Graph answers 400 to it). */
function parseSteps(parsed: unknown): Step[] | string {
  if (!isRecord(parsed) || !Array.isArray(parsed.requests) || parsed.requests.length === 0) return 'Invalid batch payload format.';
  if (parsed.requests.length > MAX_REQUESTS) return `Number of batch request steps exceeds the maximum value of ${MAX_REQUESTS}.`;
  const steps: Step[] = [];
  const ids = new Set<string>();
  for (const r of parsed.requests as unknown[]) {
    if (!isRecord(r) || typeof r.id !== 'string' || typeof r.method !== 'string' || typeof r.url !== 'string') {
      return 'Each batch request needs a string id, method and url.';
    }
    if (ids.has(r.id.toLowerCase())) return `Batch request id '${r.id}' is used more than once (ids are not case-sensitive).`;
    ids.add(r.id.toLowerCase());
    const headers: Record<string, string> = {};
    if (isRecord(r.headers)) for (const [k, v] of Object.entries(r.headers)) if (typeof v === 'string') headers[k.toLowerCase()] = v;
    if (r.body !== undefined && headers['content-type'] === undefined) return `Write request id : ${r.id} does not contain Content-Type header or body.`;
    const dependsOn = r.dependsOn ?? [];
    if (!Array.isArray(dependsOn) || !dependsOn.every((d) => typeof d === 'string')) return `dependsOn of request '${r.id}' must be a list of request ids.`;
    steps.push({ id: r.id, method: r.method.toUpperCase(), url: r.url, headers, body: r.body, dependsOn });
  }
  for (const step of steps) {
    const unknown = step.dependsOn.find((d) => !ids.has(d.toLowerCase()));
    if (unknown !== undefined) return `Request '${step.id}' depends on request '${unknown}', which is not in the batch.`;
  }
  return executionOrder(steps) === null ? 'The dependsOn of the batch requests form a cycle.' : steps;
}

/** The steps in an order where each runs after those it depends on (else in the order sent); null on a cycle. */
function executionOrder(steps: readonly Step[]): Step[] | null {
  const order: Step[] = [];
  const done = new Set<string>();
  let progress = true;
  while (progress) {
    progress = false;
    for (const s of steps) {
      if (done.has(s.id.toLowerCase()) || !s.dependsOn.every((d) => done.has(d.toLowerCase()))) continue;
      done.add(s.id.toLowerCase());
      order.push(s);
      progress = true;
    }
  }
  return order.length === steps.length ? order : null;
}

function innerAnswer(target: BatchTarget, outer: IncomingHttpHeaders, step: Step): Answer {
  // graph-client's BatchRequestContent keeps the version in the url (`/beta/security/...`); Graph takes both.
  const relative = step.url.replace(/^\//, '').replace(/^(beta|v1\.0)\//i, '');
  const q = relative.indexOf('?');
  const route = parseRoute(q === -1 ? relative : relative.slice(0, q));
  const outerClientRequestId = clientRequestId(outer);
  // The envelope's client-request-id stays with its inner requests (their errors report it).
  const headers: IncomingHttpHeaders = { ...(outerClientRequestId === undefined ? {} : { 'client-request-id': outerClientRequestId }), ...step.headers };
  if (route.kind === 'invalid') return errorAnswer(headers, 400, 'BadRequest', route.message);
  if (route.kind === 'batch') return methodNotAllowed(headers, ALLOWED_METHODS.batch);
  const scripted = target.faults.take(step.method, route.kind === 'entity' ? route.id : undefined, outerClientRequestId);
  if (scripted) return faultAnswer(headers, scripted);
  return profileAnswer(target.store, target.settings, {
    method: step.method,
    headers,
    target: route,
    version: target.version,
    search: q === -1 ? '' : relative.slice(q + 1),
    body: step.body === undefined ? '' : JSON.stringify(step.body),
    contextUrl: target.contextUrl,
    collectionUrl: target.collectionUrl,
  });
}
