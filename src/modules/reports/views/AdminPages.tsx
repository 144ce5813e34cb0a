/**
 * The back-office pages of annual reports: the year's reports of every agency the user sees (deadline
 * tracking), one report's draft (checks, actions, the report, comparison, figures, year-on-year), the text and
 * figure forms, and the check of an imported report.
 */
import type { RequestContext } from '../../../http/context.ts';
import { ProblemMessage, TableWrap } from '../../../http/views/AdminKit.tsx';
import { CsrfField, ErrorSummary, FormActions, TextArea, type FormErrors } from '../../../http/views/forms.tsx';
import { Layout } from '../../../http/views/Layout.tsx';
import type { Agency } from '../../agencies/index.ts';
import { publicationHref } from '../../catalog/index.ts';
import { failedChecks } from '../checks.ts';
import { figureKeysOf, reportFormats, type BalanceCheck, type ReportFormat, type ReportJson, type ReportScope } from '../format.ts';
import { sectionHeadings } from '../labels.ts';
import type { CompiledReport, ReportStatus, ReportTexts, TextSection } from '../model.ts';
import { textSections } from '../model.ts';
import { ReportBody } from './ReportBody.tsx';
import { ChartsView, ChecksPanel, ComparisonTable, Downloads, FiguresList, TrendTable, type ComparisonColumn } from './ReportParts.tsx';
import { adminCrumbs, adminDownloadPath, checkPath, figureLabel, listPath, OverdueTag, publicReportPath, reportPath, reportSubPath, StatusTag, yearOptions } from './kit.tsx';

/** A confirmation after a redirect (?done=…); unknown values show nothing. */
export const doneKeys = ['texts', 'figures', 'format', 'submitted', 'returned', 'published'] as const;
function Done({ ctx, done }: { ctx: RequestContext; done?: string | null }) {
  if (!done || !(doneKeys as readonly string[]).includes(done)) return null;
  return (
    <div class="status-message" role="status">
      <p>{ctx.t(`reports.done.${done}`)}</p>
    </div>
  );
}

// ---- the year's reports: deadline tracking --------------------------------------------------

export interface DeadlineRow {
  agency: Agency;
  depth: number;
  scope: ReportScope;
  dueOn: string | null;
  status: ReportStatus | 'none';
  overdue: boolean;
  publishedOn: string | null;
}

export function ListPage({ ctx, year, currentYear, rows }: { ctx: RequestContext; year: number; currentYear: number; rows: DeadlineRow[] }) {
  const { t } = ctx;
  const title = t('reports.list.title');
  const count = (f: (r: DeadlineRow) => boolean) => rows.filter(f).length;
  return (
    <Layout ctx={ctx} title={`${title}（${year}）`} area="admin" crumbs={adminCrumbs(ctx, null)}>
      <h1>{title}</h1>
      <p class="lead">{t('reports.list.intro')}</p>
      <form method="get" action={listPath()} class="filter-form" aria-label={t('reports.list.yearForm')}>
        <div class="field">
          <label for="report-year">{t('reports.list.year')}</label>
          <select id="report-year" name="year">
            {yearOptions(currentYear).map((y) => (
              <option key={y} value={String(y)} selected={y === year}>
                {t('reports.list.yearOption', { year: y })}
              </option>
            ))}
          </select>
        </div>
        <FormActions>
          <button type="submit" class="button">
            {t('reports.list.show')}
          </button>
        </FormActions>
      </form>
      <p>
        <a href={checkPath}>{t('reports.check.link')}</a>
      </p>

      <section aria-labelledby="reports-summary">
        <h2 id="reports-summary">{t('reports.list.summary', { year })}</h2>
        <dl class="stat-list">
          {(['published', 'submitted', 'draft', 'none'] as const).map((s) => (
            <div class="stat" key={s}>
              <dt>{t(`reports.status.${s}`)}</dt>
              <dd>{count((r) => r.status === s)}</dd>
            </div>
          ))}
          <div class="stat">
            <dt>{t('reports.overdue')}</dt>
            <dd>{count((r) => r.overdue)}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="reports-table">
        <h2 id="reports-table">{t('reports.list.agencies')}</h2>
        {rows.length ? (
          <TableWrap label={t('reports.list.agencies')}>
            <table class="data-table report-list">
              <thead>
                <tr>
                  <th scope="col">{t('reports.list.agency')}</th>
                  <th scope="col">{t('reports.list.scope')}</th>
                  <th scope="col">{t('reports.list.dueOn')}</th>
                  <th scope="col">{t('reports.list.status')}</th>
                  <th scope="col">{t('reports.list.publishedOn')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.agency.id} class={r.overdue ? 'row-overdue' : undefined}>
                    <th scope="row">
                      {r.depth > 0 && (
                        <span class="tree-indent" aria-hidden="true">
                          {'　'.repeat(r.depth - 1)}└{' '}
                        </span>
                      )}
                      <a href={reportPath(r.agency.code, year)}>{r.agency.name}</a>
                    </th>
                    <td>{t(`reports.scope.${r.scope}`)}</td>
                    <td>{r.dueOn ?? t('reports.list.noDueDate')}</td>
                    <td>
                      <StatusTag ctx={ctx} status={r.status} /> {r.overdue && <OverdueTag ctx={ctx} />}
                    </td>
                    <td>{r.publishedOn ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : (
          <p class="muted">{t('reports.list.none')}</p>
        )}
      </section>
    </Layout>
  );
}

// ---- one report -----------------------------------------------------------------------------

export interface DraftProps {
  ctx: RequestContext;
  report: CompiledReport;
  agency: Agency;
  dueOn: string | null;
  may: { edit: boolean; approve: boolean };
  /** Offer the switch between the agency's own records and the roll-up over everything below it. */
  scopeSwitch: boolean;
  /** The format asked for in the query (a preview), when it differs from the stored one. */
  preview: ReportFormat | null;
  sort: ComparisonColumn | 'name';
  names: Map<string, string>;
  problem?: string | null;
  done?: string | null;
  returnForm?: { reason: string; error?: string };
}

export function DraftPage({ ctx, report, agency, dueOn, may, scopeSwitch, preview, sort, names, problem, done, returnForm }: DraftProps) {
  const { t } = ctx;
  const { json, year, scope } = report;
  const code = agency.code;
  const failed = failedChecks(json.checks);
  const q = (extra: Record<string, string>) => {
    const u = new URLSearchParams({ ...(scope !== 'agency' || scopeSwitch ? { scope } : {}), ...(preview ? { format: preview } : {}), ...extra });
    return `${reportPath(code, year)}?${u.toString()}`;
  };
  const action = (sub: string) => reportSubPath(code, year, sub, scope);
  const draft = report.status === 'draft';
  return (
    <Layout ctx={ctx} title={report.title} area="admin" crumbs={adminCrumbs(ctx, year, { label: report.title })}>
      <h1>{report.title}</h1>
      <dl class="report-meta">
        <div>
          <dt>{t('reports.list.status')}</dt>
          <dd>
            <StatusTag ctx={ctx} status={report.status} />
            {report.publishedOn && ` ${t('reports.page.publishedOn', { date: report.publishedOn })}`}
          </dd>
        </div>
        <div>
          <dt>{t('reports.list.scope')}</dt>
          <dd>{t(`reports.scope.${scope}`)}</dd>
        </div>
        <div>
          <dt>{t('reports.format.label')}</dt>
          <dd>{t(`reports.format.${json.format}`)}</dd>
        </div>
        <div>
          <dt>{t('reports.list.dueOn')}</dt>
          <dd>{dueOn ?? t('reports.list.noDueDate')}</dd>
        </div>
      </dl>
      {scopeSwitch && (
        <nav class="report-scopes" aria-label={t('reports.list.scope')}>
          <ul class="link-list">
            {(['rollup', 'agency'] as const).map((s) => (
              <li key={s}>{s === scope ? <strong aria-current="page">{t(`reports.scope.${s}`)}</strong> : <a href={reportPath(code, year, s)}>{t(`reports.scope.${s}`)}</a>}</li>
            ))}
          </ul>
        </nav>
      )}
      <Done ctx={ctx} done={done} />
      <ProblemMessage message={problem} />
      {report.returnReason && (
        <p class="status-message report-returned" role="note">
          {t('reports.page.returnedBecause', { reason: report.returnReason })}
        </p>
      )}
      {preview && (
        <p class="status-message report-preview" role="note">
          {t('reports.format.previewing', { format: t(`reports.format.${preview}`) })}
        </p>
      )}

      <ChecksPanel ctx={ctx} format={json.format} checks={json.checks} note={failed.length && draft ? t('reports.checks.blocksSubmit') : undefined} />

      <section aria-labelledby="report-actions" class="report-actions">
        <h2 id="report-actions">{t('reports.actions.title')}</h2>
        {draft && may.edit && (
          <>
            <ul class="link-list">
              <li>
                <a href={reportSubPath(code, year, 'texts', scope)}>{t('reports.texts.title')}</a>
              </li>
              {json.format !== 'legacy' && (
                <li>
                  <a href={reportSubPath(code, year, 'figures', scope)}>{t('reports.figures.title')}</a>
                </li>
              )}
            </ul>
            <form method="get" action={reportPath(code, year)} class="filter-form" aria-label={t('reports.format.previewForm')}>
              <input type="hidden" name="scope" value={scope} />
              <div class="field">
                <label for="report-format">{t('reports.format.label')}</label>
                <select id="report-format" name="format">
                  {reportFormats.map((f) => (
                    <option key={f} value={f} selected={f === json.format}>
                      {t(`reports.format.${f}`)}
                    </option>
                  ))}
                </select>
              </div>
              <FormActions>
                <button type="submit" class="button">
                  {t('reports.format.preview')}
                </button>
              </FormActions>
            </form>
            {preview && (
              <form method="post" action={action('format')} class="inline-form">
                <CsrfField ctx={ctx} />
                <input type="hidden" name="format" value={preview} />
                <button type="submit" class="button">
                  {t('reports.format.save', { format: t(`reports.format.${preview}`) })}
                </button>
              </form>
            )}
            <form method="post" action={action('submit')} class="report-submit">
              <CsrfField ctx={ctx} />
              <p class="hint">{t('reports.actions.submitHint')}</p>
              <button type="submit" class="button primary">
                {t('reports.actions.submit')}
              </button>
            </form>
          </>
        )}
        {draft && !may.edit && <p>{t('reports.actions.draftReadOnly')}</p>}
        {report.status === 'submitted' && (
          <>
            <p>{t('reports.actions.awaiting')}</p>
            {may.approve && (
              <>
                <form method="post" action={action('approve')}>
                  <CsrfField ctx={ctx} />
                  <p class="hint">{t('reports.actions.approveHint')}</p>
                  <button type="submit" class="button primary">
                    {t('reports.actions.approve')}
                  </button>
                </form>
                <form method="post" action={action('return')}>
                  <CsrfField ctx={ctx} />
                  <TextArea name="reason" label={t('reports.actions.reason')} value={returnForm?.reason ?? ''} error={returnForm?.error} required rows={3} />
                  <button type="submit" class="button">
                    {t('reports.actions.return')}
                  </button>
                </form>
              </>
            )}
          </>
        )}
        {report.status === 'published' && (
          <ul class="link-list">
            <li>
              <a href={publicReportPath(code, year, scopeSwitch ? scope : null)}>{t('reports.actions.publicPage')}</a>
            </li>
            {report.publication && (
              <li>
                <a href={publicationHref({ id: report.publication.id })}>{t('reports.page.catalogItem', { indexNo: report.publication.indexNo ?? '' })}</a>
              </li>
            )}
          </ul>
        )}
      </section>

      <Downloads ctx={ctx} href={(ext) => adminDownloadPath(code, year, ext, scopeSwitch || scope !== 'agency' ? scope : null)} />

      <article class="report-article" aria-labelledby="report-title">
        <h2 id="report-title" class="report-title">{report.title}</h2>
        <ReportBody report={report} t={t} level={3} />
      </article>
      <ChartsView ctx={ctx} report={report} />
      {scope === 'rollup' && <ComparisonTable ctx={ctx} report={report} sort={sort} sortHref={(c) => `${q({ sort: c })}#comparison`} />}
      <FiguresList ctx={ctx} report={report} names={names} editHref={draft && may.edit && json.format !== 'legacy' ? reportSubPath(code, year, 'figures', scope) : undefined} />
      <TrendTable ctx={ctx} report={report} />
    </Layout>
  );
}

// ---- the text sections ----------------------------------------------------------------------

export function TextsPage({ ctx, report, agency, values, errors, suggestions, done }: { ctx: RequestContext; report: CompiledReport; agency: Agency; values: ReportTexts; errors: FormErrors; suggestions: { name: string; value: string }[]; done?: string | null }) {
  const { t } = ctx;
  const { year, scope } = report;
  const title = t('reports.texts.title');
  const headings = new Map(sectionHeadings(report.json.format).map((s) => [s.content, s.heading]));
  const sections = textSections.filter((s) => headings.has(s));
  const labels = Object.fromEntries(sections.map((s) => [s, headings.get(s)!])) as Record<string, string>;
  return (
    <Layout ctx={ctx} title={`${title} - ${report.title}`} area="admin" crumbs={adminCrumbs(ctx, year, { href: reportPath(agency.code, year, scope), label: report.title }, { label: title })}>
      <h1>{title}</h1>
      <p class="lead">{report.title}</p>
      <Done ctx={ctx} done={done} />
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <details class="placeholder-help" open>
        <summary>{t('reports.texts.placeholders')}</summary>
        <p class="hint" id="placeholder-hint">
          {t('reports.texts.placeholdersHint')}
        </p>
        <TableWrap label={t('reports.texts.placeholders')}>
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">{t('reports.texts.placeholder')}</th>
                <th scope="col">{t('reports.texts.currentValue')}</th>
              </tr>
            </thead>
            <tbody>
              {suggestions.map((s) => (
                <tr key={s.name}>
                  <th scope="row">
                    <code>{`{${s.name}}`}</code>
                  </th>
                  <td>{s.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </details>
      <form method="post" action={reportSubPath(agency.code, year, 'texts', scope)} class="report-texts-form">
        <CsrfField ctx={ctx} />
        {sections.map((s: TextSection) => (
          <TextArea key={s} name={s} label={headings.get(s)!} value={values[s]} error={errors[s]} hint={s === 'other' && report.json.format !== 'legacy' ? t('reports.texts.feesHint') : undefined} rows={10} />
        ))}
        <FormActions>
          <button type="submit" class="button primary">
            {t('reports.texts.save')}
          </button>
          <a href={reportPath(agency.code, year, scope)}>{t('reports.back')}</a>
        </FormActions>
      </form>
      {done && (
        <section aria-labelledby="texts-preview" class="report-preview">
          <h2 id="texts-preview">{t('reports.texts.preview')}</h2>
          <ReportBody report={report} t={t} level={3} />
        </section>
      )}
    </Layout>
  );
}

// ---- the entered figures of table 二 --------------------------------------------------------

export interface FigureValues {
  values: Record<string, string>;
  sources: Record<string, string>;
  csv: string;
}

export function FiguresPage({ ctx, agency, year, format, scope, form, errors, csvErrors, done, updatedAt }: { ctx: RequestContext; agency: Agency; year: number; format: ReportFormat; scope: ReportScope; form: FigureValues; errors: FormErrors; csvErrors: string[]; done?: string | null; updatedAt: Record<string, string> }) {
  const { t } = ctx;
  const title = t('reports.figures.title');
  const keys = format === 'legacy' ? [] : figureKeysOf(format);
  const labels = Object.fromEntries(keys.flatMap((k) => [[k, figureLabel(format, k)], [`${k}.source`, `${figureLabel(format, k)} ${t('reports.figures.source')}`]]));
  const fieldErrors: FormErrors = Object.fromEntries(Object.entries(errors).map(([k, v]) => [k.endsWith('.source') ? `source.${k.slice(0, -'.source'.length)}` : `value.${k}`, v]));
  const summaryLabels = Object.fromEntries(Object.entries(labels).map(([k, v]) => [k.endsWith('.source') ? `source.${k.slice(0, -'.source'.length)}` : `value.${k}`, v]));
  const reportTitle = `${agency.name}${year}`;
  return (
    <Layout ctx={ctx} title={`${title} - ${reportTitle}`} area="admin" crumbs={adminCrumbs(ctx, year, { href: reportPath(agency.code, year, scope), label: t('reports.figures.reportCrumb', { agency: agency.name, year }) }, { label: title })}>
      <h1>{title}</h1>
      <p class="lead">{t('reports.figures.intro', { agency: agency.name, year })}</p>
      <Done ctx={ctx} done={done} />
      <ErrorSummary ctx={ctx} errors={fieldErrors} labels={summaryLabels} />
      {keys.length === 0 ? (
        <p>{t('reports.figures.legacy')}</p>
      ) : (
        <>
          <form method="post" action={reportSubPath(agency.code, year, 'figures', scope)} class="figures-form">
            <CsrfField ctx={ctx} />
            <p class="hint">{t('reports.figures.hint')}</p>
            <TableWrap label={title}>
              <table class="data-table figures-table">
                <thead>
                  <tr>
                    <th scope="col">{t('reports.figures.item')}</th>
                    <th scope="col">{t('reports.figures.value')}</th>
                    <th scope="col">{t('reports.figures.source')}</th>
                  </tr>
                </thead>
                <tbody>
                  {keys.map((k) => {
                    const vid = `f-value-${k.replace(/\./g, '-')}`;
                    const sid = `f-source-${k.replace(/\./g, '-')}`;
                    const ve = fieldErrors[`value.${k}`];
                    const se = fieldErrors[`source.${k}`];
                    return (
                      <tr key={k} class={ve || se ? 'field-error' : undefined}>
                        <th scope="row">
                          <label for={vid}>{labels[k]}</label>
                          {updatedAt[k] && <span class="muted"> {t('reports.figures.updated', { at: updatedAt[k] })}</span>}
                        </th>
                        <td>
                          {ve && (
                            <p class="error-text" id={`${vid}-error`}>
                              {ve}
                            </p>
                          )}
                          <input id={vid} name={`value.${k}`} type="text" inputMode="decimal" value={form.values[k] ?? ''} size={10} aria-invalid={ve ? 'true' : undefined} aria-describedby={ve ? `${vid}-error` : undefined} />
                        </td>
                        <td>
                          {se && (
                            <p class="error-text" id={`${sid}-error`}>
                              {se}
                            </p>
                          )}
                          <input id={sid} name={`source.${k}`} type="text" value={form.sources[k] ?? ''} maxLength={200} aria-label={`${labels[k]} ${t('reports.figures.source')}`} aria-invalid={se ? 'true' : undefined} aria-describedby={se ? `${sid}-error` : undefined} />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </TableWrap>
            <FormActions>
              <button type="submit" class="button primary">
                {t('reports.figures.save')}
              </button>
              <a href={reportPath(agency.code, year, scope)}>{t('reports.back')}</a>
            </FormActions>
          </form>

          <section aria-labelledby="figures-csv">
            <h2 id="figures-csv">{t('reports.figures.csvTitle')}</h2>
            {csvErrors.length > 0 && (
              <div class="error-summary" role="alert" tabIndex={-1} id="error-summary-csv">
                <p>{t('reports.figures.csvRefused', { count: csvErrors.length })}</p>
                <ul>
                  {csvErrors.map((e, i) => (
                    <li key={i}>
                      <a href="#f-csv">{e}</a>
                    </li>
                  ))}
                </ul>
              </div>
            )}
            <form method="post" action={reportSubPath(agency.code, year, 'figures', scope)}>
              <CsrfField ctx={ctx} />
              <TextArea name="csv" label={t('reports.figures.csvLabel')} hint={t('reports.figures.csvHint', { example: `${keys[0]},12,${t('reports.figures.csvExampleSource')}` })} value={form.csv} error={csvErrors.length ? t('reports.figures.csvFix') : undefined} rows={8} />
              <p class="hint">{t('reports.figures.csvKeys', { keys: keys.join('、') })}</p>
              <FormActions>
                <button type="submit" class="button">
                  {t('reports.figures.csvImport')}
                </button>
              </FormActions>
            </form>
          </section>
        </>
      )}
    </Layout>
  );
}

// ---- checking an imported report ------------------------------------------------------------

export interface CheckResult {
  report: ReportJson;
  checks: BalanceCheck[];
}

export function CheckPage({ ctx, text, parseIssues, results }: { ctx: RequestContext; text: string; parseIssues: { path: string; message: string }[]; results: CheckResult[] | null }) {
  const { t } = ctx;
  const title = t('reports.check.title');
  return (
    <Layout ctx={ctx} title={title} area="admin" crumbs={adminCrumbs(ctx, null, { label: title })}>
      <h1>{title}</h1>
      <p class="lead">{t('reports.check.intro')}</p>
      {parseIssues.length > 0 && (
        <div class="error-summary" role="alert" tabIndex={-1} id="error-summary">
          <p>{t('reports.check.parseIssues', { count: parseIssues.length })}</p>
          <ul>
            {parseIssues.map((i, n) => (
              <li key={n}>
                <a href="#f-json">
                  {i.path ? <code>{i.path}</code> : null}
                  {i.path ? '：' : ''}
                  {i.message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {results?.map((r, i) => {
        const failed = r.checks.filter((c) => !c.ok).length;
        const id = `result-${i}`;
        return (
          <section key={i} aria-labelledby={id} class="check-result">
            <h2 id={id}>
              {t('reports.check.resultTitle', { agency: r.report.agency, year: r.report.year, scope: t(`reports.scope.${r.report.scope}`), format: t(`reports.format.${r.report.format}`) })}{' '}
              {failed ? <span class="badge badge-late">{t('reports.check.failedBadge', { count: failed })}</span> : <span class="badge status-published">{t('reports.check.passedBadge')}</span>}
            </h2>
            <ChecksPanel ctx={ctx} format={r.report.format} checks={r.checks} id={`${id}-checks`} />
          </section>
        );
      })}
      <form method="post" action={checkPath} enctype="multipart/form-data" class="check-form">
        <CsrfField ctx={ctx} />
        <div class="field">
          <label for="f-file">{t('reports.check.file')}</label>
          <p class="hint" id="f-file-hint">
            {t('reports.check.fileHint')}
          </p>
          <input id="f-file" name="file" type="file" accept=".json,application/json" aria-describedby="f-file-hint" />
        </div>
        <TextArea name="json" label={t('reports.check.paste')} hint={t('reports.check.pasteHint')} value={text} rows={12} />
        <FormActions>
          <button type="submit" class="button primary">
            {t('reports.check.run')}
          </button>
        </FormActions>
      </form>
    </Layout>
  );
}
