/**
 * The annual report's charts as server-rendered SVG (ECharts, `ssr: true`): the outcome mix of table 三, the
 * trend over the last years, the agencies of a roll-up compared, and proactive disclosure by kind. Chart texts
 * are Chinese only, like the official report they illustrate. Each SVG is an accessible image (role="img", an
 * aria-label and a <title> that say what it shows, with the figures) and embeds no script and no external file.
 * The web page inlines the SVG; the Word document gets PNGs made from it (render/chromium.ts: svgToPng).
 */
import * as echarts from 'echarts';
import { kindNames } from '../catalog/index.ts';
import { outcomeGroupLabels, outcomeGroupOf, outcomeGroups } from './labels.ts';
import { outcomeRowsOf } from './format.ts';
import type { CompiledReport } from './model.ts';

/** Faces for the chart texts: the CJK sans installed with Chromium (fonts-noto-cjk) first. */
export const CHART_FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";
const WIDTH = 800;
const COLORS = ['#2f5597', '#c55a11', '#548235', '#7f6000', '#7030a0', '#808080'];

export type ChartKey = 'outcomes' | 'trend' | 'agencies' | 'proactive';
export interface ReportChart {
  key: ChartKey;
  /** What the chart shows, as a caption (also the SVG's <title>). */
  title: string;
  svg: string;
}

const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

/** Renders an option to an SVG string (the instance is always disposed) and makes it an accessible image. */
function render(option: echarts.EChartsCoreOption, size: { width: number; height: number }, title: string, summary: string): Titled {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  let svg: string;
  try {
    chart.setOption({ animation: false, color: COLORS, textStyle: { fontFamily: CHART_FONT, fontSize: 14, color: '#222' }, backgroundColor: '#ffffff', ...option });
    svg = chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
  const label = escapeXml(`${title}：${summary}`);
  svg = svg.replace(/^<svg /, `<svg role="img" aria-label="${label}" `).replace(/^(<svg[^>]*>)/, `$1<title>${escapeXml(title)}</title><desc>${escapeXml(summary)}</desc>`);
  return { title, svg };
}
type Titled = Omit<ReportChart, 'key'>;

const valueLabel = { show: true, fontFamily: CHART_FONT, fontSize: 14, color: '#222' };

/** Totals of the six outcome groups of table 三 (总计 column), in the official order. */
export function outcomeTotals(report: CompiledReport): { group: (typeof outcomeGroups)[number]; label: string; n: number }[] {
  const rows = report.json.table3.rows;
  return outcomeGroups.map((group) => ({
    group,
    label: outcomeGroupLabels[group],
    n: outcomeRowsOf(report.json.format)
      .filter((r) => outcomeGroupOf(r) === group)
      .reduce((a, r) => a + (rows[r]?.[6] ?? 0), 0),
  }));
}

/** Bar chart of the outcome groups （一）…（六） of table 三 (总计 column). */
export const outcomeChart = (report: CompiledReport): string => outcomes(report).svg;
function outcomes(report: CompiledReport): Titled {
  const data = outcomeTotals(report);
  const title = `${report.year}年政府信息公开申请办理结果`;
  return render(
    {
      grid: { left: 60, right: 30, top: 40, bottom: 50 },
      xAxis: { type: 'category', data: data.map((d) => d.label), axisLabel: { fontFamily: CHART_FONT, fontSize: 15 } },
      yAxis: { type: 'value', name: '件', minInterval: 1, axisLabel: { fontFamily: CHART_FONT } },
      series: [{ type: 'bar', name: '办理结果', data: data.map((d) => d.n), barMaxWidth: 56, label: { ...valueLabel, position: 'top' } }],
    },
    { width: WIDTH, height: 380 },
    title,
    data.map((d) => `${d.label}${d.n}件`).join('，'),
  );
}

/** Received, closed and carried forward per year (the last years up to the report's); null without data. */
export const trendChart = (report: CompiledReport): string | null => trend(report)?.svg ?? null;
function trend(report: CompiledReport): Titled | null {
  const years = [...report.trend].sort((a, b) => a.year - b.year);
  if (!years.length) return null;
  const series = [
    { name: '本年新收', values: years.map((t) => t.received) },
    { name: '本年办结', values: years.map((t) => t.closed) },
    { name: '结转下年度', values: years.map((t) => t.carriedForward) },
  ];
  const title = `${years[0]!.year === years.at(-1)!.year ? years[0]!.year : `${years[0]!.year}—${years.at(-1)!.year}`}年政府信息公开申请数量`;
  return render(
    {
      legend: { top: 8, textStyle: { fontFamily: CHART_FONT, fontSize: 15 } },
      grid: { left: 60, right: 30, top: 50, bottom: 40 },
      xAxis: { type: 'category', data: years.map((t) => `${t.year}年`), axisLabel: { fontFamily: CHART_FONT, fontSize: 15 } },
      yAxis: { type: 'value', name: '件', minInterval: 1, axisLabel: { fontFamily: CHART_FONT } },
      series: series.map((s) => ({ type: 'bar', name: s.name, data: s.values, barMaxWidth: 40, label: { ...valueLabel, position: 'top' } })),
    },
    { width: WIDTH, height: 380 },
    title,
    years.map((t) => `${t.year}年新收${t.received}件、办结${t.closed}件、结转${t.carriedForward}件`).join('；'),
  );
}

/** The agencies of a roll-up by applications received (总计), the top 20, as horizontal bars; null when not a roll-up. */
export const agenciesChart = (report: CompiledReport, top = 20): string | null => agencies(report, top)?.svg ?? null;
function agencies(report: CompiledReport, top: number): Titled | null {
  const parts = report.json.parts;
  if (!parts?.length) return null;
  const ranked = parts
    .map((p) => ({ name: p.name, n: p.table3.rows.received?.[6] ?? 0 }))
    .sort((a, b) => b.n - a.n || a.name.localeCompare(b.name, 'zh-CN'))
    .slice(0, top);
  const title = parts.length > top ? `各单位本年新收政府信息公开申请数量（前${top}位）` : '各单位本年新收政府信息公开申请数量';
  // Horizontal bars read top-down: the category axis is inverted so that the largest comes first.
  const longest = Math.max(...ranked.map((r) => r.name.length));
  return render(
    {
      grid: { left: Math.min(20 + longest * 14, 340), right: 50, top: 30, bottom: 30 },
      xAxis: { type: 'value', name: '件', minInterval: 1, axisLabel: { fontFamily: CHART_FONT } },
      yAxis: { type: 'category', inverse: true, data: ranked.map((r) => r.name), axisLabel: { fontFamily: CHART_FONT, fontSize: 13, interval: 0 } },
      series: [{ type: 'bar', name: '本年新收', data: ranked.map((r) => r.n), barMaxWidth: 22, label: { ...valueLabel, position: 'right' } }],
    },
    { width: WIDTH, height: 70 + ranked.length * 28 },
    title,
    ranked.map((r) => `${r.name}${r.n}件`).join('，'),
  );
}

/** Items published in the year by catalog kind (Chinese kind names), largest first; null when nothing was published. */
export const proactiveChart = (report: CompiledReport): string | null => proactive(report)?.svg ?? null;
function proactive(report: CompiledReport): Titled | null {
  const rows = report.publishedByKind.filter((k) => k.n > 0).sort((a, b) => b.n - a.n);
  if (!rows.length) return null;
  const names = rows.map((r) => (kindNames as Record<string, string>)[r.kind] ?? r.kind);
  return render(
    {
      grid: { left: 60, right: 30, top: 40, bottom: 70 },
      xAxis: { type: 'category', data: names, axisLabel: { fontFamily: CHART_FONT, fontSize: 12, interval: 0, rotate: names.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', name: '条', minInterval: 1, axisLabel: { fontFamily: CHART_FONT } },
      series: [{ type: 'bar', name: '主动公开', data: rows.map((r) => r.n), barMaxWidth: 56, label: { ...valueLabel, position: 'top' } }],
    },
    { width: WIDTH, height: 380 },
    `${report.year}年主动公开政府信息（按类别）`,
    rows.map((r, i) => `${names[i]}${r.n}条`).join('，'),
  );
}

/** Every chart that has something to show, in the order a reader meets them (proactive, outcomes, trend, agencies). */
export function reportCharts(report: CompiledReport): ReportChart[] {
  const all: [ChartKey, Titled | null][] = [
    ['proactive', proactive(report)],
    ['outcomes', outcomes(report)],
    ['trend', trend(report)],
    ['agencies', agencies(report, 20)],
  ];
  return all.flatMap(([key, c]) => (c ? [{ key, ...c }] : []));
}
