import type { RequestContext } from '../../../http/context.ts';
import { Layout } from '../../../http/views/Layout.tsx';
import { CsrfField, FormActions, TextField } from '../../../http/views/forms.tsx';

export function SignInPage({ ctx, next, username, error }: { ctx: RequestContext; next: string; username?: string; error?: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('admin.signIn.title')} area="admin">
      <section class="narrow">
        <h1>{t('admin.signIn.title')}</h1>
        {error && (
          <div class="error-summary" role="alert" id="error-summary">
            <p>{error}</p>
          </div>
        )}
        <form method="post" action="/admin/sign-in" class="form">
          <CsrfField ctx={ctx} />
          <input type="hidden" name="next" value={next} />
          <TextField name="username" label={t('admin.signIn.username')} value={username} required autocomplete="username" maxLength={64} />
          <TextField name="password" label={t('admin.signIn.password')} type="password" required autocomplete="current-password" maxLength={200} />
          <FormActions>
            <button type="submit" class="button primary">{t('admin.signIn.submit')}</button>
          </FormActions>
        </form>
        <p class="hint">{t('admin.signIn.help')}</p>
      </section>
    </Layout>
  );
}
