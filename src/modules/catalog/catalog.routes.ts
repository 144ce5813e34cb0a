/**
 * The public catalog on the portal: browse (/xxgk), the page of an item (/xxgk/:id), its earlier
 * versions, its print view, and its address by index number. Public pages carry Cache-Control,
 * ETag and Last-Modified and answer conditional requests with 304; rendered pages are kept in memory
 * until something they show changes (public-pages.ts).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { errors } from '../../kernel/errors.ts';
import { flattened } from '../../http/html.ts';
import { downloadHeaders } from './attachments.ts';
import type { AgencyTree } from '../agencies/index.ts';
import type { Services } from '../../services.ts';
import { type BuiltPage, clientCopyIsFresh, newest, publicCacheControl } from './http-cache.ts';
import { createCatalogCounts } from './catalog-counts.ts';
import { browseFacetIndexes, createFacetIndexHolder, type FacetColumn, FacetIndex, loadFacetIndex } from './facet-index.ts';
import { loadFacetIndexOffThread } from './facet-index-thread.ts';
import { createPublicPageCache } from './public-pages.ts';
import { createPublicReadRepository, listedStatements } from './public-read.repository.ts';
import { startReadThread } from '../../storage/read-thread.ts';
import type { Publication } from './publication.ts';
import { browseHref, type FilterName, maxPage, pageSize, parseBrowseQuery, toQuery, without } from './views/portal/browse-query.ts';
import { type BrowseFacets, browseFacetPanel, BrowsePage } from './views/portal/BrowsePage.tsx';
import { agencyFacetTotals } from './views/portal/agency-facet.ts';
import { publicationHref } from './views/portal/PublicationList.tsx';
import { PublicationPage, PublicationVersionPage, TombstonePage, versionHref } from './views/portal/PublicationPage.tsx';

/** scheme://host of this request, for canonical links. */
export function originOf(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}`;
}

/** What the public may open of a linked item (another item's interpretation or replacement). */
function openToPublic(p: Publication | undefined | null): Publication | null {
  return p && (p.status === 'published' || p.status === 'withdrawn') && p.disclosureMode === 'proactive' ? p : null;
}

/**
 * The facet index thread's heap: it holds one year's items as strings while laying them out (~100 bytes an
 * item). A small young generation keeps the thread's memory down while the main thread serves requests at
 * the same time (1M items, benchmark server: max RSS 519 MB with V8's defaults, 468 MB with these).
 */
const offThreadHeap = { heapMb: 64, youngMb: 4 };

/** The browse filters that are facets over a column, and the column. */
const facetColumns: [FilterName, FacetColumn][] = [
  ['agency', 'agency_id'],
  ['topic', 'topic'],
  ['genre', 'genre'],
  ['kind', 'kind'],
  ['validity', 'validity_status'],
];

export async function catalogRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const pubs = services.publications;
  const pages = createPublicPageCache(services.storage.db);
  const url = services.storage.url;
  // The browse page's rows are read on a thread of their own (SQLite files): 20 rows at random places of a
  // large catalog, off the event loop (docs/design/catalog-reads.md, "Reads on a second core").
  const readThread = startReadThread(url, listedStatements, {
    onFailure: (err) => app.log.warn({ err }, 'the browse read thread failed; browse rows are read on the main connection'),
  });
  const read = createPublicReadRepository(services.storage.db, { readThread });
  const counts = createCatalogCounts();
  // The browse facets' markup of filter sets being paged through, with the same stamps as the counts it shows:
  // up to 100 (~40 kB each).
  const panels = createCatalogCounts({ maxValues: 100 });
  const closing = new AbortController();
  app.addHook('onClose', async () => {
    closing.abort();
    await readThread?.close();
  });
  const facetIndex = createFacetIndexHolder(
    // On a thread of its own, on its own connection (facet-index-thread.ts); here when the database cannot be
    // opened twice (in memory) or the thread failed (e.g. a year too large for its heap). Closing stops it.
    () =>
      url
        ? loadFacetIndexOffThread(url, { ...offThreadHeap, signal: closing.signal }).catch((err) => {
            if (closing.signal.aborted) throw err;
            app.log.warn({ err }, 'loading the browse facet index on a worker thread failed; loading it on the main thread');
            return loadFacetIndex(read.facetSource);
          })
        : loadFacetIndex(read.facetSource),
    () => read.catalogStamp(),
    { onError: (err) => app.log.error({ err }, 'loading the browse facet index failed; counting in the database') },
  );
  browseFacetIndexes.set(services.storage.db, facetIndex);
  /**
   * The agency tree for the public pages, read again only when the agencies' change stamp moves (the stamp
   * the page cache checks; reading and building the tree of 1,000 agencies took longer than the rest of an
   * uncached publication page).
   */
  let kept: { stamp: string; tree: Promise<AgencyTree> } | null = null;
  const agencyTree = async (req: FastifyRequest): Promise<AgencyTree> => {
    // The stamps this request's page is checked against, read once per request (public-pages.ts).
    const seen = pages.stampsOf(req);
    const stamp = seen ? String(seen.agencies) : await read.agenciesStamp();
    if (kept?.stamp !== stamp) {
      const tree = services.agencies.tree();
      kept = { stamp, tree };
      tree.catch(() => {
        if (kept?.tree === tree) kept = null;
      });
    }
    return kept.tree;
  };

  app.get('/xxgk', async (req, reply) =>
    pages.serve(req, reply, async (): Promise<BuiltPage> => {
      const tree = await agencyTree(req);
      const f = parseBrowseQuery(req.query as Record<string, unknown>, tree);
      f.page = Math.min(f.page, maxPage);
      const facetQuery = (leaveOut: Parameters<typeof toQuery>[2]) => toQuery(f, tree, leaveOut);
      // Totals and facets are counted once per filter set and catalog change (catalog-counts.ts), named by the
      // filter set's address without the facet's own filter and kept while neither the catalog nor the agency
      // tree (which agencies a filter covers) changes; the page itself is read every time.
      const stamp = pages.stampsOf(req)?.catalog ?? (await read.catalogStamp());
      const agencies = String(pages.stampsOf(req)?.agencies ?? (await read.agenciesStamp()));
      const counted = <T>(what: string, leaveOut: FilterName | undefined, count: () => Promise<T>) =>
        counts.get(`${stamp}|${agencies}`, `${what}|${browseHref(leaveOut ? without(f, leaveOut) : { ...f, page: 1 })}`, count);
      const q = toQuery(f, tree);
      // The page's ids and the counts from memory when the facet index pictures the catalog at this stamp
      // (facet-index.ts), else from the database.
      const index = FacetIndex.holds(q) ? facetIndex.at(stamp) : null;
      // A facet whose own filter is not set counts the page's own items, like the total: those are counted in
      // one visit of the index (when any of them is not kept yet), the others each over their own items.
      const unset = (name: FilterName) => (name === 'kind' ? !f.kinds.length : f[name] === undefined);
      let ofPage: ReturnType<FacetIndex['counts']> | undefined;
      const pageCounts = (ix: FacetIndex) => (ofPage ??= ix.counts(q, facetColumns.filter(([name]) => unset(name)).map(([, column]) => column), unset('year')));
      const facet = (leaveOut: FilterName, column: FacetColumn) =>
        counted(leaveOut, leaveOut, async () =>
          index ? (unset(leaveOut) ? pageCounts(index).facets.get(column)! : index.facet(facetQuery(leaveOut), column)) : pubs.publicFacet(facetQuery(leaveOut), column),
        );
      const items = (async () => {
        const ids = index?.page(q, (f.page - 1) * pageSize, pageSize);
        const rows = ids ? await read.listed(ids) : [];
        // An item withdrawn since the stamp was read (or one the stamp missed): the database's page instead.
        if (ids && rows.length === ids.length && rows.every((p) => p.status === 'published' && p.disclosureMode === 'proactive')) return rows;
        return pubs.publicPage({ ...q, limit: pageSize, offset: (f.page - 1) * pageSize });
      })();
      const total = counted('total', undefined, async () => (index ? pageCounts(index).total : pubs.publicCount(q)));
      const facets = async (): Promise<BrowseFacets> => {
        const [agency, topic, genre, kind, year, validity] = await Promise.all([
          // Summed up the tree with the joint documents (agency-facet.ts) once per filter set and agency tree: at a
          // million items a year holds thousands of joint documents, and summing them took most of a page's time.
          // Kept as the Map the page reads (never changed after it is made): copying it for every page allocated
          // ~70 kB a page at 1,000 agencies.
          counted('agencyTotals', 'agency', async (): Promise<ReadonlyMap<string, number>> => {
            const fq = facetQuery('agency');
            const [lead, coIssued] = index ? [unset('agency') ? pageCounts(index).facets.get('agency_id')! : index.facet(fq, 'agency_id'), index.coIssuers(fq)] : await Promise.all([pubs.publicFacet(fq, 'agency_id'), pubs.publicCoIssuers(fq)]);
            return agencyFacetTotals(tree, lead, coIssued);
          }),
          facet('topic', 'topic'),
          facet('genre', 'genre'),
          facet('kind', 'kind'),
          counted('year', 'year', async () => (index ? (unset('year') ? pageCounts(index).years! : index.yearFacet(facetQuery('year'))) : pubs.publicYearFacet(facetQuery('year')))),
          facet('validity', 'validity_status'),
        ]);
        return { agency, topic, genre, kind, year, validity };
      };
      // The facets' markup is the same on every page of a filter set: once a reader (or a crawler) goes on to
      // page 2, it is kept for the pages after, with the counts it shows (same stamps). A first page is not
      // kept: most filter sets are only ever seen on their first page.
      const panelOf = async (n: number) => browseFacetPanel(req.ctx, tree, f, n, await facets());
      const [rows, n, panel] = await Promise.all([
        items,
        total,
        total.then((n) => (f.page > 1 ? panels.get(`${stamp}|${agencies}`, `${req.ctx.locale}|${browseHref({ ...f, page: 1 })}`, async () => flattened(await panelOf(n))) : panelOf(n))),
      ]);
      const canonical = originOf(req) + browseHref(f);
      return {
        page: h(BrowsePage, { ctx: req.ctx, tree, filters: f, items: rows, total: n, panel, canonical }),
        lastModified: newest(...rows.map((p) => p.updatedAt)),
      };
    }),
  );

  // Index numbers contain '/', e.g. 11131100DEM0000001/2026-00001: take the rest of the path.
  app.get('/xxgk/by-index/*', async (req, reply) => {
    const indexNo = (req.params as Record<string, string>)['*'] ?? '';
    if (!indexNo) throw errors.notFound('publication', indexNo);
    const p = await pubs.publicGet(indexNo);
    return reply.redirect(publicationHref(p), 301);
  });

  app.get('/xxgk/:id', async (req, reply) =>
    pages.serve(req, reply, async (): Promise<BuiltPage> => {
      const { id } = req.params as { id: string };
      const p = await pubs.publicGet(id);
      if (p.id !== id) return { redirect: publicationHref(p) };
      const tree = await agencyTree(req);
      const canonical = originOf(req) + publicationHref(p);
      const issuers = [p.agencyId, ...p.coIssuerIds].map((a) => tree.byId.get(a)?.updatedAt);
      if (p.status === 'withdrawn') {
        // 200 with the tombstone (links never break); search engines drop it.
        return { page: h(TombstonePage, { ctx: req.ctx, tree, p, canonical }), lastModified: newest(p.updatedAt, ...issuers), headers: { 'x-robots-tag': 'noindex' } };
      }
      const refs = [p.interpretsId, p.validity?.replacedById].filter((x): x is string => !!x);
      const [interpretations, versions, linked, attachments] = await Promise.all([
        pubs.interpretationsOf(p.id),
        pubs.versions(p.id),
        refs.length ? pubs.byIds(refs) : Promise.resolve([]),
        services.attachments.publicList(p),
      ]);
      const shownInterpretations = interpretations.filter((i) => openToPublic(i));
      const interpreted = openToPublic(linked.find((x) => x.id === p.interpretsId));
      const replacement = openToPublic(linked.find((x) => x.id === p.validity?.replacedById));
      const print = (req.query as Record<string, unknown>).print === '1';
      return {
        page: h(PublicationPage, { ctx: req.ctx, tree, p, interpretations: shownInterpretations, interpreted, replacement, versions, canonical, print, attachments }),
        lastModified: newest(p.updatedAt, ...shownInterpretations.map((i) => i.updatedAt), interpreted?.updatedAt, replacement?.updatedAt, ...issuers),
        headers: print ? { 'x-robots-tag': 'noindex' } : {},
      };
    }),
  );

  app.get('/xxgk/:id/versions/:n', async (req, reply) =>
    pages.serve(req, reply, async (): Promise<BuiltPage> => {
      const { id, n } = req.params as { id: string; n: string };
      const p = await pubs.publicGet(id);
      // A withdrawn item's content is no longer public, in any version.
      if (p.status !== 'published' || !/^\d{1,6}$/.test(n)) throw errors.notFound('publicationVersion', `${id}/${n}`);
      if (Number(n) === p.version) return { redirect: publicationHref(p) };
      if (p.id !== id) return { redirect: versionHref(p, Number(n)) };
      const version = (await pubs.versions(p.id)).find((v) => v.version === Number(n));
      if (!version) throw errors.notFound('publicationVersion', `${id}/${n}`);
      const tree = await agencyTree(req);
      const [attachments, current] = await Promise.all([services.attachments.ofVersion(p, version.version), services.attachments.publicList(p)]);
      return {
        page: h(PublicationVersionPage, { ctx: req.ctx, tree, p, version, canonical: originOf(req) + versionHref(p, version.version), attachments, currentAttachmentIds: new Set(current.map((a) => a.id)) }),
        lastModified: newest(p.updatedAt, version.createdAt),
      };
    }),
  );

  /**
   * A file of a published item (the version the public page shows). Drafts' files, files being added in a
   * revision, files only earlier versions had and files of withdrawn items are not found. The name in the
   * address is for people and browsers only; the file is found by its id.
   */
  app.get('/xxgk/:id/attachments/:attachmentId/:filename', async (req, reply) => {
    const { id, attachmentId } = req.params as { id: string; attachmentId: string };
    const p = await pubs.publicGet(id);
    if (p.id !== id) throw errors.notFound('attachment', attachmentId);
    const a = await services.attachments.publicFile(p, attachmentId);
    await services.attachments.assertStored(a);
    // The bytes never change under an id (content-addressed): the hash is a strong validator.
    const etag = `"${a.sha256}"`;
    reply
      .headers(downloadHeaders(a))
      // Like the public pages: a copy may be kept, but is checked each time (a withdrawn item's file must disappear).
      .header('cache-control', publicCacheControl())
      .header('etag', etag)
      .header('last-modified', new Date(a.createdAt).toUTCString());
    if (clientCopyIsFresh(req, etag, a.createdAt)) return reply.code(304).send();
    return reply.header('content-length', String(a.size)).send(services.attachments.open(a));
  });
}
