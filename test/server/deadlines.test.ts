// One timer for every request's deadline (src/server/deadlines.ts): each signal aborts, with a
// TimeoutError, once its own deadline has passed and not before; a released request never aborts.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { RequestDeadlines } from '../../src/server/deadlines.js';

function watched(deadlines: RequestDeadlines, inMs: number) {
  const controller = new AbortController();
  const expiresAt = performance.now() + inMs;
  let abortedAt: number | null = null;
  controller.signal.addEventListener('abort', () => (abortedAt = performance.now()));
  const release = deadlines.watch(expiresAt, controller);
  return { controller, expiresAt, release, abortedAt: () => abortedAt };
}

describe('request deadlines', () => {
  it('abort each signal with a TimeoutError at its own deadline, in order, never before it', async () => {
    const deadlines = new RequestDeadlines();
    const a = watched(deadlines, 60);
    const b = watched(deadlines, 120);
    const c = watched(deadlines, 30); // a shorter budget arrives later: it goes first
    await sleep(300);
    for (const w of [a, b, c]) {
      expect(w.controller.signal.reason).toBeInstanceOf(DOMException);
      expect((w.controller.signal.reason as DOMException).name).toBe('TimeoutError');
      // Not before the deadline (a timer may fire up to a millisecond early); tolerant after it.
      expect(w.abortedAt()!).toBeGreaterThanOrEqual(w.expiresAt - 1);
      expect(w.abortedAt()! - w.expiresAt).toBeLessThan(150);
    }
    expect(c.abortedAt()!).toBeLessThan(a.abortedAt()!);
    expect(a.abortedAt()!).toBeLessThan(b.abortedAt()!);
    expect(deadlines.size).toBe(0);
  });

  it('never abort a request released before its deadline, and forget it at once', async () => {
    const deadlines = new RequestDeadlines();
    const early = watched(deadlines, 40);
    const kept = watched(deadlines, 80);
    const late = watched(deadlines, 120);
    early.release();
    late.release();
    late.release(); // twice is harmless
    expect(deadlines.size).toBe(1);
    await sleep(250);
    expect(early.controller.signal.aborted).toBe(false);
    expect(late.controller.signal.aborted).toBe(false);
    expect(kept.controller.signal.aborted).toBe(true);
    expect(deadlines.size).toBe(0);
  });

  it('hold thousands of requests in flight on one timer and release them in any order', async () => {
    const deadlines = new RequestDeadlines();
    const many = Array.from({ length: 5_000 }, (_, i) => watched(deadlines, 200 + (i % 7)));
    for (let i = 0; i < many.length; i += 2) many[i]!.release();
    for (let i = many.length - 1; i > 0; i -= 2) if (i % 4 === 1) many[i]!.release();
    const left = many.filter((_, i) => i % 2 === 1 && i % 4 !== 1);
    expect(deadlines.size).toBe(left.length);
    await sleep(400);
    expect(many.filter((w) => w.controller.signal.aborted)).toHaveLength(left.length);
    for (const w of left) expect(w.controller.signal.aborted).toBe(true);
  });
});
