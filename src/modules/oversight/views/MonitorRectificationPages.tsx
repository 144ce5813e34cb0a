/**
 * Rectifications (整改): the list (by status and agency, overdue marked) and one rectification — the finding with
 * its evidence, the office's note, the history (issued, replied, verified → closed, reopened with new evidence),
 * and, for the agency's staff, the reply form. The next check of the site verifies the reply.
 */
import type { RequestContext } from '../../../http/context.ts';
import { ProblemMessage } from '../../../http/views/AdminKit.tsx';
import { CsrfField, ErrorSummary, FormActions, TextArea, type FormErrors } from '../../../http/views/forms.tsx';
import { Layout } from '../../../http/views/Layout.tsx';
import type { Agency } from '../../agencies/index.ts';
import type { Finding } from '../monitor-types.ts';
import type { Rectification, RectificationStatus, Site } from '../monitor.service.ts';
import { AgencyFilter, EvidenceList, FindingBlock, itemName, Lines, monitorCrumbs, paths, RectificationStatusTag, RectificationTable, Time, UrlLink } from './MonitorKit.tsx';
import { Done } from './MonitorPages.tsx';

export const rectificationStatuses: RectificationStatus[] = ['open', 'replied', 'closed'];
/** The list's status filter: one status, or 'unclosed' (open and replied: what the dashboard counts). */
export const rectificationFilters = ['unclosed', ...rectificationStatuses] as const;
export type RectificationFilter = (typeof rectificationFilters)[number];

export function RectificationListPage({
  ctx,
  rows,
  status,
  agency,
  only,
  agencies,
}: {
  ctx: RequestContext;
  rows: { rectification: Rectification; agency: Agency; siteName: string }[];
  status: RectificationFilter | null;
  agency: string | null;
  /** Only the agency's own rectifications, not those of the agencies below it. */
  only: boolean;
  agencies: { agency: Agency; depth: number }[];
}) {
  const { t } = ctx;
  const title = t('oversight.rectification.list.title');
  const overdue = rows.filter((r) => r.rectification.overdue).length;
  return (
    <Layout ctx={ctx} title={title} area="admin" crumbs={monitorCrumbs(ctx, { label: title })}>
      <h1>{title}</h1>
      <p class="lead">{t('oversight.rectification.list.intro')}</p>
      <form method="get" action={paths.rectifications()} class="filter-form" aria-label={t('oversight.rectification.list.filter')}>
        <div class="field">
          <label for="rect-status">{t('oversight.rectification.col.status')}</label>
          <select id="rect-status" name="status">
            <option value="">{t('oversight.rectification.list.allStatuses')}</option>
            {rectificationFilters.map((s) => (
              <option key={s} value={s} selected={s === status}>
                {t(`oversight.rectification.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        {agencies.length > 1 && (
          <AgencyFilter ctx={ctx} id="rect-agency" label={t('oversight.rectification.col.agency')} agencies={agencies} selected={agency} />
        )}
        {agencies.length > 1 && (
          <div class="field field-checkbox">
            <input id="rect-only" name="only" type="checkbox" value="1" checked={only} />
            <label for="rect-only">{t('oversight.rectification.list.only')}</label>
          </div>
        )}
        <FormActions>
          <button type="submit" class="button">
            {t('oversight.monitor.show')}
          </button>
        </FormActions>
      </form>
      <p>{t('oversight.rectification.list.count', { count: rows.length, overdue })}</p>
      {rows.length ? (
        <RectificationTable ctx={ctx} caption={title} rows={rows.map((r) => ({ rectification: r.rectification, agencyName: r.agency.name, siteName: r.siteName }))} showSite />
      ) : (
        <p class="empty-state">{t('oversight.rectification.none')}</p>
      )}
      <p>
        <a href={paths.list()} class="tap-link">
          {t('oversight.monitor.backToList')}
        </a>
      </p>
    </Layout>
  );
}

export interface RectificationEventView {
  seq: number;
  type: string;
  at: string;
  by: string | null;
  data: Record<string, unknown>;
}

function EventDetail({ ctx, e }: { ctx: RequestContext; e: RectificationEventView }) {
  const { t } = ctx;
  const d = e.data;
  if (e.type === 'issued')
    return (
      <p class="event-detail">
        {t('oversight.rectification.event.issuedDetail', { due: String(d.dueOn ?? '') })}
        {typeof d.note === 'string' && d.note && (
          <>
            <br />
            <Lines text={d.note} />
          </>
        )}
      </p>
    );
  if (e.type === 'replied')
    return (
      <p class="event-detail">
        <Lines text={String(d.reply ?? '')} />
      </p>
    );
  if (e.type === 'verified')
    return (
      <p class="event-detail">
        {t('oversight.rectification.event.verifiedDetail')} {typeof d.crawlId === 'string' && <a href={paths.crawl(d.crawlId)}>{t('oversight.rectification.event.crawl')}</a>}
      </p>
    );
  if (e.type === 'reopened') {
    const f = d.finding as Finding | undefined;
    return (
      <div class="event-detail">
        <p>
          {t('oversight.rectification.event.reopenedDetail')} {typeof d.crawlId === 'string' && <a href={paths.crawl(d.crawlId)}>{t('oversight.rectification.event.crawl')}</a>}
        </p>
        {f && <EvidenceList ctx={ctx} evidence={f.evidence} />}
      </div>
    );
  }
  return null;
}

export function RectificationPage({
  ctx,
  rectification: r,
  site,
  agency,
  events,
  canReply,
  reply,
  errors,
  problem,
  done,
}: {
  ctx: RequestContext;
  rectification: Rectification;
  site: Site;
  agency: Agency;
  events: RectificationEventView[];
  canReply: boolean;
  reply: string;
  errors: FormErrors;
  problem?: string | null;
  done?: string | null;
}) {
  const { t } = ctx;
  const title = t('oversight.rectification.title', { item: itemName(t, r.item), site: site.name });
  return (
    <Layout ctx={ctx} title={title} area="admin" crumbs={monitorCrumbs(ctx, { href: paths.rectifications(), label: t('oversight.rectification.list.title') }, { label: itemName(t, r.item) })}>
      <h1>{title}</h1>
      <Done ctx={ctx} done={done} />
      <ProblemMessage message={problem} />
      <ErrorSummary ctx={ctx} errors={errors} />
      <dl class="details-list">
        <div>
          <dt>{t('oversight.rectification.col.agency')}</dt>
          <dd>{agency.name}</dd>
        </div>
        <div>
          <dt>{t('oversight.rectification.col.site')}</dt>
          <dd>
            <a href={paths.site(site.id)}>{site.name}</a> <UrlLink url={site.homepage} />
          </dd>
        </div>
        <div>
          <dt>{t('oversight.rectification.col.status')}</dt>
          <dd>
            <RectificationStatusTag ctx={ctx} status={r.status} overdue={r.overdue} />
          </dd>
        </div>
        <div>
          <dt>{t('oversight.rectification.col.due')}</dt>
          <dd>{r.dueOn}</dd>
        </div>
        <div>
          <dt>{t('oversight.rectification.col.issuedAt')}</dt>
          <dd>
            <Time iso={r.issuedAt} /> {r.issuedBy}
          </dd>
        </div>
        <div>
          <dt>{t('oversight.rectification.col.reopened')}</dt>
          <dd>{r.reopened}</dd>
        </div>
      </dl>
      {r.note && (
        <section aria-labelledby="rect-note">
          <h2 id="rect-note">{t('oversight.rectification.note')}</h2>
          <p>
            <Lines text={r.note} />
          </p>
        </section>
      )}
      <section aria-labelledby="rect-finding">
        <h2 id="rect-finding">{t('oversight.rectification.finding')}</h2>
        <p>
          <a href={paths.crawl(r.crawlId)} class="tap-link">
            {t('oversight.rectification.fromCrawl')}
          </a>
        </p>
        <FindingBlock ctx={ctx} f={r.finding} headingLevel={3} />
      </section>
      {r.status !== 'closed' && <p class="notice-box">{t(r.status === 'replied' ? 'oversight.rectification.verifyReplied' : 'oversight.rectification.verifyNext')}</p>}
      {canReply && (
        <form method="post" action={paths.reply(r.id)} class="form action-box" aria-labelledby="reply-title">
          <h2 id="reply-title">{t('oversight.rectification.reply.title')}</h2>
          <CsrfField ctx={ctx} />
          <TextArea name="reply" label={t('oversight.rectification.reply.label')} hint={t('oversight.rectification.reply.hint')} value={reply} error={errors.reply} required rows={5} />
          <FormActions>
            <button type="submit" class="button">
              {t('oversight.rectification.reply.submit')}
            </button>
          </FormActions>
        </form>
      )}
      <section aria-labelledby="rect-history">
        <h2 id="rect-history">{t('oversight.rectification.history')}</h2>
        <ol class="timeline">
          {events.map((e) => (
            <li key={e.seq}>
              <p class="timeline-head">
                <Time iso={e.at} /> <strong>{t(`oversight.rectification.event.${e.type}`)}</strong> <span class="muted">{e.by ?? t('oversight.rectification.event.monitor')}</span>
              </p>
              <EventDetail ctx={ctx} e={e} />
            </li>
          ))}
        </ol>
      </section>
    </Layout>
  );
}
