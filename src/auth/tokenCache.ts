// Graph tokens obtained on behalf of callers, keyed by a hash of the caller's own token: the
// incoming token itself is never kept, and one user's Graph token is only ever found with the
// very token that was exchanged for it.
import { createHash } from 'node:crypto';

/** Renew this long before a Graph token expires, as MSAL does (ms). */
export const RENEW_BEFORE_MS = 5 * 60_000;

interface Entry {
  readonly token: string;
  /** epoch ms; after this the entry is dropped and a new exchange made. */
  readonly reuseUntil: number;
}

export function tokenKey(incoming: string): string {
  return createHash('sha256').update(incoming).digest('base64url');
}

/** The incoming JWT's `exp` (epoch ms), read without verifying: it only ever shortens reuse. */
export function expiryOf(incoming: string): number | null {
  const payload = incoming.split('.')[1];
  if (payload === undefined) return null;
  try {
    const exp: unknown = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : null;
  } catch {
    return null;
  }
}

/**
 * At most `maxEntries` tokens, least recently used dropped first. A Graph token is reused until
 * RENEW_BEFORE_MS before it expires (half its life for short-lived ones), and never past the expiry
 * of the caller's token it was exchanged for: an expired caller gets a refusal, not our cache.
 */
export class ExchangedTokenCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): string | null {
    const entry = this.entries.get(key);
    if (entry === undefined) return null;
    this.entries.delete(key);
    if (entry.reuseUntil <= this.now()) return null;
    this.entries.set(key, entry); // most recently used goes last
    return entry.token;
  }

  put(key: string, token: string, expiresAt: number, incomingExpiresAt: number | null): void {
    const now = this.now();
    const renewBefore = Math.min(RENEW_BEFORE_MS, (expiresAt - now) / 2);
    const reuseUntil = Math.min(expiresAt - renewBefore, incomingExpiresAt ?? Number.POSITIVE_INFINITY);
    if (reuseUntil <= now) return;
    this.entries.delete(key);
    this.entries.set(key, { token, reuseUntil });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
