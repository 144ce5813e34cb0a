/**
 * The body of the catalog publication a published weekly spot-check report becomes: the report's sections (summary,
 * failed sites with their items and the first pieces of evidence, deductions, sites not checked, the request to
 * rectify) as plain HTML — only what the catalog's sanitiser keeps (catalog/sanitize.ts: h2, p, br, ul, li, table,
 * caption, thead, tbody, tr, th with scope, td, a). The report has no public page of its own (the DOCX is the
 * back office's), so the body links nowhere else. The publication is the office's Chinese document: its words come
 * from the Chinese catalog.
 */
import { h } from 'preact';
import { render } from 'preact-render-to-string';
import { translator } from '../../../http/i18n/index.ts';
import type { SpotCheckReport } from '../monitor-types.ts';
import { SpotCheckBody } from './MonitorSpotCheckPages.tsx';

export function spotCheckCatalogBody(report: SpotCheckReport): string {
  return render(h(SpotCheckBody, { report, t: translator('zh-CN'), plain: true }));
}
