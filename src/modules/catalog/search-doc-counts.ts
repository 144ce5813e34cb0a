/**
 * How many documents the search index holds in a key range: the denominators of estimated search
 * totals (storage/search/keys.ts `estimateFromSample`; docs/design/search.md §4, "Counts").
 *
 * Whole days come from per-day counts of each calendar year, read once (one statement per year) and
 * kept; the parts of days a range covers only partly (its ends) are counted on the spot, one statement
 * for all of them — a day holds a few hundred to a few thousand items, so that is cheap.
 *
 * Kept counts are used while the catalog's change stamp (storage/change-stamps.ts: the newest
 * publication event) is unchanged. After a change they are still used for a while — they only feed an
 * estimate, shown as one, and reading a year's counts takes ~55 ms at 1,000,000 items (100,000 rows of
 * search_docs), so a busy catalog must not re-read ten years after every publication: the current year
 * (where new items go) for `maxStaleMs` (60 s), earlier years for `maxStaleOldMs` (10 min: they change
 * by imports of old items and withdrawals). At most `maxYears` years are kept (a few kB each; enough for any
 * catalog's span: a search walks every year of its range, and a bound below the span would evict each year
 * before its next use).
 */
import { fromDayNumber, toDayNumber, todayInShanghai } from '../../kernel/calendar/dates.ts';
import { keyRangeOfDates, splitDays, type KeyRange } from '../../storage/search/index.ts';
import type { SearchRepository } from './search.repository.ts';

interface YearEntry {
  stamp: string;
  at: number;
  days: Promise<Map<number, number>>;
}

export interface SearchDocCountsDeps {
  repo: Pick<SearchRepository, 'docsPerDay' | 'docsIn'>;
  /** The catalog's change stamp (storage/change-stamps.ts `read().catalog`). */
  stamp: () => Promise<string>;
  maxStaleMs?: number;
  maxStaleOldMs?: number;
  maxYears?: number;
  now?: () => number;
}

export function createSearchDocCounts(deps: SearchDocCountsDeps) {

  const maxStaleMs = deps.maxStaleMs ?? 60_000;
  const maxStaleOldMs = deps.maxStaleOldMs ?? 10 * 60_000;
  const maxYears = deps.maxYears ?? 1000;
  const now = deps.now ?? Date.now;
  const years = new Map<number, YearEntry>(); // insertion order = least recently used first

  function yearOfDay(day: number): number {
    return Number(fromDayNumber(day).slice(0, 4));
  }

  function yearDays(year: number, stamp: string): Promise<Map<number, number>> {
    const hit = years.get(year);
    const thisYear = Number(todayInShanghai(new Date(now())).slice(0, 4));
    if (hit && (hit.stamp === stamp || now() - hit.at < (year < thisYear ? maxStaleOldMs : maxStaleMs))) {
      years.delete(year);
      years.set(year, hit);
      return hit.days;
    }
    const y = String(year).padStart(4, '0');
    const range = keyRangeOfDates(`${y}-01-01`, `${y}-12-31`);
    const entry: YearEntry = { stamp, at: now(), days: deps.repo.docsPerDay(range) };
    entry.days.catch(() => {
      if (years.get(year) === entry) years.delete(year);
    });
    years.delete(year);
    years.set(year, entry);
    while (years.size > maxYears) years.delete(years.keys().next().value!);
    return entry.days;
  }

  return {
    /** The number of indexed documents in each range. */
    async docsIn(ranges: KeyRange[]): Promise<number[]> {
      const splits = ranges.map(splitDays);
      const out = ranges.map(() => 0);
      if (splits.some((s) => s.endDay > s.firstDay)) {
        const stamp = await deps.stamp();
        for (const [i, s] of splits.entries()) {
          for (let day = s.firstDay; day < s.endDay; ) {
            const year = yearOfDay(day);
            const days = await yearDays(year, stamp);
            const yearEnd = Math.min(s.endDay, toDayNumber(`${String(year + 1).padStart(4, '0')}-01-01`));
            for (; day < yearEnd; day++) out[i] += days.get(day) ?? 0;
          }
        }
      }
      const parts = splits.flatMap((s, i) => s.parts.map((p) => ({ i, p })));
      if (parts.length) (await deps.repo.docsIn(parts.map((x) => x.p))).forEach((n, j) => (out[parts[j].i] += n));
      return out;
    },
    /** For tests and diagnostics. */
    size: () => years.size,
  };
}
export type SearchDocCounts = ReturnType<typeof createSearchDocCounts>;
