import { createHmac, timingSafeEqual } from 'node:crypto';

// Cursors signed with a key shared by every replica (CURSOR_SIGNING_KEYS): the first key signs, every
// key verifies, so a key is rotated by adding the new one in front, then dropping the old one once
// the cursors it signed are no longer in use. Without keys cursors are unsigned; what they may carry
// is limited either way (cursor.ts).

function signatureOf(key: string, text: string): string {
  return createHmac('sha256', key).update(text, 'utf8').digest('base64url');
}

/** `text` with its signature appended, or `text` itself without keys. */
export function signed(text: string, keys: readonly string[]): string {
  return keys.length === 0 ? text : `${text}.${signatureOf(keys[0]!, text)}`;
}

/** The signed text when a key's signature matches (or, without keys, the text as given); null otherwise. */
export function verified(cursor: string, keys: readonly string[]): string | null {
  if (keys.length === 0) return cursor;
  const dot = cursor.lastIndexOf('.');
  if (dot <= 0) return null;
  const text = cursor.slice(0, dot);
  const given = Buffer.from(cursor.slice(dot + 1), 'utf8');
  for (const key of keys) {
    const expected = Buffer.from(signatureOf(key, text), 'utf8');
    if (expected.length === given.length && timingSafeEqual(expected, given)) return text;
  }
  return null;
}
