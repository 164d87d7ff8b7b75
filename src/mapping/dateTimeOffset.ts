// Edm.DateTimeOffset as Graph writes it: RFC 3339 `date-time` with a mandatory offset. Only validated,
// never parsed into a Date: a JS Date keeps 3 fractional digits and no offset, and Graph's values must
// round-trip byte for byte (`2016-12-31T23:57:27.0365895+03:00`).

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:Z|([+-])(\d{2}):(\d{2}))$/;
// Graph's OpenAPI pattern for Edm.DateTimeOffset allows 1 to 12 fractional digits.
const MAX_FRACTION_DIGITS = 12;

/** Why `text` is not a DateTimeOffset, or null when it is one. */
export function dateTimeOffsetProblem(text: string): string | null {
  const m = PATTERN.exec(text);
  if (!m) return 'expected an RFC 3339 date-time with an offset, such as 2016-12-31T23:57:27.0365895+03:00 or 2016-12-31T20:57:27Z';
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (year < 1) return 'the year must be from 0001 to 9999';
  if (month < 1 || month > 12) return `month ${m[2]} does not exist`;
  if (day < 1 || day > daysInMonth(year, month)) return `${m[1]}-${m[2]}-${m[3]} is not a calendar date`;
  // Graph runs on .NET, whose DateTimeOffset has no leap second (60) and offsets within ±14:00.
  if (hour > 23 || minute > 59 || second > 59) return `${m[4]}:${m[5]}:${m[6]} is not a time of day`;
  if (m[7] !== undefined && m[7].length > MAX_FRACTION_DIGITS) return `at most ${MAX_FRACTION_DIGITS} fractional digits, as Graph accepts (got ${m[7].length})`;
  if (m[8] !== undefined) {
    const offsetMinutes = Number(m[9]) * 60 + Number(m[10]);
    if (Number(m[10]) > 59 || offsetMinutes > 14 * 60) return `offset ${m[8]}${m[9]}:${m[10]} is outside -14:00..+14:00`;
  }
  return null;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
