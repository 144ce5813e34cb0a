import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as api from './index.ts';
import { addDays, calendarNoticeSchema, createWorkCalendar, dayOfWeek, isIsoDate, todayInShanghai } from './index.ts';
import type { CalendarNotice, IsoDate } from './index.ts';

/** Test vectors of shared/specs/calendar.md: [start, n, n-th working day after start]. */
const VECTORS: [IsoDate, number, IsoDate][] = [
  ['2024-02-01', 20, '2024-03-05'],
  ['2024-04-26', 20, '2024-05-27'],
  ['2024-09-27', 20, '2024-10-30'],
  ['2025-01-20', 20, '2025-02-21'],
  ['2025-01-24', 7, '2025-02-10'],
  ['2025-04-25', 15, '2025-05-20'],
  ['2025-09-26', 20, '2025-10-30'],
  ['2025-09-26', 40, '2025-11-27'],
  ['2025-12-31', 20, '2026-01-29'],
  ['2026-02-02', 20, '2026-03-06'],
  ['2026-02-13', 7, '2026-03-02'],
  ['2026-04-30', 20, '2026-06-01'],
  ['2026-09-18', 20, '2026-10-22'],
  ['2026-09-30', 20, '2026-11-03'],
];

/** Official schedules 2024–2026 as listed in calendar.md. */
const SCHEDULE: Record<number, { holidays: [IsoDate, IsoDate][]; workdays: IsoDate[] }> = {
  2024: {
    holidays: [
      ['2024-01-01', '2024-01-01'], ['2024-02-10', '2024-02-17'], ['2024-04-04', '2024-04-06'], ['2024-05-01', '2024-05-05'],
      ['2024-06-10', '2024-06-10'], ['2024-09-15', '2024-09-17'], ['2024-10-01', '2024-10-07'],
    ],
    workdays: ['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12'],
  },
  2025: {
    holidays: [
      ['2025-01-01', '2025-01-01'], ['2025-01-28', '2025-02-04'], ['2025-04-04', '2025-04-06'], ['2025-05-01', '2025-05-05'],
      ['2025-05-31', '2025-06-02'], ['2025-10-01', '2025-10-08'],
    ],
    workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  2026: {
    holidays: [
      ['2026-01-01', '2026-01-03'], ['2026-02-15', '2026-02-23'], ['2026-04-04', '2026-04-06'], ['2026-05-01', '2026-05-05'],
      ['2026-06-19', '2026-06-21'], ['2026-09-25', '2026-09-27'], ['2026-10-01', '2026-10-07'],
    ],
    workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
};

const NOTICE_2027: CalendarNotice = {
  year: 2027,
  holidays: [{ from: '2027-01-01', to: '2027-01-03', name: '元旦' }],
  workdays: [],
  source: 'test notice',
};

/**
 * Plain JavaScript run both in this process and in a child process under another TZ
 * (`api` is the module namespace of ./index.ts); the two results must be identical.
 */
const PROBE = `
  const cal = api.createWorkCalendar();
  const withOverride = api.createWorkCalendar({ notices: [notice2027] });
  const letter = { workday: 'W', weekend: 'E', holiday: 'H', makeupWorkday: 'M' };
  let days = '';
  for (let d = '2003-12-01'; d <= '2028-01-31'; d = api.addDays(d, 1)) {
    const info = cal.dayInfo(d);
    days += letter[info.kind] + (cal.isWorkingDay(d) ? '1' : '0') + (info.official ? 'o' : 'u') + (info.name ?? '') + api.dayOfWeek(d);
  }
  return {
    vectors: vectors.map(([s, n]) => cal.addWorkingDays(s, n)),
    between: vectors.map(([s, , r]) => [cal.workingDaysBetween(s, r), cal.workingDaysBetween(r, s)]),
    provisional: cal.addWorkingDays('2026-12-20', 20),
    overridden: withOverride.addWorkingDays('2026-12-20', 20),
    days,
    today: api.todayInShanghai(new Date('2026-01-01T16:30:00Z')),
    addDays: [api.addDays('2024-02-28', 1), api.addDays('2024-12-31', 1), api.addDays('2025-03-01', -1)],
    isIsoDate: ['2024-02-29', '2025-02-29', '2025-1-01'].map(api.isIsoDate),
  };
`;
type ProbeResult = Record<string, unknown>;
const runProbe = new Function('api', 'vectors', 'notice2027', PROBE) as (
  a: typeof api,
  v: typeof VECTORS,
  n: CalendarNotice,
) => ProbeResult;

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const INDEX_URL = new URL('./index.ts', import.meta.url).href;

/** Runs `script` (ESM, top-level await) in `node --import tsx` under `tz`; returns its JSON stdout. */
function runChild(tz: string, script: string, env: Record<string, string> = {}): any {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, TZ: tz, CALENDAR_INDEX_URL: INDEX_URL };
  delete childEnv.NODE_TEST_CONTEXT;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: REPO_ROOT,
    env: childEnv,
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

function eachDay(from: IsoDate, to: IsoDate, f: (d: IsoDate) => void): void {
  for (let d = from; d <= to; d = addDays(d, 1)) f(d);
}

const cal = createWorkCalendar();

test('dates: isIsoDate is strict', () => {
  for (const s of ['2024-02-29', '2000-02-29', '2025-12-31', '0001-01-01']) assert.equal(isIsoDate(s), true, s);
  for (const s of ['2025-02-29', '1900-02-29', '2025-13-01', '2025-00-10', '2025-04-31', '2025-1-01', '2025-01-01T00:00', ' 2025-01-01', '20250101', '']) {
    assert.equal(isIsoDate(s), false, s);
  }
});

test('dates: addDays and dayOfWeek agree with Date.UTC for 1900–2100', () => {
  let d = '1900-01-01';
  for (let t = Date.UTC(1900, 0, 1); t <= Date.UTC(2100, 11, 31); t += 86_400_000) {
    assert.equal(d, new Date(t).toISOString().slice(0, 10));
    assert.equal(dayOfWeek(d), new Date(t).getUTCDay());
    d = addDays(d, 1);
  }
  assert.equal(addDays('2024-02-28', 1), '2024-02-29');
  assert.equal(addDays('2024-12-31', 1), '2025-01-01');
  assert.equal(addDays('2025-03-01', -1), '2025-02-28');
  assert.equal(addDays('2026-01-01', 365), '2027-01-01');
  assert.equal(dayOfWeek('2026-01-01'), 4);
  assert.throws(() => addDays('2025-02-30', 1), RangeError);
  assert.throws(() => addDays('2025-01-01', 1.5), RangeError);
  assert.throws(() => addDays('9999-12-31', 1), RangeError);
});

test('dates: todayInShanghai', () => {
  assert.equal(todayInShanghai(new Date('2026-01-01T16:30:00Z')), '2026-01-02');
  assert.equal(todayInShanghai(new Date('2026-01-01T15:59:59Z')), '2026-01-01');
  assert.equal(todayInShanghai(new Date('2025-12-31T16:00:00Z')), '2026-01-01');
  assert.match(todayInShanghai(), /^\d{4}-\d{2}-\d{2}$/);
  // Computed without Intl from 1992 on; the same answer as Intl for every hour of a leap year and at the edges.
  const intl = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
  for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2025, 0, 1); t += 3600_000) assert.equal(todayInShanghai(new Date(t)), intl.format(t), new Date(t).toISOString());
  for (const iso of ['1991-12-31T15:59:59Z', '1991-12-31T16:00:00Z', '1991-12-31T23:59:59Z', '1992-01-01T00:00:00Z', '1988-07-01T15:30:00Z']) assert.equal(todayInShanghai(new Date(iso)), intl.format(new Date(iso)), iso);
});

test('calendar.md test vectors', () => {
  for (const [start, n, expected] of VECTORS) {
    assert.deepEqual(cal.addWorkingDays(start, n), { date: expected, provisional: false, unofficialYears: [] }, `${start} + ${n}`);
  }
});

test('built-in data matches the calendar.md schedule 2024–2026 day by day', () => {
  for (const [yearKey, { holidays, workdays }] of Object.entries(SCHEDULE)) {
    const year = Number(yearKey);
    assert.equal(cal.yearSource(year), 'builtin');
    const holidaySet = new Set<IsoDate>();
    for (const [from, to] of holidays) eachDay(from, to, (d) => holidaySet.add(d));
    eachDay(`${year}-01-01`, `${year}-12-31`, (d) => {
      const weekend = dayOfWeek(d) === 0 || dayOfWeek(d) === 6;
      const kind = holidaySet.has(d) ? 'holiday' : workdays.includes(d) ? 'makeupWorkday' : weekend ? 'weekend' : 'workday';
      const info = cal.dayInfo(d);
      assert.equal(info.kind, kind, d);
      assert.equal(info.working, kind === 'workday' || kind === 'makeupWorkday', d);
      assert.equal(cal.isWorkingDay(d), info.working, d);
      assert.equal(info.official, true, d);
    });
  }
  assert.deepEqual(cal.dayInfo('2026-02-14'), { date: '2026-02-14', working: true, kind: 'makeupWorkday', name: '春节', official: true });
  assert.deepEqual(cal.dayInfo('2025-10-08'), { date: '2025-10-08', working: false, kind: 'holiday', name: '国庆节', official: true });
});

test('official years: chinese-days covers 2004–2026 only', () => {
  const years = Array.from({ length: 23 }, (_, i) => 2004 + i);
  assert.deepEqual(cal.officialYears(), years);
  for (const y of years) assert.equal(cal.yearSource(y), 'builtin');
  for (const y of [2003, 2027]) {
    assert.equal(cal.isOfficialYear(y), false);
    assert.equal(cal.yearSource(y), null);
  }
  // Before 2025 the law had 11 holiday days; 2008 introduced 清明/端午/中秋.
  assert.equal(cal.dayInfo('2004-10-07').kind, 'holiday');
  assert.equal(cal.dayInfo('2008-04-04').name, '清明');
});

test('2027 is provisional: Monday–Friday, flagged, never silent', () => {
  assert.deepEqual(cal.addWorkingDays('2026-12-20', 20), { date: '2027-01-15', provisional: true, unofficialYears: [2027] });
  assert.deepEqual(cal.addWorkingDays('2026-12-30', 300), { date: '2028-02-23', provisional: true, unofficialYears: [2027, 2028] });
  assert.deepEqual(cal.dayInfo('2027-01-01'), { date: '2027-01-01', working: true, kind: 'workday', official: false });
  assert.deepEqual(cal.dayInfo('2027-01-02'), { date: '2027-01-02', working: false, kind: 'weekend', official: false });
  assert.deepEqual(cal.workingDaysBetween('2026-12-31', '2027-01-04'), { days: 2, provisional: true, unofficialYears: [2027] });
  assert.deepEqual(cal.workingDaysBetween('2027-01-04', '2026-12-31'), { days: -2, provisional: true, unofficialYears: [2027] });
  assert.deepEqual(cal.addWorkingDays('2003-12-20', 10), { date: '2004-01-05', provisional: true, unofficialYears: [2003] });
  // A walk that stays in official years is not provisional, even ending on 12-31.
  assert.deepEqual(cal.addWorkingDays('2026-12-01', 22), { date: '2026-12-31', provisional: false, unofficialYears: [] });
  // n = 0 walks nowhere.
  assert.deepEqual(cal.addWorkingDays('2027-03-06', 0), { date: '2027-03-06', provisional: false, unofficialYears: [] });
});

test('an override notice makes its year official and changes results', () => {
  const o = createWorkCalendar({ notices: [NOTICE_2027] });
  assert.equal(o.isOfficialYear(2027), true);
  assert.equal(o.yearSource(2027), 'override');
  assert.equal(o.yearSource(2026), 'builtin');
  assert.deepEqual(o.officialYears().slice(-2), [2026, 2027]);
  assert.deepEqual(o.addWorkingDays('2026-12-20', 20), { date: '2027-01-18', provisional: false, unofficialYears: [] });
  assert.deepEqual(o.dayInfo('2027-01-01'), { date: '2027-01-01', working: false, kind: 'holiday', name: '元旦', official: true });
  assert.deepEqual(o.addWorkingDays('2027-12-20', 10), { date: '2028-01-03', provisional: true, unofficialYears: [2028] });
  // The built-in calendar is unaffected.
  assert.equal(cal.isWorkingDay('2027-01-01'), true);

  // An override replaces the built-in data for its year entirely.
  const bare = createWorkCalendar({ notices: [{ year: 2026, holidays: [], workdays: ['2026-10-11'] }] });
  assert.equal(bare.yearSource(2026), 'override');
  assert.equal(bare.dayInfo('2026-10-01').kind, 'workday');
  assert.equal(bare.isWorkingDay('2026-10-10'), false);
  assert.deepEqual(bare.dayInfo('2026-10-11'), { date: '2026-10-11', working: true, kind: 'makeupWorkday', official: true });
  assert.equal(bare.isWorkingDay('2025-10-01'), false);

  assert.throws(() => createWorkCalendar({ notices: [NOTICE_2027, NOTICE_2027] }), /Duplicate/);
  assert.throws(() => createWorkCalendar({ notices: [{ ...NOTICE_2027, workdays: ['2027-01-01'] }] }));
});

test('calendarNoticeSchema', () => {
  assert.equal(calendarNoticeSchema.safeParse(NOTICE_2027).success, true);
  assert.equal(calendarNoticeSchema.safeParse({ year: 2027, holidays: [], workdays: [] }).success, true);
  const invalid: [string, unknown, (string | number)[]][] = [
    ['unreal date', { ...NOTICE_2027, holidays: [{ from: '2027-02-29', to: '2027-03-01' }] }, ['holidays', 0, 'from']],
    ['loose format', { ...NOTICE_2027, workdays: ['2027-1-31'] }, ['workdays', 0]],
    ['outside year', { ...NOTICE_2027, holidays: [{ from: '2026-12-31', to: '2027-01-01' }] }, ['holidays', 0, 'from']],
    ['workday outside year', { ...NOTICE_2027, workdays: ['2028-01-02'] }, ['workdays', 0]],
    ['from after to', { ...NOTICE_2027, holidays: [{ from: '2027-01-03', to: '2027-01-01' }] }, ['holidays', 0, 'to']],
    ['both holiday and workday', { ...NOTICE_2027, workdays: ['2027-01-02'] }, ['workdays', 0]],
    ['make-up day on a weekday', { ...NOTICE_2027, workdays: ['2027-01-04'] }, ['workdays', 0]],
    ['fractional year', { ...NOTICE_2027, year: 2027.5 }, ['year']],
    ['missing workdays', { year: 2027, holidays: [] }, ['workdays']],
  ];
  for (const [label, notice, path] of invalid) {
    const r = calendarNoticeSchema.safeParse(notice);
    assert.equal(r.success, false, label);
    assert.deepEqual(r.error?.issues[0]?.path, path, label);
  }
});

test('workingDaysBetween is consistent with addWorkingDays', () => {
  for (const [start, n, result] of VECTORS) {
    assert.deepEqual(cal.workingDaysBetween(start, result), { days: n, provisional: false, unofficialYears: [] });
    assert.equal(cal.workingDaysBetween(result, start).days, -n);
  }
  assert.equal(cal.workingDaysBetween('2025-10-01', '2025-10-01').days, 0);
  assert.equal(cal.workingDaysBetween('2025-09-30', '2025-10-08').days, 0);
  for (let a = '2023-12-01'; a <= '2027-01-31'; a = addDays(a, 5)) {
    for (const n of [0, 1, 7, 20, 40]) {
      const r = cal.addWorkingDays(a, n);
      assert.equal(cal.workingDaysBetween(a, r.date).days, n, `${a} + ${n}`);
      if (n > 0) assert.equal(cal.isWorkingDay(r.date), true);
      // The result is the first day reaching n: the day before it has n - 1.
      if (n > 0) assert.equal(cal.workingDaysBetween(a, addDays(r.date, -1)).days, n - 1);
    }
  }
});

test('rejects invalid input', () => {
  assert.throws(() => cal.isWorkingDay('2025-02-30'), RangeError);
  assert.throws(() => cal.addWorkingDays('2025-01-01', -1), RangeError);
  assert.throws(() => cal.addWorkingDays('2025-01-01', 1.5), RangeError);
  assert.throws(() => cal.workingDaysBetween('2025-01-01', '2025/01/02'), RangeError);
});

test('identical results under TZ=America/New_York in a child process', () => {
  const local = runProbe(api, VECTORS, NOTICE_2027);
  const child = runChild(
    'America/New_York',
    `const api = await import(process.env.CALENDAR_INDEX_URL);
     const probe = new Function('api', 'vectors', 'notice2027', process.env.PROBE);
     const result = probe(api, JSON.parse(process.env.VECTORS), JSON.parse(process.env.NOTICE_2027));
     process.stdout.write(JSON.stringify({ tzOffset: new Date(2026, 0, 1).getTimezoneOffset(), result }));`,
    { PROBE, VECTORS: JSON.stringify(VECTORS), NOTICE_2027: JSON.stringify(NOTICE_2027) },
  );
  assert.equal(child.tzOffset, 300, 'child really ran at UTC-5');
  assert.deepEqual(child.result, JSON.parse(JSON.stringify(local)));
  assert.deepEqual(
    (local.vectors as { date: string }[]).map((r) => r.date),
    VECTORS.map(([, , r]) => r),
  );
});

test('built-in data equals chinese-days own answers where they are safe (TZ=Asia/Shanghai, 2004–2026)', () => {
  const child = runChild(
    'Asia/Shanghai',
    `const api = await import(process.env.CALENDAR_INDEX_URL);
     const mod = await import('chinese-days');
     const cd = mod.default ?? mod;
     const cal = api.createWorkCalendar();
     const mismatches = [];
     let count = 0;
     for (let d = '2004-01-01'; d <= '2026-12-31'; d = api.addDays(d, 1)) {
       count++;
       if (cd.isWorkday(d) !== cal.isWorkingDay(d) || cd.getDayDetail(d).date !== d) mismatches.push(d);
     }
     process.stdout.write(JSON.stringify({ tzOffset: new Date(2026, 0, 1).getTimezoneOffset(), count, mismatches }));`,
  );
  assert.equal(child.tzOffset, -480);
  assert.equal(child.count, 8401);
  assert.deepEqual(child.mismatches, []);
});
