import { describe, expect, it } from 'vitest';
import { retryAfterSeconds } from '../../src/graph/http/answers.js';
import { DEFAULT_RETRY_POLICY, backoffMs, retryDecision } from '../../src/graph/resilience/policy.js';

const policy = { ...DEFAULT_RETRY_POLICY, maxRetries: 3, baseDelayMs: 250, maxDelayMs: 8_000 };

describe('the retry policy', () => {
  it("Graph's Retry-After wins over backoff, rounded up to the millisecond", () => {
    expect(retryDecision(policy, { retriesSoFar: 0, retryAfterSeconds: 2.128, remainingMs: 30_000 })).toEqual({ retry: true, delayMs: 2128 });
    expect(retryDecision(policy, { retriesSoFar: 0, retryAfterSeconds: 0.0001, remainingMs: 30_000 })).toEqual({ retry: true, delayMs: 1 });
  });

  it('stops at once when the wait would end at or past the deadline', () => {
    expect(retryDecision(policy, { retriesSoFar: 0, retryAfterSeconds: 5, remainingMs: 4_999 })).toEqual({ retry: false, reason: 'deadline' });
    expect(retryDecision(policy, { retriesSoFar: 0, retryAfterSeconds: null, remainingMs: 100, random: () => 0.9 })).toEqual({ retry: false, reason: 'deadline' });
  });

  it('does not start a retry whose attempt could not finish before the deadline', () => {
    expect(retryDecision(policy, { retriesSoFar: 0, retryAfterSeconds: 1, remainingMs: 2_500, attemptMs: 1_000 })).toEqual({ retry: true, delayMs: 1_000 });
    expect(retryDecision(policy, { retriesSoFar: 0, retryAfterSeconds: 1, remainingMs: 1_900, attemptMs: 1_000 })).toEqual({ retry: false, reason: 'deadline' });
  });

  it('stops after maxRetries', () => {
    expect(retryDecision(policy, { retriesSoFar: 3, retryAfterSeconds: 0, remainingMs: 30_000 })).toEqual({ retry: false, reason: 'exhausted' });
    expect(retryDecision({ ...policy, maxRetries: 0 }, { retriesSoFar: 0, retryAfterSeconds: 0, remainingMs: 30_000 })).toEqual({ retry: false, reason: 'exhausted' });
  });

  it('backs off exponentially with full jitter, capped', () => {
    expect([0, 1, 2, 3].map((n) => backoffMs(policy, n, () => 0.999))).toEqual([249, 499, 999, 1998]);
    expect(backoffMs(policy, 0, () => 0)).toBe(0);
    expect(backoffMs(policy, 10, () => 0.999)).toBe(7992);
  });

  it('reads Retry-After as seconds, fractional seconds or an HTTP date', () => {
    const now = Date.parse('Sun, 29 Nov 2026 00:00:00 GMT');
    expect(retryAfterSeconds('120', now)).toBe(120);
    expect(retryAfterSeconds('2.128', now)).toBe(2.128);
    expect(retryAfterSeconds('Sun, 29 Nov 2026 00:00:03 GMT', now)).toBe(3);
    expect(retryAfterSeconds('Sat, 28 Nov 2026 23:59:00 GMT', now)).toBe(0);
    expect(retryAfterSeconds('soon', now)).toBeNull();
  });
});
