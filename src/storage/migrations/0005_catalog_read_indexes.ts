import { sql, type Kysely } from 'kysely';

// Indexes for the public catalog pages at scale (issue 3, docs/design/catalog-reads.md). Without them,
// at 200k items, the publication page spent ~350 ms and the browse page ~3.5 s in full scans of the
// publications table (every row read, bodies included):
// - interpretations of an item (`interprets_id = ? and status = ? order by published_at`): SQLite,
//   having no statistics, preferred the (status, published_at) index — it saves the sort — and walked
//   every published item; with (interprets_id, status, published_at) the look-up is one seek that
//   also gives the order (this replaces the one-column interprets_id index it starts with);
// - the public list, newest first (`order by coalesce(published_at, updated_at) desc, id desc`): an
//   index on exactly that order within (status, disclosure_mode) — a page is read off the index;
// - facet counts, totals and the ids of a filtered page over the public items: one covering index
//   over the columns they filter, group and sort by (and the id), so they read only the (small) index
//   entries, never the rows; the commonest filter (kind) and the year come first;
// - the same, agency first (then the year), for pages filtered by issuing agency (the items an agency leads; those it
//   co-issues are found from publication_issuers, see publications.repository.ts `parts`).
// Both engines support indexes on expressions (the expression is parenthesised, as PostgreSQL requires).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('publications_interprets_status_idx').on('publications').columns(['interprets_id', 'status', 'published_at']).execute();
  await db.schema.dropIndex('publications_interprets_idx').ifExists().execute();
  await sql`create index publications_public_order_idx on publications (status, disclosure_mode, (coalesce(published_at, updated_at)), id)`.execute(db);
  await db.schema
    .createIndex('publications_public_facets_idx')
    .on('publications')
    .columns(['status', 'disclosure_mode', 'kind', 'published_on', 'agency_id', 'topic', 'genre', 'validity_status', 'published_at', 'updated_at', 'id'])
    .execute();
  await db.schema
    .createIndex('publications_public_agency_idx')
    .on('publications')
    .columns(['agency_id', 'status', 'disclosure_mode', 'published_on', 'kind', 'topic', 'genre', 'validity_status', 'published_at', 'updated_at', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('publications_public_agency_idx').ifExists().execute();
  await db.schema.dropIndex('publications_public_facets_idx').ifExists().execute();
  await db.schema.dropIndex('publications_public_order_idx').ifExists().execute();
  await db.schema.createIndex('publications_interprets_idx').on('publications').column('interprets_id').execute();
  await db.schema.dropIndex('publications_interprets_status_idx').ifExists().execute();
}
