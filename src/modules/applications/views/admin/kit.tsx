/** Pieces shared by the back-office application pages: paths, crumbs, urgency tags, form fields with per-form ids. */
import type { ComponentChildren } from 'preact';
import type { RequestContext } from '../../../../http/context.ts';
import type { Crumb } from '../../../../http/views/Layout.tsx';
import type { Urgency } from '../../case-state.ts';

export const basePath = '/admin/applications';
export const casePath = (id: string) => `${basePath}/${encodeURIComponent(id)}`;
export const actionPath = (id: string, action: string) => `${casePath(id)}/actions/${encodeURIComponent(action)}`;
export const filePath = (id: string, fileId: string) => `${casePath(id)}/files/${encodeURIComponent(fileId)}`;
export const letterPath = (id: string, letterId: string) => `${casePath(id)}/letters/${encodeURIComponent(letterId)}`;
export const revealPath = (id: string) => `${casePath(id)}/reveal`;

export function crumbs(ctx: RequestContext, ...rest: Crumb[]): Crumb[] {
  const list: Crumb = { href: basePath, label: ctx.t('applicationsAdmin.queue.title') };
  return [{ href: '/admin', label: ctx.t('admin.nav.dashboard') }, rest.length ? list : { label: list.label }, ...rest];
}

/** Urgency as a word in a coloured tag (never colour alone): overdue red, due soon amber, paused grey. */
export function UrgencyTag({ ctx, urgency }: { ctx: RequestContext; urgency: Urgency }) {
  if (urgency === 'none') return <span class="muted">{ctx.t('applications.urgency.none')}</span>;
  const cls = urgency === 'overdue' ? 'badge badge-late' : urgency === 'dueSoon' ? 'badge status-submitted' : urgency === 'paused' ? 'badge' : 'badge status-published';
  return <span class={`${cls} urgency-${urgency}`}>{ctx.t(`applications.urgency.${urgency}`)}</span>;
}

/** "还剩 5 个工作日" / "已超期 2 个工作日" / "今天到期". */
export function daysLeftText(ctx: RequestContext, daysLeft: number | null): string {
  if (daysLeft === null) return '';
  if (daysLeft < 0) return ctx.t('applicationsAdmin.daysOverdue', { days: -daysLeft });
  if (daysLeft === 0) return ctx.t('applicationsAdmin.dueToday');
  return ctx.t('applicationsAdmin.daysLeft', { days: daysLeft });
}


// ---- form fields whose ids carry the form's prefix (several small forms share field names on one page) ----

interface FieldBase {
  form: string;
  name: string;
  label: string;
  error?: string;
  hint?: string;
  required?: boolean;
}
export const fid = (form: string, name: string) => `f-${form}-${name.replace(/\./g, '-')}`;

function Frame({ id, label, error, hint, required, children }: { id: string; label: string; error?: string; hint?: string; required?: boolean; children: ComponentChildren }) {
  return (
    <div class={`field${error ? ' field-error' : ''}`}>
      <label for={id}>
        {label}
        {required && <span class="required" aria-hidden="true"> *</span>}
      </label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="error-text" id={`${id}-error`}>
          {error}
        </p>
      )}
      {children}
    </div>
  );
}
const describedBy = (id: string, hint?: string, error?: string) => [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

export function Input({ form, name, label, error, hint, required, value, type = 'text', maxLength, min, max, autocomplete }: FieldBase & { value?: string | null; type?: string; maxLength?: number; min?: number; max?: number; autocomplete?: string }) {
  const id = fid(form, name);
  return (
    <Frame id={id} label={label} error={error} hint={hint} required={required}>
      <input id={id} name={name} type={type} value={value ?? ''} required={required} maxLength={maxLength} min={min} max={max} autoComplete={autocomplete} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(id, hint, error)} />
    </Frame>
  );
}

export function Area({ form, name, label, error, hint, required, value, rows = 3 }: FieldBase & { value?: string | null; rows?: number }) {
  const id = fid(form, name);
  return (
    <Frame id={id} label={label} error={error} hint={hint} required={required}>
      <textarea id={id} name={name} rows={rows} required={required} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(id, hint, error)}>
        {value ?? ''}
      </textarea>
    </Frame>
  );
}

export interface Option {
  value: string;
  label: string;
}
export function Select({ form, name, label, error, hint, required, value, options, groups }: FieldBase & { value?: string | null; options?: Option[]; groups?: { label: string; options: Option[] }[] }) {
  const id = fid(form, name);
  const opt = (o: Option) => (
    <option key={o.value} value={o.value} selected={String(value ?? '') === o.value}>
      {o.label}
    </option>
  );
  return (
    <Frame id={id} label={label} error={error} hint={hint} required={required}>
      <select id={id} name={name} required={required} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(id, hint, error)}>
        {options?.map(opt)}
        {groups?.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.options.map(opt)}
          </optgroup>
        ))}
      </select>
    </Frame>
  );
}
