import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { batchAnswer } from './batch.js';
import { handleControl } from './control.js';
import { announceDeprecation } from './deprecation.js';
import { headerFault, respondFault, type Fault, type NormalAnswer } from './faults.js';
import { clientRequestId, graphError, methodNotAllowed, renderAnswer, sendAnswer, type Answer } from './graphAnswers.js';
import { profileAnswer } from './profiles.js';
import { readBody } from './requestBody.js';
import { ALLOWED_METHODS, parseRoute } from './routes.js';
import type { EmulatorState } from './state.js';

// One HTTP request, from arrival to answer: recorded, routed to a control endpoint or to Graph's
// paths, checked for a token, given a scripted or chaos fault if one matches, then answered.

const VERSIONS = new Set(['beta', 'v1.0']);
const COLLECTION = 'security/ipSecurityProfiles';
const FAULT_HEADER = 'x-emulator-fault';

/** Graph's check of the Authorization header: a refusal (answered before anything else), or null to go on. */
export type TokenCheck = (authorization: string | undefined) => { readonly status: number; readonly code: string; readonly message: string } | null;

export async function dispatch(state: EmulatorState, scheme: 'http' | 'https', req: IncomingMessage, res: ServerResponse, checkToken?: TokenCheck): Promise<void> {
  const at = performance.now();
  const body = await readBody(req);
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const rawPath = q === -1 ? url : url.slice(0, q);
  const search = q === -1 ? '' : url.slice(q + 1);

  if (rawPath === '/_emulator' || rawPath.startsWith('/_emulator/')) return handleControl(state, req, res, rawPath, body);

  const record = state.recorder.record(req, res, body, at, state.connections.get(req.socket) ?? 0);
  // Like a front door that drops a request whose client has already hung up (nginx does by
  // default): a request the gateway gave up on is never applied behind its back later.
  if (req.socket.destroyed || req.socket.readableEnded) {
    record.clientGoneAt = performance.now();
    return void req.socket.destroy();
  }
  if (state.settings.deprecated) announceDeprecation(res);
  const refusal = checkToken?.(req.headers.authorization);
  if (refusal) return graphError(res, req.headers, refusal.status, refusal.code, refusal.message);

  const [, rawVersion = '', ...rest] = rawPath.split('/');
  const version = rawVersion.toLowerCase();
  if (!VERSIONS.has(version)) return graphError(res, req.headers, 400, 'BadRequest', `Invalid version: ${rawVersion}`);
  const route = parseRoute(rest.join('/'));
  if (route.kind === 'invalid') return graphError(res, req.headers, 400, 'BadRequest', route.message);
  const contextUrl = `https://graph.microsoft.com/${version}/$metadata#${COLLECTION}`;
  // nextLinks point back at this emulator, as Graph's point at the host the caller used.
  const collectionUrl = `${scheme}://${req.headers.host ?? '127.0.0.1'}/${version}/${COLLECTION}`;
  const authorized = /^Bearer \S+$/.test(req.headers.authorization ?? '');
  const method = req.method ?? '';

  let answer: () => Answer;
  let fault: Fault | undefined;
  if (route.kind === 'batch') {
    if (method !== 'POST') return sendAnswer(res, req.headers, methodNotAllowed(req.headers, ALLOWED_METHODS.batch));
    answer = () => batchAnswer({ store: state.store, settings: state.settings, faults: state.faults, version, collectionUrl, contextUrl }, req.headers, body);
    // Only a fault naming POST hits the envelope; the others are for the requests inside it.
    fault = headerFault(req.headers[FAULT_HEADER]) ?? state.faults.take('POST', undefined, clientRequestId(req.headers), true);
  } else {
    answer = () => profileAnswer(state.store, state.settings, { method, headers: req.headers, target: route, version, search, body, contextUrl, collectionUrl });
    const id = route.kind === 'entity' ? route.id : undefined;
    fault = headerFault(req.headers[FAULT_HEADER]) ?? state.faults.take(method, id, clientRequestId(req.headers)) ?? state.chaos.pick();
  }
  if (fault) return respondFault(req, res, fault, normalAnswer(req, res, authorized, answer));
  if (!authorized) return unauthorized(res, req.headers);
  sendAnswer(res, req.headers, answer());
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

function unauthorized(res: ServerResponse, headers: IncomingHttpHeaders): void {
  graphError(res, headers, 401, 'InvalidAuthenticationToken', 'Access token is empty.');
}
