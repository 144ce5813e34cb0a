/** Small shared pieces of the back-office pages (status messages, pagination, checkbox, times with seconds). */
import type { ComponentChildren } from 'preact';
import type { FieldIssue } from '../../kernel/errors.ts';
import type { RequestContext } from '../context.ts';
import { catalog } from '../i18n/index.ts';
import type { FormErrors } from './forms.tsx';

export function hasMessage(ctx: RequestContext, key: string): boolean {
  return key in catalog(ctx.locale) || key in catalog('zh-CN');
}

/**
 * Like formErrors, but a message that is not a catalog key (zod's own English text from a
 * built-in check) becomes the generic "格式不正确" so that no untranslated text reaches the page.
 */
export function issueErrors(ctx: RequestContext, issues: FieldIssue[], rename: Record<string, string> = {}): FormErrors {
  const out: FormErrors = {};
  for (const i of issues) {
    const field = rename[i.field] ?? i.field;
    if (out[field]) continue;
    out[field] = hasMessage(ctx, i.message) ? ctx.t(i.message, i.params) : ctx.t('validation.invalid');
  }
  return out;
}

/** First string of a form or query value (repeated fields arrive as arrays). */
export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
  return undefined;
}

/** The confirmation after a redirect (?done=created): a polite live region. Unknown values show nothing. */
export function StatusMessage({ ctx, done, params }: { ctx: RequestContext; done?: string | null; params?: Record<string, string | number> }) {
  if (!done || !/^[a-zA-Z]+$/.test(done) || !hasMessage(ctx, `admin.done.${done}`)) return null;
  return (
    <div class="status-message" role="status">
      <p>{ctx.t(`admin.done.${done}`, params)}</p>
    </div>
  );
}

/** A one-line problem not tied to a field (e.g. a conflict), shown like the error summary. */
export function ProblemMessage({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1} id="error-summary">
      <p>{message}</p>
    </div>
  );
}

export function CheckboxField({ name, label, checked, hint }: { name: string; label: string; checked: boolean; hint?: string }) {
  const id = `f-${name.replace(/\./g, '-')}`;
  return (
    <div class="field field-checkbox">
      <input id={id} name={name} type="checkbox" value="1" checked={checked} aria-describedby={hint ? `${id}-hint` : undefined} />
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

/** Previous / next page links that keep the rest of the query. */
export function Pagination({ ctx, page, pages, href }: { ctx: RequestContext; page: number; pages: number; href: (page: number) => string }) {
  if (pages <= 1) return null;
  const { t } = ctx;
  return (
    <nav class="pagination" aria-label={t('admin.pager.label')}>
      <ul>
        {page > 1 && (
          <li>
            <a href={href(1)}>{t('admin.pager.first')}</a>
          </li>
        )}
        {page > 1 && (
          <li>
            <a href={href(page - 1)} rel="prev">
              {t('admin.pager.prev')}
            </a>
          </li>
        )}
        <li aria-current="page">{t('admin.pager.position', { page, pages })}</li>
        {page < pages && (
          <li>
            <a href={href(page + 1)} rel="next">
              {t('admin.pager.next')}
            </a>
          </li>
        )}
        {page < pages && (
          <li>
            <a href={href(pages)}>{t('admin.pager.last')}</a>
          </li>
        )}
      </ul>
    </nav>
  );
}

/** A wide table that scrolls inside its own box on a phone (the page itself never scrolls sideways). */
export function TableWrap({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

/** YYYY-MM-DD HH:MM:SS in Asia/Shanghai. */
export function formatInstantSeconds(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(d);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

/** The instant at which a Shanghai calendar day begins (UTC ISO). */
export function shanghaiDayStart(date: string): string {
  return new Date(`${date}T00:00:00+08:00`).toISOString();
}

/** An audit action's label in the user's language (auth.signIn → 登录成功); unknown actions show their code. */
export function actionLabel(ctx: RequestContext, action: string): string {
  const key = `admin.audit.action.${action}`;
  return hasMessage(ctx, key) ? ctx.t(key) : action;
}
