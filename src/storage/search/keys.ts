/**
 * Document keys: the integer that orders the search index newest first (pure).
 *
 * key = (wall-clock second of publication in Asia/Shanghai, counted from 1970-01-01 00:00) × 2^20
 *       + a slot in that second (from the publication id, probed for a free one).
 * The SQLite FTS5 rowid and the PostgreSQL primary key are this key, so "newest first" is the index's
 * own order (FTS5 walks doclists backwards by rowid without sorting), and a date range is a key range.
 * Keys stay below 2^53 (exact in JavaScript) until the year 2242.
 */
import { fromDayNumber, toDayNumber, type IsoDate } from '../../kernel/calendar/dates.ts';

export const KEY_SLOTS = 2 ** 20;
const DAY = 86_400;

export interface KeyRange {
  lo: number; // inclusive
  hi: number; // exclusive
}

/** Wall-clock second of publication: the published date, at the time of day of the instant when it is that day in Shanghai (else noon). */
export function publicationSecond(publishedOn: IsoDate, publishedAt: string | null): number {
  const day = toDayNumber(publishedOn);
  let sod = DAY / 2;
  if (publishedAt) {
    const ms = Date.parse(publishedAt);
    if (Number.isFinite(ms)) {
      const local = Math.floor(ms / 1000) + 8 * 3600;
      if (Math.floor(local / DAY) === day) sod = local - day * DAY;
    }
  }
  return day * DAY + sod;
}

/** The first key of a day (00:00 in Shanghai). */
export function keyOfDate(d: IsoDate): number {
  return toDayNumber(d) * DAY * KEY_SLOTS;
}

/** Day number (days since 1970-01-01) of a key's wall-clock date. */
export function dayOfKey(key: number): number {
  return Math.floor(key / KEY_SLOTS / DAY);
}

export function dateOfKey(key: number): IsoDate {
  return fromDayNumber(dayOfKey(key));
}

/** Key range of a whole day (day number, days since 1970-01-01). */
export function dayKeyRange(day: number): KeyRange {
  return { lo: day * DAY * KEY_SLOTS, hi: (day + 1) * DAY * KEY_SLOTS };
}

/**
 * A key range cut into whole days [firstDay, endDay) and the pieces of days it covers only partly
 * (at most two: its start and its end, or one when it lies within a day).
 */
export function splitDays(r: KeyRange): { firstDay: number; endDay: number; parts: KeyRange[] } {
  if (r.hi <= r.lo) return { firstDay: 0, endDay: 0, parts: [] };
  const loDay = dayOfKey(r.lo);
  const hiDay = dayOfKey(r.hi - 1);
  const startsDay = r.lo === dayKeyRange(loDay).lo;
  const endsDay = r.hi === dayKeyRange(hiDay).hi;
  if (loDay === hiDay) return startsDay && endsDay ? { firstDay: loDay, endDay: loDay + 1, parts: [] } : { firstDay: loDay, endDay: loDay, parts: [r] };
  const parts: KeyRange[] = [];
  if (!startsDay) parts.push({ lo: r.lo, hi: dayKeyRange(loDay).hi });
  if (!endsDay) parts.push({ lo: dayKeyRange(hiDay).lo, hi: r.hi });
  return { firstDay: startsDay ? loDay : loDay + 1, endDay: endsDay ? hiDay + 1 : hiDay, parts };
}

/**
 * How many matches a range holds, from a sample: the `n` matches at one end of the range that a capped
 * walk found (the walk stopped at its cap, so there are more), which lie within `docsInSpan` of the
 * range's `docsInRange` indexed documents (counted, not guessed from dates). The sampled part is
 * exact; the rest of the range is taken to match at the rate of the sample (a ratio estimate over
 * documents, so it does not matter how items cluster in time: one publication hour, busy days,
 * holidays). The rate is (n − 1) / (docsInSpan − 1): the walk stops on a match, so its last document
 * is not a free draw. Relative error about √((1 − p) / n) for a share p of matching documents: at most
 * ±10 % per calendar year with the default cap of 100; less over several years.
 */
export function estimateFromSample(n: number, docsInSpan: number, docsInRange: number): number {
  if (n <= 0) return 0;
  const span = Math.max(docsInSpan, n); // counts kept for a while can lag behind new documents
  const range = Math.max(docsInRange, span);
  const rate = span > 1 ? (n - 1) / (span - 1) : 1;
  return Math.round(n + rate * (range - span));
}

export function yearOfKey(key: number): number {
  return Number(dateOfKey(key).slice(0, 4));
}

/** The preferred slot of a publication within its second (a stable hash of its id). */
export function preferredKey(second: number, publicationId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < publicationId.length; i++) {
    h ^= publicationId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return second * KEY_SLOTS + ((h >>> 0) % KEY_SLOTS);
}

/** Key range of published dates [from, to] (inclusive days); either end open. */
export function keyRangeOfDates(from: IsoDate | null, to: IsoDate | null): KeyRange {
  return { lo: from ? keyOfDate(from) : 0, hi: to ? keyOfDate(to) + DAY * KEY_SLOTS : Number.MAX_SAFE_INTEGER };
}

/** The calendar years overlapping [lo, hi), newest first, each clipped to the range. */
export function yearRanges(r: KeyRange): { year: number; range: KeyRange }[] {
  if (r.hi <= r.lo) return [];
  const out: { year: number; range: KeyRange }[] = [];
  const first = yearOfKey(r.lo);
  const last = yearOfKey(r.hi - 1);
  for (let y = last; y >= first; y--) {
    const lo = Math.max(r.lo, keyOfDate(`${String(y).padStart(4, '0')}-01-01`));
    const hi = Math.min(r.hi, keyOfDate(`${String(y + 1).padStart(4, '0')}-01-01`));
    if (hi > lo) out.push({ year: y, range: { lo, hi } });
  }
  return out;
}
