import type { RequestContext } from '../../../http/context.ts';
import { Layout } from '../../../http/views/Layout.tsx';
import type { Agency, AgencyTree } from '../../agencies/index.ts';
import {
  genreLabel,
  genres,
  kindLabel,
  kinds,
  publicationHref,
  type SearchItem,
  type SearchResult,
  topicLabel,
  topicTree,
  validityLabel,
  validityStatuses,
  type Kind,
  type ValidityStatus,
  type SearchParams,
} from '../../catalog/index.ts';
import { agencyColumnHref, agencyHref } from '../columns.ts';
import { EmptyState, nameOf } from './parts.tsx';

type Group = 'documents' | 'interpretations';

/** The query string of a search with some parameters changed (paging and facet links keep the rest). */
export function searchHref(p: SearchParams, change: Partial<SearchParams> = {}): string {
  const v = { ...p, ...change };
  const qs = new URLSearchParams();
  const set = (k: string, x: string | number | undefined | null) => {
    if (x !== undefined && x !== null && x !== '') qs.append(k, String(x));
  };
  set('q', v.q);
  for (const w of v.within) set('within', w);
  if (v.scope !== 'all') set('scope', v.scope);
  set('agency', v.agency);
  if (v.subtree && v.agency) set('subtree', '1');
  set('docNoPrefix', v.docNoPrefix);
  set('docNoYear', v.docNoYear);
  set('docNoNumber', v.docNoNumber);
  set('topic', v.topic);
  set('genre', v.genre);
  for (const k of v.kind) set('kind', k);
  set('from', v.from);
  set('to', v.to);
  set('validity', v.validity);
  set('sort', v.sort);
  if (v.group !== 'documents') set('group', v.group);
  if (v.page && v.page > 1) set('page', v.page);
  const s = qs.toString();
  return s ? `/search?${s}` : '/search';
}

function Highlighted({ segments }: { segments: { text: string; hit: boolean }[] }) {
  return <>{segments.map((s, i) => (s.hit ? <mark key={i}>{s.text}</mark> : s.text))}</>;
}

export interface SearchPageProps {
  ctx: RequestContext;
  tree: AgencyTree;
  params: SearchParams;
  result: SearchResult | null;
  /** Agencies whose names match the query (a way to their pages besides the documents). */
  agencies: Agency[];
}

/** /search: full-text search of the published catalog (portal.md "Search"). */
export function SearchPage({ ctx, tree, params, result, agencies }: SearchPageProps) {
  const { t } = ctx;
  const q = params.q ?? '';
  const title = q ? t('searchPage.titleFor', { q }) : t('searchPage.title');
  return (
    <Layout ctx={ctx} title={title} crumbs={[{ href: '/', label: t('nav.home') }, { label: t('searchPage.title') }]}>
      <h1>{t('searchPage.title')}</h1>
      <SearchForm ctx={ctx} tree={tree} params={params} searched={!!result} />
      {!result ? (
        <Tips ctx={ctx} />
      ) : (
        <Results ctx={ctx} tree={tree} params={params} result={result} agencies={agencies} />
      )}
    </Layout>
  );
}

function SearchForm({ ctx, tree, params, searched }: { ctx: RequestContext; tree: AgencyTree; params: SearchParams; searched: boolean }) {
  const { t } = ctx;
  const q = params.q ?? '';
  const previous = [...params.within, q].filter(Boolean).join(' ').slice(0, 400);
  const chosen = params.agency ? (tree.byId.get(params.agency) ?? tree.byCode.get(params.agency)) : undefined;
  const agencyValue = chosen?.code ?? params.agency ?? '';
  const choices = agencyChoices(tree, chosen?.id);
  const select = (name: string, label: string, value: string, options: { value: string; label: string }[], hint?: string) => (
    <div class="field">
      <label for={`search-${name}`}>{label}</label>
      {hint && (
        <p class="hint" id={`search-${name}-hint`}>
          {hint}
        </p>
      )}
      <select id={`search-${name}`} name={name} aria-describedby={hint ? `search-${name}-hint` : undefined}>
        <option value="">{t('searchPage.any')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  const radios = (name: string, legend: string, value: string, options: { value: string; label: string }[]) => (
    <fieldset class="search-choice">
      <legend>{legend}</legend>
      {options.map((o) => (
        <div class="field-checkbox" key={o.value}>
          <input type="radio" id={`search-${name}-${o.value}`} name={name} value={o.value} checked={o.value === value} />
          <label for={`search-${name}-${o.value}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
  return (
    <form class="search-form" role="search" action="/search" method="get" aria-label={t('searchPage.formLabel')}>
      <label for="search-page-q">{t('searchPage.label')}</label>
      <p class="hint" id="search-page-q-hint">
        {t('searchPage.hint')}
      </p>
      <div class="search-row">
        <input id="search-page-q" type="search" name="q" value={q} maxLength={400} aria-describedby="search-page-q-hint" />
        <button type="submit" class="button primary">
          {t('searchPage.submit')}
        </button>
      </div>
      {searched && previous && (
        <div class="field-checkbox">
          <input type="checkbox" id="search-within" name="within" value={previous} />
          <label for="search-within">{t('searchPage.within', { q: previous })}</label>
        </div>
      )}
      {radios('scope', t('searchPage.scope'), params.scope, [
        { value: 'all', label: t('searchPage.scope.all') },
        { value: 'title', label: t('searchPage.scope.title') },
      ])}
      {radios('sort', t('searchPage.sort'), params.sort ?? 'relevance', [
        { value: 'relevance', label: t('searchPage.sort.relevance') },
        { value: 'date', label: t('searchPage.sort.date') },
      ])}
      <details class="search-filters" open={hasFilters(params)}>
        <summary>{t('searchPage.filters')}</summary>
        <div class="filter-fields">
          {select(
            'agency',
            t('searchPage.agency'),
            agencyValue,
            choices.list.map(({ agency, depth }) => ({ value: agency.code, label: `${'\u3000'.repeat(depth)}${nameOf(ctx, agency)}` })),
            choices.partial ? t('searchPage.agencyHint') : undefined,
          )}
          <div class="field-checkbox">
            <input type="checkbox" id="search-subtree" name="subtree" value="1" checked={params.subtree} />
            <label for="search-subtree">{t('searchPage.subtree')}</label>
          </div>
          {select(
            'topic',
            t('searchPage.topic'),
            params.topic && !params.topic.includes('/') ? params.topic : '',
            topicTree.map(([top]) => ({ value: top, label: topicLabel(t, top) })),
          )}
          {select('genre', t('searchPage.genre'), params.genre ?? '', genres.map((g) => ({ value: g, label: genreLabel(t, g) })))}
          {select('kind', t('searchPage.kind'), params.kind[0] ?? '', kinds.map((k) => ({ value: k, label: kindLabel(t, k) })))}
          {select('validity', t('searchPage.validity'), params.validity ?? '', validityStatuses.map((s) => ({ value: s, label: validityLabel(t, s) })))}
          <div class="field">
            <label for="search-from">{t('searchPage.from')}</label>
            <input type="date" id="search-from" name="from" value={params.from ?? ''} />
          </div>
          <div class="field">
            <label for="search-to">{t('searchPage.to')}</label>
            <input type="date" id="search-to" name="to" value={params.to ?? ''} />
          </div>
        </div>
        <button type="submit" class="button">
          {t('searchPage.apply')}
        </button>
      </details>
    </form>
  );
}

/** Up to this many agencies, the search form's agency list holds them all. */
export const allAgenciesUpTo = 150;

/**
 * The agencies the search form offers, depth first in display order: all of them in a small tree; in a larger
 * one the first two levels (the city government, its departments and the county governments), the path to the
 * chosen agency and the agencies right under it (`partial`). A city's 1,000 agencies as options made the
 * select ~70 kB of a ~117 kB page, on every search page; choosing a county and searching lists its
 * agencies next, and the results' agency group names those with matches.
 */
export function agencyChoices(tree: AgencyTree, chosenId?: string): { list: { agency: Agency; depth: number }[]; partial: boolean } {
  if (tree.byId.size <= allAgenciesUpTo) return { list: tree.flatten(), partial: false };
  // Agencies whose children are listed: the roots, and every agency on the way to the chosen one (itself included).
  const open = new Set(tree.roots().map((a) => a.id));
  if (chosenId) for (const a of tree.path(chosenId)) open.add(a.id);
  const list: { agency: Agency; depth: number }[] = [];
  const walk = (a: Agency, depth: number) => {
    list.push({ agency: a, depth });
    if (open.has(a.id)) for (const c of tree.children(a.id)) walk(c, depth + 1);
  };
  for (const r of tree.roots()) walk(r, 0);
  return { list, partial: true };
}

function hasFilters(p: SearchParams): boolean {
  return !!(p.agency || p.topic || p.genre || p.kind.length || p.from || p.to || p.validity);
}

function Tips({ ctx }: { ctx: RequestContext }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="search-tips">
      <h2 id="search-tips">{t('searchPage.tips')}</h2>
      <p>{t('searchPage.enterQuery')}</p>
      <ul>
        <li>{t('searchPage.tip.phrase')}</li>
        <li>{t('searchPage.tip.exclude')}</li>
        <li>{t('searchPage.tip.number')}</li>
        <li>{t('searchPage.tip.within')}</li>
      </ul>
    </section>
  );
}

function Results({ ctx, tree, params, result, agencies }: { ctx: RequestContext; tree: AgencyTree; params: SearchParams; result: SearchResult; agencies: Agency[] }) {
  const { t } = ctx;
  const q = [...params.within, params.q ?? ''].filter(Boolean).join(' ');
  const none = result.total === 0;
  return (
    <>
      <p class="browse-summary" role="status">
        {none
          ? t('searchPage.noResults', { q })
          : t(result.totalIsEstimate ? 'searchPage.totalAbout' : 'searchPage.total', { count: result.total })}
      </p>
      {params.within.length > 0 && <p class="muted">{t('searchPage.withinNote', { q: params.within.join(' ') })}</p>}
      {none ? (
        <EmptyState title={t('searchPage.noResultsTitle')}>
          <ul>
            <li>{t('searchPage.suggest.fewer')}</li>
            <li>{t('searchPage.suggest.fullText')}</li>
            <li>{t('searchPage.suggest.filters')}</li>
            <li>
              <a class="tap-link" href="/zwgk">
                {t('searchPage.suggest.browse')}
              </a>
            </li>
          </ul>
          {(hasFilters(params) || params.within.length > 0 || params.scope === 'title') && (
            <p>
              <a class="tap-link" href={searchHref({ ...params, within: [], scope: 'all', agency: undefined, subtree: false, topic: undefined, genre: undefined, kind: [], from: undefined, to: undefined, validity: undefined, page: undefined, group: 'documents' })}>
                {t('searchPage.suggest.clear')}
              </a>
            </p>
          )}
        </EmptyState>
      ) : (
        <div class="search-results">
          <div>
            <GroupSection ctx={ctx} tree={tree} params={params} result={result} name="documents" />
            <GroupSection ctx={ctx} tree={tree} params={params} result={result} name="interpretations" />
          </div>
          <Facets ctx={ctx} tree={tree} params={params} result={result} />
        </div>
      )}
      {agencies.length > 0 && (
        <section aria-labelledby="search-agencies">
          <h2 id="search-agencies">{t('searchPage.agencies', { count: agencies.length })}</h2>
          <ul class="result-list">
            {agencies.map((a) => (
              <li key={a.id}>
                <a href={agencyHref(a.code)}>{nameOf(ctx, a)}</a>
                <span class="result-meta">
                  <a href={agencyColumnHref(a.code)}>{t('nav.disclosure')}</a>
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function GroupSection({ ctx, tree, params, result, name }: { ctx: RequestContext; tree: AgencyTree; params: SearchParams; result: SearchResult; name: Group }) {
  const { t } = ctx;
  const g = result.groups[name];
  const focused = result.focus === name;
  const id = `search-${name}`;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>
        {t(`searchPage.group.${name}`)}
        <span class="muted"> {t(g.totalIsEstimate ? 'searchPage.groupCountAbout' : 'searchPage.groupCount', { count: g.total })}</span>
      </h2>
      {g.items.length === 0 ? (
        <p class="muted">{t(`searchPage.group.${name}.none`)}</p>
      ) : (
        <ul class="pub-list">
          {g.items.map((item) => (
            <ResultItem key={item.id} ctx={ctx} tree={tree} item={item} />
          ))}
        </ul>
      )}
      {focused && g.pages > 1 && <Pager ctx={ctx} params={params} group={name} page={g.page} pages={g.pages} />}
      {!focused && g.total > g.items.length && (
        <p class="more-link">
          <a href={searchHref(params, { group: name, page: undefined })}>{t(`searchPage.group.${name}.all`, { count: g.total })}</a>
        </p>
      )}
    </section>
  );
}

function ResultItem({ ctx, tree, item }: { ctx: RequestContext; tree: AgencyTree; item: SearchItem }) {
  const { t } = ctx;
  const issuers = item.issuerIds.map((id) => tree.byId.get(id)).filter((a): a is Agency => !!a);
  return (
    <li>
      <a class="pub-list-title" href={publicationHref(item)}>
        <Highlighted segments={item.titleSegments} />
      </a>
      {item.snippet.length > 0 && (
        <p class="search-snippet">
          <Highlighted segments={item.snippet} />
        </p>
      )}
      <p class="pub-list-meta">
        {issuers.length > 0 && <span>{issuers.map((a) => nameOf(ctx, a)).join('、')}</span>}
        <span class="pub-list-date">{t('searchPage.item.published', { date: item.publishedOn })}</span>
        {item.docNo && <span>{t('searchPage.item.docNo', { docNo: item.docNo })}</span>}
        {item.indexNo && <span class="pub-list-index">{t('searchPage.item.indexNo', { indexNo: item.indexNo })}</span>}
        <span>{kindLabel(t, item.kind)}</span>
        {item.validityStatus && <span>{validityLabel(t, item.validityStatus as ValidityStatus)}</span>}
      </p>
    </li>
  );
}

function Pager({ ctx, params, group, page, pages }: { ctx: RequestContext; params: SearchParams; group: Group; page: number; pages: number }) {
  const { t } = ctx;
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  const href = (n: number) => searchHref(params, { group, page: n });
  return (
    <nav class="pagination" aria-label={t(`searchPage.pager.${group}`)}>
      <ul>
        {page > 1 && (
          <li>
            <a href={href(page - 1)} rel="prev">
              {t('searchPage.pager.prev')}
            </a>
          </li>
        )}
        {shown.map((n, i) => (
          <li key={n}>
            {i > 0 && n - shown[i - 1] > 1 && (
              <span class="pagination-gap" aria-hidden="true">
                …{' '}
              </span>
            )}
            {n === page ? (
              <span aria-current="page" class="pagination-current">
                {t('searchPage.pager.page', { n })}
              </span>
            ) : (
              <a href={href(n)}>{t('searchPage.pager.page', { n })}</a>
            )}
          </li>
        ))}
        {page < pages && (
          <li>
            <a href={href(page + 1)} rel="next">
              {t('searchPage.pager.next')}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}

function Facets({ ctx, tree, params, result }: { ctx: RequestContext; tree: AgencyTree; params: SearchParams; result: SearchResult }) {
  const { t } = ctx;
  const base: Partial<SearchParams> = { page: undefined, group: 'documents' };
  const f = result.facets;
  const lists: { key: string; values: { label: string; count: number; href: string }[] }[] = [
    {
      key: 'agency',
      values: f.agencies
        .map((v) => ({ v, a: tree.byId.get(v.value) }))
        .filter((x): x is { v: (typeof f.agencies)[number]; a: Agency } => !!x.a)
        .map(({ v, a }) => ({ label: nameOf(ctx, a), count: v.count, href: searchHref(params, { ...base, agency: a.code, subtree: false }) })),
    },
    { key: 'kind', values: f.kinds.map((v) => ({ label: kindLabel(t, v.value as Kind), count: v.count, href: searchHref(params, { ...base, kind: [v.value as Kind] }) })) },
    { key: 'topic', values: f.topics.map((v) => ({ label: topicLabel(t, v.value), count: v.count, href: searchHref(params, { ...base, topic: v.value }) })) },
    { key: 'genre', values: f.genres.map((v) => ({ label: genreLabel(t, v.value), count: v.count, href: searchHref(params, { ...base, genre: v.value as SearchParams['genre'] }) })) },
    { key: 'year', values: f.years.map((v) => ({ label: v.value, count: v.count, href: searchHref(params, { ...base, from: `${v.value}-01-01`, to: `${v.value}-12-31` }) })) },
  ];
  return (
    <aside class="facets" aria-labelledby="search-facets">
      <h2 id="search-facets">{t(result.facetsAreEstimate ? 'searchPage.facetsAbout' : 'searchPage.facets')}</h2>
      {lists
        .filter((l) => l.values.length > 0)
        .map((l) => (
          <section key={l.key} aria-labelledby={`search-facet-${l.key}`}>
            <h3 id={`search-facet-${l.key}`}>{t(`searchPage.facet.${l.key}`)}</h3>
            <ul class="facet-list">
              {l.values.slice(0, 15).map((v) => (
                <li key={v.href}>
                  <a href={v.href}>
                    <span class="facet-label">{v.label}</span> <span class="facet-count">{t('searchPage.facet.count', { count: v.count })}</span>
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ))}
    </aside>
  );
}
