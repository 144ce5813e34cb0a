/**
 * SQLite: one contentless FTS5 table `search_fts(title, meta, body, f)`, rowid = document key.
 * title/meta/body hold the token streams of kernel/text/terms.ts (FTS5 keeps positions, so a term
 * is a phrase query: exact); f holds the filter tokens. Queries walk the index by rowid, newest first.
 * The tokenizer (migration 0003: unicode61 remove_diacritics 0 tokenchars '_|') keeps our tokens as
 * they are: `_` (filter tokens) and `|` (field separator) are token characters.
 * (No bm25: it counts every document of every phrase to weigh terms, which for a term in half of a
 * million documents costs hundreds of milliseconds — see docs/design/search.md.)
 */
import { sql, type RawBuilder } from 'kysely';
import { fieldsStream, type TermPattern } from '../../kernel/text/index.ts';
import { ALL_TOKEN } from './filters.ts';
import type { KeyRange } from './keys.ts';
import type { AnyDb, IndexDocument, MatchSpec, SearchBackend } from './types.ts';

function quote(token: string): string {
  return `"${token.replace(/"/g, '""')}"`;
}

function phrase(t: TermPattern): string {
  return `"${t.tokens.map((x) => x.replace(/"/g, '""')).join(' ')}"${t.prefixLast ? ' *' : ''}`;
}

/**
 * Full text needs no column filter: typed terms never produce a filter token (`_…`) or the field
 * separator, so they can only match title/meta/body — and a column filter makes FTS5 read every
 * candidate's position list (2–3× slower for several terms).
 */
function scoped(scope: MatchSpec['scope'], expr: string): string {
  return scope === 'title' ? `title : (${expr})` : `(${expr})`;
}

/** The FTS5 query expression of a search. */
export function ftsExpression(m: MatchSpec): string {
  const parts: string[] = [];
  if (m.terms.length) parts.push(scoped(m.scope, m.terms.map(phrase).join(' AND ')));
  if (m.terms.length && m.inTitle && m.scope !== 'title') parts.push(scoped('title', m.terms.map(phrase).join(' AND ')));
  if (m.require.length) parts.push(`f : (${m.require.map((g) => `(${g.map(quote).join(' OR ')})`).join(' AND ')})`);
  if (!parts.length) parts.push(`f : ${quote(ALL_TOKEN)}`);
  const negatives: string[] = [];
  if (m.excluded.length) negatives.push(scoped(m.scope, m.excluded.map(phrase).join(' OR ')));
  if (m.forbid.length) negatives.push(`f : (${m.forbid.map(quote).join(' OR ')})`);
  const positive = parts.map((p) => `(${p})`).join(' AND ');
  return negatives.length ? `(${positive}) NOT (${negatives.map((n) => `(${n})`).join(' OR ')})` : positive;
}

/**
 * Keys are written into the statement as integer literals: better-sqlite3 binds JavaScript numbers
 * as REAL, and FTS5 cannot seek by a REAL rowid bound (it filters instead, about 5× slower).
 */
export function intLit(n: number) {
  if (!Number.isSafeInteger(n)) throw new RangeError(`Not a safe integer key: ${n}`);
  return sql.lit(n);
}

function rangeCondition(range: KeyRange | null) {
  if (!range) return sql``;
  return sql` and rowid >= ${intLit(range.lo)} and rowid < ${intLit(Math.min(range.hi, Number.MAX_SAFE_INTEGER))}`;
}

export const sqliteSearch: SearchBackend = {
  dialect: 'sqlite',

  columns() {
    return {};
  },

  async write(db: AnyDb, key: number, doc: IndexDocument) {
    await sql`insert into search_fts (rowid, title, meta, body, f) values (${intLit(key)}, ${fieldsStream([doc.title])}, ${fieldsStream(doc.meta)}, ${fieldsStream([doc.body, doc.attachments])}, ${doc.filterTokens.join(' ')})`.execute(db);
  },

  async writeMany(db: AnyDb, entries: { key: number; doc: IndexDocument }[]) {
    for (let i = 0; i < entries.length; i += 200) {
      const rows = entries.slice(i, i + 200).map(({ key, doc }) => sql`(${intLit(key)}, ${fieldsStream([doc.title])}, ${fieldsStream(doc.meta)}, ${fieldsStream([doc.body, doc.attachments])}, ${doc.filterTokens.join(' ')})`);
      await sql`insert into search_fts (rowid, title, meta, body, f) values ${sql.join(rows)}`.execute(db);
    }
  },

  async erase(db: AnyDb, key: number) {
    await sql`delete from search_fts where rowid = ${intLit(key)}`.execute(db);
  },

  keys(m: MatchSpec, range: KeyRange | null, limit: number, offset = 0, order: 'desc' | 'asc' = 'desc'): RawBuilder<{ k: number }> {
    return sql<{ k: number }>`select rowid as k from search_fts where search_fts match ${ftsExpression(m)}${rangeCondition(range)} order by rowid ${sql.raw(order === 'asc' ? 'asc' : 'desc')} limit ${intLit(limit)} offset ${intLit(offset)}`;
  },
};
