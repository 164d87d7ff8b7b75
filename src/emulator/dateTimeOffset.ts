// Edm.DateTimeOffset as Graph checks it. The shape is Graph's own OpenAPI pattern (generated from its
// CSDL by OpenAPI.NET.OData): a 4-digit year, at most 12 fractional digits, `Z` or a ±hh:mm offset.
// Graph then parses into .NET's DateTimeOffset, which also refuses impossible calendar dates and
// offsets past ±14:00. Written here, not shared with the gateway: a fake Graph must not borrow the
// validator of the system it is there to check.
const PATTERN = /^(\d{4})-(0[1-9]|1[012])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(?:\.\d{1,12})?(?:Z|([+-])(\d\d):(\d\d))$/;

export function isDateTimeOffset(text: string): boolean {
  const m = PATTERN.exec(text);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (year < 1 || Number(m[3]) > daysInMonth(year, month)) return false;
  return m[7] === undefined || (Number(m[9]) <= 59 && Number(m[8]) * 60 + Number(m[9]) <= 14 * 60);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * The same instant as Graph may answer it: in UTC, `Z`, seven fractional digits (.NET's "o" format;
 * Graph keeps 100 ns ticks, so finer digits are dropped). `2016-12-31T23:57:27.0365895+03:00` is
 * answered `2016-12-31T20:57:27.0365895Z`. Anything that is not a date-time is returned unchanged.
 */
export function inUtc(text: string): string {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(?:Z|([+-])(\d\d):(\d\d))$/.exec(text);
  if (!m || !isDateTimeOffset(text)) return text;
  const offsetMinutes = m[3] === undefined ? 0 : (m[3] === '-' ? -1 : 1) * (Number(m[4]) * 60 + Number(m[5]));
  const local = new Date(`${m[1]}Z`);
  const utc = new Date(local.getTime() - offsetMinutes * 60_000);
  const whole = utc.toISOString().slice(0, 19);
  const year = utc.getUTCFullYear();
  // toISOString writes a 6-digit year with a sign outside 0000-9999; Graph's years stay 4 digits.
  const spelled = year >= 0 && year <= 9999 ? whole : `${String(year).padStart(4, '0')}${whole.slice(whole.indexOf('-', 1))}`;
  return `${spelled}.${(m[2] ?? '').slice(0, 7).padEnd(7, '0')}Z`;
}
