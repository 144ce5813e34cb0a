import { sql, type Kysely } from 'kysely';

// SQLite: the full-text index gains pair tokens (kernel/text/terms.ts `pairTokens`: 2016年, 12号, written after each
// field's stream), so that a term like 2016年 is one token instead of a phrase ending with the prefix token 年*
// (about 100 ms a statement at a million items: docs/design/search.md §1). Every write from now on holds them; an
// index written before does not, so searches use them only once `search_meta.pairs` is 1: at once for an empty
// index, after `gongkai search reindex` otherwise (until then they match the old way, as fast as before).
// PostgreSQL matches on its token sets and canonical texts and needs nothing.

/** $1 parameters mean PostgreSQL, ? means SQLite (compiling runs no statement). */
function isPostgres(db: Kysely<any>): boolean {
  return sql`select ${1}`.compile(db).sql.includes('$1');
}

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return;
  await sql`create table search_meta (name text primary key, value integer not null)`.execute(db);
  await sql`insert into search_meta (name, value) values ('pairs', case when exists (select 1 from search_docs) then 0 else 1 end)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) await sql`drop table if exists search_meta`.execute(db);
}
