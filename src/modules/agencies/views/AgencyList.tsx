import type { RequestContext } from '../../../http/context.ts';
import { Layout } from '../../../http/views/Layout.tsx';
import { StatusMessage, TableWrap } from '../../../http/views/AdminKit.tsx';
import type { Agency } from '../agency-tree.ts';

export interface AgencyRow {
  agency: Agency;
  depth: number;
}

export function AgencyListPage({ ctx, rows, total, q, canCreate, readOnly, done }: { ctx: RequestContext; rows: AgencyRow[]; total: number; q: string; canCreate: boolean; readOnly: boolean; done?: string }) {
  const { t } = ctx;
  const title = t('admin.agencies.title');
  return (
    <Layout ctx={ctx} title={title} area="admin" crumbs={[{ href: '/admin', label: t('admin.nav.dashboard') }, { label: title }]}>
      <h1>{title}</h1>
      <StatusMessage ctx={ctx} done={done} />
      <p class="muted">{readOnly ? t('admin.agencies.introReadOnly') : canCreate ? t('admin.agencies.introAdmin') : t('admin.agencies.introEditor')}</p>
      {canCreate && (
        <p>
          <a class="button primary" href="/admin/agencies/new">
            {t('admin.agencies.new')}
          </a>
        </p>
      )}
      <form method="get" action="/admin/agencies" class="inline-form filter-form" role="search" aria-label={t('admin.agencies.filter')}>
        <label for="agency-q">{t('admin.agencies.filterLabel')}</label>
        <input id="agency-q" name="q" type="search" value={q} maxLength={100} />
        <button type="submit" class="button">
          {t('admin.agencies.filterSubmit')}
        </button>
        {q && <a href="/admin/agencies">{t('admin.agencies.filterClear')}</a>}
      </form>
      <p role="status">{q ? t('admin.agencies.countFiltered', { count: rows.length, total }) : t('admin.agencies.count', { count: total })}</p>
      {rows.length === 0 ? (
        <p>{t('admin.agencies.none')}</p>
      ) : (
        <TableWrap label={title}>
          <table class="data-table agency-tree">
            <caption class="visually-hidden">{t('admin.agencies.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.agency.field.name')}</th>
                <th scope="col">{t('admin.agency.field.kind')}</th>
                <th scope="col">{t('admin.agency.field.code')}</th>
                <th scope="col">{t('admin.agency.field.creditCode')}</th>
                <th scope="col">{t('admin.agencies.status')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ agency: a, depth }) => (
                <tr key={a.id} class={a.disabled ? 'is-disabled' : undefined}>
                  <th scope="row" class={`tree-name depth-${Math.min(depth, 6)}`}>
                    {depth > 0 && (
                      <span class="tree-indent" aria-hidden="true">
                        {'\u3000'.repeat(depth - 1)}└{' '}
                      </span>
                    )}
                    <a href={`/admin/agencies/${encodeURIComponent(a.code)}`}>{a.name}</a>
                    {depth > 0 && <span class="visually-hidden">{t('admin.agencies.level', { level: depth + 1 })}</span>}
                  </th>
                  <td>{t(`kind.${a.kind}`)}</td>
                  <td>
                    <code>{a.code}</code>
                  </td>
                  <td>{a.creditCode ?? <span class="muted">{t('admin.none')}</span>}</td>
                  <td>{a.disabled ? <strong>{t('admin.state.disabled')}</strong> : t('admin.state.active')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </Layout>
  );
}
