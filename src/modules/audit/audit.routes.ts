import type { FastifyInstance, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { requirePrincipal } from '../../http/guards.ts';
import { sendPage } from '../../http/render.ts';
import { actionLabel, formatInstantSeconds, shanghaiDayStart, str } from '../../http/views/AdminKit.tsx';
import type { RequestContext } from '../../http/context.ts';
import { errors } from '../../kernel/errors.ts';
import { addDays, isIsoDate } from '../../kernel/calendar/index.ts';
import type { Services } from '../../services.ts';
import { auditScope, type AgencyTree } from '../agencies/index.ts';
import type { AuditQuery, AuditRow } from './audit.repository.ts';
import { AuditPage } from './views/AuditPage.tsx';
import { detailText, type AuditFilters } from './views/audit-format.ts';

export const AUDIT_PAGE_SIZE = 50;
const CSV_MAX_ROWS = 100_000;

/** Filters from the query string; a bad date is reported next to its field and not applied. */
function parseFilters(ctx: RequestContext, query: Record<string, unknown>): { filters: AuditFilters; errors: Record<string, string> } {
  const errs: Record<string, string> = {};
  const clean = (v: unknown, max: number) => (str(v) ?? '').trim().slice(0, max);
  const filters: AuditFilters = {
    action: clean(query.action, 64),
    actor: clean(query.actor, 64),
    from: clean(query.from, 10),
    to: clean(query.to, 10),
    page: Math.max(1, Math.min(100_000, Number.parseInt(clean(query.page, 6), 10) || 1)),
  };
  for (const f of ['from', 'to'] as const) {
    if (filters[f] && !isIsoDate(filters[f])) {
      errs[f] = ctx.t('validation.date');
      filters[f] = '';
    }
  }
  if (filters.from && filters.to && filters.to < filters.from) errs.to = ctx.t('admin.audit.toBeforeFrom');
  return { filters, errors: errs };
}

function csvCell(v: string): string {
  // Spreadsheets run cells that start with these as formulas.
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The audit log: administrators see everything; authorities and inspectors the agencies below them and their users. */
export async function auditRoutes(app: FastifyInstance, { services }: { services: Services }) {
  /** The principal's part of the log, or 403. Entries without an agency (sign-ins …) reach non-administrators only when they concern a user of their agencies. */
  async function scope(req: FastifyRequest): Promise<{ tree: AgencyTree; query: Pick<AuditQuery, 'agencyIds' | 'alsoUserTargets'>; all: boolean }> {
    const principal = requirePrincipal(req);
    const tree = await services.agencies.tree();
    const s = auditScope(principal, tree);
    if (!s) throw errors.forbidden('The audit log is for administrators, disclosure authorities and inspectors');
    if (s === 'all') return { tree, query: { agencyIds: 'all' }, all: true };
    return { tree, query: { agencyIds: [...s], alsoUserTargets: await services.users.userIdsInAgencies(s) }, all: false };
  }

  function toQuery(f: AuditFilters): Omit<AuditQuery, 'limit' | 'offset'> {
    return {
      action: f.action || undefined,
      actor: f.actor || undefined,
      from: f.from ? shanghaiDayStart(f.from) : undefined,
      to: f.to ? shanghaiDayStart(addDays(f.to, 1)) : undefined,
    };
  }

  app.get('/admin/audit', async (req, reply) => {
    const { tree, query, all } = await scope(req);
    const { filters, errors: errs } = parseFilters(req.ctx, req.query as Record<string, unknown>);
    const base = { ...toQuery(filters), ...query };
    let result = await services.audit.list({ ...base, limit: AUDIT_PAGE_SIZE, offset: (filters.page - 1) * AUDIT_PAGE_SIZE });
    const pages = Math.max(1, Math.ceil(result.total / AUDIT_PAGE_SIZE));
    if (filters.page > pages) {
      filters.page = pages;
      result = await services.audit.list({ ...base, limit: AUDIT_PAGE_SIZE, offset: (pages - 1) * AUDIT_PAGE_SIZE });
    }
    const actions = await services.audit.actions();
    if (filters.action && !actions.includes(filters.action)) actions.push(filters.action);
    return sendPage(reply, h(AuditPage, { ctx: req.ctx, tree, rows: result.rows, total: result.total, pages, filters, errors: errs, actions, all }));
  });

  app.get('/admin/audit.csv', async (req, reply) => {
    const { tree, query } = await scope(req);
    const { t } = req.ctx;
    const { filters } = parseFilters(req.ctx, req.query as Record<string, unknown>);
    const base = { ...toQuery(filters), ...query };
    const rows: AuditRow[] = [];
    for (let offset = 0; offset < CSV_MAX_ROWS; offset += 1000) {
      const page = await services.audit.list({ ...base, limit: 1000, offset });
      rows.push(...page.rows);
      if (page.rows.length < 1000) break;
    }
    const header = ['at', 'actor', 'action', 'actionCode', 'targetType', 'target', 'agency', 'agencyCode', 'ip', 'detail'].map((c) => t(`admin.audit.csv.${c}`));
    const lines = [header, ...rows.map((r) => {
      const agency = r.agencyId ? tree.byId.get(r.agencyId) : undefined;
      return [formatInstantSeconds(r.at), r.actorName ?? '', actionLabel(req.ctx, r.action), r.action, r.targetType ?? '', r.targetLabel ?? r.targetId ?? '', agency?.name ?? '', agency?.code ?? '', r.ip ?? '', detailText(r.detail)];
    })];
    const body = `\uFEFF${lines.map((l) => l.map(csvCell).join(',')).join('\r\n')}\r\n`;
    const stamp = formatInstantSeconds(services.clock.now().toISOString()).replace(/\D/g, '').slice(0, 12);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="audit-${stamp}.csv"`)
      .header('cache-control', 'no-store')
      .send(body);
  });
}
