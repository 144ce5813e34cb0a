import { BUILTIN_NOTICES, BUILTIN_WORKDAY_NAMES } from './builtin.ts';
import { civilOf, dayNumberOf, dayOfWeekOf, fromDayNumber, toDayNumber, type IsoDate } from './dates.ts';
import { calendarNoticeSchema, type CalendarNotice } from './notice.ts';

export interface WorkingDayResult {
  date: IsoDate;
  /** True when the walk touched a day in a year without official data (Mon–Fri was assumed). */
  provisional: boolean;
  /** Those years, ascending. */
  unofficialYears: number[];
}

export interface DayInfo {
  date: IsoDate;
  working: boolean;
  kind: 'workday' | 'weekend' | 'holiday' | 'makeupWorkday';
  name?: string;
  official: boolean;
}

export interface WorkCalendar {
  isWorkingDay(d: IsoDate): boolean;
  /** The n-th working day AFTER start (start not counted); n = 0 returns start. */
  addWorkingDays(start: IsoDate, n: number): WorkingDayResult;
  /** Number of working days d with from < d <= to; negative if to < from. */
  workingDaysBetween(from: IsoDate, to: IsoDate): { days: number; provisional: boolean; unofficialYears: number[] };
  isOfficialYear(year: number): boolean;
  yearSource(year: number): 'builtin' | 'override' | null;
  officialYears(): number[];
  dayInfo(d: IsoDate): DayInfo;
}

interface Special {
  kind: 'holiday' | 'makeupWorkday';
  name?: string;
}

const LAST_DAY = dayNumberOf(9999, 12, 31);

/**
 * Built-in data (chinese-days) plus `notices` (the override table): a notice replaces the
 * built-in data for its year entirely. Years with neither fall back to Monday–Friday, and
 * every result whose walk touches such a year says so.
 */
export function createWorkCalendar(opts: { notices?: CalendarNotice[] } = {}): WorkCalendar {
  const overrides = (opts.notices ?? []).map((n) => calendarNoticeSchema.parse(n));
  const sources = new Map<number, 'builtin' | 'override'>();
  for (const n of overrides) {
    if (sources.has(n.year)) throw new RangeError(`Duplicate calendar notice for year ${n.year}`);
    sources.set(n.year, 'override');
  }
  const specials = new Map<number, Special>();
  const load = (n: CalendarNotice, workdayName: (d: IsoDate) => string | undefined): void => {
    for (const h of n.holidays) {
      for (let d = toDayNumber(h.from), to = toDayNumber(h.to); d <= to; d++) {
        specials.set(d, h.name ? { kind: 'holiday', name: h.name } : { kind: 'holiday' });
      }
    }
    for (const w of n.workdays) {
      const name = workdayName(w);
      specials.set(toDayNumber(w), name ? { kind: 'makeupWorkday', name } : { kind: 'makeupWorkday' });
    }
  };
  for (const n of BUILTIN_NOTICES) {
    if (sources.has(n.year)) continue;
    sources.set(n.year, 'builtin');
    load(n, (d) => BUILTIN_WORKDAY_NAMES.get(d));
  }
  for (const n of overrides) load(n, () => undefined);

  const working = (dn: number): boolean => {
    const s = specials.get(dn);
    if (s) return s.kind === 'makeupWorkday';
    const dow = dayOfWeekOf(dn);
    return dow !== 0 && dow !== 6;
  };

  /** Walks forward from `start` (exclusive) while `more(day, workingDaysSoFar)` holds. */
  const walk = (start: number, more: (dn: number, count: number) => boolean) => {
    let dn = start;
    let count = 0;
    let year = civilOf(dn)[0];
    let nextYear = dayNumberOf(year + 1, 1, 1);
    const unofficialYears: number[] = [];
    while (more(dn, count)) {
      if (dn >= LAST_DAY) throw new RangeError('Working-day walk went past year 9999');
      dn++;
      if (dn >= nextYear) nextYear = dayNumberOf(++year + 1, 1, 1);
      if (!sources.has(year) && unofficialYears[unofficialYears.length - 1] !== year) unofficialYears.push(year);
      if (working(dn)) count++;
    }
    return { dn, count, provisional: unofficialYears.length > 0, unofficialYears };
  };

  return {
    isWorkingDay: (d) => working(toDayNumber(d)),

    addWorkingDays(start, n) {
      if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`Invalid working-day count: ${n}`);
      const r = walk(toDayNumber(start), (_, count) => count < n);
      return { date: fromDayNumber(r.dn), provisional: r.provisional, unofficialYears: r.unofficialYears };
    },

    workingDaysBetween(from, to) {
      const a = toDayNumber(from);
      const b = toDayNumber(to);
      const end = Math.max(a, b);
      const r = walk(Math.min(a, b), (dn) => dn < end);
      return { days: b < a ? -r.count : r.count, provisional: r.provisional, unofficialYears: r.unofficialYears };
    },

    isOfficialYear: (year) => sources.has(year),
    yearSource: (year) => sources.get(year) ?? null,
    officialYears: () => [...sources.keys()].sort((x, y) => x - y),

    dayInfo(d) {
      const dn = toDayNumber(d);
      const s = specials.get(dn);
      const dow = dayOfWeekOf(dn);
      const kind = s ? s.kind : dow === 0 || dow === 6 ? 'weekend' : 'workday';
      const info: DayInfo = { date: d, working: working(dn), kind, official: sources.has(civilOf(dn)[0]) };
      if (s?.name) info.name = s.name;
      return info;
    },
  };
}
