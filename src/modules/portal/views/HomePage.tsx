import type { RequestContext } from '../../../http/context.ts';
import { Layout } from '../../../http/views/Layout.tsx';
import type { Agency, AgencyTree } from '../../agencies/index.ts';
import { catalogFeed, feedAlternates, type Publication } from '../../catalog/index.ts';
import { agencyColumnHref, agencyHref, applyHref, subColumnHref } from '../columns.ts';
import { childGroups } from '../public-tree.ts';
import { KeyAreaColumns, LatestItems } from './CatalogParts.tsx';
import { AgencyTiles, columnMeta, EmptyState, nameOf } from './parts.tsx';

export function HomePage({ ctx, tree, home, latest = [] }: { ctx: RequestContext; tree: AgencyTree; home: Agency | undefined; latest?: Publication[] }) {
  const { t } = ctx;
  const groups = home ? childGroups(tree, home.id) : undefined;
  const homeName = home ? nameOf(ctx, home) : '';
  return (
    <Layout ctx={ctx} title={t('nav.home')} alternates={feedAlternates(t, [catalogFeed(t)])} column={columnMeta('portal.home.columnName', 'portal.home.columnDescription', { agency: home?.name ?? '' }, 'portal.meta.typeHome')}>
      <section class="home-hero" aria-labelledby="home-title">
        <h1 id="home-title">{home ? t('portal.home.title', { name: homeName }) : t('portal.home.titleNoAgency')}</h1>
        <p class="lead">{t('portal.home.lead')}</p>
      </section>

      <section class="home-entries" aria-labelledby="home-entries-title">
        <h2 id="home-entries-title" class="visually-hidden">{t('portal.home.entries')}</h2>
        <ul class="entry-cards">
          <li class="entry-primary">
            <a href="/zwgk">
              <span class="entry-name">{t('nav.disclosure')}</span>
              <span class="entry-desc">{t('portal.home.disclosureDesc')}</span>
            </a>
          </li>
          <li class="entry-primary">
            <a href={applyHref()}>
              <span class="entry-name">{t('portal.col.apply')}</span>
              <span class="entry-desc">{t('portal.home.applyDesc')}</span>
            </a>
          </li>
          {home && (
            <li>
              <a href={subColumnHref(home.code, 'guide')}>
                <span class="entry-name">{t('portal.col.guide')}</span>
                <span class="entry-desc">{t('portal.home.guideDesc', { name: homeName })}</span>
              </a>
            </li>
          )}
          {home && (
            <li>
              <a href={subColumnHref(home.code, 'annual-reports')}>
                <span class="entry-name">{t('portal.col.annualReports')}</span>
                <span class="entry-desc">{t('portal.home.reportsDesc')}</span>
              </a>
            </li>
          )}
        </ul>
      </section>

      {!home && (
        <EmptyState title={t('portal.home.noAgencies')}>
          <p>{t('portal.home.noAgenciesHint')}</p>
        </EmptyState>
      )}

      {home && groups && (
        <>
          <LatestItems ctx={ctx} tree={tree} items={latest} />
          <KeyAreaColumns ctx={ctx} />
          <section class="home-section" aria-labelledby="home-gov">
            <h2 id="home-gov">{t('portal.home.government')}</h2>
            <div class="gov-card">
              <p class="gov-card-name">
                <a href={agencyHref(home.code)}>{homeName}</a>
              </p>
              <ul class="inline-links">
                <li><a href={agencyColumnHref(home.code)}>{t('portal.home.govColumn')}</a></li>
                <li><a href={subColumnHref(home.code, 'statutory')}>{t('portal.col.statutory')}</a></li>
                <li><a href={agencyHref(home.code)}>{t('portal.home.govContacts')}</a></li>
              </ul>
            </div>
          </section>
          {groups.governments.length > 0 && (
            <section class="home-section" aria-labelledby="home-counties">
              <h2 id="home-counties">{t('portal.home.counties')}</h2>
              <AgencyTiles ctx={ctx} agencies={groups.governments} />
            </section>
          )}
          {groups.departments.length > 0 && (
            <section class="home-section" aria-labelledby="home-departments">
              <h2 id="home-departments">{t('portal.home.departments', { name: homeName })}</h2>
              <AgencyTiles ctx={ctx} agencies={groups.departments} />
            </section>
          )}
          {groups.townships.length > 0 && (
            <section class="home-section" aria-labelledby="home-townships">
              <h2 id="home-townships">{t('portal.home.townships')}</h2>
              <AgencyTiles ctx={ctx} agencies={groups.townships} />
            </section>
          )}
          <p class="more-link">
            <a href="/agencies">{t('portal.home.allAgencies')}</a>
          </p>
        </>
      )}
    </Layout>
  );
}
