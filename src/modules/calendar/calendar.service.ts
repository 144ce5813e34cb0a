import type { Clock } from '../../kernel/clock.ts';
import { errors } from '../../kernel/errors.ts';
import { parseInput } from '../../kernel/validation.ts';
import { calendarNoticeSchema, createWorkCalendar, type CalendarNotice, type WorkCalendar } from '../../kernel/calendar/index.ts';
import type { Actor, AuditService } from '../audit/index.ts';
import { isAdmin, type Principal } from '../agencies/index.ts';
import type { CalendarRepository } from './calendar.repository.ts';

/**
 * The working-day calendar of this deployment: the built-in official years plus the notices an
 * administrator entered (override table). Every deadline is computed through `current()`.
 */
export function createCalendarService(deps: { repo: CalendarRepository; audit: AuditService; clock: Clock }) {
  let cached: WorkCalendar | null = null;
  const listeners: (() => Promise<void>)[] = [];
  /** After the data changed: what others computed from it (stored deadlines) is brought up to date. */
  const changed = async () => {
    cached = null;
    for (const l of listeners) await l();
  };
  return {
    /** Called after every change of the holiday data (a notice entered or removed). */
    onChange(listener: () => Promise<void>): void {
      listeners.push(listener);
    },
    async current(): Promise<WorkCalendar> {
      if (!cached) cached = createWorkCalendar({ notices: await deps.repo.notices() });
      return cached;
    },
    invalidate(): void {
      cached = null;
    },
    list: () => deps.repo.list(),
    /** Enter (or replace) a year's State Council notice. Administrators only. */
    async importNotice(principal: Principal, actor: Actor, input: unknown): Promise<CalendarNotice> {
      if (!isAdmin(principal)) throw errors.forbidden('Only system administrators enter holiday notices');
      const notice = parseInput(calendarNoticeSchema, input) as CalendarNotice;
      await deps.repo.upsert(notice, deps.clock.now().toISOString(), actor.name);
      await deps.audit.record(actor, { action: 'calendar.import', target: { type: 'calendarYear', id: String(notice.year), label: String(notice.year) }, detail: { source: notice.source ?? null, holidays: notice.holidays.length, workdays: notice.workdays.length } });
      await changed();
      return notice;
    },
    async removeNotice(principal: Principal, actor: Actor, year: number): Promise<void> {
      if (!isAdmin(principal)) throw errors.forbidden();
      await deps.repo.delete(year);
      await deps.audit.record(actor, { action: 'calendar.remove', target: { type: 'calendarYear', id: String(year), label: String(year) } });
      await changed();
    },
  };
}
export type CalendarService = ReturnType<typeof createCalendarService>;
