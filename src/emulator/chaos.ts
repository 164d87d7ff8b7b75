import type { Fault } from './faults.js';

/** A seeded random mix of faults: the same seed gives the same sequence of choices. */
export interface ChaosSettings {
  readonly seed: number;
  /** Share of requests that get a fault, 0 to 1. */
  readonly rate: number;
  /** How long `delay` and `slow-apply` faults hold the answer (ms); longer than the gateway's timeout makes them timeouts. */
  readonly delayMs?: number;
  /** Limit the mix to these entries of CHAOS_MIX by name; all of them when absent. */
  readonly only?: readonly string[];
}

type Pick = (random: () => number) => Fault;

// Every fault the issue names, as a weighted mix. Retry-After values are short so a soak stays fast.
export const CHAOS_MIX: Readonly<Record<string, Pick>> = {
  'throttled-seconds': (r) => ({ status: 429, code: 'TooManyRequests', headers: { 'retry-after': String([0, 0.05, 0.1, 0.2][Math.floor(r() * 4)]) } }),
  'throttled-fractional': () => ({ status: 429, code: 'TooManyRequests', headers: { 'retry-after': '0.128' } }),
  'throttled-date': (r) => ({ status: 429, code: 'TooManyRequests', headers: { 'retry-after': new Date(Date.now() + r() * 1000).toUTCString() } }),
  'unavailable-retry-after': () => ({ status: 503, code: 'serviceNotAvailable', headers: { 'retry-after': '0.1' } }),
  unavailable: () => ({ status: 503, code: 'serviceNotAvailable' }),
  'gateway-timeout': (r) => ({ status: 504, code: 'gatewayTimeout', apply: r() < 0.5 }),
  delay: () => ({ kind: 'delay' }),
  stall: () => ({ kind: 'stall' }),
  'reset-before': () => ({ kind: 'reset-before' }),
  'reset-after': () => ({ kind: 'reset-after' }),
  'proxy-502': (r) => ({ kind: 'proxy-502', apply: r() < 0.5 }),
  truncate: () => ({ kind: 'truncate' }),
  'cut-body': () => ({ kind: 'cut-body' }),
  'slow-apply': () => ({ kind: 'slow-apply' }),
};

export class Chaos {
  private random: () => number = () => 0;
  private settings: ChaosSettings | null = null;
  /** How many times each entry of the mix was chosen since the last configure(). */
  readonly counts: Record<string, number> = {};

  configure(settings: ChaosSettings | null): void {
    this.settings = settings;
    for (const k of Object.keys(this.counts)) delete this.counts[k];
    if (settings) this.random = mulberry32(settings.seed);
  }

  get current(): ChaosSettings | null {
    return this.settings;
  }

  /** The fault this request gets, if the dice say so. */
  pick(): Fault | undefined {
    const s = this.settings;
    if (!s || this.random() >= s.rate) return undefined;
    const names = s.only?.length ? s.only.filter((n) => n in CHAOS_MIX) : Object.keys(CHAOS_MIX);
    if (names.length === 0) return undefined;
    const name = names[Math.floor(this.random() * names.length)]!;
    this.counts[name] = (this.counts[name] ?? 0) + 1;
    const fault = CHAOS_MIX[name]!(this.random);
    return fault.kind === 'delay' || fault.kind === 'slow-apply' ? { ...fault, delayMs: s.delayMs ?? 1_000 } : fault;
  }
}

// A small, well-known seeded PRNG: reproducible mixes without a dependency.
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
