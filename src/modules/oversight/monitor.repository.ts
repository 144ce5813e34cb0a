import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { Database, MonitorCrawlTable, MonitorSiteTable, RectificationEventTable, RectificationTable, SpotCheckTable } from '../../storage/schema.ts';
import { chunked } from '../../storage/batches.ts';

export type SiteRow = Selectable<MonitorSiteTable>;
export type CrawlRow = Selectable<MonitorCrawlTable>;
export type RectificationRow = Selectable<RectificationTable>;
export type RectificationEventRow = Selectable<RectificationEventTable>;
export type SpotCheckRow = Selectable<SpotCheckTable>;

/** The website monitor's stored side: sites, probes, crawls, rectifications and the weekly spot-check reports. */
export function createMonitorRepository(db: Kysely<Database>) {
  /** Rows of `table` whose agency is one of `ids` ('all': no filter), in chunks that fit a statement's parameters. */
  async function byAgencies<T>(ids: string[] | 'all', run: (ids: string[] | null) => Promise<T[]>): Promise<T[]> {
    if (ids === 'all') return run(null);
    const out: T[] = [];
    for (const part of chunked(ids, 900)) out.push(...(await run(part)));
    return out;
  }

  return {
    // --- Sites ---
    async insertSite(row: Insertable<MonitorSiteTable>): Promise<void> {
      await db.insertInto('monitor_sites').values(row).execute();
    },
    async updateSite(id: string, patch: Partial<Insertable<MonitorSiteTable>>): Promise<void> {
      await db.updateTable('monitor_sites').set(patch).where('id', '=', id).execute();
    },
    site: (id: string) => db.selectFrom('monitor_sites').selectAll().where('id', '=', id).executeTakeFirst(),
    siteByHomepage: (url: string) => db.selectFrom('monitor_sites').selectAll().where('homepage_url', '=', url).executeTakeFirst(),
    sites: (agencyIds: string[] | 'all') =>
      byAgencies(agencyIds, (ids) => {
        let q = db.selectFrom('monitor_sites').selectAll();
        if (ids) q = q.where('agency_id', 'in', ids);
        return q.orderBy('agency_id').orderBy('own', 'desc').orderBy('name').execute();
      }),
    activeSites: () => db.selectFrom('monitor_sites').selectAll().where('active', '=', 1).orderBy('id').execute(),
    /** The active sites probed at this minute of every hour. */
    sitesProbedAt: (minute: number) => db.selectFrom('monitor_sites').select(['id', 'agency_id', 'homepage_url']).where('probe_offset_min', '=', minute).where('active', '=', 1).execute(),
    /** Every registered host: the crawler never requests any other. */
    async hosts(): Promise<string[]> {
      const rows = await db.selectFrom('monitor_sites').select('hosts').distinct().execute();
      return [...new Set(rows.flatMap((r) => r.hosts.split(' ')))];
    },

    // --- Probes ---
    async insertProbe(row: { id: string; site_id: string; at: string; ok: number; status: number | null; ms: number; error: string | null }): Promise<void> {
      await db.insertInto('monitor_probes').values(row).execute();
    },
    /** A site's probes with from ≤ at < to, oldest first. */
    probes: (siteId: string, from: string, to: string) =>
      db.selectFrom('monitor_probes').selectAll().where('site_id', '=', siteId).where('at', '>=', from).where('at', '<', to).orderBy('at').execute(),

    // --- Crawls ---
    async insertCrawl(row: Insertable<MonitorCrawlTable>): Promise<void> {
      await db.insertInto('monitor_crawls').values(row).execute();
    },
    async updateCrawl(id: string, patch: Partial<Insertable<MonitorCrawlTable>>): Promise<void> {
      await db.updateTable('monitor_crawls').set(patch).where('id', '=', id).execute();
    },
    crawl: (id: string) => db.selectFrom('monitor_crawls').selectAll().where('id', '=', id).executeTakeFirst(),
    /** A site's crawls, newest first, without their (large) result. */
    crawls: (siteId: string, limit: number) =>
      db
        .selectFrom('monitor_crawls')
        .select(['id', 'site_id', 'trigger', 'status', 'started_at', 'finished_at', 'pages', 'verdict', 'error', 'started_by'])
        .where('site_id', '=', siteId)
        .orderBy('started_at', 'desc')
        .limit(limit)
        .execute(),
    /** Whether a crawl of the site is running now (one at a time per site). */
    /** The site's running crawl, if any. */
    running: (siteId: string) => db.selectFrom('monitor_crawls').select(['id', 'started_at']).where('site_id', '=', siteId).where('status', '=', 'running').executeTakeFirst(),
    /**
     * The newest finished crawl of each site (with from ≤ started_at < to when given). `without` leaves out the large
     * JSON columns a caller does not read (a crawl's result can be hundreds of kilobytes): lists need the verdict only.
     */
    async latestCrawls(siteIds: string[], range?: { from: string; to: string }, without: ('result' | 'evaluation')[] = []): Promise<Map<string, CrawlRow>> {
      const out = new Map<string, CrawlRow>();
      for (const ids of chunked(siteIds, 900)) {
        let inner = db
          .selectFrom('monitor_crawls')
          .select((eb) => ['site_id', eb.fn.max('started_at').as('started_at')])
          .where('site_id', 'in', ids)
          .where('status', '=', 'done');
        if (range) inner = inner.where('started_at', '>=', range.from).where('started_at', '<', range.to);
        const rows = await db
          .selectFrom('monitor_crawls as c')
          .innerJoin(inner.groupBy('site_id').as('m'), (j) => j.onRef('m.site_id', '=', 'c.site_id').onRef('m.started_at', '=', 'c.started_at'))
          .select(['c.id', 'c.site_id', 'c.trigger', 'c.status', 'c.started_at', 'c.finished_at', 'c.pages', 'c.progress_at', 'c.verdict', 'c.error', 'c.started_by'])
          .select((eb) => [without.includes('result') ? sql<null>`null`.as('result') : eb.ref('c.result').as('result'), without.includes('evaluation') ? sql<null>`null`.as('evaluation') : eb.ref('c.evaluation').as('evaluation')])
          .where('c.status', '=', 'done')
          .execute();
        for (const r of rows) out.set(r.site_id, r);
      }
      return out;
    },
    /**
     * Crawls left 'running' by a process that stopped, told apart from those another live process runs by their
     * heartbeat (progress_at, or the start): none since `before` → marked failed. All sites, or one.
     */
    async failStaleRunning(before: string, at: string, siteId?: string): Promise<number> {
      let q = db
        .updateTable('monitor_crawls')
        .set({ status: 'failed', error: 'interrupted', finished_at: at })
        .where('status', '=', 'running')
        .where((eb) => eb(eb.fn.coalesce('progress_at', 'started_at'), '<', before));
      if (siteId) q = q.where('site_id', '=', siteId);
      const r = await q.executeTakeFirst();
      return Number(r.numUpdatedRows ?? 0);
    },

    // --- Rectifications ---
    async insertRectification(row: Insertable<RectificationTable>, event: Insertable<RectificationEventTable>): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('rectifications').values(row).execute();
        await trx.insertInto('rectification_events').values(event).execute();
      });
    },
    /**
     * Moves a rectification on from `fromStatus` and records the event, in one transaction; false (nothing written) when
     * its status is no longer `fromStatus` (a reply and a verification racing: the second one loses, cleanly).
     */
    async updateRectification(id: string, fromStatus: string, patch: Partial<Insertable<RectificationTable>>, event: Omit<Insertable<RectificationEventTable>, 'seq'>): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const r = await trx.updateTable('rectifications').set(patch).where('id', '=', id).where('status', '=', fromStatus).executeTakeFirst();
        if (Number(r.numUpdatedRows ?? 0) !== 1) return false;
        const last = await trx.selectFrom('rectification_events').select((eb) => eb.fn.max('seq').as('seq')).where('rectification_id', '=', id).executeTakeFirst();
        await trx.insertInto('rectification_events').values({ ...event, seq: Number(last?.seq ?? 0) + 1 }).execute();
        return true;
      });
    },
    rectification: (id: string) => db.selectFrom('rectifications').selectAll().where('id', '=', id).executeTakeFirst(),
    rectificationEvents: (id: string) => db.selectFrom('rectification_events').selectAll().where('rectification_id', '=', id).orderBy('seq').execute(),
    /** Rectifications of the agencies, newest first; `status` filters (open | replied | closed). */
    rectifications: (agencyIds: string[] | 'all', q: { status?: string[]; siteId?: string } = {}) =>
      byAgencies(agencyIds, (ids) => {
        let qb = db.selectFrom('rectifications').selectAll();
        if (ids) qb = qb.where('agency_id', 'in', ids);
        if (q.status?.length) qb = qb.where('status', 'in', q.status);
        if (q.siteId) qb = qb.where('site_id', '=', q.siteId);
        return qb.orderBy('issued_at', 'desc').execute();
      }),
    /** Per agency: rectifications not closed (open or replied). */
    async openRectificationCounts(agencyIds: string[] | 'all'): Promise<Map<string, number>> {
      const rows = await byAgencies(agencyIds, (ids) => {
        let qb = db.selectFrom('rectifications').select((eb) => ['agency_id', eb.fn.countAll<number>().as('n')]).where('status', '<>', 'closed');
        if (ids) qb = qb.where('agency_id', 'in', ids);
        return qb.groupBy('agency_id').execute();
      });
      return new Map(rows.map((r) => [r.agency_id, Number(r.n)]));
    },

    // --- Weekly spot-check reports ---
    spotCheck: (agencyId: string, week: string) => db.selectFrom('spot_checks').selectAll().where('agency_id', '=', agencyId).where('week', '=', week).executeTakeFirst(),
    spotChecks: (agencyId: string) =>
      db.selectFrom('spot_checks').select(['id', 'agency_id', 'week', 'generated_at', 'publication_id', 'published_on']).where('agency_id', '=', agencyId).orderBy('week', 'desc').execute(),
    /** Stores (or regenerates, while unpublished) an office's report for a week. */
    async saveSpotCheck(row: Insertable<SpotCheckTable>): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('spot_checks').where('agency_id', '=', row.agency_id).where('week', '=', row.week).where('publication_id', 'is', null).execute();
        await trx.insertInto('spot_checks').values(row).execute();
      });
    },
    async setSpotCheckPublished(id: string, publicationId: string, on: string): Promise<void> {
      await db.updateTable('spot_checks').set({ publication_id: publicationId, published_on: on }).where('id', '=', id).execute();
    },
    /** Finished crawls that failed the evaluation, per UTC hour ('YYYY-MM-DDTHH') of their start at or after `fromAt`, summed over the agencies' sites (the dashboard's weekly trend). */
    async failedCrawlsByHour(agencyIds: string[] | 'all', fromAt: string): Promise<{ hour: string; n: number }[]> {
      const hour = sql<string>`substr(c.started_at, 1, 13)`;
      const rows = await byAgencies(agencyIds, (ids) => {
        let qb = db.selectFrom('monitor_sites as s').innerJoin('monitor_crawls as c', 'c.site_id', 's.id').select((eb) => [hour.as('hour'), eb.fn.countAll<number>().as('n')]).where('c.started_at', '>=', fromAt).where('c.status', '=', 'done').where('c.verdict', '=', 'fail');
        if (ids) qb = qb.where('s.agency_id', 'in', ids);
        return qb.groupBy(hour).execute();
      });
      const out = new Map<string, number>();
      for (const r of rows) out.set(r.hour, (out.get(r.hour) ?? 0) + Number(r.n));
      return [...out].map(([h, n]) => ({ hour: h, n })).sort((a, b) => a.hour.localeCompare(b.hour));
    },
  };
}
export type MonitorRepository = ReturnType<typeof createMonitorRepository>;
