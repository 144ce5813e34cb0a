/**
 * The State Council notice as an administrator types it (one holiday range or make-up working day
 * per line) or pastes it (JSON of calendarNoticeSchema), checked with a message for every line.
 */
import { addDays, dayOfWeek, isIsoDate, type CalendarNotice } from '../../../kernel/calendar/index.ts';
import type { T } from '../../../http/i18n/index.ts';

export interface NoticeFormValues {
  year: string;
  source: string;
  holidays: string;
  workdays: string;
}

/** Messages per form field, in the user's language; a field may have several (one per bad line). */
export type FieldMessages = Record<string, string[]>;

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

function add(out: FieldMessages, field: string, message: string): void {
  (out[field] ??= []).push(message);
}

/** 2027-1-1 → 2027-01-01; anything that is not a real date → null. */
function normDate(s: string): string | null {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s);
  if (!m) return null;
  const d = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  return isIsoDate(d) ? d : null;
}
const looksLikeDate = (s: string) => /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$/.test(s);

interface Located<X> {
  where: string;
  item: X;
}

/** The calendar rules of calendarNoticeSchema, with a message per line or item. */
function check(t: T, year: number, holidays: Located<{ from: string; to: string }>[], workdays: Located<string>[], fields: { holidays: string; workdays: string }, out: FieldMessages): void {
  const inYear = (d: string) => d.startsWith(`${year}-`);
  const off = new Set<string>();
  for (const { where, item } of holidays) {
    let ok = true;
    for (const d of [item.from, item.to]) {
      if (!inYear(d)) {
        add(out, fields.holidays, t('admin.calendar.err.notInYear', { where, date: d, year }));
        ok = false;
      }
    }
    if (!ok) continue;
    if (item.to < item.from) {
      add(out, fields.holidays, t('admin.calendar.err.reversed', { where, from: item.from, to: item.to }));
      continue;
    }
    for (let d = item.from; d <= item.to; d = addDays(d, 1)) off.add(d);
  }
  for (const { where, item } of workdays) {
    if (!inYear(item)) add(out, fields.workdays, t('admin.calendar.err.notInYear', { where, date: item, year }));
    else if (off.has(item)) add(out, fields.workdays, t('admin.calendar.err.alsoHoliday', { where, date: item }));
    else if (![0, 6].includes(dayOfWeek(item))) add(out, fields.workdays, t('admin.calendar.err.notWeekend', { where, date: item }));
  }
}

function parseYear(t: T, raw: unknown, field: string, out: FieldMessages): number | null {
  const s = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  const y = /^\d{4}$/.test(s) ? Number(s) : NaN;
  if (!(y >= MIN_YEAR && y <= MAX_YEAR)) {
    add(out, field, t('admin.calendar.err.year', { min: MIN_YEAR, max: MAX_YEAR }));
    return null;
  }
  return y;
}

/** Lines of the form: `YYYY-MM-DD YYYY-MM-DD 名称` (or one date), and one make-up working day per line. */
export function noticeFromLines(t: T, v: NoticeFormValues): { notice?: CalendarNotice; errors: FieldMessages } {
  const out: FieldMessages = {};
  const year = parseYear(t, v.year, 'year', out);
  const source = v.source.trim();
  if (source.length > 100) add(out, 'source', t('validation.tooLong', { max: 100 }));
  const holidays: Located<{ from: string; to: string; name?: string }>[] = [];
  const workdays: Located<string>[] = [];
  v.holidays.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const where = t('admin.calendar.where.line', { field: t('admin.calendar.field.holidays'), line: i + 1 });
    const tokens = line.replace(/[至~～–—]/g, ' ').split(/\s+/).filter(Boolean);
    const from = normDate(tokens[0]);
    if (!from) return add(out, 'holidays', t('admin.calendar.err.date', { where, value: tokens[0] }));
    let rest = tokens.slice(1);
    let to = from;
    if (rest[0] && looksLikeDate(rest[0])) {
      const d = normDate(rest[0]);
      if (!d) return add(out, 'holidays', t('admin.calendar.err.date', { where, value: rest[0] }));
      to = d;
      rest = rest.slice(1);
    }
    const name = rest.join(' ').trim();
    if (name.length > 50) return add(out, 'holidays', t('admin.calendar.err.nameTooLong', { where, max: 50 }));
    holidays.push({ where, item: name ? { from, to, name } : { from, to } });
  });
  v.workdays.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const where = t('admin.calendar.where.line', { field: t('admin.calendar.field.workdays'), line: i + 1 });
    const token = line.split(/\s+/)[0];
    const d = normDate(token);
    if (!d) return add(out, 'workdays', t('admin.calendar.err.date', { where, value: token }));
    workdays.push({ where, item: d });
  });
  if (!holidays.length && !out.holidays) add(out, 'holidays', t('admin.calendar.err.empty'));
  if (year !== null) check(t, year, holidays, workdays, { holidays: 'holidays', workdays: 'workdays' }, out);
  if (Object.keys(out).length || year === null) return { errors: out };
  const notice: CalendarNotice = { year, holidays: holidays.map((h) => h.item), workdays: workdays.map((w) => w.item) };
  if (source) notice.source = source;
  return { notice, errors: out };
}

/** A pasted notice in the JSON form of calendarNoticeSchema (as `gongkai calendar import` reads it). */
export function noticeFromJson(t: T, text: string): { notice?: CalendarNotice; errors: FieldMessages } {
  const out: FieldMessages = {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    add(out, 'json', t('admin.calendar.err.json'));
    return { errors: out };
  }
  const shape = (path: string) => add(out, 'json', t('admin.calendar.err.jsonShape', { path }));
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    shape('(root)');
    return { errors: out };
  }
  const o = value as Record<string, unknown>;
  const year = parseYear(t, o.year, 'json', out);
  if (o.source !== undefined && (typeof o.source !== 'string' || o.source.trim().length > 100)) shape('source');
  const holidays: Located<{ from: string; to: string; name?: string }>[] = [];
  const workdays: Located<string>[] = [];
  if (!Array.isArray(o.holidays)) shape('holidays');
  else
    o.holidays.forEach((h, i) => {
      const where = t('admin.calendar.where.holiday', { n: i + 1 });
      const x = (h ?? {}) as Record<string, unknown>;
      if (typeof h !== 'object' || typeof x.from !== 'string' || typeof x.to !== 'string' || (x.name !== undefined && typeof x.name !== 'string')) return shape(`holidays[${i}]`);
      const bad = [x.from, x.to].find((d) => !isIsoDate(d as string));
      if (bad !== undefined) return add(out, 'json', t('admin.calendar.err.date', { where, value: String(bad) }));
      const name = typeof x.name === 'string' ? x.name.trim() : '';
      if (name.length > 50) return add(out, 'json', t('admin.calendar.err.nameTooLong', { where, max: 50 }));
      holidays.push({ where, item: name ? { from: x.from as string, to: x.to as string, name } : { from: x.from as string, to: x.to as string } });
    });
  if (Array.isArray(o.holidays) && !o.holidays.length) add(out, 'json', t('admin.calendar.err.empty'));
  if (!Array.isArray(o.workdays)) shape('workdays');
  else
    o.workdays.forEach((d, i) => {
      const where = t('admin.calendar.where.workday', { n: i + 1 });
      if (typeof d !== 'string') return shape(`workdays[${i}]`);
      if (!isIsoDate(d)) return add(out, 'json', t('admin.calendar.err.date', { where, value: d }));
      workdays.push({ where, item: d });
    });
  if (year !== null) check(t, year, holidays, workdays, { holidays: 'json', workdays: 'json' }, out);
  if (Object.keys(out).length || year === null) return { errors: out };
  const notice: CalendarNotice = { year, holidays: holidays.map((h) => h.item), workdays: workdays.map((w) => w.item) };
  if (typeof o.source === 'string' && o.source.trim()) notice.source = o.source.trim();
  return { notice, errors: out };
}

/** A stored notice back in the line form (to show it, or to start from it). */
export function noticeToLines(n: CalendarNotice): NoticeFormValues {
  return {
    year: String(n.year),
    source: n.source ?? '',
    holidays: n.holidays.map((h) => [h.from, h.to, h.name ?? ''].join(' ').trim()).join('\n'),
    workdays: n.workdays.join('\n'),
  };
}
