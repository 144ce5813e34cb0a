import { sql, type Kysely } from 'kysely';

// The catalog's full-text index (docs/design/search.md): search_docs on both engines, plus an FTS5
// table on SQLite or a tsvector column with a GIN index on PostgreSQL. Rows are written by the
// catalog's search repository when items are published; `rebuildIndex` fills it from scratch.

/** $1 parameters mean PostgreSQL, ? means SQLite (compiling runs no statement). */
function isPostgres(db: Kysely<any>): boolean {
  return sql`select ${1}`.compile(db).sql.includes('$1');
}

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable('search_docs')
    // SQLite: INTEGER PRIMARY KEY is the rowid, shared with the FTS5 table.
    .addColumn('doc_key', pg ? 'bigint' : 'integer', (c) => c.primaryKey())
    .addColumn('publication_id', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('issuers', 'text', (c) => c.notNull())
    .addColumn('topic', 'text')
    .addColumn('genre', 'text')
    .addColumn('published_on', 'text', (c) => c.notNull())
    .addColumn('words', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  if (pg) {
    await sql`alter table search_docs add column title_norm text, add column rest_norm text, add column tsv tsvector`.execute(db);
    await sql`create index search_docs_tsv_idx on search_docs using gin (tsv)`.execute(db);
  } else {
    await sql`create virtual table search_fts using fts5(title, meta, body, f, content='', contentless_delete=1, tokenize="unicode61 remove_diacritics 0 tokenchars '_|'")`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) await sql`drop table if exists search_fts`.execute(db);
  await db.schema.dropTable('search_docs').ifExists().execute();
}
