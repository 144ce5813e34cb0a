import { sql, type Kysely } from 'kysely';

// SQLite: the full-text index gains pair tokens (kernel/text/terms.ts `pairTokens`: 2016年, 12号, written after each
// field's stream), so that a term like 2016年 is one token instead of a phrase ending with the prefix token 年*
// (about 100 ms a statement at a million items: docs/design/search.md §1). Each document's row says whether its
// entry holds them (`search_docs.pairs`, 1 when written by code that writes them); searches use them only while no
// row says 0 (the partial index answers that at once): at once for an empty index, after `gongkai search reindex`
// for an index written before, and not while a process running older code writes entries without them.
// PostgreSQL matches on its token sets and canonical texts and needs nothing.

/** $1 parameters mean PostgreSQL, ? means SQLite (compiling runs no statement). */
function isPostgres(db: Kysely<any>): boolean {
  return sql`select ${1}`.compile(db).sql.includes('$1');
}

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return;
  await sql`alter table search_docs add column pairs integer not null default 0`.execute(db);
  await sql`create index search_docs_without_pairs_idx on search_docs (doc_key) where pairs = 0`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return;
  await sql`drop index if exists search_docs_without_pairs_idx`.execute(db);
  await sql`alter table search_docs drop column pairs`.execute(db);
}
