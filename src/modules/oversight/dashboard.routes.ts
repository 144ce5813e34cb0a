/**
 * The supervision dashboard (监督概览):
 *   GET /admin/oversight[?year=&kind=&problems=1&sort=&dir=&fold=]   every agency the user supervises, as a tree
 *   GET /admin/oversight.xlsx[?year=&kind=&problems=1&sort=&dir=]    the same table as a spreadsheet
 *   GET /admin/oversight/agencies/:code[?year=]                       one agency's own figures and trends
 * A user who supervises nothing is sent to their own agency's dashboard. The service checks every right.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { requirePrincipal } from '../../http/guards.ts';
import { sendPage } from '../../http/render.ts';
import { str } from '../../http/views/AdminKit.tsx';
import { contentDisposition } from '../../kernel/downloads.ts';
import { errors } from '../../kernel/errors.ts';
import type { Services } from '../../services.ts';
import { agencyKinds, type AgencyKind } from '../agencies/index.ts';
import { trendCharts } from './dashboard-charts.ts';
import { dashboardXlsx } from './dashboard-xlsx.ts';
import { isDashboardSortKey, supervisedIds } from './dashboard.service.ts';
import { AgencyPage, OverviewPage } from './views/Dashboard.tsx';
import { agencyDashboardPath, dashboardPath, dashboardXlsxPath, type DashboardState } from './views/dashboard-kit.tsx';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function dashboardRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const dashboard = services.dashboard;

  /** The page's state from the query (unknown values are ignored). */
  function stateOf(req: FastifyRequest): DashboardState {
    const q = req.query as Record<string, unknown>;
    const rawYear = Number(str(q.year));
    const year = dashboard.yearOf(Number.isInteger(rawYear) ? rawYear : undefined);
    const kind = str(q.kind) ?? '';
    const sort = str(q.sort);
    const dir = str(q.dir);
    return {
      year,
      yearAsked: str(q.year) !== undefined && year === rawYear && year !== dashboard.currentYear(),
      kind: (agencyKinds as readonly string[]).includes(kind) ? (kind as AgencyKind) : '',
      problems: str(q.problems) === '1',
      sort: isDashboardSortKey(sort) ? sort : '',
      dir: dir === 'asc' || dir === 'desc' ? dir : '',
      fold: [...new Set((str(q.fold) ?? '').split(',').map((s) => s.trim()).filter(Boolean))].slice(0, 500),
    };
  }

  async function overviewOf(req: FastifyRequest) {
    const principal = requirePrincipal(req);
    const state = stateOf(req);
    const r = await dashboard.overview(principal, { year: state.year, kind: state.kind || undefined, problemsOnly: state.problems, sort: state.sort || undefined, dir: state.dir || undefined });
    return { state, r };
  }

  app.get(dashboardPath, async (req, reply) => {
    const { state, r } = await overviewOf(req);
    if (!r.supervising) {
      // Someone who supervises nothing sees their own agency.
      const own = r.own[0];
      if (!own) throw errors.forbidden('Only the staff of an agency see its dashboard');
      return reply.redirect(agencyDashboardPath(own.code, state.yearAsked ? state.year : undefined), 303);
    }
    return sendPage(
      reply,
      h(OverviewPage, { ctx: req.ctx, state, currentYear: dashboard.currentYear(), reportYear: r.reportYear, today: r.today, rows: r.rows, totals: r.totals, charts: trendCharts(req.ctx.t, r.trends) }),
    );
  });

  app.get(dashboardXlsxPath, async (req, reply) => {
    const { state, r } = await overviewOf(req);
    if (!r.supervising) throw errors.forbidden('Only a disclosure authority exports the dashboard');
    const { t } = req.ctx;
    const title = t('oversight.dashboard.xlsx.title', { year: state.year });
    const body = await dashboardXlsx(t, { title, year: state.year, reportYear: r.reportYear, rows: r.rows, totals: r.totals, sorted: r.sorted });
    return reply
      .headers({
        'content-type': XLSX_MIME,
        'content-disposition': contentDisposition(`${title}.xlsx`.replace(/[\\/:*?"<>|\r\n]+/g, '_')),
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-store',
      })
      .send(body);
  });

  app.get(`${dashboardPath}/agencies/:code`, async (req, reply) => {
    const principal = requirePrincipal(req);
    const { code } = req.params as { code: string };
    const state = stateOf(req);
    const r = await dashboard.agency(principal, code, { year: state.year });
    const tree = await services.agencies.tree();
    const s = supervisedIds(principal, tree);
    return sendPage(
      reply,
      h(AgencyPage, {
        ctx: req.ctx,
        year: r.year,
        yearAsked: state.yearAsked,
        currentYear: dashboard.currentYear(),
        reportYear: r.reportYear,
        today: r.today,
        row: r.row,
        parent: r.parent,
        children: r.children,
        charts: trendCharts(req.ctx.t, r.trends),
        supervising: s === 'all' || s.size > 0,
      }),
    );
  });
}
