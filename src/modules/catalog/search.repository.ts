/**
 * The catalog's full-text index and its queries — the only SQL of catalog search.
 * Design and reasoning: docs/design/search.md. The engine-specific half is src/storage/search.
 *
 * Kept in step by the publishing service, inside its transaction (trx is the transaction or the db):
 *
 *   indexPublication(trx: Kysely<Database>, publication: Publication, attachmentsText?: string | null): Promise<void>
 *       on publish and revise (also import): adds or replaces the item's entry. An item whose status
 *       is not 'published' is taken out instead, so calling it after any change is always right.
 *       attachmentsText: text extracted from the item's attachments, searched like the body.
 *   removeFromIndex(trx: Kysely<Database>, publicationId: string): Promise<void>
 *       on withdrawal; does nothing when the item is not indexed.
 *   indexPublications(trx, publications, attachmentsText?: Map<id, text>)
 *       the same for many items at once (bulk import): one look-up of agencies, multi-row writes.
 *   searchIndexer: { index, indexMany, remove }   the above as publications.service's `SearchIndexer`
 *   rebuildIndex(db, {onProgress, batch, attachmentsText}?)
 *                                      re-indexes every published item (after an upgrade that
 *                                      changes segmentation, or when agencies move in the tree)
 *   optimizeSearchIndex(db)            after bulk writes (import, rebuild): merges the index's parts,
 *                                      which makes every search faster (storage/search optimizeIndex)
 *   pauseSearchIndexMerging(db)        before a large import: merging waits for optimizeSearchIndex
 */
import { sql, type Kysely } from 'kysely';
import { searchWords } from '../../kernel/text/index.ts';
import type { ExactRef } from '../../kernel/text/index.ts';
import type { Database } from '../../storage/schema.ts';
import {
  filterTokensOf,
  indexHoldsPairs,
  intLit,
  KEY_SLOTS,
  optimizeIndex,
  pauseMerging,
  publicationSecond,
  putDocument,
  putDocuments,
  removeDocument,
  searchBackend,
  type IndexDocument,
  type KeyRange,
  type MatchSpec,
  type SearchTables,
} from '../../storage/search/index.ts';
import type { Publication } from './publication.ts';
import { createPublicationsRepository } from './publications.repository.ts';
import { attachmentTexts, attachmentTextOf } from './attachments.repository.ts';

type Db = Kysely<Database>;
type AnyDb = Kysely<any>;

/** The issuing agencies and every agency above them (for "this agency and everything below it"). */
async function withAncestors(trx: AnyDb, agencyIds: string[]): Promise<string[]> {
  if (!agencyIds.length) return [];
  const rows = await sql<{ id: string }>`
    with recursive up (id, parent_id) as (
      select id, parent_id from agencies where id in (${sql.join(agencyIds)})
      union
      select a.id, a.parent_id from agencies a join up on a.id = up.parent_id
    )
    select id from up`.execute(trx);
  return [...new Set([...agencyIds, ...rows.rows.map((r) => r.id)])];
}

export async function indexPublication(trx: Db, publication: Publication, attachmentsText: string | null = null): Promise<void> {
  const p = publication;
  if (p.status !== 'published') return removeFromIndex(trx, p.id);
  const issuers = issuersOf(p);
  await putDocument(trx, documentOf(p, issuers, await withAncestors(trx, issuers), attachmentsText));
}

/**
 * indexPublication for many items at once (bulk import), with the same entries: the agencies above the
 * issuers are read once for the batch, and new entries are written with multi-row statements
 * (storage/search putDocuments). Items that are not published are taken out, one by one.
 */
export async function indexPublications(trx: Db, publications: Publication[], attachmentsText?: Map<string, string>): Promise<void> {
  const published = publications.filter((p) => p.status === 'published');
  for (const p of publications) if (p.status !== 'published') await removeFromIndex(trx, p.id);
  if (!published.length) return;
  const parent = await parentsAbove(trx, [...new Set(published.flatMap(issuersOf))]);
  const docs = published.map((p) => {
    const issuers = issuersOf(p);
    const within = new Set(issuers);
    for (const id of issuers) for (let up = parent.get(id); up && !within.has(up); up = parent.get(up)) within.add(up);
    return documentOf(p, issuers, [...within], attachmentsText?.get(p.id) ?? null);
  });
  await putDocuments(trx, docs);
}

/** Parent of each of these agencies and of every agency above them. */
async function parentsAbove(trx: AnyDb, agencyIds: string[]): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  for (let i = 0; i < agencyIds.length; i += 500) {
    const rows = await sql<{ id: string; parent_id: string | null }>`
      with recursive up (id, parent_id) as (
        select id, parent_id from agencies where id in (${sql.join(agencyIds.slice(i, i + 500))})
        union
        select a.id, a.parent_id from agencies a join up on a.id = up.parent_id
      )
      select id, parent_id from up`.execute(trx);
    for (const r of rows.rows) out.set(r.id, r.parent_id);
  }
  return out;
}

function issuersOf(p: Publication): string[] {
  return [p.agencyId, ...p.coIssuerIds.filter((id) => id !== p.agencyId)];
}

function documentOf(p: Publication, issuers: string[], withinIds: string[], attachmentsText: string | null): IndexDocument {
  const publishedOn = p.publishedOn ?? (p.publishedAt ?? p.createdAt).slice(0, 10);
  return {
    publicationId: p.id,
    second: publicationSecond(publishedOn, p.publishedAt),
    kind: p.kind,
    agencyId: p.agencyId,
    issuers,
    topic: p.topic,
    genre: p.genre,
    publishedOn,
    words: searchWords([p.title, ...p.keywords, p.summary ?? ''].join('\n')),
    title: p.title,
    meta: [p.docNo, p.indexNo, ...p.keywords, p.summary],
    body: p.bodyText,
    attachments: attachmentsText,
    filterTokens: filterTokensOf({
      issuerIds: issuers,
      withinIds,
      kind: p.kind,
      topic: p.topic,
      genre: p.genre,
      validityStatus: p.validity?.status ?? null,
      docNo: p.docNo,
    }),
  };
}

export async function removeFromIndex(trx: Db, publicationId: string): Promise<void> {
  await removeDocument(trx, publicationId);
}

/** For createPublicationsService({ search: searchIndexer }). */
export const searchIndexer = {
  // With the text of the attachments of the version being indexed (publish, revise, validity changes).
  index: async (trx: Db, p: Publication) => indexPublication(trx, p, p.status === 'published' ? await attachmentTextOf(trx, p.id, p.version) : null),
  indexMany: async (trx: Db, ps: Publication[]) => indexPublications(trx, ps, await attachmentTexts(trx, ps.filter((p) => p.status === 'published').map((p) => p.id))),
  remove: (trx: Db, id: string) => removeFromIndex(trx, id),
};

/**
 * Re-indexes every published item, `batch` per transaction, and drops entries of items that are not
 * published; returns the count indexed. `attachmentsText` supplies the extracted attachment text of
 * a batch of publication ids (when attachments exist).
 */
export async function rebuildIndex(
  db: Db,
  opts: { onProgress?: (done: number) => void; batch?: number; attachmentsText?: (ids: string[]) => Promise<Map<string, string>> } = {},
): Promise<number> {
  const repo = createPublicationsRepository(db);
  const batch = opts.batch ?? 500;
  let after = '';
  let done = 0;
  for (;;) {
    const ids = (await db.selectFrom('publications').select('id').where('status', '=', 'published').where('id', '>', after).orderBy('id').limit(batch).execute()).map((r) => r.id);
    if (!ids.length) break;
    const items = await repo.byIds(ids);
    // Without a source given, the stored text of each item's current attachments.
    const attachments = opts.attachmentsText ? await opts.attachmentsText(ids) : await attachmentTexts(db, ids);
    // The batched writer: multi-row statements for items not yet indexed, one by one for the others.
    await db.transaction().execute((trx) => indexPublications(trx, items, attachments));
    done += ids.length;
    after = ids[ids.length - 1];
    opts.onProgress?.(done);
  }
  // entries of items that are no longer public (or no longer exist)
  const stale = await db
    .withTables<SearchTables>()
    .selectFrom('search_docs as d')
    .leftJoin('publications as p', 'p.id', 'd.publication_id')
    .select('d.publication_id')
    .where((eb) => eb.or([eb('p.id', 'is', null), eb('p.status', '!=', 'published')]))
    .execute();
  for (const r of stale) await removeDocument(db, r.publication_id);
  await optimizeSearchIndex(db);
  return done;
}

/** Merges the full-text index after bulk writes (SQLite; nothing on PostgreSQL): see storage/search optimizeIndex. */
export async function optimizeSearchIndex(db: Db): Promise<void> {
  await optimizeIndex(db);
}

/** Before a large import (SQLite; null on PostgreSQL): see storage/search pauseMerging. */
export async function pauseSearchIndexMerging(db: Db): Promise<{ resume(): Promise<void> } | null> {
  return pauseMerging(db);
}

/** What ranking and the results page need of a candidate. */
export interface CandidateRow {
  key: number;
  id: string;
  indexNo: string | null;
  title: string;
  docNo: string | null;
  agencyId: string;
  issuerIds: string[];
  publishedOn: string;
  kind: string;
  genre: string | null;
  topic: string | null;
  validityStatus: string | null;
  interpretsId: string | null;
  keywords: string[];
  summary: string | null;
}

/** What ranking needs of a candidate. */
export interface RankRow {
  key: number;
  title: string;
  docNo: string | null;
  indexNo: string | null;
  keywords: string[];
  summary: string | null;
  /** jieba words of title, keywords and summary. */
  words: string[];
  publishedOn: string;
  /** Occurrences of each needle in the body (term frequency). */
  tf: number[];
}

export interface FacetRow {
  stratum: number;
  key: number;
  kind: string;
  issuers: string;
  topic: string | null;
  genre: string | null;
}

export function createSearchRepository(db: Db) {
  const sdb = db.withTables<SearchTables>();
  const backend = () => searchBackend(db);

  const candidateQuery = () =>
    sdb
      .selectFrom('search_docs as d')
      .innerJoin('publications as p', 'p.id', 'd.publication_id')
      .select([
        'd.doc_key',
        'd.issuers',
        'd.published_on',
        'p.id',
        'p.index_no',
        'p.title',
        'p.doc_no',
        'p.agency_id',
        'p.kind',
        'p.genre',
        'p.topic',
        'p.validity_status',
        'p.interprets_id',
        'p.keywords',
        'p.summary',
      ]);
  type Row = Awaited<ReturnType<ReturnType<typeof candidateQuery>['execute']>>[number];
  const toCandidate = (r: Row): CandidateRow => ({
    key: Number(r.doc_key),
    id: r.id,
    indexNo: r.index_no,
    title: r.title,
    docNo: r.doc_no,
    agencyId: r.agency_id,
    issuerIds: r.issuers ? r.issuers.split(' ') : [r.agency_id],
    publishedOn: r.published_on,
    kind: r.kind,
    genre: r.genre,
    topic: r.topic,
    validityStatus: r.validity_status,
    interpretsId: r.interprets_id,
    keywords: JSON.parse(r.keywords) as string[],
    summary: r.summary,
  });

  return {
    /** The keys of the oldest and newest indexed documents; null when the index is empty. */
    async bounds(): Promise<KeyRange | null> {
      // two scalar subqueries: SQLite answers a lone min() or max() from the index, both together by a scan
      const r = await sql<{ lo: number | null; hi: number | null }>`select (select min(doc_key) from search_docs) as lo, (select max(doc_key) from search_docs) as hi`.execute(db);
      const row = r.rows[0];
      if (!row || row.lo === null || row.hi === null) return null;
      return { lo: Number(row.lo), hi: Number(row.hi) + 1 };
    },

    /** The oldest `limit` matches of each range (one statement), with the facts facets count. */
    async facetRows(m: MatchSpec, ranges: KeyRange[], limit: number): Promise<FacetRow[]> {
      const b = backend();
      const parts = ranges.map((r, i) => sql`select ${sql.lit(i)} as i, k from (${b.keys(m, r, limit, 0, 'asc')}) q${sql.raw(String(i))}`);
      if (!parts.length) return [];
      const rows = await sql<{ i: number; k: number; kind: string; issuers: string; topic: string | null; genre: string | null }>`
        select s.i, s.k, d.kind, d.issuers, d.topic, d.genre from (${sql.join(parts, sql` union all `)}) s join search_docs d on d.doc_key = s.k`.execute(db);
      return rows.rows.map((r) => ({ stratum: Number(r.i), key: Number(r.k), kind: r.kind, issuers: r.issuers, topic: r.topic, genre: r.genre }));
    },

    /**
     * Keys of matches, newest first. `openEnded`: the range reaches the newest indexed document (as `bounds` found
     * it); a range that ends before is read the engine's way for such ranges (on SQLite, ascending in windows:
     * storage/search/sqlite.ts `newestAscending`). `expected`: about how many matches the range holds, when known.
     */
    async keys(m: MatchSpec, range: KeyRange | null, limit: number, offset = 0, how: { openEnded: boolean; expected?: number } = { openEnded: true }): Promise<number[]> {
      if (limit <= 0) return [];
      return backend().newest(db, m, range, limit, offset, how);
    },

    /** Whether searches may match a term like 2016年 as one pair token (storage/search `indexHoldsPairs`). */
    async pairs(): Promise<boolean> {
      return indexHoldsPairs(db);
    },

    /** Keys of the newest matches with every term in the title (the ranking window's title matches), newest first. */
    async titled(m: MatchSpec, range: KeyRange, limit: number): Promise<number[]> {
      return backend().titled(db, m, range, limit);
    },

    /** The candidates with these keys (any order), for display. */
    async candidates(keys: number[]): Promise<CandidateRow[]> {
      if (!keys.length) return [];
      return (await candidateQuery().where(sql<boolean>`d.doc_key in (${sql.join(keys.map(intLit))})`).execute()).map(toCandidate);
    },

    /**
     * What ranking needs of these keys (any order), including how often each needle occurs in the
     * body (computed by the database over these rows only: a bounded cost).
     */
    async rankRows(keys: number[], needles: string[]): Promise<RankRow[]> {
      if (!keys.length) return [];
      let q = sdb
        .selectFrom('search_docs as d')
        .innerJoin('publications as p', 'p.id', 'd.publication_id')
        .select(['d.doc_key', 'd.words', 'd.published_on', 'p.title', 'p.doc_no', 'p.index_no', 'p.keywords', 'p.summary'])
        .where(sql<boolean>`d.doc_key in (${sql.join(keys.map(intLit))})`);
      needles.forEach((n, i) => {
        const body = /[a-z]/.test(n) ? sql<string>`lower(p.body_text)` : sql<string>`p.body_text`;
        q = q.select(sql<number>`(length(${body}) - length(replace(${body}, ${n}, ''))) / ${[...n].length}`.as(`tf${i}`)) as typeof q;
      });
      return (await q.execute()).map((r) => ({
        key: Number(r.doc_key),
        title: r.title,
        docNo: r.doc_no,
        indexNo: r.index_no,
        keywords: JSON.parse(r.keywords) as string[],
        summary: r.summary,
        words: r.words ? r.words.split(' ') : [],
        publishedOn: r.published_on,
        tf: needles.map((_, i) => Number((r as Record<string, unknown>)[`tf${i}`] ?? 0)),
      }));
    },

    /**
     * Indexed documents per day (day number → count) within a key range: the denominators of estimated
     * totals (search-doc-counts.ts). Reads every document of the range (a calendar year: ~55 ms for
     * 100,000 items on SQLite), so callers keep the result.
     */
    async docsPerDay(range: KeyRange): Promise<Map<number, number>> {
      const dayKeys = intLit(86_400 * KEY_SLOTS);
      // Rounded down, also for keys before 1970 (negative: both engines' integer division rounds towards zero).
      const day = sql`(doc_key - ((doc_key % ${dayKeys}) + ${dayKeys}) % ${dayKeys}) / ${dayKeys}`;
      const rows = await sql<{ d: number; n: number }>`select ${day} as d, count(*) as n from search_docs where doc_key >= ${intLit(range.lo)} and doc_key < ${intLit(range.hi)} group by ${day}`.execute(db);
      return new Map(rows.rows.map((r) => [Number(r.d), Number(r.n)]));
    },

    /** Indexed documents in each of these key ranges (one statement; meant for short ranges: it counts rows). */
    async docsIn(ranges: KeyRange[]): Promise<number[]> {
      if (!ranges.length) return [];
      const parts = ranges.map((r, i) => sql`select ${sql.lit(i)} as i, count(*) as n from search_docs where doc_key >= ${intLit(r.lo)} and doc_key < ${intLit(r.hi)}`);
      const rows = await sql<{ i: number; n: number }>`${sql.join(parts, sql` union all `)}`.execute(db);
      const out = ranges.map(() => 0);
      for (const r of rows.rows) out[Number(r.i)] = Number(r.n);
      return out;
    },

    async bodies(ids: string[]): Promise<Map<string, string>> {
      if (!ids.length) return new Map();
      const rows = await db.selectFrom('publications').select(['id', 'body_text']).where('id', 'in', ids).execute();
      return new Map(rows.map((r) => [r.id, r.body_text]));
    },

    /** The one published item a document or index number names; null when none or several. */
    async exact(ref: ExactRef): Promise<CandidateRow | null> {
      const q = candidateQuery().where('p.status', '=', 'published');
      const rows = await (ref.kind === 'docNo' ? q.where('p.doc_no', '=', ref.docNo) : q.where('p.index_no', '=', ref.indexNo)).limit(2).execute();
      return rows.length === 1 ? toCandidate(rows[0]) : null;
    },
  };
}
export type SearchRepository = ReturnType<typeof createSearchRepository>;
