import type { Kysely } from 'kysely';

// The disclosure catalog: publications, co-issuers, versions, workflow events, index-number counters.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('publications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('index_no', 'text', (c) => c.unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('doc_no', 'text')
    .addColumn('written_on', 'text')
    .addColumn('published_at', 'text')
    .addColumn('published_on', 'text')
    .addColumn('topic', 'text')
    .addColumn('genre', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('keywords', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('summary', 'text')
    .addColumn('columns', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('disclosure_mode', 'text', (c) => c.notNull().defaultTo('proactive'))
    .addColumn('non_disclosure_reason', 'text')
    .addColumn('body_html', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('validity_status', 'text')
    .addColumn('validity_from', 'text')
    .addColumn('validity_until', 'text')
    .addColumn('replaced_by_id', 'text')
    .addColumn('interprets_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('ref', 'text')
    .addColumn('timeliness_days', 'integer')
    .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdrawn_reason', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('publications_agency_idx').on('publications').columns(['agency_id', 'status', 'published_at']).execute();
  await db.schema.createIndex('publications_published_idx').on('publications').columns(['status', 'published_at']).execute();
  await db.schema.createIndex('publications_kind_idx').on('publications').columns(['kind', 'status', 'published_at']).execute();
  await db.schema.createIndex('publications_interprets_idx').on('publications').column('interprets_id').execute();
  await db.schema.createIndex('publications_doc_no_idx').on('publications').column('doc_no').execute();
  await db.schema.createIndex('publications_ref_idx').on('publications').columns(['agency_id', 'ref']).unique().execute();

  await db.schema
    .createTable('publication_issuers')
    .addColumn('publication_id', 'text', (c) => c.notNull().references('publications.id').onDelete('cascade'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('publication_issuers_pk', ['publication_id', 'agency_id'])
    .execute();
  await db.schema.createIndex('publication_issuers_agency_idx').on('publication_issuers').column('agency_id').execute();

  await db.schema
    .createTable('publication_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('publication_id', 'text', (c) => c.notNull().references('publications.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('publication_versions_pub_idx').on('publication_versions').columns(['publication_id', 'version']).unique().execute();

  await db.schema
    .createTable('publication_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('publication_id', 'text', (c) => c.notNull().references('publications.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .execute();
  await db.schema.createIndex('publication_events_pub_idx').on('publication_events').columns(['publication_id', 'at']).execute();

  await db.schema
    .createTable('index_counters')
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_serial', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('index_counters_pk', ['agency_id', 'year'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['index_counters', 'publication_events', 'publication_versions', 'publication_issuers', 'publications']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
