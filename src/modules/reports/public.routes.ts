/**
 * Published annual reports on the portal:
 *   GET /reports/annual/:code/:year[?scope=agency|rollup]          the report (charts, tables, texts, files)
 *   GET /reports/annual/:code/:year.docx | .xlsx | .json[?scope=]  its files
 *   GET /agencies/:code/reports                                    an agency's published reports
 * A report that is not published is "not found", like any unknown address.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { sendPage } from '../../http/render.ts';
import { str } from '../../http/views/AdminKit.tsx';
import { contentDisposition } from '../../kernel/downloads.ts';
import { errors } from '../../kernel/errors.ts';
import type { Services } from '../../services.ts';
import { reportDocx } from './docx.ts';
import { isReportFormat, type ReportFormat, type ReportScope } from './format.ts';
import type { CompiledReport } from './model.ts';
import { reportXlsx } from './xlsx.ts';
import { isComparisonColumn, type ComparisonColumn } from './views/ReportParts.tsx';
import { AgencyReportsPage, PublicReportPage } from './views/PublicPages.tsx';

export type ReportFileType = 'docx' | 'xlsx' | 'json';
const MIME: Record<ReportFileType, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
};

/** `:year` of a report address: '2025', or '2025.docx' / '.xlsx' / '.json' for its files. */
export function parseYearParam(raw: string): { year: number; ext: ReportFileType | null } {
  const m = /^(\d{4})(?:\.(docx|xlsx|json))?$/.exec(raw);
  if (!m) throw errors.notFound('page', raw);
  return { year: Number(m[1]), ext: (m[2] as ReportFileType | undefined) ?? null };
}

export function scopeParam(q: Record<string, unknown>): ReportScope | undefined {
  const s = str(q.scope);
  return s === 'agency' || s === 'rollup' ? s : undefined;
}
export function formatParam(q: Record<string, unknown>): ReportFormat | undefined {
  const f = str(q.format);
  return isReportFormat(f) ? f : undefined;
}
export function sortParam(q: Record<string, unknown>): ComparisonColumn | 'name' {
  const s = str(q.sort);
  return s === 'name' || isComparisonColumn(s) ? s : 'received';
}

/** A report as a file: Word (to edit, file and print), Excel (the tables) or JSON (the machine shape). */
export async function sendReportFile(reply: FastifyReply, report: CompiledReport, ext: ReportFileType, cache: 'private' | 'public') {
  const body = ext === 'docx' ? await reportDocx(report) : ext === 'xlsx' ? await reportXlsx(report) : Buffer.from(`${JSON.stringify(report.json, null, 2)}\n`, 'utf8');
  const name = `${report.title}${report.scope === 'rollup' && report.subject.kind !== 'government' ? '（汇总）' : ''}.${ext}`.replace(/[\\/:*?"<>|\r\n]+/g, '_');
  return reply
    .headers({
      'content-type': MIME[ext],
      'content-disposition': contentDisposition(name),
      'x-content-type-options': 'nosniff',
      'cache-control': cache === 'private' ? 'private, no-store' : 'public, max-age=300',
    })
    .send(body);
}

export async function reportsPublicRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const reports = services.reports;

  async function publicAgency(code: string) {
    const agency = (await services.agencies.tree()).byCode.get(code);
    if (!agency || agency.disabled) throw errors.notFound('agency', code);
    return agency;
  }

  app.get('/reports/annual/:code/:year', async (req: FastifyRequest, reply) => {
    const { code, year: raw } = req.params as { code: string; year: string };
    const { year, ext } = parseYearParam(raw);
    const q = req.query as Record<string, unknown>;
    const scope = scopeParam(q);
    const agency = await publicAgency(code);
    const report = await reports.published(code, year, scope);
    if (ext) return sendReportFile(reply, report, ext, 'public');
    const tree = await services.agencies.tree();
    const names = new Map(tree.all().map((a) => [a.code, a.name]));
    const scopeInUrl = scope !== undefined && scope !== reports.defaultScopeOf(agency);
    const canonical = `${req.protocol}://${req.host}/reports/annual/${encodeURIComponent(code)}/${year}${scopeInUrl ? `?scope=${scope}` : ''}`;
    return sendPage(reply, h(PublicReportPage, { ctx: req.ctx, report, agency, scopeInUrl, sort: sortParam(q), names, canonical }));
  });

  app.get('/agencies/:code/reports', async (req, reply) => {
    const { code } = req.params as { code: string };
    const agency = await publicAgency(code);
    const list = await reports.publishedList(code);
    return sendPage(reply, h(AgencyReportsPage, { ctx: req.ctx, agency, reports: list }));
  });
}
