/** The applicant's status pages: sign in with tracking code + password, then the case as they may see it. */
import type { RequestContext } from '../../../../http/context.ts';
import { Layout } from '../../../../http/views/Layout.tsx';
import { CsrfField, ErrorSummary, FormActions, TextArea, TextField, type FormErrors } from '../../../../http/views/forms.tsx';
import type { Agency } from '../../../agencies/index.ts';
import { agencyName } from '../../../portal/index.ts';
import type { FileRow, LetterRow } from '../../applications.repository.ts';
import type { CaseState } from '../../case-state.ts';
import type { LetterContent } from '../../letters.ts';
import type { StoredEvent } from '../../types.ts';
import { applyCrumbs, caseHref, DeadlineSteps, LetterView, trackHref } from './parts.tsx';

/** /track: tracking code + password. */
export function TrackLoginPage({ ctx, code, problem }: { ctx: RequestContext; code: string; problem?: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('applyPortal.track.title')} crumbs={applyCrumbs(ctx, [{ label: t('applyPortal.track.title') }])}>
      <h1>{t('applyPortal.track.title')}</h1>
      {problem && (
        <div class="error-summary" role="alert" id="form-problem" tabIndex={-1}>
          <p>{problem}</p>
        </div>
      )}
      <p class="lead">{t('applyPortal.track.lead')}</p>
      <form method="post" action={trackHref} class="form">
        <CsrfField ctx={ctx} />
        <TextField name="code" label={t('applyPortal.track.code')} value={code} required autocomplete="off" maxLength={40} />
        <TextField name="password" label={t('applyPortal.track.password')} type="password" required autocomplete="current-password" maxLength={40} />
        <FormActions>
          <button type="submit" class="button primary">
            {t('applyPortal.track.submit')}
          </button>
        </FormActions>
      </form>
    </Layout>
  );
}

export interface ApplicantCase {
  row: { id: string; trackingCode: string; channel: string; submittedOn: string; description: string; form: string; delivery: string; applicantType: string };
  agency: Agency;
  state: CaseState;
  events: StoredEvent[];
  letters: LetterRow[];
  files: FileRow[];
}

function eventDetail(ctx: RequestContext, e: StoredEvent): string | null {
  const { t } = ctx;
  switch (e.type) {
    case 'correctionRequested':
      return t('applyPortal.status.eventDetail.correction', { what: e.data.what, until: e.data.until });
    case 'feeNotified':
      return t('applyPortal.status.eventDetail.fee', { amount: e.data.amount });
    case 'extended':
      return t('applyPortal.status.eventDetail.extended', { days: e.data.days });
    case 'answered':
      return t(`applications.outcome.${e.data.outcome}`);
    case 'consultationStarted':
      return t(`applications.party.${e.data.party}`);
    case 'delivered':
      return t(`applications.delivery.${e.data.method}`);
    case 'submitted':
      return t(`applications.channel.${e.data.channel}`);
    case 'applicantMessage':
      return t('applyPortal.status.eventDetail.message', { text: e.data.text });
    default:
      return null;
  }
}

const formatSize = (n: number) => (n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${Math.round(n / 1024)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

export interface StatusProps {
  ctx: RequestContext;
  view: ApplicantCase;
  /** Files the applicant may download (released ones and their own). */
  files: FileRow[];
  errors: FormErrors;
  correctionText: string;
  notice?: string;
  receiptDownloads: boolean;
}

/** /track/:code: the case as the applicant may see it. */
export function StatusPage({ ctx, view, files, errors, correctionText, notice, receiptDownloads }: StatusProps) {
  const { t } = ctx;
  const { row, state } = view;
  const code = row.trackingCode;
  const title = t('applyPortal.status.title', { code });
  const correcting = state.status === 'correcting' && state.correction && !state.correction.correctedOn;
  const letters = view.letters.map((l) => ({ id: l.id, content: JSON.parse(l.content) as LetterContent }));
  return (
    <Layout ctx={ctx} title={title} crumbs={applyCrumbs(ctx, [{ href: trackHref, label: t('applyPortal.track.title') }, { label: code }])}>
      <h1>{title}</h1>
      {notice && (
        <p class="notice-box" role="status">
          {notice}
        </p>
      )}
      <ErrorSummary ctx={ctx} errors={errors} labels={{ text: t('applyPortal.status.correctionText'), files: t('applyPortal.status.correctionFiles') }} />
      <h2>{t('applyPortal.status.summary')}</h2>
      <dl class="contact-list">
        <div>
          <dt>{t('applyPortal.status.status')}</dt>
          <dd>
            <strong>{t(`applications.status.${state.status}`)}</strong>
          </dd>
        </div>
        <div>
          <dt>{t('applyPortal.status.agency')}</dt>
          <dd>{agencyName(ctx.locale, view.agency)}</dd>
        </div>
        <div>
          <dt>{t('applyPortal.status.submittedOn')}</dt>
          <dd>{row.submittedOn}</dd>
        </div>
        <div>
          <dt>{t('applyPortal.status.receivedOn')}</dt>
          <dd>{state.receivedOn ?? t('applyPortal.status.notReceived')}</dd>
        </div>
        {state.answer ? (
          <>
            <div>
              <dt>{t('applyPortal.status.answeredOn')}</dt>
              <dd>{state.answer.on}</dd>
            </div>
            <div>
              <dt>{t('applyPortal.status.outcome')}</dt>
              <dd>{t(`applications.outcome.${state.answer.outcome}`)}</dd>
            </div>
          </>
        ) : (
          <div>
            <dt>{t('applyPortal.status.dueOn')}</dt>
            <dd>{state.dueOn ?? '—'}</dd>
          </div>
        )}
      </dl>

      {correcting && state.correction && (
        <section class="notice-box" aria-labelledby="correction-heading">
          <h2 id="correction-heading">{t('applyPortal.status.correction')}</h2>
          {view.events
            .filter((e) => e.type === 'correctionRequested')
            .slice(-1)
            .map((e) => (
              <p key={e.id}>{t('applyPortal.status.correctionWhat', { what: e.type === 'correctionRequested' ? e.data.what : '' })}</p>
            ))}
          <p>{t('applyPortal.status.correctionUntil', { until: state.correction.until })}</p>
          <form method="post" action={`${caseHref(code)}/correction`} enctype="multipart/form-data" class="form correction-form">
            <CsrfField ctx={ctx} />
            <TextArea name="text" label={t('applyPortal.status.correctionText')} value={correctionText} error={errors.text} rows={6} />
            <div class={`field${errors.files ? ' field-error' : ''}`}>
              <label for="f-files">{t('applyPortal.status.correctionFiles')}</label>
              {errors.files && <p class="error-text" id="f-files-error">{errors.files}</p>}
              <input type="file" id="f-files" name="files" multiple aria-describedby={errors.files ? 'f-files-error' : undefined} />
            </div>
            <FormActions>
              <button type="submit" class="button primary">
                {t('applyPortal.status.correctionSubmit')}
              </button>
            </FormActions>
          </form>
        </section>
      )}

      {state.fee && (
        <section aria-labelledby="fee-heading">
          <h2 id="fee-heading">{t('applyPortal.status.fee')}</h2>
          <p>{t('applyPortal.status.feeAmount', { amount: state.fee.amount, basis: t(`applications.feeBasis.${state.fee.basis}`), quantity: state.fee.quantity })}</p>
          {state.fee.paidOn ? <p>{t('applyPortal.status.feePaid', { on: state.fee.paidOn })}</p> : <p>{t('applyPortal.status.feeHow')}</p>}
        </section>
      )}

      {state.deadline && !state.answer && (
        <section aria-labelledby="deadline-heading">
          <h2 id="deadline-heading">{t('applyPortal.status.deadline')}</h2>
          <DeadlineSteps ctx={ctx} deadline={state.deadline} />
        </section>
      )}

      <h2 id="timeline-heading">{t('applyPortal.status.timeline')}</h2>
      <ol class="timeline" aria-labelledby="timeline-heading">
        {view.events.map((e) => {
          const detail = eventDetail(ctx, e);
          return (
            <li key={e.id}>
              <p class="timeline-head">
                <time dateTime={e.on}>{e.on}</time> <strong>{t(`applications.event.${e.type}`)}</strong>
              </p>
              {detail && <p class="event-detail">{detail}</p>}
            </li>
          );
        })}
      </ol>

      {letters.length > 0 && (
        <section aria-labelledby="letters-heading">
          <h2 id="letters-heading">{t('applyPortal.status.letters')}</h2>
          {letters.map((l) => (
            <div key={l.id}>
              <LetterView ctx={ctx} letter={l.content} headingId={`letter-${l.id}`} />
              <ul class="link-list">
                <li>
                  <a href={`${caseHref(code)}/letters/${encodeURIComponent(l.id)}.docx`}>{t('applicationsDownloads.letterDocx')}</a>
                </li>
                <li>
                  <a href={`${caseHref(code)}/letters/${encodeURIComponent(l.id)}.pdf`}>{t('applicationsDownloads.letterPdf')}</a>
                </li>
              </ul>
            </div>
          ))}
        </section>
      )}

      {files.length > 0 && (
        <section aria-labelledby="files-heading">
          <h2 id="files-heading">{t('applyPortal.status.files')}</h2>
          <ul class="spaced">
            {files.map((f) => (
              <li key={f.id}>
                <a href={`${caseHref(code)}/files/${encodeURIComponent(f.id)}`}>{f.name}</a> <span class="muted">{t('applyPortal.status.fileSize', { size: formatSize(f.size) })}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <h2>{t('applyPortal.status.request')}</h2>
      <p class="pre-wrap">{row.description}</p>

      {receiptDownloads && (
        <section aria-labelledby="receipt-heading">
          <h2 id="receipt-heading">{t('applyPortal.status.receipt')}</h2>
          <ul class="spaced link-list">
            <li>
              <a href={`${caseHref(code)}/receipt.docx`}>{t('applyPortal.status.receiptDocx')}</a>
            </li>
            <li>
              <a href={`${caseHref(code)}/receipt.pdf`}>{t('applyPortal.status.receiptPdf')}</a>
            </li>
          </ul>
        </section>
      )}

      <form method="post" action={`${trackHref}/sign-out`} class="inline-form">
        <CsrfField ctx={ctx} />
        <button type="submit" class="button">
          {t('applyPortal.track.signOut')}
        </button>
      </form>
    </Layout>
  );
}
