// Strings from outside (a client's operation name, a header, an error body from Graph) can be as long
// as a request body allows. Whatever of them goes into a log line or an error's `extensions` is cut
// here, with a marker, so one request cannot make a 200 kB log line or answer. No imports: the
// GraphQL side and the Graph client both use it.

/** Longest outside string kept whole in a log line or `extensions` (characters). */
export const OUTSIDE_TEXT_MAX = 256;
/** Longest error message kept whole: graphql-js messages quote field and argument names (characters). */
export const MESSAGE_MAX = 1024;

/** `text` whole if it fits in `max` characters, else its start and a marker saying how much was cut. */
export function truncated(text: string, max = OUTSIDE_TEXT_MAX): string {
  if (text.length <= max) return text;
  let end = max;
  // Never split a surrogate pair: half a character is not valid UTF-16.
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…[truncated ${text.length - end} chars]`;
}
