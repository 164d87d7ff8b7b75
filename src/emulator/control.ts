import type { IncomingMessage, ServerResponse } from 'node:http';
import { CHAOS_MIX, type ChaosSettings } from './chaos.js';
import { faultProblem, type Fault } from './faults.js';
import { parseJson } from './requestBody.js';
import { SEED_PROFILE } from './seedProfile.js';
import { requestedProfiles } from './controlProfiles.js';
import type { EmulatorState } from './state.js';
import { isRecord } from './validation.js';

// Control endpoints under /_emulator, for a person or a script driving `npm run emulator` / `npm run
// dev`, or a test in another process. Each answers JSON saying what it did; a request it cannot play
// is a 400 saying what it expects.

type Reply = readonly [status: number, value: unknown];
type Control = (state: EmulatorState, body: string) => Reply;

export const CONTROLS: Readonly<Record<string, { readonly summary: string; readonly run: Control }>> = {
  'GET /_emulator': { summary: 'this list', run: () => [200, { controls: index() }] },
  'POST /_emulator/reset': { summary: 'back to the seed profile; recorded requests, faults, chaos and settings cleared', run: reset },
  'POST /_emulator/profiles': { summary: 'add profiles: one {"id": ...}, a list of them, or {"generate": 250, "prefix": "p"}', run: addProfiles },
  'POST /_emulator/faults': { summary: 'script the next answers: {"status": 429, "headers": {"retry-after": "1"}, "times": 2} or {"kind": "reset-after"}, or a list', run: addFaults },
  'POST /_emulator/chaos': { summary: 'a seeded random mix of faults: {"rate": 0.3, "seed": 42, "delayMs": 1000, "only": [...]}; rate 0 stops it', run: setChaos },
  'POST /_emulator/settings': { summary: '{"ignorePrefer": bool, "deprecated": bool, "partialContent": bool, "utcDateTimes": bool} (any of them)', run: setSettings },
  'GET /_emulator/requests': { summary: 'the Graph requests received, oldest first', run: (state) => [200, state.recorder.requests] },
};

function index(): Record<string, string> {
  return Object.fromEntries(Object.entries(CONTROLS).map(([route, { summary }]) => [route, summary]));
}

export function handleControl(state: EmulatorState, req: IncomingMessage, res: ServerResponse, path: string, body: string): void {
  const control = CONTROLS[`${req.method ?? ''} ${path.replace(/\/$/, '')}`];
  const [status, value] = control ? control.run(state, body) : problem(404, `No emulator control at ${req.method} ${path}`);
  const text = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function problem(status: number, message: string): Reply {
  return [status, { error: { code: status === 404 ? 'notFound' : 'badRequest', message, controls: index() } }];
}

function reset(state: EmulatorState): Reply {
  const cleared = { requests: state.recorder.requests.length, faults: state.faults.size };
  state.reset();
  return [200, { reset: true, cleared, profiles: state.store.size, seededId: SEED_PROFILE.id }];
}

function addProfiles(state: EmulatorState, body: string): Reply {
  const profiles = requestedProfiles(parseJson(body));
  if (typeof profiles === 'string') return problem(400, `Cannot add these profiles: ${profiles}.`);
  const replaced = profiles.filter((p) => state.store.get(p.id as string) !== undefined).map((p) => p.id);
  for (const p of profiles) state.store.put(p);
  const ids = profiles.map((p) => p.id);
  return [201, { added: ids.length, firstId: ids[0], lastId: ids.at(-1), replaced, profiles: state.store.size }];
}

function addFaults(state: EmulatorState, body: string): Reply {
  const parsed = parseJson(body);
  const list: unknown[] = Array.isArray(parsed) ? parsed : [parsed];
  const why = list.map(faultProblem).find((p) => p !== null);
  if (why !== undefined) return problem(400, `Send a fault {"status": 429, "headers": {...}, "times": 1} or {"kind": "reset-after"}, or a list of them: ${why}.`);
  for (const f of list) state.faults.inject(f as Fault);
  return [200, { queued: list, waiting: state.faults.size }];
}

function setChaos(state: EmulatorState, body: string): Reply {
  const parsed = parseJson(body);
  const ok =
    isRecord(parsed) &&
    typeof parsed.rate === 'number' && parsed.rate >= 0 && parsed.rate <= 1 &&
    (parsed.seed === undefined || Number.isInteger(parsed.seed)) &&
    (parsed.delayMs === undefined || Number.isInteger(parsed.delayMs)) &&
    (parsed.only === undefined || (Array.isArray(parsed.only) && parsed.only.every((n) => typeof n === 'string' && n in CHAOS_MIX)));
  if (!ok) return problem(400, `Send {"rate": 0.3, "seed": 42, "delayMs": 1000, "only": [...]}; faults: ${Object.keys(CHAOS_MIX).join(', ')}.`);
  const settings = parsed as unknown as ChaosSettings;
  state.chaos.configure(settings.rate === 0 ? null : { ...settings, seed: settings.seed ?? 1 });
  return [200, { chaos: state.chaos.current }];
}

function setSettings(state: EmulatorState, body: string): Reply {
  const parsed = parseJson(body);
  const switches = ['ignorePrefer', 'deprecated', 'partialContent', 'utcDateTimes'] as const;
  if (!isRecord(parsed) || switches.some((name) => parsed[name] !== undefined && typeof parsed[name] !== 'boolean')) {
    return problem(400, 'Send {"ignorePrefer": true|false, "deprecated": true|false, "partialContent": true|false, "utcDateTimes": true|false} (any of them).');
  }
  for (const name of switches) {
    const value = parsed[name];
    if (typeof value === 'boolean') state.settings[name] = value;
  }
  return [200, state.settings];
}
