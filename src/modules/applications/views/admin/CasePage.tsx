/** One case in the back office: header, applicant (masked unless revealed), deadline explained, the log, letters, and the actions the state allows. */
import type { ComponentChildren } from 'preact';
import type { RequestContext } from '../../../../http/context.ts';
import { addDays } from '../../../../kernel/calendar/index.ts';
import { formatInstant } from '../../../../http/render.ts';
import { CsrfField, type FormErrors } from '../../../../http/views/forms.tsx';
import { TableWrap } from '../../../../http/views/AdminKit.tsx';
import { Layout } from '../../../../http/views/Layout.tsx';
import type { Applicant, StoredEvent } from '../../types.ts';
import { consultationParties, deliveries, proceedingKinds } from '../../types.ts';
import type { CaseView } from '../../applications.service.ts';
import { channelsNeedingConfirmation } from '../../case-state.ts';
import { deadlineProvisionalMessage, deadlineStepMessages } from '../../deadline.ts';
import { FEE_BASIS_REFERENCE } from '../../fees.ts';
import { lapseOutcomes, outcomeCodes, outcomeRules, type OutcomeCode, type OutcomeGroup } from '../../outcomes.ts';
import { ruleSets } from '../../rules.ts';
import { actionPath, Area, casePath, crumbs, daysLeftText, filePath, Input, letterPath, revealPath, Select, UrgencyTag, type Option } from './kit.tsx';

export type ActionName =
  | 'confirmReceipt' | 'requestCorrection' | 'recordCorrection' | 'startConsultation' | 'endConsultation' | 'requestExtension' | 'approveExtension'
  | 'refuseExtension' | 'notifyFee' | 'recordPayment' | 'answer' | 'recordDelivery' | 'withdraw' | 'assign' | 'note' | 'fileProceeding' | 'decideProceeding';

/** Every action route, in the order the page shows the forms. */
export const actionOrder: ActionName[] = [
  'confirmReceipt', 'assign', 'requestCorrection', 'recordCorrection', 'startConsultation', 'endConsultation', 'requestExtension', 'approveExtension',
  'refuseExtension', 'notifyFee', 'recordPayment', 'answer', 'recordDelivery', 'withdraw', 'fileProceeding', 'decideProceeding', 'note',
];

export interface ActionForm {
  errors: FormErrors;
  values: Record<string, string>;
}

/** The actions that make sense for the case's state and the viewer's rights (the service checks again). */
export function availableActions(v: Pick<CaseView, 'state' | 'may'>, today: string): ActionName[] {
  const s = v.state;
  const out = new Set<ActionName>();
  const closed = !!s.answer || !!s.withdrawnOn;
  const rules = s.rules ? ruleSets[s.rules] : null;
  if (v.may.handle) {
    out.add('note').add('assign');
    if (s.status === 'awaitingReceipt' && s.channel && channelsNeedingConfirmation.has(s.channel)) out.add('confirmReceipt');
    if (!closed && s.receivedOn) {
      if (!s.correction) out.add('requestCorrection');
      if (!s.extension || s.extension.refused) out.add('requestExtension');
      if (!s.fee && rules?.pauses.includes('fee')) out.add('notifyFee');
      if (rules && rules.pauses.some((p) => p !== 'fee' && !s.consultations.some((c) => c.to === null && c.party === p))) out.add('startConsultation');
    }
    if (!closed && s.correction && !s.correction.correctedOn) out.add('recordCorrection');
    if (!closed && s.consultations.some((c) => c.to === null)) out.add('endConsultation');
    if (!closed && s.fee && !s.fee.paidOn) out.add('recordPayment');
    if (s.receivedOn && !s.withdrawnOn && (!s.answer || s.followUpDueOn)) out.add('answer');
    if (s.answer && !s.deliveredOn) out.add('recordDelivery');
    if (!closed) out.add('withdraw');
    if (s.answer) out.add('fileProceeding');
    if (s.proceedings.some((p) => p.result === 'pending')) out.add('decideProceeding');
  }
  if (v.may.approve && !closed && s.extension && !s.extension.approvedOn && !s.extension.refused) out.add('approveExtension').add('refuseExtension');
  void today;
  return actionOrder.filter((a) => out.has(a));
}

/** Outcomes the answer form offers: every outcome but the lapse ones, which only once their period ran out. */
export function offeredOutcomes(v: Pick<CaseView, 'state'>, today: string): OutcomeCode[] {
  const s = v.state;
  return outcomeCodes.filter((c) => {
    // "Still unclear after correction" (Art. 30) only after a correction was asked for.
    if (c === 'unable.stillUnclear') return !!s.correction;
    if (!lapseOutcomes.has(c)) return true;
    if (c === 'other.correctionLapsed') return !!s.correction && !s.correction.correctedOn && today > s.correction.until;
    if (c === 'other.feeUnpaid') return !!s.fee && !s.fee.paidOn && today > s.fee.lapsesAfter;
    return false;
  });
}

const outcomeGroups: OutcomeGroup[] = ['disclose', 'partial', 'withhold', 'unable', 'decline', 'other'];

export interface CasePageProps {
  ctx: RequestContext;
  view: CaseView;
  /** The applicant in full (after a reveal), else the masked one of the view. */
  revealed?: Applicant | null;
  today: string;
  staff: { id: string; displayName: string }[];
  forms?: Partial<Record<ActionName, ActionForm>>;
  done?: string;
  /** Letters just issued by the action (shown with the success message). */
  issued?: { kind: string; number: string; id: string }[];
}

/** The event's data in words. */
function eventText(ctx: RequestContext, e: StoredEvent, caseLink: (id: string) => string): ComponentChildren {
  const { t } = ctx;
  switch (e.type) {
    case 'submitted':
      return t(`applications.channel.${e.data.channel}`);
    case 'correctionRequested':
      return t('applicationsAdmin.ev.correction', { what: e.data.what, until: e.data.until });
    case 'corrected':
      return e.data.text ?? '';
    case 'consultationStarted':
      return `${t(`applications.party.${e.data.party}`)}${e.data.with ? `：${e.data.with}` : ''}`;
    case 'consultationEnded':
      return e.data.result ? t(`applicationsAdmin.consultResult.${e.data.result}`) : '';
    case 'extensionRequested':
      return t('applicationsAdmin.ev.extension', { days: e.data.days, reason: e.data.reason });
    case 'extended':
      return t('applicationsAdmin.ev.extended', { days: e.data.days });
    case 'extensionRefused':
      return e.data.reason ?? '';
    case 'feeNotified':
      return t('applicationsAdmin.ev.fee', { amount: e.data.amount, basis: t(`applications.feeBasis.${e.data.basis}`), quantity: e.data.quantity });
    case 'feePaid':
      return '';
    case 'answered':
      return [
        t(`applications.outcome.${e.data.outcome}`),
        e.data.detail ? `（${t(`applications.outcomeDetail.${e.data.detail}`)}）` : '',
        e.data.rightAgency ? ` ${t('applicationsAdmin.ev.rightAgency', { agency: e.data.rightAgency })}` : '',
        e.data.reasons ? ` ${t('applicationsAdmin.ev.reasons', { reasons: e.data.reasons })}` : '',
        e.data.followUp ? ` ${t('applicationsAdmin.ev.followUp')}` : '',
      ].join('');
    case 'delivered':
      return `${t(`applications.delivery.${e.data.method}`)}${e.data.note ? `：${e.data.note}` : ''}`;
    case 'withdrawn':
      return e.data.reason ?? '';
    case 'assigned':
      return e.data.handlerName ?? t('applicationsAdmin.unassigned');
    case 'note':
    case 'applicantMessage':
      return e.data.text;
    case 'duplicateSuspected':
      return <a href={caseLink(e.data.of)}>{e.data.trackingCode}</a>;
    case 'proceedingFiled':
      return t('applicationsAdmin.ev.proceedingFiled', { kind: t(`applications.proceedingKind.${e.data.kind}`), body: e.data.body, on: e.data.filedOn });
    case 'proceedingDecided':
      return `${t('applicationsAdmin.ev.proceedingDecided', { result: t(`applications.proceedingResult.${e.data.result}`), on: e.data.decidedOn })}${e.data.followUpDueOn ? ` ${t('applicationsAdmin.ev.followUpDue', { on: e.data.followUpDueOn })}` : ''}`;
    default:
      return '';
  }
}

function Detail({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function CasePage({ ctx, view, revealed, today, staff, forms = {}, done, issued = [] }: CasePageProps) {
  const { t } = ctx;
  const { row, state: s, agency } = view;
  const a = revealed ?? view.applicant;
  const title = t('applicationsAdmin.case.title', { code: row.tracking_code });
  const actions = availableActions(view, today);
  const failed = actionOrder.find((x) => forms[x]);
  const rules = s.rules ? ruleSets[s.rules] : null;
  const dueText = s.dueOn ? `${s.dueOn}${s.provisional ? ` ${t('applicationsAdmin.provisionalShort')}` : ''}` : s.correction && !s.correction.correctedOn ? t('deadline.step.dueWaiting') : '—';

  // One small form per action; its values and messages come back when the action was refused.
  const form = (name: ActionName, body: ComponentChildren, opts: { submit?: string; multipart?: boolean; hint?: string } = {}) => {
    const f = forms[name];
    const msgs = f ? Object.values(f.errors) : [];
    return (
      <section class="case-action" id={`act-${name}`} aria-labelledby={`act-${name}-h`} key={name}>
        <h3 id={`act-${name}-h`}>{t(`applicationsAdmin.action.${name}`)}</h3>
        {opts.hint && <p class="hint">{opts.hint}</p>}
        {msgs.length > 0 && (
          <div class="error-summary" role="alert" id={`act-${name}-errors`}>
            <p>{t('applicationsAdmin.actionRefused')}</p>
            <ul>
              {msgs.map((m, i) => (
                <li key={i}>{m}</li>
              ))}
            </ul>
          </div>
        )}
        <form method="post" action={actionPath(row.id, name)} enctype={opts.multipart ? 'multipart/form-data' : undefined} novalidate>
          <CsrfField ctx={ctx} />
          {body}
          <div class="form-actions">
            <button type="submit" class="button">
              {opts.submit ?? t(`applicationsAdmin.action.${name}`)}
            </button>
          </div>
        </form>
      </section>
    );
  };
  const val = (name: ActionName, field: string, fallback = '') => forms[name]?.values[field] ?? fallback;
  const err = (name: ActionName, field: string) => forms[name]?.errors[field];
  const dateField = (name: ActionName, field = 'on', label = t('applicationsAdmin.field.actionOn')) => <Input form={name} name={field} type="date" label={label} value={val(name, field, today)} error={err(name, field)} required />;
  const opts = (prefix: string, list: readonly string[]): Option[] => list.map((x) => ({ value: x, label: t(`${prefix}.${x}`) }));
  const offered = offeredOutcomes(view, today);
  const detailOptions: Option[] = [{ value: '', label: t('applicationsAdmin.none') }];
  for (const c of outcomeCodes) for (const d of outcomeRules[c].details ?? []) detailOptions.push({ value: d, label: `${t(`applications.outcome.${c}`)} — ${t(`applications.outcomeDetail.${d}`)}` });

  /** A file input of an action form (files go with the event: released with an answer, documents of a proceeding). */
  const filesField = (name: ActionName, label: string, hint: string) => {
    const id = `f-${name}-files`;
    const error = err(name, 'files');
    return (
      <div class={`field${error ? ' field-error' : ''}`}>
        <label for={id}>{label}</label>
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
        {error && (
          <p class="error-text" id={`${id}-error`}>
            {error}
          </p>
        )}
        <input id={id} name="files" type="file" multiple aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`} />
      </div>
    );
  };

  const render: Record<ActionName, () => ComponentChildren> = {
    confirmReceipt: () => form('confirmReceipt', dateField('confirmReceipt', 'on', t('applicationsAdmin.field.receivedOn')), { hint: t('applicationsAdmin.hint.confirmReceipt', { channel: t(`applications.channel.${s.channel}`) }) }),
    assign: () =>
      form('assign', <Select form="assign" name="handlerId" label={t('applicationsAdmin.col.handler')} value={val('assign', 'handlerId', s.handlerId ?? '')} error={err('assign', 'handlerId')} options={[{ value: '', label: t('applicationsAdmin.unassigned') }, ...staff.map((u) => ({ value: u.id, label: u.displayName }))]} />),
    requestCorrection: () =>
      form(
        'requestCorrection',
        <>
          {dateField('requestCorrection')}
          <Area form="requestCorrection" name="what" label={t('applicationsAdmin.field.what')} value={val('requestCorrection', 'what')} error={err('requestCorrection', 'what')} required />
          <Input form="requestCorrection" name="until" type="date" label={t('applicationsAdmin.field.until')} value={val('requestCorrection', 'until', addDays(today, 15))} error={err('requestCorrection', 'until')} required hint={t('applicationsAdmin.hint.until')} />
        </>,
        { hint: rules?.correctionNoticeDays != null ? t('applicationsAdmin.hint.correction', { days: rules.correctionNoticeDays, article: rules.articles.correction }) : undefined },
      ),
    recordCorrection: () =>
      form(
        'recordCorrection',
        <>
          {dateField('recordCorrection', 'on', t('applicationsAdmin.field.correctedOn'))}
          <Area form="recordCorrection" name="text" label={t('applicationsAdmin.field.correctionText')} value={val('recordCorrection', 'text')} error={err('recordCorrection', 'text')} />
        </>,
        { hint: t('applicationsAdmin.hint.recordCorrection') },
      ),
    startConsultation: () =>
      form(
        'startConsultation',
        <>
          {dateField('startConsultation')}
          <Select form="startConsultation" name="party" label={t('applicationsAdmin.field.party')} value={val('startConsultation', 'party', 'thirdParty')} error={err('startConsultation', 'party')} required options={opts('applications.party', consultationParties.filter((p) => rules?.pauses.includes(p)))} />
          <Input form="startConsultation" name="with" label={t('applicationsAdmin.field.with')} value={val('startConsultation', 'with')} error={err('startConsultation', 'with')} maxLength={200} />
        </>,
        { hint: t('applicationsAdmin.hint.consultation', { days: rules?.consultationDays ?? 15 }) },
      ),
    endConsultation: () =>
      form(
        'endConsultation',
        <>
          {dateField('endConsultation')}
          <Select form="endConsultation" name="result" label={t('applicationsAdmin.field.result')} value={val('endConsultation', 'result')} error={err('endConsultation', 'result')} options={[{ value: '', label: t('applicationsAdmin.none') }, ...opts('applicationsAdmin.consultResult', ['agreed', 'objected', 'silent', 'other'])]} />
        </>,
      ),
    requestExtension: () =>
      form(
        'requestExtension',
        <>
          {dateField('requestExtension')}
          <Input form="requestExtension" name="days" type="number" label={t('applicationsAdmin.field.days')} value={val('requestExtension', 'days', String(rules?.maxExtensionDays ?? 20))} error={err('requestExtension', 'days')} required min={1} max={rules?.maxExtensionDays ?? 20} hint={t('applicationsAdmin.hint.extensionDays', { max: rules?.maxExtensionDays ?? 20 })} />
          <Area form="requestExtension" name="reason" label={t('applicationsAdmin.field.reason')} value={val('requestExtension', 'reason')} error={err('requestExtension', 'reason')} required />
        </>,
        { hint: s.deadline?.normalDueOn ? t('applicationsAdmin.hint.extensionBy', { on: s.deadline.normalDueOn }) : undefined },
      ),
    approveExtension: () => form('approveExtension', dateField('approveExtension'), { hint: s.extension ? t('applicationsAdmin.hint.approve', { days: s.extension.days, reason: s.extension.reason ?? '' }) : undefined }),
    refuseExtension: () =>
      form(
        'refuseExtension',
        <>
          {dateField('refuseExtension')}
          <Area form="refuseExtension" name="reason" label={t('applicationsAdmin.field.reason')} value={val('refuseExtension', 'reason')} error={err('refuseExtension', 'reason')} />
        </>,
      ),
    notifyFee: () =>
      form(
        'notifyFee',
        <>
          {dateField('notifyFee')}
          <Select form="notifyFee" name="basis" label={t('applicationsAdmin.field.basis')} value={val('notifyFee', 'basis', 'perPage')} error={err('notifyFee', 'basis')} required options={opts('applications.feeBasis', ['perCase', 'perPage'])} />
          <Input form="notifyFee" name="quantity" type="number" label={t('applicationsAdmin.field.quantity')} value={val('notifyFee', 'quantity', '1')} error={err('notifyFee', 'quantity')} required min={1} hint={t('applicationsAdmin.hint.quantity')} />
          <ul class="hint">
            <li>{t('applicationsAdmin.feeRule.perCase')}</li>
            <li>{t('applicationsAdmin.feeRule.perPage')}</li>
            <li>{t('applicationsAdmin.feeRule.basis', { reference: FEE_BASIS_REFERENCE })}</li>
          </ul>
        </>,
      ),
    recordPayment: () => form('recordPayment', dateField('recordPayment', 'on', t('applicationsAdmin.field.paidOn')), { hint: s.fee ? t('applicationsAdmin.hint.payment', { amount: s.fee.amount, until: s.fee.lapsesAfter }) : undefined }),
    answer: () =>
      form(
        'answer',
        <>
          {dateField('answer')}
          <Select
            form="answer"
            name="outcome"
            label={t('applicationsAdmin.field.outcome')}
            value={val('answer', 'outcome')}
            error={err('answer', 'outcome')}
            required
            options={[{ value: '', label: t('applicationsAdmin.choose') }]}
            groups={outcomeGroups.map((g) => ({ label: t(`applicationsAdmin.outcomeGroup.${g}`), options: offered.filter((c) => outcomeRules[c].group === g).map((c) => ({ value: c, label: `${t(`applications.outcome.${c}`)}${outcomeRules[c].article ? `（${outcomeRules[c].article}）` : ''}` })) })).filter((g) => g.options.length)}
          />
          <Select form="answer" name="detail" label={t('applicationsAdmin.field.detail')} value={val('answer', 'detail')} error={err('answer', 'detail')} options={detailOptions} hint={t('applicationsAdmin.hint.detail')} />
          <Area form="answer" name="reasons" label={t('applicationsAdmin.field.reasons')} value={val('answer', 'reasons')} error={err('answer', 'reasons')} hint={t('applicationsAdmin.hint.reasons')} rows={4} />
          <Input form="answer" name="rightAgency" label={t('applicationsAdmin.field.rightAgency')} value={val('answer', 'rightAgency')} error={err('answer', 'rightAgency')} maxLength={200} hint={t('applicationsAdmin.hint.rightAgency')} />
          {filesField('answer', t('applicationsAdmin.field.released'), t('applicationsAdmin.hint.released'))}
        </>,
        { multipart: true, hint: s.followUpDueOn ? t('applicationsAdmin.hint.followUp', { on: s.followUpDueOn }) : t('applicationsAdmin.hint.answer') },
      ),
    recordDelivery: () =>
      form(
        'recordDelivery',
        <>
          {dateField('recordDelivery')}
          <Select form="recordDelivery" name="method" label={t('applicationsAdmin.field.method')} value={val('recordDelivery', 'method', row.delivery)} error={err('recordDelivery', 'method')} required options={opts('applications.delivery', [...deliveries, 'inPerson'])} />
          <Input form="recordDelivery" name="note" label={t('applicationsAdmin.field.deliveryNote')} value={val('recordDelivery', 'note')} error={err('recordDelivery', 'note')} maxLength={500} />
        </>,
      ),
    withdraw: () =>
      form(
        'withdraw',
        <>
          {dateField('withdraw')}
          <Area form="withdraw" name="reason" label={t('applicationsAdmin.field.reason')} value={val('withdraw', 'reason')} error={err('withdraw', 'reason')} />
        </>,
        { hint: t('applicationsAdmin.hint.withdraw') },
      ),
    fileProceeding: () =>
      form(
        'fileProceeding',
        <>
          <Select form="fileProceeding" name="kind" label={t('applicationsAdmin.field.kind')} value={val('fileProceeding', 'kind', 'reconsideration')} error={err('fileProceeding', 'kind')} required options={opts('applications.proceedingKind', proceedingKinds)} />
          <Input form="fileProceeding" name="body" label={t('applicationsAdmin.field.body')} value={val('fileProceeding', 'body')} error={err('fileProceeding', 'body')} required maxLength={200} />
          {dateField('fileProceeding', 'filedOn', t('applicationsAdmin.field.filedOn'))}
          {filesField('fileProceeding', t('applicationsAdmin.field.documents'), t('applicationsAdmin.hint.documents'))}
        </>,
        { multipart: true },
      ),
    decideProceeding: () =>
      form(
        'decideProceeding',
        <>
          <Select form="decideProceeding" name="proceedingId" label={t('applicationsAdmin.field.proceeding')} value={val('decideProceeding', 'proceedingId')} error={err('decideProceeding', 'proceedingId')} required options={s.proceedings.filter((p) => p.result === 'pending').map((p) => ({ value: p.id, label: `${t(`applications.proceedingKind.${p.kind}`)} · ${p.body} · ${p.filedOn}` }))} />
          <Select form="decideProceeding" name="result" label={t('applicationsAdmin.field.result')} value={val('decideProceeding', 'result', 'upheld')} error={err('decideProceeding', 'result')} required options={opts('applications.proceedingResult', ['upheld', 'corrected', 'other'])} />
          {dateField('decideProceeding', 'decidedOn', t('applicationsAdmin.field.decidedOn'))}
          <Input form="decideProceeding" name="followUpDueOn" type="date" label={t('applicationsAdmin.field.followUpDueOn')} value={val('decideProceeding', 'followUpDueOn')} error={err('decideProceeding', 'followUpDueOn')} hint={t('applicationsAdmin.hint.followUpDueOn', { days: rules?.answerDays ?? 20 })} />
          {filesField('decideProceeding', t('applicationsAdmin.field.documents'), t('applicationsAdmin.hint.documents'))}
        </>,
        { multipart: true },
      ),
    note: () => form('note', <Area form="note" name="text" label={t('applicationsAdmin.field.noteText')} value={val('note', 'text')} error={err('note', 'text')} required hint={t('applicationsAdmin.hint.note')} />),
  };

  const deadlineLines = s.deadline ? s.deadline.steps.flatMap((step) => [deadlineStepMessages(step).map((m) => t(m.key, m.params)).join('')]) : [];

  return (
    <Layout ctx={ctx} title={title} area="admin" crumbs={crumbs(ctx, { label: row.tracking_code })}>
      <h1>{title}</h1>
      {failed && (
        <div class="error-summary" role="alert" tabIndex={-1} id="error-summary">
          <p>
            <a href={`#act-${failed}`}>{t('applicationsAdmin.refusedSummary', { action: t(`applicationsAdmin.action.${failed}`) })}</a>
          </p>
        </div>
      )}
      {!failed && done && (
        <div class="status-message" role="status">
          <p>{t('applicationsAdmin.done', { action: t(`applicationsAdmin.action.${done}`) })}</p>
          {issued.map((l) => (
            <p key={l.id}>
              <a href={letterPath(row.id, l.id)}>{t('applicationsAdmin.letterIssued', { kind: t(`applications.letterKind.${l.kind}`), number: l.number })}</a>
            </p>
          ))}
        </div>
      )}

      <dl class="details-list case-header">
        <Detail label={t('applicationsAdmin.col.agency')}>{agency.name}</Detail>
        <Detail label={t('applicationsAdmin.col.status')}>{t(`applications.status.${s.status}`)}</Detail>
        <Detail label={t('applicationsAdmin.field.channel')}>{t(`applications.channel.${row.channel}`)}</Detail>
        <Detail label={t('applicationsAdmin.field.submittedOn')}>{row.submitted_on}</Detail>
        <Detail label={t('applicationsAdmin.col.received')}>{s.receivedOn ?? t('applicationsAdmin.notReceivedYet')}</Detail>
        {row.ref && <Detail label={t('applicationsAdmin.field.ref')}>{row.ref}</Detail>}
        <Detail label={t('applicationsAdmin.col.due')}>
          {dueText}
          {s.daysLeft !== null && ` · ${daysLeftText(ctx, s.daysLeft)}`}
        </Detail>
        <Detail label={t('applicationsAdmin.col.urgency')}>
          <UrgencyTag ctx={ctx} urgency={s.urgency} />
        </Detail>
        <Detail label={t('applicationsAdmin.col.handler')}>{s.handlerName ?? t('applicationsAdmin.unassigned')}</Detail>
        {s.rules && <Detail label={t('applicationsAdmin.field.rules')}>{ruleSets[s.rules].regulation}</Detail>}
        {s.answer && (
          <Detail label={t('applicationsAdmin.field.outcome')}>
            {t(`applications.outcome.${s.answer.outcome}`)} · {s.answer.on}
            {s.answer.late && (
              <>
                {' '}
                <strong class="badge badge-late">{t('applicationsAdmin.flag.late')}</strong>
              </>
            )}
          </Detail>
        )}
        {s.extension && (
          <Detail label={t('applicationsAdmin.field.extension')}>
            {t(s.extension.approvedOn ? 'applicationsAdmin.extension.approved' : s.extension.refused ? 'applicationsAdmin.extension.refused' : 'applicationsAdmin.extension.pending', { days: s.extension.days, on: s.extension.approvedOn ?? '' })}
          </Detail>
        )}
        {s.fee && <Detail label={t('applicationsAdmin.field.fee')}>{t(s.fee.paidOn ? 'applicationsAdmin.fee.paid' : 'applicationsAdmin.fee.due', { amount: s.fee.amount, on: s.fee.paidOn ?? '', until: s.fee.lapsesAfter })}</Detail>}
        {s.duplicateOf.length > 0 && (
          <Detail label={t('applicationsAdmin.col.flags')}>
            <span class="badge">{t('applicationsAdmin.flag.duplicate')}</span>
          </Detail>
        )}
      </dl>

      <section aria-labelledby="c-applicant">
        <h2 id="c-applicant">{t('applicationsAdmin.register.applicant')}</h2>
        <dl class="details-list">
          <Detail label={t('applicationsAdmin.field.applicant.type')}>{t(`applications.applicantType.${a.type}`)}</Detail>
          <Detail label={t('applicationsAdmin.field.applicant.name')}>{a.name}</Detail>
          {a.idType && <Detail label={t('applicationsAdmin.field.applicant.idType')}>{t(`applications.idType.${a.idType}`)}</Detail>}
          {a.idNumber && <Detail label={t('applicationsAdmin.field.applicant.idNumber')}>{a.idNumber}</Detail>}
          {a.creditCode && <Detail label={t('applicationsAdmin.field.applicant.creditCode')}>{a.creditCode}</Detail>}
          {a.legalRepresentative && <Detail label={t('applicationsAdmin.field.applicant.legalRepresentative')}>{a.legalRepresentative}</Detail>}
          {a.contactPerson && <Detail label={t('applicationsAdmin.field.applicant.contactPerson')}>{a.contactPerson}</Detail>}
          {a.phone && <Detail label={t('applicationsAdmin.field.applicant.phone')}>{a.phone}</Detail>}
          {a.email && <Detail label={t('applicationsAdmin.field.applicant.email')}>{a.email}</Detail>}
          {a.address && <Detail label={t('applicationsAdmin.field.applicant.address')}>{a.address}</Detail>}
          {a.postcode && <Detail label={t('applicationsAdmin.field.applicant.postcode')}>{a.postcode}</Detail>}
          <Detail label={t('applicationsAdmin.field.form')}>{t(`applications.form.${row.form}`)}</Detail>
          <Detail label={t('applicationsAdmin.field.delivery')}>{t(`applications.delivery.${row.delivery}`)}</Detail>
        </dl>
        {revealed ? (
          <p class="warning-box">{t('applicationsAdmin.reveal.shown')}</p>
        ) : (
          view.may.reveal && (
            <form method="post" action={revealPath(row.id)} class="inline-form">
              <CsrfField ctx={ctx} />
              <button type="submit" class="button">
                {t('applicationsAdmin.reveal.button')}
              </button>{' '}
              <span class="hint">{t('applicationsAdmin.reveal.hint')}</span>
            </form>
          )
        )}
      </section>

      <section aria-labelledby="c-description">
        <h2 id="c-description">{t('applicationsAdmin.field.description')}</h2>
        {row.description.split(/\n+/).map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </section>

      <section aria-labelledby="c-files">
        <h2 id="c-files">{t('applicationsAdmin.case.files')}</h2>
        {view.files.length ? (
          <ul>
            {view.files.map((f) => (
              <li key={f.id}>
                <a href={filePath(row.id, f.id)}>{f.name}</a> <span class="muted">（{t(`applicationsAdmin.fileRole.${f.role}`)}，{formatSize(f.size)}）</span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{t('applicationsAdmin.case.noFiles')}</p>
        )}
      </section>

      <section aria-labelledby="c-deadline">
        <h2 id="c-deadline">{t('applicationsAdmin.case.deadline')}</h2>
        {s.deadline ? (
          <>
            <ol class="deadline-steps">
              {deadlineLines.map((l, i) => (
                <li key={i}>{l}</li>
              ))}
            </ol>
            {s.deadline.provisional && <p class="warning-box">{t(deadlineProvisionalMessage(s.deadline).key, deadlineProvisionalMessage(s.deadline).params)}</p>}
          </>
        ) : s.status === 'reopened' && s.followUpDueOn ? (
          <p>{t('applicationsAdmin.hint.followUp', { on: s.followUpDueOn })}</p>
        ) : (
          <p class="muted">{t('applicationsAdmin.case.noDeadline')}</p>
        )}
      </section>

      <section aria-labelledby="c-letters">
        <h2 id="c-letters">{t('applicationsAdmin.case.letters')}</h2>
        {view.letters.length ? (
          <TableWrap label={t('applicationsAdmin.case.letters')}>
            <table class="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('applicationsAdmin.letter.number')}</th>
                  <th scope="col">{t('applicationsAdmin.letter.kind')}</th>
                  <th scope="col">{t('applicationsAdmin.letter.issuedOn')}</th>
                </tr>
              </thead>
              <tbody>
                {view.letters.map((l) => (
                  <tr key={l.id}>
                    <th scope="row">
                      <a href={letterPath(row.id, l.id)}>{l.number}</a>
                    </th>
                    <td>{t(`applications.letterKind.${l.kind}`)}</td>
                    <td class="nowrap">{l.issued_on}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : (
          <p class="muted">{t('applicationsAdmin.case.noLetters')}</p>
        )}
      </section>

      {s.proceedings.length > 0 && (
        <section aria-labelledby="c-proceedings">
          <h2 id="c-proceedings">{t('applicationsAdmin.case.proceedings')}</h2>
          <TableWrap label={t('applicationsAdmin.case.proceedings')}>
            <table class="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('applicationsAdmin.field.kind')}</th>
                  <th scope="col">{t('applicationsAdmin.field.body')}</th>
                  <th scope="col">{t('applicationsAdmin.field.filedOn')}</th>
                  <th scope="col">{t('applicationsAdmin.field.decidedOn')}</th>
                  <th scope="col">{t('applicationsAdmin.field.result')}</th>
                </tr>
              </thead>
              <tbody>
                {s.proceedings.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">{t(`applications.proceedingKind.${p.kind}`)}</th>
                    <td>{p.body}</td>
                    <td class="nowrap">{p.filedOn}</td>
                    <td class="nowrap">{p.decidedOn ?? '—'}</td>
                    <td>
                      {t(`applications.proceedingResult.${p.result}`)}
                      {p.followUpDueOn ? ` · ${t('applicationsAdmin.ev.followUpDue', { on: p.followUpDueOn })}` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </section>
      )}

      <section aria-labelledby="c-timeline">
        <h2 id="c-timeline">{t('applicationsAdmin.case.timeline')}</h2>
        <ol class="case-timeline">
          {view.events.map((e) => (
            <li key={e.id}>
              <p>
                <strong>{t(`applications.event.${e.type}`)}</strong> <span class="nowrap">{e.on}</span>
              </p>
              {(() => {
                const text = eventText(ctx, e, casePath);
                return text ? <p>{text}</p> : null;
              })()}
              <p class="muted">{t('applicationsAdmin.case.by', { who: e.actorName === 'applicant' ? t('applicationsAdmin.case.applicant') : e.actorName, at: formatInstant(e.at) })}</p>
            </li>
          ))}
        </ol>
      </section>

      {actions.length > 0 ? (
        <section aria-labelledby="c-actions">
          <h2 id="c-actions">{t('applicationsAdmin.case.actions')}</h2>
          {actions.map((x) => render[x]())}
        </section>
      ) : (
        <p class="muted">{t('applicationsAdmin.case.noActions')}</p>
      )}
    </Layout>
  );
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const kb = bytes / 1024;
  return kb < 1024 ? `${kb < 10 ? kb.toFixed(1) : Math.round(kb)} KB` : `${(kb / 1024).toFixed(1)} MB`;
}
