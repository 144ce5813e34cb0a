/**
 * What the report pages show around the report itself: the balance checks (cells named in words), the charts,
 * the agencies of a roll-up compared, year-on-year, the entered figures with their sources, the downloads.
 */
import type { RequestContext } from '../../../http/context.ts';
import { TableWrap } from '../../../http/views/AdminKit.tsx';
import type { BalanceCheck, ReportFormat } from '../format.ts';
import { reportCharts } from '../charts.ts';
import { outcomeGroupOf, outcomeGroups, outcomeGroupLabels } from '../labels.ts';
import { outcomeRowsOf } from '../format.ts';
import type { CompiledReport } from '../model.ts';
import { formatNumber } from '../placeholders.ts';
import { cellLabel, figureLabel } from './kit.tsx';

// ---- balance checks ----------------------------------------------------------------------------

function CheckRows({ ctx, format, checks }: { ctx: RequestContext; format: ReportFormat; checks: BalanceCheck[] }) {
  const { t } = ctx;
  return (
    <tbody>
      {checks.map((c, i) => (
        <tr key={i} class={c.ok ? undefined : 'check-failed'}>
          <th scope="row">{t(`reports.check.${c.rule}`)}</th>
          <td>
            <ul class="check-cells">
              {c.cells.map((cell) => (
                <li key={cell}>{cellLabel(t, format, cell)}</li>
              ))}
            </ul>
          </td>
          <td class="num">{c.left === undefined ? '' : formatNumber(c.left)}</td>
          <td class="num">{c.right === undefined ? '' : formatNumber(c.right)}</td>
          <td>{c.ok ? <span class="badge status-published">{t('reports.checks.passed')}</span> : <span class="badge badge-late">{t('reports.checks.failed')}</span>}</td>
        </tr>
      ))}
    </tbody>
  );
}

function CheckTable({ ctx, format, checks, label }: { ctx: RequestContext; format: ReportFormat; checks: BalanceCheck[]; label: string }) {
  const { t } = ctx;
  return (
    <TableWrap label={label}>
      <table class="data-table checks-table">
        <thead>
          <tr>
            <th scope="col">{t('reports.checks.rule')}</th>
            <th scope="col">{t('reports.checks.cells')}</th>
            <th scope="col">{t('reports.checks.left')}</th>
            <th scope="col">{t('reports.checks.right')}</th>
            <th scope="col">{t('reports.checks.result')}</th>
          </tr>
        </thead>
        <CheckRows ctx={ctx} format={format} checks={checks} />
      </table>
    </TableWrap>
  );
}

/** Failures first (each with its cells and both sides); the passed checks folded away. */
export function ChecksPanel({ ctx, format, checks, id = 'checks', note }: { ctx: RequestContext; format: ReportFormat; checks: BalanceCheck[]; id?: string; note?: string }) {
  const { t } = ctx;
  const failed = checks.filter((c) => !c.ok);
  const passed = checks.filter((c) => c.ok);
  return (
    <section aria-labelledby={id} class={`report-checks${failed.length ? ' has-failures' : ''}`}>
      <h2 id={id}>{t('reports.checks.title')}</h2>
      {failed.length ? (
        <div class="error-summary" role="alert">
          <p>{t('reports.checks.failedCount', { failed: failed.length, total: checks.length })}</p>
          {note && <p>{note}</p>}
        </div>
      ) : (
        <p class="status-message" role="status">
          {t('reports.checks.allPassed', { total: checks.length })}
        </p>
      )}
      {failed.length > 0 && <CheckTable ctx={ctx} format={format} checks={failed} label={t('reports.checks.failedTable')} />}
      {passed.length > 0 && (
        <details class="checks-passed">
          <summary>{t('reports.checks.showPassed', { count: passed.length })}</summary>
          <CheckTable ctx={ctx} format={format} checks={passed} label={t('reports.checks.passedTable')} />
        </details>
      )}
    </section>
  );
}

// ---- charts ---------------------------------------------------------------------------------

const unescapeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/**
 * The charts as images of their own SVG (a data: URL): the SVG that ECharts writes carries style attributes and a
 * <style> element, which the page's Content-Security-Policy (style-src 'self') would refuse inline. The text
 * alternative is the chart's title and the figures it shows.
 */
export function ChartsView({ ctx, report, id = 'charts' }: { ctx: RequestContext; report: CompiledReport; id?: string }) {
  const charts = reportCharts(report);
  if (!charts.length) return null;
  return (
    <section aria-labelledby={id} class="report-charts">
      <h2 id={id}>{ctx.t('reports.charts.title')}</h2>
      {charts.map((c) => {
        const desc = unescapeXml(/<desc>([\s\S]*?)<\/desc>/.exec(c.svg)?.[1] ?? '');
        return (
          <figure key={c.key} class="report-chart">
            <img src={`data:image/svg+xml;base64,${Buffer.from(c.svg, 'utf8').toString('base64')}`} alt={desc ? `${c.title}：${desc}` : c.title} width={800} />
            <figcaption>{c.title}</figcaption>
          </figure>
        );
      })}
    </section>
  );
}

// ---- roll-up: the agencies compared ---------------------------------------------------------

export const comparisonColumns = ['received', 'carriedOver', ...outcomeGroups, 'total', 'carriedForward', 'reconsideration', 'litigation'] as const;
export type ComparisonColumn = (typeof comparisonColumns)[number];
export const isComparisonColumn = (s: unknown): s is ComparisonColumn => typeof s === 'string' && (comparisonColumns as readonly string[]).includes(s);

/** Each part's figures for the comparison table (总计 column of table 三; table 四 block totals). */
export function comparisonRows(report: CompiledReport): { agency: string; name: string; values: Record<ComparisonColumn, number> }[] {
  const rows = outcomeRowsOf(report.json.format);
  return (report.json.parts ?? []).map((p) => {
    const total = (row: string) => p.table3.rows[row]?.[6] ?? 0;
    const values = { received: total('received'), carriedOver: total('carriedOver'), total: total('total'), carriedForward: total('carriedForward') } as Record<ComparisonColumn, number>;
    for (const g of outcomeGroups) values[g] = rows.filter((r) => outcomeGroupOf(r) === g).reduce((a, r) => a + total(r), 0);
    values.reconsideration = p.table4.reconsideration?.[4] ?? 0;
    values.litigation = (p.table4.litigationDirect?.[4] ?? 0) + (p.table4.litigationAfterReconsideration?.[4] ?? 0);
    return { agency: p.agency, name: p.name, values };
  });
}

/** Every agency of a roll-up in one table; a column heading is a link that sorts by it (largest first). */
export function ComparisonTable({ ctx, report, sort, sortHref, id = 'comparison' }: { ctx: RequestContext; report: CompiledReport; sort: ComparisonColumn | 'name'; sortHref: (col: ComparisonColumn | 'name') => string; id?: string }) {
  const { t } = ctx;
  const rows = comparisonRows(report);
  if (!rows.length) return null;
  const sorted = [...rows].sort((a, b) => (sort === 'name' ? a.name.localeCompare(b.name, 'zh-CN') : b.values[sort] - a.values[sort] || a.name.localeCompare(b.name, 'zh-CN')));
  const label = (c: ComparisonColumn) => ((outcomeGroups as readonly string[]).includes(c) ? outcomeGroupLabels[c as (typeof outcomeGroups)[number]] : t(`reports.comparison.${c}`));
  const head = (key: ComparisonColumn | 'name', text: string) => (
    <th scope="col" key={key} aria-sort={sort === key ? (key === 'name' ? 'ascending' : 'descending') : undefined}>
      {sort === key ? text : <a href={sortHref(key)}>{text}</a>}
    </th>
  );
  return (
    <section aria-labelledby={id} class="report-comparison">
      <h2 id={id}>{t('reports.comparison.title')}</h2>
      <p class="hint">{t('reports.comparison.hint')}</p>
      <TableWrap label={t('reports.comparison.title')}>
        <table class="data-table comparison-table">
          <thead>
            <tr>
              {head('name', t('reports.comparison.agency'))}
              {comparisonColumns.map((c) => head(c, label(c)))}
            </tr>
          </thead>
          <tbody>
            {sorted.map((r) => (
              <tr key={r.agency}>
                <th scope="row">{r.name || r.agency}</th>
                {comparisonColumns.map((c) => (
                  <td key={c} class="num">
                    {r.values[c]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}

// ---- year-on-year ---------------------------------------------------------------------------

function change(now: number, before: number | undefined): string {
  if (before === undefined) return '';
  const d = now - before;
  return d > 0 ? `+${d}` : d < 0 ? `−${-d}` : '±0';
}

export function TrendTable({ ctx, report, id = 'trend' }: { ctx: RequestContext; report: CompiledReport; id?: string }) {
  const { t } = ctx;
  if (report.trend.length < 2) return null;
  return (
    <section aria-labelledby={id} class="report-trend">
      <h2 id={id}>{t('reports.trend.title')}</h2>
      <TableWrap label={t('reports.trend.title')}>
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">{t('reports.trend.year')}</th>
              <th scope="col">{t('reports.comparison.received')}</th>
              <th scope="col">{t('reports.trend.change')}</th>
              <th scope="col">{t('reports.comparison.total')}</th>
              <th scope="col">{t('reports.trend.change')}</th>
              <th scope="col">{t('reports.comparison.carriedForward')}</th>
            </tr>
          </thead>
          <tbody>
            {report.trend.map((p, i) => {
              const prev = i > 0 ? report.trend[i - 1] : undefined;
              return (
                <tr key={p.year}>
                  <th scope="row">{p.year}</th>
                  <td class="num">{p.received}</td>
                  <td class="num">{change(p.received, prev?.received)}</td>
                  <td class="num">{p.closed}</td>
                  <td class="num">{change(p.closed, prev?.closed)}</td>
                  <td class="num">{p.carriedForward}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}

// ---- entered figures ------------------------------------------------------------------------

export function FiguresList({ ctx, report, names, id = 'figures', editHref }: { ctx: RequestContext; report: CompiledReport; names: Map<string, string>; id?: string; editHref?: string }) {
  const { t } = ctx;
  if (report.json.format === 'legacy') return null;
  return (
    <section aria-labelledby={id} class="report-figures">
      <h2 id={id}>{t('reports.figures.listTitle')}</h2>
      <p class="hint">{t('reports.figures.listHint')}</p>
      {report.figures.length ? (
        <TableWrap label={t('reports.figures.listTitle')}>
          <table class="data-table">
            <thead>
              <tr>
                {report.scope === 'rollup' && <th scope="col">{t('reports.comparison.agency')}</th>}
                <th scope="col">{t('reports.figures.item')}</th>
                <th scope="col">{t('reports.figures.value')}</th>
                <th scope="col">{t('reports.figures.source')}</th>
              </tr>
            </thead>
            <tbody>
              {report.figures.map((f) => (
                <tr key={`${f.agency} ${f.key}`}>
                  {report.scope === 'rollup' && <td>{names.get(f.agency) ?? f.agency}</td>}
                  <th scope="row">{figureLabel(report.json.format, f.key)}</th>
                  <td class="num">{formatNumber(f.value)}</td>
                  <td>{f.source}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p class="muted">{t('reports.figures.none')}</p>
      )}
      {editHref && (
        <p>
          <a href={editHref}>{t('reports.figures.edit')}</a>
        </p>
      )}
    </section>
  );
}

// ---- downloads ------------------------------------------------------------------------------

export function Downloads({ ctx, href, id = 'downloads' }: { ctx: RequestContext; href: (ext: 'docx' | 'xlsx' | 'json') => string; id?: string }) {
  const { t } = ctx;
  return (
    <section aria-labelledby={id} class="report-downloads">
      <h2 id={id}>{t('reports.downloads.title')}</h2>
      <ul class="link-list">
        <li>
          <a href={href('docx')} download>
            {t('reports.downloads.docx')}
          </a>
        </li>
        <li>
          <a href={href('xlsx')} download>
            {t('reports.downloads.xlsx')}
          </a>
        </li>
        <li>
          <a href={href('json')} download>
            {t('reports.downloads.json')}
          </a>
        </li>
      </ul>
      <p class="hint">{t('reports.downloads.print')}</p>
    </section>
  );
}
