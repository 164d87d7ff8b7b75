// Parsers of single environment values, for config.ts: each reports a problem naming the variable and
// what it expects, and returns a fallback so every problem is found in one pass.
import { isIP } from 'node:net';

export type Env = Readonly<Record<string, string | undefined>>;

export function integer(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
    return fallback;
  }
  return Number(raw);
}

/** An IP address or a host name to bind; empty means every interface. */
export function listenHost(env: Env, name: string, problems: string[]): string {
  const raw = env[name]?.trim() ?? '';
  if (raw === '' || isIP(raw) !== 0) return raw;
  // A name made only of digits and dots is a mistyped IPv4 address (999.1.1.1), never a host name.
  if (/^[\d.]+$/.test(raw) || !/^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i.test(raw)) {
    problems.push(`${name} must be an IP address or a host name of this machine, e.g. 0.0.0.0, :: or 127.0.0.1 (got "${raw}")`);
    return '';
  }
  return raw;
}

export function boolean(env: Env, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  problems.push(`${name} must be true or false (got "${env[name]}")`);
  return fallback;
}

/** Comma-separated origins; a port of `*` allows any port (for localhost in development). */
export function origins(env: Env, name: string, fallback: string[], problems: string[]): string[] {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const list = raw.split(',').map((o) => o.trim()).filter(Boolean);
  for (const origin of list) {
    if (origin === '*') continue;
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) problems.push(`${name}: "${origin}" is not an origin such as https://app.example.com`);
  }
  return list;
}

export function baseUrl(env: Env, name: string, fallback: string, problems: string[]): string {
  const raw = env[name]?.trim() || fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    problems.push(`${name} must be an absolute http(s) URL with Graph's version path, e.g. ${fallback} (got "${raw}")`);
    return fallback;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    // Suggest what would be accepted: the same host over https with a version path.
    const example = /^[a-z0-9.-]+(:\d+)?$/i.test(url.host) && url.host !== '' ? `https://${url.host}/beta` : fallback;
    problems.push(`${name} must be an http or https URL with Graph's version path, e.g. ${example} (got "${raw}")`);
    return fallback;
  }
  if (url.username || url.password) problems.push(`${name} must not carry credentials`);
  if (url.search || url.hash) problems.push(`${name} must not have a query or fragment`);
  // The version segment (v1.0, beta) is part of every Graph URL; without it every call would 404.
  if (url.pathname === '/' || url.pathname === '') {
    problems.push(`${name} must include Graph's version path, e.g. ${url.origin}/beta (got "${raw}")`);
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}
