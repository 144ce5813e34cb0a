import type { RequestContext } from '../../../http/context.ts';
import { Layout, type Crumb } from '../../../http/views/Layout.tsx';
import { CsrfField, ErrorSummary, FormActions, SelectField, TextField, type FormErrors } from '../../../http/views/forms.tsx';
import { formatInstant } from '../../../http/render.ts';
import { ProblemMessage, StatusMessage, TableWrap } from '../../../http/views/AdminKit.tsx';
import { roles, type AgencyTree } from '../agency-tree.ts';
import type { UserSummary } from '../users.service.ts';
import { agencyOptions } from './agency-fields.ts';

export interface GrantRow {
  role: string;
  agency: string;
}

export function userState(u: UserSummary, now: Date): 'disabled' | 'locked' | 'active' {
  if (u.disabled) return 'disabled';
  if (u.lockedUntil && u.lockedUntil > now.toISOString()) return 'locked';
  return 'active';
}

export function grantLabel(ctx: RequestContext, g: UserSummary['grants'][number]): string {
  return g.agencyName ? `${ctx.t(`role.${g.role}`)} · ${g.agencyName}` : ctx.t(`role.${g.role}`);
}

const crumbs = (ctx: RequestContext, last?: string): Crumb[] => [
  { href: '/admin', label: ctx.t('admin.nav.dashboard') },
  last ? { href: '/admin/users', label: ctx.t('admin.users.title') } : { label: ctx.t('admin.users.title') },
  ...(last ? [{ label: last }] : []),
];

function StateText({ ctx, u, now }: { ctx: RequestContext; u: UserSummary; now: Date }) {
  const s = userState(u, now);
  if (s === 'disabled') return <strong>{ctx.t('admin.state.disabled')}</strong>;
  if (s === 'locked') return <strong>{ctx.t('admin.users.lockedUntil', { until: formatInstant(u.lockedUntil) })}</strong>;
  return <>{ctx.t('admin.state.active')}</>;
}

export function UserListPage({ ctx, users, total, q, now, done }: { ctx: RequestContext; users: UserSummary[]; total: number; q: string; now: Date; done?: string }) {
  const { t } = ctx;
  const title = t('admin.users.title');
  return (
    <Layout ctx={ctx} title={title} area="admin" crumbs={crumbs(ctx)}>
      <h1>{title}</h1>
      <StatusMessage ctx={ctx} done={done} />
      <p>
        <a class="button primary" href="/admin/users/new">
          {t('admin.users.new')}
        </a>
      </p>
      <form method="get" action="/admin/users" class="inline-form filter-form" role="search" aria-label={t('admin.users.filter')}>
        <label for="user-q">{t('admin.users.filterLabel')}</label>
        <input id="user-q" name="q" type="search" value={q} maxLength={100} />
        <button type="submit" class="button">
          {t('admin.agencies.filterSubmit')}
        </button>
        {q && <a href="/admin/users">{t('admin.agencies.filterClear')}</a>}
      </form>
      <p role="status">{q ? t('admin.users.countFiltered', { count: users.length, total }) : t('admin.users.count', { count: total })}</p>
      {users.length === 0 ? (
        <p>{t('admin.users.none')}</p>
      ) : (
        <TableWrap label={title}>
          <table class="data-table">
            <caption class="visually-hidden">{t('admin.users.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.users.field.username')}</th>
                <th scope="col">{t('admin.users.field.displayName')}</th>
                <th scope="col">{t('admin.users.roles')}</th>
                <th scope="col">{t('admin.users.state')}</th>
                <th scope="col">{t('admin.users.lastLogin')}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <th scope="row">
                    <a href={`/admin/users/${encodeURIComponent(u.username)}`}>{u.username}</a>
                  </th>
                  <td>{u.displayName}</td>
                  <td>
                    {u.grants.length ? (
                      <ul class="plain-list">
                        {u.grants.map((g, i) => (
                          <li key={i}>{grantLabel(ctx, g)}</li>
                        ))}
                      </ul>
                    ) : (
                      <span class="muted">{t('admin.users.noRoles')}</span>
                    )}
                  </td>
                  <td>
                    <StateText ctx={ctx} u={u} now={now} />
                  </td>
                  <td>{u.lastLoginAt ? formatInstant(u.lastLoginAt) : <span class="muted">{t('admin.users.never')}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </Layout>
  );
}

function GrantRows({ ctx, tree, rows, errors }: { ctx: RequestContext; tree: AgencyTree; rows: GrantRow[]; errors: FormErrors }) {
  const { t } = ctx;
  const roleOptions = [{ value: '', label: t('admin.users.grantNone') }, ...roles.map((r) => ({ value: r, label: t(`role.${r}`) }))];
  const agencyOpts = [{ value: '', label: t('admin.users.grantNoAgency') }, ...agencyOptions(tree)];
  return (
    <fieldset class="grant-rows">
      <legend>{t('admin.users.roles')}</legend>
      <p class="hint">{t('admin.users.grantsHint')}</p>
      <input type="hidden" name="rows" value={String(rows.length)} />
      {rows.map((r, i) => (
        <fieldset key={i} class="grant-row">
          <legend>{t('admin.users.grantRow', { n: i + 1 })}</legend>
          <SelectField name={`grants.${i}.role`} label={t('admin.users.grantRole')} value={r.role} error={errors[`grants.${i}.role`]} options={roleOptions} />
          <SelectField name={`grants.${i}.agency`} label={t('admin.users.grantAgency')} value={r.agency} error={errors[`grants.${i}.agency`]} options={agencyOpts} />
        </fieldset>
      ))}
    </fieldset>
  );
}

export function userFormLabels(ctx: RequestContext, rows: number): Record<string, string> {
  const out: Record<string, string> = {
    username: ctx.t('admin.users.field.username'),
    displayName: ctx.t('admin.users.field.displayName'),
    password: ctx.t('admin.users.field.password'),
    confirm: ctx.t('admin.users.field.confirm'),
    currentPassword: ctx.t('admin.account.current'),
  };
  for (let i = 0; i < rows; i++) {
    out[`grants.${i}.role`] = `${ctx.t('admin.users.grantRow', { n: i + 1 })} ${ctx.t('admin.users.grantRole')}`;
    out[`grants.${i}.agency`] = `${ctx.t('admin.users.grantRow', { n: i + 1 })} ${ctx.t('admin.users.grantAgency')}`;
  }
  return out;
}

export function UserNewPage({ ctx, tree, values, rows, errors, problem }: { ctx: RequestContext; tree: AgencyTree; values: { username: string; displayName: string }; rows: GrantRow[]; errors: FormErrors; problem?: string }) {
  const { t } = ctx;
  const title = t('admin.users.new');
  return (
    <Layout ctx={ctx} title={title} area="admin" crumbs={crumbs(ctx, title)}>
      <h1>{title}</h1>
      <ProblemMessage message={problem} />
      <ErrorSummary ctx={ctx} errors={errors} labels={userFormLabels(ctx, rows.length)} />
      <form method="post" action="/admin/users/new" class="form" novalidate>
        <CsrfField ctx={ctx} />
        <TextField name="username" label={t('admin.users.field.username')} value={values.username} error={errors.username} hint={t('admin.users.hint.username')} required autocomplete="off" maxLength={32} />
        <TextField name="displayName" label={t('admin.users.field.displayName')} value={values.displayName} error={errors.displayName} required maxLength={50} />
        <TextField name="password" label={t('admin.users.field.initialPassword')} type="password" error={errors.password} hint={t('admin.users.hint.password')} required autocomplete="new-password" maxLength={200} />
        <GrantRows ctx={ctx} tree={tree} rows={rows} errors={errors} />
        <FormActions>
          <button type="submit" class="button primary">
            {t('admin.users.create')}
          </button>
          <button type="submit" name="op" value="addRow" class="button">
            {t('admin.users.addRow')}
          </button>
          <a href="/admin/users">{t('admin.cancel')}</a>
        </FormActions>
      </form>
    </Layout>
  );
}

export function UserEditPage(props: {
  ctx: RequestContext;
  tree: AgencyTree;
  user: UserSummary;
  now: Date;
  displayName: string;
  rows: GrantRow[];
  errors: FormErrors;
  passwordErrors: FormErrors;
  problem?: string;
  done?: string;
  isSelf: boolean;
}) {
  const { ctx, tree, user, now, displayName, rows, errors, passwordErrors, problem, done, isSelf } = props;
  const { t } = ctx;
  const base = `/admin/users/${encodeURIComponent(user.username)}`;
  const state = userState(user, now);
  const title = t('admin.users.editTitle', { name: user.displayName, username: user.username });
  return (
    <Layout ctx={ctx} title={title} area="admin" crumbs={crumbs(ctx, user.username)}>
      <h1>{title}</h1>
      <StatusMessage ctx={ctx} done={done} />
      <ProblemMessage message={problem} />
      <dl class="details-list">
        <div class="details-row">
          <dt>{t('admin.users.state')}</dt>
          <dd>
            <StateText ctx={ctx} u={user} now={now} />
          </dd>
        </div>
        <div class="details-row">
          <dt>{t('admin.users.lastLogin')}</dt>
          <dd>{user.lastLoginAt ? formatInstant(user.lastLoginAt) : t('admin.users.never')}</dd>
        </div>
      </dl>

      <section aria-labelledby="user-profile">
        <h2 id="user-profile">{t('admin.users.profile')}</h2>
        <ErrorSummary ctx={ctx} errors={errors} labels={userFormLabels(ctx, rows.length)} />
        <form method="post" action={base} class="form" novalidate>
          <CsrfField ctx={ctx} />
          <TextField name="displayName" label={t('admin.users.field.displayName')} value={displayName} error={errors.displayName} required maxLength={50} />
          <GrantRows ctx={ctx} tree={tree} rows={rows} errors={errors} />
          <FormActions>
            <button type="submit" class="button primary">
              {t('admin.save')}
            </button>
            <button type="submit" name="op" value="addRow" class="button">
              {t('admin.users.addRow')}
            </button>
          </FormActions>
        </form>
      </section>

      <section aria-labelledby="user-password">
        <h2 id="user-password">{t('admin.users.resetPassword')}</h2>
        <p class="hint">{t('admin.users.resetPasswordHint')}</p>
        <ErrorSummary ctx={ctx} errors={passwordErrors} labels={userFormLabels(ctx, 0)} />
        <form method="post" action={`${base}/password`} class="form" novalidate>
          <CsrfField ctx={ctx} />
          <TextField name="password" label={t('admin.users.field.newPassword')} type="password" error={passwordErrors.password} hint={t('admin.users.hint.password')} required autocomplete="new-password" maxLength={200} />
          <TextField name="confirm" label={t('admin.users.field.confirm')} type="password" error={passwordErrors.confirm} required autocomplete="new-password" maxLength={200} />
          <FormActions>
            <button type="submit" class="button">
              {t('admin.users.resetPasswordSubmit')}
            </button>
          </FormActions>
        </form>
      </section>

      <section aria-labelledby="user-state">
        <h2 id="user-state">{t('admin.users.accountState')}</h2>
        {state === 'locked' && (
          <form method="post" action={`${base}/unlock`} class="inline-form">
            <CsrfField ctx={ctx} />
            <button type="submit" class="button">
              {t('admin.users.unlock')}
            </button>
          </form>
        )}
        {user.disabled ? (
          <form method="post" action={`${base}/enable`} class="inline-form">
            <CsrfField ctx={ctx} />
            <button type="submit" class="button">
              {t('admin.users.enable')}
            </button>
          </form>
        ) : isSelf ? (
          <p class="muted">{t('user.cannotDisableSelf')}</p>
        ) : (
          <form method="post" action={`${base}/disable`} class="inline-form">
            <CsrfField ctx={ctx} />
            <p class="hint">{t('admin.users.disableHint')}</p>
            <button type="submit" class="button">
              {t('admin.users.disable')}
            </button>
          </form>
        )}
      </section>
    </Layout>
  );
}

export function AccountPage({ ctx, user, errors, done }: { ctx: RequestContext; user: UserSummary; errors: FormErrors; done?: string }) {
  const { t } = ctx;
  const title = t('admin.account.title');
  return (
    <Layout ctx={ctx} title={title} area="admin" crumbs={[{ href: '/admin', label: t('admin.nav.dashboard') }, { label: title }]}>
      <section class="narrow">
        <h1>{title}</h1>
        <StatusMessage ctx={ctx} done={done} />
        <dl class="details-list">
          <div class="details-row">
            <dt>{t('admin.users.field.username')}</dt>
            <dd>{user.username}</dd>
          </div>
          <div class="details-row">
            <dt>{t('admin.users.field.displayName')}</dt>
            <dd>{user.displayName}</dd>
          </div>
          <div class="details-row">
            <dt>{t('admin.users.roles')}</dt>
            <dd>{user.grants.map((g) => grantLabel(ctx, g)).join('；') || t('admin.users.noRoles')}</dd>
          </div>
        </dl>
        <h2>{t('admin.account.changePassword')}</h2>
        <ErrorSummary ctx={ctx} errors={errors} labels={userFormLabels(ctx, 0)} />
        <form method="post" action="/admin/account" class="form" novalidate>
          <CsrfField ctx={ctx} />
          <TextField name="currentPassword" label={t('admin.account.current')} type="password" error={errors.currentPassword} required autocomplete="current-password" maxLength={200} />
          <TextField name="password" label={t('admin.users.field.newPassword')} type="password" error={errors.password} hint={t('admin.users.hint.password')} required autocomplete="new-password" maxLength={200} />
          <TextField name="confirm" label={t('admin.users.field.confirm')} type="password" error={errors.confirm} required autocomplete="new-password" maxLength={200} />
          <FormActions>
            <button type="submit" class="button primary">
              {t('admin.account.submit')}
            </button>
          </FormActions>
        </form>
      </section>
    </Layout>
  );
}
