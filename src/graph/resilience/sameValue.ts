import { isJsonObject } from '../http/types.js';

// Whether Graph holds the value a PATCH sent, compared as values, not spellings: Graph stores an
// Edm.DateTimeOffset as an instant and may answer it in another offset
// (`2016-12-31T23:57:27.0365895+03:00` back as `2016-12-31T20:57:27.0365895Z`).

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|([+-])(\d{2}):(\d{2}))$/i;
const TICKS_PER_MS = 10_000n; // .NET's tick: 100 ns
const TICK_DIGITS = 7;

/** A date-time's instant in 100 ns ticks since 1970 (floor past 7 digits), or null when `text` is not one. */
export function instantTicks(text: string): { readonly ticks: bigint; readonly finerThanTick: boolean } | null {
  const m = DATE_TIME.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d); // setUTCFullYear, not Date.UTC: years 0001-0099 stay themselves
  date.setUTCHours(h, mi, s, 0);
  const fraction = m[7] ?? '';
  const offsetMinutes = m[9] === undefined ? 0 : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
  const ms = BigInt(date.getTime()) - BigInt(offsetMinutes) * 60_000n;
  const ticks = ms * TICKS_PER_MS + BigInt(fraction.slice(0, TICK_DIGITS).padEnd(TICK_DIGITS, '0'));
  return { ticks, finerThanTick: /[1-9]/.test(fraction.slice(TICK_DIGITS)) };
}

/**
 * `got` (Graph's answer) holds `sent`: date-times as instants to the tick (a value sent finer than a
 * tick may come back rounded either way), numbers as numbers (an Int64 may come back as a string),
 * lists in order, complex values by their properties (one sent replaces the old whole, so properties
 * it left out must be empty), `null` as absent. Annotations (`@odata.*`) are not values.
 */
export function sameValue(sent: unknown, got: unknown): boolean {
  if (sent === null) return got === null || got === undefined;
  if (Array.isArray(sent)) {
    return Array.isArray(got) && got.length === sent.length && sent.every((item, i) => sameValue(item, got[i]));
  }
  if (isJsonObject(sent)) {
    if (!isJsonObject(got)) return false;
    const sentKeys = Object.keys(sent).filter((k) => !k.startsWith('@'));
    const extra = Object.keys(got).filter((k) => !k.startsWith('@') && !(k in sent));
    return sentKeys.every((k) => sameValue(sent[k], got[k])) && extra.every((k) => got[k] === null);
  }
  if (typeof sent === 'number') return (typeof got === 'number' || (typeof got === 'string' && got.trim() !== '')) && Number(got) === sent;
  if (typeof sent === 'string' && typeof got === 'string' && sent !== got) return sameInstant(sent, got);
  return sent === got;
}

function sameInstant(sent: string, got: string): boolean {
  const a = instantTicks(sent);
  const b = instantTicks(got);
  if (!a || !b) return false;
  const diff = a.ticks - b.ticks;
  return diff === 0n || (a.finerThanTick && (diff === 1n || diff === -1n));
}
