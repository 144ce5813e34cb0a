import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dateOfKey, dayKeyRange, estimateFromSample, keyOfDate, keyRangeOfDates, preferredKey, publicationSecond, splitDays, yearRanges } from './keys.ts';

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

test('a key range splits into whole days and the parts of days it covers partly', () => {
  const day = (d: string) => dayKeyRange(Math.floor(keyOfDate(d) / dayKeyRange(1).lo));
  const year = keyRangeOfDates('2017-01-01', '2017-12-31');
  assert.deepEqual(splitDays(year), { firstDay: Math.floor(year.lo / dayKeyRange(1).lo), endDay: Math.floor(year.hi / dayKeyRange(1).lo), parts: [] });
  // from 10:00 on 3 Jan to 09:00 on 5 Jan: part of the 3rd, all of the 4th, part of the 5th
  const a = preferredKey(publicationSecond('2017-01-03', '2017-01-03T02:00:00.000Z'), 'a');
  const b = preferredKey(publicationSecond('2017-01-05', '2017-01-05T01:00:00.000Z'), 'b');
  const s = splitDays({ lo: a, hi: b });
  assert.deepEqual([dateOfKey(dayKeyRange(s.firstDay).lo), s.endDay - s.firstDay], ['2017-01-04', 1]);
  assert.deepEqual(s.parts, [{ lo: a, hi: day('2017-01-04').lo }, { lo: day('2017-01-05').lo, hi: b }]);
  // within one day
  assert.deepEqual(splitDays({ lo: a, hi: a + 5 }), { firstDay: s.firstDay - 1, endDay: s.firstDay - 1, parts: [{ lo: a, hi: a + 5 }] });
});

test('a capped sample estimates a count from the share of documents it spans, however they cluster in time', () => {
  // every document matches: the whole range
  assert.equal(estimateFromSample(101, 101, 100_000), 100_000);
  // a match in every other document: 101 matches span 201 documents
  assert.ok(Math.abs(estimateFromSample(101, 201, 100_000) - 50_000) <= 1);
  // never more than the documents, never fewer than the sample
  assert.equal(estimateFromSample(101, 101, 120), 120);
  assert.equal(estimateFromSample(101, 90, 90), 101);
  assert.equal(estimateFromSample(0, 0, 10), 0);
});
