import { sql, type Insertable, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { ApplicationEventTable, ApplicationFileTable, ApplicationLetterTable, ApplicationProceedingTable, ApplicationTable, Database } from '../../storage/schema.ts';
import { chunked } from '../../storage/batches.ts';
import { CountDeltas, writeCounts } from '../../storage/counts.ts';
import { inTransaction } from '../../storage/change-stamps.ts';
import { caseCells, caseCountColumns, isFineCell, proceedingCells, proceedingCountColumns, type CaseCountColumns, type ProceedingCountColumns } from './report-counts.ts';

type Db = Kysely<Database> | Transaction<Database>;
export type CaseRow = Selectable<ApplicationTable>;
export type EventRow = Selectable<ApplicationEventTable>;
export type FileRow = Selectable<ApplicationFileTable>;
export type LetterRow = Selectable<ApplicationLetterTable>;
/** The projection columns rewritten with every appended event. */
export type CaseProjection = Pick<
  ApplicationTable,
  | 'event_count' | 'status' | 'open' | 'received_on' | 'rules' | 'year' | 'due_on' | 'due_provisional' | 'paused' | 'handler_id' | 'handler_name'
  | 'outcome' | 'outcome_detail' | 'answered_on' | 'late' | 'extended' | 'withdrawn_on' | 'closed_on' | 'closed_year' | 'fee_amount' | 'fee_paid_on' | 'duplicate_suspected' | 'updated_at'
>;

export type QueueSort = 'due' | 'received' | 'agency';
export interface QueueQuery {
  /** Agencies in scope ('all' for administrators). */
  agencyIds: string[] | 'all';
  /** 'open' (the default): cases still owing an answer; 'closed'; 'all'. */
  state?: 'open' | 'closed' | 'all';
  status?: string;
  handlerId?: string;
  urgency?: 'overdue' | 'dueSoon';
  year?: number;
  /** Answered late in this year (the supervision dashboard's "answered late" figure). */
  lateYear?: number;
  /** Tracking code or agency case number (exact), or words of the description. */
  q?: string;
  /** Legal date today, and the last date that counts as "due soon" (DUE_SOON_DAYS working days on). */
  today: string;
  dueSoonUntil: string;
  limit: number;
  offset: number;
}

const queueColumns = [
  'id', 'agency_id', 'tracking_code', 'ref', 'channel', 'submitted_on', 'received_on', 'status', 'open', 'due_on', 'due_provisional', 'paused',
  'handler_id', 'handler_name', 'applicant_type', 'applicant_name', 'description', 'outcome', 'answered_on', 'late', 'extended', 'duplicate_suspected',
] as const;
export type QueueRow = Pick<CaseRow, (typeof queueColumns)[number]>;

/**
 * A count cell of this kind (`carried`: `carried|…`). An equality on the cell's prefix, not a range: a range's
 * bounds depend on the column's collation, which on PostgreSQL is the database's locale.
 */
const cellIs = (what: string) => sql<boolean>`substr(cell, 1, ${what.length + 1}) = ${`${what}|`}`;

export function createApplicationsRepository(db: Kysely<Database>) {
  const writeCaseCounts = (trx: Db, deltas: CountDeltas) => writeCounts(trx, 'application_counts', deltas, (cell) => ({ fine: isFineCell(cell) ? 1 : 0 }));

  return {
    transaction: <T>(fn: (trx: Transaction<Database>) => Promise<T>) => db.transaction().execute(fn),

    async insertCases(rows: Insertable<ApplicationTable>[], trx: Db = db): Promise<void> {
      await inTransaction(trx, async (trx) => {
        for (const part of chunked(rows, 50)) await trx.insertInto('applications').values(part).execute();
        const deltas = new CountDeltas();
        for (const r of rows) deltas.addAll(caseCells(r as CaseCountColumns), 1);
        await writeCaseCounts(trx, deltas);
      });
    },
    async insertEvents(rows: Insertable<ApplicationEventTable>[], trx: Db = db): Promise<void> {
      for (const part of chunked(rows, 200)) await trx.insertInto('application_events').values(part).execute();
    },
    /**
     * Writes the projection after appending events, if nobody appended in between (optimistic: the
     * event count read with the log must still be current). False when another request won the race.
     */
    async updateProjection(id: string, expectedCount: number, p: CaseProjection, trx: Db = db): Promise<boolean> {
      return inTransaction(trx, async (trx) => {
        const before = await trx.selectFrom('applications').select(caseCountColumns).where('id', '=', id).executeTakeFirst();
        const r = await trx.updateTable('applications').set(p).where('id', '=', id).where('event_count', '=', expectedCount).executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1 || !before) return false;
        await writeCaseCounts(trx, new CountDeltas().addAll(caseCells(before), -1).addAll(caseCells({ ...before, ...p }), 1));
        return true;
      });
    },
    async setFlags(flags: { id: string; flag: string | null }[], trx: Db = db): Promise<void> {
      for (const f of flags) await trx.updateTable('applications').set({ flag: f.flag }).where('id', '=', f.id).execute();
    },

    byId: (id: string, trx: Db = db) => trx.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst(),
    byTracking: (code: string) => db.selectFrom('applications').selectAll().where('tracking_code', '=', code).executeTakeFirst(),
    byRef: (agencyId: string, ref: string) => db.selectFrom('applications').select(['id', 'tracking_code']).where('agency_id', '=', agencyId).where('ref', '=', ref).executeTakeFirst(),
    events: (id: string, trx: Db = db) => trx.selectFrom('application_events').selectAll().where('application_id', '=', id).orderBy('seq').execute(),

    async queue(q: QueueQuery): Promise<{ rows: QueueRow[]; total: number }> {
      let base = db.selectFrom('applications');
      if (q.agencyIds !== 'all') {
        if (q.agencyIds.length === 0) return { rows: [], total: 0 };
        base = base.where('agency_id', 'in', q.agencyIds);
      }
      const state = q.state ?? 'open';
      if (state !== 'all') base = base.where('open', '=', state === 'open' ? 1 : 0);
      if (q.status) base = base.where('status', '=', q.status);
      if (q.handlerId) base = base.where('handler_id', '=', q.handlerId);
      if (q.year) base = base.where('year', '=', q.year);
      if (q.lateYear) base = base.where('late', '=', 1).where('answered_on', '>=', `${q.lateYear}-01-01`).where('answered_on', '<=', `${q.lateYear}-12-31`);
      if (q.urgency === 'overdue') base = base.where('open', '=', 1).where('paused', '=', 0).where('due_on', '<', q.today);
      if (q.urgency === 'dueSoon') base = base.where('open', '=', 1).where('paused', '=', 0).where('due_on', '>=', q.today).where('due_on', '<=', q.dueSoonUntil);
      if (q.q) {
        const term = q.q.trim();
        base = base.where((eb) => eb.or([eb('tracking_code', '=', term.toUpperCase()), eb('ref', '=', term), eb('description', 'like', `%${term.replace(/[%_\\]/g, '')}%`)]));
      }
      // The order's first key is the expression of applications_queue_order_idx (migration 0009): a queue over all
      // agencies reads its page in that index's order. A queue over a list of agencies must not (SQLite would walk
      // the whole index filtering by agency, seconds for a small agency's closed cases): `+ 0` keeps the same order
      // without matching the index, so the (agency_id, open, due_on) index finds the agencies' cases, which are sorted.
      const dueFirst = q.agencyIds === 'all' ? sql`case when due_on is null then 1 else 0 end` : sql`(case when due_on is null then 1 else 0 end) + 0`;
      const [rows, total] = await Promise.all([
        // Cases with a due date first, soonest first (overdue ones are the soonest); then the rest by receipt.
        base
          .select([...queueColumns])
          .orderBy(dueFirst)
          .orderBy('due_on')
          .orderBy('submitted_on')
          .orderBy('id')
          .limit(q.limit)
          .offset(q.offset)
          .execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(total.n) };
    },

    /** Per agency: open cases, due soon and overdue (not counting paused cases, whose clock stands still). */
    async openCounts(agencyIds: string[] | 'all', today: string, dueSoonUntil: string) {
      let qb = db
        .selectFrom('applications')
        .select((eb) => [
          'agency_id',
          eb.fn.countAll<number>().as('open'),
          eb.fn.sum<number>(sql`case when paused = 0 and due_on < ${today} then 1 else 0 end`).as('overdue'),
          eb.fn.sum<number>(sql`case when paused = 0 and due_on >= ${today} and due_on <= ${dueSoonUntil} then 1 else 0 end`).as('dueSoon'),
        ])
        .where('open', '=', 1)
        .groupBy('agency_id');
      if (agencyIds !== 'all') {
        if (agencyIds.length === 0) return [];
        qb = qb.where('agency_id', 'in', agencyIds);
      }
      const rows = await qb.execute();
      return rows.map((r) => ({ agencyId: r.agency_id, open: Number(r.open), overdue: Number(r.overdue ?? 0), dueSoon: Number(r.dueSoon ?? 0) }));
    },

    /** Open cases the daily job looks at: due on or before `until`, or flagged before (to clear stale flags). */
    openDueBy: (until: string) =>
      db.selectFrom('applications').select(['id', 'agency_id', 'due_on', 'paused', 'flag', 'handler_id']).where('open', '=', 1).where((eb) => eb.or([eb('due_on', '<=', until), eb('flag', 'is not', null)])).execute(),

    /** Open cases whose stored deadline can change without an event: paused (a pause lapses with time) or provisional (holiday data arrives); or every open case (the holiday data changed). */
    openToRefresh: (all: boolean) => {
      let qb = db.selectFrom('applications').select(['id', 'event_count', 'submitted_on', 'rules', 'due_on', 'paused', 'due_provisional']).where('open', '=', 1);
      if (!all) qb = qb.where((eb) => eb.or([eb('paused', '=', 1), eb('due_provisional', '=', 1)]));
      return qb.execute();
    },

    /** Applications of one applicant submitted on or after a date (rate limit, duplicates, fees per month). */
    byApplicantSince: (applicantKey: string, sinceOn: string) =>
      db
        .selectFrom('applications')
        .select(['id', 'agency_id', 'tracking_code', 'description', 'submitted_on', 'outcome', 'answered_on', 'status'])
        .where('applicant_key', '=', applicantKey)
        .where('submitted_on', '>=', sinceOn)
        .orderBy('submitted_on', 'desc')
        .limit(200)
        .execute(),

    async insertFiles(rows: Insertable<ApplicationFileTable>[], trx: Db = db): Promise<void> {
      if (rows.length) await trx.insertInto('application_files').values(rows).execute();
    },
    files: (id: string) => db.selectFrom('application_files').selectAll().where('application_id', '=', id).orderBy('created_at').orderBy('id').execute(),
    file: (caseId: string, fileId: string) => db.selectFrom('application_files').selectAll().where('application_id', '=', caseId).where('id', '=', fileId).executeTakeFirst(),

    async nextLetterSerial(agencyId: string, year: number, trx: Db = db): Promise<number> {
      const r = await trx
        .insertInto('letter_counters')
        .values({ agency_id: agencyId, year, last_serial: 1 })
        .onConflict((oc) => oc.columns(['agency_id', 'year']).doUpdateSet({ last_serial: sql`letter_counters.last_serial + 1` }))
        .returning('last_serial')
        .executeTakeFirstOrThrow();
      return Number(r.last_serial);
    },
    async insertLetter(row: Insertable<ApplicationLetterTable>, trx: Db = db): Promise<void> {
      await trx.insertInto('application_letters').values(row).execute();
    },
    letters: (id: string) => db.selectFrom('application_letters').selectAll().where('application_id', '=', id).orderBy('created_at').orderBy('id').execute(),
    letter: (caseId: string, letterId: string) => db.selectFrom('application_letters').selectAll().where('application_id', '=', caseId).where('id', '=', letterId).executeTakeFirst(),

    templates: (scopes: string[], trx: Db = db) => trx.selectFrom('letter_templates').selectAll().where('scope', 'in', scopes).execute(),
    async upsertTemplate(scope: string, kind: string, body: string, at: string, by: string | null): Promise<void> {
      await db
        .insertInto('letter_templates')
        .values({ scope, kind, body, updated_at: at, updated_by: by })
        .onConflict((oc) => oc.columns(['scope', 'kind']).doUpdateSet({ body, updated_at: at, updated_by: by }))
        .execute();
    },
    async deleteTemplate(scope: string, kind: string): Promise<void> {
      await db.deleteFrom('letter_templates').where('scope', '=', scope).where('kind', '=', kind).execute();
    },

    /** Replaces a case's projected proceedings (they change only through events). */
    async setProceedings(caseId: string, rows: Insertable<ApplicationProceedingTable>[], trx: Db = db): Promise<void> {
      await inTransaction(trx, async (trx) => {
        const before = await trx.selectFrom('application_proceedings').select(proceedingCountColumns).where('application_id', '=', caseId).execute();
        await trx.deleteFrom('application_proceedings').where('application_id', '=', caseId).execute();
        if (rows.length) await trx.insertInto('application_proceedings').values(rows).execute();
        const deltas = new CountDeltas();
        for (const p of before) deltas.addAll(proceedingCells(p), -1);
        for (const p of rows) deltas.addAll(proceedingCells(p as ProceedingCountColumns), 1);
        await writeCaseCounts(trx, deltas);
      });
    },

    /** Export and reports: cases of agencies (and a year), in receipt order, a page at a time after `afterId`. */
    pageForExport: (q: { agencyIds: string[] | 'all'; year?: number; afterId: string | null; limit: number }) => {
      let qb = db.selectFrom('applications').selectAll();
      if (q.agencyIds !== 'all') qb = qb.where('agency_id', 'in', q.agencyIds.length ? q.agencyIds : ['']);
      if (q.year) qb = qb.where('year', '=', q.year);
      if (q.afterId) qb = qb.where('id', '>', q.afterId);
      return qb.orderBy('id').limit(q.limit).execute();
    },
    /** The import's batch check: which of these (agency, case number) pairs exist already. One statement per 200 pairs. */
    async byRefs(pairs: { agencyId: string; ref: string }[]): Promise<{ agency_id: string; ref: string }[]> {
      const out: { agency_id: string; ref: string }[] = [];
      // (agency_id = ? and ref = ?) or …: each term a probe of the unique (agency_id, ref) index on both engines.
      for (const part of chunked(pairs, 200)) {
        const rows = await db
          .selectFrom('applications')
          .select(['agency_id', 'ref'])
          .where((eb) => eb.or(part.map((p) => eb.and([eb('agency_id', '=', p.agencyId), eb('ref', '=', p.ref)]))))
          .execute();
        for (const r of rows) if (r.ref !== null) out.push({ agency_id: r.agency_id, ref: r.ref });
      }
      return out;
    },
    /** The import's batch check: which of these tracking codes are taken. */
    async byTrackingCodes(codes: string[]): Promise<string[]> {
      const out: string[] = [];
      for (const part of chunked([...new Set(codes)], 500)) {
        for (const r of await db.selectFrom('applications').select('tracking_code').where('tracking_code', 'in', part).execute()) out.push(r.tracking_code);
      }
      return out;
    },
    /** Proceedings of new cases (the import): one multi-row insert, nothing to replace. */
    async insertProceedings(rows: Insertable<ApplicationProceedingTable>[], trx: Db = db): Promise<void> {
      await inTransaction(trx, async (trx) => {
        for (const part of chunked(rows, 500)) await trx.insertInto('application_proceedings').values(part).execute();
        const deltas = new CountDeltas();
        for (const p of rows) deltas.addAll(proceedingCells(p as ProceedingCountColumns), 1);
        await writeCaseCounts(trx, deltas);
      });
    },
    /**
     * The counts of a year that the annual report's tables 三 and 四 and section 六 are made of, grouped by agency
     * (spec annual-report.md: received in the year; closed in the year, by outcome — a withdrawn case has none;
     * open on 1 January and on 31 December; proceedings decided in the year, and pending at its end; fees paid).
     * Read from the counts kept as cases change (application_counts, report-counts.ts): the year's cells of each
     * agency and the `carried` cells of the next year (open on its 1 January), plus the cases and proceedings still
     * open, which have no year to end in. `legacy` reads the finer cells only the 2007 statistics need (channel,
     * outcome detail, extension).
     */
    async reportCounts(agencyIds: string[], year: number, opts: { legacy?: boolean } = {}): Promise<ReportCounts> {
      const to = `${year}-12-31`;
      const out: ReportCounts = { received: [], closed: [], openAtStart: [], openAtEnd: [], proceedingsDecided: [], proceedingsPending: [], fees: [] };
      const fine = opts.legacy ? [0, 1] : [0];
      // Open on 1 January and on 31 December and still open now: received before the day, not closed (the cells
      // count the closed ones).
      const start = `${year}-01-01`;
      const stillOpen = (ids: string[]) =>
        db.selectFrom('applications')
          .select((eb) => ['agency_id', 'applicant_type', eb.fn.sum<number>(sql`case when received_on < ${start} then 1 else 0 end`).as('atStart'), eb.fn.countAll<number>().as('atEnd')])
          .where('agency_id', 'in', ids).where('closed_on', 'is', null).where('received_on', '<', `${year + 1}-01-01`).groupBy(['agency_id', 'applicant_type']).execute();
      for (const ids of chunked(agencyIds, 900)) {
        const [cells, carriedOut, open, undecided] = await Promise.all([
          db.selectFrom('application_counts').select(['agency_id', 'cell', 'n']).where('agency_id', 'in', ids).where('year', '=', year).where('fine', 'in', fine).execute(),
          db.selectFrom('application_counts').select(['agency_id', 'cell', 'n'])
            .where('agency_id', 'in', ids).where('year', '=', year + 1).where('fine', '=', 0).where(cellIs('carried')).execute(),
          stillOpen(ids),
          db.selectFrom('application_proceedings').select((eb) => ['agency_id', 'kind', eb.fn.countAll<number>().as('n')])
            .where('agency_id', 'in', ids).where('decided_on', 'is', null).where('filed_on', '<=', to).groupBy(['agency_id', 'kind']).execute(),
        ]);
        for (const r of cells) {
          const n = Number(r.n);
          const [what, a, b, c, d] = r.cell.split('|') as [string, string, string?, string?, string?];
          if (what === 'received' && (b === undefined) === !opts.legacy) out.received.push({ agencyId: r.agency_id, applicantType: a, channel: b ?? '', n });
          else if (what === 'closed' && (c === undefined) === !opts.legacy)
            out.closed.push({ agencyId: r.agency_id, applicantType: a, outcome: b || null, detail: c || null, extended: d === '1', n });
          else if (what === 'carried') out.openAtStart.push({ agencyId: r.agency_id, applicantType: a, n });
          else if (what === 'decided') out.proceedingsDecided.push({ agencyId: r.agency_id, kind: a, result: b!, n });
          else if (what === 'pending') out.proceedingsPending.push({ agencyId: r.agency_id, kind: a, n });
          else if (what === 'fees') out.fees.push({ agencyId: r.agency_id, amount: n / 100 });
        }
        for (const r of carriedOut) out.openAtEnd.push({ agencyId: r.agency_id, applicantType: r.cell.split('|')[1]!, n: Number(r.n) });
        for (const r of open) {
          if (Number(r.atStart)) out.openAtStart.push({ agencyId: r.agency_id, applicantType: r.applicant_type, n: Number(r.atStart) });
          out.openAtEnd.push({ agencyId: r.agency_id, applicantType: r.applicant_type, n: Number(r.atEnd) });
        }
        for (const r of undecided) out.proceedingsPending.push({ agencyId: r.agency_id, kind: r.kind, n: Number(r.n) });
      }
      return out;
    },
    /** Received and closed cases per year, totals only (the year-on-year trend), from the kept counts. */
    async yearTotals(agencyIds: string[], years: number[]): Promise<Map<number, { received: number; closed: number }>> {
      const out = new Map(years.map((y) => [y, { received: 0, closed: 0 }]));
      for (const ids of chunked(agencyIds, 900)) {
        const sumOf = (what: string) => sql<number>`sum(case when ${cellIs(what)} then n else 0 end)`;
        const rows = await db
          .selectFrom('application_counts')
          .select(['year', sumOf('received').as('received'), sumOf('closed').as('closed')])
          .where('agency_id', 'in', ids).where('year', 'in', years).where('fine', '=', 0)
          .groupBy('year')
          .execute();
        for (const r of rows) {
          const t = out.get(Number(r.year))!;
          t.received += Number(r.received ?? 0);
          t.closed += Number(r.closed ?? 0);
        }
      }
      return out;
    },
    /**
     * Per agency: cases answered late (after their due date) with the answer in the year (the supervision dashboard).
     * An answered case is closed on its answer's day, so the range on `closed_on` seeks the agency-first index of
     * migration 0010 and `answered_on` keeps withdrawn cases out.
     */
    async lateCounts(agencyIds: string[] | 'all', year: number): Promise<Map<string, number>> {
      const from = `${year}-01-01`;
      const to = `${year}-12-31`;
      const out = new Map<string, number>();
      const run = async (ids: string[] | null) => {
        let q = db
          .selectFrom('applications')
          .select((eb) => ['agency_id', eb.fn.countAll<number>().as('n')])
          .where('closed_on', '>=', from)
          .where('closed_on', '<=', to)
          .where('answered_on', '>=', from)
          .where('answered_on', '<=', to)
          .where('late', '=', 1);
        if (ids) q = q.where('agency_id', 'in', ids);
        for (const r of await q.groupBy('agency_id').execute()) out.set(r.agency_id, (out.get(r.agency_id) ?? 0) + Number(r.n));
      };
      if (agencyIds === 'all') await run(null);
      else for (const ids of chunked(agencyIds, 900)) await run(ids);
      return out;
    },
    /**
     * Per day on or after `fromDate`, summed over the agencies in SQL: cases received, and cases answered late (the
     * dashboard's weekly trend). Received cases are found by the year of receipt (an equality on the agency-first
     * index of migration 0010) and their day.
     */
    async weeklySeries(agencyIds: string[] | 'all', fromDate: string, toDate: string): Promise<{ received: { day: string; n: number }[]; answeredLate: { day: string; n: number }[] }> {
      const years: number[] = [];
      for (let y = Number(fromDate.slice(0, 4)); y <= Number(toDate.slice(0, 4)); y++) years.push(y);
      const received = new Map<string, number>();
      const late = new Map<string, number>();
      const run = async (ids: string[] | null) => {
        let r = db
          .selectFrom('applications')
          .select((eb) => ['received_on', eb.fn.countAll<number>().as('n')])
          .where('year', 'in', years)
          .where('received_on', '>=', fromDate)
          .where('received_on', '<=', toDate);
        let l = db
          .selectFrom('applications')
          .select((eb) => ['answered_on', eb.fn.countAll<number>().as('n')])
          .where('closed_on', '>=', fromDate)
          .where('closed_on', '<=', toDate)
          .where('answered_on', '>=', fromDate)
          .where('answered_on', '<=', toDate)
          .where('late', '=', 1);
        if (ids) {
          r = r.where('agency_id', 'in', ids);
          l = l.where('agency_id', 'in', ids);
        }
        const [rs, ls] = await Promise.all([r.groupBy('received_on').execute(), l.groupBy('answered_on').execute()]);
        for (const x of rs) if (x.received_on) received.set(x.received_on, (received.get(x.received_on) ?? 0) + Number(x.n));
        for (const x of ls) if (x.answered_on) late.set(x.answered_on, (late.get(x.answered_on) ?? 0) + Number(x.n));
      };
      if (agencyIds === 'all') await run(null);
      else for (const ids of chunked(agencyIds, 900)) await run(ids);
      const list = (m: Map<string, number>) => [...m].map(([day, n]) => ({ day, n })).sort((a, b) => a.day.localeCompare(b.day));
      return { received: list(received), answeredLate: list(late) };
    },
    eventsOf: (ids: string[]) =>
      ids.length ? db.selectFrom('application_events').selectAll().where('application_id', 'in', ids).orderBy('application_id').orderBy('seq').execute() : Promise.resolve([] as EventRow[]),
  };
}
export type ApplicationsRepository = ReturnType<typeof createApplicationsRepository>;

/** A year's counts for the annual report, by agency (rows as stored: applicant types, outcomes, kinds are codes). */
export interface ReportCounts {
  received: { agencyId: string; applicantType: string; channel: string; n: number }[];
  closed: { agencyId: string; applicantType: string; outcome: string | null; detail: string | null; extended: boolean; n: number }[];
  openAtStart: { agencyId: string; applicantType: string; n: number }[];
  openAtEnd: { agencyId: string; applicantType: string; n: number }[];
  proceedingsDecided: { agencyId: string; kind: string; result: string; n: number }[];
  proceedingsPending: { agencyId: string; kind: string; n: number }[];
  fees: { agencyId: string; amount: number }[];
}
