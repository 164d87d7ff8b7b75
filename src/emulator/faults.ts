import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { graphError, graphHeaders } from './responses.js';

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

  /** The fault this request gets, if any; counts it against the fault's `times`. */
  take(method: string, id: string | undefined): Fault | undefined {
    const entry = this.entries.find(({ fault }) => (!fault.method || fault.method === method) && (fault.id === undefined || fault.id === id));
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
