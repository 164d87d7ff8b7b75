import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { errorAnswer, graphError, graphHeaders, parseJson, type Answer } from './responses.js';

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

/** Faults waiting for their requests, first injected first served. */
export class FaultQueue {
  private entries: { fault: Fault; left: number }[] = [];

  inject(fault: Fault): void {
    this.entries.push({ fault, left: fault.times ?? 1 });
  }

  clear(): void {
    this.entries = [];
  }

  /**
   * The fault this request gets, if any; counts it against the fault's `times`. With `exactMethod`,
   * only a fault naming this method matches (a `$batch` envelope must not eat a fault meant for the
   * requests inside it).
   */
  take(method: string, id: string | undefined, exactMethod = false): Fault | undefined {
    const entry = this.entries.find(
      ({ fault }) => (exactMethod ? fault.method === method : !fault.method || fault.method === method) && (fault.id === undefined || fault.id === id),
    );
    if (!entry) return undefined;
    entry.left -= 1;
    if (entry.left <= 0) this.entries = this.entries.filter((e) => e !== entry);
    return entry.fault;
  }
}

export async function respondFault(res: ServerResponse, reqHeaders: IncomingHttpHeaders, fault: Fault): Promise<void> {
  if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
  for (const [k, v] of Object.entries(fault.headers ?? {})) res.setHeader(k, v);
  if (fault.body === undefined) {
    return graphError(res, reqHeaders, fault.status, fault.code ?? 'emulatedFault', `Emulated ${fault.status}`);
  }
  graphHeaders(res, reqHeaders);
  res.writeHead(fault.status, { 'content-length': Buffer.byteLength(fault.body) });
  res.end(fault.body);
}

/** A fault as the answer to a request inside a `$batch` (its delay is not applied there). */
export function faultAnswer(reqHeaders: IncomingHttpHeaders, fault: Fault): Answer {
  if (fault.body === undefined) {
    const error = errorAnswer(reqHeaders, fault.status, fault.code ?? 'emulatedFault', `Emulated ${fault.status}`);
    return { ...error, headers: { ...error.headers, ...fault.headers } };
  }
  const parsed = parseJson(fault.body);
  return { status: fault.status, headers: { ...fault.headers }, body: parsed === undefined ? fault.body : parsed };
}
