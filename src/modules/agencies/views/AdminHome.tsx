import type { RequestContext } from '../../../http/context.ts';
import { Layout } from '../../../http/views/Layout.tsx';
import type { AgencyTree, Principal } from '../agency-tree.ts';

export function AdminHome({ ctx, principal, tree }: { ctx: RequestContext; principal: Principal; tree: AgencyTree }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('admin.home.title')} area="admin">
      <h1>{t('admin.home.title')}</h1>
      <p>{t('admin.home.welcome', { name: principal.displayName })}</p>
      <h2>{t('admin.home.roles')}</h2>
      <ul class="role-list">
        {principal.grants.map((g, i) => (
          <li key={i}>
            {t(`role.${g.role}`)}
            {g.agencyId ? ` · ${tree.byId.get(g.agencyId)?.name ?? ''}` : ''}
          </li>
        ))}
      </ul>
    </Layout>
  );
}
