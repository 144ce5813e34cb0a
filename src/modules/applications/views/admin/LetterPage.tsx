/** A letter as a printable page (the official text is Chinese whatever the interface language). */
import type { RequestContext } from '../../../../http/context.ts';
import { Layout } from '../../../../http/views/Layout.tsx';
import type { LetterContent } from '../../letters.ts';
import { casePath, crumbs, letterPath } from './kit.tsx';

export function LetterPage({ ctx, caseId, trackingCode, letter, letterId }: { ctx: RequestContext; caseId: string; trackingCode: string; letter: LetterContent; letterId: string }) {
  const { t } = ctx;
  const file = letterPath(caseId, letterId);
  return (
    <Layout ctx={ctx} title={`${letter.title} ${letter.number}`} area="admin" crumbs={crumbs(ctx, { href: casePath(caseId), label: trackingCode }, { label: letter.number })}>
      <p class="no-print">
        <a href={casePath(caseId)}>{t('applicationsAdmin.letter.back')}</a> · <span class="hint">{t('applicationsAdmin.letter.print')}</span>
      </p>
      <ul class="link-list no-print">
        <li>
          <a href={`${file}.docx`}>{t('applicationsDownloads.letterDocx')}</a>
        </li>
        <li>
          <a href={`${file}.pdf`}>{t('applicationsDownloads.letterPdf')}</a>
        </li>
      </ul>
      <article class="letter" lang="zh-CN">
        <h1>{letter.title}</h1>
        <p class="letter-number">{letter.number}</p>
        <p>{letter.addressee}</p>
        {letter.paragraphs.map((p, i) => (
          <p key={i}>{p}</p>
        ))}
        <p class="letter-signature">{letter.agencyName}</p>
        <p class="letter-date">{letter.issuedOn}</p>
      </article>
    </Layout>
  );
}
