import { sql, type Kysely } from 'kysely';

// Oversight (issue 6, src/modules/oversight): the website monitor and rectifications.
// - monitor_sites: a registered website of an agency, its configuration as JSON (monitor-types.ts SiteConfig);
//   `own` marks the agency's pages on Gongkai's own portal, registered automatically.
// - monitor_probes: reachability visits (≥ 20 a day), one row each; the week's failure share is read by (site, at).
// - monitor_crawls: one crawl each, with what it saw (CrawlResult) and its evaluation (Evaluation) as JSON.
// - rectifications (整改) and their event log: a finding becomes a task for the agency; the next crawl verifies it.
// - spot_checks: the weekly spot-check report (周抽查通报) of an office, frozen when generated.
// - job_claims: which process runs a scheduled job's slot (storage/job-claims.ts): probes are not counted twice
//   when several app processes share the database.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('job_claims')
    .addColumn('job', 'text', (c) => c.notNull())
    .addColumn('slot', 'text', (c) => c.notNull())
    .addColumn('claimed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('job_claims_pk', ['job', 'slot'])
    .execute();

  await db.schema
    .createTable('monitor_sites')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('homepage_url', 'text', (c) => c.notNull())
    .addColumn('hosts', 'text', (c) => c.notNull()) // 'host:port …' of every registered URL: the allow-list of requests
    .addColumn('config', 'text', (c) => c.notNull())
    .addColumn('own', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('probe_offset_min', 'integer', (c) => c.notNull().defaultTo(0)) // spreads the probes over the hour (index below)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
  await db.schema.createIndex('monitor_sites_agency_idx').on('monitor_sites').columns(['agency_id']).execute();
  await db.schema.createIndex('monitor_sites_probe_idx').on('monitor_sites').columns(['probe_offset_min', 'active']).execute();
  await db.schema.createIndex('monitor_sites_homepage_idx').on('monitor_sites').columns(['homepage_url']).unique().execute();

  await db.schema
    .createTable('monitor_probes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('monitor_sites.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('ok', 'integer', (c) => c.notNull())
    .addColumn('status', 'integer')
    .addColumn('ms', 'integer', (c) => c.notNull())
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('monitor_probes_site_at_idx').on('monitor_probes').columns(['site_id', 'at']).execute();

  await db.schema
    .createTable('monitor_crawls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('monitor_sites.id'))
    .addColumn('trigger', 'text', (c) => c.notNull()) // schedule | manual | cli
    .addColumn('status', 'text', (c) => c.notNull()) // running | done | failed
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('pages', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('progress_at', 'text') // the crawling process's heartbeat: a running crawl without one for minutes was interrupted
    .addColumn('verdict', 'text') // pass | fail (null while running or when failed)
    .addColumn('error', 'text')
    .addColumn('result', 'text') // JSON CrawlResult
    .addColumn('evaluation', 'text') // JSON Evaluation
    .addColumn('started_by', 'text')
    .execute();
  await db.schema.createIndex('monitor_crawls_site_idx').on('monitor_crawls').columns(['site_id', 'started_at']).execute();
  // One running crawl per site, also when two "check now" clicks race.
  await db.schema.createIndex('monitor_crawls_running_idx').on('monitor_crawls').column('site_id').unique().where(sql.ref('status'), '=', 'running').execute();
  // The dashboard's weekly trend of failed checks.
  await db.schema.createIndex('monitor_crawls_verdict_idx').on('monitor_crawls').columns(['verdict', 'started_at']).execute();

  await db.schema
    .createTable('rectifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('monitor_sites.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('crawl_id', 'text', (c) => c.notNull()) // the crawl whose finding this is
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('finding', 'text', (c) => c.notNull()) // JSON Finding, as found
    .addColumn('note', 'text') // the office's instruction
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // open | replied | closed
    .addColumn('reopened', 'integer', (c) => c.notNull().defaultTo(0)) // times the verification found it again
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.notNull())
    .addColumn('reply', 'text')
    .addColumn('replied_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rectifications_agency_idx').on('rectifications').columns(['agency_id', 'status']).execute();
  await db.schema.createIndex('rectifications_site_idx').on('rectifications').columns(['site_id', 'status']).execute();
  // One rectification per site and item until it is closed, also when the office's two clicks race.
  await db.schema.createIndex('rectifications_unclosed_idx').on('rectifications').columns(['site_id', 'item']).unique().where(sql.ref('status'), '<>', 'closed').execute();
  await db.schema
    .createTable('rectification_events')
    .addColumn('rectification_id', 'text', (c) => c.notNull().references('rectifications.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull()) // issued | replied | verified | reopened
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by', 'text') // null for the monitor's verification
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addPrimaryKeyConstraint('rectification_events_pk', ['rectification_id', 'seq'])
    .execute();

  await db.schema
    .createTable('spot_checks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id')) // the office's agency
    .addColumn('week', 'text', (c) => c.notNull()) // ISO week, YYYY-Www
    .addColumn('generated_at', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull()) // JSON SpotCheckReport
    .addColumn('publication_id', 'text')
    .addColumn('published_on', 'text')
    .execute();
  await db.schema.createIndex('spot_checks_week_idx').on('spot_checks').columns(['agency_id', 'week']).unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['spot_checks', 'rectification_events', 'rectifications', 'monitor_crawls', 'monitor_probes', 'monitor_sites', 'job_claims']) {
    await db.schema.dropTable(t).execute();
  }
}
