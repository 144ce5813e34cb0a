/**
 * The body of the catalog publication a published report becomes: sections 一…六 with the resolved texts and the
 * three tables (or the legacy statistics) as plain HTML tables — only what the catalog's sanitiser keeps
 * (catalog/sanitize.ts: h2/h3, p, br, table, caption, thead, tbody, tr, th with colspan/rowspan/scope, td with
 * colspan/rowspan, a with a local href) — and a link to the report's own page (charts, Word, Excel, JSON).
 * The publication is the official Chinese document, so its words come from the Chinese catalog.
 */
import { h } from 'preact';
import { render } from 'preact-render-to-string';
import { translator } from '../../../http/i18n/index.ts';
import type { CompiledReport } from '../model.ts';
import { ReportBody } from './ReportBody.tsx';
import { publicReportPath } from './kit.tsx';

export function reportCatalogBody(report: CompiledReport): string {
  const t = translator('zh-CN');
  const defaultScope = report.subject.kind === 'government' ? 'rollup' : 'agency';
  const href = publicReportPath(report.subject.code, report.year, report.scope === defaultScope ? null : report.scope);
  const body = render(h(ReportBody, { report, t, plain: true, href }));
  const link = render(h('p', null, h('a', { href }, t('reports.catalog.link'))));
  return body + link;
}
