import type { ComponentChildren } from 'preact';
import type { FieldIssue } from '../../kernel/errors.ts';
import type { RequestContext } from '../context.ts';

/** Issues of a failed submission, already translated, keyed by field. */
export type FormErrors = Record<string, string>;

export function formErrors(ctx: RequestContext, issues: FieldIssue[]): FormErrors {
  const out: FormErrors = {};
  for (const i of issues) if (!out[i.field]) out[i.field] = ctx.t(i.message, i.params);
  return out;
}

/** Summary at the top of a form that failed: each problem links to its field. */
export function ErrorSummary({ ctx, errors, labels }: { ctx: RequestContext; errors: FormErrors; labels?: Record<string, string> }) {
  const entries = Object.entries(errors);
  if (!entries.length) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1} id="error-summary">
      <p>{ctx.t('validation.form', { count: entries.length })}</p>
      <ul>
        {entries.map(([field, msg]) => (
          <li key={field}>
            <a href={`#f-${field.replace(/\./g, '-')}`}>{labels?.[field] ? `${labels[field]}：${msg}` : msg}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function CsrfField({ ctx }: { ctx: RequestContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrfToken()} />;
}

interface FieldProps {
  name: string;
  label: string;
  value?: string | number | null;
  error?: string;
  hint?: string;
  required?: boolean;
  type?: string;
  autocomplete?: string;
  maxLength?: number;
  inputMode?: string;
}

const fieldId = (name: string) => `f-${name.replace(/\./g, '-')}`;

export function TextField({ name, label, value, error, hint, required, type = 'text', autocomplete, maxLength, inputMode }: FieldProps) {
  const id = fieldId(name);
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${error ? ' field-error' : ''}`}>
      <label for={id}>
        {label}
        {required && <span class="required" aria-hidden="true"> *</span>}
      </label>
      {hint && <p class="hint" id={`${id}-hint`}>{hint}</p>}
      {error && <p class="error-text" id={`${id}-error`}>{error}</p>}
      <input id={id} name={name} type={type} value={value ?? ''} required={required} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy} autoComplete={autocomplete} maxLength={maxLength} inputMode={inputMode as any} />
    </div>
  );
}

export function TextArea({ name, label, value, error, hint, required, rows = 4 }: FieldProps & { rows?: number }) {
  const id = fieldId(name);
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${error ? ' field-error' : ''}`}>
      <label for={id}>
        {label}
        {required && <span class="required" aria-hidden="true"> *</span>}
      </label>
      {hint && <p class="hint" id={`${id}-hint`}>{hint}</p>}
      {error && <p class="error-text" id={`${id}-error`}>{error}</p>}
      <textarea id={id} name={name} rows={rows} required={required} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy}>
        {value ?? ''}
      </textarea>
    </div>
  );
}

export function SelectField({ name, label, value, error, hint, required, options }: FieldProps & { options: { value: string; label: string }[] }) {
  const id = fieldId(name);
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${error ? ' field-error' : ''}`}>
      <label for={id}>
        {label}
        {required && <span class="required" aria-hidden="true"> *</span>}
      </label>
      {hint && <p class="hint" id={`${id}-hint`}>{hint}</p>}
      {error && <p class="error-text" id={`${id}-error`}>{error}</p>}
      <select id={id} name={name} required={required} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy}>
        {options.map((o) => (
          <option key={o.value} value={o.value} selected={String(value ?? '') === o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function FormActions({ children }: { children: ComponentChildren }) {
  return <div class="form-actions">{children}</div>;
}
