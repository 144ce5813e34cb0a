import { sql, type Kysely } from 'kysely';
import { fieldsStream } from '../../kernel/text/index.ts';

// SQLite: a second, title-only FTS5 table (docs/design/search.md §4, "Title matches"). The ranking window
// looks for the newest matches having every term in the title; in `search_fts` that needs a column filter,
// and FTS5 keeps one doclist per token for all columns, so it read the positions of every match in the
// range: at 200,000 items 30 ms for 预算 决算 公开 (titles rarely hold all three, so the walk covered the
// whole range), 8 ms for 脱贫攻坚 — most of those queries' time. In a table of titles only, a title match
// is a plain walk of small doclists (0.1–2 ms). Same tokens as search_fts's title column, rowid = document
// key; filled here from the indexed items (their titles), kept by storage/search/sqlite.ts afterwards.
// PostgreSQL needs nothing: it tests the canonical title (search_docs.title_norm) directly.

/** $1 parameters mean PostgreSQL, ? means SQLite (compiling runs no statement). */
function isPostgres(db: Kysely<any>): boolean {
  return sql`select ${1}`.compile(db).sql.includes('$1');
}

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return;
  await sql`create virtual table search_title using fts5(title, content='', contentless_delete=1, tokenize="unicode61 remove_diacritics 0 tokenchars '_|'")`.execute(db);
  let after = -1;
  for (;;) {
    const rows = (
      await sql<{ k: number; title: string }>`select d.doc_key as k, p.title from search_docs d join publications p on p.id = d.publication_id where d.doc_key > ${sql.lit(after)} order by d.doc_key limit 1000`.execute(db)
    ).rows;
    if (!rows.length) break;
    for (let i = 0; i < rows.length; i += 200) {
      const values = rows.slice(i, i + 200).map((r) => sql`(${sql.lit(Number(r.k))}, ${fieldsStream([r.title])})`);
      await sql`insert into search_title (rowid, title) values ${sql.join(values)}`.execute(db);
    }
    after = Number(rows[rows.length - 1].k);
  }
  await sql`insert into search_title (search_title) values ('optimize')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) await sql`drop table if exists search_title`.execute(db);
}
