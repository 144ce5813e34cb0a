/**
 * The weekly spot-check report (周抽查通报): the body shared by the web page and the catalog publication (summary,
 * failed sites with items and evidence, deductions, sites not checked, the request to rectify), the list of an
 * office's weeks with the form to generate one, and one week's page (DOCX, regenerate, publish).
 */
import type { RequestContext } from '../../../http/context.ts';
import type { T } from '../../../http/i18n/index.ts';
import { formatInstant } from '../../../http/render.ts';
import { ProblemMessage, TableWrap } from '../../../http/views/AdminKit.tsx';
import { CsrfField, FormActions, TextField, type FormErrors } from '../../../http/views/forms.tsx';
import { Layout } from '../../../http/views/Layout.tsx';
import type { Agency } from '../../agencies/index.ts';
import { publicationHref } from '../../catalog/index.ts';
import { findingItems, type Finding, type SpotCheckReport, type SpotCheckSite } from '../monitor-types.ts';
import { EVIDENCE_PER_FINDING, evidenceSentence, findingLabel, shanghaiMinute, spotCheckParts, spotCheckTitle } from '../spot-check-docx.ts';
import { monitorCrumbs, paths } from './MonitorKit.tsx';
import { Done } from './MonitorPages.tsx';

const dateParams = (iso: string) => ({ year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)), day: Number(iso.slice(8, 10)) });

/** The lead paragraph: the week, the office, how many sites were checked and failed, and the items found. */
export function spotCheckLead(report: SpotCheckReport, t: T): string {
  const from = t('oversight.spotCheck.dateFull', dateParams(report.from));
  const to = report.from.slice(0, 4) === report.to.slice(0, 4) ? t('oversight.spotCheck.dateShort', dateParams(report.to)) : t('oversight.spotCheck.dateFull', dateParams(report.to));
  const { summary } = report;
  let lead = t(summary.failed > 0 ? 'oversight.spotCheck.lead' : 'oversight.spotCheck.leadAllPassed', { from, to, office: report.office.name, sites: summary.sites, checked: summary.checked, failed: summary.failed });
  const byItem = findingItems.filter((i) => (summary.byItem[i] ?? 0) > 0).map((i) => t('oversight.spotCheck.itemCount', { item: t(`oversight.item.${i}`), count: summary.byItem[i]! }));
  if (byItem.length) lead += t('oversight.spotCheck.leadItems', { items: byItem.join(t('oversight.spotCheck.separator')) });
  return lead;
}

function EvidenceCell({ t, findings, limit, asList }: { t: T; findings: Finding[]; limit: number | null; asList?: boolean }) {
  const Line = asList ? 'li' : 'p';
  return (
    <>
      {findings.map((f) => {
        const shown = limit === null ? f.evidence : f.evidence.slice(0, limit);
        const more = Math.max(f.evidence.length, Number.isInteger(f.value) ? f.value : 0) - shown.length;
        return shown
          .map((e, i) => (
            <Line key={`${f.item}-${i}`}>
              {evidenceSentence(e, t)}（{/^https?:\/\//i.test(e.url) ? <a href={e.url}>{e.url}</a> : e.url}，{shanghaiMinute(e.at)}）
            </Line>
          ))
          .concat(more > 0 && limit !== null ? [<Line key={`${f.item}-more`}>{t('oversight.spotCheck.moreEvidence', { count: more })}</Line>] : []);
      })}
    </>
  );
}

function FindingsTable({ t, caption, rows, limit }: { t: T; caption: string; rows: { site: SpotCheckSite; findings: Finding[] }[]; limit: number | null }) {
  return (
    <table class="data-table spot-check-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {(['no', 'agency', 'site', 'problems', 'evidence'] as const).map((k) => (
            <th scope="col" key={k}>
              {t(`oversight.spotCheck.col.${k}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(({ site, findings }, i) => (
          <tr key={site.siteId}>
            <td>{i + 1}</td>
            <td>{site.agency.name}</td>
            <th scope="row">
              {site.name}
              <br />
              {/^https?:\/\//i.test(site.homepage) ? <a href={site.homepage}>{site.homepage}</a> : site.homepage}
            </th>
            <td>
              {findings.map((f) => (
                <p key={f.item}>{findingLabel(f, t)}</p>
              ))}
            </td>
            <td>
              <EvidenceCell t={t} findings={findings} limit={limit} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The web page's form of a table: one section per site, its findings as headings, every piece of evidence listed. */
function SiteSections({ t, rows, kind }: { t: T; rows: { site: SpotCheckSite; findings: Finding[] }[]; kind: 'failed' | 'deductions' }) {
  return (
    <ol class="spot-check-sites">
      {rows.map(({ site, findings }) => (
        <li key={site.siteId}>
          <div class={`spot-check-site spot-check-${kind}`}>
            <h3>
              {site.name}（{site.agency.name}）
            </h3>
            <p>
              {/^https?:\/\//i.test(site.homepage) ? (
                <a href={site.homepage} class="tap-link" rel="noopener noreferrer nofollow">
                  {site.homepage}
                </a>
              ) : (
                site.homepage
              )}
            </p>
            {findings.map((f) => (
              <div key={f.item}>
                <h4>{findingLabel(f, t)}</h4>
                <ul class="evidence-list">
                  <EvidenceCell t={t} findings={[f]} limit={null} asList />
                </ul>
              </div>
            ))}
          </div>
        </li>
      ))}
    </ol>
  );
}

/**
 * The report's sections. `plain`: for the catalog (only tags its sanitiser keeps, the failed sites as tables like the
 * Word document, evidence cut to the document's count); otherwise the web page (one section per site, every piece of
 * evidence, readable on a phone).
 */
export function SpotCheckBody({ report, t, plain }: { report: SpotCheckReport; t: T; plain: boolean }) {
  const { failed, deductions, notChecked } = spotCheckParts(report);
  const part = (rows: typeof failed, caption: string, kind: 'failed' | 'deductions') =>
    plain ? <FindingsTable t={t} caption={caption} rows={rows} limit={EVIDENCE_PER_FINDING} /> : <SiteSections t={t} rows={rows} kind={kind} />;
  return (
    <>
      <h2>{t('oversight.spotCheck.heading.summary')}</h2>
      <p>{spotCheckLead(report, t)}</p>
      <h2>{t('oversight.spotCheck.heading.failed')}</h2>
      {failed.length ? part(failed, t('oversight.spotCheck.captionFailed'), 'failed') : <p>{t('oversight.spotCheck.failedNone')}</p>}
      <h2>{t('oversight.spotCheck.heading.deductions')}</h2>
      {deductions.length ? part(deductions, t('oversight.spotCheck.captionDeductions'), 'deductions') : <p>{t('oversight.spotCheck.deductionsNone')}</p>}
      <h2>{t('oversight.spotCheck.heading.notChecked')}</h2>
      {notChecked.length ? (
        <>
          <p>{t('oversight.spotCheck.notCheckedIntro', { count: notChecked.length })}</p>
          <ul>
            {notChecked.map((s) => (
              <li key={s.siteId}>{t('oversight.spotCheck.notCheckedSite', { agency: s.agency.name, site: s.name, url: s.homepage })}</li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t('oversight.spotCheck.notCheckedNone')}</p>
      )}
      <h2>{t('oversight.spotCheck.heading.rectify')}</h2>
      <p>{t(failed.length || deductions.length ? 'oversight.spotCheck.closing' : 'oversight.spotCheck.closingNone', { office: report.office.name })}</p>
    </>
  );
}

// ---- the office's weeks ----------------------------------------------------------------------

export function SpotCheckListPage({
  ctx,
  office,
  offices,
  weeks,
  canManage,
  week,
  errors,
  problem,
}: {
  ctx: RequestContext;
  office: Agency;
  offices: Agency[];
  weeks: { week: string; generatedAt: string; publicationId: string | null; publishedOn: string | null }[];
  canManage: boolean;
  /** The week in the generate form (default: last week). */
  week: string;
  errors: FormErrors;
  problem?: string | null;
}) {
  const { t } = ctx;
  const title = t('oversight.monitor.spot.title', { office: office.name });
  return (
    <Layout ctx={ctx} title={title} area="admin" crumbs={monitorCrumbs(ctx, { label: t('oversight.monitor.spot.crumb') })}>
      <h1>{title}</h1>
      <p class="lead">{t('oversight.monitor.spot.intro')}</p>
      <ProblemMessage message={problem} />
      {offices.length > 1 && (
        <form method="get" action={paths.spotChecks()} class="filter-form" aria-label={t('oversight.monitor.spot.officeForm')}>
          <div class="field">
            <label for="spot-office">{t('oversight.monitor.spot.office')}</label>
            <select id="spot-office" name="office">
              {offices.map((o) => (
                <option key={o.id} value={o.code} selected={o.id === office.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
          <FormActions>
            <button type="submit" class="button">
              {t('oversight.monitor.show')}
            </button>
          </FormActions>
        </form>
      )}
      {canManage && (
        <form method="post" action={paths.spotChecks()} class="form action-box" aria-labelledby="spot-generate">
          <h2 id="spot-generate">{t('oversight.monitor.spot.generateTitle')}</h2>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="office" value={office.code} />
          <TextField name="week" label={t('oversight.monitor.spot.week')} hint={t('oversight.monitor.spot.weekHint')} value={week} error={errors.week} required maxLength={8} />
          <FormActions>
            <button type="submit" class="button">
              {t('oversight.monitor.spot.generate')}
            </button>
          </FormActions>
        </form>
      )}
      <section aria-labelledby="spot-weeks">
        <h2 id="spot-weeks">{t('oversight.monitor.spot.weeks')}</h2>
        {weeks.length ? (
          <TableWrap label={t('oversight.monitor.spot.weeksCaption')}>
            <table class="data-table">
              <caption class="visually-hidden">{t('oversight.monitor.spot.weeksCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('oversight.monitor.spot.week')}</th>
                  <th scope="col">{t('oversight.monitor.spot.generatedAt')}</th>
                  <th scope="col">{t('oversight.monitor.spot.published')}</th>
                </tr>
              </thead>
              <tbody>
                {weeks.map((w) => (
                  <tr key={w.week}>
                    <th scope="row">
                      <a href={paths.spotCheck(office.code, w.week)} class="tap-link">
                        {w.week}
                      </a>
                    </th>
                    <td class="nowrap">{formatInstant(w.generatedAt)}</td>
                    <td>
                      {w.publicationId ? (
                        <a href={publicationHref({ id: w.publicationId })} class="tap-link">
                          {t('oversight.monitor.spot.publishedOn', { date: w.publishedOn ?? '' })}
                        </a>
                      ) : (
                        t('oversight.monitor.spot.notPublished')
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : (
          <p class="empty-state">{t('oversight.monitor.spot.none')}</p>
        )}
      </section>
    </Layout>
  );
}

export function SpotCheckPage({
  ctx,
  office,
  report,
  publication,
  canManage,
  problem,
  done,
}: {
  ctx: RequestContext;
  office: Agency;
  report: SpotCheckReport;
  publication: { id: string; publishedOn: string | null } | null;
  canManage: boolean;
  problem?: string | null;
  done?: string | null;
}) {
  const { t } = ctx;
  const title = spotCheckTitle(report, t);
  return (
    <Layout ctx={ctx} title={title} area="admin" crumbs={monitorCrumbs(ctx, { href: paths.spotChecks(office.code), label: t('oversight.monitor.spot.crumb') }, { label: report.week })}>
      <h1>{title}</h1>
      <Done ctx={ctx} done={done} />
      <ProblemMessage message={problem} />
      <dl class="details-list">
        <div>
          <dt>{t('oversight.monitor.spot.week')}</dt>
          <dd>{t('oversight.monitor.spot.weekRange', { week: report.week, from: report.from, to: report.to })}</dd>
        </div>
        <div>
          <dt>{t('oversight.monitor.spot.generatedAt')}</dt>
          <dd>{formatInstant(report.generatedAt)}</dd>
        </div>
        <div>
          <dt>{t('oversight.monitor.spot.published')}</dt>
          <dd>{publication ? <a href={publicationHref({ id: publication.id })} class="tap-link">{t('oversight.monitor.spot.publishedOn', { date: publication.publishedOn ?? '' })}</a> : t('oversight.monitor.spot.notPublished')}</dd>
        </div>
      </dl>
      <div class="report-actions">
        <p>
          <a href={paths.spotCheckAction(office.code, report.week, 'docx')} download class="tap-link">
            {t('oversight.monitor.spot.docx')}
          </a>
        </p>
        {canManage && !publication && (
          <>
            <form method="post" action={paths.spotCheckAction(office.code, report.week, 'generate')} class="inline-form">
              <CsrfField ctx={ctx} />
              <button type="submit" class="button button-secondary">
                {t('oversight.monitor.spot.regenerate')}
              </button>
            </form>
            <form method="post" action={paths.spotCheckAction(office.code, report.week, 'publish')} class="inline-form">
              <CsrfField ctx={ctx} />
              <button type="submit" class="button">
                {t('oversight.monitor.spot.publish')}
              </button>
            </form>
          </>
        )}
      </div>
      {!publication && canManage && <p class="hint">{t('oversight.monitor.spot.publishHint')}</p>}
      <article class="report-document spot-check-body">
        <SpotCheckBody report={report} t={t} plain={false} />
      </article>
    </Layout>
  );
}
