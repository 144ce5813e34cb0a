/**
 * Pieces of the supervision dashboard's pages: its addresses and query, the addresses of the records behind each
 * figure (the existing back-office lists and their filters), and the figure cells.
 */
import type { RequestContext } from '../../../http/context.ts';
import type { AgencyKind } from '../../agencies/index.ts';
import type { DashboardRow, DashboardSortKey } from '../dashboard.service.ts';
import { svgDataUrl, type TrendChart } from '../dashboard-charts.ts';

export const dashboardPath = '/admin/oversight';
export const dashboardXlsxPath = '/admin/oversight.xlsx';
export const agencyDashboardPath = (code: string, year?: number) => `${dashboardPath}/agencies/${encodeURIComponent(code)}${year ? `?year=${year}` : ''}`;

/** What the overview page shows: year, filters, order and the folded branches of the tree. */
export interface DashboardState {
  year: number;
  /** True when the year was asked for (kept in links); the current year otherwise. */
  yearAsked: boolean;
  kind: AgencyKind | '';
  problems: boolean;
  sort: DashboardSortKey | '';
  dir: 'asc' | 'desc' | '';
  fold: string[];
}

/** The query string of a state (with changes), without empty parameters. */
export function queryOf(s: DashboardState, change: Partial<DashboardState> = {}): string {
  const x = { ...s, ...change };
  const p = new URLSearchParams();
  if (x.yearAsked) p.set('year', String(x.year));
  if (x.kind) p.set('kind', x.kind);
  if (x.problems) p.set('problems', '1');
  if (x.sort) p.set('sort', x.sort);
  if (x.sort && x.dir) p.set('dir', x.dir);
  if (!x.sort && x.fold.length) p.set('fold', x.fold.join(','));
  const q = p.toString();
  return q ? `?${q}` : '';
}

/**
 * Where each figure's records are: the publications list (agency, status, year, late, missing-interpretation filters),
 * the applications queue (the agency's own cases, urgency, answered late in the year), annual reports, the website
 * monitor. `code` null: the whole scope (no agency filter). The dashboard's year is the report's year + 1.
 */
export function recordLinks(code: string | null, reportYear: number) {
  const a = code ? `agency=${encodeURIComponent(code)}` : '';
  const year = reportYear + 1;
  // A row counts the agency's own cases; the queue's agency filter includes the agencies below unless only=1.
  const only = code ? 'only=1' : '';
  const q = (...parts: string[]) => {
    const s = [a, ...parts].filter(Boolean).join('&');
    return s ? `?${s}` : '';
  };
  return {
    published: `/admin/publications${q('status=published', `year=${year}`)}`,
    late: `/admin/publications${q('status=published', 'late=1', `year=${year}`)}`,
    missingInterpretation: `/admin/publications${q('missing=1')}`,
    open: `/admin/applications${q(only)}`,
    dueSoon: `/admin/applications${q(only, 'urgency=dueSoon')}`,
    overdue: `/admin/applications${q(only, 'urgency=overdue')}`,
    answeredLate: `/admin/applications${q(only, 'state=closed', `late=${year}`)}`,
    report: code ? `/admin/reports/${encodeURIComponent(code)}/${reportYear}` : `/admin/reports?year=${reportYear}`,
    website: `/admin/monitor${q()}`,
    rectifications: `/admin/monitor/rectifications${q(only, 'status=unclosed')}`,
  };
}

/** A count that links to its records (zero: no link, nothing to open). */
export function Count({ n, href, label }: { n: number; href: string; label: string }) {
  if (!n) return <>0</>;
  return (
    <a href={href} aria-label={label}>
      {n}
    </a>
  );
}

export const percent = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);

/** Last year's annual report: its status in words, and whether it is overdue (never colour alone). */
export function ReportCell({ ctx, report, href }: { ctx: RequestContext; report: DashboardRow['report']; href: string }) {
  if (!report) return <>—</>;
  return (
    <>
      <a href={href}>{ctx.t(`oversight.dashboard.report.${report.status}`)}</a>
      {report.overdue && (
        <>
          {' '}
          <span class="badge badge-late">{ctx.t('oversight.dashboard.report.overdue')}</span>
        </>
      )}
    </>
  );
}

/** The newest website check: pass / fail / not checked, and when. */
export function WebsiteCell({ ctx, website, href }: { ctx: RequestContext; website: DashboardRow['website']; href: string }) {
  const text = ctx.t(`oversight.dashboard.website.${website.verdict ?? 'none'}`);
  return (
    <>
      {website.sites ? <a href={href}>{text}</a> : text}
      {website.checkedAt && (
        <>
          {' '}
          <br />
          <span class="muted nowrap">
            <time dateTime={website.checkedAt}>{shanghaiDay(website.checkedAt)}</time>
          </span>
        </>
      )}
    </>
  );
}

/** The Beijing calendar day of an instant. */
export function shanghaiDay(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The trend charts as images with their figures in the alt text. */
export function TrendCharts({ ctx, charts, id }: { ctx: RequestContext; charts: TrendChart[]; id: string }) {
  return (
    <section aria-labelledby={id} class="dashboard-trends">
      <h2 id={id}>{ctx.t('oversight.dashboard.trends')}</h2>
      <p class="hint">{ctx.t('oversight.dashboard.trendsHint')}</p>
      {charts.map((c) => (
        <figure key={c.key} class="report-chart" data-chart={c.key}>
          <img src={svgDataUrl(c.svg)} alt={`${c.title}：${c.summary}`} width={720} />
          <figcaption>{c.title}</figcaption>
        </figure>
      ))}
    </section>
  );
}
