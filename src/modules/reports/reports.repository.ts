import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { AnnualReportTable, Database, ReportFigureTable } from '../../storage/schema.ts';
import { chunked } from '../../storage/batches.ts';

type Db = Kysely<Database> | Transaction<Database>;
export type ReportRow = Selectable<AnnualReportTable>;
export type FigureRow = Selectable<ReportFigureTable>;

/** The stored side of annual reports: their editable state and workflow, and the entered figures of table 二. */
export function createReportsRepository(db: Kysely<Database>) {
  return {
    transaction: <T>(fn: (trx: Transaction<Database>) => Promise<T>) => db.transaction().execute(fn),

    find: (agencyId: string, year: number, scope: string, trx: Db = db) =>
      trx.selectFrom('annual_reports').selectAll().where('agency_id', '=', agencyId).where('year', '=', year).where('scope', '=', scope).executeTakeFirst(),
    /** The stored reports of an agency and scope for some years. */
    findYears: (agencyId: string, years: number[], scope: string) =>
      db.selectFrom('annual_reports').selectAll().where('agency_id', '=', agencyId).where('year', 'in', years).where('scope', '=', scope).execute(),
    byId: (id: string) => db.selectFrom('annual_reports').selectAll().where('id', '=', id).executeTakeFirst(),
    /** The stored reports of a year (all scopes) for the agencies given. */
    async ofYear(agencyIds: string[], year: number): Promise<ReportRow[]> {
      const out: ReportRow[] = [];
      for (const ids of chunked(agencyIds, 900)) {
        out.push(...(await db.selectFrom('annual_reports').selectAll().where('agency_id', 'in', ids).where('year', '=', year).execute()));
      }
      return out;
    },
    /** Published reports of an agency (newest first): the public list and last year's carried-forward figures. */
    published: (agencyId: string) =>
      db.selectFrom('annual_reports').selectAll().where('agency_id', '=', agencyId).where('status', '=', 'published').orderBy('year', 'desc').execute(),
    async insert(row: Insertable<AnnualReportTable>, trx: Db = db): Promise<void> {
      await trx.insertInto('annual_reports').values(row).execute();
    },
    async update(id: string, patch: Partial<Insertable<AnnualReportTable>>, trx: Db = db): Promise<void> {
      await trx.updateTable('annual_reports').set(patch).where('id', '=', id).execute();
    },

    async figures(agencyIds: string[], year: number): Promise<FigureRow[]> {
      const out: FigureRow[] = [];
      for (const ids of chunked(agencyIds, 900)) {
        out.push(...(await db.selectFrom('report_figures').selectAll().where('agency_id', 'in', ids).where('year', '=', year).orderBy('agency_id').orderBy('key').execute()));
      }
      return out;
    },
    /** Sets (value and source) or clears (value null) figures of one agency and year, in one transaction. */
    async setFigures(agencyId: string, year: number, entries: { key: string; value: number | null; source: string }[], at: string, by: string | null): Promise<void> {
      await db.transaction().execute(async (trx) => {
        for (const e of entries) {
          await trx.deleteFrom('report_figures').where('agency_id', '=', agencyId).where('year', '=', year).where('key', '=', e.key).execute();
          if (e.value === null) continue;
          await trx.insertInto('report_figures').values({ agency_id: agencyId, year, key: e.key, value: e.value, source: e.source, updated_at: at, updated_by: by }).execute();
        }
      });
    },
  };
}
export type ReportsRepository = ReturnType<typeof createReportsRepository>;
