import type { IsoDate, WorkCalendar } from '../../kernel/calendar/index.ts';

/** Art. 26: proactive information is published within 20 working days of being formed or changed. */
export const timelinessLimit = 20;

export interface Timeliness {
  workingDays: number;
  late: boolean;
  provisional: boolean;
}

/** Working days from the written date to the publication date (the written date itself not counted). */
export function timeliness(calendar: WorkCalendar, writtenOn: IsoDate | null, publishedOn: IsoDate): Timeliness | null {
  if (!writtenOn) return null;
  const r = calendar.workingDaysBetween(writtenOn, publishedOn);
  const days = Math.max(0, r.days);
  return { workingDays: days, late: days > timelinessLimit, provisional: r.provisional };
}
