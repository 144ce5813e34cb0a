/** PDF could not be made (no browser on this server): say so and offer the print view and the DOCX. */
import type { RequestContext } from '../../../../http/context.ts';
import { Layout } from '../../../../http/views/Layout.tsx';

export function PdfUnavailablePage({ ctx, printHref, docxHref }: { ctx: RequestContext; printHref: string; docxHref: string }) {
  const { t } = ctx;
  const title = t('applicationsLetters.pdfUnavailable.title');
  const admin = ctx.url.startsWith('/admin');
  return (
    <Layout ctx={ctx} title={title} area={admin ? 'admin' : 'portal'} crumbs={admin ? undefined : [{ href: '/', label: t('nav.home') }, { label: title }]}>
      <section class="error-page" aria-labelledby="error-title">
        <h1 id="error-title">{title}</h1>
        <p class="error-message">{t('applicationsLetters.pdfUnavailable.message')}</p>
        <ul class="error-ways">
          <li>
            <a href={printHref}>{t('applicationsLetters.pdfUnavailable.printView')}</a>
          </li>
          <li>
            <a href={docxHref}>{t('applicationsLetters.pdfUnavailable.docx')}</a>
          </li>
        </ul>
      </section>
    </Layout>
  );
}
