/**
 * Built-in official schedules from the `chinese-days` package, read once from its static data
 * file (dist/chinese-days.json: { holidays, workdays, inLieuDays }, each 'YYYY-MM-DD' ->
 * 'English name,中文名,days'). We never call its date functions: they parse dates as UTC and
 * format them with local getters (wrong west of UTC), and treat any year without data as
 * plain Monday–Friday. A year is official here only if the file has holidays for it.
 */
import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { calendarNoticeSchema, type CalendarNotice } from './notice.ts';

const tables = data as unknown as { holidays: Record<string, string>; workdays: Record<string, string> };

/** 'Spring Festival,春节,4' -> '春节' */
function chineseName(description: string): string | undefined {
  const parts = description.split(',');
  return parts.length >= 3 ? parts[parts.length - 2] : undefined;
}

function buildNotices(): CalendarNotice[] {
  const byYear = new Map<number, CalendarNotice>();
  const notice = (date: string): CalendarNotice => {
    const year = Number(date.slice(0, 4));
    let n = byYear.get(year);
    if (!n) byYear.set(year, (n = { year, holidays: [], workdays: [], source: 'chinese-days' }));
    return n;
  };
  for (const [date, description] of Object.entries(tables.holidays)) {
    const name = chineseName(description);
    notice(date).holidays.push(name ? { from: date, to: date, name } : { from: date, to: date });
  }
  for (const date of Object.keys(tables.workdays)) {
    if (!byYear.has(Number(date.slice(0, 4)))) throw new Error(`chinese-days: make-up working day ${date} in a year without holidays`);
    notice(date).workdays.push(date);
  }
  // Fail loudly at load if a package upgrade changes the data file's shape.
  return [...byYear.values()].sort((a, b) => a.year - b.year).map((n) => calendarNoticeSchema.parse(n));
}

/** One notice per year that chinese-days has data for (2004–2026 in version 1.5.7). */
export const BUILTIN_NOTICES: readonly CalendarNotice[] = buildNotices();

/** Holiday names for built-in make-up working days ('2026-02-14' -> '春节'). */
export const BUILTIN_WORKDAY_NAMES: ReadonlyMap<string, string> = new Map(
  Object.entries(tables.workdays).flatMap(([date, description]) => {
    const name = chineseName(description);
    return name ? [[date, name] as const] : [];
  }),
);
