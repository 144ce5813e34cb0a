import { z } from 'zod';
import { dayNumberOf, dayOfWeekOf, isIsoDate, toDayNumber, type IsoDate } from './dates.ts';

/** One year's State Council holiday notice, as imported. */
export interface CalendarNotice {
  year: number;
  /** Inclusive ranges. */
  holidays: { from: IsoDate; to: IsoDate; name?: string }[];
  /** Make-up working days (调休上班). */
  workdays: IsoDate[];
  /** e.g. '国办发明电〔2024〕12号' */
  source?: string;
}

const isoDate = z.string().refine(isIsoDate, { message: 'Invalid date (expected YYYY-MM-DD)' });

export const calendarNoticeSchema = z
  .object({
    year: z.number().int().min(1).max(9999),
    holidays: z.array(
      z.object({
        from: isoDate,
        to: isoDate,
        name: z.string().trim().min(1).optional(),
      }),
    ),
    workdays: z.array(isoDate),
    source: z.string().trim().min(1).optional(),
  })
  .superRefine((notice, ctx) => {
    const first = dayNumberOf(notice.year, 1, 1);
    const last = dayNumberOf(notice.year, 12, 31);
    const inYear = (d: string, path: (string | number)[]): number | null => {
      if (!isIsoDate(d)) return null; // already reported by the field schema
      const n = toDayNumber(d);
      if (n < first || n > last) {
        ctx.addIssue({ code: 'custom', path, message: `Date ${d} is not in year ${notice.year}` });
        return null;
      }
      return n;
    };
    const holidayDays = new Set<number>();
    notice.holidays.forEach((h, i) => {
      const from = inYear(h.from, ['holidays', i, 'from']);
      const to = inYear(h.to, ['holidays', i, 'to']);
      if (from === null || to === null) return;
      if (from > to) {
        ctx.addIssue({ code: 'custom', path: ['holidays', i, 'to'], message: `Range ends (${h.to}) before it starts (${h.from})` });
        return;
      }
      for (let n = from; n <= to; n++) holidayDays.add(n);
    });
    notice.workdays.forEach((d, i) => {
      const n = inYear(d, ['workdays', i]);
      if (n === null) return;
      if (holidayDays.has(n)) {
        ctx.addIssue({ code: 'custom', path: ['workdays', i], message: `Date ${d} is both a holiday and a make-up working day` });
      }
      const dow = dayOfWeekOf(n);
      if (dow !== 0 && dow !== 6) {
        ctx.addIssue({ code: 'custom', path: ['workdays', i], message: `Make-up working day ${d} is not a Saturday or Sunday` });
      }
    });
  });
