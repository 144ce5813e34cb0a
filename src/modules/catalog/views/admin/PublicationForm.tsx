import type { RequestContext } from '../../../../http/context.ts';
import { Layout } from '../../../../http/views/Layout.tsx';
import { CsrfField, ErrorSummary, FormActions, SelectField, TextArea, TextField, type FormErrors } from '../../../../http/views/forms.tsx';
import { ProblemMessage } from '../../../../http/views/AdminKit.tsx';
import type { Agency, AgencyTree } from '../../../agencies/index.ts';
import type { Publication } from '../../publication.ts';
import { audiences, disclosureModes, genres, isTopic, keyAreaCodes, kinds, topicTree, validityStatuses } from '../../taxonomy.ts';
import type { PublicationFormValues } from './form-values.ts';
import type { Attachment } from '../../attachments.repository.ts';
import { AttachmentsField } from './AttachmentsField.tsx';
import { crumbs, itemPath, kindLabel, keyAreaLabel, listPath, modeLabel, validityLabel } from './kit.tsx';

export type FormMode = 'new' | 'edit' | 'revise';

export interface PublicationFormProps {
  ctx: RequestContext;
  tree: AgencyTree;
  mode: FormMode;
  values: PublicationFormValues;
  errors: FormErrors;
  /** For a new item: the agencies the viewer may publish for. */
  agencies: Agency[];
  publication?: Publication;
  problem?: string;
  /** Edit and revise: the files of the version being prepared, and the upload limits. */
  attachments?: { list: Attachment[]; limits: { maxBytes: number; maxFiles: number }; notice?: string };
}

/** Field → its label, for the error summary. */
export function formLabels(ctx: RequestContext, v: PublicationFormValues): Record<string, string> {
  const { t } = ctx;
  const out: Record<string, string> = {};
  for (const f of ['agency', 'title', 'docNo', 'writtenOn', 'topic', 'genre', 'kind', 'audience', 'keywords', 'summary', 'columns', 'disclosureMode', 'nonDisclosureReason', 'body', 'interprets', 'note']) {
    out[f] = t(`catalogAdmin.field.${f}`);
  }
  out['validity.status'] = t('catalogAdmin.field.validityStatus');
  out['validity.from'] = t('catalogAdmin.field.validityFrom');
  out['validity.until'] = t('catalogAdmin.field.validityUntil');
  out['validity.replacedBy'] = t('catalogAdmin.field.replacedBy');
  v.coIssuers.forEach((_, i) => (out[`coIssuers.${i}`] = t('catalogAdmin.field.coIssuerN', { n: i + 1 })));
  return out;
}

function describedBy(id: string, hint: boolean, error: boolean): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

/** A date field that failed shows what was typed as text (a date input would blank an invalid value). */
const dateType = (error?: string) => (error ? 'text' : 'date');

/** Issuing agency options, indented by depth. */
function agencyLabel(tree: AgencyTree, a: Agency): string {
  const depth = Math.max(0, tree.path(a.id).length - 1);
  return `${'\u3000'.repeat(depth)}${a.name}`;
}

function CoIssuerRows({ ctx, tree, values, errors }: { ctx: RequestContext; tree: AgencyTree; values: PublicationFormValues; errors: FormErrors }) {
  const { t } = ctx;
  const all = tree.flatten();
  return (
    <fieldset id="f-coIssuers">
      <legend>{t('catalogAdmin.field.coIssuers')}</legend>
      <p class="hint" id="f-coIssuers-hint">
        {t('catalogAdmin.hint.coIssuers')}
      </p>
      {values.coIssuers.map((code, i) => {
        const id = `f-coIssuers-${i}`;
        const error = errors[`coIssuers.${i}`];
        return (
          <div key={i} class={`field${error ? ' field-error' : ''}`}>
            <label for={id}>{t('catalogAdmin.field.coIssuerN', { n: i + 1 })}</label>
            {error && (
              <p class="error-text" id={`${id}-error`}>
                {error}
              </p>
            )}
            <select id={id} name="coIssuers" aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(id, false, !!error)}>
              <option value="">{t('catalogAdmin.coIssuerNone')}</option>
              {code && !tree.byCode.has(code) && (
                <option value={code} selected>
                  {code}
                </option>
              )}
              {all.map(({ agency, depth }) => (
                <option key={agency.id} value={agency.code} selected={agency.code === code}>
                  {`${'\u3000'.repeat(depth)}${agency.name}`}
                </option>
              ))}
            </select>
          </div>
        );
      })}
    </fieldset>
  );
}

/** 主题分类: one optgroup per top level; a value that is not in the list stays selectable so that nothing typed is lost. */
function TopicSelect({ ctx, value, error }: { ctx: RequestContext; value: string; error?: string }) {
  const { t } = ctx;
  const id = 'f-topic';
  return (
    <div class={`field${error ? ' field-error' : ''}`}>
      <label for={id}>{t('catalogAdmin.field.topic')}</label>
      <p class="hint" id={`${id}-hint`}>
        {t('catalogAdmin.hint.topic')}
      </p>
      {error && (
        <p class="error-text" id={`${id}-error`}>
          {error}
        </p>
      )}
      <select id={id} name="topic" aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(id, true, !!error)}>
        <option value="">{t('catalogAdmin.choose')}</option>
        {value && !isTopic(value) && (
          <option value={value} selected>
            {t('catalogAdmin.topicNotInList', { topic: value })}
          </option>
        )}
        {topicTree.map(([top, subs]) =>
          subs.length ? (
            <optgroup key={top} label={top}>
              {subs.map((s) => {
                const v = `${top}/${s}`;
                return (
                  <option key={v} value={v} selected={value === v}>
                    {s === '其他' ? `${top}：${s}` : s}
                  </option>
                );
              })}
            </optgroup>
          ) : (
            <option key={top} value={top} selected={value === top}>
              {top}
            </option>
          ),
        )}
      </select>
    </div>
  );
}

function CheckboxGroup({ ctx, name, legend, hint, options, checked, error }: { ctx: RequestContext; name: string; legend: string; hint?: string; options: { value: string; label: string }[]; checked: string[]; error?: string }) {
  const id = `f-${name}`;
  void ctx;
  return (
    <fieldset id={id} class={`check-group${error ? ' field-error' : ''}`} aria-describedby={describedBy(id, !!hint, !!error)}>
      <legend>{legend}</legend>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="error-text" id={`${id}-error`}>
          {error}
        </p>
      )}
      <div class="check-grid">
        {options.map((o, i) => (
          <div key={o.value} class="field-checkbox">
            <input id={`${id}-${i}`} name={name} type="checkbox" value={o.value} checked={checked.includes(o.value)} />
            <label for={`${id}-${i}`}>{o.label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

function ModeRadios({ ctx, value, error }: { ctx: RequestContext; value: string; error?: string }) {
  const { t } = ctx;
  const id = 'f-disclosureMode';
  return (
    <fieldset id={id} class={`check-group${error ? ' field-error' : ''}`} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{t('catalogAdmin.field.disclosureMode')}</legend>
      {error && (
        <p class="error-text" id={`${id}-error`}>
          {error}
        </p>
      )}
      {disclosureModes.map((m, i) => (
        <div key={m} class="field-checkbox">
          <input id={`${id}-${i}`} name="disclosureMode" type="radio" value={m} checked={value === m} />
          <label for={`${id}-${i}`}>{modeLabel(ctx, m)}</label>
        </div>
      ))}
    </fieldset>
  );
}

export function PublicationFormPage({ ctx, tree, mode, values, errors, agencies, publication, problem, attachments }: PublicationFormProps) {
  const { t } = ctx;
  const title = mode === 'new' ? t('catalogAdmin.form.newTitle') : mode === 'edit' ? t('catalogAdmin.form.editTitle') : t('catalogAdmin.form.reviseTitle');
  const action = mode === 'new' ? `${listPath}/new` : `${itemPath(publication!.id)}/${mode}`;
  const cancel = publication ? itemPath(publication.id) : listPath;
  const owner = publication ? tree.byId.get(publication.agencyId) : undefined;
  const pageCrumbs = publication ? crumbs(ctx, { href: itemPath(publication.id), label: publication.title }, { label: title }) : crumbs(ctx, { label: title });
  return (
    <Layout ctx={ctx} title={title} area="admin" crumbs={pageCrumbs}>
      <div class="pub-page">
        <h1>{title}</h1>
        {publication && <p class="lead">{publication.title}</p>}
        <ProblemMessage message={problem} />
        {attachments?.notice && (
          <div class="status-message" role="status">
            <p>{attachments.notice}</p>
          </div>
        )}
        <ErrorSummary ctx={ctx} errors={errors} labels={{ ...formLabels(ctx, values), files: t('attachments.heading') }} />
        <p class="hint">{t('catalogAdmin.form.requiredHint')}</p>
        <form method="post" action={action} class="form publication-form" novalidate enctype={publication && attachments ? 'multipart/form-data' : undefined}>
          <CsrfField ctx={ctx} />

          {mode === 'revise' && (
            <section aria-labelledby="sec-revise">
              <h2 id="sec-revise">{t('catalogAdmin.form.section.revise')}</h2>
              <TextArea name="note" label={t('catalogAdmin.field.note')} value={values.note} error={errors.note} hint={t('catalogAdmin.hint.reviseNote')} required rows={3} />
            </section>
          )}

          <section aria-labelledby="sec-basic">
            <h2 id="sec-basic">{t('catalogAdmin.form.section.basic')}</h2>
            <TextField name="title" label={t('catalogAdmin.field.title')} value={values.title} error={errors.title} required maxLength={300} />
            {mode === 'new' ? (
              <SelectField
                name="agency"
                label={t('catalogAdmin.field.agency')}
                value={values.agency}
                error={errors.agency}
                hint={t('catalogAdmin.hint.agency')}
                required
                options={agencies.map((a) => ({ value: a.code, label: agencyLabel(tree, a) }))}
              />
            ) : (
              <dl class="details-list">
                <div class="details-row">
                  <dt>{t('catalogAdmin.field.agency')}</dt>
                  <dd>{owner?.name ?? ''}</dd>
                </div>
              </dl>
            )}
            <CoIssuerRows ctx={ctx} tree={tree} values={values} errors={errors} />
            <TextField name="docNo" label={t('catalogAdmin.field.docNo')} value={values.docNo} error={errors.docNo} hint={t('catalogAdmin.hint.docNo')} maxLength={100} />
            <TextField name="writtenOn" type={dateType(errors.writtenOn)} label={t('catalogAdmin.field.writtenOn')} value={values.writtenOn} error={errors.writtenOn} hint={t('catalogAdmin.hint.date')} />
          </section>

          <section aria-labelledby="sec-class">
            <h2 id="sec-class">{t('catalogAdmin.form.section.classification')}</h2>
            <SelectField
              name="kind"
              label={t('catalogAdmin.field.kind')}
              value={values.kind}
              error={errors.kind}
              hint={t('catalogAdmin.hint.kind')}
              required
              options={[{ value: '', label: t('catalogAdmin.choose') }, ...kinds.map((k) => ({ value: k, label: kindLabel(ctx, k) }))]}
            />
            <TopicSelect ctx={ctx} value={values.topic} error={errors.topic} />
            <SelectField
              name="genre"
              label={t('catalogAdmin.field.genre')}
              value={values.genre}
              error={errors.genre}
              options={[{ value: '', label: t('catalogAdmin.choose') }, ...(values.genre && !(genres as readonly string[]).includes(values.genre) ? [{ value: values.genre, label: values.genre }] : []), ...genres.map((g) => ({ value: g, label: g }))]}
            />
            <CheckboxGroup ctx={ctx} name="audience" legend={t('catalogAdmin.field.audience')} options={audiences.map((a) => ({ value: a, label: a }))} checked={values.audience} error={errors.audience} />
            <CheckboxGroup
              ctx={ctx}
              name="columns"
              legend={t('catalogAdmin.field.columns')}
              hint={t('catalogAdmin.hint.columns')}
              options={keyAreaCodes.map((c) => ({ value: c, label: keyAreaLabel(ctx, c) }))}
              checked={values.columns}
              error={errors.columns}
            />
          </section>

          <section aria-labelledby="sec-content">
            <h2 id="sec-content">{t('catalogAdmin.form.section.content')}</h2>
            <TextField name="keywords" label={t('catalogAdmin.field.keywords')} value={values.keywords} error={errors.keywords} hint={t('catalogAdmin.hint.keywords')} maxLength={700} />
            <TextArea name="summary" label={t('catalogAdmin.field.summary')} value={values.summary} error={errors.summary} hint={t('catalogAdmin.hint.summary')} rows={3} />
            <TextArea name="body" label={t('catalogAdmin.field.body')} value={values.body} error={errors.body} hint={t('catalogAdmin.hint.body')} rows={16} />
          </section>

          <section aria-labelledby="sec-disclosure">
            <h2 id="sec-disclosure">{t('catalogAdmin.form.section.disclosure')}</h2>
            <ModeRadios ctx={ctx} value={values.disclosureMode} error={errors.disclosureMode} />
            <TextArea name="nonDisclosureReason" label={t('catalogAdmin.field.nonDisclosureReason')} value={values.nonDisclosureReason} error={errors.nonDisclosureReason} hint={t('catalogAdmin.hint.nonDisclosureReason')} rows={3} />
          </section>

          <section aria-labelledby="sec-validity">
            <h2 id="sec-validity">{t('catalogAdmin.form.section.validity')}</h2>
            <p class="hint">{t('catalogAdmin.hint.validity')}</p>
            <SelectField
              name="validity.status"
              label={t('catalogAdmin.field.validityStatus')}
              value={values.validityStatus}
              error={errors['validity.status']}
              options={validityStatuses.map((s) => ({ value: s, label: validityLabel(ctx, s) }))}
            />
            <div class="inline-fields date-pair">
              <TextField name="validity.from" type={dateType(errors['validity.from'])} label={t('catalogAdmin.field.validityFrom')} value={values.validityFrom} error={errors['validity.from']} />
              <TextField name="validity.until" type={dateType(errors['validity.until'])} label={t('catalogAdmin.field.validityUntil')} value={values.validityUntil} error={errors['validity.until']} />
            </div>
            <TextField name="validity.replacedBy" label={t('catalogAdmin.field.replacedBy')} value={values.replacedBy} error={errors['validity.replacedBy']} hint={t('catalogAdmin.hint.replacedBy')} maxLength={80} />
          </section>

          <section aria-labelledby="sec-interpretation">
            <h2 id="sec-interpretation">{t('catalogAdmin.form.section.interpretation')}</h2>
            <TextField name="interprets" label={t('catalogAdmin.field.interprets')} value={values.interprets} error={errors.interprets} hint={t('catalogAdmin.hint.interprets')} maxLength={80} />
          </section>

          <FormActions>
            {mode === 'revise' ? (
              <button type="submit" name="op" value="revise" class="button primary">
                {t('catalogAdmin.form.reviseSubmit')}
              </button>
            ) : (
              <>
                <button type="submit" name="op" value="save" class="button primary">
                  {t('catalogAdmin.form.saveDraft')}
                </button>
                <button type="submit" name="op" value="submit" class="button">
                  {t('catalogAdmin.form.saveAndSubmit')}
                </button>
              </>
            )}
            <button type="submit" name="op" value="addCoIssuer" class="button">
              {t('catalogAdmin.form.addCoIssuer')}
            </button>
            <a href={cancel}>{t('catalogAdmin.cancel')}</a>
          </FormActions>
          {publication && attachments ? (
            <AttachmentsField ctx={ctx} publicationId={publication.id} attachments={attachments.list} revising={mode === 'revise'} error={errors.files} limits={attachments.limits} />
          ) : (
            <p class="hint">{t('attachments.hint.afterSave')}</p>
          )}
        </form>
      </div>
    </Layout>
  );
}
