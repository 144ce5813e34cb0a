/**
 * The annual report as one self-contained HTML document (`gongkai report annual --out FILE.html`): the same report
 * body as the web page (views/ReportBody.tsx: sections 一…六, the official tables), inside a page of its own with
 * inline CSS (a print stylesheet included), the charts as inline SVG, a roll-up's table of every agency and the
 * balance checks — no script and no external file, so that it opens from a disk or an e-mail as it is. Chinese,
 * like the official report in every form.
 */
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { T } from '../../http/i18n/index.ts';
import { reportCharts } from './charts.ts';
import { failedChecks } from './checks.ts';
import type { ReportJson } from './format.ts';
import { checkRuleLabels } from './labels.ts';
import type { CompiledReport } from './model.ts';
import { formatNumber } from './placeholders.ts';
import { ReportBody } from './views/ReportBody.tsx';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const num = (v: number | undefined) => formatNumber(v ?? 0);

const CSS = `
:root { color-scheme: light; }
body { font-family: 'Noto Serif CJK SC', 'Source Han Serif SC', SimSun, serif; font-size: 16px; line-height: 1.8; color: #111; background: #fff; margin: 0; }
main { max-width: 62rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
h1 { font-size: 1.6rem; text-align: center; line-height: 1.5; margin: 1rem 0 2rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .75rem; font-family: 'Noto Sans CJK SC', 'Source Han Sans SC', SimHei, sans-serif; }
p { margin: .4rem 0; }
.report-document p { text-indent: 2em; text-align: justify; line-height: 1.9; }
.meta, .signature { text-indent: 0; }
.meta { text-align: center; color: #444; }
.signature { text-align: right; }
.table-wrap { overflow-x: auto; margin: .75rem 0; }
table { border-collapse: collapse; width: 100%; font-size: .9375rem; line-height: 1.45; }
caption { font-weight: bold; padding: .4rem; }
th, td { border: 1px solid #333; padding: .3rem .45rem; vertical-align: middle; }
thead th { text-align: center; }
tbody th { text-align: left; font-weight: normal; min-width: 14rem; }
td, .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.report-table3 thead th:first-child { font-size: .875rem; font-weight: normal; }
.report-table tr.level-1 th[scope='row'] { padding-left: 1.5rem; }
.report-table tr.level-2 th[scope='row'] { padding-left: 2.75rem; }
.report-table tr.row-heading th, tr.total th, tr.total td { font-weight: bold; }
figure { margin: 1.25rem 0; text-align: center; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: .9rem; }
.checks li.failed { color: #a00000; font-weight: bold; }
@media print {
  @page { size: A4; margin: 25mm 20mm; }
  main { max-width: none; padding: 0; }
  .table-wrap { overflow: visible; }
  th, td { border: .5pt solid #000; }
  table, figure { break-inside: avoid; }
  h2 { break-after: avoid; }
}
`;

/** A roll-up's agencies, one row each, with the whole as 合计. */
function partsHtml(json: ReportJson): string {
  const labels = ['单位', '本年新收', '上年结转', '本年办结', '结转下年度', '行政复议', '行政诉讼'];
  const line = (name: string, t3: ReportJson['table3'], t4: ReportJson['table4'], cls = '') =>
    `<tr${cls}><th scope="row">${esc(name)}</th>${(['received', 'carriedOver', 'total', 'carriedForward'] as const)
      .map((k) => `<td>${num(t3.rows[k]?.[6])}</td>`)
      .join('')}<td>${num(t4.reconsideration?.[4])}</td><td>${num((t4.litigationDirect?.[4] ?? 0) + (t4.litigationAfterReconsideration?.[4] ?? 0))}</td></tr>`;
  const rows = (json.parts ?? []).map((p) => line(p.name, p.table3, p.table4));
  rows.push(line('合计', json.table3, json.table4, ' class="total"'));
  return `<div class="table-wrap"><table><caption>各单位情况</caption><thead><tr>${labels.map((l) => `<th scope="col">${l}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function checksHtml(json: ReportJson): string {
  const failed = failedChecks(json.checks);
  const items = failed.length
    ? failed.map((c) => `<li class="failed">不相符：${esc(checkRuleLabels[c.rule] ?? c.rule)}（${esc(c.cells.join('、'))}${c.left !== undefined ? `：${num(c.left)} ≠ ${num(c.right)}` : ''}）</li>`).join('')
    : `<li>全部 ${json.checks.length} 项校验均相符。</li>`;
  return `<ul class="checks">${items}</ul>`;
}

/** The report as a complete HTML document (UTF-8, `lang="zh-CN"`); `t` is the zh-CN translator (table captions). */
export function reportHtmlDocument(report: CompiledReport, t: T): string {
  const { json } = report;
  const body = renderToString(h(ReportBody, { report, t }));
  const charts = reportCharts(report)
    .map((c, i) => `<figure>${c.svg}<figcaption>图${i + 1}　${esc(c.title)}</figcaption></figure>`)
    .join('\n');
  const sections = [
    charts ? `<section><h2>附：统计图表</h2>\n${charts}</section>` : '',
    json.parts?.length ? `<section><h2>附：各单位情况</h2>\n${partsHtml(json)}</section>` : '',
    `<section><h2>附：数据校验（勾稽关系）</h2>\n${checksHtml(json)}</section>`,
  ];
  const signature = report.publishedOn ? `<p class="signature">${esc(report.subject.name)}</p><p class="signature">${esc(report.publishedOn)}</p>` : '';
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Gongkai">
<title>${esc(report.title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<h1>${esc(report.title)}</h1>
${report.publication?.indexNo ? `<p class="meta">索引号：${esc(report.publication.indexNo)}</p>` : ''}
${body}
${sections.join('\n')}
${signature}
</main>
</body>
</html>
`;
}
