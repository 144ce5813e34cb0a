/** Letter templates: the list of every template key for a scope, and the editor of one (with a preview). */
import type { RequestContext } from '../../../../http/context.ts';
import { Layout, type Crumb } from '../../../../http/views/Layout.tsx';
import { formatInstant } from '../../../../http/render.ts';
import { CsrfField, ErrorSummary, FormActions, TextArea, type FormErrors } from '../../../../http/views/forms.tsx';
import { TableWrap } from '../../../../http/views/AdminKit.tsx';
import type { LetterContent } from '../../letters.ts';
import { ALL_SCOPE, templatePlaceholders, type TemplateItem, type TemplateScope } from '../../templates.service.ts';

export const templatesPath = '/admin/applications/templates';
export const scopeParam = (s: TemplateScope) => (s.agency ? s.agency.code : ALL_SCOPE);
export const templatePath = (key: string, scope?: TemplateScope) => `${templatesPath}/${encodeURIComponent(key)}${scope ? `?scope=${encodeURIComponent(scopeParam(scope))}` : ''}`;

/** A template key in words: the letter kind, and for answers the outcome. */
export function templateLabel(ctx: RequestContext, item: Pick<TemplateItem, 'kind' | 'outcome'>): string {
  const kind = ctx.t(`applications.letterKind.${item.kind}`);
  return item.outcome ? `${kind}：${ctx.t(`applications.outcome.${item.outcome}`)}` : kind;
}

function scopeLabel(ctx: RequestContext, s: TemplateScope): string {
  return s.agency ? ctx.t('applicationsLetters.templates.scopeAgency', { agency: s.agency.name }) : ctx.t('applicationsLetters.templates.scopeAll');
}

function crumbsOf(ctx: RequestContext, ...rest: Crumb[]): Crumb[] {
  return [{ href: '/admin', label: ctx.t('admin.nav.dashboard') }, { href: '/admin/applications', label: ctx.t('applicationsAdmin.queue.title') }, ...rest];
}

function sourceText(ctx: RequestContext, item: TemplateItem): string {
  if (item.source === 'own') return ctx.t('applicationsLetters.templates.source.own', { at: formatInstant(item.updatedAt) });
  if (item.source === 'inherited') return ctx.t('applicationsLetters.templates.source.inherited', { agency: item.from?.agency?.name ?? ctx.t('applicationsLetters.templates.scopeAll') });
  return ctx.t('applicationsLetters.templates.source.default');
}

/** Switching the scope (only when the principal may edit more than one): a GET form. */
function ScopeSwitch({ ctx, scopes, scope, action }: { ctx: RequestContext; scopes: TemplateScope[]; scope: TemplateScope; action: string }) {
  const { t } = ctx;
  if (scopes.length < 2) return <p>{`${t('applicationsLetters.templates.scope')}：${scopeLabel(ctx, scope)}`}</p>;
  return (
    <form method="get" action={action} class="filters">
      <div class="field">
        <label for="f-scope">{t('applicationsLetters.templates.scope')}</label>
        <select id="f-scope" name="scope">
          {scopes.map((s) => (
            <option key={s.scope} value={scopeParam(s)} selected={s.scope === scope.scope}>
              {scopeLabel(ctx, s)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" class="button button-secondary">
        {t('applicationsLetters.templates.choose')}
      </button>
    </form>
  );
}

export function TemplateListPage({ ctx, scopes, scope, items, done }: { ctx: RequestContext; scopes: TemplateScope[]; scope: TemplateScope; items: TemplateItem[]; done?: string }) {
  const { t } = ctx;
  const title = t('applicationsLetters.templates.title');
  return (
    <Layout ctx={ctx} title={title} area="admin" crumbs={crumbsOf(ctx, { label: title })}>
      <h1>{title}</h1>
      {done && (
        <div class="status-message" role="status">
          <p>{t(`applicationsLetters.templates.done.${done}`)}</p>
        </div>
      )}
      <p>{t('applicationsLetters.templates.intro')}</p>
      <ScopeSwitch ctx={ctx} scopes={scopes} scope={scope} action={templatesPath} />
      <TableWrap label={title}>
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">{t('applicationsLetters.templates.name')}</th>
              <th scope="col">{t('applicationsLetters.templates.state')}</th>
              <th scope="col">{t('applicationsLetters.templates.action')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.key}>
                <th scope="row">{templateLabel(ctx, i)}</th>
                <td>{sourceText(ctx, i)}</td>
                <td>
                  <a href={templatePath(i.key, scope)} aria-label={t('applicationsLetters.templates.editLabel', { name: templateLabel(ctx, i) })}>
                    {t('applicationsLetters.templates.edit')}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </Layout>
  );
}

/** A letter's text as the applicant will read it (the preview). */
function LetterPreview({ letter }: { letter: LetterContent }) {
  return (
    <article class="letter" lang="zh-CN">
      <p class="letter-title">
        <strong>{letter.title}</strong>
      </p>
      <p class="letter-number">{letter.number}</p>
      <p>{letter.addressee}</p>
      {letter.paragraphs.map((p, i) => (
        <p key={i}>{p}</p>
      ))}
      <p class="letter-signature">{letter.agencyName}</p>
      <p class="letter-date">{letter.issuedOn}</p>
    </article>
  );
}

export function TemplateEditPage(props: {
  ctx: RequestContext;
  scopes: TemplateScope[];
  scope: TemplateScope;
  item: TemplateItem;
  body: string;
  errors: FormErrors;
  preview?: LetterContent | null;
  done?: string;
}) {
  const { ctx, scope, item, body, errors, preview, done } = props;
  const { t } = ctx;
  const name = templateLabel(ctx, item);
  const title = t('applicationsLetters.templates.editTitle', { name });
  const action = `${templatesPath}/${encodeURIComponent(item.key)}`;
  return (
    <Layout ctx={ctx} title={title} area="admin" crumbs={crumbsOf(ctx, { href: `${templatesPath}?scope=${encodeURIComponent(scopeParam(scope))}`, label: t('applicationsLetters.templates.title') }, { label: name })}>
      <h1>{title}</h1>
      {done && (
        <div class="status-message" role="status">
          <p>{t(`applicationsLetters.templates.done.${done}`)}</p>
        </div>
      )}
      <ErrorSummary ctx={ctx} errors={errors} labels={{ body: t('applicationsLetters.templates.body') }} />
      <p>{`${t('applicationsLetters.templates.scope')}：${scopeLabel(ctx, scope)}`}</p>
      <p>{`${t('applicationsLetters.templates.state')}：${sourceText(ctx, item)}`}</p>
      <form method="post" action={action}>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="scope" value={scopeParam(scope)} />
        <TextArea name="body" label={t('applicationsLetters.templates.body')} value={body} error={errors.body} hint={t('applicationsLetters.templates.bodyHint')} required rows={18} />
        <details>
          <summary>{t('applicationsLetters.templates.placeholders')}</summary>
          <ul class="placeholder-list">
            {templatePlaceholders.map((p) => (
              <li key={p}>
                <code>{`{${p}}`}</code>
              </li>
            ))}
          </ul>
        </details>
        <FormActions>
          <button type="submit" name="do" value="save" class="button">
            {t('applicationsLetters.templates.save')}
          </button>
          <button type="submit" name="do" value="preview" class="button button-secondary">
            {t('applicationsLetters.templates.preview')}
          </button>
          {item.source === 'own' && (
            <button type="submit" name="do" value="reset" class="button button-secondary" formnovalidate>
              {t('applicationsLetters.templates.reset')}
            </button>
          )}
        </FormActions>
      </form>
      {preview && (
        <section aria-labelledby="preview-title">
          <h2 id="preview-title">{t('applicationsLetters.templates.previewTitle')}</h2>
          <p class="hint">{t('applicationsLetters.templates.previewNote')}</p>
          <LetterPreview letter={preview} />
        </section>
      )}
      <p>
        <a href={`${templatesPath}?scope=${encodeURIComponent(scopeParam(scope))}`}>{t('applicationsLetters.templates.back')}</a>
      </p>
    </Layout>
  );
}
