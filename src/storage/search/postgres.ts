/**
 * PostgreSQL: search_docs.tsv holds every index token and filter token of a document as a tsvector
 * *without positions* (built literally, no text-search parser or dictionary involved), under a GIN
 * index; title_norm/rest_norm hold the canonical text (kernel/text/pieces.ts). A term is required as
 * the AND of its tokens (GIN) and, when that is not already exact (several tokens, or title only), as
 * a substring of the canonical text (strpos): the same matches as SQLite's phrase queries.
 * Positions are not used because PostgreSQL caps them (16,383 per document, 256 per lexeme), which
 * would lose matches in long documents.
 */
import { sql, type RawBuilder } from 'kysely';
import { canonicalFields, canonicalText, tokenSet, type TermPattern } from '../../kernel/text/index.ts';
import { ALL_TOKEN } from './filters.ts';
import type { KeyRange } from './keys.ts';
import type { AnyDb, IndexDocument, MatchSpec, SearchBackend } from './types.ts';

function lexeme(token: string): string {
  return `'${token.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

function tsquery(m: MatchSpec): string {
  const parts: string[] = [];
  const seen = new Set<string>();
  for (const t of m.terms) {
    t.tokens.forEach((tok, i) => {
      const prefix = t.prefixLast && i === t.tokens.length - 1;
      const q = `${lexeme(tok)}${prefix ? ':*' : ''}`;
      if (seen.has(q)) return;
      seen.add(q);
      parts.push(q);
    });
  }
  for (const g of m.require) parts.push(`(${g.map(lexeme).join(' | ')})`);
  if (!parts.length) parts.push(lexeme(ALL_TOKEN));
  for (const f of m.forbid) parts.push(`!${lexeme(f)}`);
  return parts.join(' & ');
}

function contains(t: TermPattern, scope: MatchSpec['scope']) {
  return scope === 'title' ? sql`strpos(d.title_norm, ${t.canonical}) > 0` : sql`(strpos(d.title_norm, ${t.canonical}) > 0 or strpos(d.rest_norm, ${t.canonical}) > 0)`;
}

/** The condition on search_docs `d` that selects the matches. */
export function pgCondition(m: MatchSpec) {
  const conds = [sql`d.tsv @@ ${tsquery(m)}::tsquery`];
  for (const t of m.terms) if (m.scope === 'title' || m.inTitle || t.tokens.length > 1) conds.push(contains(t, m.inTitle ? 'title' : m.scope));
  for (const t of m.excluded) conds.push(sql`not ${contains(t, m.scope)}`);
  return sql.join(conds, sql` and `);
}

export const postgresSearch: SearchBackend = {
  dialect: 'postgres',

  columns(doc: IndexDocument) {
    const tokens = tokenSet([doc.title, ...doc.meta, doc.body, doc.attachments]);
    for (const f of doc.filterTokens) tokens.add(f);
    return {
      title_norm: canonicalText(doc.title),
      rest_norm: canonicalFields([...doc.meta, doc.body, doc.attachments]),
      tsv: sql`${[...tokens].map(lexeme).join(' ')}::tsvector`,
    };
  },

  async write() {
    // everything is in the search_docs row (columns)
  },

  async writeMany() {
    // everything is in the search_docs rows (columns)
  },

  async erase() {
    // everything lives in the search_docs row, which the caller deletes
  },

  keys(m: MatchSpec, range: KeyRange | null, limit: number, offset = 0, order: 'desc' | 'asc' = 'desc'): RawBuilder<{ k: number }> {
    const r = range ? sql` and d.doc_key >= ${range.lo} and d.doc_key < ${range.hi}` : sql``;
    return sql<{ k: number }>`select d.doc_key as k from search_docs d where ${pgCondition(m)}${r} order by d.doc_key ${sql.raw(order === 'asc' ? 'asc' : 'desc')} limit ${limit} offset ${offset}`;
  },

  async newest(db: AnyDb, m: MatchSpec, range: KeyRange | null, limit: number, offset: number): Promise<number[]> {
    if (limit <= 0) return [];
    return (await postgresSearch.keys(m, range, limit, offset).execute(db)).rows.map((r) => Number(r.k));
  },

  /** The canonical title is tested directly (strpos on title_norm): the keys query with `inTitle`. */
  async titled(db: AnyDb, m: MatchSpec, range: KeyRange, limit: number): Promise<number[]> {
    if (limit <= 0) return [];
    return (await postgresSearch.keys({ ...m, inTitle: true }, range, limit).execute(db)).rows.map((r) => Number(r.k));
  },
};
