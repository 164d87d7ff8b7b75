// The compiled path's plan cache: bounded, least recently used out first, and a document in use
// survives a flood of new ones (the cache moves a hot plan only every so often, src/server/compiled/plans.ts).
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { PlanCache } from '../../src/server/compiled/plans.js';

const doc = (i: number | string): string => `{ ipSecurityProfile(id: "${i}") { id } }`;

describe('the plan cache', () => {
  it('keeps a document in use through a flood of new ones, and drops the unused', () => {
    const plans = new PlanCache();
    const hot = doc('hot');
    plans.record(hot, parse(hot));
    for (let i = 0; i < 5_000; i++) {
      const source = doc(i);
      plans.record(source, parse(source));
      if (i % 3 === 0) expect(plans.get(hot)).toBeDefined();
    }
    expect(plans.size).toBe(500);
    expect(plans.get(hot)).toBeDefined();
    expect(plans.get(doc(0))).toBeUndefined(); // long unused: evicted
    expect(plans.get(doc(4_999))).toBeDefined();
  });

  it('evicts in least-recently-used order when nothing is touched', () => {
    const plans = new PlanCache();
    for (let i = 0; i < 501; i++) plans.record(doc(i), parse(doc(i)));
    expect(plans.size).toBe(500);
    expect(plans.get(doc(0))).toBeUndefined();
    expect(plans.get(doc(1))).toBeDefined();
  });
});
