/**
 * Pieces shared by the website monitor's back-office pages: addresses, crumbs, verdict and status tags, a finding
 * with its evidence, and the whole result of a crawl (reachability, findings, columns, broken links, slow pages).
 */
import { Fragment } from 'preact';
import type { RequestContext } from '../../../http/context.ts';
import type { Agency } from '../../agencies/index.ts';
import type { T } from '../../../http/i18n/index.ts';
import { formatInstant } from '../../../http/render.ts';
import { TableWrap } from '../../../http/views/AdminKit.tsx';
import { CsrfField, FormActions, TextArea, TextField, type FormErrors } from '../../../http/views/forms.tsx';
import type { Crumb } from '../../../http/views/Layout.tsx';
import { daysBetween, todayInShanghai } from '../../../kernel/calendar/index.ts';
import type { CrawlResult, Evaluation, Evidence, Finding, FindingItem, ProbeOutcome, Verdict } from '../monitor-types.ts';
import type { Rectification, RectificationStatus } from '../monitor.service.ts';
import { evidenceSentence, shanghaiMinute } from '../spot-check-docx.ts';

export const monitorBase = '/admin/monitor';
const enc = encodeURIComponent;
export const paths = {
  list: (agency?: string | null) => (agency ? `${monitorBase}?agency=${enc(agency)}` : monitorBase),
  newSite: (agency?: string | null) => `${monitorBase}/sites/new${agency ? `?agency=${enc(agency)}` : ''}`,
  site: (id: string) => `${monitorBase}/sites/${enc(id)}`,
  editSite: (id: string) => `${monitorBase}/sites/${enc(id)}/edit`,
  crawlSite: (id: string) => `${monitorBase}/sites/${enc(id)}/crawl`,
  crawl: (id: string) => `${monitorBase}/crawls/${enc(id)}`,
  issue: (crawlId: string) => `${monitorBase}/crawls/${enc(crawlId)}/rectifications`,
  rectifications: (q: { status?: string | null; agency?: string | null } = {}) => {
    const u = new URLSearchParams();
    if (q.status) u.set('status', q.status);
    if (q.agency) u.set('agency', q.agency);
    const s = u.toString();
    return `${monitorBase}/rectifications${s ? `?${s}` : ''}`;
  },
  rectification: (id: string) => `${monitorBase}/rectifications/${enc(id)}`,
  reply: (id: string) => `${monitorBase}/rectifications/${enc(id)}/reply`,
  spotChecks: (office?: string | null) => `${monitorBase}/spot-checks${office ? `?office=${enc(office)}` : ''}`,
  spotCheck: (office: string, week: string) => `${monitorBase}/spot-checks/${enc(office)}/${enc(week)}`,
  spotCheckAction: (office: string, week: string, action: 'generate' | 'publish' | 'docx') => `${monitorBase}/spot-checks/${enc(office)}/${enc(week)}/${action}`,
};

/** Dashboard › 网站监测 › … (the last crumb is the current page). */
export function monitorCrumbs(ctx: RequestContext, ...rest: Crumb[]): Crumb[] {
  const list: Crumb = { href: paths.list(), label: ctx.t('oversight.monitor.title') };
  return [{ href: '/admin', label: ctx.t('admin.nav.dashboard') }, rest.length ? list : { label: list.label }, ...rest];
}

/** The verdict as a word in a tag (never colour alone); null: not checked yet. */
/** The agency filter of the monitor's lists: every agency in sight, indented by depth, or all of them. */
export function AgencyFilter({ ctx, id, label, agencies, selected }: { ctx: RequestContext; id: string; label: string; agencies: { agency: Agency; depth: number }[]; selected: string | null }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} name="agency">
        <option value="">{ctx.t('oversight.monitor.allAgencies')}</option>
        {agencies.map(({ agency: a, depth }) => (
          <option key={a.id} value={a.code} selected={a.code === selected}>
            {`${'　'.repeat(depth)}${a.name}`}
          </option>
        ))}
      </select>
    </div>
  );
}

export function VerdictTag({ ctx, verdict }: { ctx: RequestContext; verdict: Verdict | null | undefined }) {
  if (!verdict) return <span class="badge">{ctx.t('oversight.monitor.verdict.none')}</span>;
  return <span class={verdict === 'pass' ? 'badge status-published' : 'badge badge-late'}>{ctx.t(`oversight.monitor.verdict.${verdict}`)}</span>;
}

export function RectificationStatusTag({ ctx, status, overdue }: { ctx: RequestContext; status: RectificationStatus; overdue?: boolean }) {
  return (
    <>
      <span class={status === 'closed' ? 'badge status-published' : status === 'replied' ? 'badge status-submitted' : 'badge'}>{ctx.t(`oversight.rectification.status.${status}`)}</span>
      {overdue && (
        <>
          {' '}
          <span class="badge badge-late">{ctx.t('oversight.rectification.overdue')}</span>
        </>
      )}
    </>
  );
}

/** An address from a crawl, as a link only when it is a web address. */
export function UrlLink({ url, tap }: { url: string; /** Alone in a table cell: a full-size touch target. */ tap?: boolean }) {
  if (!url) return null;
  if (!/^https?:\/\//i.test(url)) return <span>{url}</span>;
  return (
    <a href={url} rel="noopener noreferrer nofollow" class={tap ? 'tap-link' : undefined}>
      {url}
    </a>
  );
}

/** An instant as YYYY-MM-DD HH:MM in Asia/Shanghai. */
export function Time({ iso }: { iso: string | null | undefined }) {
  if (!iso) return null;
  return <time dateTime={iso}>{shanghaiMinute(iso) || formatInstant(iso)}</time>;
}

/** Text typed in a textarea, its line breaks kept. */
export function Lines({ text }: { text: string }) {
  const lines = text.split(/\r?\n/);
  return (
    <>
      {lines.map((l, i) => (
        <Fragment key={i}>
          {i > 0 && <br />}
          {l}
        </Fragment>
      ))}
    </>
  );
}

/** A finding's item name. */
export const itemName = (t: T, item: FindingItem) => t(`oversight.item.${item}`);

/** The measured figure in words (14 天未更新, 访问失败率 6.25% …). */
export function measured(t: T, f: Finding): string {
  if (f.item === 'homepageStale' && f.value < 0) return t('oversight.monitor.finding.noDates');
  if (f.value <= 0) return t('oversight.monitor.finding.noFigure');
  return t(`oversight.spotCheck.figure.${f.item}`, { value: f.value });
}
export const thresholdText = (t: T, f: Finding) => t(`oversight.monitor.threshold.${f.item}`, { threshold: f.threshold });

/** The evidence of a finding: what was seen, where (a link), when (Asia/Shanghai). */
export function EvidenceList({ ctx, evidence }: { ctx: RequestContext; evidence: Evidence[] }) {
  const { t } = ctx;
  if (!evidence.length) return <p class="muted">{t('oversight.monitor.finding.noEvidence')}</p>;
  return (
    <ul class="evidence-list">
      {evidence.map((e, i) => (
        <li key={i}>
          {evidenceSentence(e, t)}
          <br />
          <UrlLink url={e.url} /> <span class="muted">{t('oversight.monitor.finding.seenAt', { at: shanghaiMinute(e.at) })}</span>
        </li>
      ))}
    </ul>
  );
}

/** The office's form that turns a finding into a rectification (due date, note). */
export interface IssueForm {
  item: FindingItem;
  dueOn: string;
  note: string;
  errors: FormErrors;
}

export function FindingBlock({
  ctx,
  f,
  headingLevel = 3,
  issue,
}: {
  ctx: RequestContext;
  f: Finding;
  headingLevel?: 3 | 4;
  /** The issue form (for the office), or the open rectification of the item, or nothing. */
  issue?: { crawlId: string; defaultDue: string; form?: IssueForm | null; open?: Rectification | null } | null;
}) {
  const { t } = ctx;
  const H = headingLevel === 3 ? 'h3' : 'h4';
  const id = `finding-${f.item}`;
  return (
    <section class="finding" aria-labelledby={id}>
      <H id={id}>
        {itemName(t, f.item)} <span class={f.veto ? 'badge badge-late' : 'badge'}>{t(f.veto ? 'oversight.monitor.finding.veto' : 'oversight.monitor.finding.deduction')}</span>
      </H>
      <dl class="details-list">
        <div>
          <dt>{t('oversight.monitor.finding.measured')}</dt>
          <dd>{measured(t, f)}</dd>
        </div>
        <div>
          <dt>{t('oversight.monitor.finding.threshold')}</dt>
          <dd>{thresholdText(t, f)}</dd>
        </div>
      </dl>
      <p>
        <strong>{t('oversight.monitor.finding.evidence', { count: f.evidence.length })}</strong>
      </p>
      <EvidenceList ctx={ctx} evidence={f.evidence} />
      {issue?.open ? (
        <p>
          {t('oversight.monitor.finding.rectificationOpen')} <a href={paths.rectification(issue.open.id)}>{t('oversight.monitor.finding.openRectification', { due: issue.open.dueOn })}</a>
        </p>
      ) : issue ? (
        <IssueRectificationForm ctx={ctx} crawlId={issue.crawlId} item={f.item} form={issue.form?.item === f.item ? issue.form : null} defaultDue={issue.defaultDue} />
      ) : null}
    </section>
  );
}

function IssueRectificationForm({ ctx, crawlId, item, form, defaultDue }: { ctx: RequestContext; crawlId: string; item: FindingItem; form: IssueForm | null; defaultDue: string }) {
  const { t } = ctx;
  const errors = form?.errors ?? {};
  const hid = `issue-${item}`;
  return (
    <form method="post" action={paths.issue(crawlId)} class="action-box form" aria-labelledby={hid} id={`issue-form-${item}`}>
      <h4 id={hid}>{t('oversight.rectification.issue.title', { item: itemName(t, item) })}</h4>
      <CsrfField ctx={ctx} />
      <input type="hidden" name="item" value={item} />
      <TextField name={`${item}.dueOn`} type="date" label={t('oversight.rectification.issue.dueOn')} hint={t('oversight.rectification.issue.dueHint')} value={form?.dueOn ?? defaultDue} error={errors.dueOn} required />
      <TextArea name={`${item}.note`} label={t('oversight.rectification.issue.note')} value={form?.note ?? ''} error={errors.note} rows={3} />
      <FormActions>
        <button type="submit" class="button">
          {t('oversight.rectification.issue.submit')}
        </button>
      </FormActions>
    </form>
  );
}

/** Reachability of the week: probes, failed, failure %, and the failed ones. */
export function ProbesSection({ ctx, probes }: { ctx: RequestContext; probes: ProbeOutcome[] }) {
  const { t } = ctx;
  const failed = probes.filter((p) => !p.ok);
  const percent = probes.length ? Math.round((failed.length * 10000) / probes.length) / 100 : 0;
  return (
    <section aria-labelledby="probes">
      <h2 id="probes">{t('oversight.monitor.probes.title')}</h2>
      <p class="hint">{t('oversight.monitor.probes.intro')}</p>
      <dl class="stat-list">
        <div class="stat">
          <dt>{t('oversight.monitor.probes.total')}</dt>
          <dd>{probes.length}</dd>
        </div>
        <div class="stat">
          <dt>{t('oversight.monitor.probes.failed')}</dt>
          <dd>{failed.length}</dd>
        </div>
        <div class="stat">
          <dt>{t('oversight.monitor.probes.percent')}</dt>
          <dd>{probes.length ? `${percent}%` : '—'}</dd>
        </div>
      </dl>
      {failed.length > 0 && (
        <TableWrap label={t('oversight.monitor.probes.failedCaption')}>
          <table class="data-table">
            <caption>{t('oversight.monitor.probes.failedCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('oversight.monitor.probes.at')}</th>
                <th scope="col">{t('oversight.monitor.probes.status')}</th>
                <th scope="col">{t('oversight.monitor.probes.error')}</th>
                <th scope="col">{t('oversight.monitor.probes.ms')}</th>
              </tr>
            </thead>
            <tbody>
              {failed.map((p) => (
                <tr key={p.at}>
                  <th scope="row" class="nowrap">
                    <Time iso={p.at} />
                  </th>
                  <td>{p.status ?? '—'}</td>
                  <td>{p.error === 'timeout' ? t('oversight.evidence.reason.timeout') : (p.error ?? '')}</td>
                  <td class="num">{p.ms}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}

/** The evaluation and what the crawl saw: findings (each with evidence), columns, broken links, slow pages. */
export function CrawlResultView({
  ctx,
  result,
  evaluation,
  issue,
}: {
  ctx: RequestContext;
  result: CrawlResult;
  evaluation: Evaluation;
  issue?: { crawlId: string; defaultDue: string; form?: IssueForm | null; openByItem: Map<FindingItem, Rectification> } | null;
}) {
  const { t } = ctx;
  const today = todayInShanghai(new Date(result.finishedAt));
  const vetoes = evaluation.findings.filter((f) => f.veto);
  const deductions = evaluation.findings.filter((f) => !f.veto);
  const issueFor = (f: Finding) => (issue ? { crawlId: issue.crawlId, defaultDue: issue.defaultDue, form: issue.form, open: issue.openByItem.get(f.item) ?? null } : null);
  return (
    <>
      <section aria-labelledby="evaluation">
        <h2 id="evaluation">{t('oversight.monitor.evaluation.title')}</h2>
        <dl class="details-list">
          <div>
            <dt>{t('oversight.monitor.evaluation.verdict')}</dt>
            <dd>
              <VerdictTag ctx={ctx} verdict={evaluation.verdict} />
            </dd>
          </div>
          <div>
            <dt>{t('oversight.monitor.evaluation.at')}</dt>
            <dd>
              <Time iso={evaluation.evaluatedAt} />
            </dd>
          </div>
          <div>
            <dt>{t('oversight.monitor.evaluation.pages')}</dt>
            <dd>{t('oversight.monitor.evaluation.pagesValue', { pages: result.pagesFetched, links: result.linksChecked, external: result.externalUnchecked })}</dd>
          </div>
          <div>
            <dt>{t('oversight.monitor.evaluation.probes')}</dt>
            <dd>{t('oversight.monitor.evaluation.probesValue', { total: evaluation.probes.total, failed: evaluation.probes.failed })}</dd>
          </div>
        </dl>
        {result.robotsDisallowed.length > 0 && <p class="hint">{t('oversight.monitor.evaluation.robots', { count: result.robotsDisallowed.length })}</p>}
        {evaluation.findings.length === 0 && <p>{t('oversight.monitor.evaluation.noFindings')}</p>}
        {vetoes.map((f) => (
          <FindingBlock key={f.item} ctx={ctx} f={f} headingLevel={3} issue={issueFor(f)} />
        ))}
        {deductions.map((f) => (
          <FindingBlock key={f.item} ctx={ctx} f={f} headingLevel={3} issue={issueFor(f)} />
        ))}
      </section>

      <section aria-labelledby="columns">
        <h2 id="columns">{t('oversight.monitor.columns.title')}</h2>
        <p>
          {t('oversight.monitor.columns.homepage')} <UrlLink url={result.homepage.url} />{' '}
          {result.homepage.error || (result.homepage.status ?? 0) >= 400
            ? t('oversight.monitor.columns.failed', { error: result.homepage.error ?? `HTTP ${result.homepage.status}` })
            : t('oversight.monitor.columns.homepageLatest', { latest: result.homepage.latest ?? '—', dated: result.homepage.dated })}
        </p>
        {result.columns.length ? (
          <TableWrap label={t('oversight.monitor.columns.caption')}>
            <table class="data-table">
              <caption>{t('oversight.monitor.columns.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('oversight.monitor.columns.name')}</th>
                  <th scope="col">{t('oversight.monitor.columns.kind')}</th>
                  <th scope="col">{t('oversight.monitor.columns.items')}</th>
                  <th scope="col">{t('oversight.monitor.columns.latest')}</th>
                  <th scope="col">{t('oversight.monitor.columns.age')}</th>
                </tr>
              </thead>
              <tbody>
                {result.columns.map((c, i) => (
                  <tr key={i}>
                    <th scope="row">
                      <a href={c.url} rel="noopener noreferrer nofollow" class="tap-link">
                        {c.name}
                      </a>
                    </th>
                    <td>{t(`oversight.monitor.kind.${c.kind}`)}</td>
                    <td class="num">{c.error || (c.status ?? 0) >= 400 ? t('oversight.monitor.columns.failed', { error: c.error ?? `HTTP ${c.status}` }) : c.items.length}</td>
                    <td class="nowrap">{c.latest ?? '—'}</td>
                    <td class="num">{c.latest ? daysBetween(c.latest, today) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : (
          <p class="muted">{t('oversight.monitor.columns.none')}</p>
        )}
      </section>

      <section aria-labelledby="broken">
        <h2 id="broken">{t('oversight.monitor.broken.title')}</h2>
        {result.brokenLinks.length ? (
          <TableWrap label={t('oversight.monitor.broken.caption')}>
            <table class="data-table">
              <caption>{t('oversight.monitor.broken.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('oversight.monitor.broken.url')}</th>
                  <th scope="col">{t('oversight.monitor.broken.problem')}</th>
                  <th scope="col">{t('oversight.monitor.broken.from')}</th>
                </tr>
              </thead>
              <tbody>
                {result.brokenLinks.map((l, i) => (
                  <tr key={i}>
                    <th scope="row">
                      <UrlLink url={l.url} tap />
                      {l.external && <span class="muted"> {t('oversight.monitor.broken.external')}</span>}
                    </th>
                    <td>{l.error === 'timeout' ? t('oversight.evidence.reason.timeout') : (l.error ?? `HTTP ${l.status}`)}</td>
                    <td>
                      <UrlLink url={l.from} tap />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : (
          <p class="muted">{t('oversight.monitor.broken.none')}</p>
        )}
      </section>

      <section aria-labelledby="slow">
        <h2 id="slow">{t('oversight.monitor.slow.title')}</h2>
        {result.slowPages.length ? (
          <TableWrap label={t('oversight.monitor.slow.caption')}>
            <table class="data-table">
              <caption>{t('oversight.monitor.slow.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('oversight.monitor.slow.url')}</th>
                  <th scope="col">{t('oversight.monitor.slow.seconds')}</th>
                </tr>
              </thead>
              <tbody>
                {result.slowPages.map((p, i) => (
                  <tr key={i}>
                    <th scope="row">
                      <UrlLink url={p.url} tap />
                    </th>
                    <td class="num">{Math.round(p.ms / 100) / 10}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : (
          <p class="muted">{t('oversight.monitor.slow.none')}</p>
        )}
      </section>
    </>
  );
}

/** The rectifications of a site or of a list: agency, site, item, due, status (overdue marked), reopened. */
export function RectificationTable({ ctx, caption, rows, showSite }: { ctx: RequestContext; caption: string; rows: { rectification: Rectification; agencyName: string; siteName: string }[]; showSite: boolean }) {
  const { t } = ctx;
  return (
    <TableWrap label={caption}>
      <table class="data-table rectification-list">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('oversight.rectification.col.item')}</th>
            {showSite && <th scope="col">{t('oversight.rectification.col.agency')}</th>}
            {showSite && <th scope="col">{t('oversight.rectification.col.site')}</th>}
            <th scope="col">{t('oversight.rectification.col.issuedAt')}</th>
            <th scope="col">{t('oversight.rectification.col.due')}</th>
            <th scope="col">{t('oversight.rectification.col.status')}</th>
            <th scope="col">{t('oversight.rectification.col.reopened')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ rectification: r, agencyName, siteName }) => (
            <tr key={r.id} class={r.overdue ? 'row-overdue' : undefined}>
              <th scope="row">
                <a href={paths.rectification(r.id)} class="tap-link">
                  {itemName(t, r.item)}
                </a>
              </th>
              {showSite && <td>{agencyName}</td>}
              {showSite && <td>{siteName}</td>}
              <td class="nowrap">
                <Time iso={r.issuedAt} />
              </td>
              <td class="nowrap">{r.dueOn}</td>
              <td>
                <RectificationStatusTag ctx={ctx} status={r.status} overdue={r.overdue} />
              </td>
              <td class="num">{r.reopened}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
