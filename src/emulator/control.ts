import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Fault, FaultQueue } from './faults.js';
import type { EmulatorSettings } from './profiles.js';
import { empty, graphError, json, parseJson } from './responses.js';
import type { RecordedRequest } from './server.js';
import { isRecord } from './validation.js';

export interface ControlTarget {
  readonly faults: FaultQueue;
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
    if (!list.every((f) => isRecord(f) && Number.isInteger(f.status))) {
      return graphError(res, req.headers, 400, 'BadRequest', 'Send a fault {"status": 429, "headers": {...}, "times": 1} or a list of them.');
    }
    for (const f of list) target.faults.inject(f as Fault);
    return empty(res, req.headers, 204);
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
