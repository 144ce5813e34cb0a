import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addMonths, daysBetween, isoWeekOf, isoWeekRange } from './index.ts';

describe('month and week arithmetic (website checks: 6-month and 1-year staleness, weekly reports)', () => {
  test('addMonths keeps the day of the month, clamped to the last day of a shorter month', () => {
    const cases: [string, number, string][] = [
      ['2026-11-27', 1, '2026-12-27'],
      ['2026-12-31', 1, '2027-01-31'],
      ['2026-01-31', 1, '2026-02-28'],
      ['2026-03-31', 1, '2026-04-30'],
      ['2026-05-31', 0, '2026-05-31'],
      ['2026-10-31', 4, '2027-02-28'],
      ['2026-02-28', 12, '2027-02-28'],
    ];
    for (const [d, n, want] of cases) assert.equal(addMonths(d, n), want, `${d} + ${n} months`);
  });

  test('addMonths backwards: 31 Aug − 6 months is the end of February; across year starts', () => {
    const cases: [string, number, string][] = [
      ['2026-08-31', -6, '2026-02-28'],
      ['2026-08-30', -6, '2026-02-28'],
      ['2026-08-28', -6, '2026-02-28'],
      ['2026-09-01', -6, '2026-03-01'],
      ['2026-03-31', -1, '2026-02-28'],
      ['2026-01-15', -1, '2025-12-15'],
      ['2026-11-27', -3, '2026-08-27'],
      ['2026-11-27', -12, '2025-11-27'],
      ['2026-01-10', -13, '2024-12-10'],
      ['2026-02-01', -25, '2024-01-01'],
    ];
    for (const [d, n, want] of cases) assert.equal(addMonths(d, n), want, `${d} ${n} months`);
  });

  test('addMonths knows leap years (every 4th, not centuries, but every 400th)', () => {
    assert.equal(addMonths('2024-01-31', 1), '2024-02-29');
    assert.equal(addMonths('2024-08-31', -6), '2024-02-29');
    assert.equal(addMonths('2024-02-29', 12), '2025-02-28');
    assert.equal(addMonths('2024-02-29', 48), '2028-02-29');
    assert.equal(addMonths('2025-02-28', -12), '2024-02-28');
    assert.equal(addMonths('1900-01-31', 1), '1900-02-28');
    assert.equal(addMonths('2000-01-31', 1), '2000-02-29');
    assert.equal(addMonths('2100-03-31', -1), '2100-02-28');
  });

  test('daysBetween counts calendar days, negative backwards, across month ends, leap days and years', () => {
    assert.equal(daysBetween('2026-11-13', '2026-11-27'), 14);
    assert.equal(daysBetween('2026-11-27', '2026-11-13'), -14);
    assert.equal(daysBetween('2026-11-27', '2026-11-27'), 0);
    assert.equal(daysBetween('2026-02-28', '2026-08-31'), 184);
    assert.equal(daysBetween('2024-02-28', '2024-03-01'), 2);
    assert.equal(daysBetween('2026-02-28', '2026-03-01'), 1);
    assert.equal(daysBetween('2025-11-27', '2026-11-27'), 365);
    assert.equal(daysBetween('2023-11-27', '2024-11-27'), 366);
    assert.equal(daysBetween('2025-12-31', '2026-01-01'), 1);
  });

  test('daysBetween refuses what is not a date', () => {
    assert.throws(() => daysBetween('2026-02-30', '2026-03-01'), RangeError);
    assert.throws(() => daysBetween('2026-11-27', '27/11/2026'), RangeError);
  });

  test('isoWeekOf: weeks start on Monday and belong to the year of their Thursday', () => {
    const cases: [string, string][] = [
      ['2026-11-23', '2026-W48'], // Monday
      ['2026-11-27', '2026-W48'],
      ['2026-11-29', '2026-W48'], // Sunday
      ['2026-11-30', '2026-W49'],
      ['2020-12-31', '2020-W53'],
      ['2021-01-03', '2020-W53'],
      ['2021-01-04', '2021-W01'],
      ['2026-01-01', '2026-W01'],
      ['2025-12-29', '2026-W01'],
      ['2024-12-30', '2025-W01'],
      ['2024-12-29', '2024-W52'],
      ['2027-01-03', '2026-W53'],
      ['2015-12-31', '2015-W53'],
    ];
    for (const [d, want] of cases) assert.equal(isoWeekOf(d), want, d);
  });

  test('isoWeekRange: the Monday and the Sunday of a week, also across a year end', () => {
    assert.deepEqual(isoWeekRange('2026-W48'), { from: '2026-11-23', to: '2026-11-29' });
    assert.deepEqual(isoWeekRange('2026-W01'), { from: '2025-12-29', to: '2026-01-04' });
    assert.deepEqual(isoWeekRange('2020-W53'), { from: '2020-12-28', to: '2021-01-03' });
    assert.deepEqual(isoWeekRange('2025-W01'), { from: '2024-12-30', to: '2025-01-05' });
    assert.deepEqual(isoWeekRange('2026-W53'), { from: '2026-12-28', to: '2027-01-03' });
    // Round trip over three years: every day's week contains that day.
    for (let d = '2024-01-01'; d <= '2026-12-31'; d = addDaysIso(d)) {
      const r = isoWeekRange(isoWeekOf(d))!;
      assert.ok(r.from <= d && d <= r.to, d);
      assert.equal(daysBetween(r.from, r.to), 6);
    }
  });

  test('isoWeekRange: null for a week the year does not have, and for anything that is not a week', () => {
    assert.equal(isoWeekRange('2021-W53'), null);
    assert.equal(isoWeekRange('2026-W00'), null);
    assert.equal(isoWeekRange('2026-W54'), null);
    for (const garbage of ['', 'garbage', '2026-48', '2026W48', '2026-w48', '2026-W4', '2026-W048', ' 2026-W48', '2026-11-27']) {
      assert.equal(isoWeekRange(garbage), null, JSON.stringify(garbage));
    }
  });
});

/** The next day (local helper: the round trip must not depend on the code under test beyond the two week functions). */
function addDaysIso(d: string): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}
