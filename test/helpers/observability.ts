// Reading what the gateway exposes for operators: its log lines, its probes and its metrics.
import { request } from 'undici';
import type { Stack } from './stack.js';

export type LogLine = Record<string, unknown> & { msg?: string; level: number };

/** Every log line the gateway wrote so far, parsed (each must be JSON). */
export function logLines(stack: Stack): LogLine[] {
  return stack.logs.map((line) => JSON.parse(line) as LogLine);
}

export function linesWithMsg(stack: Stack, msg: string): LogLine[] {
  return logLines(stack).filter((l) => l.msg === msg);
}

export function originOf(stack: Stack): string {
  return new URL(stack.gateway.url).origin;
}

export async function httpGet(url: string, method: 'GET' | 'HEAD' | 'POST' = 'GET') {
  const res = await request(url, { method });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, text };
}

/** GET /metrics, as Prometheus would scrape it. */
export async function scrape(stack: Stack): Promise<string> {
  const res = await httpGet(`${originOf(stack)}/metrics`);
  if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`);
  return res.text;
}

/**
 * The value of one sample in a Prometheus text exposition, e.g.
 * `sample(text, 'gateway_graph_requests_total', { method: 'GET', status: '200' })`; undefined when absent.
 */
export function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) found[pair[1]!] = pair[2]!;
    if (Object.keys(found).length !== Object.keys(labels).length) continue;
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[3]);
  }
  return undefined;
}
