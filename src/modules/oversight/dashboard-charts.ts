/**
 * The supervision dashboard's weekly trends as server-rendered SVG (ECharts, `ssr: true`, like reports/charts.ts):
 * publications published and published late, applications received and answered late, website checks failed, over
 * the last 12 ISO weeks. Each chart is an accessible image: role="img", an aria-label, <title> and <desc> in the
 * user's language giving every week's figures; the page embeds it as an <img> data URL (the CSP allows no inline
 * SVG script and the image needs none) with the same text as its alt.
 */
import * as echarts from 'echarts';
import type { T } from '../../http/i18n/index.ts';
import type { WeekPoint } from './dashboard.service.ts';

const FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";
const COLORS = ['#2f5597', '#c00000', '#548235'];
const WIDTH = 720;
const HEIGHT = 300;

export type TrendKey = 'publications' | 'applications' | 'websites';
export interface TrendChart {
  key: TrendKey;
  title: string;
  /** Every week's figures in words: the image's alt text (and the SVG's <desc>). */
  summary: string;
  svg: string;
}

const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

/** 'YYYY-Www' → 'Www' on the axis (the year is in the title's range). */
const shortWeek = (w: string) => w.slice(5);

function render(weeks: WeekPoint[], series: { name: string; values: number[]; type: 'bar' | 'line' }[], title: string, summary: string): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height: HEIGHT });
  let svg: string;
  try {
    chart.setOption({
      animation: false,
      color: COLORS,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: FONT, fontSize: 13, color: '#222' },
      legend: { top: 6, textStyle: { fontFamily: FONT, fontSize: 13 } },
      grid: { left: 50, right: 20, top: 44, bottom: 36 },
      xAxis: { type: 'category', data: weeks.map((w) => shortWeek(w.week)), axisLabel: { fontFamily: FONT, fontSize: 12, interval: 0 } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { fontFamily: FONT } },
      series: series.map((s) => ({ type: s.type, name: s.name, data: s.values, barMaxWidth: 28, symbolSize: 6, label: { show: s.type === 'bar', position: 'top', fontFamily: FONT, fontSize: 11, formatter: (p: { value: number }) => (p.value ? String(p.value) : '') } })),
    });
    svg = chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
  return svg.replace(/^<svg /, `<svg role="img" aria-label="${escapeXml(`${title}：${summary}`)}" `).replace(/^(<svg[^>]*>)/, `$1<title>${escapeXml(title)}</title><desc>${escapeXml(summary)}</desc>`);
}

/** The three trend charts for the weeks (oldest first). */
export function trendCharts(t: T, weeks: WeekPoint[]): TrendChart[] {
  const range = weeks.length ? t('oversight.dashboard.chart.range', { from: weeks[0]!.week, to: weeks.at(-1)!.week }) : '';
  const sep = t('oversight.dashboard.chart.separator');
  const defs: { key: TrendKey; title: string; series: { name: string; pick: (w: WeekPoint) => number; type: 'bar' | 'line' }[] }[] = [
    {
      key: 'publications',
      title: t('oversight.dashboard.chart.publications', { range }),
      series: [
        { name: t('oversight.dashboard.chart.published'), pick: (w) => w.published, type: 'bar' },
        { name: t('oversight.dashboard.chart.publishedLate'), pick: (w) => w.publishedLate, type: 'bar' },
      ],
    },
    {
      key: 'applications',
      title: t('oversight.dashboard.chart.applications', { range }),
      series: [
        { name: t('oversight.dashboard.chart.received'), pick: (w) => w.received, type: 'bar' },
        { name: t('oversight.dashboard.chart.answeredLate'), pick: (w) => w.answeredLate, type: 'bar' },
      ],
    },
    {
      key: 'websites',
      title: t('oversight.dashboard.chart.websites', { range }),
      series: [{ name: t('oversight.dashboard.chart.checksFailed'), pick: (w) => w.checksFailed, type: 'bar' }],
    },
  ];
  return defs.map((d) => {
    const summary = weeks
      .map((w) => t('oversight.dashboard.chart.week', { week: w.week, figures: d.series.map((s) => t('oversight.dashboard.chart.figure', { name: s.name, n: s.pick(w) })).join(t('oversight.dashboard.chart.comma')) }))
      .join(sep);
    const svg = render(
      weeks,
      d.series.map((s) => ({ name: s.name, type: s.type, values: weeks.map(s.pick) })),
      d.title,
      summary,
    );
    return { key: d.key, title: d.title, summary, svg };
  });
}

/** An SVG as an <img> source (the CSP forbids nothing here: a data: image runs no script). */
export const svgDataUrl = (svg: string) => `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
