import { GraphUnavailableError } from '../http/errors.js';

/** The reason a request's signal carries when its deadline passed (anything else: the caller went away). */
export function deadlineReason(): DOMException {
  return new DOMException('deadline exceeded', 'TimeoutError');
}

function isDeadlineReason(reason: unknown): boolean {
  return reason instanceof DOMException && reason.name === 'TimeoutError';
}

/**
 * One GraphQL field's view of its request's time budget (the request's deadline is one instant,
 * shared by every field), and the one signal that ends it: the deadline passing or the caller going
 * away. Every attempt and every wait listens to `signal`.
 *
 * Served requests bring a signal that already ends at the deadline (`shared`: the server's one timer
 * for all requests, src/server/deadlines.ts), so a field costs no timer and no AbortController of its
 * own. Anything else (`timed`) arms its own; `dispose()` clears it, so nothing outlives the field.
 */
export class Deadline {
  private timer: NodeJS.Timeout | undefined;
  private caller: AbortSignal | undefined;
  private onCallerAbort: (() => void) | undefined;

  private constructor(
    readonly expiresAt: number, // performance.now() ms
    private readonly ends: AbortSignal,
  ) {}

  /** A view on `signal`, which aborts with `deadlineReason()` at `expiresAt` or otherwise when the caller goes away. */
  static shared(expiresAt: number, signal: AbortSignal): Deadline {
    return new Deadline(expiresAt, signal);
  }

  /** A budget of its own, `budgetMs` from now, that also ends when `caller` aborts. */
  static timed(budgetMs: number, caller?: AbortSignal): Deadline {
    const controller = new AbortController();
    const deadline = new Deadline(performance.now() + budgetMs, controller.signal);
    deadline.timer = setTimeout(() => controller.abort(deadlineReason()), budgetMs);
    const onCallerAbort = (): void => controller.abort(isDeadlineReason(caller?.reason) ? caller!.reason : new DOMException('the caller went away', 'AbortError'));
    if (caller?.aborted) onCallerAbort();
    else if (caller) {
      caller.addEventListener('abort', onCallerAbort, { once: true });
      deadline.caller = caller;
      deadline.onCallerAbort = onCallerAbort;
    }
    return deadline;
  }

  get signal(): AbortSignal {
    return this.ends;
  }

  /** Why the signal fired, or null while it has not. */
  get ended(): 'deadline' | 'caller' | null {
    if (!this.ends.aborted) return null;
    return isDeadlineReason(this.ends.reason) ? 'deadline' : 'caller';
  }

  remainingMs(): number {
    return Math.max(0, this.expiresAt - performance.now());
  }

  /** The error to throw once `ended` is set; `answeredStatus` when Graph's status line had arrived. */
  error(answeredStatus: number | null = null): GraphUnavailableError {
    return new GraphUnavailableError(this.ended === 'caller' ? 'ABORTED' : 'DEADLINE_EXCEEDED', { answeredStatus });
  }

  /**
   * Waits `ms`, never less (timers may fire a hair early; the remainder is waited again), and ends
   * at once, throwing, when the deadline passes or the caller goes away.
   */
  async sleep(ms: number): Promise<void> {
    const until = performance.now() + ms;
    for (let left = ms; left > 0; left = until - performance.now()) {
      await new Promise<void>((resolve, reject) => {
        if (this.signal.aborted) return reject(this.error());
        const onAbort = () => {
          clearTimeout(t);
          reject(this.error());
        };
        const t = setTimeout(() => {
          this.signal.removeEventListener('abort', onAbort);
          resolve();
        }, Math.ceil(left));
        this.signal.addEventListener('abort', onAbort, { once: true });
      });
    }
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.onCallerAbort) this.caller?.removeEventListener('abort', this.onCallerAbort);
  }
}
