// The fault soak: thousands of mutations, many at once, through the gateway against an emulator
// injecting a seeded mix of every fault at a high rate. Nothing may be lost, replayed into a wrong
// state, left hanging or leaked. Timeouts (2 s) are long next to the emulator's own latency on a
// busy machine, so mostly injected faults (delay and stall hold answers 2.5 s) time out.
import { setTimeout as sleep } from 'node:timers/promises';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_PROFILE } from '../src/emulator/seedProfile.js';
import { UPDATE, startStack, type GraphQLAnswer, type Stack } from './helpers/stack.js';

const PROFILES = 80; // concurrent writers, one profile each, so the order of writes is known
const PER_PROFILE = 25; // 80 x 25 = 2000 mutations
const WARM_UP = 5; // mutations per profile before the heap baseline
const SEED = 20261129;
const FAULT_RATE = 0.35;
const CODED = new Set(['THROTTLED', 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_ERROR']);

interface Outcome {
  readonly profile: number;
  readonly k: number;
  readonly ok: boolean;
  readonly code?: string;
  readonly outcome?: string;
  readonly reason?: string;
}

const idOf = (p: number) => `soak-${String(p).padStart(3, '0')}`;
const valueOf = (p: number, k: number) => `${idOf(p)}#${k}`;

function forceGc(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

function heapMb(): number {
  forceGc();
  forceGc();
  return process.memoryUsage().heapUsed / 1_048_576;
}

function timers(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
}

describe('fault soak', () => {
  let stack: Stack;
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onRejection);
    stack = await startStack(
      { GRAPH_TIMEOUT_MS: '2000', REQUEST_DEADLINE_MS: '10000', GRAPH_MAX_RETRIES: '3', LOG_LEVEL: 'warn' },
      { keepRequests: 200 },
    );
  });
  afterAll(async () => {
    process.off('unhandledRejection', onRejection);
    await stack.close();
  });

  it(`${PROFILES * PER_PROFILE} mutations under a seeded mix of every fault lose nothing and leak nothing`, { timeout: 60_000 }, async () => {
    const { emulator, gateway } = stack;
    for (let p = 0; p < PROFILES; p++) emulator.store.put({ ...structuredClone(SEED_PROFILE), id: idOf(p) });
    const timersBefore = timers();
    emulator.chaos({ seed: SEED, rate: FAULT_RATE, delayMs: 2_500 });

    const results: Outcome[] = [];
    let lateUnknownWrites = 0;
    const mutate = async (p: number, k: number): Promise<void> => {
      const answer: GraphQLAnswer = await stack.gql(UPDATE, { id: idOf(p), input: { riskScore: valueOf(p, k), countHits: k, tags: [valueOf(p, k)] } });
      expect(answer.status).toBe(200);
      const profile = answer.body.data?.updateIpSecurityProfile as Record<string, unknown> | null | undefined;
      if (answer.body.errors === undefined) {
        // A success is the profile with exactly the values sent.
        expect(profile).toMatchObject({ id: idOf(p), riskScore: valueOf(p, k), countHits: k, tags: [valueOf(p, k)] });
        results.push({ profile: p, k, ok: true });
      } else {
        expect(profile).toBeNull();
        const ext = answer.body.errors[0]!.extensions!;
        expect(CODED, JSON.stringify(answer.body.errors)).toContain(ext.code);
        // Every failed write says what became of it.
        expect(['not_applied', 'unknown', 'applied']).toContain(ext.outcome);
        results.push({ profile: p, k, ok: false, code: ext.code as string, outcome: ext.outcome as string, reason: (ext.reason ?? (ext.graph as { status?: number } | undefined)?.status) as string | undefined });
      }
    };
    const run = (from: number, to: number) =>
      Promise.all(Array.from({ length: PROFILES }, async (_, p) => {
        for (let k = from; k < to; k++) await mutate(p, k);
      }));

    const started = performance.now();
    await run(0, WARM_UP);
    const heapBaseline = heapMb();
    await run(WARM_UP, PER_PROFILE);
    const seconds = (performance.now() - started) / 1000;
    const faultsInjected = { ...emulator.chaosCounts };
    emulator.chaos(null);

    // What Graph (the emulator) applied, per profile, in order.
    const applied = new Map<number, number[]>();
    for (const w of emulator.store.writes) {
      const p = Number(w.id.slice('soak-'.length));
      const k = Number(String(w.body.riskScore).split('#')[1]);
      expect(w.body.countHits).toBe(k);
      applied.set(p, [...(applied.get(p) ?? []), k]);
    }
    for (let p = 0; p < PROFILES; p++) {
      const mine = results.filter((r) => r.profile === p);
      const log = applied.get(p) ?? [];
      const outcomeOf = (k: number) => mine.find((r) => r.k === k)!;
      for (const r of mine) {
        if (r.ok) {
          expect(log, `${idOf(p)} #${r.k} succeeded`).toContain(r.k);
          // Once a write succeeded, an older one may land after it only if the gateway told that
          // older write's caller `unknown`: a replay never undoes a success silently.
          const older = log.slice(log.indexOf(r.k)).filter((j) => j < r.k);
          for (const j of older) expect(outcomeOf(j).outcome, `${idOf(p)}: #${j} landed after #${r.k} succeeded`).toBe('unknown');
          lateUnknownWrites += older.length;
        }
        if (r.outcome === 'not_applied') expect(log, `${idOf(p)} #${r.k} said not_applied`).not.toContain(r.k);
        if (r.outcome === 'applied') expect(log).toContain(r.k);
      }
      // The final state is Graph's last applied write, whole (no mix of two writes): the last
      // success, or a write whose caller was told `unknown` or `applied`.
      const final = emulator.store.get(idOf(p))!;
      const lastSuccess = Math.max(-1, ...mine.filter((r) => r.ok).map((r) => r.k));
      const finalK = typeof final.riskScore === 'string' ? Number(final.riskScore.split('#')[1]) : -1;
      expect(final).toMatchObject({ countHits: finalK, tags: [final.riskScore] });
      expect(finalK).toBe(log.at(-1) ?? -1);
      if (finalK !== lastSuccess) expect(['unknown', 'applied']).toContain(outcomeOf(finalK).outcome);
    }

    // Nothing left behind: no request in the pool, every open socket idle, no stray timer.
    let stats = gateway.graph.poolStats;
    for (let i = 0; i < 20 && (stats.connected !== stats.free || emulator.openConnections() !== stats.connected); i++) {
      await sleep(50);
      stats = gateway.graph.poolStats;
    }
    expect({ running: stats.running, pending: stats.pending, queued: stats.queued }).toEqual({ running: 0, pending: 0, queued: 0 });
    expect(stats.connected).toBe(stats.free);
    expect(emulator.openConnections()).toBe(stats.connected);
    await sleep(2_600); // the emulator's own delayed answers finish
    expect(timers()).toBeLessThanOrEqual(timersBefore + 2);
    const heapGrowth = heapMb() - heapBaseline;
    expect(heapGrowth).toBeLessThan(32);
    expect(rejections).toEqual([]);
    expect(stack.logs.filter((l) => l.includes('"level":50'))).toEqual([]);

    const byCode: Record<string, number> = {};
    for (const r of results) {
      const key = r.ok ? 'ok' : `${r.code}/${r.outcome}/${r.reason}`;
      byCode[key] = (byCode[key] ?? 0) + 1;
    }
    const summary = {
      mutations: results.length,
      concurrent: PROFILES,
      seconds: Number(seconds.toFixed(1)),
      results: byCode,
      faultsInjected,
      writesApplied: emulator.store.writes.length,
      lateUnknownWrites,
      pool: { connected: stats.connected, free: stats.free },
      heapGrowthMb: Number(heapGrowth.toFixed(1)),
    };
    console.log(`fault soak: ${JSON.stringify(summary, null, 2)}`);
    expect(results).toHaveLength(PROFILES * PER_PROFILE);
    // A high fault rate, yet retries make most mutations succeed.
    expect(byCode.ok! / results.length).toBeGreaterThan(0.8);
    expect(Object.keys(faultsInjected).length).toBe(12);
  });
});
