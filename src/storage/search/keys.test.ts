import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dateOfKey, estimateCount, keyOfDate, keyRangeOfDates, preferredKey, publicationSecond, yearRanges } from './keys.ts';

test('document keys order by publication time in Shanghai and map back to the published date', () => {
  // 2017-03-05 10:00 in Shanghai = 02:00 UTC
  const s = publicationSecond('2017-03-05', '2017-03-05T02:00:00.000Z');
  const k = preferredKey(s, 'some-id');
  assert.equal(dateOfKey(k), '2017-03-05');
  assert.ok(k >= keyOfDate('2017-03-05') && k < keyOfDate('2017-03-06'));
  assert.ok(Number.isSafeInteger(preferredKey(publicationSecond('2199-12-31', null), 'x')));
  // 23:30 UTC on the 4th is already the 5th in Shanghai
  assert.equal(dateOfKey(preferredKey(publicationSecond('2017-03-05', '2017-03-04T23:30:00.000Z'), 'a')), '2017-03-05');
  // an instant on another day than the published date: the published date wins
  assert.equal(dateOfKey(preferredKey(publicationSecond('2017-03-05', '2017-01-01T00:00:00.000Z'), 'a')), '2017-03-05');
  assert.ok(publicationSecond('2017-03-05', '2017-03-05T09:00:00.000Z') > publicationSecond('2017-03-05', '2017-03-05T02:00:00.000Z'));
});

test('a date range is a key range, and years split it newest first', () => {
  const r = keyRangeOfDates('2016-12-31', '2018-01-01');
  assert.equal(r.lo, keyOfDate('2016-12-31'));
  assert.equal(r.hi, keyOfDate('2018-01-02'));
  assert.deepEqual(
    yearRanges(r).map((y) => [y.year, dateOfKey(y.range.lo), dateOfKey(y.range.hi - 1)]),
    [
      [2018, '2018-01-01', '2018-01-01'],
      [2017, '2017-01-01', '2017-12-31'],
      [2016, '2016-12-31', '2016-12-31'],
    ],
  );
  assert.deepEqual(yearRanges({ lo: 5, hi: 5 }), []);
});

test('a capped sample estimates a count from the whole days it covers, whatever the hour items cluster at', () => {
  const year = keyRangeOfDates('2017-01-01', '2017-12-31');
  // 50 items a day, all published at 10:00; a sample of the first 101 from the start of the year
  const at10 = (date: string, i: number) => preferredKey(publicationSecond(date, `${date}T02:00:00.000Z`), `x${i}`);
  const sample = [...Array.from({ length: 50 }, (_, i) => at10('2017-01-01', i)), ...Array.from({ length: 50 }, (_, i) => at10('2017-01-02', i)), at10('2017-01-03', 0)];
  assert.equal(estimateCount(sample, year, 'start'), 50 * 365);
  // the same from the end of the year
  const tail = [...Array.from({ length: 50 }, (_, i) => at10('2017-12-31', i)), ...Array.from({ length: 50 }, (_, i) => at10('2017-12-30', i)), at10('2017-12-29', 0)];
  assert.equal(estimateCount(tail, year, 'end'), 50 * 365);
  // everything in one day: at least that day's density over the range
  assert.equal(estimateCount(sample.slice(0, 50), year, 'start'), 50 * 365);
});
