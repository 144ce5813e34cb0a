import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import { requirePrincipal } from '../../http/guards.ts';
import { sendPage } from '../../http/render.ts';
import type { Services } from '../../services.ts';
import { agencyKinds, auditScope, isAdmin, type AgencyKind } from './agency-tree.ts';
import { AdminHome, type AdminStats, type AuthorityArea } from './views/AdminHome.tsx';

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
    return sendPage(reply, h(AdminHome, { ctx: req.ctx, principal, tree, stats, areas, canAudit: auditScope(principal, tree) !== null }));
  });
}
