/** The workbench queue: cases in the viewer's scope, due soonest first, with filters that are plain GET links. */
import type { RequestContext } from '../../../../http/context.ts';
import { Pagination, TableWrap } from '../../../../http/views/AdminKit.tsx';
import { Layout } from '../../../../http/views/Layout.tsx';
import type { Agency, AgencyTree } from '../../../agencies/index.ts';
import type { QueueRow } from '../../applications.repository.ts';
import { caseStatuses, type Urgency } from '../../case-state.ts';
import { basePath, casePath, crumbs, daysLeftText, UrgencyTag } from './kit.tsx';

export interface QueueFilters {
  state: 'open' | 'closed' | 'all';
  status: string;
  urgency: '' | 'overdue' | 'dueSoon';
  mine: boolean;
  year: string;
  agency: string; // code
  /** Only the agency's own cases, not those of the agencies below it. */
  only: boolean;
  /** Answered late in this year ('' for any). */
  late: string;
  q: string;
  page: number;
}

export function queueHref(f: QueueFilters, change: Partial<QueueFilters> = {}): string {
  const v = { ...f, page: 1, ...change };
  const q = new URLSearchParams();
  if (v.state !== 'open') q.set('state', v.state);
  if (v.status) q.set('status', v.status);
  if (v.urgency) q.set('urgency', v.urgency);
  if (v.mine) q.set('handler', 'mine');
  if (v.year) q.set('year', v.year);
  if (v.agency) q.set('agency', v.agency);
  if (v.agency && v.only) q.set('only', '1');
  if (v.late) q.set('late', v.late);
  if (v.q) q.set('q', v.q);
  if (v.page > 1) q.set('page', String(v.page));
  const s = q.toString();
  return s ? `${basePath}?${s}` : basePath;
}

export interface QueueProps {
  ctx: RequestContext;
  tree: AgencyTree;
  filters: QueueFilters;
  rows: (QueueRow & { daysLeft: number | null; urgency: Urgency })[];
  total: number;
  pages: number;
  today: string;
  /** More than one agency in scope: the agency column, the agency filter and the summary. */
  supervisor: boolean;
  agencies: { agency: Agency; depth: number }[];
  counts: { agencyId: string; open: number; overdue: number; dueSoon: number }[];
  canRegister: boolean;
}

export function QueuePage({ ctx, tree, filters, rows, total, pages, today, supervisor, agencies, counts, canRegister }: QueueProps) {
  const { t } = ctx;
  const title = t('applicationsAdmin.queue.title');
  const years = Array.from({ length: 6 }, (_, i) => String(Number(today.slice(0, 4)) - i));
  return (
    <Layout ctx={ctx} title={title} area="admin" crumbs={crumbs(ctx)}>
      <h1>{title}</h1>
      <p class="lead">{t('applicationsAdmin.queue.intro')}</p>
      {canRegister && (
        <p>
          <a class="button primary" href={`${basePath}/new`}>
            {t('applicationsAdmin.register.button')}
          </a>
        </p>
      )}

      {supervisor && (
        <section aria-labelledby="q-summary">
          <h2 id="q-summary">{t('applicationsAdmin.summary.title')}</h2>
          {counts.length ? (
            <TableWrap label={t('applicationsAdmin.summary.title')}>
              <table class="data-table">
                <thead>
                  <tr>
                    <th scope="col">{t('applicationsAdmin.col.agency')}</th>
                    <th scope="col">{t('applicationsAdmin.summary.open')}</th>
                    <th scope="col">{t('applications.urgency.dueSoon')}</th>
                    <th scope="col">{t('applications.urgency.overdue')}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...counts]
                    .sort((a, b) => b.overdue - a.overdue || b.dueSoon - a.dueSoon || b.open - a.open)
                    .map((c) => {
                      const a = tree.byId.get(c.agencyId);
                      return (
                        <tr key={c.agencyId}>
                          <th scope="row">
                            <a href={queueHref(filters, { agency: a?.code ?? '', state: 'open', urgency: '' })}>{a?.name ?? c.agencyId}</a>
                          </th>
                          <td>{c.open}</td>
                          <td>{c.dueSoon ? <a href={queueHref(filters, { agency: a?.code ?? '', state: 'open', urgency: 'dueSoon' })}>{c.dueSoon}</a> : 0}</td>
                          <td>{c.overdue ? <a href={queueHref(filters, { agency: a?.code ?? '', state: 'open', urgency: 'overdue' })}>{c.overdue}</a> : 0}</td>
                        </tr>
                      );
                    })}
                </tbody>
              </table>
            </TableWrap>
          ) : (
            <p class="muted">{t('applicationsAdmin.summary.none')}</p>
          )}
        </section>
      )}

      <form method="get" action={basePath} class="filter-form" aria-label={t('applicationsAdmin.filter.label')}>
        <div class="field">
          <label for="filter-state">{t('applicationsAdmin.filter.state')}</label>
          <select id="filter-state" name="state">
            {(['open', 'closed', 'all'] as const).map((s) => (
              <option key={s} value={s} selected={filters.state === s}>
                {t(`applicationsAdmin.filter.state.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-status">{t('applicationsAdmin.col.status')}</label>
          <select id="filter-status" name="status">
            <option value="">{t('applicationsAdmin.filter.any')}</option>
            {caseStatuses.map((s) => (
              <option key={s} value={s} selected={filters.status === s}>
                {t(`applications.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-urgency">{t('applicationsAdmin.col.urgency')}</label>
          <select id="filter-urgency" name="urgency">
            <option value="">{t('applicationsAdmin.filter.any')}</option>
            {(['overdue', 'dueSoon'] as const).map((u) => (
              <option key={u} value={u} selected={filters.urgency === u}>
                {t(`applications.urgency.${u}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-year">{t('applicationsAdmin.filter.year')}</label>
          <select id="filter-year" name="year">
            <option value="">{t('applicationsAdmin.filter.any')}</option>
            {years.map((y) => (
              <option key={y} value={y} selected={filters.year === y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        {supervisor && (
          <div class="field">
            <label for="filter-agency">{t('applicationsAdmin.col.agency')}</label>
            <select id="filter-agency" name="agency">
              <option value="">{t('applicationsAdmin.filter.any')}</option>
              {agencies.map(({ agency, depth }) => (
                <option key={agency.id} value={agency.code} selected={filters.agency === agency.code}>
                  {`${'\u3000'.repeat(depth)}${agency.name}`}
                </option>
              ))}
            </select>
          </div>
        )}
        <div class="field">
          <label for="filter-q">{t('applicationsAdmin.filter.q')}</label>
          <input id="filter-q" name="q" type="search" value={filters.q} aria-describedby="filter-q-hint" />
          <p class="hint" id="filter-q-hint">
            {t('applicationsAdmin.filter.qHint')}
          </p>
        </div>
        <div class="field field-checkbox">
          <input id="filter-mine" name="handler" type="checkbox" value="mine" checked={filters.mine} />
          <label for="filter-mine">{t('applicationsAdmin.filter.mine')}</label>
        </div>
        {supervisor && (
          <div class="field field-checkbox">
            <input id="filter-only" name="only" type="checkbox" value="1" checked={filters.only} />
            <label for="filter-only">{t('applicationsAdmin.filter.only')}</label>
          </div>
        )}
        {filters.late && (
          <div class="field field-checkbox">
            <input id="filter-late" name="late" type="checkbox" value={filters.late} checked />
            <label for="filter-late">{t('applicationsAdmin.filter.late', { year: filters.late })}</label>
          </div>
        )}
        <div class="form-actions">
          <button type="submit" class="button">
            {t('applicationsAdmin.filter.apply')}
          </button>{' '}
          <a href={basePath}>{t('applicationsAdmin.filter.reset')}</a>
        </div>
      </form>

      <h2 id="q-list">{t('applicationsAdmin.queue.count', { total })}</h2>
      {rows.length ? (
        <TableWrap label={title}>
          <table class="data-table queue-table" aria-labelledby="q-list">
            <thead>
              <tr>
                <th scope="col">{t('applicationsAdmin.col.tracking')}</th>
                {supervisor && <th scope="col">{t('applicationsAdmin.col.agency')}</th>}
                <th scope="col">{t('applicationsAdmin.col.applicant')}</th>
                <th scope="col">{t('applicationsAdmin.col.received')}</th>
                <th scope="col">{t('applicationsAdmin.col.status')}</th>
                <th scope="col">{t('applicationsAdmin.col.handler')}</th>
                <th scope="col">{t('applicationsAdmin.col.due')}</th>
                <th scope="col">{t('applicationsAdmin.col.urgency')}</th>
                <th scope="col">{t('applicationsAdmin.col.flags')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const urgency = r.urgency;
                return (
                  <tr key={r.id} class={`urgency-row-${urgency}`}>
                    <th scope="row">
                      <a href={casePath(r.id)}>{r.tracking_code}</a>
                      {r.ref && <div class="muted">{r.ref}</div>}
                    </th>
                    {supervisor && <td>{tree.byId.get(r.agency_id)?.name ?? ''}</td>}
                    <td>{r.applicant_name}</td>
                    <td class="nowrap">{r.received_on ?? <span class="muted">{t('applicationsAdmin.notReceived', { on: r.submitted_on })}</span>}</td>
                    <td>{t(`applications.status.${r.status}`)}</td>
                    <td>{r.handler_name ?? <span class="muted">{t('applicationsAdmin.unassigned')}</span>}</td>
                    <td class="nowrap">
                      {r.open ? (r.due_on ?? '—') : (r.answered_on ?? '—')}
                      {r.due_provisional ? ` ${t('applicationsAdmin.provisionalShort')}` : ''}
                      {r.daysLeft !== null && <div>{daysLeftText(ctx, r.daysLeft)}</div>}
                    </td>
                    <td>
                      <UrgencyTag ctx={ctx} urgency={urgency} />
                    </td>
                    <td>
                      {r.duplicate_suspected ? <span class="badge">{t('applicationsAdmin.flag.duplicate')}</span> : null}{' '}
                      {r.late ? <span class="badge badge-late">{t('applicationsAdmin.flag.late')}</span> : null}{' '}
                      {r.extended ? <span class="badge">{t('applicationsAdmin.flag.extended')}</span> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p>{t('applicationsAdmin.queue.empty')}</p>
      )}
      <Pagination ctx={ctx} page={filters.page} pages={pages} href={(p) => queueHref(filters, { page: p })} />
    </Layout>
  );
}
