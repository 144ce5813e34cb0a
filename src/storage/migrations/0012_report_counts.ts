import { sql, type Kysely, type RawBuilder } from 'kysely';

// Counts kept as records change (docs/design/reports.md, storage/counts.ts): the annual report's figures read from
// a few rows per agency and year instead of every case and every document (issue 5, "Speed").
// - application_counts: the cells of applications/report-counts.ts (received, closed, carried, fees; decided and
//   pending proceedings); `fine` 1 for the legacy statistics' extra detail, so the current formats read fewer rows.
// - publication_counts: the cells of catalog/report-counts.ts (items published by kind; rules and normative
//   documents issued, published, repealed, per issuing agency, as lead or joint issuer).
// - publication_in_force: changes of the documents in force (+1 in the year issued, -1 in the year they ceased):
//   in force on 31 December of a year is their sum up to it, so documents without an end need no row per year.
// The tables are filled here from the records, in SQL with the same cells as the modules' functions; the
// recount functions are exported so that a test can hold the two to agreement.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('application_counts')
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('fine', 'integer', (c) => c.notNull())
    .addColumn('cell', 'text', (c) => c.notNull())
    .addColumn('n', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('application_counts_pk', ['agency_id', 'year', 'fine', 'cell'])
    .execute();
  await db.schema
    .createTable('publication_counts')
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('cell', 'text', (c) => c.notNull())
    .addColumn('n', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('publication_counts_pk', ['agency_id', 'year', 'cell'])
    .execute();
  // Key order (agency, cell, year): the sum up to a year reads each agency's cells in order, with no sort.
  await db.schema
    .createTable('publication_in_force')
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('cell', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('n', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('publication_in_force_pk', ['agency_id', 'cell', 'year'])
    .execute();
  await recountApplications(db);
  await recountPublications(db);
}

const yearOf = (column: RawBuilder<unknown>) => sql`cast(substr(${column}, 1, 4) as integer)`;
/** The years 1900–2200, for cells repeated over a span of years. */
const years = sql`with recursive ys(y) as (select 1900 union all select y + 1 from ys where y < 2200)`;

/** Inserts the sums of `rows` (agency_id, y, cell, k) into a count table. */
async function fill(db: Kysely<any>, table: string, rows: RawBuilder<unknown>, fine?: 0 | 1): Promise<void> {
  const extra = fine === undefined ? sql`` : sql`, fine`;
  const extraValue = fine === undefined ? sql`` : sql`, ${sql.lit(fine)}`;
  await sql`insert into ${sql.table(table)} (agency_id, year${extra}, cell, n)
    select agency_id, y${extraValue}, cell, sum(k) from (${rows}) t group by agency_id, y, cell having sum(k) <> 0`.execute(db);
}

/** Rebuilds application_counts from the cases and the proceedings. */
export async function recountApplications(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('application_counts').execute();
  const received = sql`from applications where received_on is not null`;
  const closed = sql`from applications where received_on is not null and closed_year is not null`;
  await fill(db, 'application_counts', sql`select agency_id, year as y, 'received|' || applicant_type as cell, 1 as k ${received}`, 0);
  await fill(db, 'application_counts', sql`select agency_id, year as y, 'received|' || applicant_type || '|' || channel as cell, 1 as k ${received}`, 1);
  await fill(db, 'application_counts', sql`select agency_id, closed_year as y, 'closed|' || applicant_type || '|' || coalesce(outcome, '') as cell, 1 as k ${closed}`, 0);
  await fill(
    db,
    'application_counts',
    sql`select agency_id, closed_year as y,
      'closed|' || applicant_type || '|' || coalesce(outcome, '') || '|' || coalesce(outcome_detail, '') || '|' || case when extended <> 0 then '1' else '0' end as cell,
      1 as k ${closed}`,
    1,
  );
  await fill(
    db,
    'application_counts',
    sql`${years} select a.agency_id, ys.y, 'carried|' || a.applicant_type as cell, 1 as k
      from applications a join ys on ys.y > a.year and ys.y <= a.closed_year where a.received_on is not null and a.closed_year > a.year`,
    0,
  );
  await fill(
    db,
    'application_counts',
    sql`select agency_id, ${yearOf(sql`fee_paid_on`)} as y, 'fees' as cell, cast(floor(coalesce(fee_amount, 0) * 100 + 0.5) as integer) as k
      from applications where fee_paid_on is not null`,
    0,
  );
  await fill(
    db,
    'application_counts',
    sql`select agency_id, ${yearOf(sql`decided_on`)} as y, 'decided|' || kind || '|' || result as cell, 1 as k
      from application_proceedings where decided_on is not null and result <> 'pending'`,
    0,
  );
  await fill(
    db,
    'application_counts',
    sql`${years} select p.agency_id, ys.y, 'pending|' || p.kind as cell, 1 as k
      from application_proceedings p join ys on ys.y >= ${yearOf(sql`p.filed_on`)} and ys.y < ${yearOf(sql`p.decided_on`)} where p.decided_on is not null`,
    0,
  );
}

/** Rebuilds publication_counts and publication_in_force from the published items and their issuers. */
export async function recountPublications(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('publication_counts').execute();
  await db.deleteFrom('publication_in_force').execute();
  await fill(db, 'publication_counts', sql`select agency_id, ${yearOf(sql`published_on`)} as y, 'published|' || kind as cell, 1 as k from publications where status = 'published' and published_on is not null`);
  // Every issuer of a published rule or normative document: the lead agency ('own') and each co-issuer ('joint'),
  // with the year issued (written, else published), the year published and the year it ceased to be in force
  // (the day after its last day; 0 when repealed or expired without a date), or null while it has no end.
  const issuers = sql`
    select issuer, role || '|' || kind as doc, issued, published, ceased from (
      select d.issuer, d.role, p.kind,
        ${yearOf(sql`coalesce(p.written_on, p.published_on)`)} as issued,
        ${yearOf(sql`p.published_on`)} as published,
        case when p.validity_status is null or p.validity_status = 'amended' then null
             when p.validity_until is not null then ${yearOf(sql`p.validity_until`)} + case when substr(p.validity_until, 6) = '12-31' then 1 else 0 end
             when p.validity_status in ('repealed', 'expired') then 0
             else null end as ceased
      from (
        select id as pid, agency_id as issuer, 'own' as role from publications
        union all
        select i.publication_id as pid, i.agency_id as issuer, 'joint' as role from publication_issuers i join publications q on q.id = i.publication_id where i.agency_id <> q.agency_id
      ) d join publications p on p.id = d.pid
      where p.status = 'published' and p.kind in ('rule', 'normativeDocument') and coalesce(p.written_on, p.published_on) is not null
    ) x`;
  await fill(db, 'publication_counts', sql`select issuer as agency_id, issued as y, doc || '|issued' as cell, 1 as k from (${issuers}) s`);
  await fill(db, 'publication_counts', sql`select issuer as agency_id, published as y, doc || '|published' as cell, 1 as k from (${issuers}) s where published >= issued`);
  await fill(db, 'publication_counts', sql`select issuer as agency_id, ceased as y, doc || '|repealed' as cell, 1 as k from (${issuers}) s where ceased >= issued`);
  await fill(
    db,
    'publication_in_force',
    sql`select issuer as agency_id, issued as y, doc as cell, 1 as k from (${issuers}) s
      union all
      select issuer as agency_id, case when ceased > issued then ceased else issued end as y, doc as cell, -1 as k from (${issuers}) s where ceased is not null`,
  );
}
