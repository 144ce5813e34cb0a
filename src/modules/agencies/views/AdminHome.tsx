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

/** One list of the publishing panel (items of the catalog, as the dashboard shows them). */
export interface TaskList {
  items: { id: string; title: string; agencyName: string; publishedOn: string | null; timelinessDays: number | null }[];
  total: number;
}
/** The publishing panel: only the lists the user's roles call for are present. */
export interface PublicationTasks {
  returned?: TaskList;
  awaiting?: TaskList;
  late?: TaskList;
  missing?: TaskList;
}

function TaskSection({ ctx, id, title, hint, list, all, showDays }: { ctx: RequestContext; id: string; title: string; hint?: string; list: TaskList; all: string; showDays?: boolean }) {
  const { t } = ctx;
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>
        {title}
        <span class="muted">（{t('catalogAdmin.dashboard.count', { count: list.total })}）</span>
      </h3>
      {hint && <p class="hint">{hint}</p>}
      {list.items.length ? (
        <ul class="link-list task-list">
          {list.items.map((p) => (
            <li key={p.id}>
              <a href={`/admin/publications/${encodeURIComponent(p.id)}`}>{p.title}</a>
              <span class="muted">
                {' — '}
                {p.agencyName}
                {p.publishedOn ? ` · ${p.publishedOn}` : ''}
                {showDays && p.timelinessDays !== null ? ` · ${t('catalogAdmin.dashboard.days', { days: p.timelinessDays })}` : ''}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('catalogAdmin.dashboard.none')}</p>
      )}
      {list.total > list.items.length && (
        <p class="more-link">
          <a href={all}>{t('catalogAdmin.dashboard.all')}</a>
        </p>
      )}
    </section>
  );
}

function PublicationPanel({ ctx, tasks }: { ctx: RequestContext; tasks: PublicationTasks }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="home-publications">
      <h2 id="home-publications">{t('catalogAdmin.dashboard.title')}</h2>
      {tasks.returned && <TaskSection ctx={ctx} id="home-pub-returned" title={t('catalogAdmin.dashboard.returned')} list={tasks.returned} all="/admin/publications?status=returned" />}
      {tasks.awaiting && <TaskSection ctx={ctx} id="home-pub-awaiting" title={t('catalogAdmin.dashboard.awaiting')} list={tasks.awaiting} all="/admin/publications?status=submitted" />}
      {tasks.late && <TaskSection ctx={ctx} id="home-pub-late" title={t('catalogAdmin.dashboard.late')} hint={t('catalogAdmin.dashboard.lateHint')} list={tasks.late} all="/admin/publications?status=published&late=1" showDays />}
      {tasks.missing && <TaskSection ctx={ctx} id="home-pub-missing" title={t('catalogAdmin.dashboard.missing')} hint={t('catalogAdmin.dashboard.missingHint')} list={tasks.missing} all="/admin/publications?missing=1" />}
      <p class="more-link">
        <a href="/admin/publications">{t('catalogAdmin.dashboard.list')}</a>
      </p>
    </section>
  );
}

/** Disclosure applications in the user's scope: what is open, due within 3 working days, overdue. */
export interface ApplicationFigures {
  open: number;
  dueSoon: number;
  overdue: number;
}

function ApplicationsPanel({ ctx, figures }: { ctx: RequestContext; figures: ApplicationFigures }) {
  const { t } = ctx;
  const rows: { key: string; count: number; href: string; cls?: string }[] = [
    { key: 'overdue', count: figures.overdue, href: '/admin/applications?urgency=overdue', cls: figures.overdue ? 'badge badge-late' : undefined },
    { key: 'dueSoon', count: figures.dueSoon, href: '/admin/applications?urgency=dueSoon' },
    { key: 'open', count: figures.open, href: '/admin/applications' },
  ];
  return (
    <section aria-labelledby="home-applications">
      <h2 id="home-applications">{t('admin.home.applications.title')}</h2>
      <ul class="link-list">
        {rows.map((r) => (
          <li key={r.key}>
            <a href={r.href}>{t(`admin.home.applications.${r.key}`)}</a> <span class={r.cls}>{t('catalogAdmin.dashboard.count', { count: r.count })}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Annual reports of last year in the authority's area: agencies overdue, and not yet published or not yet started. */
export interface ReportDeadlines {
  year: number;
  overdue: number;
  notPublished: number;
  missing: number;
}

function ReportsPanel({ ctx, figures }: { ctx: RequestContext; figures: ReportDeadlines }) {
  const { t } = ctx;
  const href = `/admin/reports?year=${figures.year}`;
  const rows: { key: string; count: number; cls?: string }[] = [
    { key: 'overdue', count: figures.overdue, cls: figures.overdue ? 'badge badge-late' : undefined },
    { key: 'notPublished', count: figures.notPublished },
    { key: 'missing', count: figures.missing },
  ];
  return (
    <section aria-labelledby="home-reports">
      <h2 id="home-reports">{t('reports.home.title', { year: figures.year })}</h2>
      <ul class="link-list">
        {rows.map((r) => (
          <li key={r.key}>
            {t(`reports.home.${r.key}`)} <span class={r.cls}>{t('reports.home.count', { count: r.count })}</span>
          </li>
        ))}
      </ul>
      <p class="more-link">
        <a href={href}>{t('reports.home.link')}</a>
      </p>
    </section>
  );
}

/** The website monitor: agencies whose latest check failed (for supervisors) and rectifications in sight. */
export interface WebsiteFigures {
  supervises: boolean;
  failed: number;
  checked: number;
  open: number;
  overdue: number;
  replied: number;
}

function WebsitesPanel({ ctx, figures }: { ctx: RequestContext; figures: WebsiteFigures }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="home-websites">
      <h2 id="home-websites">{t('oversight.home.title')}</h2>
      <ul class="link-list">
        {figures.supervises && (
          <li>
            <a href="/admin/oversight?sort=website">{t('oversight.home.failed')}</a> <span class={figures.failed ? 'badge badge-late' : undefined}>{t('oversight.home.failedCount', { failed: figures.failed, checked: figures.checked })}</span>
          </li>
        )}
        <li>
          <a href="/admin/monitor/rectifications?status=open">{t('oversight.home.open')}</a> <span class={figures.overdue ? 'badge badge-late' : undefined}>{t('oversight.home.openCount', { count: figures.open, overdue: figures.overdue })}</span>
        </li>
        <li>
          <a href="/admin/monitor/rectifications?status=replied">{t('oversight.home.replied')}</a> {t('oversight.home.count', { count: figures.replied })}
        </li>
      </ul>
    </section>
  );
}

export function AdminHome({ ctx, principal, tree, stats, areas, canAudit, publications, applications, reports, websites }: { ctx: RequestContext; principal: Principal; tree: AgencyTree; stats?: AdminStats; areas: AuthorityArea[]; canAudit: boolean; publications?: PublicationTasks; applications?: ApplicationFigures; reports?: ReportDeadlines; websites?: WebsiteFigures }) {
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

      {applications && <ApplicationsPanel ctx={ctx} figures={applications} />}
      {publications && <PublicationPanel ctx={ctx} tasks={publications} />}
      {reports && <ReportsPanel ctx={ctx} figures={reports} />}
      {websites && <WebsitesPanel ctx={ctx} figures={websites} />}

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
