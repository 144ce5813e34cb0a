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

/**
 * How many matches a range holds, from a sample that walked it from one end and stopped at a cap
 * (`keys`: the sampled keys; `from`: which end). Items cluster by day (same publication hour, or
 * dates without times), so only whole days are used: matches per whole day covered, times the days
 * of the range. Never less than the sample.
 */
export function estimateCount(keys: number[], range: KeyRange, from: 'start' | 'end'): number {
  const n = keys.length;
  if (!n) return 0;
  const first = dayOfKey(range.lo);
  const last = dayOfKey(range.hi - 1);
  const days = last - first + 1;
  const edge = from === 'start' ? dayOfKey(Math.max(...keys)) : dayOfKey(Math.min(...keys));
  const covered = from === 'start' ? edge - first : last - edge; // whole days before / after the partly sampled one
  const inCovered = keys.filter((k) => (from === 'start' ? dayOfKey(k) < edge : dayOfKey(k) > edge)).length;
  // All in one day: that day holds at least n, so n per day is taken as the density. Right for a busy
  // catalog (a city publishes a few hundred items a day, so a common term's sample often lies in one
  // day: then this is an underestimate); far too high when a year's matches are items imported with one
  // date. Bounding it by the documents of the range would need a count per year (not cheap at 1M).
  if (covered <= 0 || inCovered === 0) return n * days;
  return Math.max(n, Math.round((inCovered * days) / covered));
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
