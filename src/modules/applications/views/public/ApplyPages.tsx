/** The public form (依申请公开): choose the agency, fill in the application, the receipt. */
import type { RequestContext } from '../../../../http/context.ts';
import { Layout } from '../../../../http/views/Layout.tsx';
import { CsrfField, ErrorSummary, FormActions, SelectField, TextArea, TextField, type FormErrors } from '../../../../http/views/forms.tsx';
import type { Agency, AgencyTree } from '../../../agencies/index.ts';
import { agencyName } from '../../../portal/index.ts';
import { DESCRIPTION_MAX } from '../../applications.schemas.ts';
import type { DeadlineResult } from '../../deadline.ts';
import { applicantTypes, deliveries, idTypes, provisionForms } from '../../types.ts';
import { agencyApplyHref, applyCrumbs, caseHref, DeadlineSteps, trackHref } from './parts.tsx';

export interface Suggestion {
  title: string;
  href: string;
  agency: string;
  publishedOn: string;
  docNo: string | null;
}

/** The form's values as typed (strings), kept when the form comes back with messages. */
export type ApplyValues = Record<string, string>;
export const applicantFields = ['type', 'name', 'idType', 'idNumber', 'creditCode', 'legalRepresentative', 'contactPerson', 'phone', 'email', 'address', 'postcode'] as const;
export const emptyApplyValues = (): ApplyValues => ({ 'applicant.type': 'natural', 'applicant.idType': 'residentId', form: 'electronic', delivery: 'online' });

function Rules({ ctx }: { ctx: RequestContext }) {
  const { t } = ctx;
  return (
    <section class="notice-box" aria-labelledby="apply-rules">
      <h2 id="apply-rules">{t('applyPortal.rules.heading')}</h2>
      <ul class="spaced">
        <li>{t('applyPortal.rules.noAccount')}</li>
        <li>{t('applyPortal.rules.free')}</li>
        <li>{t('applyPortal.rules.deadline')}</li>
        <li>{t('applyPortal.rules.bring')}</li>
      </ul>
    </section>
  );
}

/** /apply: the rules in short and every agency, grouped under its government (tree order). */
export function ChooseAgencyPage({ ctx, tree }: { ctx: RequestContext; tree: AgencyTree }) {
  const { t } = ctx;
  // Each agency under the government it belongs to (or its root), in tree order.
  const groups = new Map<string, { head: Agency; members: Agency[] }>();
  for (const { agency: a } of tree.flatten()) {
    if (a.disabled) continue;
    const head = tree.governmentOf(a.id) ?? tree.path(a.id)[0] ?? a;
    const g = groups.get(head.id) ?? { head, members: [] };
    groups.set(head.id, g);
    if (a.id !== head.id) g.members.push(a);
  }
  return (
    <Layout ctx={ctx} title={t('applyPortal.title')} crumbs={[{ href: '/', label: t('nav.home') }, { label: t('applyPortal.title') }]}>
      <h1>{t('applyPortal.title')}</h1>
      <p class="lead">{t('applyPortal.lead')}</p>
      <Rules ctx={ctx} />
      <h2 id="choose">{t('applyPortal.choose.heading')}</h2>
      <p>{t('applyPortal.choose.lead')}</p>
      {groups.size === 0 ? (
        <p>{t('applyPortal.choose.none')}</p>
      ) : (
        [...groups.values()].map(({ head: gov, members }) => (
          <section key={gov.id} aria-labelledby={`gov-${gov.id}`}>
            <h3 id={`gov-${gov.id}`}>{agencyName(ctx.locale, gov)}</h3>
            <ul class="spaced link-list">
              <li>
                <a href={agencyApplyHref(gov.code)}>{t('applyPortal.choose.apply', { name: agencyName(ctx.locale, gov) })}</a>
              </li>
              {members.map((a) => (
                <li key={a.id}>
                  <a href={agencyApplyHref(a.code)}>{t('applyPortal.choose.apply', { name: agencyName(ctx.locale, a) })}</a>
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
      <p>
        <a href={trackHref}>{t('applyPortal.track.link')}</a>
      </p>
    </Layout>
  );
}

function Radios({ ctx, name, legend, value, options, error, required }: { ctx: RequestContext; name: string; legend: string; value: string | undefined; options: { value: string; label: string }[]; error?: string; required?: boolean }) {
  const id = `f-${name.replace(/\./g, '-')}`;
  return (
    <fieldset class={`field${error ? ' field-error' : ''}`} id={id} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>
        {legend}
        {required && <span class="required" aria-hidden="true"> *</span>}
      </legend>
      {error && <p class="error-text" id={`${id}-error`}>{error}</p>}
      {options.map((o) => (
        <div class="field-radio" key={o.value}>
          <input type="radio" id={`${id}-${o.value}`} name={name} value={o.value} checked={value === o.value} required={required} />
          <label for={`${id}-${o.value}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

export function SuggestionList({ ctx, items }: { ctx: RequestContext; items: Suggestion[] }) {
  const { t } = ctx;
  if (!items.length) return <p>{t('applyPortal.suggest.none')}</p>;
  return (
    <>
      <p>{t('applyPortal.suggest.lead')}</p>
      <ul class="spaced">
        {items.map((s) => (
          <li key={s.href}>
            <a href={s.href}>{s.title}</a> <span class="muted">{[s.docNo, s.agency, s.publishedOn].filter(Boolean).join(' · ')}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

export interface ApplyFormProps {
  ctx: RequestContext;
  agency: Agency;
  values: ApplyValues;
  errors: FormErrors;
  /** A problem with the whole submission (spam check, daily limit). */
  problem?: string;
  /** Shown above the form after "查找已公开信息" (no JavaScript): null = not asked. */
  suggestions: Suggestion[] | null;
  limits: { maxFiles: number; maxFileBytes: number };
}

/** /agencies/:code/apply: the application form (Art. 29). */
export function ApplyFormPage({ ctx, agency, values, errors, problem, suggestions, limits }: ApplyFormProps) {
  const { t } = ctx;
  const name = agencyName(ctx.locale, agency);
  const title = t('applyPortal.form.title', { name });
  const v = (k: string) => values[k] ?? '';
  const labels: Record<string, string> = {
    'applicant.type': t('applyPortal.form.applicantType'),
    'applicant.name': t('applyPortal.form.name'),
    'applicant.idType': t('applyPortal.form.idType'),
    'applicant.idNumber': t('applyPortal.form.idNumber'),
    'applicant.creditCode': t('applyPortal.form.creditCode'),
    'applicant.legalRepresentative': t('applyPortal.form.legalRepresentative'),
    'applicant.contactPerson': t('applyPortal.form.contactPerson'),
    'applicant.phone': t('applyPortal.form.phone'),
    'applicant.email': t('applyPortal.form.email'),
    'applicant.address': t('applyPortal.form.address'),
    'applicant.postcode': t('applyPortal.form.postcode'),
    description: t('applyPortal.form.request'),
    form: t('applyPortal.form.form'),
    delivery: t('applyPortal.form.delivery'),
    files: t('applyPortal.form.files'),
  };
  const description = v('description');
  return (
    <Layout ctx={ctx} title={title} crumbs={applyCrumbs(ctx, [{ label: name }])}>
      <h1>{title}</h1>
      {problem && (
        <div class="error-summary" role="alert" id="form-problem" tabIndex={-1}>
          <p>{problem}</p>
        </div>
      )}
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <Rules ctx={ctx} />
      {suggestions && (
        <section class="notice-box" aria-labelledby="suggest-heading" id="suggestions">
          <h2 id="suggest-heading">{t('applyPortal.suggest.heading')}</h2>
          <SuggestionList ctx={ctx} items={suggestions} />
        </section>
      )}
      <form method="post" action={agencyApplyHref(agency.code)} enctype="multipart/form-data" class="form apply-form" data-suggest="/apply/suggest" noValidate>
        <CsrfField ctx={ctx} />
        <p class="hint">{t('applyPortal.form.required')}</p>
        <fieldset>
          <legend>{t('applyPortal.form.applicant')}</legend>
          <Radios ctx={ctx} name="applicant.type" legend={labels['applicant.type']!} value={v('applicant.type')} error={errors['applicant.type']} required options={applicantTypes.map((x) => ({ value: x, label: t(`applications.applicantType.${x}`) }))} />
          <TextField name="applicant.name" label={labels['applicant.name']!} value={v('applicant.name')} error={errors['applicant.name']} required maxLength={100} autocomplete="name" />
          <fieldset>
            <legend>{t('applyPortal.form.natural')}</legend>
            <SelectField name="applicant.idType" label={labels['applicant.idType']!} value={v('applicant.idType')} error={errors['applicant.idType']} options={idTypes.map((x) => ({ value: x, label: t(`applications.idType.${x}`) }))} />
            <TextField name="applicant.idNumber" label={labels['applicant.idNumber']!} value={v('applicant.idNumber')} error={errors['applicant.idNumber']} maxLength={40} autocomplete="off" />
          </fieldset>
          <fieldset>
            <legend>{t('applyPortal.form.organisation')}</legend>
            <TextField name="applicant.creditCode" label={labels['applicant.creditCode']!} value={v('applicant.creditCode')} error={errors['applicant.creditCode']} maxLength={18} autocomplete="off" />
            <TextField name="applicant.legalRepresentative" label={labels['applicant.legalRepresentative']!} value={v('applicant.legalRepresentative')} error={errors['applicant.legalRepresentative']} maxLength={100} />
            <TextField name="applicant.contactPerson" label={labels['applicant.contactPerson']!} value={v('applicant.contactPerson')} error={errors['applicant.contactPerson']} maxLength={100} />
          </fieldset>
        </fieldset>
        <fieldset>
          <legend>{t('applyPortal.form.contact')}</legend>
          <p class="hint">{t('applyPortal.form.contactHint')}</p>
          <TextField name="applicant.phone" label={labels['applicant.phone']!} value={v('applicant.phone')} error={errors['applicant.phone']} type="tel" autocomplete="tel" maxLength={30} />
          <TextField name="applicant.email" label={labels['applicant.email']!} value={v('applicant.email')} error={errors['applicant.email']} type="email" autocomplete="email" maxLength={200} />
          <TextField name="applicant.address" label={labels['applicant.address']!} value={v('applicant.address')} error={errors['applicant.address']} autocomplete="street-address" maxLength={300} />
          <TextField name="applicant.postcode" label={labels['applicant.postcode']!} value={v('applicant.postcode')} error={errors['applicant.postcode']} autocomplete="postal-code" inputMode="numeric" maxLength={6} />
        </fieldset>
        <fieldset>
          <legend>{t('applyPortal.form.request')}</legend>
          <TextArea name="description" label={t('applyPortal.form.description')} value={description} error={errors.description} required rows={8} hint={t('applyPortal.form.descriptionHint', { max: DESCRIPTION_MAX })} />
          <p class="hint" id="description-counter" data-max={DESCRIPTION_MAX} data-template={t('applyPortal.form.counter', { count: '{count}', max: DESCRIPTION_MAX })}>
            {t('applyPortal.form.counter', { count: [...description].length, max: DESCRIPTION_MAX })}
          </p>
          <p class="hint" id="suggest-hint">{t('applyPortal.suggest.hint')}</p>
          <div id="suggest-live" class="suggest-live" aria-live="polite" data-heading={t('applyPortal.suggest.heading')} data-none={t('applyPortal.suggest.none')} data-found={t('applyPortal.suggest.found', { count: '{count}' })}></div>
          <p>
            <button type="submit" name="_suggest" value="1" class="button" formnovalidate>
              {t('applyPortal.suggest.button')}
            </button>
          </p>
          <Radios ctx={ctx} name="form" legend={labels.form!} value={v('form')} error={errors.form} required options={provisionForms.map((x) => ({ value: x, label: t(`applications.form.${x}`) }))} />
          <Radios ctx={ctx} name="delivery" legend={labels.delivery!} value={v('delivery')} error={errors.delivery} required options={deliveries.map((x) => ({ value: x, label: t(`applications.delivery.${x}`) }))} />
        </fieldset>
        <div class={`field${errors.files ? ' field-error' : ''}`}>
          <label for="f-files">{labels.files}</label>
          <p class="hint" id="f-files-hint">{t('applyPortal.form.filesHint', { count: limits.maxFiles, size: Math.round(limits.maxFileBytes / 1024 / 1024) })}</p>
          {errors.files && <p class="error-text" id="f-files-error">{errors.files}</p>}
          <input type="file" id="f-files" name="files" multiple aria-describedby={`f-files-hint${errors.files ? ' f-files-error' : ''}`} />
        </div>
        <div class="visually-hidden" aria-hidden="true">
          <label for="f-website">{t('applyPortal.form.honeypot')}</label>
          <input type="text" id="f-website" name="website" value="" tabIndex={-1} autoComplete="off" />
        </div>
        <p class="hint">{t('applyPortal.form.privacy')}</p>
        <FormActions>
          <button type="submit" class="button primary">
            {t('applyPortal.form.submit')}
          </button>
        </FormActions>
      </form>
      <script src="/static/js/apply-suggest.js" defer></script>
    </Layout>
  );
}

export interface ReceiptProps {
  ctx: RequestContext;
  agency: Agency;
  trackingCode: string;
  password: string;
  receivedOn: string;
  deadline: DeadlineResult;
}

/** The receipt (回执), shown once on submission: the password is never shown again. */
export function ReceiptPage({ ctx, agency, trackingCode, password, receivedOn, deadline }: ReceiptProps) {
  const { t } = ctx;
  const name = agencyName(ctx.locale, agency);
  return (
    <Layout ctx={ctx} title={t('applyPortal.receipt.title')} crumbs={applyCrumbs(ctx, [{ label: t('applyPortal.receipt.title') }])}>
      <h1>{t('applyPortal.receipt.title')}</h1>
      <p class="lead" role="status">{t('applyPortal.receipt.lead', { agency: name, date: receivedOn })}</p>
      <dl class="contact-list receipt">
        <div>
          <dt>{t('applyPortal.receipt.code')}</dt>
          <dd>
            <strong class="tracking-code">{trackingCode}</strong>
          </dd>
        </div>
        <div>
          <dt>{t('applyPortal.receipt.password')}</dt>
          <dd>
            <strong class="tracking-password">{password}</strong>
          </dd>
        </div>
        <div>
          <dt>{t('applyPortal.receipt.agency')}</dt>
          <dd>{name}</dd>
        </div>
        <div>
          <dt>{t('applyPortal.receipt.receivedOn')}</dt>
          <dd>{receivedOn}</dd>
        </div>
        <div>
          <dt>{t('applyPortal.receipt.dueOn')}</dt>
          <dd>{deadline.dueOn ?? '—'}</dd>
        </div>
      </dl>
      <p class="warning-box" role="note">
        <strong>{t('applyPortal.receipt.passwordWarning')}</strong>
      </p>
      <h2>{t('applyPortal.receipt.how')}</h2>
      <DeadlineSteps ctx={ctx} deadline={deadline} />
      <h2>{t('applyPortal.receipt.next')}</h2>
      <ol class="spaced">
        <li>{t('applyPortal.receipt.next1')}</li>
        <li>{t('applyPortal.receipt.next2')}</li>
        <li>{t('applyPortal.receipt.next3')}</li>
      </ol>
      <ul class="link-list">
        <li>
          <a href={`${caseHref(trackingCode)}/receipt.docx`}>{t('applyPortal.status.receiptDocx')}</a>
        </li>
        <li>
          <a href={`${caseHref(trackingCode)}/receipt.pdf`}>{t('applyPortal.status.receiptPdf')}</a>
        </li>
      </ul>
      <FormActions>
        <button type="button" class="button" data-print hidden>
          {t('applyPortal.receipt.print')}
        </button>
        <a class="button primary" href={trackHref}>
          {t('applyPortal.receipt.track')}
        </a>
      </FormActions>
      <script src="/static/js/apply-suggest.js" defer></script>
    </Layout>
  );
}
