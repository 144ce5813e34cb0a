import { sql, type Kysely } from 'kysely';

// Annual reports (issue 5, src/modules/reports).
// - applications.closed_on: the day a case left the year's open cases (its first answer, or its withdrawal), a
//   projection column like the others. With it, "open on 1 January" is a range on one column: table 三's rows
//   二 and 四 are counted by an index seek per agency instead of a scan of every earlier year.
// - applications.closed_year, and covering indexes, agency first, so that one agency's year is a few hundred index
//   entries and a roll-up over a subtree reads only that subtree's entries (docs/benchmarks.md, "Annual reports").
// - report_figures: the figures Gongkai does not hold (permits, penalties, enforcement, fees for table 二), per
//   agency and year, with their source; never typed into a table.
// - annual_reports: a report's editable state (texts), its workflow, and the frozen JSON once published.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('applications').addColumn('closed_on', 'text').execute();
  await sql`update applications set closed_on = coalesce(answered_on, withdrawn_on)`.execute(db);
  // Fees collected (section 六): the paid fee's amount and day, projected like the rest.
  await db.schema.alterTable('applications').addColumn('fee_amount', 'double precision').execute();
  await db.schema.alterTable('applications').addColumn('fee_paid_on', 'text').execute();
  const feeEvents = await db
    .selectFrom('application_events')
    .select(['application_id', 'type', 'on_date', 'data'])
    .where('type', 'in', ['feeNotified', 'feePaid'])
    .orderBy('application_id')
    .orderBy('seq')
    .execute();
  const fees = new Map<string, { amount: number | null; paidOn: string | null }>();
  for (const e of feeEvents) {
    const f = fees.get(e.application_id) ?? { amount: null, paidOn: null };
    if (e.type === 'feeNotified') f.amount = Number(JSON.parse(e.data).amount ?? 0);
    else f.paidOn = e.on_date;
    fees.set(e.application_id, f);
  }
  for (const [id, f] of fees) {
    await db.updateTable('applications').set({ fee_amount: f.amount, fee_paid_on: f.paidOn }).where('id', '=', id).execute();
  }
  await db.schema.createIndex('applications_fee_paid_idx').on('applications').columns(['agency_id', 'fee_paid_on', 'fee_amount']).execute();
  // The year a received case was closed in: with it (and `year`, the year of receipt), a year's received and
  // closed cases are an equality on the index, read in the order of the report's GROUP BY (no sort).
  await db.schema.alterTable('applications').addColumn('closed_year', 'integer').execute();
  await sql`update applications set closed_year = cast(substr(closed_on, 1, 4) as integer) where closed_on is not null and received_on is not null`.execute(db);
  await db.schema
    .createIndex('applications_report_received_idx')
    .on('applications')
    .columns(['agency_id', 'year', 'applicant_type', 'channel', 'received_on'])
    .execute();
  await db.schema
    .createIndex('applications_report_closed_idx')
    .on('applications')
    .columns(['agency_id', 'closed_year', 'applicant_type', 'outcome', 'outcome_detail', 'extended'])
    .execute();
  // Open on a day: received before it and closed on or after it (or not yet).
  await db.schema.createIndex('applications_report_open_idx').on('applications').columns(['agency_id', 'closed_on', 'received_on', 'applicant_type']).execute();

  await db.schema
    .createTable('report_figures')
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addPrimaryKeyConstraint('report_figures_pk', ['agency_id', 'year', 'key'])
    .execute();

  await db.schema
    .createTable('annual_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull()) // agency | rollup
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // draft | submitted | published
    .addColumn('texts', 'text', (c) => c.notNull().defaultTo('{}')) // JSON: { overview, problems, other }
    .addColumn('snapshot', 'text') // JSON: the report as published (tables, checks, texts resolved)
    .addColumn('publication_id', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_by', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('approved_by', 'text')
    .addColumn('published_on', 'text')
    .addColumn('return_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addUniqueConstraint('annual_reports_uq', ['agency_id', 'year', 'scope'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('annual_reports').ifExists().execute();
  await db.schema.dropTable('report_figures').ifExists().execute();
  await db.schema.dropIndex('applications_report_closed_idx').ifExists().execute();
  await db.schema.dropIndex('applications_report_open_idx').ifExists().execute();
  await db.schema.alterTable('applications').dropColumn('closed_year').execute();
  await db.schema.dropIndex('applications_report_received_idx').ifExists().execute();
  await db.schema.dropIndex('applications_fee_paid_idx').ifExists().execute();
  await db.schema.alterTable('applications').dropColumn('fee_paid_on').execute();
  await db.schema.alterTable('applications').dropColumn('fee_amount').execute();
  await db.schema.alterTable('applications').dropColumn('closed_on').execute();
}
