import { deadlineReason } from '../graph/resilience/deadline.js';

interface Watched {
  readonly expiresAt: number;
  readonly controller: AbortController;
  prev: Watched | null;
  next: Watched | null;
  linked: boolean;
}

/**
 * Every request's deadline (REQUEST_DEADLINE_MS) on one timer: a request's signal aborts with
 * `deadlineReason()` when its deadline passes, so no request, and no Graph call, arms a timer of its
 * own. Requests are kept in order of their deadlines, which is the order they start in, since all
 * get the same budget: adding and removing one is O(1), and the one timer is armed for the earliest.
 * A request that ended is unlinked at once; the timer is not re-armed for it (it finds the next one
 * when it fires, at most once per budget's length while requests keep ending in time).
 */
export class RequestDeadlines {
  private first: Watched | null = null;
  private last: Watched | null = null;
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Number.POSITIVE_INFINITY;

  /** Aborts `controller` at `expiresAt` (performance.now() ms) unless released first. Returns the release. */
  watch(expiresAt: number, controller: AbortController): () => void {
    const node: Watched = { expiresAt, controller, prev: null, next: null, linked: true };
    // From the end: an earlier deadline than the last one only comes from a shorter budget.
    let after = this.last;
    while (after !== null && after.expiresAt > expiresAt) after = after.prev;
    node.prev = after;
    node.next = after === null ? this.first : after.next;
    if (node.next) node.next.prev = node;
    else this.last = node;
    if (after) after.next = node;
    else this.first = node;
    if (expiresAt < this.timerAt) this.arm(expiresAt);
    return () => this.unlink(node);
  }

  private unlink(node: Watched): void {
    if (!node.linked) return;
    node.linked = false;
    if (node.prev) node.prev.next = node.next;
    else this.first = node.next;
    if (node.next) node.next.prev = node.prev;
    else this.last = node.prev;
    node.prev = node.next = null;
  }

  private arm(at: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(this.fire, Math.max(0, Math.ceil(at - performance.now())));
    // The deadlines of requests keep no process alive: the server's own handles do.
    this.timer.unref();
  }

  private readonly fire = (): void => {
    this.timer = undefined;
    this.timerAt = Number.POSITIVE_INFINITY;
    const now = performance.now();
    // Timers may fire a hair early: a deadline within the next millisecond has passed.
    while (this.first !== null && this.first.expiresAt <= now + 1) {
      const { controller } = this.first;
      this.unlink(this.first);
      controller.abort(deadlineReason());
    }
    if (this.first !== null) this.arm(this.first.expiresAt);
  };

  /** Requests watched right now (for tests). */
  get size(): number {
    let n = 0;
    for (let w = this.first; w !== null; w = w.next) n += 1;
    return n;
  }
}
