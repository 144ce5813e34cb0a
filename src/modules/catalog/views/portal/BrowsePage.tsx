/**
 * /xxgk: the disclosure catalog (政府信息公开目录) — the issuing-agency tree on one side, facets with
 * counts (topic, genre, kind, year, validity, key area), newest first, 20 per page; every filter is in
 * the query string (shareable) and removable.
 */
import type { ComponentChildren } from 'preact';
import type { RequestContext } from '../../../../http/context.ts';
import { translator } from '../../../../http/i18n/index.ts';
import { Layout, type ColumnMeta } from '../../../../http/views/Layout.tsx';
import type { Agency, AgencyTree } from '../../../agencies/index.ts';
import type { ListedPublication } from '../../publication.ts';
import { genres, keyAreaCodes, type KeyArea, kinds, type Kind, topicTree, validityStatuses, type ValidityStatus } from '../../taxonomy.ts';
import { type BrowseFilters, browseHref, type FilterName, hasFilters, maxPage, pageSize, withFilter, without } from './browse-query.ts';
import { agencyLabel, genreLabel, keyAreaLabel, kindLabel, topicLabel, topicTopLabel, validityLabel } from './labels.ts';
import { PublicationList } from './PublicationList.tsx';
import { browseFeeds, feedAlternates, FeedLinks } from './FeedLinks.tsx';

export interface FacetCount {
  value: string;
  count: number;
}
export interface BrowseFacets {
  /** Items per agency id, everything below it and joint documents included (agency-facet.ts `agencyFacetTotals`). */
  agency: Map<string, number>;
  topic: FacetCount[]; // by stored topic
  genre: FacetCount[];
  kind: FacetCount[];
  year: FacetCount[];
  validity: FacetCount[];
}

export interface BrowsePageProps {
  ctx: RequestContext;
  tree: AgencyTree;
  filters: BrowseFilters;
  items: ListedPublication[];
  total: number;
  facets: BrowseFacets;
  canonical: string;
}

/** Column meta tags (国办发〔2017〕47号): identifiers for the national checks, always in Chinese. */
const zh = translator('zh-CN');
export function catalogColumnMeta(agency?: string): ColumnMeta {
  const name = zh('catalogPortal.browse.title');
  return {
    name,
    description: agency ? zh('catalogPortal.meta.columnDescriptionAgency', { agency }) : zh('catalogPortal.meta.columnDescription'),
    keywords: [name, agency, zh('catalogPortal.meta.columnKeywords')].filter(Boolean).join(','),
    type: zh('catalogPortal.meta.columnType'),
  };
}

function Count({ ctx, n }: { ctx: RequestContext; n: number }) {
  return <span class="facet-count">{ctx.t('catalogPortal.facet.count', { n })}</span>;
}

/** One facet value: a link that sets the filter, or (when it is set) removes it. */
function FacetLink({ ctx, href, selected, label, count }: { ctx: RequestContext; href: string; selected: boolean; label: string; count?: number }) {
  return (
    <a href={href} aria-current={selected ? 'true' : undefined} class={selected ? 'facet-selected' : undefined}>
      <span class="facet-label">{label}</span>
      {count !== undefined && <Count ctx={ctx} n={count} />}
      {selected && <span class="facet-remove">{ctx.t('catalogPortal.facet.remove')}</span>}
    </a>
  );
}

function FacetGroup({ id, title, open, children }: { id: string; title: string; open: boolean; children: ComponentChildren }) {
  return (
    <details class="facet" id={`facet-${id}`} open={open}>
      <summary>{title}</summary>
      {children}
    </details>
  );
}

/** A flat facet in vocabulary order: values with their counts (values without items are left out). */
function FlatFacet<V extends string>({
  ctx,
  f,
  name,
  order,
  counts,
  label,
  isSelected,
}: {
  ctx: RequestContext;
  f: BrowseFilters;
  name: FilterName;
  order: readonly V[];
  counts: FacetCount[];
  label: (v: V) => string;
  isSelected: (v: V) => boolean;
}) {
  const by = new Map(counts.map((c) => [c.value, c.count]));
  const values = order.filter((v) => by.has(v) || isSelected(v));
  if (!values.length) return <p class="muted facet-empty">{ctx.t('catalogPortal.facet.none')}</p>;
  return (
    <ul class="facet-list">
      {values.map((v) => (
        <li key={v}>
          <FacetLink
            ctx={ctx}
            href={browseHref(isSelected(v) ? without(f, name, name === 'kind' ? (v as unknown as Kind) : undefined) : withFilter(f, name, v))}
            selected={isSelected(v)}
            label={label(v)}
            count={by.get(v) ?? 0}
          />
        </li>
      ))}
    </ul>
  );
}

/**
 * The issuing-agency tree: counts include everything below; the path to the chosen agency is opened. The
 * first level and the chosen agency's own children are shown in full; a deeper level the chosen agency is
 * inside of shows its path alone, the others one click away (a county's ~90 agencies would otherwise be
 * listed on each of their pages: half of the page).
 */
function AgencyFacet({ ctx, tree, f, total }: { ctx: RequestContext; tree: AgencyTree; f: BrowseFilters; total: Map<string, number> }) {
  const selected = f.agency ? tree.byCode.get(f.agency) : undefined;
  const onPath = new Set(selected ? tree.path(selected.id).map((a) => a.id) : []);
  const level = (nodes: Agency[], depth: number, parent?: Agency): ComponentChildren => {
    let shown = nodes.filter((a) => (total.get(a.id) ?? 0) > 0 || onPath.has(a.id));
    let more = 0;
    if (depth >= 2 && parent && parent.id !== selected?.id) {
      more = shown.filter((a) => !onPath.has(a.id)).length;
      shown = shown.filter((a) => onPath.has(a.id));
    }
    if (!shown.length) return null;
    return (
      <ul class={depth ? 'facet-list facet-tree nested' : 'facet-list facet-tree'}>
        {shown.map((a) => {
          const isSel = selected?.id === a.id;
          return (
            <li key={a.id}>
              <FacetLink
                ctx={ctx}
                href={browseHref(isSel ? without(f, 'agency') : withFilter(f, 'agency', a.code))}
                selected={isSel}
                label={agencyLabel(ctx.locale, a)}
                count={total.get(a.id) ?? 0}
              />
              {(depth === 0 || onPath.has(a.id)) && level(tree.children(a.id), depth + 1, a)}
            </li>
          );
        })}
        {more > 0 && parent && (
          <li class="facet-more">
            <a href={browseHref(withFilter(f, 'agency', parent.code))}>
              <span class="facet-label">{ctx.t('catalogPortal.facet.agencyMore', { agency: agencyLabel(ctx.locale, parent), n: more })}</span>
            </a>
          </li>
        )}
      </ul>
    );
  };
  return <>{level(tree.roots(), 0) ?? <p class="muted facet-empty">{ctx.t('catalogPortal.facet.none')}</p>}</>;
}

/** Top-level topics; under the chosen top level, its second levels. */
function TopicFacet({ ctx, f, counts }: { ctx: RequestContext; f: BrowseFilters; counts: FacetCount[] }) {
  const { t } = ctx;
  const tops = new Map<string, number>();
  for (const c of counts) {
    const top = c.value.split('/')[0];
    tops.set(top, (tops.get(top) ?? 0) + c.count);
  }
  const chosenTop = f.topic?.split('/')[0];
  const shown = topicTree.filter(([top]) => tops.has(top) || top === chosenTop);
  if (!shown.length) return <p class="muted facet-empty">{t('catalogPortal.facet.none')}</p>;
  const by = new Map(counts.map((c) => [c.value, c.count]));
  return (
    <ul class="facet-list">
      {shown.map(([top, subs]) => {
        const isSel = f.topic === top;
        return (
          <li key={top}>
            <FacetLink ctx={ctx} href={browseHref(isSel ? without(f, 'topic') : withFilter(f, 'topic', top))} selected={isSel} label={topicTopLabel(t, top)} count={tops.get(top) ?? 0} />
            {chosenTop === top && subs.length > 0 && (
              <ul class="facet-list nested">
                {subs
                  .map((s) => `${top}/${s}`)
                  .filter((v) => by.has(v) || f.topic === v)
                  .map((v) => (
                    <li key={v}>
                      <FacetLink
                        ctx={ctx}
                        href={browseHref(f.topic === v ? withFilter(f, 'topic', top) : withFilter(f, 'topic', v))}
                        selected={f.topic === v}
                        label={v.split('/')[1]}
                        count={by.get(v) ?? 0}
                      />
                    </li>
                  ))}
              </ul>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** The filters in force, each removable, and "clear all". */
function ChosenFilters({ ctx, tree, f }: { ctx: RequestContext; tree: AgencyTree; f: BrowseFilters }) {
  const { t } = ctx;
  if (!hasFilters(f)) return null;
  const chips: { key: string; label: string; href: string }[] = [];
  const add = (key: string, name: string, value: string, next: BrowseFilters) => chips.push({ key, label: `${name}${t('catalogPortal.colon')}${value}`, href: browseHref(next) });
  if (f.agency) {
    const a = tree.byCode.get(f.agency);
    if (a) add('agency', t('catalogPortal.facet.agency'), agencyLabel(ctx.locale, a), without(f, 'agency'));
  }
  if (f.topic) add('topic', t('catalogPortal.facet.topic'), topicLabel(t, f.topic), without(f, 'topic'));
  if (f.genre) add('genre', t('catalogPortal.facet.genre'), genreLabel(t, f.genre), without(f, 'genre'));
  for (const k of f.kinds) add(`kind-${k}`, t('catalogPortal.facet.kind'), kindLabel(t, k), without(f, 'kind', k));
  if (f.year) add('year', t('catalogPortal.facet.year'), String(f.year), without(f, 'year'));
  if (f.validity) add('validity', t('catalogPortal.facet.validity'), validityLabel(t, f.validity), without(f, 'validity'));
  if (f.column) add('column', t('catalogPortal.facet.column'), keyAreaLabel(t, f.column), without(f, 'column'));
  return (
    <section class="chosen-filters" aria-labelledby="chosen-filters-heading">
      <h2 id="chosen-filters-heading" class="chosen-filters-heading">
        {t('catalogPortal.browse.chosen')}
      </h2>
      <ul>
        {chips.map((c) => (
          <li key={c.key}>
            <a href={c.href} class="filter-chip">
              <span class="visually-hidden">{t('catalogPortal.browse.removeFilter')}</span>
              {c.label}
              <span class="filter-chip-x" aria-hidden="true">
                ×
              </span>
            </a>
          </li>
        ))}
        <li>
          <a href={browseHref({ kinds: [], page: 1 })} class="filter-clear">
            {t('catalogPortal.browse.clearAll')}
          </a>
        </li>
      </ul>
    </section>
  );
}

function Pagination({ ctx, f, total }: { ctx: RequestContext; f: BrowseFilters; total: number }) {
  const { t } = ctx;
  const pages = Math.min(Math.max(1, Math.ceil(total / pageSize)), maxPage);
  if (pages <= 1) return null;
  const go = (n: number) => browseHref({ ...f, page: n });
  const from = Math.max(1, f.page - 2);
  const to = Math.min(pages, f.page + 2);
  const nums: number[] = [];
  if (from > 1) nums.push(1);
  for (let n = from; n <= to; n++) nums.push(n);
  if (to < pages) nums.push(pages);
  return (
    <nav class="pagination" aria-label={t('catalogPortal.pagination.label')}>
      <ul>
        {f.page > 1 && (
          <li>
            <a href={go(f.page - 1)} rel="prev">
              {t('catalogPortal.pagination.prev')}
            </a>
          </li>
        )}
        {nums.map((n, i) => (
          <li key={n}>
            {i > 0 && n - nums[i - 1] > 1 && (
              <span class="pagination-gap" aria-hidden="true">
                …{' '}
              </span>
            )}
            {n === f.page ? (
              <span aria-current="page" class="pagination-current">
                <span class="visually-hidden">{t('catalogPortal.pagination.page')}</span>
                {n}
              </span>
            ) : (
              <a href={go(n)}>
                <span class="visually-hidden">{t('catalogPortal.pagination.page')}</span>
                {n}
              </a>
            )}
          </li>
        ))}
        {f.page < pages && (
          <li>
            <a href={go(f.page + 1)} rel="next">
              {t('catalogPortal.pagination.next')}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}

export function BrowsePage({ ctx, tree, filters: f, items, total, facets, canonical }: BrowsePageProps) {
  const { t } = ctx;
  const heading = f.column ? t('catalogPortal.browse.columnTitle', { name: keyAreaLabel(t, f.column) }) : t('catalogPortal.browse.title');
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const title = f.page > 1 ? t('catalogPortal.browse.titlePage', { title: heading, page: f.page }) : heading;
  const chosenAgency = f.agency ? tree.byCode.get(f.agency) : undefined;
  const feeds = browseFeeds(ctx, tree, f);
  return (
    <Layout
      ctx={ctx}
      title={title}
      canonical={canonical}
      alternates={feedAlternates(t, feeds)}
      column={catalogColumnMeta(chosenAgency?.name)}
      crumbs={[
        { href: '/', label: t('nav.home') },
        { href: '/zwgk', label: t('nav.disclosure') },
        ...(f.column ? [{ href: browseHref({ kinds: [], page: 1 }), label: t('catalogPortal.browse.title') }] : []),
        { label: heading },
      ]}
    >
      <h1>{heading}</h1>
      <p class="lead">{t('catalogPortal.browse.lead')}</p>
      <ChosenFilters ctx={ctx} tree={tree} f={f} />
      <div class="browse">
        <aside class="facets" aria-labelledby="facets-heading">
          <h2 id="facets-heading">{t('catalogPortal.facet.heading')}</h2>
          <p class="facets-skip">
            <a href="#browse-results">{t('catalogPortal.facet.skip', { n: total })}</a>
          </p>
          <FacetGroup id="agency" title={t('catalogPortal.facet.agency')} open>
            <AgencyFacet ctx={ctx} tree={tree} f={f} total={facets.agency} />
          </FacetGroup>
          <FacetGroup id="kind" title={t('catalogPortal.facet.kind')} open>
            <FlatFacet ctx={ctx} f={f} name="kind" order={kinds} counts={facets.kind} label={(k) => kindLabel(t, k)} isSelected={(k) => f.kinds.includes(k)} />
          </FacetGroup>
          <FacetGroup id="topic" title={t('catalogPortal.facet.topic')} open={!!f.topic}>
            <TopicFacet ctx={ctx} f={f} counts={facets.topic} />
          </FacetGroup>
          <FacetGroup id="genre" title={t('catalogPortal.facet.genre')} open={!!f.genre}>
            <FlatFacet ctx={ctx} f={f} name="genre" order={genres} counts={facets.genre} label={(g) => genreLabel(t, g)} isSelected={(g) => f.genre === g} />
          </FacetGroup>
          <FacetGroup id="year" title={t('catalogPortal.facet.year')} open>
            <FlatFacet
              ctx={ctx}
              f={f}
              name="year"
              order={facets.year.map((y) => y.value).concat(f.year && !facets.year.some((y) => y.value === String(f.year)) ? [String(f.year)] : [])}
              counts={facets.year}
              label={(y) => t('catalogPortal.facet.yearValue', { year: y })}
              isSelected={(y) => String(f.year) === y}
            />
          </FacetGroup>
          <FacetGroup id="validity" title={t('catalogPortal.facet.validity')} open={!!f.validity}>
            <FlatFacet
              ctx={ctx}
              f={f}
              name="validity"
              order={validityStatuses as readonly ValidityStatus[]}
              counts={facets.validity}
              label={(v) => validityLabel(t, v)}
              isSelected={(v) => f.validity === v}
            />
          </FacetGroup>
          <FacetGroup id="column" title={t('catalogPortal.facet.column')} open={!!f.column}>
            <ul class="facet-list">
              {(keyAreaCodes as KeyArea[]).map((c) => (
                <li key={c}>
                  <FacetLink ctx={ctx} href={browseHref(f.column === c ? without(f, 'column') : withFilter(f, 'column', c))} selected={f.column === c} label={keyAreaLabel(t, c)} />
                </li>
              ))}
            </ul>
          </FacetGroup>
        </aside>
        <script src="/static/js/catalog-browse.js"></script>
        <section class="browse-results" id="browse-results" aria-labelledby="browse-results-heading" tabIndex={-1}>
          <h2 id="browse-results-heading">{t('catalogPortal.browse.results')}</h2>
          <p class="browse-summary">
            {t('catalogPortal.browse.summary', { total, page: Math.min(f.page, pages), pages })}
          </p>
          {items.length > 0 ? (
            <PublicationList ctx={ctx} tree={tree} items={items} label={t('catalogPortal.browse.results')} />
          ) : (
            <div class="empty-state">
              <p class="empty-state-title">{total > 0 ? t('catalogPortal.browse.pastEnd') : t('catalogPortal.browse.none')}</p>
              <p class={total > 0 || hasFilters(f) ? 'more-link' : undefined}>
                {total > 0 ? (
                  <a href={browseHref({ ...f, page: 1 })}>{t('catalogPortal.browse.firstPage')}</a>
                ) : hasFilters(f) ? (
                  <a href={browseHref({ kinds: [], page: 1 })}>{t('catalogPortal.browse.clearAll')}</a>
                ) : (
                  t('catalogPortal.browse.noneHint')
                )}
              </p>
            </div>
          )}
          {f.page >= maxPage && total > maxPage * pageSize && <p class="muted">{t('catalogPortal.browse.narrow', { max: maxPage })}</p>}
          <Pagination ctx={ctx} f={f} total={total} />
          <FeedLinks ctx={ctx} feeds={feeds} />
        </section>
      </div>
    </Layout>
  );
}
