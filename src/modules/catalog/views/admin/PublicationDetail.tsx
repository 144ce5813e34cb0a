import type { ComponentChildren } from 'preact';
import type { RequestContext } from '../../../../http/context.ts';
import { formatInstant } from '../../../../http/render.ts';
import { Layout } from '../../../../http/views/Layout.tsx';
import { CsrfField, ErrorSummary, FormActions, TextArea, type FormErrors } from '../../../../http/views/forms.tsx';
import { ProblemMessage, TableWrap } from '../../../../http/views/AdminKit.tsx';
import type { AgencyTree } from '../../../agencies/index.ts';
import type { Publication, PublicationEvent, PublicationVersion } from '../../publication.ts';
import { validityKinds } from '../../taxonomy.ts';
import type { WorkflowAction } from '../../workflow.ts';
import { agencyName, crumbs, DoneMessage, issuerNames, itemPath, keyAreaLabel, kindLabel, modeLabel, publicPath, StatusTag, Timeliness, validityLabel } from './kit.tsx';

export type Allowed = Record<WorkflowAction, boolean>;

/** A form on the page that failed: its messages and what was typed. */
export interface ActionForm {
  errors: FormErrors;
  values: Record<string, string>;
}

export interface PublicationDetailProps {
  ctx: RequestContext;
  tree: AgencyTree;
  p: Publication;
  events: PublicationEvent[];
  versions: PublicationVersion[];
  /** Publications this one links to or is linked from (interpreted document, replacement, interpretations). */
  interprets?: Publication;
  replacedBy?: Publication;
  interpretations: Publication[];
  allowed: Allowed;
  done?: string;
  warnings: string[];
  forms?: Partial<Record<'approve' | 'return' | 'withdraw', ActionForm>>;
  problem?: string;
}

function Ref({ ctx, p }: { ctx: RequestContext; p?: Publication }) {
  if (!p) return <span class="muted">{ctx.t('catalogAdmin.none')}</span>;
  return (
    <>
      <a href={itemPath(p.id)}>{p.title}</a>
      {p.indexNo && <span class="muted">（{p.indexNo}）</span>}
    </>
  );
}

function Row({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="details-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** One workflow event in words: the action and its reason, note, review or number. */
function EventDetail({ ctx, e }: { ctx: RequestContext; e: PublicationEvent }) {
  const { t } = ctx;
  const d = (e.detail ?? {}) as Record<string, any>;
  const lines: string[] = [];
  if (e.action === 'approved') {
    const review = d.confidentialityReview as { reviewed?: boolean; note?: string | null } | undefined;
    if (review?.reviewed) lines.push(t('catalogAdmin.event.reviewed'));
    if (review?.note) lines.push(t('catalogAdmin.event.reviewNote', { note: review.note }));
  }
  if (e.action === 'published' && d.indexNo) lines.push(t('catalogAdmin.event.indexNo', { indexNo: String(d.indexNo) }));
  if (e.action === 'published' && typeof d.timelinessDays === 'number') lines.push(t(d.late ? 'catalogAdmin.event.timelinessLate' : 'catalogAdmin.event.timeliness', { days: d.timelinessDays }));
  if ((e.action === 'returned' || e.action === 'withdrawn') && d.reason) lines.push(t('catalogAdmin.event.reason', { reason: String(d.reason) }));
  if (e.action === 'revised' && d.version) lines.push(t('catalogAdmin.event.version', { version: Number(d.version) }));
  if (e.action === 'revised' && d.note) lines.push(t('catalogAdmin.event.note', { note: String(d.note) }));
  if ((e.action === 'attachmentAdded' || e.action === 'attachmentRemoved') && Array.isArray(d.names)) lines.push(t('catalogAdmin.event.files', { names: d.names.map(String).join('、') }));
  if (e.action === 'validityChanged' && d.to) lines.push(t('catalogAdmin.event.validity', { from: validityLabel(ctx, String(d.from)), to: validityLabel(ctx, String(d.to)) }));
  if (!lines.length) return null;
  return (
    <ul class="plain-list event-detail">
      {lines.map((l, i) => (
        <li key={i}>{l}</li>
      ))}
    </ul>
  );
}

function eventLabel(ctx: RequestContext, action: string): string {
  const key = `catalogAdmin.event.action.${action}`;
  const s = ctx.t(key);
  return s === key ? action : s;
}

function Metadata({ ctx, tree, p, interprets, replacedBy, interpretations }: Pick<PublicationDetailProps, 'ctx' | 'tree' | 'p' | 'interprets' | 'replacedBy' | 'interpretations'>) {
  const { t } = ctx;
  const none = <span class="muted">{t('catalogAdmin.none')}</span>;
  return (
    <dl class="details-list metadata-list">
      <Row label={t('catalogAdmin.field.indexNo')}>{p.indexNo ? <strong class="index-no">{p.indexNo}</strong> : <span class="muted">{t('catalogAdmin.detail.indexNoLater')}</span>}</Row>
      <Row label={t('catalogAdmin.field.status')}>
        <StatusTag ctx={ctx} status={p.status} />
      </Row>
      <Row label={t('catalogAdmin.field.agency')}>{issuerNames(tree, p)}</Row>
      <Row label={t('catalogAdmin.field.docNo')}>{p.docNo ?? none}</Row>
      <Row label={t('catalogAdmin.field.writtenOn')}>{p.writtenOn ?? none}</Row>
      <Row label={t('catalogAdmin.field.publishedOn')}>{p.publishedOn ?? none}</Row>
      <Row label={t('catalogAdmin.field.timeliness')}>
        <Timeliness ctx={ctx} p={p} />
      </Row>
      <Row label={t('catalogAdmin.field.topic')}>{p.topic ?? none}</Row>
      <Row label={t('catalogAdmin.field.genre')}>{p.genre ?? none}</Row>
      <Row label={t('catalogAdmin.field.kind')}>{kindLabel(ctx, p.kind)}</Row>
      <Row label={t('catalogAdmin.field.audience')}>{p.audience.length ? p.audience.join('、') : none}</Row>
      <Row label={t('catalogAdmin.field.keywords')}>{p.keywords.length ? p.keywords.join('、') : none}</Row>
      <Row label={t('catalogAdmin.field.summary')}>{p.summary ?? none}</Row>
      <Row label={t('catalogAdmin.field.columns')}>{p.columns.length ? p.columns.map((c) => keyAreaLabel(ctx, c)).join('、') : none}</Row>
      <Row label={t('catalogAdmin.field.disclosureMode')}>
        {modeLabel(ctx, p.disclosureMode)}
        {p.nonDisclosureReason && <span>（{t('catalogAdmin.detail.reason', { reason: p.nonDisclosureReason })}）</span>}
      </Row>
      {p.validity && (
        <Row label={t('catalogAdmin.field.validityStatus')}>
          <strong>{validityLabel(ctx, p.validity.status)}</strong>
          {p.validity.from && <span>；{t('catalogAdmin.detail.from', { date: p.validity.from })}</span>}
          {p.validity.until && <span>；{t('catalogAdmin.detail.until', { date: p.validity.until })}</span>}
          {p.validity.replacedById && (
            <span>
              ；{t('catalogAdmin.field.replacedBy')}：<Ref ctx={ctx} p={replacedBy} />
            </span>
          )}
        </Row>
      )}
      {p.kind === 'interpretation' && (
        <Row label={t('catalogAdmin.field.interprets')}>
          <Ref ctx={ctx} p={interprets} />
        </Row>
      )}
      {validityKinds.includes(p.kind) && (
        <Row label={t('catalogAdmin.detail.interpretations')}>
          {interpretations.length ? (
            <ul class="plain-list">
              {interpretations.map((i) => (
                <li key={i.id}>
                  <Ref ctx={ctx} p={i} />
                </li>
              ))}
            </ul>
          ) : (
            <span>{t('catalogAdmin.detail.noInterpretation')}</span>
          )}
        </Row>
      )}
      <Row label={t('catalogAdmin.field.version')}>{t('catalogAdmin.detail.versionN', { version: p.version })}</Row>
      <Row label={t('catalogAdmin.detail.id')}>
        <code>{p.id}</code>
      </Row>
      <Row label={t('catalogAdmin.detail.createdBy')}>
        {p.createdBy ?? none}
        {' · '}
        {formatInstant(p.createdAt)}
      </Row>
    </dl>
  );
}

function Actions({ ctx, p, allowed, forms }: Pick<PublicationDetailProps, 'ctx' | 'p' | 'allowed' | 'forms'>) {
  const { t } = ctx;
  const base = itemPath(p.id);
  const approve = forms?.approve;
  const ret = forms?.return;
  const withdraw = forms?.withdraw;
  const any = Object.values(allowed).some(Boolean);
  return (
    <section aria-labelledby="pub-actions" class="action-panel">
      <h2 id="pub-actions">{t('catalogAdmin.actions.title')}</h2>
      {!any && <p>{t('catalogAdmin.actions.none')}</p>}

      {(allowed.edit || allowed.submit || allowed.delete) && (
        <div class="action-row">
          {allowed.edit && (
            <a class="button" href={`${base}/edit`}>
              {t('catalogAdmin.actions.edit')}
            </a>
          )}
          {allowed.submit && (
            <form method="post" action={`${base}/submit`} class="inline-form">
              <CsrfField ctx={ctx} />
              <button type="submit" class="button primary">
                {t('catalogAdmin.actions.submit')}
              </button>
            </form>
          )}
          {allowed.delete && (
            <form method="post" action={`${base}/delete`} class="inline-form">
              <CsrfField ctx={ctx} />
              <button type="submit" class="button danger">
                {t('catalogAdmin.actions.delete')}
              </button>
            </form>
          )}
        </div>
      )}

      {allowed.approve && (
        <section aria-labelledby="act-approve" class="action-box">
          <h3 id="act-approve">{t('catalogAdmin.actions.approveTitle')}</h3>
          <p class="hint">{t('catalogAdmin.actions.approveHint')}</p>
          <form method="post" action={`${base}/approve`} class="form" novalidate>
            <CsrfField ctx={ctx} />
            <fieldset id="f-confidentialityReviewed" class={`check-group${approve?.errors.confidentialityReviewed ? ' field-error' : ''}`} aria-describedby={approve?.errors.confidentialityReviewed ? 'f-confidentialityReviewed-error' : undefined}>
              <legend>
                {t('catalogAdmin.field.review')}
                <span class="required" aria-hidden="true">
                  {' '}
                  *
                </span>
              </legend>
              {approve?.errors.confidentialityReviewed && (
                <p class="error-text" id="f-confidentialityReviewed-error">
                  {approve.errors.confidentialityReviewed}
                </p>
              )}
              <div class="field-checkbox">
                <input id="f-confidentialityReviewed-1" name="confidentialityReviewed" type="checkbox" value="1" required checked={approve?.values.confidentialityReviewed === '1'} />
                <label for="f-confidentialityReviewed-1">{t('catalogAdmin.actions.reviewConfirm')}</label>
              </div>
            </fieldset>
            <TextArea name="note" label={t('catalogAdmin.field.reviewNote')} value={approve?.values.note ?? ''} error={approve?.errors.note} hint={t('catalogAdmin.hint.reviewNote')} rows={3} />
            <FormActions>
              <button type="submit" class="button primary">
                {t('catalogAdmin.actions.approve')}
              </button>
            </FormActions>
          </form>
        </section>
      )}

      {allowed.return && (
        <section aria-labelledby="act-return" class="action-box">
          <h3 id="act-return">{t('catalogAdmin.actions.returnTitle')}</h3>
          <form method="post" action={`${base}/return`} class="form" novalidate>
            <CsrfField ctx={ctx} />
            <TextArea name="reason" label={t('catalogAdmin.field.returnReason')} value={ret?.values.reason ?? ''} error={ret?.errors.reason} hint={t('catalogAdmin.hint.returnReason')} required rows={3} />
            <FormActions>
              <button type="submit" class="button">
                {t('catalogAdmin.actions.return')}
              </button>
            </FormActions>
          </form>
        </section>
      )}

      {allowed.revise && (
        <section aria-labelledby="act-revise" class="action-box">
          <h3 id="act-revise">{t('catalogAdmin.actions.reviseTitle')}</h3>
          <p class="hint">{t('catalogAdmin.actions.reviseHint')}</p>
          <p>
            <a class="button" href={`${base}/revise`}>
              {t('catalogAdmin.actions.revise')}
            </a>
          </p>
        </section>
      )}

      {allowed.withdraw && (
        <section aria-labelledby="act-withdraw" class="action-box">
          <h3 id="act-withdraw">{t('catalogAdmin.actions.withdrawTitle')}</h3>
          <p class="hint">{t('catalogAdmin.actions.withdrawHint')}</p>
          <form method="post" action={`${base}/withdraw`} class="form" novalidate>
            <CsrfField ctx={ctx} />
            <TextArea name="reason" label={t('catalogAdmin.field.withdrawReason')} value={withdraw?.values.reason ?? ''} error={withdraw?.errors.reason} required rows={3} />
            <FormActions>
              <button type="submit" class="button danger">
                {t('catalogAdmin.actions.withdraw')}
              </button>
            </FormActions>
          </form>
        </section>
      )}
    </section>
  );
}

export function PublicationDetailPage(props: PublicationDetailProps) {
  const { ctx, tree, p, events, versions, allowed, done, warnings, forms, problem } = props;
  const { t } = ctx;
  // A failed action form (approve without the review, return without a reason …): its summary goes to the top of the page.
  const failed = forms?.approve ?? forms?.return ?? forms?.withdraw;
  const failedLabels = {
    confidentialityReviewed: t('catalogAdmin.field.review'),
    note: t('catalogAdmin.field.reviewNote'),
    reason: forms?.withdraw ? t('catalogAdmin.field.withdrawReason') : t('catalogAdmin.field.returnReason'),
  };
  const canAct = Object.values(allowed).some(Boolean);
  const lastReturn = p.status === 'returned' ? [...events].reverse().find((e) => e.action === 'returned') : undefined;
  const returnReason = lastReturn?.detail && typeof (lastReturn.detail as Record<string, unknown>).reason === 'string' ? String((lastReturn.detail as Record<string, unknown>).reason) : null;
  return (
    <Layout ctx={ctx} title={p.title} area="admin" crumbs={crumbs(ctx, { label: p.title })}>
      <div class="pub-page">
        <h1>{p.title}</h1>
        <DoneMessage ctx={ctx} done={done} warnings={warnings} />
        <ProblemMessage message={problem} />
        <ErrorSummary ctx={ctx} errors={failed?.errors ?? {}} labels={failedLabels} />
        <p class="status-line">
          <StatusTag ctx={ctx} status={p.status} /> <span>{agencyName(tree, p.agencyId)}</span>
          {p.indexNo && <span class="muted"> · {t('catalogAdmin.field.indexNo')}：{p.indexNo}</span>}
        </p>
        {lastReturn && (
          <div class="notice returned-notice">
            <p>
              <strong>{t('catalogAdmin.detail.returnedBy', { name: lastReturn.actorName ?? '', at: formatInstant(lastReturn.at) })}</strong>
            </p>
            <p>{t('catalogAdmin.detail.returnReason', { reason: returnReason ?? '' })}</p>
          </div>
        )}
        {p.status === 'withdrawn' && (
          <div class="notice withdrawn-notice">
            <p>
              <strong>{t('catalogAdmin.detail.withdrawnAt', { at: formatInstant(p.withdrawnAt) })}</strong>
            </p>
            <p>{t('catalogAdmin.detail.withdrawnReason', { reason: p.withdrawnReason ?? '' })}</p>
          </div>
        )}
        {canAct && (
          <p class="more-link">
            <a href="#pub-actions">{t('catalogAdmin.detail.toActions')}</a>
          </p>
        )}
        {(p.status === 'published' || p.status === 'withdrawn') && p.disclosureMode === 'proactive' && (
          <p class="more-link">
            <a href={publicPath(p.id)}>{t('catalogAdmin.detail.publicLink')}</a>
          </p>
        )}

        <section aria-labelledby="pub-meta">
          <h2 id="pub-meta">{t('catalogAdmin.detail.metadata')}</h2>
          <Metadata {...props} />
        </section>

        <section aria-labelledby="pub-body">
          <h2 id="pub-body">{t('catalogAdmin.detail.body')}</h2>
          {p.bodyHtml ? <div class="body-preview" dangerouslySetInnerHTML={{ __html: p.bodyHtml }} /> : <p class="muted">{t('catalogAdmin.detail.noBody')}</p>}
        </section>

        <Actions ctx={ctx} p={p} allowed={allowed} forms={forms} />

        <section aria-labelledby="pub-timeline">
          <h2 id="pub-timeline">{t('catalogAdmin.detail.timeline')}</h2>
          <ol class="timeline">
            {events.map((e) => (
              <li key={e.id}>
                <p class="timeline-head">
                  <time dateTime={e.at}>{formatInstant(e.at)}</time> <strong>{eventLabel(ctx, e.action)}</strong> <span class="muted">{e.actorName ?? ''}</span>
                </p>
                <EventDetail ctx={ctx} e={e} />
              </li>
            ))}
          </ol>
        </section>

        <section aria-labelledby="pub-versions">
          <h2 id="pub-versions">{t('catalogAdmin.detail.versions')}</h2>
          {versions.length === 0 ? (
            <p>{t('catalogAdmin.detail.noVersions')}</p>
          ) : (
            <TableWrap label={t('catalogAdmin.detail.versions')}>
              <table class="data-table">
                <caption class="visually-hidden">{t('catalogAdmin.detail.versionsCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('catalogAdmin.field.version')}</th>
                    <th scope="col">{t('catalogAdmin.detail.versionAt')}</th>
                    <th scope="col">{t('catalogAdmin.detail.versionBy')}</th>
                    <th scope="col">{t('catalogAdmin.detail.versionNote')}</th>
                    <th scope="col">{t('catalogAdmin.field.title')}</th>
                  </tr>
                </thead>
                <tbody>
                  {versions.map((v) => (
                    <tr key={v.version}>
                      <th scope="row" class="nowrap">
                        {t('catalogAdmin.detail.versionN', { version: v.version })}
                      </th>
                      <td class="nowrap">{formatInstant(v.createdAt)}</td>
                      <td>{v.createdBy ?? ''}</td>
                      <td>{v.note ?? (v.version === 1 ? t('catalogAdmin.detail.firstVersion') : '')}</td>
                      <td>{v.snapshot.title}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
        </section>
      </div>
    </Layout>
  );
}

/** The confirmation step before withdrawing a published item or deleting a draft. */
export function ConfirmPage({ ctx, p, action, reason }: { ctx: RequestContext; p: Publication; action: 'withdraw' | 'delete'; reason?: string }) {
  const { t } = ctx;
  const title = t(`catalogAdmin.confirm.${action}Title`);
  const base = itemPath(p.id);
  return (
    <Layout ctx={ctx} title={title} area="admin" crumbs={crumbs(ctx, { href: base, label: p.title }, { label: title })}>
      <h1>{title}</h1>
      <dl class="details-list">
        <Row label={t('catalogAdmin.field.title')}>{p.title}</Row>
        {p.indexNo && <Row label={t('catalogAdmin.field.indexNo')}>{p.indexNo}</Row>}
        {reason && <Row label={t('catalogAdmin.field.withdrawReason')}>{reason}</Row>}
      </dl>
      <p>{t(`catalogAdmin.confirm.${action}Text`)}</p>
      <form method="post" action={`${base}/${action}`} class="form">
        <CsrfField ctx={ctx} />
        <input type="hidden" name="confirm" value="1" />
        {reason !== undefined && <input type="hidden" name="reason" value={reason} />}
        <FormActions>
          <button type="submit" class="button danger">
            {t(`catalogAdmin.confirm.${action}Submit`)}
          </button>
          <a href={base}>{t('catalogAdmin.cancel')}</a>
        </FormActions>
      </form>
    </Layout>
  );
}
