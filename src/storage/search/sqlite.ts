/**
 * SQLite: one contentless FTS5 table `search_fts(title, meta, body, f)`, rowid = document key.
 * title/meta/body hold the token streams of kernel/text/terms.ts (FTS5 keeps positions, so a term
 * is a phrase query: exact); f holds the filter tokens. Queries walk the index by rowid, newest first.
 * The tokenizer (migration 0003: unicode61 remove_diacritics 0 tokenchars '_|') keeps our tokens as
 * they are: `_` (filter tokens) and `|` (field separator) are token characters.
 * (No bm25: it counts every document of every phrase to weigh terms, which for a term in half of a
 * million documents costs hundreds of milliseconds — see docs/design/search.md.)
 * A second table `search_title(title)` (migration 0013) holds the title tokens again, same rowid: title
 * matches are walked there (small doclists) instead of through a column filter on search_fts, which
 * reads the position lists of every match (`titled`).
 */
import { sql, type RawBuilder } from 'kysely';
import { fieldsStream, type TermPattern } from '../../kernel/text/index.ts';
import { ALL_TOKEN } from './filters.ts';
import { KEY_SLOTS, type KeyRange } from './keys.ts';
import type { AnyDb, IndexDocument, MatchSpec, SearchBackend } from './types.ts';

function quote(token: string): string {
  return `"${token.replace(/"/g, '""')}"`;
}

function phrase(t: TermPattern, pairs = false): string {
  if (pairs && t.pair) return quote(t.pair);
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
  const ph = (t: TermPattern) => phrase(t, m.pairs);
  if (m.terms.length) parts.push(scoped(m.scope, m.terms.map(ph).join(' AND ')));
  if (m.terms.length && m.inTitle && m.scope !== 'title') parts.push(scoped('title', m.terms.map(ph).join(' AND ')));
  if (m.require.length) parts.push(`f : (${m.require.map((g) => `(${g.map(quote).join(' OR ')})`).join(' AND ')})`);
  if (!parts.length) parts.push(`f : ${quote(ALL_TOKEN)}`);
  const negatives: string[] = [];
  if (m.excluded.length) negatives.push(scoped(m.scope, m.excluded.map(ph).join(' OR ')));
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

/**
 * A key written as a parameter bound as an INTEGER (a BigInt: better-sqlite3 binds it with sqlite3_bind_int64),
 * for the rows an import writes: the statement's text stays the same from one 200-row insert to the next, so it
 * is prepared once (db.ts keeps it) instead of once per insert with the keys written into it.
 */
function intParam(n: number) {
  if (!Number.isSafeInteger(n)) throw new RangeError(`Not a safe integer key: ${n}`);
  return sql`${BigInt(n)}`;
}

function rangeCondition(range: KeyRange | null) {
  if (!range) return sql``;
  return sql` and rowid >= ${intLit(range.lo)} and rowid < ${intLit(Math.min(range.hi, Number.MAX_SAFE_INTEGER))}`;
}

/**
 * Bulk loads (a large import): FTS5 stops merging the index's segments as it writes (automerge 0) and
 * buffers up to 32 MB of pending terms (hashsize, default 1 MB) until `resume` runs, after which the caller
 * merges everything once ('optimize', optimizeIndex). Incremental merging rewrites each entry once per
 * level of the merge tree as the load goes, and a 1 MB buffer cut each transaction of the import into
 * several segments; now a transaction writes about one, and the merge at the end writes each entry once
 * (at 50,000 items the full-text inserts took 6.1 s instead of 8.0 s, and the final merge under 1.1 s
 * instead of 1.5 s). The segment count stays bounded meanwhile (FTS5's crisis merge, at 16 per level). `resume` sets
 * FTS5's defaults back, which nothing else changes: an import stopped by Ctrl-C sets them back (the import's
 * `signal`), but a process killed outright leaves them until the next large import (searches stay right, the
 * crisis merge bounds the segments).
 */
export async function pauseMerging(db: AnyDb): Promise<{ resume(): Promise<void> }> {
  const set = async (automerge: number, hashsize: number) => {
    for (const table of ['search_fts', 'search_title']) {
      await sql`insert into ${sql.table(table)} (${sql.ref(table)}, rank) values ('automerge', ${sql.lit(automerge)})`.execute(db);
      await sql`insert into ${sql.table(table)} (${sql.ref(table)}, rank) values ('hashsize', ${sql.lit(hashsize)})`.execute(db);
    }
  };
  await set(0, 32 * 2 ** 20);
  return { resume: () => set(4, 2 ** 20) };
}

/**
 * Key windows going back from a range's end, the first `firstShare` of the range (at least an hour), each four times
 * wider than the one before, for reading a range in the past newest first with ascending walks. FTS5 finds a row bound from above by reading the doclists back from their
 * end: a newest-first walk of a year long past positions its doclists by reading everything newer (at 1,000,000
 * items, 工作 公开 通知 in 2017: 3 ms for 30 rows, 0.4 ms in 2024, 0.04 ms with no upper bound), while an ascending walk
 * seeks to its lower bound in about 0.03 ms. (Either way an AND of terms reads past its bound when its terms have
 * no row in common beyond it; ascending, that is towards the newest documents instead of the oldest.)
 */
function* windowsBack(range: KeyRange, firstShare: number): Generator<KeyRange> {
  let width = Math.max(3600 * KEY_SLOTS, Math.ceil((range.hi - range.lo) * firstShare));
  for (let top = range.hi; top > range.lo; width *= 4) {
    const lo = Math.max(range.lo, top - width);
    yield { lo, hi: top };
    top = lo;
  }
}

/** The matches of `m` in the range, ascending (at most `limit`, the oldest). */
async function ascending(db: AnyDb, m: MatchSpec, range: KeyRange, limit = Number.MAX_SAFE_INTEGER): Promise<number[]> {
  return (await sqliteSearch.keys(m, range, limit, 0, 'asc').execute(db)).rows.map((r) => Number(r.k));
}

/**
 * The newest `need` matches of `m` in a range that ends before the newest documents, newest first, read ascending
 * in `windowsBack`: the first window is sized to hold about twice `need` when the number of matches in the range is
 * `expected`, else a 64th of the range (at least an hour). A window holding more than 8 × `need` matches (after
 * empty ones, a window can be much wider than needed) is read newest first instead, for what is still missing.
 */
async function newestAscending(db: AnyDb, m: MatchSpec, range: KeyRange, need: number, expected?: number): Promise<number[]> {
  const out: number[] = [];
  const share = expected && expected > 0 ? Math.min(1, (2 * need) / expected) : 1 / 64;
  const cap = 8 * need;
  for (const w of windowsBack(range, share)) {
    const keys = await ascending(db, m, w, cap + 1);
    if (keys.length > cap) {
      for (const r of (await sqliteSearch.keys(m, w, need - out.length).execute(db)).rows) out.push(Number(r.k));
      break;
    }
    for (let i = keys.length - 1; i >= 0; i--) out.push(keys[i]);
    if (out.length >= need) break;
  }
  return out.slice(0, need);
}

/**
 * The keys (in their order) whose titles hold every phrase, one phrase at a time: each phrase's title matches walked
 * over `span` (small doclists, about 1 µs a row: the cheaper way while most keys are still in), or, with no span,
 * looked up by key (about 5 µs a key: the cheaper way for a few keys in a long span).
 */
async function inTitles(db: AnyDb, phrases: string[], keys: number[], span: KeyRange | null): Promise<number[]> {
  let kept = keys;
  for (const p of phrases) {
    if (!kept.length) break;
    const where = span ? rangeCondition(span) : sql` and rowid in (${sql.join(kept.map(intLit))})`;
    const found = new Set((await sql<{ k: number }>`select rowid as k from search_title where search_title match ${p}${where}`.execute(db)).rows.map((r) => Number(r.k)));
    kept = kept.filter((k) => found.has(k));
  }
  return kept;
}

/**
 * `titled`'s last resort, when the title matches of its anchor rarely meet the rest of the search (a filter rarely
 * met among them): the matches of `m` in the range, newest first (read once, in `windowsBack`), each kept when every
 * term is in its title. The titles are looked up by key in search_title, 1,000 keys at a time, one term at a time,
 * the anchor first (a key that fails a term is not looked up again): about 5 µs a key and term. The range is the
 * ranking window's title range, sized to hold about `titleSpan` matches of `m`, so this reads about that many.
 * (Not one FTS5 AND of `m` and a title column filter: when the two have no row in common, as for common terms whose
 * titles never meet a kind, the AND reads its doclists past the range to their end: 28–37 ms at a million items
 * for 工作 公开 通知 with kind `budget` in one year, against about 11 ms here.)
 */
async function titledAmongMatches(db: AnyDb, m: MatchSpec, phrases: string[], range: KeyRange, limit: number): Promise<number[]> {
  const out: number[] = [];
  for (const w of windowsBack(range, 1 / 64)) {
    const keys = (await ascending(db, m, w)).reverse();
    for (let i = 0; i < keys.length; i += 1000) {
      for (const k of await inTitles(db, phrases, keys.slice(i, i + 1000), null)) {
        out.push(k);
        if (out.length === limit) return out;
      }
    }
  }
  return out;
}

export const sqliteSearch: SearchBackend = {
  dialect: 'sqlite',

  /** The entry holds pair tokens (fieldsStream writes them; migration 0015, `indexHoldsPairs`). */
  columns() {
    return { pairs: 1 };
  },

  async write(db: AnyDb, key: number, doc: IndexDocument) {
    const title = fieldsStream([doc.title]);
    await sql`insert into search_fts (rowid, title, meta, body, f) values (${intParam(key)}, ${title}, ${fieldsStream(doc.meta)}, ${fieldsStream([doc.body, doc.attachments])}, ${doc.filterTokens.join(' ')})`.execute(db);
    await sql`insert into search_title (rowid, title) values (${intParam(key)}, ${title})`.execute(db);
  },

  /**
   * In ascending key order: FTS5 writes its buffered terms out as a new segment whenever a rowid is lower than
   * the one before (sqlite3Fts5IndexBeginWrite), so keys in file order (not in time order) cut a batch into
   * hundreds of tiny segments and crisis merges (100,000 items: 152 µs a document against ~60 sorted).
   */
  async writeMany(db: AnyDb, unsorted: { key: number; doc: IndexDocument }[]) {
    const entries = [...unsorted].sort((a, b) => a.key - b.key);
    for (let i = 0; i < entries.length; i += 200) {
      const part = entries.slice(i, i + 200).map(({ key, doc }) => ({ key, doc, title: fieldsStream([doc.title]) }));
      const rows = part.map(({ key, doc, title }) => sql`(${intParam(key)}, ${title}, ${fieldsStream(doc.meta)}, ${fieldsStream([doc.body, doc.attachments])}, ${doc.filterTokens.join(' ')})`);
      await sql`insert into search_fts (rowid, title, meta, body, f) values ${sql.join(rows)}`.execute(db);
      await sql`insert into search_title (rowid, title) values ${sql.join(part.map(({ key, title }) => sql`(${intParam(key)}, ${title})`))}`.execute(db);
    }
  },

  async erase(db: AnyDb, key: number) {
    await sql`delete from search_fts where rowid = ${intLit(key)}`.execute(db);
    await sql`delete from search_title where rowid = ${intLit(key)}`.execute(db);
  },

  keys(m: MatchSpec, range: KeyRange | null, limit: number, offset = 0, order: 'desc' | 'asc' = 'desc'): RawBuilder<{ k: number }> {
    return sql<{ k: number }>`select rowid as k from search_fts where search_fts match ${ftsExpression(m)}${rangeCondition(range)} order by rowid ${sql.raw(order === 'asc' ? 'asc' : 'desc')} limit ${intLit(limit)} offset ${intLit(offset)}`;
  },

  async newest(db: AnyDb, m: MatchSpec, range: KeyRange | null, limit: number, offset: number, opts: { openEnded: boolean; expected?: number }): Promise<number[]> {
    if (limit <= 0) return [];
    if (!range || opts.openEnded) return (await sqliteSearch.keys(m, range, limit, offset).execute(db)).rows.map((r) => Number(r.k));
    return (await newestAscending(db, m, range, offset + limit, opts.expected)).slice(offset);
  },

  /**
   * Newest first, in rounds, from search_title (titles only: small doclists, no column positions read):
   *  1. the next title matches of one term, the *anchor* — the term whose newest title matches reach
   *     furthest back, i.e. the rarest in recent titles (4 × limit, at least 64; 4 times more each round);
   *  2. the matches of `m` over the same key span (search_fts, no column filter: a plain walk, about 1 µs a
   *     match), and the candidates among them;
   *  3. each other term in those candidates' titles (`inTitles`: one term at a time; a single-phrase walk stops
   *     at the span's bound, an FTS5 AND of phrases does not: with no common row it reads its doclists to the
   *     end, 8 ms at 1M items for 预算 决算 公开, whatever the range).
   * A candidate left after 3 is a result. Only when `64 × limit` anchor matches were looked at and too
   * few passed (a filter rarely met among them) is the rest of the range read from the other side: the
   * matches of `m`, their titles looked up by key (`titledAmongMatches`). The result is exactly
   * `keys({ ...m, inTitle: true }, range, limit)`.
   */
  async titled(db: AnyDb, m: MatchSpec, range: KeyRange, limit: number): Promise<number[]> {
    if (limit <= 0 || range.hi <= range.lo) return [];
    if (!m.terms.length) return (await sqliteSearch.keys(m, range, limit).execute(db)).rows.map((r) => Number(r.k));
    const phrases = [...new Set(m.terms.map((t) => phrase(t, m.pairs)))];
    const walk = async (p: string, r: KeyRange, n: number | null) =>
      (await sql<{ k: number }>`select rowid as k from search_title where search_title match ${p}${rangeCondition(r)} order by rowid desc${n === null ? sql`` : sql` limit ${intLit(n)}`}`.execute(db)).rows.map((x) => Number(x.k));
    let batch = Math.max(4 * limit, 64);
    // The anchor: the phrase whose first batch reaches furthest back (fewest rows when none fills the batch).
    let anchor = phrases[0];
    let cands = await walk(anchor, range, batch);
    for (const p of phrases.slice(1)) {
      if (!cands.length) break;
      const other = await walk(p, range, batch);
      const reach = (c: number[]) => (c.length < batch ? -Infinity : c[c.length - 1]);
      if (!other.length || reach(other) < reach(cands) || (reach(other) === -Infinity && reach(cands) === -Infinity && other.length < cands.length)) {
        anchor = p;
        cands = other;
      }
    }
    const others = phrases.filter((p) => p !== anchor);
    const out: number[] = [];
    let hi = range.hi;
    let seen = 0;
    for (;;) {
      if (!cands.length) break;
      const lowest = cands[cands.length - 1];
      const span = { lo: lowest, hi };
      // The matches of m over the span, then each other term in the candidates' titles.
      // (ascending: the order does not matter here, and FTS5 seeks forward to a lower bound faster: see windowsBack)
      const matched = new Set(await ascending(db, m, span));
      const kept = cands.filter((k) => matched.has(k));
      for (const k of await inTitles(db, others, kept, kept.length * 5 <= cands.length ? null : span)) {
        out.push(k);
        if (out.length === limit) return out;
      }
      if (cands.length < batch) break; // every anchor match of the range was looked at
      seen += cands.length;
      hi = lowest;
      if (hi <= range.lo) break;
      if (seen >= 64 * limit) {
        out.push(...(await titledAmongMatches(db, m, [anchor, ...others], { lo: range.lo, hi }, limit - out.length)));
        break;
      }
      batch = Math.min(4 * batch, 4096);
      cands = await walk(anchor, { lo: range.lo, hi }, batch);
    }
    return out;
  },
};
