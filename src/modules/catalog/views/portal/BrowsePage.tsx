/**
 * /xxgk: the disclosure catalog (政府信息公开目录) — the issuing-agency tree on one side, facets with
 * counts (topic, genre, kind, year, validity, key area), newest first, 20 per page; every filter is in
 * the query string (shareable) and removable.
 */
import type { RequestContext } from '../../../../http/context.ts';
import { translator } from '../../../../http/i18n/index.ts';
import { Layout, type ColumnMeta } from '../../../../http/views/Layout.tsx';
import type { Agency, AgencyTree } from '../../../agencies/index.ts';
import type { ListedPublication } from '../../publication.ts';
import { genres, keyAreaCodes, type KeyArea, kinds, type Kind, topicTree, validityStatuses, type ValidityStatus } from '../../taxonomy.ts';
import { attr, embed, fromVNode, html, type Html } from '../../../../http/html.ts';
import { type BrowseFilters, browseHref, filterHrefs, type FilterName, hasFilters, maxPage, pageSize, without } from './browse-query.ts';
import { agencyLabel, genreLabel, keyAreaLabel, kindLabel, topicLabel, topicTopLabel, validityLabel } from './labels.ts';
import { publicationListHtml } from './PublicationList.tsx';
import { browseFeeds, type Feed, feedAlternates, FeedLinks } from './FeedLinks.tsx';

export interface FacetCount {
  value: string;
  count: number;
}
export interface BrowseFacets {
  /** Items per agency id, everything below it and joint documents included (agency-facet.ts `agencyFacetTotals`). */
  agency: ReadonlyMap<string, number>;
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
  /** The facets with their counts (`browseFacetPanel`): the same on every page of a filter set. */
  panel: Html;
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

// The facets and the results are written as strings (http/html.ts): a page has ~800 elements there, most of
// them the same few patterns, and rendering them as Preact elements was the larger part of a page's cost.

/** One facet value: a link that sets the filter, or (when it is set) removes it. */
function facetLink(ctx: RequestContext, href: string, selected: boolean, label: string, count?: number): Html {
  return html`<a href="${href}"${selected ? selectedAttrs : ''}><span class="facet-label">${label}</span>${count !== undefined ? html`<span class="facet-count">${ctx.t('catalogPortal.facet.count', { n: count })}</span>` : ''}${selected ? html`<span class="facet-remove">${ctx.t('catalogPortal.facet.remove')}</span>` : ''}</a>`;
}
const selectedAttrs = html` aria-current="true" class="facet-selected"`;

function facetGroup(id: string, title: string, open: boolean, body: Html): Html {
  return html`<details class="facet" id="facet-${id}"${attr('open', open)}><summary>${title}</summary>${body}</details>`;
}

const noValues = (ctx: RequestContext) => html`<p class="muted facet-empty">${ctx.t('catalogPortal.facet.none')}</p>`;

/** A flat facet in vocabulary order: values with their counts (values without items are left out). */
function flatFacet<V extends string>(ctx: RequestContext, f: BrowseFilters, name: FilterName, order: readonly V[], counts: FacetCount[], label: (v: V) => string, isSelected: (v: V) => boolean): Html {
  const by = new Map(counts.map((c) => [c.value, c.count]));
  const values = order.filter((v) => by.has(v) || isSelected(v));
  if (!values.length) return noValues(ctx);
  const set = filterHrefs(f, name);
  return html`<ul class="facet-list">${values.map((v) => {
    const selected = isSelected(v);
    const href = selected ? browseHref(without(f, name, name === 'kind' ? (v as unknown as Kind) : undefined)) : set(v);
    return html`<li>${facetLink(ctx, href, selected, label(v), by.get(v) ?? 0)}</li>`;
  })}</ul>`;
}

/**
 * An agency's entry in the agency facet when neither it nor anything below it is chosen (with its children when
 * it is on the first level), by language, per totals: its links leave out the agency filter, so it is the same
 * on the page of every agency of another branch (a city's ~50 departments and counties on each of its 1,000
 * agencies' pages). The route keeps one totals Map per filter set without the agency, catalog and agency tree
 * (catalog.routes.ts), so the Map stands for all that; the entries go with it.
 */
const unchosenEntries = new WeakMap<ReadonlyMap<string, number>, Map<string, Html>>();

/**
 * The issuing-agency tree: counts include everything below; the path to the chosen agency is opened. The
 * first level and the chosen agency's own children are shown in full; a deeper level the chosen agency is
 * inside of shows its path alone, the others one click away (a county's ~90 agencies would otherwise be
 * listed on each of their pages: half of the page).
 */
function agencyFacet(ctx: RequestContext, tree: AgencyTree, f: BrowseFilters, total: ReadonlyMap<string, number>): Html {
  const selected = f.agency ? tree.byCode.get(f.agency) : undefined;
  const onPath = new Set(selected ? tree.path(selected.id).map((a) => a.id) : []);
  const set = filterHrefs(f, 'agency');
  const level = (nodes: Agency[], depth: number, parent?: Agency): Html | null => {
    let shown = nodes.filter((a) => (total.get(a.id) ?? 0) > 0 || onPath.has(a.id));
    let more = 0;
    if (depth >= 2 && parent && parent.id !== selected?.id) {
      more = shown.filter((a) => !onPath.has(a.id)).length;
      shown = shown.filter((a) => onPath.has(a.id));
    }
    if (!shown.length) return null;
    const item = (a: Agency) => {
      const isSel = selected?.id === a.id;
      const link = facetLink(ctx, isSel ? browseHref(without(f, 'agency')) : set(a.code), isSel, agencyLabel(ctx.locale, a), total.get(a.id) ?? 0);
      return html`<li>${link}${depth === 0 || onPath.has(a.id) ? level(tree.children(a.id), depth + 1, a) : null}</li>`;
    };
    const items = shown.map((a) => {
      if (onPath.has(a.id)) return item(a);
      let kept = unchosenEntries.get(total);
      if (!kept) unchosenEntries.set(total, (kept = new Map()));
      const key = `${ctx.locale}|${a.id}`;
      let h = kept.get(key);
      if (!h) kept.set(key, (h = item(a)));
      return h;
    });
    const rest =
      more > 0 && parent
        ? html`<li class="facet-more"><a href="${set(parent.code)}"><span class="facet-label">${ctx.t('catalogPortal.facet.agencyMore', { agency: agencyLabel(ctx.locale, parent), n: more })}</span></a></li>`
        : null;
    return html`<ul class="${depth ? 'facet-list facet-tree nested' : 'facet-list facet-tree'}">${items}${rest}</ul>`;
  };
  return level(tree.roots(), 0) ?? noValues(ctx);
}

/** Top-level topics; under the chosen top level, its second levels. */
function topicFacet(ctx: RequestContext, f: BrowseFilters, counts: FacetCount[]): Html {
  const { t } = ctx;
  const tops = new Map<string, number>();
  for (const c of counts) {
    const slash = c.value.indexOf('/');
    const top = slash < 0 ? c.value : c.value.slice(0, slash);
    tops.set(top, (tops.get(top) ?? 0) + c.count);
  }
  const chosenTop = f.topic?.split('/')[0];
  const shown = topicTree.filter(([top]) => tops.has(top) || top === chosenTop);
  if (!shown.length) return noValues(ctx);
  const by = new Map(counts.map((c) => [c.value, c.count]));
  const set = filterHrefs(f, 'topic');
  return html`<ul class="facet-list">${shown.map(([top, subs]) => {
    const isSel = f.topic === top;
    const link = facetLink(ctx, isSel ? browseHref(without(f, 'topic')) : set(top), isSel, topicTopLabel(t, top), tops.get(top) ?? 0);
    const nested =
      chosenTop === top && subs.length > 0
        ? html`<ul class="facet-list nested">${subs
            .map((s) => `${top}/${s}`)
            .filter((v) => by.has(v) || f.topic === v)
            .map((v) => html`<li>${facetLink(ctx, f.topic === v ? set(top) : set(v), f.topic === v, v.split('/')[1], by.get(v) ?? 0)}</li>`)}</ul>`
        : null;
    return html`<li>${link}${nested}</li>`;
  })}</ul>`;
}

/** The filters in force, each removable, and "clear all". */
function chosenFilters(ctx: RequestContext, tree: AgencyTree, f: BrowseFilters): Html | null {
  const { t } = ctx;
  if (!hasFilters(f)) return null;
  const chips: { label: string; href: string }[] = [];
  const add = (name: string, value: string, next: BrowseFilters) => chips.push({ label: `${name}${t('catalogPortal.colon')}${value}`, href: browseHref(next) });
  if (f.agency) {
    const a = tree.byCode.get(f.agency);
    if (a) add(t('catalogPortal.facet.agency'), agencyLabel(ctx.locale, a), without(f, 'agency'));
  }
  if (f.topic) add(t('catalogPortal.facet.topic'), topicLabel(t, f.topic), without(f, 'topic'));
  if (f.genre) add(t('catalogPortal.facet.genre'), genreLabel(t, f.genre), without(f, 'genre'));
  for (const k of f.kinds) add(t('catalogPortal.facet.kind'), kindLabel(t, k), without(f, 'kind', k));
  if (f.year) add(t('catalogPortal.facet.year'), String(f.year), without(f, 'year'));
  if (f.validity) add(t('catalogPortal.facet.validity'), validityLabel(t, f.validity), without(f, 'validity'));
  if (f.column) add(t('catalogPortal.facet.column'), keyAreaLabel(t, f.column), without(f, 'column'));
  const remove = t('catalogPortal.browse.removeFilter');
  return html`<section class="chosen-filters" aria-labelledby="chosen-filters-heading"><h2 id="chosen-filters-heading" class="chosen-filters-heading">${t('catalogPortal.browse.chosen')}</h2><ul>${chips.map(
    (c) => html`<li><a href="${c.href}" class="filter-chip"><span class="visually-hidden">${remove}</span>${c.label}<span class="filter-chip-x" aria-hidden="true">×</span></a></li>`,
  )}<li><a href="${browseHref({ kinds: [], page: 1 })}" class="filter-clear">${t('catalogPortal.browse.clearAll')}</a></li></ul></section>`;
}

function pagination(ctx: RequestContext, f: BrowseFilters, total: number): Html | null {
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
  const page = t('catalogPortal.pagination.page');
  return html`<nav class="pagination" aria-label="${t('catalogPortal.pagination.label')}"><ul>${f.page > 1 ? html`<li><a href="${go(f.page - 1)}" rel="prev">${t('catalogPortal.pagination.prev')}</a></li>` : null}${nums.map(
    (n, i) =>
      html`<li>${i > 0 && n - nums[i - 1] > 1 ? html`<span class="pagination-gap" aria-hidden="true">… </span>` : null}${
        n === f.page
          ? html`<span aria-current="page" class="pagination-current"><span class="visually-hidden">${page}</span>${n}</span>`
          : html`<a href="${go(n)}"><span class="visually-hidden">${page}</span>${n}</a>`
      }</li>`,
  )}${f.page < pages ? html`<li><a href="${go(f.page + 1)}" rel="next">${t('catalogPortal.pagination.next')}</a></li>` : null}</ul></nav>`;
}

/**
 * The facets with their counts, for a filter set: the same on every page of it (its links leave out the page
 * number), so the route keeps it for the next page (catalog.routes.ts).
 */
export function browseFacetPanel(ctx: RequestContext, tree: AgencyTree, f: BrowseFilters, total: number, facets: BrowseFacets): Html {
  const { t } = ctx;
  const keyAreas = filterHrefs(f, 'column');
  return html`<aside class="facets" aria-labelledby="facets-heading"><h2 id="facets-heading">${t('catalogPortal.facet.heading')}</h2><p class="facets-skip"><a href="#browse-results">${t('catalogPortal.facet.skip', { n: total })}</a></p>${[
    facetGroup('agency', t('catalogPortal.facet.agency'), true, agencyFacet(ctx, tree, f, facets.agency)),
    facetGroup('kind', t('catalogPortal.facet.kind'), true, flatFacet(ctx, f, 'kind', kinds, facets.kind, (k) => kindLabel(t, k), (k) => f.kinds.includes(k))),
    facetGroup('topic', t('catalogPortal.facet.topic'), !!f.topic, topicFacet(ctx, f, facets.topic)),
    facetGroup('genre', t('catalogPortal.facet.genre'), !!f.genre, flatFacet(ctx, f, 'genre', genres, facets.genre, (g) => genreLabel(t, g), (g) => f.genre === g)),
    facetGroup(
      'year',
      t('catalogPortal.facet.year'),
      true,
      flatFacet(
        ctx,
        f,
        'year',
        facets.year.map((y) => y.value).concat(f.year && !facets.year.some((y) => y.value === String(f.year)) ? [String(f.year)] : []),
        facets.year,
        (y) => t('catalogPortal.facet.yearValue', { year: y }),
        (y) => String(f.year) === y,
      ),
    ),
    facetGroup('validity', t('catalogPortal.facet.validity'), !!f.validity, flatFacet(ctx, f, 'validity', validityStatuses as readonly ValidityStatus[], facets.validity, (v) => validityLabel(t, v), (v) => f.validity === v)),
    facetGroup(
      'column',
      t('catalogPortal.facet.column'),
      !!f.column,
      html`<ul class="facet-list">${(keyAreaCodes as KeyArea[]).map((c) => html`<li>${facetLink(ctx, f.column === c ? browseHref(without(f, 'column')) : keyAreas(c), f.column === c, keyAreaLabel(t, c))}</li>`)}</ul>`,
    ),
  ]}</aside>`;
}

/** Everything below the page's lead: the chosen filters, the facets and the results. */
function browseBody({ ctx, tree, filters: f, items, total, panel }: BrowsePageProps, feeds: Feed[]): Html {
  const { t } = ctx;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const results =
    items.length > 0
      ? publicationListHtml({ ctx, tree, items, label: t('catalogPortal.browse.results') })
      : html`<div class="empty-state"><p class="empty-state-title">${total > 0 ? t('catalogPortal.browse.pastEnd') : t('catalogPortal.browse.none')}</p><p${attr('class', total > 0 || hasFilters(f) ? 'more-link' : undefined)}>${
          total > 0
            ? html`<a href="${browseHref({ ...f, page: 1 })}">${t('catalogPortal.browse.firstPage')}</a>`
            : hasFilters(f)
              ? html`<a href="${browseHref({ kinds: [], page: 1 })}">${t('catalogPortal.browse.clearAll')}</a>`
              : t('catalogPortal.browse.noneHint')
        }</p></div>`;
  return html`${chosenFilters(ctx, tree, f)}<div class="browse">${panel}<script src="/static/js/catalog-browse.js"></script><section class="browse-results" id="browse-results" aria-labelledby="browse-results-heading" tabindex="-1"><h2 id="browse-results-heading">${t('catalogPortal.browse.results')}</h2><p class="browse-summary">${t('catalogPortal.browse.summary', { total, page: Math.min(f.page, pages), pages })}</p>${results}${
    f.page >= maxPage && total > maxPage * pageSize ? html`<p class="muted">${t('catalogPortal.browse.narrow', { max: maxPage })}</p>` : null
  }${pagination(ctx, f, total)}${fromVNode(<FeedLinks ctx={ctx} feeds={feeds} />)}</section></div>`;
}

export function BrowsePage(props: BrowsePageProps) {
  const { ctx, tree, filters: f, canonical } = props;
  const { t } = ctx;
  const heading = f.column ? t('catalogPortal.browse.columnTitle', { name: keyAreaLabel(t, f.column) }) : t('catalogPortal.browse.title');
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
      {embed(browseBody(props, feeds))}
    </Layout>
  );
}
