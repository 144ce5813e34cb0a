import type { FastifyInstance, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { errors } from '../../kernel/errors.ts';
import { sendPage } from '../../http/render.ts';
import { type BuiltPage, createPublicPageCache, newest, type Publication, searchInputSchema } from '../catalog/index.ts';
import type { Services } from '../../services.ts';
import type { Agency, AgencyTree } from '../agencies/index.ts';
import { annualReportSource, type CatalogSource, disclosureRulesSource, statutoryContentKinds, statutoryItem, statutorySources } from './columns.ts';
import { agencyName, homeAgencyOf, publicTree } from './public-tree.ts';
import { AccessibilityHelpPage } from './views/AccessibilityHelpPage.tsx';
import { AgenciesPage, AgencyPage } from './views/AgenciesPage.tsx';
import {
  AgencyApplyPage,
  AgencyColumnPage,
  AnnualReportsPage,
  ApplyPage,
  DisclosureIndexPage,
  GuidePage,
  RulesPage,
  StatutoryItemPage,
  StatutoryPage,
} from './views/DisclosurePages.tsx';
import { AgencyCatalogPage, type SourcedItems } from './views/CatalogParts.tsx';
import { HomePage } from './views/HomePage.tsx';
import { SearchPage } from './views/SearchPage.tsx';

type CodeParams = { code: string };

/** Today's date (YYYY-MM-DD) in Asia/Shanghai. */
function shanghaiToday(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The public portal: home, agencies, the 政府信息公开 column, search and the accessibility help. */
export async function portalRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const tree = async () => publicTree(await services.agencies.tree());
  /** Pages that show catalog items are cached until something they show changes. */
  const pages = createPublicPageCache(services.storage.db);
  /**
   * Search result pages, by address, on the same terms (until an item, an agency or the site changes, and at
   * most 10 minutes: the ranking's recency boost moves with the date), in a cache of their own of 8 MB (~70
   * pages of 100 kB) so that a long tail of queries does not push the home and agency pages out. A query
   * asked again and again (预算, 扶贫) took 15–20 ms a page to search and render at 1M items.
   */
  const searchPages = createPublicPageCache(services.storage.db, { maxChars: 8_000_000 });

  /** The visible agency of `:code` (disabled ones and those below them are not found). */
  async function agencyOf(req: FastifyRequest): Promise<{ tree: AgencyTree; agency: Agency }> {
    const { code } = req.params as CodeParams;
    const t = await tree();
    const agency = t.byCode.get(code);
    if (!agency) throw errors.notFound('agency', code);
    return { tree: t, agency };
  }

  /** An agency's items from the catalog sources of a sub-column, newest first (own and jointly issued). */
  async function sourcedItems(agency: Agency, sources: CatalogSource[], limit = 20): Promise<SourcedItems> {
    const results = await Promise.all(
      sources.map((s) => services.publications.publicList({ agencyIds: [agency.id], kinds: s.kinds ?? statutoryContentKinds, topic: s.topic, column: s.column, limit, offset: 0 })),
    );
    const seen = new Set<string>();
    const items = results
      .flatMap((r) => r.items)
      .sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '') || b.id.localeCompare(a.id))
      .filter((p) => !seen.has(p.id) && !!seen.add(p.id))
      .slice(0, limit);
    return { items, totals: results.map((r) => r.total), sources };
  }
  const lastChange = (items: Publication[], agency?: Agency) => newest(agency?.updatedAt, ...items.map((p) => p.updatedAt));

  app.get('/', async (req, reply) =>
    pages.serve(req, reply, async (): Promise<BuiltPage> => {
      const t = await tree();
      const latest = (await services.publications.publicList({ limit: 10, offset: 0 })).items;
      return { page: h(HomePage, { ctx: req.ctx, tree: t, home: homeAgencyOf(t, req.ctx.site.homeAgency), latest }), lastModified: lastChange(latest) };
    }),
  );

  app.get('/agencies', async (req, reply) => sendPage(reply, h(AgenciesPage, { ctx: req.ctx, tree: await tree() })));

  app.get('/agencies/:code', async (req, reply) => {
    const { tree: t, agency } = await agencyOf(req);
    return sendPage(reply, h(AgencyPage, { ctx: req.ctx, tree: t, agency }));
  });

  app.get('/zwgk', async (req, reply) => {
    const t = await tree();
    return sendPage(reply, h(DisclosureIndexPage, { ctx: req.ctx, tree: t, home: homeAgencyOf(t, req.ctx.site.homeAgency) }));
  });

  app.get('/zwgk/apply', async (req, reply) => sendPage(reply, h(ApplyPage, { ctx: req.ctx, tree: await tree() })));

  app.get('/zwgk/:code', async (req, reply) => {
    const { tree: t, agency } = await agencyOf(req);
    return sendPage(reply, h(AgencyColumnPage, { ctx: req.ctx, tree: t, agency }));
  });

  app.get('/zwgk/:code/guide', async (req, reply) => {
    const { tree: t, agency } = await agencyOf(req);
    return sendPage(reply, h(GuidePage, { ctx: req.ctx, tree: t, agency }));
  });

  app.get('/zwgk/:code/rules', async (req, reply) =>
    pages.serve(req, reply, async (): Promise<BuiltPage> => {
      const { tree: t, agency } = await agencyOf(req);
      const documents = await sourcedItems(agency, [disclosureRulesSource]);
      return { page: h(RulesPage, { ctx: req.ctx, tree: t, agency, documents }), lastModified: lastChange(documents.items, agency) };
    }),
  );

  app.get('/zwgk/:code/catalog', async (req, reply) =>
    pages.serve(req, reply, async (): Promise<BuiltPage> => {
      const { tree: t, agency } = await agencyOf(req);
      const [list, kindCounts] = await Promise.all([
        services.publications.publicList({ agencyIds: [agency.id], limit: 20, offset: 0 }),
        services.publications.publicFacet({ agencyIds: [agency.id] }, 'kind'),
      ]);
      return { page: h(AgencyCatalogPage, { ctx: req.ctx, tree: t, agency, latest: list.items, total: list.total, kindCounts }), lastModified: lastChange(list.items, agency) };
    }),
  );

  app.get('/zwgk/:code/statutory', async (req, reply) => {
    const { agency } = await agencyOf(req);
    return sendPage(reply, h(StatutoryPage, { ctx: req.ctx, agency }));
  });

  app.get('/zwgk/:code/statutory/:item', async (req, reply) =>
    pages.serve(req, reply, async (): Promise<BuiltPage> => {
      const { tree: t, agency } = await agencyOf(req);
      const slug = (req.params as { item: string }).item;
      const item = statutoryItem(agency.kind, slug);
      if (!item) throw errors.notFound('statutoryItem', slug);
      const items = await sourcedItems(agency, statutorySources(item));
      return { page: h(StatutoryItemPage, { ctx: req.ctx, tree: t, agency, item, items }), lastModified: lastChange(items.items, agency) };
    }),
  );

  app.get('/zwgk/:code/annual-reports', async (req, reply) => {
    // The page names the deadline of the year just ended: today's date is part of what it shows.
    const today = shanghaiToday(services.clock.now());
    return pages.serve(
      req,
      reply,
      async (): Promise<BuiltPage> => {
        const { tree: t, agency } = await agencyOf(req);
        const reports = await sourcedItems(agency, [annualReportSource], 100);
        return { page: h(AnnualReportsPage, { ctx: req.ctx, tree: t, agency, today, reports }), lastModified: lastChange(reports.items, agency) };
      },
      today,
    );
  });

  app.get('/zwgk/:code/apply', async (req, reply) => {
    const { agency } = await agencyOf(req);
    return sendPage(reply, h(AgencyApplyPage, { ctx: req.ctx, agency }));
  });

  app.get('/search', async (req, reply) => {
    const params = searchInputSchema.parse(req.query ?? {});
    const q = params.q ?? '';
    if (!q && !params.within.length) return sendPage(reply, h(SearchPage, { ctx: req.ctx, tree: await tree(), params, result: null, agencies: [] }));
    return searchPages.serve(req, reply, async (): Promise<BuiltPage> => {
      const t = await tree();
      const result = await services.search.search(params);
      if (result.exactMatch) return { redirect: `/xxgk/${encodeURIComponent(result.exactMatch.id)}`, status: 303 };
      const words = q.toLowerCase().split(/\s+/).filter(Boolean);
      const agencies = words.length
        ? t
            .flatten()
            .map((x) => x.agency)
            .filter((a) => {
              const hay = `${a.name} ${a.shortName ?? ''} ${a.nameEn ?? ''} ${agencyName(req.ctx.locale, a)}`.toLowerCase();
              return words.every((w) => hay.includes(w));
            })
            .slice(0, 20)
        : [];
      return { page: h(SearchPage, { ctx: req.ctx, tree: t, params, result, agencies }) };
    });
  });

  // Browsers ask for /favicon.ico whatever the page says; answer with the site's icon rather than a 404.
  app.get('/favicon.ico', async (_req, reply) => reply.redirect('/static/img/favicon.svg', 301));

  app.get('/help/accessibility', async (req, reply) => sendPage(reply, h(AccessibilityHelpPage, { ctx: req.ctx })));
}
