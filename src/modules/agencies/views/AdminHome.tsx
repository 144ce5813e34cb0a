import type { RequestContext } from '../../../http/context.ts';
import { Layout } from '../../../http/views/Layout.tsx';
import { actionLabel, formatInstantSeconds, TableWrap } from '../../../http/views/AdminKit.tsx';
import type { AuditRow } from '../../audit/index.ts';
import { agencyKinds, isAdmin, type Agency, type AgencyKind, type AgencyTree, type Principal } from '../agency-tree.ts';

export interface AdminStats {
  agencies: number;
  disabledAgencies: number;
  users: number;
  lockedUsers: number;
  disabledUsers: number;
  recent: AuditRow[];
}

export interface AuthorityArea {
  government: Agency;
  total: number;
  byKind: Record<AgencyKind, number>;
}

export function AdminHome({ ctx, principal, tree, stats, areas, canAudit }: { ctx: RequestContext; principal: Principal; tree: AgencyTree; stats?: AdminStats; areas: AuthorityArea[]; canAudit: boolean }) {
  const { t } = ctx;
  const admin = isAdmin(principal);
  const isAuthority = principal.grants.some((g) => g.role === 'authority');
  const editsAgencies = principal.grants.some((g) => g.role === 'editor');
  const links: { href: string; label: string; hint: string }[] = [
    { href: '/admin/agencies', label: t('admin.nav.agencies'), hint: admin ? t('admin.home.link.agenciesAdmin') : isAuthority ? t('admin.home.link.agenciesAuthority') : editsAgencies ? t('admin.home.link.agenciesEditor') : t('admin.home.link.agenciesView') },
    ...(admin ? [{ href: '/admin/users', label: t('admin.nav.users'), hint: t('admin.home.link.users') }] : []),
    ...(canAudit ? [{ href: '/admin/audit', label: t('admin.nav.audit'), hint: admin ? t('admin.home.link.auditAll') : t('admin.home.link.auditScope') }] : []),
    { href: '/admin/calendar', label: t('admin.nav.calendar'), hint: admin ? t('admin.home.link.calendarAdmin') : t('admin.home.link.calendarView') },
    ...(admin ? [{ href: '/admin/site', label: t('admin.nav.site'), hint: t('admin.home.link.site') }] : []),
    { href: '/admin/account', label: t('admin.account.title'), hint: t('admin.home.link.account') },
  ];
  return (
    <Layout ctx={ctx} title={t('admin.home.title')} area="admin">
      <h1>{t('admin.home.title')}</h1>
      <p>{t('admin.home.welcome', { name: principal.displayName })}</p>
      <p class="muted">{t('admin.home.signedInAs', { username: principal.username })}</p>

      <section aria-labelledby="home-roles">
        <h2 id="home-roles">{t('admin.home.roles')}</h2>
        {principal.grants.length ? (
          <ul class="role-list">
            {principal.grants.map((g, i) => (
              <li key={i}>
                {t(`role.${g.role}`)}
                {g.agencyId ? ` · ${tree.byId.get(g.agencyId)?.name ?? ''}` : ''}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('admin.home.noRoles')}</p>
        )}
      </section>

      <section aria-labelledby="home-tasks">
        <h2 id="home-tasks">{t('admin.home.tasks')}</h2>
        <ul class="link-list">
          {links.map((l) => (
            <li key={l.href}>
              <a href={l.href}>{l.label}</a>
              <span class="muted"> — {l.hint}</span>
            </li>
          ))}
        </ul>
      </section>

      {stats && (
        <section aria-labelledby="home-stats">
          <h2 id="home-stats">{t('admin.home.overview')}</h2>
          <dl class="stat-list">
            <div class="stat">
              <dt>{t('admin.home.stat.agencies')}</dt>
              <dd>
                <a href="/admin/agencies">{stats.agencies}</a>
                {stats.disabledAgencies > 0 && <span class="muted">{t('admin.home.stat.ofWhichDisabled', { count: stats.disabledAgencies })}</span>}
              </dd>
            </div>
            <div class="stat">
              <dt>{t('admin.home.stat.users')}</dt>
              <dd>
                <a href="/admin/users">{stats.users}</a>
                {stats.disabledUsers > 0 && <span class="muted">{t('admin.home.stat.ofWhichDisabled', { count: stats.disabledUsers })}</span>}
              </dd>
            </div>
            <div class="stat">
              <dt>{t('admin.home.stat.locked')}</dt>
              <dd>{stats.lockedUsers}</dd>
            </div>
          </dl>
          <h3>{t('admin.home.recent')}</h3>
          {stats.recent.length ? (
            <TableWrap label={t('admin.home.recent')}>
              <table class="data-table">
                <thead>
                  <tr>
                    <th scope="col">{t('admin.audit.col.at')}</th>
                    <th scope="col">{t('admin.audit.col.actor')}</th>
                    <th scope="col">{t('admin.audit.col.action')}</th>
                    <th scope="col">{t('admin.audit.col.target')}</th>
                  </tr>
                </thead>
                <tbody>
                  {stats.recent.map((r) => (
                    <tr key={r.id}>
                      <td>{formatInstantSeconds(r.at)}</td>
                      <td>{r.actorName ?? ''}</td>
                      <td>{actionLabel(ctx, r.action)}</td>
                      <td>{r.targetLabel ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          ) : (
            <p>{t('admin.audit.none')}</p>
          )}
          <p>
            <a href="/admin/audit">{t('admin.home.allAudit')}</a>
          </p>
        </section>
      )}

      {areas.map((area) => (
        <section key={area.government.id} aria-labelledby={`area-${area.government.id}`}>
          <h2 id={`area-${area.government.id}`}>{t('admin.home.area', { name: area.government.name })}</h2>
          <p>{t('admin.home.areaTotal', { count: area.total })}</p>
          <ul>
            {agencyKinds.map((k) => (
              <li key={k}>
                {t(`kind.${k}`)}：{area.byKind[k]}
              </li>
            ))}
          </ul>
          <p>
            <a href="/admin/agencies">{t('admin.home.areaLink')}</a>
          </p>
        </section>
      ))}
    </Layout>
  );
}
