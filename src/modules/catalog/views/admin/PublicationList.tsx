import { Fragment } from 'preact';
import type { RequestContext } from '../../../../http/context.ts';
import { Layout } from '../../../../http/views/Layout.tsx';
import { Pagination, TableWrap } from '../../../../http/views/AdminKit.tsx';
import type { Agency, AgencyTree } from '../../../agencies/index.ts';
import type { Publication } from '../../publication.ts';
import { kinds } from '../../taxonomy.ts';
import { statuses, type Status } from '../../workflow.ts';
import { crumbs, DoneMessage, issuerNames, itemPath, kindLabel, listPath, StatusTag, Timeliness } from './kit.tsx';

/** An index number that may wrap after its slashes only (never inside the serial). */
function breakable(indexNo: string) {
  const parts = indexNo.split('/');
  return parts.map((part, i) => (
    <Fragment key={i}>
      {part}
      {i < parts.length - 1 && (
        <>
          /<wbr />
        </>
      )}
    </Fragment>
  ));
}

export interface ListFilters {
  status: Status | '';
  agency: string; // code
  kind: string;
  late: boolean;
  /** Published rules and normative documents without an interpretation (the authority's list). */
  missing: boolean;
  /** Published in this year ('' for any): the supervision dashboard's "published this year" links here. */
  year: string;
  page: number;
}

/** The list URL for these filters (empty ones left out). */
export function listHref(f: ListFilters, change: Partial<ListFilters> = {}): string {
  const v = { ...f, page: 1, ...change };
  const q = new URLSearchParams();
  if (v.status) q.set('status', v.status);
  if (v.agency) q.set('agency', v.agency);
  if (v.kind) q.set('kind', v.kind);
  if (v.late) q.set('late', '1');
  if (v.missing) q.set('missing', '1');
  if (v.year) q.set('year', v.year);
  if (v.page > 1) q.set('page', String(v.page));
  const s = q.toString();
  return s ? `${listPath}?${s}` : listPath;
}

export interface PublicationListProps {
  ctx: RequestContext;
  tree: AgencyTree;
  filters: ListFilters;
  items: Publication[];
  total: number;
  pages: number;
  counts: Record<Status | '', number>;
  agencies: { agency: Agency; depth: number }[]; // the agencies the viewer can see, for the filter
  newHref: string | null; // where "new" starts, when the viewer may write
  done?: string;
}

export function PublicationListPage({ ctx, tree, filters, items, total, pages, counts, agencies, newHref, done }: PublicationListProps) {
  const { t } = ctx;
  const title = t('catalogAdmin.list.title');
  const tabs: (Status | '')[] = ['', ...statuses];
  const filtered = !!(filters.agency || filters.kind || filters.late || filters.missing || filters.year);
  return (
    <Layout ctx={ctx} title={title} area="admin" crumbs={crumbs(ctx)}>
      <h1>{title}</h1>
      <DoneMessage ctx={ctx} done={done} warnings={[]} />
      <p class="lead">{t('catalogAdmin.list.intro')}</p>
      {newHref && (
        <p>
          <a class="button primary" href={newHref}>
            {t('catalogAdmin.list.new')}
          </a>
        </p>
      )}

      <nav aria-label={t('catalogAdmin.list.tabs')}>
        <ul class="subcolumn-links status-tabs">
          {tabs.map((s) => (
            <li key={s || 'all'}>
              <a href={listHref(filters, { status: s, missing: false })} aria-current={filters.status === s && !filters.missing ? 'page' : undefined}>
                {s ? t(`catalogAdmin.status.${s}`) : t('catalogAdmin.list.all')}
                <span class="tab-count">（{counts[s] ?? 0}）</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>

      <form method="get" action={listPath} class="filter-form publication-filters" aria-label={t('catalogAdmin.list.filter')}>
        {filters.status && <input type="hidden" name="status" value={filters.status} />}
        {filters.missing && <input type="hidden" name="missing" value="1" />}
        <div class="field">
          <label for="filter-agency">{t('catalogAdmin.field.agency')}</label>
          <select id="filter-agency" name="agency">
            <option value="">{t('catalogAdmin.list.anyAgency')}</option>
            {agencies.map(({ agency, depth }) => (
              <option key={agency.id} value={agency.code} selected={filters.agency === agency.code}>
                {`${'\u3000'.repeat(depth)}${agency.name}`}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-kind">{t('catalogAdmin.field.kind')}</label>
          <select id="filter-kind" name="kind">
            <option value="">{t('catalogAdmin.list.anyKind')}</option>
            {kinds.map((k) => (
              <option key={k} value={k} selected={filters.kind === k}>
                {kindLabel(ctx, k)}
              </option>
            ))}
          </select>
        </div>
        <div class="field field-checkbox">
          <input id="filter-late" name="late" type="checkbox" value="1" checked={filters.late} />
          <label for="filter-late">{t('catalogAdmin.list.lateOnly')}</label>
        </div>
        {filters.year && (
          <div class="field field-checkbox">
            <input id="filter-year" name="year" type="checkbox" value={filters.year} checked />
            <label for="filter-year">{t('catalogAdmin.list.yearOnly', { year: filters.year })}</label>
          </div>
        )}
        <div class="field">
          <button type="submit" class="button">
            {t('catalogAdmin.list.filterSubmit')}
          </button>
        </div>
        {filtered && (
          <div class="field">
            <a class="tap-link" href={listHref({ ...filters, agency: '', kind: '', late: false, missing: false, year: '' })}>{t('catalogAdmin.list.filterClear')}</a>
          </div>
        )}
      </form>

      {filters.missing && (
        <div class="notice">
          <p>
            <strong>{t('catalogAdmin.dashboard.missing')}</strong>：{t('catalogAdmin.dashboard.missingHint')}
          </p>
        </div>
      )}
      <p role="status">{t('catalogAdmin.list.count', { count: total })}</p>
      {items.length === 0 ? (
        <p class="empty-state">{t('catalogAdmin.list.none')}</p>
      ) : (
        <TableWrap label={title}>
          <table class="data-table publication-table">
            <caption class="visually-hidden">{t('catalogAdmin.list.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('catalogAdmin.field.title')}</th>
                <th scope="col">{t('catalogAdmin.field.agency')}</th>
                <th scope="col">{t('catalogAdmin.field.kind')}</th>
                <th scope="col">{t('catalogAdmin.field.status')}</th>
                <th scope="col">{t('catalogAdmin.field.indexNo')}</th>
                <th scope="col">{t('catalogAdmin.field.publishedOn')}</th>
                <th scope="col">{t('catalogAdmin.field.timeliness')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.id}>
                  <th scope="row" class="title-cell">
                    <a href={itemPath(p.id)}>{p.title}</a>
                  </th>
                  <td data-label={t('catalogAdmin.field.agency')}>{issuerNames(tree, p)}</td>
                  <td data-label={t('catalogAdmin.field.kind')}>{kindLabel(ctx, p.kind)}</td>
                  <td data-label={t('catalogAdmin.field.status')}>
                    <StatusTag ctx={ctx} status={p.status} />
                  </td>
                  <td data-label={t('catalogAdmin.field.indexNo')}>{p.indexNo ? breakable(p.indexNo) : <span class="muted">{t('catalogAdmin.none')}</span>}</td>
                  <td data-label={t('catalogAdmin.field.publishedOn')} class="nowrap">
                    {p.publishedOn ?? <span class="muted">{t('catalogAdmin.none')}</span>}
                  </td>
                  <td data-label={t('catalogAdmin.field.timeliness')}>
                    <Timeliness ctx={ctx} p={p} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <Pagination ctx={ctx} page={filters.page} pages={pages} href={(page) => listHref(filters, { page })} />
    </Layout>
  );
}
