import type { RequestContext } from '../../../http/context.ts';
import { Layout } from '../../../http/views/Layout.tsx';
import { actionLabel, formatInstantSeconds, Pagination, TableWrap } from '../../../http/views/AdminKit.tsx';
import { SelectField, TextField } from '../../../http/views/forms.tsx';
import type { AgencyTree } from '../../agencies/index.ts';
import type { AuditRow } from '../audit.repository.ts';
import { detailText, filterQuery, type AuditFilters } from './audit-format.ts';

function targetText(ctx: RequestContext, r: AuditRow): string {
  if (!r.targetType && !r.targetLabel && !r.targetId) return '';
  const key = `admin.audit.target.${r.targetType}`;
  const type = r.targetType ? ctx.t(key) : '';
  const label = r.targetLabel ?? r.targetId ?? '';
  return type && type !== key ? `${type} ${label}` : label;
}

export function AuditPage(props: { ctx: RequestContext; tree: AgencyTree; rows: AuditRow[]; total: number; pages: number; filters: AuditFilters; errors: Record<string, string>; actions: string[]; all: boolean }) {
  const { ctx, tree, rows, total, pages, filters, errors, actions, all } = props;
  const { t } = ctx;
  const title = t('admin.audit.title');
  const filtered = !!(filters.action || filters.actor || filters.from || filters.to);
  return (
    <Layout ctx={ctx} title={title} area="admin" crumbs={[{ href: '/admin', label: t('admin.nav.dashboard') }, { label: title }]}>
      <h1>{title}</h1>
      <p class="muted">{all ? t('admin.audit.introAll') : t('admin.audit.introScope')}</p>
      <form method="get" action="/admin/audit" class="form filter-form" aria-label={t('admin.audit.filters')}>
        <div class="filter-fields">
          <SelectField
            name="action"
            label={t('admin.audit.col.action')}
            value={filters.action}
            options={[{ value: '', label: t('admin.audit.anyAction') }, ...actions.map((a) => ({ value: a, label: actionLabel(ctx, a) === a ? a : `${actionLabel(ctx, a)}（${a}）` }))]}
          />
          <TextField name="actor" label={t('admin.audit.col.actor')} value={filters.actor} maxLength={64} />
          <TextField name="from" label={t('admin.audit.from')} value={filters.from} error={errors.from} hint={t('admin.audit.dateHint')} maxLength={10} />
          <TextField name="to" label={t('admin.audit.to')} value={filters.to} error={errors.to} hint={t('admin.audit.dateHint')} maxLength={10} />
        </div>
        <div class="form-actions">
          <button type="submit" class="button primary">
            {t('admin.audit.apply')}
          </button>
          {filtered && <a href="/admin/audit">{t('admin.agencies.filterClear')}</a>}
        </div>
      </form>
      <p role="status">{t('admin.audit.count', { count: total })}</p>
      <p>
        <a href={`/admin/audit.csv${filterQuery({ ...filters, page: 1 })}`} download>
          {t('admin.audit.csv')}
        </a>
      </p>
      {rows.length === 0 ? (
        <p>{t('admin.audit.none')}</p>
      ) : (
        <TableWrap label={title}>
          <table class="data-table audit-table">
            <caption class="visually-hidden">{t('admin.audit.caption', { page: filters.page, pages })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.audit.col.at')}</th>
                <th scope="col">{t('admin.audit.col.actor')}</th>
                <th scope="col">{t('admin.audit.col.action')}</th>
                <th scope="col">{t('admin.audit.col.target')}</th>
                <th scope="col">{t('admin.audit.col.agency')}</th>
                <th scope="col">{t('admin.audit.col.ip')}</th>
                <th scope="col">{t('admin.audit.col.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const detail = detailText(r.detail);
                return (
                  <tr key={r.id}>
                    <td class="nowrap">{formatInstantSeconds(r.at)}</td>
                    <td>{r.actorName ?? ''}</td>
                    <td>{actionLabel(ctx, r.action)}</td>
                    <td>{targetText(ctx, r)}</td>
                    <td>{r.agencyId ? tree.byId.get(r.agencyId)?.name ?? '' : ''}</td>
                    <td>{r.ip ?? ''}</td>
                    <td class="audit-detail">{detail.length > 160 ? `${detail.slice(0, 160)}…` : detail}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      )}
      <Pagination ctx={ctx} page={filters.page} pages={pages} href={(page) => `/admin/audit${filterQuery({ ...filters, page })}`} />
    </Layout>
  );
}
