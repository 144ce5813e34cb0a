import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.ts';
import { createChangeStampsReader } from '../../storage/change-stamps.ts';
import type { ReadThread } from '../../storage/read-thread.ts';
import type { FacetRow, FacetSource } from './facet-index.ts';
import type { ListedPublication, Publication } from './publication.ts';
import { kinds, type ValidityStatus } from './taxonomy.ts';

type Db = Kysely<Database>;

export interface SitemapEntry {
  id: string;
  updatedAt: string;
}

/** What the public may open: published and proactively disclosed. */
function publicItems(db: Db) {
  return db.selectFrom('publications').where('status', '=', 'published').where('disclosure_mode', '=', 'proactive');
}

const listedColumns = ['id', 'agency_id', 'status', 'disclosure_mode', 'index_no', 'title', 'doc_no', 'published_on', 'kind', 'validity_status', 'updated_at'] as const;
type ListedRow = { id: string; agency_id: string; status: string; disclosure_mode: string; index_no: string | null; title: string; doc_no: string | null; published_on: string | null; kind: string; validity_status: string | null; updated_at: string };
type IssuerRow = { publication_id: string; agency_id: string };

/**
 * `listed`'s two reads as SQLite statements for a read thread (storage/read-thread.ts): the same columns and
 * order as its queries, the ids given as one JSON array (one statement for any number of ids).
 */
export const listedStatements = {
  listedRows: `select ${listedColumns.join(', ')} from publications where id in (select value from json_each(?))`,
  listedIssuers: 'select publication_id, agency_id from publication_issuers where publication_id in (select value from json_each(?)) order by position',
};

/**
 * Reads for the public pages that the publications repository does not cover: cheap change stamps
 * (for caching rendered pages) and the light, chunked listing behind sitemap.xml. With a read thread started
 * with `listedStatements`, `listed` reads there (off the event loop) and on `db` only when the thread fails.
 */
export function createPublicReadRepository(db: Db, opts: { readThread?: ReadThread | null } = {}) {
  const stamps = createChangeStampsReader(db);
  const thread = opts.readThread ?? null;
  const readListedHere = (ids: string[]) =>
    Promise.all([
      db.selectFrom('publications').select(listedColumns).where('id', 'in', ids).execute() as Promise<ListedRow[]>,
      db.selectFrom('publication_issuers').select(['publication_id', 'agency_id']).where('publication_id', 'in', ids).orderBy('position').execute() as Promise<IssuerRow[]>,
    ]);
  const readListed = (ids: string[]): Promise<[ListedRow[], IssuerRow[]]> => {
    if (!thread) return readListedHere(ids);
    const json = JSON.stringify(ids);
    return thread.runAll<[ListedRow[], IssuerRow[]]>([['listedRows', [json]], ['listedIssuers', [json]]]).catch(() => readListedHere(ids));
  };
  const facetSource: FacetSource = {
    // Per kind: the covering index (status, disclosure_mode, kind, published_on, …) gives each end at once.
    async facetYears() {
      let from: string | null = null;
      let to: string | null = null;
      for (const kind of kinds) {
        const r = await publicItems(db)
          .where('kind', '=', kind)
          .where('published_on', 'is not', null)
          .select((eb) => [eb.fn.min('published_on').as('from'), eb.fn.max('published_on').as('to')])
          .executeTakeFirst();
        if (r?.from && (from === null || r.from < from)) from = r.from;
        if (r?.to && (to === null || r.to > to)) to = r.to;
      }
      return from && to ? { from: Number(from.slice(0, 4)), to: Number(to.slice(0, 4)) } : null;
    },
    // Read from that covering index alone, never the rows.
    async facetRows(kind, year) {
      let q = publicItems(db).where('kind', '=', kind);
      q = year === null ? q.where('published_on', 'is', null) : q.where('published_on', '>=', `${year}-01-01`).where('published_on', '<=', `${year}-12-31`);
      const rows = await q.select(['id', 'agency_id', 'topic', 'genre', 'published_on', 'validity_status', 'published_at', 'updated_at']).execute();
      return rows.map((r): FacetRow => ({ id: r.id, agencyId: r.agency_id, kind, topic: r.topic, genre: r.genre, publishedOn: r.published_on, validity: r.validity_status, order: r.published_at ?? r.updated_at }));
    },
    // Every item's: the index takes those of the items it holds. Joined to the public items, each issuer row
    // looked its item up in the table itself (status is not in the id's index): ~2 s at 1M items.
    facetCoIssuers: () => db.selectFrom('publication_issuers').select(['publication_id as publicationId', 'agency_id as agencyId']).execute(),
  };
  return {
    /** What the browse page's facet counts are loaded from (facet-index.ts). */
    facetSource,
    /**
     * The items with these ids, in that order, with what a list shows of them and their status (absent ids are
     * left out). Not the bodies: a row's body lies in overflow pages, and 20 whole rows at random places of a
     * million took 0.4–0.56 ms against 0.15–0.22 ms for these columns (1M items, SQLite).
     */
    async listed(ids: string[]): Promise<(ListedPublication & Pick<Publication, 'status' | 'disclosureMode'>)[]> {
      if (!ids.length) return [];
      const [rows, issuers] = await readListed(ids);
      const co = new Map<string, string[]>();
      for (const i of issuers) co.set(i.publication_id, [...(co.get(i.publication_id) ?? []), i.agency_id]);
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.flatMap((id) => {
        const r = byId.get(id);
        if (!r) return [];
        return [
          {
            id: r.id,
            agencyId: r.agency_id,
            coIssuerIds: co.get(r.id) ?? [],
            status: r.status as Publication['status'],
            disclosureMode: r.disclosure_mode as Publication['disclosureMode'],
            indexNo: r.index_no,
            title: r.title,
            docNo: r.doc_no,
            publishedOn: r.published_on,
            kind: r.kind as Publication['kind'],
            validity: r.validity_status ? { status: r.validity_status as ValidityStatus } : null,
            updatedAt: r.updated_at,
          },
        ];
      });
    },
    /** The catalog, agencies and site settings stamps at once: one statement of three primary-key reads. */
    changeStamps: () => stamps.read(),
    /**
     * Changes whenever anything happens to any item: every change of a publication (created, edited,
     * published, revised, withdrawn, validity changed, imported) writes an event, and writing events adds one
     * to the catalog's change counter in the same transaction (storage/change-stamps.ts), a primary-key read.
     */
    async catalogStamp(): Promise<string> {
      return (await stamps.read()).catalog;
    },
    /**
     * Changes when an agency is added or changed (names, codes, the tree, disabling), by any process: the
     * agencies' change counter (storage/change-stamps.ts), a primary-key read.
     */
    async agenciesStamp(): Promise<string> {
      return String(await stamps.counter('agencies'));
    },

    async sitemapCount(): Promise<number> {
      const r = await publicItems(db)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst();
      return Number(r?.n ?? 0);
    },
    /** The id just before sitemap page `page` (0-based) of `size` items: null for the first page, undefined past the end. */
    async sitemapPageStart(page: number, size: number): Promise<string | null | undefined> {
      if (page === 0) return null;
      const r = await publicItems(db)
        .select('id')
        .orderBy('id')
        .offset(page * size - 1)
        .limit(1)
        .executeTakeFirst();
      return r?.id;
    },
    /** The next chunk of published items after `afterId`, in primary-key order (keyset pagination). */
    async sitemapChunk(afterId: string | null, limit: number): Promise<SitemapEntry[]> {
      let q = publicItems(db).select(['id', 'updated_at']);
      if (afterId) q = q.where('id', '>', afterId);
      const rows = await q.orderBy('id').limit(limit).execute();
      return rows.map((r) => ({ id: r.id, updatedAt: r.updated_at }));
    },
  };
}
export type PublicReadRepository = ReturnType<typeof createPublicReadRepository>;
