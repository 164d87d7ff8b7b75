// The load generator, alone in its process so its CPU is not counted against any server. Closed
// loop: `connections` workers each send the cycle's next request as soon as the last answer is read
// (or, with a rate, at evenly spaced times). Latency is recorded in an HDR histogram (perf_hooks);
// an answer counts as an error unless it is 2xx and, for GraphQL, carries no `errors`.
import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';
import { Pool } from 'undici';
import type { LoadRequest } from './workload.js';

export interface LoadJob {
  readonly type: 'run';
  readonly seq: number;
  /** Histograms with the same key accumulate across jobs (one per contender and level). */
  readonly key: string;
  readonly origin: string;
  readonly requests: readonly LoadRequest[];
  readonly connections: number;
  readonly durationMs: number;
  /** Total requests per second across all workers; absent: as fast as answers come. */
  readonly ratePerSec?: number;
  readonly graphql: boolean;
}

export interface Latency {
  readonly p50: number;
  readonly p99: number;
  readonly p999: number;
  readonly mean: number;
  readonly max: number;
}

export interface LoadResult {
  readonly type: 'result';
  readonly seq: number;
  readonly requests: number;
  readonly errors: number;
  readonly errorSamples: readonly string[];
  readonly elapsedMs: number;
  readonly latency: Latency;
  /** Over every job with this key so far. */
  readonly cumulative: Latency;
  /** This process's CPU over the job (µs). */
  readonly loadCpuUs: number;
}

const cumulative = new Map<string, RecordableHistogram>();

function summary(h: RecordableHistogram): Latency {
  // The histogram holds nanoseconds; report milliseconds.
  const ms = (ns: number) => Math.round(ns / 1e3) / 1e3;
  return { p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), p999: ms(h.percentile(99.9)), mean: ms(h.mean), max: ms(h.max) };
}

async function run(job: LoadJob): Promise<LoadResult> {
  const pool = new Pool(job.origin, { connections: job.connections, pipelining: 1, keepAliveTimeout: 30_000 });
  const histogram = createHistogram();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const deadline = started + job.durationMs;
  const interval = job.ratePerSec ? (1000 * job.connections) / job.ratePerSec : 0; // ms between sends, per worker
  let requests = 0;
  let errors = 0;
  const errorSamples: string[] = [];
  const fail = (what: string) => {
    errors++;
    if (errorSamples.length < 5) errorSamples.push(what.slice(0, 300));
  };

  async function worker(index: number): Promise<void> {
    let next = index % job.requests.length;
    let due = started + (interval * index) / job.connections;
    while (performance.now() < deadline) {
      if (interval > 0) {
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        due += interval;
        if (performance.now() >= deadline) break;
      }
      const r = job.requests[next]!;
      next = (next + 1) % job.requests.length;
      const t0 = process.hrtime.bigint();
      try {
        const res = await pool.request({ method: r.method, path: r.path, headers: r.headers, body: r.body });
        const text = await res.body.text();
        histogram.record(Number(process.hrtime.bigint() - t0) || 1);
        requests++;
        if (res.statusCode < 200 || res.statusCode >= 300) fail(`${res.statusCode} ${text}`);
        else if (job.graphql && text.includes('"errors"')) fail(text);
      } catch (err) {
        requests++;
        fail(String(err));
      }
    }
  }

  await Promise.all(Array.from({ length: job.connections }, (_, i) => worker(i)));
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  await pool.close();
  let total = cumulative.get(job.key);
  if (!total) cumulative.set(job.key, (total = createHistogram()));
  total.add(histogram);
  return {
    type: 'result',
    seq: job.seq,
    requests,
    errors,
    errorSamples,
    elapsedMs,
    latency: summary(histogram),
    cumulative: summary(total),
    loadCpuUs: cpu.user + cpu.system,
  };
}

process.on('message', (message: LoadJob) => {
  if (message?.type !== 'run') return;
  run(message).then(
    (result) => process.send?.(result),
    (err: unknown) => process.send?.({ type: 'failed', seq: message.seq, error: String(err) }),
  );
});
process.on('disconnect', () => process.exit(0));
process.send?.({ type: 'ready' });
