import { describe, expect, it } from 'vitest';
import { ExchangedTokenCache, RENEW_BEFORE_MS, expiryOf, tokenKey } from '../../src/auth/tokenCache.js';

const HOUR = 3_600_000;
const jwtWithExp = (exp: number) => `h.${Buffer.from(JSON.stringify({ exp })).toString('base64url')}.s`;

describe('the cache of exchanged Graph tokens', () => {
  it('keys by a hash of the incoming token, never the token itself', () => {
    expect(tokenKey('abc')).toBe(tokenKey('abc'));
    expect(tokenKey('abc')).not.toBe(tokenKey('abd'));
    expect(tokenKey('abc')).not.toContain('abc');
  });

  it('reuses a Graph token until shortly before it expires', () => {
    let now = 1_000_000;
    const cache = new ExchangedTokenCache(10, () => now);
    cache.put('k', 'graph-token', now + HOUR, null);
    now += HOUR - RENEW_BEFORE_MS - 1;
    expect(cache.get('k')).toBe('graph-token');
    now += 1;
    expect(cache.get('k')).toBeNull();
    expect(cache.size).toBe(0);
  });

  it("never past the caller's own token's expiry", () => {
    let now = 1_000_000;
    const cache = new ExchangedTokenCache(10, () => now);
    const incoming = jwtWithExp((now + 60_000) / 1000);
    cache.put('k', 'graph-token', now + HOUR, expiryOf(incoming));
    now += 59_999;
    expect(cache.get('k')).toBe('graph-token');
    now += 1;
    expect(cache.get('k')).toBeNull();
  });

  it('keeps short-lived tokens for half their life and drops already expired ones', () => {
    let now = 0;
    const cache = new ExchangedTokenCache(10, () => now);
    cache.put('short', 't', now + 120_000, null);
    now = 59_999;
    expect(cache.get('short')).toBe('t');
    now = 60_000;
    expect(cache.get('short')).toBeNull();
    cache.put('gone', 't', now - 1, null);
    expect(cache.size).toBe(0);
  });

  it('holds at most maxEntries, dropping the least recently used', () => {
    const cache = new ExchangedTokenCache(2, () => 0);
    cache.put('a', 'A', HOUR, null);
    cache.put('b', 'B', HOUR, null);
    expect(cache.get('a')).toBe('A');
    cache.put('c', 'C', HOUR, null);
    expect(cache.get('b')).toBeNull();
    expect(cache.get('a')).toBe('A');
    expect(cache.get('c')).toBe('C');
  });

  it('reads exp from a JWT and nothing from anything else', () => {
    expect(expiryOf(jwtWithExp(1234))).toBe(1_234_000);
    expect(expiryOf('opaque')).toBeNull();
    expect(expiryOf('a.b!.c')).toBeNull();
  });
});
