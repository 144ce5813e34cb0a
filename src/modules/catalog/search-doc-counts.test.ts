import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dayKeyRange, keyOfDate, keyRangeOfDates, type KeyRange } from '../../storage/search/index.ts';
import { createSearchDocCounts } from './search-doc-counts.ts';

const day = (d: string) => keyOfDate(d) / dayKeyRange(1).lo;

/** A fake index: `perDay` documents on every day, spread evenly over the day's keys; counts the reads. */
function fakeRepo(perDay: () => number) {
  const reads = { years: 0, parts: 0 };
  return {
    reads,
    repo: {
      async docsPerDay(r: KeyRange) {
        reads.years++;
        const out = new Map<number, number>();
        for (let d = r.lo / dayKeyRange(1).lo; d < r.hi / dayKeyRange(1).lo; d++) out.set(d, perDay());
        return out;
      },
      async docsIn(ranges: KeyRange[]) {
        reads.parts++;
        return ranges.map((r) => Math.round(((r.hi - r.lo) / dayKeyRange(1).lo) * perDay()));
      },
    },
  };
}

test('documents in a range: whole days from kept per-day counts, the parts of days at its ends counted', async () => {
  const { repo, reads } = fakeRepo(() => 10);
  const counts = createSearchDocCounts({ repo, stamp: async () => 's1' });
  const year = keyRangeOfDates('2023-01-01', '2023-12-31');
  const halfDay = dayKeyRange(day('2023-03-01')).lo + dayKeyRange(1).lo / 2;
  assert.deepEqual(await counts.docsIn([year, { lo: year.lo, hi: halfDay }, keyRangeOfDates('2022-12-31', '2023-01-01')]), [3650, 595, 20]);
  assert.deepEqual(reads, { years: 2, parts: 1 });
  await counts.docsIn([year]);
  assert.equal(reads.years, 2, 'kept while nothing changed');
});

test('after a change, kept counts serve a while: a minute for the current year, ten for earlier ones', async () => {
  let perDay = 10;
  let stamp = 's1';
  let clock = Date.parse('2024-06-01T00:00:00Z');
  const { repo } = fakeRepo(() => perDay);
  const counts = createSearchDocCounts({ repo, stamp: async () => stamp, now: () => clock });
  const [thisYear, lastYear] = [keyRangeOfDates('2024-01-01', '2024-12-31'), keyRangeOfDates('2023-01-01', '2023-12-31')];
  assert.deepEqual(await counts.docsIn([thisYear, lastYear]), [3660, 3650]);
  perDay = 20;
  stamp = 's2';
  clock += 30_000;
  assert.deepEqual(await counts.docsIn([thisYear, lastYear]), [3660, 3650]);
  clock += 60_000;
  assert.deepEqual(await counts.docsIn([thisYear, lastYear]), [7320, 3650]);
  clock += 10 * 60_000;
  assert.deepEqual(await counts.docsIn([thisYear, lastYear]), [7320, 7300]);
});
