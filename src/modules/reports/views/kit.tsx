/** Pieces shared by the annual report pages: addresses, crumbs, status tags, and balance-check cells named in words. */
import type { RequestContext } from '../../../http/context.ts';
import type { T } from '../../../http/i18n/index.ts';
import type { Crumb } from '../../../http/views/Layout.tsx';
import { table2Layouts, table3Columns, table4Blocks, table4Columns, type ReportFormat, type ReportScope } from '../format.ts';
import { legacyLayout, table2Blocks, table3ColumnOrder, table3RowLabel, table4Labels } from '../labels.ts';
import type { ReportStatus } from '../model.ts';

export const adminBase = '/admin/reports';
export const checkPath = `${adminBase}/check`;
const scopeQuery = (scope?: ReportScope | null) => (scope ? `?scope=${scope}` : '');

/** The back-office page of a report; `scope` only when it is not the agency's default. */
export const reportPath = (code: string, year: number, scope?: ReportScope | null) => `${adminBase}/${encodeURIComponent(code)}/${year}${scopeQuery(scope)}`;
/** A page or action under the report (texts, figures, submit …). */
export const reportSubPath = (code: string, year: number, sub: string, scope?: ReportScope | null) => `${adminBase}/${encodeURIComponent(code)}/${year}/${sub}${scopeQuery(scope)}`;
export const adminDownloadPath = (code: string, year: number, ext: 'docx' | 'xlsx' | 'json', scope?: ReportScope | null) => `${adminBase}/${encodeURIComponent(code)}/${year}.${ext}${scopeQuery(scope)}`;
export const listPath = (year?: number) => (year ? `${adminBase}?year=${year}` : adminBase);

/** The public page of a published report, and its files. */
export const publicReportPath = (code: string, year: number, scope?: ReportScope | null) => `/reports/annual/${encodeURIComponent(code)}/${year}${scopeQuery(scope)}`;
export const publicDownloadPath = (code: string, year: number, ext: 'docx' | 'xlsx' | 'json', scope?: ReportScope | null) => `/reports/annual/${encodeURIComponent(code)}/${year}.${ext}${scopeQuery(scope)}`;
export const agencyReportsPath = (code: string) => `/agencies/${encodeURIComponent(code)}/reports`;

export function adminCrumbs(ctx: RequestContext, year: number | null, ...rest: Crumb[]): Crumb[] {
  const list: Crumb = { href: listPath(year ?? undefined), label: ctx.t('reports.list.title') };
  return [{ href: '/admin', label: ctx.t('admin.nav.dashboard') }, rest.length ? list : { label: list.label }, ...rest];
}

/** A report's state as a word in a tag (never colour alone). */
export function StatusTag({ ctx, status }: { ctx: RequestContext; status: ReportStatus | 'none' }) {
  const cls = status === 'published' ? 'badge status-published' : status === 'submitted' ? 'badge status-submitted' : 'badge';
  return <span class={cls}>{ctx.t(`reports.status.${status}`)}</span>;
}

export function OverdueTag({ ctx }: { ctx: RequestContext }) {
  return <span class="badge badge-late">{ctx.t('reports.overdue')}</span>;
}

/** The label of a table 二 cell: its row and column headings (in either trial or current layout). */
function table2CellLabel(format: ReportFormat, row: string, col: string): string | null {
  const formats: ('2021' | '2019')[] = format === '2019' ? ['2019', '2021'] : ['2021', '2019'];
  for (const f of formats) {
    for (const b of table2Blocks(f)) {
      const r = b.rows.find((x) => x.key === row);
      const c = b.columns.find((x) => x.key === col);
      if (r && c) return `${r.label} ${c.label}`;
    }
  }
  return null;
}

/** The label of a table 二 row ('permits' → '行政许可'). */
function table2RowLabel(format: ReportFormat, row: string): string | null {
  for (const f of format === '2019' ? (['2019', '2021'] as const) : (['2021', '2019'] as const)) {
    for (const b of table2Blocks(f)) {
      const r = b.rows.find((x) => x.key === row);
      if (r) return r.label;
    }
  }
  return null;
}

/** An entered figure's key ('permits.decisions') in words ('行政许可 本年处理决定数量'). */
export function figureLabel(format: ReportFormat, key: string): string {
  const [row, col] = key.split('.');
  return table2CellLabel(format, row ?? '', col ?? '') ?? key;
}

/** Whether a figure key belongs to a format's table 二. */
export const figureInFormat = (format: ReportFormat, key: string) =>
  format !== 'legacy' && table2Layouts[format].some((r) => r.source === 'figures' && r.columns.some((c) => `${r.key}.${c}` === key));

/**
 * A balance check's cell path in words: 'table3.received.natural' → '表三 一、本年新收政府信息公开申请数量 自然人';
 * '2024:table3.carriedForward.total' → '2024年 表三 四、结转下年度继续办理 总计'; 'legacy.answers.withheld' → '依申请公开统计 不同意公开答复数'.
 */
export function cellLabel(t: T, format: ReportFormat, path: string): string {
  const m = /^(\d{4}):(.*)$/.exec(path);
  if (m) return `${t('reports.cell.year', { year: m[1] })} ${cellLabel(t, format, m[2]!)}`;
  const [table, ...rest] = path.split('.');
  if (table === 'table3' && rest.length) {
    const last = rest.at(-1)!;
    const i = (table3Columns as readonly string[]).indexOf(last);
    const row = i >= 0 ? rest.slice(0, -1).join('.') : rest.join('.');
    return [t('reports.cell.table3'), table3RowLabel(row), i >= 0 ? table3ColumnOrder[i] : ''].filter(Boolean).join(' ');
  }
  if (table === 'table4' && rest.length) {
    const block = rest[0] as (typeof table4Blocks)[number];
    const blockLabel = block === 'reconsideration' ? table4Labels.reconsideration : (table4Blocks as readonly string[]).includes(block) ? `${table4Labels.litigation}（${table4Labels[block]}）` : block;
    const i = rest[1] ? (table4Columns as readonly string[]).indexOf(rest[1]) : -1;
    return [t('reports.cell.table4'), blockLabel, i >= 0 ? table4Labels.columns[i] : rest[1] ?? ''].filter(Boolean).join(' ');
  }
  if (table === 'table2' && rest.length) {
    const label = rest.length === 2 ? table2CellLabel(format, rest[0]!, rest[1]!) : table2RowLabel(format, rest[0]!);
    return `${t('reports.cell.table2')} ${label ?? rest.join('.')}`;
  }
  if (table === 'legacy' && rest.length) {
    const line = legacyLayout().find((l) => l.key === rest.join('.'));
    return `${t('reports.cell.legacy')} ${line?.label ?? rest.join('.')}`;
  }
  return path;
}

/** Years offered by the year selectors: from the current year back to 2008 (the 2007 regulation's first year). */
export function yearOptions(currentYear: number): number[] {
  const out: number[] = [];
  for (let y = currentYear; y >= 2008; y--) out.push(y);
  return out;
}
