/**
 * The supervision dashboard's pages: the overview of every agency the user supervises (a tree, foldable by links so
 * it works without JavaScript; sortable by any column, flat when sorted; filters; totals; XLSX; weekly trends) and
 * one agency's own dashboard.
 */
import type { ComponentChildren } from 'preact';
import type { RequestContext } from '../../../http/context.ts';
import { TableWrap } from '../../../http/views/AdminKit.tsx';
import { FormActions } from '../../../http/views/forms.tsx';
import { Layout, type Crumb } from '../../../http/views/Layout.tsx';
import { agencyKinds, type Agency } from '../../agencies/index.ts';
import type { TrendChart } from '../dashboard-charts.ts';
import { dashboardSortKeys, defaultDirection, type DashboardRow, type DashboardSortKey, type DashboardTotals } from '../dashboard.service.ts';
import { agencyDashboardPath, Count, dashboardPath, dashboardXlsxPath, percent, queryOf, recordLinks, ReportCell, TrendCharts, WebsiteCell, type DashboardState } from './dashboard-kit.tsx';

const crumbs = (ctx: RequestContext, ...rest: Crumb[]): Crumb[] => [
  { href: '/admin', label: ctx.t('admin.nav.dashboard') },
  rest.length ? { href: dashboardPath, label: ctx.t('oversight.dashboard.title') } : { label: ctx.t('oversight.dashboard.title') },
  ...rest,
];

/** Years offered: the current one back to 2008. */
const yearOptions = (current: number) => Array.from({ length: current - 2007 }, (_, i) => current - i);

/** The figure columns after the agency, in order (each sorts by its key; its heading is oversight.dashboard.col.<key>). */
const columns = dashboardSortKeys.filter((k) => k !== 'agency');

function SortHeader({ ctx, state, col, label }: { ctx: RequestContext; state: DashboardState; col: DashboardSortKey; label: string }) {
  const active = state.sort === col;
  const dir = active ? state.dir || defaultDirection(col) : null;
  const next = active ? (dir === 'asc' ? 'desc' : 'asc') : defaultDirection(col);
  return (
    <th scope="col" aria-sort={dir ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <a href={`${dashboardPath}${queryOf(state, { sort: col, dir: next })}`} aria-label={ctx.t('oversight.dashboard.sortBy', { column: label, dir: ctx.t(`oversight.dashboard.dir.${next}`) })}>
        {label}
      </a>
      {dir && <span aria-hidden="true">{dir === 'asc' ? ' ▲' : ' ▼'}</span>}
    </th>
  );
}

/** The figure cells of a row (or the totals: code null). */
function FigureCells({ ctx, code, name, f, reportYear, report, website }: { ctx: RequestContext; code: string | null; name: string; f: DashboardRow | DashboardTotals; reportYear: number; report: ComponentChildren; website: ComponentChildren }) {
  const { t } = ctx;
  const links = recordLinks(code, reportYear);
  const label = (col: string, n: number) => t('oversight.dashboard.figureLabel', { agency: name, column: t(`oversight.dashboard.col.${col}`, { year: reportYear }), n });
  const count = (col: keyof typeof links & keyof DashboardTotals) => (
    <td class="num" data-col={col}>
      <Count n={f[col] as number} href={links[col]} label={label(col, f[col] as number)} />
    </td>
  );
  return (
    <>
      {count('published')}
      <td class="num" data-col="onTimeShare">
        {percent(f.onTimeShare)}
      </td>
      {count('late')}
      {count('missingInterpretation')}
      {count('open')}
      {count('dueSoon')}
      {count('overdue')}
      {count('answeredLate')}
      <td data-col="report">{report}</td>
      <td data-col="website">{website}</td>
      {count('rectifications')}
    </>
  );
}

/** Rows to show: in tree order, the branches below a folded agency are left out. */
function visibleRows(rows: DashboardRow[], state: DashboardState): DashboardRow[] {
  if (state.sort || !state.fold.length) return rows;
  const folded = new Set(state.fold);
  const out: DashboardRow[] = [];
  let hideBelow: number | null = null;
  for (const r of rows) {
    if (hideBelow !== null && r.depth > hideBelow) continue;
    hideBelow = null;
    out.push(r);
    if (folded.has(r.agency.code) && r.children) hideBelow = r.depth;
  }
  return out;
}

export interface OverviewProps {
  ctx: RequestContext;
  state: DashboardState;
  currentYear: number;
  reportYear: number;
  today: string;
  rows: DashboardRow[];
  totals: DashboardTotals;
  charts: TrendChart[];
}

export function OverviewPage({ ctx, state, currentYear, reportYear, today, rows, totals, charts }: OverviewProps) {
  const { t } = ctx;
  const title = t('oversight.dashboard.title');
  const shown = visibleRows(rows, state);
  const fold = new Set(state.fold);
  const toggle = (code: string) => (fold.has(code) ? state.fold.filter((c) => c !== code) : [...state.fold, code]);
  return (
    <Layout ctx={ctx} title={`${title}（${state.year}）`} area="admin" crumbs={crumbs(ctx)}>
      <h1>{title}</h1>
      <p class="lead">{t('oversight.dashboard.intro', { year: state.year, today })}</p>

      <form method="get" action={dashboardPath} class="filter-form" aria-label={t('oversight.dashboard.filters')}>
        <div class="filter-fields">
          <div class="field">
            <label for="dash-year">{t('oversight.dashboard.year')}</label>
            <select id="dash-year" name="year">
              {yearOptions(currentYear).map((y) => (
                <option key={y} value={String(y)} selected={y === state.year}>
                  {t('oversight.dashboard.yearOption', { year: y })}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="dash-kind">{t('oversight.dashboard.kind')}</label>
            <select id="dash-kind" name="kind">
              <option value="" selected={!state.kind}>
                {t('oversight.dashboard.kindAll')}
              </option>
              {agencyKinds.map((k) => (
                <option key={k} value={k} selected={state.kind === k}>
                  {t(`kind.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div class="field field-checkbox">
            <input id="dash-problems" name="problems" type="checkbox" value="1" checked={state.problems} aria-describedby="dash-problems-hint" />
            <label for="dash-problems">{t('oversight.dashboard.problemsOnly')}</label>
            <p class="hint" id="dash-problems-hint">
              {t('oversight.dashboard.problemsHint')}
            </p>
          </div>
          {state.sort && <input type="hidden" name="sort" value={state.sort} />}
          {state.sort && state.dir && <input type="hidden" name="dir" value={state.dir} />}
        </div>
        <FormActions>
          <button type="submit" class="button">
            {t('oversight.dashboard.show')}
          </button>
          <a href={dashboardPath}>{t('oversight.dashboard.reset')}</a>
        </FormActions>
      </form>

      <p class="inline-links">
        <a href={`${dashboardXlsxPath}${queryOf(state, { fold: [] })}`} download>
          {t('oversight.dashboard.xlsx')}
        </a>
        {state.sort && <a href={`${dashboardPath}${queryOf(state, { sort: '', dir: '' })}`}>{t('oversight.dashboard.unsort')}</a>}
      </p>

      <section aria-labelledby="dash-table">
        <h2 id="dash-table">{t('oversight.dashboard.agencies')}</h2>
        {rows.length ? (
          <TableWrap label={t('oversight.dashboard.agencies')}>
            <table class="data-table report-list dashboard-table">
              <caption>
                {t('oversight.dashboard.caption', { year: state.year, reportYear, n: rows.length })}
                {state.sort ? ` ${t('oversight.dashboard.captionSorted', { column: t(`oversight.dashboard.col.${state.sort}`, { year: reportYear }), dir: t(`oversight.dashboard.dir.${state.dir || defaultDirection(state.sort)}`) })}` : ''}
              </caption>
              <thead>
                <tr>
                  <SortHeader ctx={ctx} state={state} col="agency" label={t('oversight.dashboard.col.agency')} />
                  {columns.map((c) => (
                    <SortHeader key={c} ctx={ctx} state={state} col={c} label={t(`oversight.dashboard.col.${c}`, { year: reportYear })} />
                  ))}
                </tr>
              </thead>
              <tbody>
                {shown.map((r) => {
                  const links = recordLinks(r.agency.code, reportYear);
                  const folded = fold.has(r.agency.code);
                  return (
                    <tr key={r.agency.id} class={r.problems ? 'row-overdue' : undefined} data-agency={r.agency.code}>
                      <th scope="row" class="nowrap">
                        {!state.sort && r.depth > 0 && (
                          <span class="tree-indent" aria-hidden="true">
                            {'　'.repeat(r.depth - 1)}└{' '}
                          </span>
                        )}
                        {!state.sort && r.children > 0 && (
                          <>
                            <a
                              href={`${dashboardPath}${queryOf(state, { fold: toggle(r.agency.code) })}#dash-table`}
                              class="tree-toggle"
                              aria-expanded={folded ? 'false' : 'true'}
                              aria-label={t(folded ? 'oversight.dashboard.expand' : 'oversight.dashboard.collapse', { agency: r.agency.name, n: r.children })}
                            >
                              {folded ? '▸' : '▾'}
                            </a>{' '}
                          </>
                        )}
                        <a href={agencyDashboardPath(r.agency.code, state.yearAsked ? state.year : undefined)}>{r.agency.name}</a>
                        {r.problems && <span class="visually-hidden">{t('oversight.dashboard.hasProblems')}</span>}
                      </th>
                      <FigureCells
                        ctx={ctx}
                        code={r.agency.code}
                        name={r.agency.name}
                        f={r}
                        reportYear={reportYear}
                        report={<ReportCell ctx={ctx} report={r.report} href={links.report} />}
                        website={<WebsiteCell ctx={ctx} website={r.website} href={links.website} />}
                      />
                    </tr>
                  );
                })}
              </tbody>
              <tfoot>
                <tr class="dashboard-totals">
                  <th scope="row">{t('oversight.dashboard.totals', { n: totals.agencies })}</th>
                  <FigureCells
                    ctx={ctx}
                    code={null}
                    name={t('oversight.dashboard.scope')}
                    f={totals}
                    reportYear={reportYear}
                    report={<a href={recordLinks(null, reportYear).report}>{t('oversight.dashboard.totals.reports', { overdue: totals.reportsOverdue, published: totals.reportsPublished })}</a>}
                    website={<a href={recordLinks(null, reportYear).website}>{t('oversight.dashboard.totals.websites', { failed: totals.websitesFailed, checked: totals.websitesChecked })}</a>}
                  />
                </tr>
              </tfoot>
            </table>
          </TableWrap>
        ) : (
          <p class="empty-state">{t('oversight.dashboard.empty')}</p>
        )}
        <p class="hint">{t('oversight.dashboard.legend')}</p>
      </section>

      <TrendCharts ctx={ctx} charts={charts} id="dash-trends" />
    </Layout>
  );
}

export interface AgencyPageProps {
  ctx: RequestContext;
  year: number;
  yearAsked: boolean;
  currentYear: number;
  reportYear: number;
  today: string;
  row: DashboardRow;
  parent: Agency | null;
  children: Agency[];
  charts: TrendChart[];
  /** Whether the user supervises something (then the overview is linked). */
  supervising: boolean;
}

/** One agency's own figures, each with the records behind it. */
export function AgencyPage({ ctx, year, yearAsked, currentYear, reportYear, today, row, parent, children, charts, supervising }: AgencyPageProps) {
  const { t } = ctx;
  const a = row.agency;
  const title = t('oversight.dashboard.agencyTitle', { agency: a.name });
  const links = recordLinks(a.code, reportYear);
  const label = (col: string, n: number) => t('oversight.dashboard.figureLabel', { agency: a.name, column: t(`oversight.dashboard.col.${col}`, { year: reportYear }), n });
  const line = (col: 'published' | 'late' | 'missingInterpretation' | 'open' | 'dueSoon' | 'overdue' | 'answeredLate' | 'rectifications') => (
    <tr key={col} data-col={col}>
      <th scope="row">{t(`oversight.dashboard.col.${col}`)}</th>
      <td class="num">
        <Count n={row[col]} href={links[col]} label={label(col, row[col])} />
      </td>
    </tr>
  );
  const pageCrumbs: Crumb[] = supervising ? crumbs(ctx, { label: a.name }) : [{ href: '/admin', label: t('admin.nav.dashboard') }, { label: title }];
  return (
    <Layout ctx={ctx} title={`${title}（${year}）`} area="admin" crumbs={pageCrumbs}>
      <h1>{title}</h1>
      <p class="lead">{t('oversight.dashboard.agencyIntro', { year, today })}</p>
      <form method="get" action={agencyDashboardPath(a.code)} class="filter-form" aria-label={t('oversight.dashboard.yearForm')}>
        <div class="field">
          <label for="dash-year">{t('oversight.dashboard.year')}</label>
          <select id="dash-year" name="year">
            {yearOptions(currentYear).map((y) => (
              <option key={y} value={String(y)} selected={y === year}>
                {t('oversight.dashboard.yearOption', { year: y })}
              </option>
            ))}
          </select>
        </div>
        <FormActions>
          <button type="submit" class="button">
            {t('oversight.dashboard.show')}
          </button>
        </FormActions>
      </form>

      <section aria-labelledby="dash-figures">
        <h2 id="dash-figures">{t('oversight.dashboard.figures', { year })}</h2>
        <table class="data-table dashboard-figures">
          <caption>{t('oversight.dashboard.figuresCaption', { agency: a.name, year })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('oversight.dashboard.item')}</th>
              <th scope="col">{t('oversight.dashboard.value')}</th>
            </tr>
          </thead>
          <tbody>
            {line('published')}
            <tr data-col="onTimeShare">
              <th scope="row">{t('oversight.dashboard.col.onTimeShare')}</th>
              <td class="num">{percent(row.onTimeShare)}</td>
            </tr>
            {line('late')}
            {line('missingInterpretation')}
            {line('open')}
            {line('dueSoon')}
            {line('overdue')}
            {line('answeredLate')}
            <tr data-col="report">
              <th scope="row">{t('oversight.dashboard.col.report', { year: reportYear })}</th>
              <td>
                <ReportCell ctx={ctx} report={row.report} href={links.report} />
                {row.report?.dueOn && <span class="muted"> {t('oversight.dashboard.reportDue', { date: row.report.dueOn })}</span>}
              </td>
            </tr>
            <tr data-col="website">
              <th scope="row">{t('oversight.dashboard.col.website')}</th>
              <td>
                <WebsiteCell ctx={ctx} website={row.website} href={links.website} />
              </td>
            </tr>
            {line('rectifications')}
          </tbody>
        </table>
      </section>

      {(parent || children.length > 0) && (
        <nav aria-labelledby="dash-related">
          <h2 id="dash-related">{t('oversight.dashboard.related')}</h2>
          <ul class="link-list">
            {parent && (
              <li>
                {t('oversight.dashboard.parent')}
                <a href={agencyDashboardPath(parent.code, yearAsked ? year : undefined)}>{parent.name}</a>
              </li>
            )}
            {children.map((c) => (
              <li key={c.id}>
                <a href={agencyDashboardPath(c.code, yearAsked ? year : undefined)}>{c.name}</a>
              </li>
            ))}
          </ul>
        </nav>
      )}

      <TrendCharts ctx={ctx} charts={charts} id="dash-trends" />
    </Layout>
  );
}
