import type { CompiledReport } from '../model.ts';

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** The catalog publication's body of a published report (the catalog sanitises it). TEMPORARY: the views helper replaces this. */
export function reportCatalogBody(report: CompiledReport): string {
  return [report.resolved.overview, report.resolved.problems, report.resolved.other].map((t) => `<p>${esc(t)}</p>`).join('');
}
