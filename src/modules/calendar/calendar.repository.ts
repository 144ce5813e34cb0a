import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.ts';
import type { CalendarNotice } from '../../kernel/calendar/index.ts';

export function createCalendarRepository(db: Kysely<Database>) {
  return {
    async notices(): Promise<CalendarNotice[]> {
      const rows = await db.selectFrom('calendar_notices').select('notice').orderBy('year').execute();
      return rows.map((r) => JSON.parse(r.notice) as CalendarNotice);
    },
    async list(): Promise<{ year: number; source: string | null; createdAt: string; createdBy: string | null; notice: CalendarNotice }[]> {
      const rows = await db.selectFrom('calendar_notices').selectAll().orderBy('year', 'desc').execute();
      return rows.map((r) => ({ year: Number(r.year), source: r.source, createdAt: r.created_at, createdBy: r.created_by, notice: JSON.parse(r.notice) }));
    },
    async upsert(n: CalendarNotice, at: string, by: string | null): Promise<void> {
      const notice = JSON.stringify(n);
      await db
        .insertInto('calendar_notices')
        .values({ year: n.year, notice, source: n.source ?? null, created_at: at, created_by: by })
        .onConflict((oc) => oc.column('year').doUpdateSet({ notice, source: n.source ?? null, created_at: at, created_by: by }))
        .execute();
    },
    async delete(year: number): Promise<void> {
      await db.deleteFrom('calendar_notices').where('year', '=', year).execute();
    },
  };
}
export type CalendarRepository = ReturnType<typeof createCalendarRepository>;
