/** Pieces shared by the applicant's pages: the deadline explanation and a letter read on screen. */
import type { RequestContext } from '../../../../http/context.ts';
import type { Crumb } from '../../../../http/views/Layout.tsx';
import { deadlineProvisionalMessage, deadlineStepMessages, type DeadlineResult } from '../../deadline.ts';
import type { LetterContent } from '../../letters.ts';

export const applyHome = '/apply';
export const agencyApplyHref = (code: string) => `/agencies/${encodeURIComponent(code)}/apply`;
export const trackHref = '/track';
export const caseHref = (code: string) => `/track/${encodeURIComponent(code)}`;

export function applyCrumbs(ctx: RequestContext, last?: Crumb[]): Crumb[] {
  return [{ href: '/', label: ctx.t('nav.home') }, { href: applyHome, label: ctx.t('applyPortal.title') }, ...(last ?? [])];
}

/** Every step of the due-date computation (receipt, rule set, restart, pauses, extension, due date). */
export function DeadlineSteps({ ctx, deadline }: { ctx: RequestContext; deadline: DeadlineResult }) {
  const { t } = ctx;
  return (
    <>
      <ol class="spaced deadline-steps">
        {deadline.steps.map((s, i) => (
          <li key={i}>{deadlineStepMessages(s).map((m) => t(m.key, m.params)).join(' ')}</li>
        ))}
      </ol>
      {deadline.provisional && <p class="hint">{(() => { const m = deadlineProvisionalMessage(deadline); return t(m.key, m.params); })()}</p>}
    </>
  );
}

/** A letter (告知书) as HTML: title, number, addressee, paragraphs, the agency and the date. */
export function LetterView({ ctx, letter, headingId }: { ctx: RequestContext; letter: LetterContent; headingId: string }) {
  return (
    <article class="letter" aria-labelledby={headingId} lang="zh-CN">
      <h3 id={headingId}>{letter.title}</h3>
      <p class="letter-number">{letter.number}</p>
      <p>{letter.addressee}</p>
      {letter.paragraphs.map((p, i) => (
        <p key={i}>{p}</p>
      ))}
      <p class="letter-sign">{ctx.t('applyPortal.letter.issued', { agency: letter.agencyName, date: letter.issuedOn })}</p>
    </article>
  );
}
