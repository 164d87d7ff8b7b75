import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { errorAnswer, sendAnswer, writeHead, type Answer, type RenderedAnswer } from './graphAnswers.js';
import { parseJson } from './requestBody.js';

/**
 * How a fault misbehaves:
 * - `status`: answers `status` (with `headers`, `body` or a Graph error body with `code`) after
 *   `delayMs`; with `apply`, a PATCH is applied first (a 502/504 after Graph did the work).
 * - `delay`: the normal answer, the write applied on arrival, but nothing is sent for `delayMs`.
 * - `stall`: the write applied, the normal status and headers and half the body, then silence.
 * - `reset-before`: the connection is reset, nothing applied.
 * - `reset-after`: the write applied, then the connection is reset without an answer.
 * - `proxy-502`: an HTML 502 page from a "proxy"; with `apply`, the write went through behind it.
 * - `truncate`: the write applied, the normal answer cut in half and the connection closed.
 * - `cut-body`: the write applied, the normal status line and headers sent, then the connection
 *   closed before any byte of the body.
 * - `slow-apply`: nothing happens for `delayMs`; then the write is applied whether or not the
 *   client is still there (a request held in Graph's front door lands late), and answered if it is.
 */
export type FaultKind = 'status' | 'delay' | 'stall' | 'reset-before' | 'reset-after' | 'proxy-502' | 'truncate' | 'cut-body' | 'slow-apply';
export const FAULT_KINDS: readonly FaultKind[] = ['status', 'delay', 'stall', 'reset-before', 'reset-after', 'proxy-502', 'truncate', 'cut-body', 'slow-apply'];

/** A scripted answer for the next matching request(s), in place of the normal one. */
export interface Fault {
  readonly kind?: FaultKind;
  readonly method?: string;
  /** Only requests for this profile id (decoded). */
  readonly id?: string;
  /** Only requests carrying this `client-request-id` (one GraphQL request through the gateway). */
  readonly clientRequestId?: string;
  /** How many matching requests get it (default 1). */
  readonly times?: number;
  /** For `status` faults (and `proxy-502`, which is 502). */
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** A raw body; without one, a Graph error body with `code`. */
  readonly body?: string;
  readonly code?: string;
  /** Wait this long before answering (ms); `delay` and `slow-apply` faults default to 1000. */
  readonly delayMs?: number;
  /** Apply a PATCH before a `status` or `proxy-502` answer. */
  readonly apply?: boolean;
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

  /** Faults still waiting for a request (a fault with `times: 3` counts once). */
  get size(): number {
    return this.entries.length;
  }

  /**
   * The fault this request gets, if any; counts it against the fault's `times`. With `exactMethod`,
   * only a fault naming this method matches (a `$batch` envelope must not eat a fault meant for the
   * requests inside it).
   */
  take(method: string, id: string | undefined, clientRequestId: string | undefined, exactMethod = false): Fault | undefined {
    const entry = this.entries.find(
      ({ fault }) =>
        (exactMethod ? fault.method === method : !fault.method || fault.method === method) &&
        (fault.id === undefined || fault.id === id) &&
        (fault.clientRequestId === undefined || fault.clientRequestId === clientRequestId),
    );
    if (!entry) return undefined;
    entry.left -= 1;
    if (entry.left <= 0) this.entries = this.entries.filter((e) => e !== entry);
    return entry.fault;
  }
}

/** Why a value is not a fault, or null when it is one. */
export function faultProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'a fault is a JSON object';
  const f = value as Record<string, unknown>;
  const kind = f.kind ?? 'status';
  if (!FAULT_KINDS.includes(kind as FaultKind)) return `kind must be one of ${FAULT_KINDS.join(', ')}`;
  if (kind === 'status' && !Number.isInteger(f.status)) return 'a status fault needs an integer "status"';
  if (f.delayMs !== undefined && !(Number.isInteger(f.delayMs) && (f.delayMs as number) >= 0)) return 'delayMs must be a whole number of ms';
  if (f.times !== undefined && !(Number.isInteger(f.times) && (f.times as number) >= 1)) return 'times must be a whole number >= 1';
  return null;
}

/** The normal answer, for faults that damage it rather than replace it. */
export interface NormalAnswer {
  /** Applies the request (a PATCH writes) and returns what Graph would send, or null if it would refuse. */
  compute(): RenderedAnswer | null;
  /** Answers normally, applying the request now. */
  respond(): void;
}

const PROXY_PAGE = '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

export async function respondFault(
  req: IncomingMessage,
  res: ServerResponse,
  fault: Fault,
  normal: NormalAnswer,
): Promise<void> {
  const reqHeaders = req.headers;
  const kind = fault.kind ?? 'status';
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  switch (kind) {
    case 'status':
      if (fault.apply) normal.compute();
      if (fault.delayMs) await wait(fault.delayMs);
      return scripted(res, reqHeaders, fault.status ?? 500, fault);
    case 'proxy-502':
      if (fault.apply) normal.compute();
      if (fault.delayMs) await wait(fault.delayMs);
      res.writeHead(502, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(PROXY_PAGE), server: 'nginx' });
      return void res.end(PROXY_PAGE);
    case 'delay':
    case 'slow-apply': {
      // 'delay' applies the write on arrival and only answers late; 'slow-apply' applies it late, even
      // for a client that gave up long ago: the request did reach Graph.
      const early = kind === 'delay' ? normal.compute() : undefined;
      await wait(fault.delayMs ?? 1_000);
      const answer = kind === 'delay' ? early : normal.compute();
      if (res.destroyed) return;
      if (!answer) return normal.respond();
      writeHead(res, reqHeaders, answer);
      return void res.end(answer.text);
    }
    case 'cut-body': {
      const answer = normal.compute();
      if (!answer || answer.text.length === 0) return normal.respond();
      writeHead(res, reqHeaders, answer);
      res.flushHeaders();
      // The status line and headers are on the wire; the body never follows.
      return void setImmediate(() => req.socket.destroy());
    }
    case 'reset-before':
      return void req.socket.resetAndDestroy();
    case 'reset-after':
      normal.compute();
      return void req.socket.resetAndDestroy();
    case 'stall':
    case 'truncate': {
      const answer = normal.compute();
      if (!answer || answer.text.length < 2) return normal.respond();
      writeHead(res, reqHeaders, answer);
      res.write(answer.text.slice(0, Math.floor(answer.text.length / 2)));
      // stall: nothing more; the client's body timeout (or the emulator closing) ends it.
      if (kind === 'truncate') setImmediate(() => req.socket.destroy());
      return;
    }
  }
}

function scripted(res: ServerResponse, reqHeaders: IncomingHttpHeaders, status: number, fault: Fault): void {
  if (res.destroyed) return;
  sendAnswer(res, reqHeaders, scriptedAnswer(reqHeaders, status, fault));
}

/** A fault's answer: its raw body as given, or a Graph error body with its code. */
function scriptedAnswer(reqHeaders: IncomingHttpHeaders, status: number, fault: Fault): Answer {
  if (fault.body === undefined) return errorAnswer(reqHeaders, status, fault.code ?? 'emulatedFault', `Emulated ${status}`, fault.headers);
  // A scripted request-id is Graph's own: it replaces the one the emulator would make up.
  return { status, headers: { ...fault.headers }, text: fault.body, requestId: fault.headers?.['request-id'] ?? randomUUID() };
}

/** A fault as the answer to a request inside a `$batch` (its delay and connection damage do not apply there). */
export function faultAnswer(reqHeaders: IncomingHttpHeaders, fault: Fault): Answer {
  const answer = scriptedAnswer(reqHeaders, fault.status ?? (fault.kind === 'proxy-502' ? 502 : 500), fault);
  const parsed = answer.text === undefined ? undefined : parseJson(answer.text);
  return parsed === undefined ? answer : { ...answer, body: parsed, json: answer.text, text: undefined };
}

/**
 * A fault named on the request itself, for a person calling the emulator directly:
 * `x-emulator-fault: {"kind":"reset-after"}` or `x-emulator-fault: 429`.
 */
export function headerFault(value: string | string[] | undefined): Fault | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const parsed = /^\d{3}$/.test(value.trim()) ? { status: Number(value.trim()) } : parseJson(value);
  return faultProblem(parsed) === null ? (parsed as Fault) : undefined;
}
