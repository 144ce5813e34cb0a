import type { RequestContext } from '../../../http/context.ts';
import { Layout } from '../../../http/views/Layout.tsx';
import { CsrfField, ErrorSummary, FormActions, TextField, type FormErrors } from '../../../http/views/forms.tsx';
import { formatInstant } from '../../../http/render.ts';
import { StatusMessage, TableWrap } from '../../../http/views/AdminKit.tsx';
import { API_TOKEN_MAX_DAYS, type ApiTokenSummary } from '../api-tokens.ts';

/** The user's own API tokens: create one (shown once), list them, revoke one. */
export function ApiTokensPage({
  ctx,
  tokens,
  errors,
  values,
  created,
  done,
}: {
  ctx: RequestContext;
  tokens: ApiTokenSummary[];
  errors: FormErrors;
  values: { name: string; days: string };
  created?: { token: string; summary: ApiTokenSummary } | null;
  done?: string;
}) {
  const { t } = ctx;
  const title = t('apiTokens.title');
  const labels = { name: t('apiTokens.field.name'), days: t('apiTokens.field.days') };
  return (
    <Layout ctx={ctx} title={title} area="admin" crumbs={[{ href: '/admin', label: t('admin.nav.dashboard') }, { href: '/admin/account', label: t('admin.account.title') }, { label: title }]}>
      <section class="narrow">
        <h1>{title}</h1>
        <p>{t('apiTokens.intro')}</p>
        <StatusMessage ctx={ctx} done={done} />
        {created && (
          <div class="status-message" role="status">
            <h2>{t('apiTokens.created.title', { name: created.summary.name })}</h2>
            <p>{t('apiTokens.created.once')}</p>
            <div class="field">
              <label for="new-token">{t('apiTokens.created.label')}</label>
              <input id="new-token" type="text" readOnly value={created.token} autoComplete="off" spellcheck={false} />
            </div>
            <p>{t('apiTokens.created.expires', { at: formatInstant(created.summary.expiresAt) })}</p>
            <p>
              {t('apiTokens.created.usage')} <code>Authorization: Bearer {created.token.slice(0, 7)}…</code>
            </p>
          </div>
        )}

        <h2>{t('apiTokens.list')}</h2>
        {tokens.length === 0 ? (
          <p>{t('apiTokens.none')}</p>
        ) : (
          <TableWrap label={t('apiTokens.list')}>
            <table class="data-table">
              <caption class="visually-hidden">{t('apiTokens.list')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('apiTokens.field.name')}</th>
                  <th scope="col">{t('apiTokens.col.prefix')}</th>
                  <th scope="col">{t('apiTokens.col.created')}</th>
                  <th scope="col">{t('apiTokens.col.expires')}</th>
                  <th scope="col">{t('apiTokens.col.lastUsed')}</th>
                  <th scope="col">{t('apiTokens.col.state')}</th>
                  <th scope="col">{t('apiTokens.col.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((k) => (
                  <tr key={k.id}>
                    <th scope="row">{k.name}</th>
                    <td>
                      <code>{k.prefix}…</code>
                    </td>
                    <td>{formatInstant(k.createdAt)}</td>
                    <td>{formatInstant(k.expiresAt)}</td>
                    <td>{k.lastUsedAt ? formatInstant(k.lastUsedAt) : t('apiTokens.neverUsed')}</td>
                    <td>{t(`apiTokens.state.${k.state}`)}</td>
                    <td>
                      {k.state === 'active' && (
                        <form method="post" action={`/admin/account/tokens/${encodeURIComponent(k.id)}/revoke`}>
                          <CsrfField ctx={ctx} />
                          <button type="submit" class="button" aria-label={t('apiTokens.revokeNamed', { name: k.name })}>
                            {t('apiTokens.revoke')}
                          </button>
                        </form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}

        <h2>{t('apiTokens.new')}</h2>
        <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
        <form method="post" action="/admin/account/tokens" class="form" novalidate>
          <CsrfField ctx={ctx} />
          <TextField name="name" label={labels.name} value={values.name} error={errors.name} hint={t('apiTokens.hint.name')} required maxLength={100} />
          <TextField name="days" label={labels.days} value={values.days} error={errors.days} hint={t('apiTokens.hint.days', { max: API_TOKEN_MAX_DAYS })} required type="number" inputMode="numeric" />
          <FormActions>
            <button type="submit" class="button primary">
              {t('apiTokens.create')}
            </button>
          </FormActions>
        </form>
      </section>
    </Layout>
  );
}
