import type { RequestContext } from '../context.ts';
import { Layout } from './Layout.tsx';

/** Any failure, in the site layout (or the back-office layout under /admin), with a way on. */
export function ErrorPage({ ctx, status, message, reference }: { ctx: RequestContext; status: number; message: string; reference?: string }) {
  const { t } = ctx;
  const title = status === 404 ? t('error.notFound.title') : status === 403 ? t('error.forbidden.title') : status >= 500 ? t('error.internal.title') : t('error.title');
  const admin = ctx.url.startsWith('/admin');
  return (
    <Layout ctx={ctx} title={title} area={admin ? 'admin' : 'portal'} crumbs={admin ? undefined : [{ href: '/', label: t('nav.home') }, { label: title }]}>
      <section class="error-page" aria-labelledby="error-title">
        <h1 id="error-title">{title}</h1>
        <p class="error-message">{message}</p>
        {reference && <p class="muted">{t('error.reference', { id: reference })}</p>}
        <ul class="error-ways">
          <li>
            <a href={admin ? '/admin' : '/'}>{admin ? t('portal.error.backAdmin') : t('error.backHome')}</a>
          </li>
          {!admin && status === 404 && (
            <>
              <li>
                <a href="/zwgk">{t('nav.disclosure')}</a>
              </li>
              <li>
                <a href="/agencies">{t('portal.error.agencies')}</a>
              </li>
              <li>
                <a href="/search">{t('portal.error.search')}</a>
              </li>
            </>
          )}
        </ul>
      </section>
    </Layout>
  );
}
