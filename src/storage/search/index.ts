/**
 * The full-text index behind one interface: SQLite FTS5 | PostgreSQL tsvector + GIN.
 * Design and reasoning: docs/design/search.md.
 *
 *   putDocument(db, doc)     add or replace a document (inside the caller's transaction)
 *   removeDocument(db, id)   take it out
 *   searchBackend(db)        the dialect's half: row columns / index entry, match queries (keys newest first)
 *   optimizeIndex(db)        after bulk writes: merges the index into as few parts as possible (SQLite)
 *   pauseMerging(db)         during a bulk load: no merging as it goes, a larger buffer (SQLite; null on PostgreSQL)
 */
import { sql } from 'kysely';
import type { DialectName } from '../db.ts';
import { chunked } from '../batches.ts';
import { KEY_SLOTS, preferredKey } from './keys.ts';
import { postgresSearch } from './postgres.ts';
import { pauseMerging as pauseSqliteMerging, sqliteSearch } from './sqlite.ts';
import type { AnyDb, IndexDocument, SearchBackend, SearchTables } from './types.ts';

export * from './types.ts';
export * from './keys.ts';
export { filterToken, filterTokensOf, ALL_TOKEN, type FilterFacts } from './filters.ts';
export { intLit } from './sqlite.ts';

/**
 * The dialect of a Kysely instance or transaction, from how it writes parameters ($1 on PostgreSQL,
 * ? on SQLite): public API only, and it runs no statement (a failed probe would abort a PostgreSQL
 * transaction).
 */
export function dialectOf(db: AnyDb): DialectName {
  return sql`select ${1}`.compile(db).sql.includes('$1') ? 'postgres' : 'sqlite';
}

export function searchBackend(db: AnyDb): SearchBackend {
  return dialectOf(db) === 'postgres' ? postgresSearch : sqliteSearch;
}

function docs(db: AnyDb) {
  return db.withTables<SearchTables>();
}

/** A free key in the document's second, starting at its preferred slot (`claimed`: keys taken but not yet written). */
async function allocateKey(db: AnyDb, second: number, publicationId: string, claimed?: Set<number>): Promise<number> {
  const end = (second + 1) * KEY_SLOTS;
  let at = preferredKey(second, publicationId);
  for (let round = 0; round <= KEY_SLOTS / 64 + 1; round++) {
    const hi = Math.min(at + 64, end);
    const taken = new Set(
      (await docs(db).selectFrom('search_docs').select('doc_key').where('doc_key', '>=', at).where('doc_key', '<', hi).execute()).map((r) => Number(r.doc_key)),
    );
    for (let k = at; k < hi; k++) if (!taken.has(k) && !claimed?.has(k)) return k;
    at = hi >= end ? second * KEY_SLOTS : hi; // wrap within the second
  }
  throw new Error(`No free search key in second ${second}`);
}

/** The search_docs row of a document under a key. */
function docRow(backend: SearchBackend, key: number, doc: IndexDocument) {
  return {
    doc_key: key,
    publication_id: doc.publicationId,
    kind: doc.kind,
    agency_id: doc.agencyId,
    issuers: doc.issuers.join(' '),
    topic: doc.topic,
    genre: doc.genre,
    published_on: doc.publishedOn,
    words: doc.words.join(' '),
    ...backend.columns(doc),
  };
}

/** Adds a document to the index or replaces its entry. Run it in the transaction that publishes. */
export async function putDocument(db: AnyDb, doc: IndexDocument): Promise<number> {
  const backend = searchBackend(db);
  const existing = await docs(db).selectFrom('search_docs').select('doc_key').where('publication_id', '=', doc.publicationId).executeTakeFirst();
  let key: number;
  if (existing && Math.floor(Number(existing.doc_key) / KEY_SLOTS) === doc.second) {
    key = Number(existing.doc_key);
    await backend.erase(db, key);
    await docs(db).deleteFrom('search_docs').where('doc_key', '=', key).execute();
  } else {
    if (existing) await removeKey(db, backend, Number(existing.doc_key));
    key = await allocateKey(db, doc.second, doc.publicationId);
  }
  await docs(db).insertInto('search_docs').values(docRow(backend, key, doc)).execute();
  await backend.write(db, key, doc);
  return key;
}

/**
 * putDocument for many documents at once (bulk import), with the same result: documents already indexed
 * go through putDocument one by one; new ones take their preferred key when it is free (one look-up for
 * the batch; probing as allocateKey does otherwise) and are written with multi-row statements.
 */
export async function putDocuments(db: AnyDb, list: IndexDocument[]): Promise<number[]> {
  if (!list.length) return [];
  const backend = searchBackend(db);
  const keys = new Array<number>(list.length);
  const existing = new Set<string>();
  for (const part of chunked(list.map((d) => d.publicationId), 500)) {
    for (const r of await docs(db).selectFrom('search_docs').select('publication_id').where('publication_id', 'in', part).execute()) existing.add(r.publication_id);
  }
  const fresh: number[] = [];
  for (let i = 0; i < list.length; i++) {
    if (existing.has(list[i].publicationId)) keys[i] = await putDocument(db, list[i]);
    else fresh.push(i);
  }
  if (!fresh.length) return keys;
  const preferred = fresh.map((i) => preferredKey(list[i].second, list[i].publicationId));
  const taken = new Set<number>();
  for (const part of chunked(preferred, 500)) {
    for (const r of await docs(db).selectFrom('search_docs').select('doc_key').where('doc_key', 'in', part).execute()) taken.add(Number(r.doc_key));
  }
  const claimed = new Set<number>();
  for (const [j, i] of fresh.entries()) {
    const k = !taken.has(preferred[j]) && !claimed.has(preferred[j]) ? preferred[j] : await allocateKey(db, list[i].second, list[i].publicationId, claimed);
    claimed.add(k);
    keys[i] = k;
  }
  for (const part of chunked(fresh, 200)) {
    await docs(db)
      .insertInto('search_docs')
      .values(part.map((i) => docRow(backend, keys[i], list[i])))
      .execute();
  }
  await backend.writeMany(
    db,
    fresh.map((i) => ({ key: keys[i], doc: list[i] })),
  );
  return keys;
}


async function removeKey(db: AnyDb, backend: SearchBackend, key: number): Promise<void> {
  await backend.erase(db, key);
  await docs(db).deleteFrom('search_docs').where('doc_key', '=', key).execute();
}

/** Takes a publication out of the index (withdrawn); nothing happens when it is not indexed. */
export async function removeDocument(db: AnyDb, publicationId: string): Promise<void> {
  const existing = await docs(db).selectFrom('search_docs').select('doc_key').where('publication_id', '=', publicationId).executeTakeFirst();
  if (existing) await removeKey(db, searchBackend(db), Number(existing.doc_key));
}

/**
 * Merges the SQLite full-text index into one segment per table (FTS5 'optimize'); nothing on PostgreSQL.
 * Every query opens an iterator per segment for each of its tokens, so a bulk load, which leaves a
 * couple of dozen segments (1,000,000 items: 22 in search_fts), makes every search slower: at
 * 200,000 items optimizing took search p50/p95 from 14.1/22.7 ms to 9.7/14.0 ms. It rewrites the
 * index (1,000,000 items: 30 s, 1.7 GB through the WAL), so run it after bulk work (import, rebuild),
 * not per write; FTS5's automerge keeps the segment count bounded in between.
 */
export async function optimizeIndex(db: AnyDb): Promise<void> {
  if (dialectOf(db) === 'postgres') return;
  await sql`insert into search_fts (search_fts) values ('optimize')`.execute(db);
  await sql`insert into search_title (search_title) values ('optimize')`.execute(db);
}

/** See sqlite.ts `pauseMerging`; null on PostgreSQL (nothing to pause). Call `resume` in a `finally`. */
export async function pauseMerging(db: AnyDb): Promise<{ resume(): Promise<void> } | null> {
  return dialectOf(db) === 'sqlite' ? pauseSqliteMerging(db) : null;
}

/**
 * Whether every document's entry holds pair tokens (kernel/text/terms.ts `pairTokens`; migration 0015: no
 * `search_docs` row with `pairs = 0`, answered from a partial index): searches then match a term like 2016年 as one
 * token (`MatchSpec.pairs`). Always false on PostgreSQL, which does not use them.
 */
export async function indexHoldsPairs(db: AnyDb): Promise<boolean> {
  if (dialectOf(db) === 'postgres') return false;
  const row = (await sql<{ missing: number }>`select exists (select 1 from search_docs where pairs = 0) as missing`.execute(db)).rows[0];
  return Number(row?.missing ?? 0) === 0;
}
