import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import { requirePrincipal } from '../../http/guards.ts';
import { todayInShanghai } from '../../kernel/calendar/index.ts';
import { sendPage } from '../../http/render.ts';
import type { Services } from '../../services.ts';
import { agencyKinds, auditScope, isAdmin, type AgencyKind, type AgencyTree, type Principal } from './agency-tree.ts';
import { AdminHome, type ReportDeadlines, type WebsiteFigures, type AdminStats, type AuthorityArea, type PublicationTasks, type TaskList } from './views/AdminHome.tsx';

/** Back office: the signed-in user's home — who they are, what they may do, and a short overview. */
export async function adminRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.get('/admin', async (req, reply) => {
    const principal = requirePrincipal(req);
    const tree = await services.agencies.tree();
    let stats: AdminStats | undefined;
    if (isAdmin(principal)) {
      const users = await services.users.list(principal);
      const now = services.clock.now().toISOString();
      const recent = await services.audit.list({ limit: 10, offset: 0 });
      stats = {
        agencies: tree.all().length,
        disabledAgencies: tree.all().filter((a) => a.disabled).length,
        users: users.length,
        lockedUsers: users.filter((u) => !u.disabled && u.lockedUntil && u.lockedUntil > now).length,
        disabledUsers: users.filter((u) => u.disabled).length,
        recent: recent.rows,
      };
    }
    const areas: AuthorityArea[] = principal.grants
      .filter((g) => g.role === 'authority' && g.agencyId && tree.byId.has(g.agencyId))
      .map((g) => {
        const government = tree.byId.get(g.agencyId!)!;
        const below = tree.subtree(government.id).slice(1);
        const byKind = Object.fromEntries(agencyKinds.map((k) => [k, below.filter((a) => a.kind === k).length])) as Record<AgencyKind, number>;
        return { government, total: below.length, byKind };
      });
    const publications = await publicationTasks(services, principal, tree);
    const applications = (await services.applications.summary(principal)) ?? undefined;
    const reports = await reportDeadlines(services, principal);
    const websites = await websiteFigures(services, principal, tree);
    return sendPage(reply, h(AdminHome, { ctx: req.ctx, principal, tree, stats, areas, canAudit: auditScope(principal, tree) !== null, publications, applications, reports, websites }));
  });
}

/**
 * The publishing part of the dashboard: drafts returned to the agencies the user edits for, items
 * waiting for the user's approval, and — for approvers, authorities and administrators — items
 * published late (Art. 26) and rules or normative documents still without an interpretation.
 */
async function publicationTasks(services: Services, principal: Principal, tree: AgencyTree): Promise<PublicationTasks | undefined> {
  const admin = isAdmin(principal);
  const direct = (role: string) => principal.grants.filter((g) => g.role === role && g.agencyId && tree.byId.has(g.agencyId)).map((g) => g.agencyId!);
  const editsFor = [...new Set([...direct('editor'), ...direct('approver')])];
  const approvesFor = direct('approver');
  const supervises = admin || principal.grants.some((g) => g.role === 'approver' || g.role === 'authority');
  if (!editsFor.length && !supervises) return undefined;
  const pubs = services.publications;
  const limit = 8;
  type Item = Awaited<ReturnType<typeof pubs.staffList>>['items'][number];
  const rows = (items: Item[]): TaskList['items'] =>
    items.slice(0, limit).map((p) => ({ id: p.id, title: p.title, agencyName: tree.byId.get(p.agencyId)?.name ?? '', publishedOn: p.publishedOn, timelinessDays: p.timelinessDays }));
  const out: PublicationTasks = {};
  if (editsFor.length) {
    const r = await pubs.staffList(principal, { statuses: ['returned'], agencyIds: editsFor, limit, offset: 0 });
    out.returned = { items: rows(r.items), total: r.total };
  }
  if (approvesFor.length) {
    const r = await pubs.staffList(principal, { statuses: ['submitted'], agencyIds: approvesFor, limit, offset: 0 });
    out.awaiting = { items: rows(r.items), total: r.total };
  }
  if (supervises) {
    const late = await pubs.staffList(principal, { statuses: ['published'], late: true, limit, offset: 0 });
    out.late = { items: rows(late.items), total: late.total };
    const missing = await pubs.missingInterpretations(principal);
    out.missing = { items: rows(missing), total: missing.length };
  }
  return out;
}

/** For an authority (or an administrator): last year's annual reports of the agencies in sight — overdue, unpublished, not started. */
/**
 * The website monitor for the home page: for those who supervise, the agencies whose latest website check failed;
 * for everyone, the rectifications in sight (open, overdue, replied and waiting for the next check). None: no panel.
 */
async function websiteFigures(services: Services, principal: Principal, tree: AgencyTree): Promise<WebsiteFigures | undefined> {
  const scope = auditScope(principal, tree);
  const rects = (await services.monitor.rectifications(principal, { status: ['open', 'replied'] })).map((r) => r.rectification);
  const states = scope ? await services.monitor.agencyStates(scope === 'all' ? 'all' : [...scope]) : null;
  const checked = states ? [...states.values()].filter((s) => s.verdict) : [];
  if (!rects.length && !checked.length) return undefined;
  return {
    supervises: !!scope,
    failed: checked.filter((s) => s.verdict === 'fail').length,
    checked: checked.length,
    open: rects.filter((r) => r.status === 'open').length,
    overdue: rects.filter((r) => r.overdue).length,
    replied: rects.filter((r) => r.status === 'replied').length,
  };
}

async function reportDeadlines(services: Services, principal: Principal): Promise<ReportDeadlines | undefined> {
  if (!isAdmin(principal) && !principal.grants.some((g) => g.role === 'authority')) return undefined;
  const year = Number(todayInShanghai(services.clock.now()).slice(0, 4)) - 1;
  const rows = await services.reports.deadlines(principal, year);
  return { year, overdue: rows.filter((r) => r.overdue).length, notPublished: rows.filter((r) => r.status !== 'published').length, missing: rows.filter((r) => r.status === 'none').length };
}
