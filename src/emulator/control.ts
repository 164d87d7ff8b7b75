import type { IncomingMessage, ServerResponse } from 'node:http';
import { CHAOS_MIX, type Chaos, type ChaosSettings } from './chaos.js';
import { faultProblem, type Fault, type FaultQueue } from './faults.js';
import type { EmulatorSettings } from './profiles.js';
import { empty, graphError, json, parseJson } from './graphAnswers.js';
import type { RecordedRequest } from './recorder.js';
import { isRecord } from './validation.js';

export interface ControlTarget {
  readonly faults: FaultQueue;
  readonly chaos: Chaos;
  readonly settings: EmulatorSettings;
  readonly requests: readonly RecordedRequest[];
  reset(): void;
}

// Control endpoints under /_emulator/, for a person in `npm run dev` or a test in another process.
export function handleControl(target: ControlTarget, req: IncomingMessage, res: ServerResponse, path: string, body: string): void {
  if (path === '/_emulator/reset' && req.method === 'POST') {
    target.reset();
    return empty(res, req.headers, 204);
  }
  if (path === '/_emulator/faults' && req.method === 'POST') {
    const parsed = parseJson(body);
    const list: unknown[] = Array.isArray(parsed) ? parsed : [parsed];
    const problem = list.map(faultProblem).find((p) => p !== null);
    if (problem !== undefined) {
      return graphError(res, req.headers, 400, 'BadRequest', `Send a fault {"status": 429, "headers": {...}, "times": 1} or {"kind": "reset-after"}, or a list of them: ${problem}.`);
    }
    for (const f of list) target.faults.inject(f as Fault);
    return empty(res, req.headers, 204);
  }
  if (path === '/_emulator/chaos' && req.method === 'POST') {
    const parsed = parseJson(body);
    const ok =
      isRecord(parsed) &&
      typeof parsed.rate === 'number' && parsed.rate >= 0 && parsed.rate <= 1 &&
      (parsed.seed === undefined || Number.isInteger(parsed.seed)) &&
      (parsed.delayMs === undefined || Number.isInteger(parsed.delayMs)) &&
      (parsed.only === undefined || (Array.isArray(parsed.only) && parsed.only.every((n) => typeof n === 'string' && n in CHAOS_MIX)));
    if (!ok) {
      return graphError(res, req.headers, 400, 'BadRequest', `Send {"rate": 0.3, "seed": 42, "delayMs": 1000, "only": [...]}; faults: ${Object.keys(CHAOS_MIX).join(', ')}.`);
    }
    const settings = parsed as unknown as ChaosSettings;
    target.chaos.configure(settings.rate === 0 ? null : { ...settings, seed: settings.seed ?? 1 });
    return json(res, req.headers, 200, { chaos: target.chaos.current });
  }
  if (path === '/_emulator/settings' && req.method === 'POST') {
    const parsed = parseJson(body);
    const switches = ['ignorePrefer', 'deprecated', 'partialContent'] as const;
    if (!isRecord(parsed) || switches.some((name) => parsed[name] !== undefined && typeof parsed[name] !== 'boolean')) {
      return graphError(res, req.headers, 400, 'BadRequest', 'Send {"ignorePrefer": true|false, "deprecated": true|false, "partialContent": true|false} (any of them).');
    }
    for (const name of switches) {
      const value = parsed[name];
      if (typeof value === 'boolean') target.settings[name] = value;
    }
    return json(res, req.headers, 200, target.settings);
  }
  if (path === '/_emulator/requests' && req.method === 'GET') return json(res, req.headers, 200, target.requests);
  return graphError(res, req.headers, 404, 'itemNotFound', `No emulator control at ${path}`);
}
