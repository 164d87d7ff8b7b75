import { GraphUnavailableError } from '../http/errors.js';

/**
 * One GraphQL field's share of its request's time budget (the request's deadline is one instant,
 * shared by every field), and the one signal that ends it: the deadline passing or the caller going
 * away. Every attempt and every wait listens to `signal`; `dispose()` clears the timer and the
 * listener, so nothing outlives the field.
 */
export class Deadline {
  readonly expiresAt: number; // performance.now() ms
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly caller: AbortSignal | undefined;
  private readonly onCallerAbort = () => {
    this.why ??= 'caller';
    this.controller.abort(new DOMException('the caller went away', 'AbortError'));
  };
  private why: 'deadline' | 'caller' | null = null;

  constructor(budgetMs: number, caller?: AbortSignal) {
    this.expiresAt = performance.now() + budgetMs;
    this.caller = caller;
    this.timer = setTimeout(() => {
      this.why ??= 'deadline';
      this.controller.abort(new DOMException('deadline exceeded', 'TimeoutError'));
    }, budgetMs);
    if (caller?.aborted) this.onCallerAbort();
    else caller?.addEventListener('abort', this.onCallerAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Why the signal fired, or null while it has not. */
  get ended(): 'deadline' | 'caller' | null {
    return this.why;
  }

  remainingMs(): number {
    return Math.max(0, this.expiresAt - performance.now());
  }

  /** The error to throw once `ended` is set; `answeredStatus` when Graph's status line had arrived. */
  error(answeredStatus: number | null = null): GraphUnavailableError {
    return new GraphUnavailableError(this.why === 'caller' ? 'ABORTED' : 'DEADLINE_EXCEEDED', { answeredStatus });
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
    clearTimeout(this.timer);
    this.caller?.removeEventListener('abort', this.onCallerAbort);
  }
}
