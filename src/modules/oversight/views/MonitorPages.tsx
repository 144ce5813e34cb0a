/**
 * The website monitor's pages: the sites in sight grouped by agency, one site (configuration, reachability, the
 * latest evaluation with its evidence, columns, broken links, slow pages, crawls, rectifications) and one crawl
 * (progress while running — the page refreshes itself through the Refresh header — then its full result).
 */
import type { RequestContext } from '../../../http/context.ts';
import { ProblemMessage, TableWrap } from '../../../http/views/AdminKit.tsx';
import { CsrfField, FormActions } from '../../../http/views/forms.tsx';
import { Layout } from '../../../http/views/Layout.tsx';
import type { Agency } from '../../agencies/index.ts';
import type { FindingItem, ProbeOutcome } from '../monitor-types.ts';
import type { Crawl, Rectification, Site } from '../monitor.service.ts';
import { AgencyFilter, CrawlResultView, itemName, monitorCrumbs, paths, ProbesSection, RectificationTable, Time, UrlLink, VerdictTag, type IssueForm } from './MonitorKit.tsx';

/** Confirmations after a redirect (?done=…). */
const doneKeys = ['registered', 'updated', 'issued', 'replied', 'generated', 'published'] as const;
export function Done({ ctx, done }: { ctx: RequestContext; done?: string | null }) {
  if (!done || !(doneKeys as readonly string[]).includes(done)) return null;
  return (
    <div class="status-message" role="status">
      <p>{ctx.t(`oversight.monitor.done.${done}`)}</p>
    </div>
  );
}

// ---- the sites in sight ------------------------------------------------------------------

export interface SiteListRow {
  site: Site;
  agency: Agency;
  latest: Crawl | null;
  openRectifications: number;
}

export function SiteListPage({
  ctx,
  groups,
  agencies,
  agency,
  canRegister,
  offices,
}: {
  ctx: RequestContext;
  groups: { agency: Agency; rows: SiteListRow[] }[];
  /** The agencies of the filter (those in sight). */
  agencies: { agency: Agency; depth: number }[];
  agency: string | null;
  canRegister: boolean;
  /** Offices whose weekly reports the user may read. */
  offices: Agency[];
}) {
  const { t } = ctx;
  const title = t('oversight.monitor.title');
  const total = groups.reduce((n, g) => n + g.rows.length, 0);
  return (
    <Layout ctx={ctx} title={title} area="admin" crumbs={monitorCrumbs(ctx)}>
      <h1>{title}</h1>
      <p class="lead">{t('oversight.monitor.intro')}</p>
      <ul class="link-list">
        {canRegister && (
          <li>
            <a href={paths.newSite(agency)}>{t('oversight.monitor.register')}</a>
          </li>
        )}
        <li>
          <a href={paths.rectifications({ agency })}>{t('oversight.rectification.list.title')}</a>
        </li>
        {offices.map((o) => (
          <li key={o.id}>
            <a href={paths.spotChecks(o.code)}>{t('oversight.monitor.spotChecksOf', { office: o.name })}</a>
          </li>
        ))}
      </ul>
      {agencies.length > 1 && (
        <form method="get" action={paths.list()} class="filter-form" aria-label={t('oversight.monitor.filter')}>
          <AgencyFilter ctx={ctx} id="monitor-agency" label={t('oversight.monitor.filterAgency')} agencies={agencies} selected={agency} />
          <FormActions>
            <button type="submit" class="button">
              {t('oversight.monitor.show')}
            </button>
          </FormActions>
        </form>
      )}
      <p>{t('oversight.monitor.count', { count: total })}</p>
      {total === 0 && <p class="empty-state">{t('oversight.monitor.none')}</p>}
      {groups.map((g) => (
        <section key={g.agency.id} aria-labelledby={`agency-${g.agency.code}`}>
          <h2 id={`agency-${g.agency.code}`}>{g.agency.name}</h2>
          <TableWrap label={t('oversight.monitor.sitesOf', { agency: g.agency.name })}>
            <table class="data-table site-list">
              <caption class="visually-hidden">{t('oversight.monitor.sitesOf', { agency: g.agency.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('oversight.monitor.col.site')}</th>
                  <th scope="col">{t('oversight.monitor.col.source')}</th>
                  <th scope="col">{t('oversight.monitor.col.active')}</th>
                  <th scope="col">{t('oversight.monitor.col.latest')}</th>
                  <th scope="col">{t('oversight.monitor.col.failedItems')}</th>
                  <th scope="col">{t('oversight.monitor.col.open')}</th>
                </tr>
              </thead>
              <tbody>
                {g.rows.map((r) => {
                  const failed = r.latest?.evaluation?.findings.filter((f) => f.veto) ?? [];
                  return (
                    <tr key={r.site.id}>
                      <th scope="row">
                        <a href={paths.site(r.site.id)}>{r.site.name}</a>
                        <br />
                        <UrlLink url={r.site.homepage} />
                      </th>
                      <td>{t(r.site.own ? 'oversight.monitor.own' : 'oversight.monitor.registered')}</td>
                      <td>{t(r.site.active ? 'oversight.monitor.active' : 'oversight.monitor.inactive')}</td>
                      <td>
                        <VerdictTag ctx={ctx} verdict={r.latest?.verdict} /> {r.latest && <Time iso={r.latest.finishedAt ?? r.latest.startedAt} />}
                      </td>
                      <td>{failed.length ? failed.map((f) => itemName(t, f.item)).join(t('oversight.spotCheck.separator')) : '—'}</td>
                      <td class="num">
                        {r.openRectifications ? (
                          <a href={paths.rectifications({ agency: r.agency.code })} class="tap-link">
                            {r.openRectifications}
                          </a>
                        ) : (
                          0
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableWrap>
        </section>
      ))}
    </Layout>
  );
}

// ---- one site ---------------------------------------------------------------------------------

export interface SiteView {
  site: Site;
  agency: Agency;
  canManage: boolean;
  crawls: Crawl[];
  latest: Crawl | null;
  running: { id: string; startedAt: string } | null;
  probes: ProbeOutcome[];
  rectifications: Rectification[];
  /** Today + 10 days: the default due date of a rectification issued from this page. */
  defaultDue: string;
}

/** The open (not closed) rectification of each item, for the "issue" forms. */
export function openByItem(rects: Rectification[]): Map<FindingItem, Rectification> {
  return new Map(rects.filter((r) => r.status !== 'closed').map((r) => [r.item, r]));
}

function ConfigSummary({ ctx, site }: { ctx: RequestContext; site: Site }) {
  const { t } = ctx;
  const c = site.config;
  return (
    <section aria-labelledby="config">
      <h2 id="config">{t('oversight.monitor.site.config')}</h2>
      <dl class="details-list">
        <div>
          <dt>{t('oversight.monitor.form.homepage')}</dt>
          <dd>
            <UrlLink url={site.homepage} tap />
          </dd>
        </div>
        <div>
          <dt>{t('oversight.monitor.col.source')}</dt>
          <dd>{t(site.own ? 'oversight.monitor.own' : 'oversight.monitor.registered')}</dd>
        </div>
        <div>
          <dt>{t('oversight.monitor.col.active')}</dt>
          <dd>{t(site.active ? 'oversight.monitor.active' : 'oversight.monitor.inactive')}</dd>
        </div>
        <div>
          <dt>{t('oversight.monitor.form.columns')}</dt>
          <dd>{c.columns.length ? c.columns.map((x) => `${x.name}（${t(`oversight.monitor.kind.${x.kind}`)}）`).join(t('oversight.spotCheck.separator')) : '—'}</dd>
        </div>
        <div>
          <dt>{t('oversight.monitor.form.interaction')}</dt>
          <dd>{c.interaction.length ? c.interaction.map((x) => x.name).join(t('oversight.spotCheck.separator')) : '—'}</dd>
        </div>
        <div>
          <dt>{t('oversight.monitor.form.guides')}</dt>
          <dd>{c.guides.length ? c.guides.map((x) => x.name).join(t('oversight.spotCheck.separator')) : '—'}</dd>
        </div>
        <div>
          <dt>{t('oversight.monitor.form.bounds')}</dt>
          <dd>
            {t('oversight.monitor.site.boundsValue', { depth: c.maxDepth, pages: c.maxPages, external: c.maxExternalLinks })}
            {c.ignoreRobots ? `；${t('oversight.monitor.site.robotsIgnored')}` : ''}
          </dd>
        </div>
      </dl>
    </section>
  );
}

function CrawlsTable({ ctx, crawls }: { ctx: RequestContext; crawls: Crawl[] }) {
  const { t } = ctx;
  if (!crawls.length) return <p class="muted">{t('oversight.monitor.crawls.none')}</p>;
  return (
    <TableWrap label={t('oversight.monitor.crawls.caption')}>
      <table class="data-table">
        <caption>{t('oversight.monitor.crawls.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('oversight.monitor.crawls.startedAt')}</th>
            <th scope="col">{t('oversight.monitor.crawls.trigger')}</th>
            <th scope="col">{t('oversight.monitor.crawls.status')}</th>
            <th scope="col">{t('oversight.monitor.crawls.pages')}</th>
            <th scope="col">{t('oversight.monitor.crawls.verdict')}</th>
          </tr>
        </thead>
        <tbody>
          {crawls.map((c) => (
            <tr key={c.id}>
              <th scope="row" class="nowrap">
                <a href={paths.crawl(c.id)} class="tap-link">
                  <Time iso={c.startedAt} />
                </a>
              </th>
              <td>{t(`oversight.monitor.trigger.${c.trigger}`)}</td>
              <td>{t(`oversight.monitor.crawlStatus.${c.status}`)}</td>
              <td class="num">{c.pages}</td>
              <td>{c.status === 'done' ? <VerdictTag ctx={ctx} verdict={c.verdict} /> : c.status === 'failed' ? (c.error ?? '') : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function RunCheck({ ctx, view }: { ctx: RequestContext; view: SiteView }) {
  const { t } = ctx;
  if (view.running)
    return (
      <p class="notice-box">
        {t('oversight.monitor.site.running')} <a href={paths.crawl(view.running.id)}>{t('oversight.monitor.site.runningLink')}</a>
      </p>
    );
  if (!view.canManage) return null;
  return (
    <form method="post" action={paths.crawlSite(view.site.id)} class="inline-form">
      <CsrfField ctx={ctx} />
      <button type="submit" class="button">
        {t('oversight.monitor.site.runNow')}
      </button>
    </form>
  );
}

export function SitePage({ ctx, view, problem, done, issue }: { ctx: RequestContext; view: SiteView; problem?: string | null; done?: string | null; issue?: IssueForm | null }) {
  const { t } = ctx;
  const { site, latest } = view;
  const defaultDue = view.defaultDue;
  return (
    <Layout ctx={ctx} title={site.name} area="admin" crumbs={monitorCrumbs(ctx, { href: paths.list(view.agency.code), label: view.agency.name }, { label: site.name })}>
      <h1>{site.name}</h1>
      <p>
        {view.agency.name} · <UrlLink url={site.homepage} />
      </p>
      <Done ctx={ctx} done={done} />
      <ProblemMessage message={problem} />
      <div class="pub-actions">
        <RunCheck ctx={ctx} view={view} />
        {view.canManage && !site.own && (
          <p>
            <a href={paths.editSite(site.id)} class="tap-link">
              {t('oversight.monitor.site.edit')}
            </a>
          </p>
        )}
      </div>
      <ConfigSummary ctx={ctx} site={site} />
      <ProbesSection ctx={ctx} probes={view.probes} />
      {latest?.result && latest.evaluation ? (
        <>
          <p>
            {t('oversight.monitor.site.latestFrom')} <a href={paths.crawl(latest.id)}>{<Time iso={latest.finishedAt ?? latest.startedAt} />}</a>
          </p>
          <CrawlResultView ctx={ctx} result={latest.result} evaluation={latest.evaluation} issue={view.canManage ? { crawlId: latest.id, defaultDue, form: issue, openByItem: openByItem(view.rectifications) } : null} />
        </>
      ) : (
        <p class="empty-state">{t('oversight.monitor.site.notChecked')}</p>
      )}
      <section aria-labelledby="crawls">
        <h2 id="crawls">{t('oversight.monitor.crawls.title')}</h2>
        <CrawlsTable ctx={ctx} crawls={view.crawls} />
      </section>
      <section aria-labelledby="site-rects">
        <h2 id="site-rects">{t('oversight.rectification.ofSite')}</h2>
        {view.rectifications.length ? (
          <RectificationTable ctx={ctx} caption={t('oversight.rectification.ofSiteCaption')} rows={view.rectifications.map((r) => ({ rectification: r, agencyName: view.agency.name, siteName: site.name }))} showSite={false} />
        ) : (
          <p class="muted">{t('oversight.rectification.none')}</p>
        )}
      </section>
    </Layout>
  );
}

// ---- one crawl ----------------------------------------------------------------------------------

export function CrawlPage({ ctx, crawl, view, problem, issue, refresh }: { ctx: RequestContext; crawl: Crawl; view: SiteView; problem?: string | null; issue?: IssueForm | null; refresh: boolean }) {
  const { t } = ctx;
  const { site } = view;
  const title = t('oversight.monitor.crawl.title', { site: site.name });
  return (
    <Layout ctx={ctx} title={title} area="admin" crumbs={monitorCrumbs(ctx, { href: paths.site(site.id), label: site.name }, { label: t('oversight.monitor.crawl.crumb') })}>
      <h1>{title}</h1>
      <ProblemMessage message={problem} />
      <dl class="details-list">
        <div>
          <dt>{t('oversight.monitor.crawls.status')}</dt>
          <dd class="crawl-status">{t(`oversight.monitor.crawlStatus.${crawl.status}`)}</dd>
        </div>
        <div>
          <dt>{t('oversight.monitor.crawls.startedAt')}</dt>
          <dd>
            <Time iso={crawl.startedAt} />
          </dd>
        </div>
        {crawl.finishedAt && (
          <div>
            <dt>{t('oversight.monitor.crawl.finishedAt')}</dt>
            <dd>
              <Time iso={crawl.finishedAt} />
            </dd>
          </div>
        )}
        <div>
          <dt>{t('oversight.monitor.crawls.trigger')}</dt>
          <dd>{t(`oversight.monitor.trigger.${crawl.trigger}`)}</dd>
        </div>
      </dl>
      {crawl.status === 'running' && (
        <div role="status" class="notice-box">
          <p>{t('oversight.monitor.crawl.progress', { pages: crawl.pages })}</p>
          <p>
            {refresh ? t('oversight.monitor.crawl.refreshing') : t('oversight.monitor.crawl.notRefreshing')} <a href={paths.crawl(crawl.id)}>{t('oversight.monitor.crawl.refreshNow')}</a>
            {refresh && (
              <>
                {' · '}
                <a href={`${paths.crawl(crawl.id)}?refresh=0`}>{t('oversight.monitor.crawl.stopRefresh')}</a>
              </>
            )}
          </p>
        </div>
      )}
      {crawl.status === 'failed' && (
        <div class="error-summary" role="alert">
          <p>{t('oversight.monitor.crawl.failed', { error: crawl.error === 'interrupted' ? t('oversight.monitor.crawl.interrupted') : (crawl.error ?? '') })}</p>
        </div>
      )}
      {crawl.status === 'done' && crawl.result && crawl.evaluation && (
        <CrawlResultView
          ctx={ctx}
          result={crawl.result}
          evaluation={crawl.evaluation}
          issue={view.canManage ? { crawlId: crawl.id, defaultDue: view.defaultDue, form: issue, openByItem: openByItem(view.rectifications) } : null}
        />
      )}
      <p>
        <a href={paths.site(site.id)} class="tap-link">
          {t('oversight.monitor.crawl.back', { site: site.name })}
        </a>
      </p>
    </Layout>
  );
}
