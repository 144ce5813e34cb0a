/**
 * The catalog inside the portal's pages: an agency's catalog page, the item lists of the
 * sub-columns (statutory items, rules, annual reports), and the home page's latest items and
 * key-area columns.
 */
import type { RequestContext } from '../../../http/context.ts';
import { Layout } from '../../../http/views/Layout.tsx';
import type { Agency, AgencyTree } from '../../agencies/index.ts';
import {
  agencyFeed,
  catalogFeed,
  feedAlternates,
  browseHref,
  type BrowseFilters,
  catalogColumnMeta,
  keyAreaCodes,
  keyAreaLabel,
  kindLabel,
  kinds,
  type Kind,
  type Publication,
  PublicationList,
  topicLabel,
} from '../../catalog/index.ts';
import type { CatalogSource } from '../columns.ts';
import { ColumnFrame, disclosureCrumbs, EmptyState, nameOf } from './parts.tsx';

/** Items of a sub-column, newest first, with where to see more of each source in the catalog. */
export interface SourcedItems {
  items: Publication[];
  /** total per source, in the order of the sources */
  totals: number[];
  sources: CatalogSource[];
}

/** The browse filters of one source for one agency. */
export function sourceFilters(agency: Agency, s: CatalogSource): BrowseFilters {
  return { agency: agency.code, kinds: s.kinds ?? [], topic: s.topic, column: s.column, page: 1 };
}

function sourceLabel(ctx: RequestContext, s: CatalogSource): string {
  const { t } = ctx;
  const parts: string[] = [];
  if (s.kinds?.length) parts.push(s.kinds.map((k) => kindLabel(t, k)).join(t('catalogPortal.listSep')));
  if (s.column) parts.push(t('catalogPortal.sources.column', { name: keyAreaLabel(t, s.column) }));
  if (s.topic) parts.push(t('catalogPortal.sources.topic', { name: topicLabel(t, s.topic) }));
  return parts.join(t('catalogPortal.sources.and'));
}

/**
 * A sub-column's item list: the latest items, the count of each source and links to the catalog for
 * the rest — or the sub-column's own "nothing yet" state, never a blank column.
 */
export function SourcedItemList({
  ctx,
  tree,
  agency,
  data,
  emptyTitle,
  emptyHint,
}: {
  ctx: RequestContext;
  tree: AgencyTree;
  agency: Agency;
  data: SourcedItems;
  emptyTitle: string;
  emptyHint: string;
}) {
  const { t } = ctx;
  if (!data.items.length) {
    return (
      <EmptyState title={emptyTitle}>
        <p>{emptyHint}</p>
      </EmptyState>
    );
  }
  const shown = data.items.length;
  const all = data.totals.reduce((a, b) => a + b, 0);
  return (
    <>
      <PublicationList ctx={ctx} tree={tree} items={data.items} hideAgency={false} />
      {all > shown && (
        <div class="catalog-more">
          <p>{t('catalogPortal.sources.moreLead', { shown })}</p>
          <ul class="inline-links">
            {data.sources.map((s, i) =>
              data.totals[i] > 0 ? (
                <li key={i}>
                  {/* A source with kinds opens exactly this list in the catalog (same count); one without
                      opens the whole key area or topic there, work news included, so no count is promised. */}
                  <a href={browseHref(sourceFilters(agency, s))}>
                    {s.kinds?.length ? t('catalogPortal.sources.more', { label: sourceLabel(ctx, s), n: data.totals[i] }) : t('catalogPortal.sources.open', { label: sourceLabel(ctx, s) })}
                  </a>
                </li>
              ) : null,
            )}
          </ul>
        </div>
      )}
    </>
  );
}

export interface AgencyCatalogProps {
  ctx: RequestContext;
  tree: AgencyTree;
  agency: Agency;
  latest: Publication[];
  total: number;
  kindCounts: { value: string; count: number }[];
}

/** /zwgk/:code/catalog: one agency's catalog — its columns (kinds with counts) and latest items. */
export function AgencyCatalogPage({ ctx, tree, agency, latest, total, kindCounts }: AgencyCatalogProps) {
  const { t } = ctx;
  const name = nameOf(ctx, agency);
  const title = t('catalogPortal.agency.title', { name });
  const hasBelow = tree.children(agency.id).length > 0;
  const counts = new Map(kindCounts.map((c) => [c.value, c.count]));
  const columns = (kinds as readonly Kind[]).filter((k) => counts.has(k));
  const all = browseHref({ agency: agency.code, kinds: [], page: 1 });
  return (
    <Layout ctx={ctx} title={title} alternates={feedAlternates(t, [agencyFeed(ctx, agency), catalogFeed(t)])} column={catalogColumnMeta(agency.name)} crumbs={disclosureCrumbs(ctx, agency, { label: t('catalogPortal.browse.title') })}>
      <ColumnFrame ctx={ctx} agency={agency} current="catalog">
        <h1>{title}</h1>
        <p>{t('catalogPortal.agency.lead', { name, total })}</p>
        <section aria-labelledby="agency-catalog-columns">
          <h2 id="agency-catalog-columns">{t('catalogPortal.agency.columns')}</h2>
          {columns.length ? (
            <ul class="catalog-columns">
              {columns.map((k) => (
                <li key={k}>
                  <a href={browseHref({ agency: agency.code, kinds: [k], page: 1 })}>
                    <span class="catalog-column-name">{kindLabel(t, k)}</span>
                    <span class="catalog-column-count">{t('catalogPortal.facet.items', { n: counts.get(k) ?? 0 })}</span>
                  </a>
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">{t('catalogPortal.agency.noColumns')}</p>
          )}
        </section>
        <section aria-labelledby="agency-catalog-latest">
          <h2 id="agency-catalog-latest">{t('catalogPortal.agency.latest')}</h2>
          {latest.length ? (
            <PublicationList ctx={ctx} tree={tree} items={latest} />
          ) : (
            <EmptyState title={t('catalogPortal.agency.none')}>
              <p>{t('portal.statutory.noneHint')}</p>
            </EmptyState>
          )}
          <p class="more-link">
            <a href={all}>{t(hasBelow ? 'catalogPortal.agency.allWithBelow' : 'catalogPortal.agency.all', { name })}</a>
          </p>
        </section>
      </ColumnFrame>
    </Layout>
  );
}

/** The home page's latest items. */
export function LatestItems({ ctx, tree, items }: { ctx: RequestContext; tree: AgencyTree; items: Publication[] }) {
  const { t } = ctx;
  return (
    <section class="home-section" aria-labelledby="home-latest">
      <h2 id="home-latest">{t('catalogPortal.home.latest')}</h2>
      {items.length ? (
        <PublicationList ctx={ctx} tree={tree} items={items} />
      ) : (
        <EmptyState title={t('catalogPortal.home.noneYet')}>
          <p>{t('portal.statutory.noneHint')}</p>
        </EmptyState>
      )}
      <p class="more-link">
        <a href={browseHref({ kinds: [], page: 1 })}>{t('catalogPortal.home.allItems')}</a>
      </p>
    </section>
  );
}

/** The home page's key-area columns (重点领域信息公开), each a filtered view of the catalog. */
export function KeyAreaColumns({ ctx }: { ctx: RequestContext }) {
  const { t } = ctx;
  return (
    <section class="home-section" aria-labelledby="home-key-areas">
      <h2 id="home-key-areas">{t('catalogPortal.home.keyAreas')}</h2>
      <ul class="agency-tiles key-area-tiles">
        {keyAreaCodes.map((c) => (
          <li key={c}>
            <a href={browseHref({ kinds: [], column: c, page: 1 })}>{keyAreaLabel(t, c)}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
