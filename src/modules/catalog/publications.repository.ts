import { sql, type ExpressionBuilder, type Kysely, type RawBuilder, type Selectable, type SelectQueryBuilder } from 'kysely';
import type { Database, PublicationTable } from '../../storage/schema.ts';
import { chunked } from '../../storage/batches.ts';
import { CountDeltas, writeCounts } from '../../storage/counts.ts';
import { bumpChangeCounter, inTransaction } from '../../storage/change-stamps.ts';
import { preparedRead } from '../../storage/prepared.ts';
import { publicationCells } from './report-counts.ts';
import type { Publication, PublicationEvent, PublicationVersion } from './publication.ts';
import { kinds, type DisclosureMode, type Kind, type KeyArea, type ValidityStatus } from './taxonomy.ts';
import type { Status } from './workflow.ts';

type Db = Kysely<Database>;

function toPublication(r: Selectable<PublicationTable>, coIssuerIds: string[]): Publication {
  return {
    id: r.id,
    agencyId: r.agency_id,
    coIssuerIds,
    status: r.status as Status,
    indexNo: r.index_no,
    title: r.title,
    docNo: r.doc_no,
    writtenOn: r.written_on,
    publishedAt: r.published_at,
    publishedOn: r.published_on,
    topic: r.topic,
    genre: r.genre,
    kind: r.kind as Kind,
    audience: JSON.parse(r.audience),
    keywords: JSON.parse(r.keywords),
    summary: r.summary,
    columns: JSON.parse(r.columns) as KeyArea[],
    disclosureMode: r.disclosure_mode as DisclosureMode,
    nonDisclosureReason: r.non_disclosure_reason,
    bodyHtml: r.body_html,
    bodyText: r.body_text,
    validity: r.validity_status ? { status: r.validity_status as ValidityStatus, from: r.validity_from, until: r.validity_until, replacedById: r.replaced_by_id } : null,
    interpretsId: r.interprets_id,
    version: Number(r.version),
    ref: r.ref,
    timelinessDays: r.timeliness_days === null ? null : Number(r.timeliness_days),
    late: !!r.late,
    withdrawnAt: r.withdrawn_at,
    withdrawnReason: r.withdrawn_reason,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toRow(p: Publication): Selectable<PublicationTable> {
  return {
    id: p.id,
    agency_id: p.agencyId,
    status: p.status,
    index_no: p.indexNo,
    title: p.title,
    doc_no: p.docNo,
    written_on: p.writtenOn,
    published_at: p.publishedAt,
    published_on: p.publishedOn,
    topic: p.topic,
    genre: p.genre,
    kind: p.kind,
    audience: JSON.stringify(p.audience),
    keywords: JSON.stringify(p.keywords),
    summary: p.summary,
    columns: JSON.stringify(p.columns),
    disclosure_mode: p.disclosureMode,
    non_disclosure_reason: p.nonDisclosureReason,
    body_html: p.bodyHtml,
    body_text: p.bodyText,
    validity_status: p.validity?.status ?? null,
    validity_from: p.validity?.from ?? null,
    validity_until: p.validity?.until ?? null,
    replaced_by_id: p.validity?.replacedById ?? null,
    interprets_id: p.interpretsId,
    version: p.version,
    ref: p.ref,
    timeliness_days: p.timelinessDays,
    late: p.late ? 1 : 0,
    withdrawn_at: p.withdrawnAt,
    withdrawn_reason: p.withdrawnReason,
    created_by: p.createdBy,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
  };
}

/** Rows per multi-row INSERT of publications (34 columns: well below both engines' limits on bound parameters). */
const rowsPerStatement = 200;


/** Agency filters of up to this many agencies are counted in two parts (see `parts`), larger ones in one pass. */
const splitAgenciesUpTo = 200;

/**
 * The instant (ISO, UTC) at which a year begins in Asia/Shanghai at UTC+8, moved by `marginHours`: a range
 * widened by an hour at each end holds the year also under the older offsets of the time-zone rules
 * (+9 on 1 January 1943–45, +8:05:43 before 1901); the exact year is the published_on condition.
 */
export function shanghaiMidnightUtc(year: number, marginHours = 0): string {
  return new Date(Date.UTC(year, 0, 1) - 8 * 3600_000 + marginHours * 3600_000).toISOString();
}

export interface PublicationQuery {
  statuses?: Status[];
  agencyIds?: string[]; // issued (alone or jointly) by one of these
  kinds?: Kind[];
  topic?: string; // top level or '一级/二级'
  genre?: string;
  year?: number; // of published_on
  validity?: ValidityStatus;
  column?: KeyArea;
  late?: boolean;
  /** Only what the public may open (主动公开). */
  proactiveOnly?: boolean;
  limit: number;
  offset: number;
}

export function createPublicationsRepository(db: Db) {
  /**
   * The look-ups of every publication page, compiled once (storage/prepared.ts): outside a transaction they cost a
   * few microseconds on SQLite instead of Kysely's building, compiling and executing of each query; in one, they
   * run on it as any query.
   */
  const reads = {
    byId: preparedRead(db, (q, id: string) => q.selectFrom('publications').selectAll().where('id', '=', id)),
    issuersOf: preparedRead(db, (q, id: string) => q.selectFrom('publication_issuers').select(['publication_id', 'agency_id', 'position']).where('publication_id', '=', id).orderBy('position')),
    interpretationsOf: preparedRead(db, (q, id: string) => q.selectFrom('publications').selectAll().where('interprets_id', '=', id).where('status', '=', 'published').orderBy('published_at')),
    versions: preparedRead(db, (q, id: string) => q.selectFrom('publication_versions').selectAll().where('publication_id', '=', id).orderBy('version', 'desc')),
  };
  async function withIssuers(rows: Selectable<PublicationTable>[], trx: Db = db): Promise<Publication[]> {
    if (!rows.length) return [];
    if (rows.length === 1) return [toPublication(rows[0], (await reads.issuersOf(trx, rows[0].id)).map((i) => i.agency_id))];
    const issuers = await trx
      .selectFrom('publication_issuers')
      .select(['publication_id', 'agency_id', 'position'])
      .where(
        'publication_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('position')
      .execute();
    const by = new Map<string, string[]>();
    for (const i of issuers) by.set(i.publication_id, [...(by.get(i.publication_id) ?? []), i.agency_id]);
    return rows.map((r) => toPublication(r, by.get(r.id) ?? []));
  }

  /** Narrows a query over publications (alone or joined to the issuers table) to the non-agency filters of `q`. */
  function withFilters<B extends SelectQueryBuilder<any, any, any>>(b0: B, q: Omit<PublicationQuery, 'limit' | 'offset'>): B {
    let b = b0 as SelectQueryBuilder<Database & { i: Database['publication_issuers'] }, 'publications', object>;
    if (q.statuses?.length) b = b.where('status', 'in', q.statuses);
    if (q.kinds?.length) b = b.where('publications.kind', 'in', q.kinds); // agencies, joined in `parts`, has a kind too
    if (q.topic) b = q.topic.includes('/') ? b.where('topic', '=', q.topic) : b.where((eb) => eb.or([eb('topic', '=', q.topic!), eb('topic', 'like', `${q.topic}/%`)]));
    if (q.genre) b = b.where('genre', '=', q.genre);
    if (q.year) b = b.where('published_on', '>=', `${q.year}-01-01`).where('published_on', '<=', `${q.year}-12-31`);
    if (q.validity) b = b.where('validity_status', '=', q.validity);
    if (q.column) b = b.where('columns', 'like', `%"${q.column}"%`);
    if (q.late !== undefined) b = b.where('late', '=', q.late ? 1 : 0);
    if (q.proactiveOnly) b = b.where('disclosure_mode', '=', 'proactive');
    return b as unknown as B;
  }

  function filtered(q: Omit<PublicationQuery, 'limit' | 'offset'>, trx: Db = db) {
    let b = trx.selectFrom('publications');
    if (q.agencyIds) {
      const ids = q.agencyIds.length ? q.agencyIds : ['-'];
      // qualified: coIssuers joins publication_issuers, which has an agency_id too
      b = b.where((eb) => eb.or([eb('publications.agency_id', 'in', ids), eb('publications.id', 'in', eb.selectFrom('publication_issuers').select('publication_id').where('publication_issuers.agency_id', 'in', ids))]));
    }
    return withFilters(b, q);
  }

  /**
   * The items matching `q` as disjoint parts whose union is `filtered(q)` (for counts and pages over the
   * public catalog). Without an agency filter, one part. With one — items issued by the agencies, alone or
   * jointly — two: those they lead, per agency through the agency-first covering index (migration 0005),
   * and those they co-issue under another lead, found from the small issuers table. Both start from a
   * CROSS JOIN, which SQLite (no statistics) always runs with the left table outside, so the look-ups go
   * where they should: given a bound list of many agency ids it otherwise preferred the ordering index
   * and read every public row; PostgreSQL plans it as an inner join. As one OR condition, neither engine
   * could use an index for it and every public item was read.
   * The second part may hold an item once per matching co-issuer: count it distinctly.
   */
  function parts(q: Omit<PublicationQuery, 'limit' | 'offset'>, trx: Db = db): { b: SelectQueryBuilder<any, 'publications', object>; joint: boolean }[] {
    // Many agencies (a government with its departments) hold much of the catalog: one pass over the
    // covering index, checking each entry against both lists, is cheaper than a look-up per joint document.
    if (!q.agencyIds || q.agencyIds.length > splitAgenciesUpTo) return [{ b: filtered(q, trx), joint: false }];
    const ids = q.agencyIds.length ? q.agencyIds : ['-'];
    const lead = withFilters(trx.selectFrom('agencies as la').crossJoin('publications').whereRef('publications.agency_id', '=', 'la.id').where('la.id', 'in', ids), q);
    const co = withFilters(
      trx
        .selectFrom('publication_issuers as i')
        .crossJoin('publications')
        .whereRef('publications.id', '=', 'i.publication_id')
        .where('i.agency_id', 'in', ids)
        .where('publications.agency_id', 'not in', ids),
      q,
    );
    return [
      { b: lead as never, joint: false },
      { b: co as never, joint: true },
    ];
  }

  /**
   * A count over a year with no kind and no agency, said again as "of any kind": the covering index
   * (status, disclosure_mode, kind, published_on, …) is then entered at the year once per kind and only the
   * year's entries are read, not every public entry (a year's facet at 1M items: 350–575 ms → 40–80 ms).
   * Every stored kind is one of the vocabulary (checked on every way in). Not with agencies: their own
   * index is the way in there; not for pages: the newest-first index serves those (`page`).
   */
  function forCounting<Q extends Omit<PublicationQuery, 'limit' | 'offset'>>(q: Q): Q {
    return q.year && !q.kinds?.length && !q.agencyIds ? { ...q, kinds: [...kinds] } : q;
  }

  /** Counts per value from each part, added up. */
  async function countedBy(q0: Omit<PublicationQuery, 'limit' | 'offset'>, value: RawBuilder<string>, trx: Db): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    const q = forCounting(q0);
    for (const { b, joint } of parts(q, trx)) {
      const rows: { v: string | null; n: number | string | bigint }[] = await b
        .select([value.as('v'), (eb: ExpressionBuilder<any, any>) => (joint ? eb.fn.count('publications.id').distinct() : eb.fn.countAll()).as('n')])
        .where(value, 'is not', null)
        .groupBy(value)
        .execute();
      for (const r of rows) out.set(String(r.v), (out.get(String(r.v)) ?? 0) + Number(r.n));
    }
    return out;
  }

  /** Writes the report counts' change from `before` to `after` (either absent: an item added or removed). */
  async function recount(trx: Db, before: Publication[], after: Publication[]): Promise<void> {
    const counts = new CountDeltas();
    const inForce = new CountDeltas();
    for (const [list, sign] of [[before, -1], [after, 1]] as const) {
      for (const p of list) {
        const c = publicationCells(p);
        counts.addAll(c.counts, sign);
        inForce.addAll(c.inForce, sign);
      }
    }
    await writeCounts(trx, 'publication_counts', counts);
    await writeCounts(trx, 'publication_in_force', inForce);
  }

  /** Replaces an item's co-issuers (only with its counts, through insert and update). */
  async function setIssuers(id: string, coIssuerIds: string[], trx: Db): Promise<void> {
    await trx.deleteFrom('publication_issuers').where('publication_id', '=', id).execute();
    for (const [i, agencyId] of coIssuerIds.entries()) await trx.insertInto('publication_issuers').values({ publication_id: id, agency_id: agencyId, position: i + 1 }).execute();
  }
  /**
   * An item's state before a change, its row locked first (a no-op update): on PostgreSQL a concurrent change of
   * the same item waits until this transaction ends and then reads what it wrote, so the counts' change is
   * subtracted from the state actually replaced (two overlapping withdrawals would otherwise both subtract it).
   */
  async function lockedBefore(id: string, trx: Db): Promise<Publication | undefined> {
    await trx.updateTable('publications').set({ updated_at: sql`updated_at` }).where('id', '=', id).execute();
    return one(id, trx);
  }
  async function one(id: string, trx: Db): Promise<Publication | undefined> {
    const r = (await reads.byId(trx, id))[0];
    return r ? (await withIssuers([r], trx))[0] : undefined;
  }

  return {
    async insert(p: Publication, trx: Db = db): Promise<void> {
      await inTransaction(trx, async (trx) => {
        await trx.insertInto('publications').values(toRow(p)).execute();
        await setIssuers(p.id, p.coIssuerIds, trx);
        await recount(trx, [], [p]);
      });
    },
    /**
     * Inserts many new publications with their co-issuers (bulk import): multi-row INSERTs of `rowsPerStatement`
     * rows, so a batch of a thousand items costs a few statements instead of thousands (each statement is
     * compiled and prepared once per chunk, and on PostgreSQL each is one round trip).
     */
    async insertMany(ps: Publication[], trx: Db): Promise<void> {
      for (const part of chunked(ps, rowsPerStatement)) await trx.insertInto('publications').values(part.map(toRow)).execute();
      const issuers = ps.flatMap((p) => p.coIssuerIds.map((agencyId, i) => ({ publication_id: p.id, agency_id: agencyId, position: i + 1 })));
      for (const part of chunked(issuers, 500)) await trx.insertInto('publication_issuers').values(part).execute();
      await recount(trx, [], ps);
    },
    async update(p: Publication, trx: Db = db): Promise<void> {
      await inTransaction(trx, async (trx) => {
        const before = await lockedBefore(p.id, trx);
        const { id, created_at, ...rest } = toRow(p);
        void created_at;
        await trx.updateTable('publications').set(rest).where('id', '=', id).execute();
        await setIssuers(p.id, p.coIssuerIds, trx);
        await recount(trx, before ? [before] : [], [p]);
      });
    },
    async delete(id: string, trx: Db = db): Promise<void> {
      await inTransaction(trx, async (trx) => {
        const before = await lockedBefore(id, trx);
        await trx.deleteFrom('publications').where('id', '=', id).execute();
        await recount(trx, before ? [before] : [], []);
      });
    },
    byId: (id: string, trx: Db = db): Promise<Publication | undefined> => one(id, trx),
    async byIds(ids: string[], trx: Db = db): Promise<Publication[]> {
      if (!ids.length) return [];
      const rows = await trx.selectFrom('publications').selectAll().where('id', 'in', ids).execute();
      const list = await withIssuers(rows, trx);
      const order = new Map(ids.map((id, i) => [id, i]));
      return list.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    },
    async byIndexNo(indexNo: string, trx: Db = db): Promise<Publication | undefined> {
      const r = await trx.selectFrom('publications').selectAll().where('index_no', '=', indexNo).executeTakeFirst();
      return r ? (await withIssuers([r], trx))[0] : undefined;
    },
    async byRef(agencyId: string, ref: string, trx: Db = db): Promise<Publication | undefined> {
      const r = await trx.selectFrom('publications').selectAll().where('agency_id', '=', agencyId).where('ref', '=', ref).executeTakeFirst();
      return r ? (await withIssuers([r], trx))[0] : undefined;
    },
    async byDocNo(docNo: string, trx: Db = db): Promise<Publication[]> {
      const rows = await trx.selectFrom('publications').selectAll().where('doc_no', '=', docNo).where('status', 'in', ['published', 'withdrawn']).orderBy('published_at', 'desc').execute();
      return withIssuers(rows, trx);
    },

    /** Newest first (published_at, then created_at for drafts). */
    async list(q: PublicationQuery, trx: Db = db): Promise<{ items: Publication[]; total: number }> {
      const [total, items] = [await this.count(q, trx), await this.page(q, trx)];
      return { items, total };
    },
    /** How many items match. */
    async count(q: Omit<PublicationQuery, 'limit' | 'offset'>, trx: Db = db): Promise<number> {
      let total = 0;
      for (const { b, joint } of parts(forCounting(q), trx)) {
        const [{ n }] = await b.select((eb: ExpressionBuilder<any, any>) => (joint ? eb.fn.count('publications.id').distinct() : eb.fn.countAll()).as('n')).execute();
        total += Number(n);
      }
      return total;
    },
    /**
     * One page of the matching items, newest first. The page's ids are found first — from index entries
     * only on the public pages (migration 0005), skipped rows are never read — and then those rows: a
     * sort over whole rows (bodies included) of every match would cost more than the page. With an agency
     * filter the two parts' first offset + limit ids are merged in the same order.
     */
    async page(q: PublicationQuery, trx: Db = db): Promise<Publication[]> {
      const ps = parts(q, trx);
      // The same order (updated_at is never null); but with an agency filter written so that it does not
      // match the ordering index (SQLite would walk the whole catalog in that order to find the agency's
      // items instead of taking them from the agency index and sorting them).
      const order = ps.length === 1 ? sql<string>`coalesce(published_at, updated_at)` : sql<string>`coalesce(publications.published_at, publications.updated_at, '')`;
      const heads = await Promise.all(
        ps.map(({ b, joint }) => {
          let s = b.select(['publications.id as id', order.as('o')]);
          // A year is a range of the order itself: published_on is published_at's date in Shanghai (set
          // together), and an item with a published_on has a published_at, which the order then is. Said
          // again as a range of the order, the newest-first walk starts at the year's end instead of
          // reading every newer item's row to check its date (a past year's first page: 2.6 s at 1M items;
          // with a topic, 1.8 s → 6 ms). Not with kinds: their covering index (kind, published_on) finds
          // the year's items of a kind directly, and sorting them is cheaper than the walk for rare kinds.
          if (q.year && !q.kinds?.length && ps.length === 1) s = s.where(order, '>=', shanghaiMidnightUtc(q.year, -1)).where(order, '<', shanghaiMidnightUtc(q.year + 1, 1));
          if (joint) s = s.distinct();
          s = s.orderBy(order, 'desc').orderBy('publications.id', 'desc');
          return (ps.length === 1 ? s.limit(q.limit).offset(q.offset) : s.limit(q.offset + q.limit)).execute() as Promise<{ id: string; o: string }[]>;
        }),
      );
      if (ps.length === 1) return this.byIds(heads[0].map((r) => r.id), trx);
      const merged = heads.flat().sort((a, b) => (a.o === b.o ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : a.o < b.o ? 1 : -1));
      return this.byIds(merged.slice(q.offset, q.offset + q.limit).map((r) => r.id), trx);
    },

    /** Counts per value of a column over the filtered set (browse facets). */
    async facet(q: Omit<PublicationQuery, 'limit' | 'offset'>, column: 'agency_id' | 'kind' | 'genre' | 'topic' | 'validity_status', trx: Db = db): Promise<{ value: string; count: number }[]> {
      const counts = await countedBy(q, sql<string>`${sql.ref(`publications.${column}`)}`, trx);
      return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count);
    },

    /**
     * The co-issuers of the filtered items, one row per item and co-issuer other than the lead (the agency
     * facet counts jointly issued items under every issuer). Joint documents are a few percent of a catalog:
     * the filtered items are joined to the small issuers table on its primary key (publication_id first), so
     * the filters are applied once, through the catalog's covering index (migration 0005), not per issuer row.
     */
    async coIssuers(q: Omit<PublicationQuery, 'limit' | 'offset'>, trx: Db = db): Promise<{ publicationId: string; leadId: string; coId: string }[]> {
      const rows = await filtered(forCounting(q), trx)
        .innerJoin('publication_issuers as i', 'i.publication_id', 'publications.id')
        .select(['i.publication_id', 'publications.agency_id as lead_id', 'i.agency_id as co_id'])
        .whereRef('i.agency_id', '<>', 'publications.agency_id')
        .execute();
      // The result is kept by the browse counts cache (catalog-counts.ts): at 1,000,000 items an unfiltered
      // list has ~140,000 rows, whose agency ids (a thousand distinct) would otherwise be two new strings a row.
      const agencyIds = new Map<string, string>();
      const one = (id: string) => agencyIds.get(id) ?? (agencyIds.set(id, id), id);
      return rows.map((r) => ({ publicationId: r.publication_id, leadId: one(r.lead_id), coId: one(r.co_id) }));
    },

    async yearFacet(q: Omit<PublicationQuery, 'limit' | 'offset'>, trx: Db = db): Promise<{ value: string; count: number }[]> {
      const counts = await countedBy(q, sql<string>`substr(published_on, 1, 4)`, trx);
      return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.value.localeCompare(a.value));
    },

    /** Published interpretations of a document. */
    async interpretationsOf(id: string, trx: Db = db): Promise<Publication[]> {
      const rows = await reads.interpretationsOf(trx, id);
      return withIssuers(rows, trx);
    },

    /** Published rules and normative documents without a published interpretation. */
    async missingInterpretations(agencyIds: string[] | 'all', trx: Db = db): Promise<Publication[]> {
      let b = trx
        .selectFrom('publications as p')
        .selectAll('p')
        .where('p.status', '=', 'published')
        .where('p.kind', 'in', ['rule', 'normativeDocument'])
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom('publications as i').select('i.id').whereRef('i.interprets_id', '=', 'p.id').where('i.status', '=', 'published'))));
      if (agencyIds !== 'all') b = b.where('p.agency_id', 'in', agencyIds.length ? agencyIds : ['-']);
      const rows = await b.orderBy('p.published_at', 'desc').limit(500).execute();
      return withIssuers(rows as Selectable<PublicationTable>[], trx);
    },

    /** Atomically takes the next serial of an agency's year: never the same twice, also under concurrency. */
    async nextSerial(agencyId: string, year: number, trx: Db = db): Promise<number> {
      const r = await trx
        .insertInto('index_counters')
        .values({ agency_id: agencyId, year, last_serial: 1 })
        .onConflict((oc) => oc.columns(['agency_id', 'year']).doUpdateSet({ last_serial: sql`index_counters.last_serial + 1` }))
        .returning('last_serial')
        .executeTakeFirstOrThrow();
      return Number(r.last_serial);
    },

    /** Takes `count` consecutive serials of each agency's year at once (bulk import): returns the first of each, by `${agencyId} ${year}`. Atomic like nextSerial. */
    async reserveSerials(wanted: { agencyId: string; year: number; count: number }[], trx: Db = db): Promise<Map<string, number>> {
      const out = new Map<string, number>();
      // one lock order for every caller (concurrent imports on PostgreSQL)
      const sorted = [...wanted].sort((a, b) => (a.agencyId < b.agencyId ? -1 : a.agencyId > b.agencyId ? 1 : a.year - b.year));
      for (const part of chunked(sorted, 500)) {
        const rows = await trx
          .insertInto('index_counters')
          .values(part.map((w) => ({ agency_id: w.agencyId, year: w.year, last_serial: w.count })))
          .onConflict((oc) => oc.columns(['agency_id', 'year']).doUpdateSet({ last_serial: sql`index_counters.last_serial + excluded.last_serial` }))
          .returning(['agency_id', 'year', 'last_serial'])
          .execute();
        const count = new Map(part.map((w) => [`${w.agencyId} ${w.year}`, w.count]));
        for (const r of rows) {
          const k = `${r.agency_id} ${Number(r.year)}`;
          out.set(k, Number(r.last_serial) - count.get(k)! + 1);
        }
      }
      return out;
    },

    /** Records events, and moves the catalog's change stamp in the same transaction (storage/change-stamps.ts). */
    async addEvents(es: PublicationEvent[], trx: Db = db): Promise<void> {
      if (!es.length) return;
      await inTransaction(trx, async (t) => {
        for (const part of chunked(es, 500)) {
          await t
            .insertInto('publication_events')
            .values(part.map((e) => ({ id: e.id, publication_id: e.publicationId, at: e.at, actor_id: e.actorId, actor_name: e.actorName, action: e.action, detail: e.detail ? JSON.stringify(e.detail) : null })))
            .execute();
        }
        await bumpChangeCounter(t, 'catalog');
      });
    },
    async addVersions(vs: { publicationId: string; id: string; v: PublicationVersion }[], trx: Db = db): Promise<void> {
      for (const part of chunked(vs, 500)) {
        await trx
          .insertInto('publication_versions')
          .values(part.map(({ publicationId, id, v }) => ({ id, publication_id: publicationId, version: v.version, snapshot: JSON.stringify(v.snapshot), note: v.note, created_at: v.createdAt, created_by: v.createdBy })))
          .execute();
      }
    },
    /** Publications (complete) carrying these refs in these agencies: `agencyIds[i]` with `refs[i]`. */
    async byRefs(agencyIds: string[], refs: string[], trx: Db = db): Promise<Publication[]> {
      const out: Publication[] = [];
      const seen = new Set<string>();
      const pairs: [string, string][] = [];
      agencyIds.forEach((a, i) => {
        const k = `${a}\u0000${refs[i]}`;
        if (!seen.has(k)) seen.add(k), pairs.push([a, refs[i]]);
      });
      for (const part of chunked(pairs, 500)) {
        const rows = await trx.selectFrom('publications').selectAll().where((eb) => eb(eb.refTuple('agency_id', 'ref'), 'in', part.map(([a, r]) => eb.tuple(a, r)))).execute();
        out.push(...(await withIssuers(rows, trx)));
      }
      return out;
    },
    /**
     * What references could name (bulk import): id, agency, index number and ref of each publication whose id or
     * index number is one of the values, or whose ref is the value within the given agency.
     */
    async keysNamed(values: { value: string; agencyId: string }[], trx: Db = db): Promise<{ id: string; agencyId: string; indexNo: string | null; ref: string | null }[]> {
      const out: { id: string; agency_id: string; index_no: string | null; ref: string | null }[] = [];
      const cols = ['id', 'agency_id', 'index_no', 'ref'] as const;
      const plain = [...new Set(values.map((v) => v.value))];
      const pairs = [...new Map(values.map((v) => [`${v.agencyId}\u0000${v.value}`, [v.agencyId, v.value] as const])).values()];
      for (const part of chunked(plain, 500)) {
        out.push(...(await trx.selectFrom('publications').select(cols).where('id', 'in', part).execute()));
        out.push(...(await trx.selectFrom('publications').select(cols).where('index_no', 'in', part).execute()));
      }
      for (const part of chunked(pairs, 500)) {
        out.push(...(await trx.selectFrom('publications').select(cols).where((eb) => eb(eb.refTuple('agency_id', 'ref'), 'in', part.map(([a, r]) => eb.tuple(a, r)))).execute()));
      }
      return out.map((r) => ({ id: r.id, agencyId: r.agency_id, indexNo: r.index_no, ref: r.ref }));
    },

    /** Records an event, and moves the catalog's change stamp in the same transaction (`addEvents`). */
    addEvent(e: PublicationEvent, trx: Db = db): Promise<void> {
      return this.addEvents([e], trx);
    },
    async events(id: string, trx: Db = db): Promise<PublicationEvent[]> {
      const rows = await trx.selectFrom('publication_events').selectAll().where('publication_id', '=', id).orderBy('id').execute();
      return rows.map((r) => ({ id: r.id, publicationId: r.publication_id, at: r.at, actorId: r.actor_id, actorName: r.actor_name, action: r.action, detail: r.detail ? JSON.parse(r.detail) : null }));
    },
    async addVersion(publicationId: string, id: string, v: PublicationVersion, trx: Db = db): Promise<void> {
      await trx
        .insertInto('publication_versions')
        .values({ id, publication_id: publicationId, version: v.version, snapshot: JSON.stringify(v.snapshot), note: v.note, created_at: v.createdAt, created_by: v.createdBy })
        .execute();
    },
    async versions(publicationId: string, trx: Db = db): Promise<PublicationVersion[]> {
      const rows = await reads.versions(trx, publicationId);
      return rows.map((r) => ({ version: Number(r.version), note: r.note, createdAt: r.created_at, createdBy: r.created_by, snapshot: JSON.parse(r.snapshot) }));
    },

    /** Rules and normative documents in force whose end date has passed. */
    async dueToExpire(today: string, trx: Db = db): Promise<Publication[]> {
      const rows = await trx.selectFrom('publications').selectAll().where('status', '=', 'published').where('validity_status', '=', 'inForce').where('validity_until', '<', today).execute();
      return withIssuers(rows, trx);
    },
    /**
     * What the annual report's table 二 (and the legacy report's proactive counts) are made of, for a year:
     * rules and normative documents per issuing agency (a joint document counts for each issuer, and once in
     * `distinct`) — issued (written) in the year, published in the year, repealed or expired in the year, in force
     * on 31 December — and the items published in the year, by agency and kind.
     * Read from the counts kept as items change (report-counts.ts): the year's cells of each agency, and the sums of
     * the in-force changes up to the year. `distinct` counts each document once under its lead agency; a joint
     * document whose lead agency is outside `agencyIds` is read and counted once here.
     */
    async reportCounts(agencyIds: string[], year: number): Promise<CatalogReportCounts> {
      const docKinds = ['rule', 'normativeDocument'] as const;
      type DocKind = (typeof docKinds)[number];
      type Measures = { issued: number; published: number; repealed: number; inForce: number };
      const zero = (): Measures => ({ issued: 0, published: 0, repealed: 0, inForce: 0 });
      const perAgency = new Map<string, CatalogReportCounts['documents'][number]>();
      const distinct = new Map<DocKind, Measures>(docKinds.map((k) => [k, zero()]));
      const published: CatalogReportCounts['published'] = [];
      const add = (agencyId: string, role: string, kind: DocKind, measure: keyof Measures, n: number) => {
        const key = `${agencyId} ${kind}`;
        let row = perAgency.get(key);
        if (!row) perAgency.set(key, (row = { agencyId, kind, ...zero() }));
        row[measure] += n;
        if (role === 'own') distinct.get(kind)![measure] += n;
      };
      const inScope = new Set(agencyIds);
      const outsideLeads: { id: string; agency_id: string; kind: string; written_on: string | null; published_on: string | null; validity_status: string | null; validity_until: string | null }[] = [];
      for (const ids of chunked(agencyIds, 900)) {
        const [cells, inForce, joint] = await Promise.all([
          db.selectFrom('publication_counts').select(['agency_id', 'cell', 'n']).where('agency_id', 'in', ids).where('year', '=', year).execute(),
          db.selectFrom('publication_in_force').select((eb) => ['agency_id', 'cell', eb.fn.sum<number>('n').as('n')])
            .where('agency_id', 'in', ids).where('year', '<=', year).groupBy(['agency_id', 'cell']).execute(),
          // Joint documents of these agencies: those led from outside the scope count once in `distinct`. CROSS JOIN
          // keeps SQLite's join order (co-issuers first, by their agency index); an inner join let it scan every
          // published item first.
          db.selectFrom('publication_issuers as i').crossJoin('publications as p')
            .select(['p.id', 'p.agency_id', 'p.kind', 'p.written_on', 'p.published_on', 'p.validity_status', 'p.validity_until'])
            .whereRef('p.id', '=', 'i.publication_id').where('i.agency_id', 'in', ids).where('p.kind', 'in', docKinds).where('p.status', '=', 'published').execute(),
        ]);
        for (const r of cells) {
          const [what, a, b] = r.cell.split('|') as [string, string, string?];
          if (what === 'published') published.push({ agencyId: r.agency_id, kind: a, n: Number(r.n) });
          else add(r.agency_id, what, a as DocKind, b as keyof Measures, Number(r.n));
        }
        for (const r of inForce) {
          const [role, kind] = r.cell.split('|') as [string, DocKind];
          add(r.agency_id, role, kind, 'inForce', Number(r.n));
        }
        for (const r of joint) if (!inScope.has(r.agency_id)) outsideLeads.push(r);
      }
      const seen = new Set<string>();
      for (const d of outsideLeads) {
        if (seen.has(d.id)) continue;
        seen.add(d.id);
        const validity = d.validity_status ? { status: d.validity_status as ValidityStatus, from: null, until: d.validity_until, replacedById: null } : null;
        const cells = publicationCells({ status: 'published', agencyId: d.agency_id, coIssuerIds: [], kind: d.kind as Kind, writtenOn: d.written_on, publishedOn: d.published_on, validity });
        const m = distinct.get(d.kind as DocKind)!;
        for (const c of cells.counts) if (c.year === year && c.cell.startsWith('own|')) m[c.cell.split('|')[2] as keyof Measures] += c.n;
        for (const c of cells.inForce) if (c.year <= year) m.inForce += c.n;
      }
      return {
        documents: [...perAgency.values()],
        documentsDistinct: [...distinct].filter(([, m]) => m.issued + m.published + m.repealed + m.inForce > 0).map(([kind, m]) => ({ kind, ...m })),
        published,
      };
    },
    /**
     * Marks one due item expired if it still is published and in force (the validity job): true when this call
     * changed it. The conditional UPDATE makes the job safe when several processes run it at the same time —
     * on PostgreSQL the second waits for the first's row lock and then matches nothing.
     */
    async claimExpiry(id: string, today: string, at: string, trx: Db = db): Promise<boolean> {
      return inTransaction(trx, async (trx) => {
        const r = await trx
          .updateTable('publications')
          .set({ validity_status: 'expired', updated_at: at })
          .where('id', '=', id)
          .where('status', '=', 'published')
          .where('validity_status', '=', 'inForce')
          .where('validity_until', '<', today)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) return false;
        // It was published and in force (the conditions above), and is expired now.
        const after = (await one(id, trx))!;
        await recount(trx, [{ ...after, validity: { ...after.validity!, status: 'inForce' } }], [after]);
        return true;
      });
    },
    /**
     * The supervision dashboard's catalog figures per lead agency (oversight): items published in the year (by
     * publication instant, the year in Beijing time) and how many of them were late (Art. 26, `late`), and rules and
     * normative documents still without a published interpretation (the same set as `missingInterpretations`, not
     * limited to the year). Counted in SQL, agency by agency through the agency-first indexes.
     */
    async oversightCounts(agencyIds: string[] | 'all', year: number): Promise<Map<string, { published: number; late: number; missingInterpretation: number }>> {
      const startAt = new Date(`${year}-01-01T00:00:00+08:00`).toISOString();
      const endAt = new Date(`${year + 1}-01-01T00:00:00+08:00`).toISOString();
      const out = new Map<string, { published: number; late: number; missingInterpretation: number }>();
      const entry = (id: string) => {
        let e = out.get(id);
        if (!e) out.set(id, (e = { published: 0, late: 0, missingInterpretation: 0 }));
        return e;
      };
      const run = async (ids: string[] | null) => {
        let published = db
          .selectFrom('publications')
          .select((eb) => ['agency_id', eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('late').as('late')])
          .where('status', '=', 'published')
          .where('published_at', '>=', startAt)
          .where('published_at', '<', endAt);
        let missing = db
          .selectFrom('publications as p')
          .select((eb) => ['p.agency_id', eb.fn.countAll<number>().as('n')])
          .where('p.status', '=', 'published')
          .where('p.kind', 'in', ['rule', 'normativeDocument'])
          .where(({ not, exists, selectFrom }) => not(exists(selectFrom('publications as i').select('i.id').whereRef('i.interprets_id', '=', 'p.id').where('i.status', '=', 'published'))));
        if (ids) {
          published = published.where('agency_id', 'in', ids);
          missing = missing.where('p.agency_id', 'in', ids);
        }
        const [a, b] = await Promise.all([published.groupBy('agency_id').execute(), missing.groupBy('p.agency_id').execute()]);
        for (const r of a) Object.assign(entry(r.agency_id), { published: Number(r.n), late: Number(r.late ?? 0) });
        for (const r of b) entry(r.agency_id).missingInterpretation = Number(r.n);
      };
      if (agencyIds === 'all') await run(null);
      else for (const ids of chunked(agencyIds, 900)) await run(ids);
      return out;
    },
    /**
     * Items published per day (Beijing date) on or after `fromDate`, and how many of them late, for the agencies
     * ('all': every agency): at most one row per day, summed over the agencies in SQL (the dashboard's weekly trend).
     */
    async weeklyPublished(agencyIds: string[] | 'all', fromDate: string): Promise<{ day: string; published: number; late: number }[]> {
      const fromAt = new Date(`${fromDate}T00:00:00+08:00`).toISOString();
      const byDay = new Map<string, { day: string; published: number; late: number }>();
      const run = async (ids: string[] | null) => {
        let q = db
          .selectFrom('publications')
          .select((eb) => ['published_on', eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('late').as('late')])
          .where('status', '=', 'published')
          .where('published_at', '>=', fromAt)
          .where('published_on', 'is not', null);
        if (ids) q = q.where('agency_id', 'in', ids);
        for (const r of await q.groupBy('published_on').execute()) {
          const day = r.published_on!;
          const e = byDay.get(day) ?? { day, published: 0, late: 0 };
          e.published += Number(r.n);
          e.late += Number(r.late ?? 0);
          byDay.set(day, e);
        }
      };
      if (agencyIds === 'all') await run(null);
      else for (const ids of chunked(agencyIds, 900)) await run(ids);
      return [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day));
    },
  };
}
export type PublicationsRepository = ReturnType<typeof createPublicationsRepository>;

/** A year's catalog counts for the annual report (see reportCounts). */
export interface CatalogReportCounts {
  documents: { agencyId: string; kind: 'rule' | 'normativeDocument'; issued: number; published: number; repealed: number; inForce: number }[];
  documentsDistinct: { kind: 'rule' | 'normativeDocument'; issued: number; published: number; repealed: number; inForce: number }[];
  /** Items published in the year, by agency and kind. */
  published: { agencyId: string; kind: string; n: number }[];
}

