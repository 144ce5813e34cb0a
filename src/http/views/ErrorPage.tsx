import type { RequestContext } from '../context.ts';
import { Layout } from './Layout.tsx';

export function ErrorPage({ ctx, status, message, reference }: { ctx: RequestContext; status: number; message: string; reference?: string }) {
  const { t } = ctx;
  const title = status === 404 ? t('error.notFound.title') : status === 403 ? t('error.forbidden.title') : status >= 500 ? t('error.internal.title') : t('error.title');
  return (
    <Layout ctx={ctx} title={title} area={ctx.url.startsWith('/admin') ? 'admin' : 'portal'}>
      <section class="error-page">
        <h1>{title}</h1>
        <p>{message}</p>
        {reference && <p class="muted">{t('error.reference', { id: reference })}</p>}
        <p>
          <a href="/">{t('error.backHome')}</a>
        </p>
      </section>
    </Layout>
  );
}
