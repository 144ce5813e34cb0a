import { sql, type Kysely } from 'kysely';
import type { Database } from '../../storage/schema.ts';
import { dialectOf } from '../../storage/search/index.ts';
import { chunked } from '../../storage/batches.ts';

type Db = Kysely<Database>;

/** A publication as the bulk import needs to know it: what it is called by (index number, ref) and whose it is. */
export interface PublicationKey {
  id: string;
  agencyId: string;
  indexNo: string | null;
  ref: string | null;
}

/** Keeps IN lists well below both engines' limits on bound parameters. */
const chunkSize = 500;

/** The distinct pairs (a[i], b[i]). */
export function distinctPairs(a: string[], b: string[]): [string, string][] {
  const seen = new Set<string>();
  const out: [string, string][] = [];
  a.forEach((x, i) => {
    const k = `${x}\u0000${b[i]}`;
    if (seen.has(k) || b[i] === undefined) return;
    seen.add(k);
    out.push([x, b[i]]);
  });
  return out;
}

const chunks = <T>(list: T[]): T[][] => chunked(list, chunkSize);

/**
 * SQL for bulk import and export (`gongkai import|export publications`): look-ups of whole batches at once
 * (never one query per line), keyset pages for the export, and the two writes the import needs besides
 * importPublished (a forward validity link, index-number counters).
 */
export function createTransferRepository(db: Db) {
  const keyColumns = ['id', 'agency_id', 'index_no', 'ref'] as const;
  const toKey = (r: { id: string; agency_id: string; index_no: string | null; ref: string | null }): PublicationKey => ({ id: r.id, agencyId: r.agency_id, indexNo: r.index_no, ref: r.ref });

  return {
    /** Publications holding any of these index numbers. */
    async byIndexNos(indexNos: string[], trx: Db = db): Promise<PublicationKey[]> {
      const out: PublicationKey[] = [];
      for (const part of chunks([...new Set(indexNos)])) out.push(...(await trx.selectFrom('publications').select(keyColumns).where('index_no', 'in', part).execute()).map(toKey));
      return out;
    },

    /** Publications with one of these ids. */
    async byIds(ids: string[], trx: Db = db): Promise<PublicationKey[]> {
      const out: PublicationKey[] = [];
      for (const part of chunks([...new Set(ids)])) out.push(...(await trx.selectFrom('publications').select(keyColumns).where('id', 'in', part).execute()).map(toKey));
      return out;
    },

    /**
     * Publications carrying these refs in these agencies: `agencyIds[i]` with `refs[i]` (pairs, so that the
     * unique (agency_id, ref) index answers each; an IN list per column would pair every agency with every ref).
     */
    async byRefs(agencyIds: string[], refs: string[], trx: Db = db): Promise<PublicationKey[]> {
      const out: PublicationKey[] = [];
      for (const part of chunks(distinctPairs(agencyIds, refs))) {
        out.push(...(await trx.selectFrom('publications').select(keyColumns).where((eb) => eb(eb.refTuple('agency_id', 'ref'), 'in', part.map(([a, r]) => eb.tuple(a, r)))).execute()).map(toKey));
      }
      return out;
    },

    /** Points an already imported document at the document that replaced it (defined later in the same file). */
    async setReplacedBy(trx: Db, id: string, replacedById: string): Promise<void> {
      await trx.updateTable('publications').set({ replaced_by_id: replacedById }).where('id', '=', id).execute();
    },

    /**
     * Makes sure the agency's counter for `year` is at least `serial`, so that an index number kept from an
     * import is never handed out again when the agency next publishes.
     */
    async raiseCounter(trx: Db, agencyId: string, year: number, serial: number): Promise<void> {
      await trx
        .insertInto('index_counters')
        .values({ agency_id: agencyId, year, last_serial: serial })
        .onConflict((oc) =>
          oc.columns(['agency_id', 'year']).doUpdateSet({
            last_serial: sql`case when index_counters.last_serial < excluded.last_serial then excluded.last_serial else index_counters.last_serial end`,
          }),
        )
        .execute();
    },

    /**
     * Runs a bulk import with a larger SQLite page cache (64 MB instead of the default 2 MB): past a few ten
     * thousand items the indexes of publications, search_docs and the FTS5 segments outgrow the default, and
     * every batch reads its pages back from the operating system. The connection's previous size is restored
     * afterwards. PostgreSQL: nothing to do (shared_buffers is the server's).
     * (The WAL's checkpoint interval is left alone: raised for the import's connection only, the checkpoints of
     * the import's writes fell to whichever other connection committed next — a web server's, stalling it.)
     */
    async withImportCache<T>(fn: () => Promise<T>): Promise<T> {
      if (dialectOf(db) !== 'sqlite') return fn();
      const before = (await sql<{ cache_size: number }>`pragma cache_size`.execute(db)).rows[0]?.cache_size ?? -2000;
      await sql`pragma cache_size = -65536`.execute(db);
      try {
        return await fn();
      } finally {
        await sql`pragma cache_size = ${sql.lit(Number(before))}`.execute(db);
      }
    },

    /** raiseCounter for many agencies and years at once (distinct pairs): multi-row statements, in one lock order. */
    async raiseCounters(trx: Db, list: { agencyId: string; year: number; serial: number }[]): Promise<void> {
      const sorted = [...list].sort((a, b) => (a.agencyId < b.agencyId ? -1 : a.agencyId > b.agencyId ? 1 : a.year - b.year));
      for (const part of chunks(sorted)) {
        await trx
          .insertInto('index_counters')
          .values(part.map((c) => ({ agency_id: c.agencyId, year: c.year, last_serial: c.serial })))
          .onConflict((oc) =>
            oc.columns(['agency_id', 'year']).doUpdateSet({
              last_serial: sql`case when index_counters.last_serial < excluded.last_serial then excluded.last_serial else index_counters.last_serial end`,
            }),
          )
          .execute();
      }
    },

    /**
     * One page of published items in publication order (keyset: after the given published_at and id, never
     * OFFSET), either only interpretations or everything else.
     */
    async exportPage(q: { agencyId?: string; interpretations: boolean; after: { publishedAt: string; id: string } | null; limit: number }, trx: Db = db): Promise<{ id: string; publishedAt: string }[]> {
      let b = trx.selectFrom('publications').select(['id', 'published_at']).where('status', '=', 'published').where('published_at', 'is not', null);
      b = q.interpretations ? b.where('kind', '=', 'interpretation') : b.where('kind', '<>', 'interpretation');
      if (q.agencyId) b = b.where('agency_id', '=', q.agencyId);
      const after = q.after;
      if (after) b = b.where((eb) => eb.or([eb('published_at', '>', after.publishedAt), eb.and([eb('published_at', '=', after.publishedAt), eb('id', '>', after.id)])]));
      const rows = await b.orderBy('published_at').orderBy('id').limit(q.limit).execute();
      return rows.map((r) => ({ id: r.id, publishedAt: r.published_at! }));
    },

    /** How many items an export will write. */
    async exportCount(q: { agencyId?: string }, trx: Db = db): Promise<number> {
      let b = trx.selectFrom('publications').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'published').where('published_at', 'is not', null);
      if (q.agencyId) b = b.where('agency_id', '=', q.agencyId);
      const r = await b.executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}
export type TransferRepository = ReturnType<typeof createTransferRepository>;
