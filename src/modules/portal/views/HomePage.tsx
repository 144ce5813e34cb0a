import type { RequestContext } from '../../../http/context.ts';
import { Layout } from '../../../http/views/Layout.tsx';
import type { AgencyTree } from '../../agencies/index.ts';

export function HomePage({ ctx, tree }: { ctx: RequestContext; tree: AgencyTree }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('nav.home')} column={{ name: t('nav.home'), description: ctx.site.siteName, keywords: t('nav.disclosure'), type: '首页' }}>
      <h1>{ctx.site.siteName}</h1>
      <ul>
        {tree.roots().map((a) => (
          <li key={a.id}>
            <a href={`/agencies/${encodeURIComponent(a.code)}`}>{a.name}</a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
