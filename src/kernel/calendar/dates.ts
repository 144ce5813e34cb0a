/**
 * Legal dates as 'YYYY-MM-DD' strings. All arithmetic is on integer day numbers
 * (days since 1970-01-01, proleptic Gregorian), so nothing depends on the process TZ.
 */

/** 'YYYY-MM-DD', a legal date in Asia/Shanghai. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Strict: exactly 'YYYY-MM-DD' and a real calendar date. */
export function isIsoDate(s: string): boolean {
  if (typeof s !== 'string') return false;
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** Day number of a civil date (H. Hinnant's days_from_civil). */
export function dayNumberOf(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Civil date of a day number (H. Hinnant's civil_from_days). */
export function civilOf(n: number): [y: number, m: number, d: number] {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** Parses an IsoDate to its day number; throws RangeError if it is not a real date. */
export function toDayNumber(d: IsoDate): number {
  if (!isIsoDate(d)) throw new RangeError(`Invalid date (expected YYYY-MM-DD): ${String(d)}`);
  return dayNumberOf(Number(d.slice(0, 4)), Number(d.slice(5, 7)), Number(d.slice(8, 10)));
}

/** Formats a day number; throws RangeError outside years 0000–9999. */
export function fromDayNumber(n: number): IsoDate {
  const [y, m, d] = civilOf(n);
  if (y < 0 || y > 9999) throw new RangeError(`Date out of range (year ${y})`);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeekOf(n: number): number {
  return (((n + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

export function addDays(d: IsoDate, n: number): IsoDate {
  if (!Number.isSafeInteger(n)) throw new RangeError(`Invalid day count: ${n}`);
  return fromDayNumber(toDayNumber(d) + n);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(d: IsoDate): number {
  return dayOfWeekOf(toDayNumber(d));
}

/** Days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** The same day `n` calendar months later (or earlier), clamped to the month's last day (31 Aug − 6 months = 28/29 Feb). */
export function addMonths(d: IsoDate, n: number): IsoDate {
  toDayNumber(d); // throws on an invalid date
  if (!Number.isSafeInteger(n)) throw new RangeError(`Invalid month count: ${n}`);
  const y = Number(d.slice(0, 4));
  const m = Number(d.slice(5, 7)) - 1 + n;
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const last = civilOf(dayNumberOf(year, month + 2, 1) - 1)[2];
  return fromDayNumber(dayNumberOf(year, month + 1, Math.min(Number(d.slice(8, 10)), last)));
}

/** The ISO 8601 week of a day, as 'YYYY-Www' (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeekOf(d: IsoDate): string {
  const n = toDayNumber(d);
  const thursday = n - ((dayOfWeekOf(n) + 6) % 7) + 3;
  const year = civilOf(thursday)[0];
  const week = Math.floor((thursday - dayNumberOf(year, 1, 1)) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday and Sunday of an ISO week 'YYYY-Www'; null when the text is not a week of that year. */
export function isoWeekRange(week: string): { from: IsoDate; to: IsoDate } | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) return null;
  const year = Number(m[1]);
  const jan4 = dayNumberOf(year, 1, 4);
  const monday = jan4 - ((dayOfWeekOf(jan4) + 6) % 7) + (Number(m[2]) - 1) * 7;
  try {
    const from = fromDayNumber(monday);
    return isoWeekOf(from) === week ? { from, to: fromDayNumber(monday + 6) } : null;
  } catch {
    return null; // the week's Sunday is past year 9999
  }
}

const shanghaiDate = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Asia/Shanghai',
  calendar: 'gregory',
  numberingSystem: 'latn',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

// 1992-01-01 to 9000-01-01: UTC+8 without daylight saving (China's summer time ended in 1991) and four-digit
// years in toISOString, so the date is read off the shifted instant; earlier instants go through Intl.
// (formatToParts cost ~10 µs: a bulk import asks for today's date for every line.)
const fixedOffsetSince = Date.UTC(1992, 0, 1);
const fixedOffsetUntil = Date.UTC(9000, 0, 1);

/** The legal date in Asia/Shanghai at the instant `now`. */
export function todayInShanghai(now: Date = new Date()): IsoDate {
  const ms = now.getTime();
  if (ms >= fixedOffsetSince && ms < fixedOffsetUntil) return new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
  const parts = shanghaiDate.formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  const s = `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
  if (!isIsoDate(s)) throw new RangeError(`Cannot format instant as a Shanghai date: ${String(now)}`);
  return s;
}

/** China keeps UTC+8 all year (no daylight saving since 1991): Asia/Shanghai is a fixed offset. */
const shanghaiOffsetMs = 8 * 60 * 60 * 1000;
const dayMs = 24 * 60 * 60 * 1000;

/**
 * Milliseconds from `now` until the next `minutesAfterMidnight` past midnight in Asia/Shanghai
 * (always more than 0 and at most one day), whatever the server's time zone.
 */
export function msUntilNextShanghaiTime(now: Date, minutesAfterMidnight: number): number {
  const local = now.getTime() + shanghaiOffsetMs;
  const target = Math.floor(local / dayMs) * dayMs + minutesAfterMidnight * 60_000;
  const wait = target - local;
  return wait > 0 ? wait : wait + dayMs;
}
