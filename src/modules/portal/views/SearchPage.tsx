import type { RequestContext } from '../../../http/context.ts';
import { Layout } from '../../../http/views/Layout.tsx';
import type { Agency } from '../../agencies/index.ts';
import { agencyColumnHref, agencyHref } from '../columns.ts';
import { EmptyState, nameOf } from './parts.tsx';

/**
 * /search: the site search. Until the catalog exists there are no publications to find; it says so
 * plainly, and offers the agencies whose names match (real data, not a stand-in for results).
 */
export function SearchPage({ ctx, q, agencies }: { ctx: RequestContext; q: string; agencies: Agency[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={q ? t('portal.search.titleFor', { q }) : t('nav.search')} crumbs={[{ href: '/', label: t('nav.home') }, { label: t('nav.search') }]}>
      <h1>{t('nav.search')}</h1>
      <form class="search-form" role="search" action="/search" method="get" aria-label={t('portal.search.formLabel')}>
        <label for="search-page-q">{t('portal.search.label')}</label>
        <div class="search-row">
          <input id="search-page-q" type="search" name="q" value={q} maxLength={200} />
          <button type="submit" class="button primary">{t('search.submit')}</button>
        </div>
      </form>
      {q ? (
        <>
          <section aria-labelledby="search-docs">
            <h2 id="search-docs">{t('portal.search.documents')}</h2>
            <EmptyState title={t('portal.search.noDocuments', { q })}>
              <p>{t('portal.search.noDocumentsHint')}</p>
            </EmptyState>
          </section>
          {agencies.length > 0 && (
            <section aria-labelledby="search-agencies">
              <h2 id="search-agencies">{t('portal.search.agencies', { count: agencies.length })}</h2>
              <ul class="result-list">
                {agencies.map((a) => (
                  <li key={a.id}>
                    <a href={agencyHref(a.code)}>{nameOf(ctx, a)}</a>
                    <span class="result-meta">
                      {t(`kind.${a.kind}`)}
                      {' · '}
                      <a href={agencyColumnHref(a.code)}>{t('nav.disclosure')}</a>
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      ) : (
        <p>{t('portal.search.enterQuery')}</p>
      )}
    </Layout>
  );
}
