/** The portal's pages of published annual reports: one report (charts, tables, texts, files) and an agency's list. */
import type { RequestContext } from '../../../http/context.ts';
import { Layout, type Crumb } from '../../../http/views/Layout.tsx';
import type { Agency } from '../../agencies/index.ts';
import { publicationHref } from '../../catalog/index.ts';
import type { CompiledReport } from '../model.ts';
import { ReportBody } from './ReportBody.tsx';
import { ChartsView, ComparisonTable, Downloads, FiguresList, TrendTable, type ComparisonColumn } from './ReportParts.tsx';
import { agencyReportsPath, publicDownloadPath, publicReportPath } from './kit.tsx';

function crumbs(ctx: RequestContext, agency: Pick<Agency, 'code' | 'name'>, ...rest: Crumb[]): Crumb[] {
  const { t } = ctx;
  const list: Crumb = { href: agencyReportsPath(agency.code), label: t('reports.public.listTitle') };
  return [{ href: '/', label: t('nav.home') }, { href: '/agencies', label: t('nav.agencies') }, { href: `/agencies/${encodeURIComponent(agency.code)}`, label: agency.name }, rest.length ? list : { label: list.label }, ...rest];
}

export function PublicReportPage({ ctx, report, agency, scopeInUrl, sort, names, canonical }: { ctx: RequestContext; report: CompiledReport; agency: Agency; scopeInUrl: boolean; sort: ComparisonColumn | 'name'; names: Map<string, string>; canonical?: string }) {
  const { t } = ctx;
  const { year, scope } = report;
  const scopeArg = scopeInUrl ? scope : null;
  return (
    <Layout
      ctx={ctx}
      title={report.title}
      crumbs={crumbs(ctx, agency, { label: report.title })}
      canonical={canonical}
      article={{ title: report.title, pubDate: report.publishedOn ?? '', source: agency.name }}
      column={{ name: t('reports.public.listTitle'), description: t('reports.public.intro'), keywords: t('reports.public.keywords'), type: '信息公开' }}
    >
      <article class="report-article" aria-labelledby="report-title">
        <h1 id="report-title" class="report-title">
          {report.title}
        </h1>
        <p class="report-byline">
          {agency.name}
          {report.publishedOn && ` · ${t('reports.page.publishedOn', { date: report.publishedOn })}`}
          {report.publication && (
            <>
              {' · '}
              <a href={publicationHref({ id: report.publication.id })}>{t('reports.page.catalogItem', { indexNo: report.publication.indexNo ?? '' })}</a>
            </>
          )}
        </p>
        {ctx.locale === 'en' && <p class="hint">{t('reports.page.officialChinese')}</p>}
        <ReportBody report={report} t={t} />
      </article>
      <ChartsView ctx={ctx} report={report} />
      {scope === 'rollup' && <ComparisonTable ctx={ctx} report={report} sort={sort} sortHref={(c) => `${publicReportPath(agency.code, year, scope)}&sort=${c}#comparison`} />}
      <FiguresList ctx={ctx} report={report} names={names} />
      <TrendTable ctx={ctx} report={report} />
      <Downloads ctx={ctx} href={(ext) => publicDownloadPath(agency.code, year, ext, scopeArg)} />
    </Layout>
  );
}

export function AgencyReportsPage({ ctx, agency, reports }: { ctx: RequestContext; agency: Agency; reports: { year: number; scope: string; title: string; publishedOn: string | null }[] }) {
  const { t } = ctx;
  const title = t('reports.public.listTitle');
  const defaultScope = agency.kind === 'government' ? 'rollup' : 'agency';
  return (
    <Layout ctx={ctx} title={`${title} - ${agency.name}`} crumbs={crumbs(ctx, agency)} column={{ name: title, description: t('reports.public.intro'), keywords: t('reports.public.keywords'), type: '信息公开' }}>
      <h1>
        {agency.name} · {title}
      </h1>
      <p class="lead">{t('reports.public.intro')}</p>
      {reports.length ? (
        <ul class="link-list report-years">
          {reports.map((r) => (
            <li key={`${r.year} ${r.scope}`}>
              <a href={publicReportPath(agency.code, r.year, r.scope === defaultScope ? null : (r.scope as 'agency' | 'rollup'))}>
                {r.title}
                {r.scope !== defaultScope && `（${t(`reports.scope.${r.scope}`)}）`}
              </a>
              {r.publishedOn && <span class="muted"> · {t('reports.page.publishedOn', { date: r.publishedOn })}</span>}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('reports.public.none')}</p>
      )}
    </Layout>
  );
}
