import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

/** What the emulator received: tests assert on it. */
export interface RecordedRequest {
  readonly method: string;
  /** The raw request target, exactly as it arrived (encoding included). */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** When it arrived (performance.now(), ms). */
  readonly at: number;
  /** Which TCP connection carried it: 1 for the emulator's first connection, and so on. */
  readonly connection: number;
  /** When the client went away before the answer was complete (performance.now(), ms). */
  clientGoneAt?: number;
}

/** Every Graph request the emulator received, oldest first, the newest `keep` of them. */
export class RequestRecorder {
  /** The list tests read; kept as one array so a reference taken early stays current. */
  readonly requests: RecordedRequest[] = [];

  constructor(private readonly keep: number) {}

  record(req: IncomingMessage, res: ServerResponse, body: string, at: number, connection: number): RecordedRequest {
    const entry: RecordedRequest = { method: req.method ?? '', url: req.url ?? '/', headers: req.headers, body, at, connection };
    res.once('close', () => {
      if (!res.writableFinished) entry.clientGoneAt = performance.now();
    });
    this.requests.push(entry);
    if (this.requests.length > this.keep) this.requests.splice(0, this.requests.length - this.keep);
    return entry;
  }

  clear(): void {
    this.requests.length = 0;
  }
}
