import type { RequestContext } from '../../../http/context.ts';
import { Layout } from '../../../http/views/Layout.tsx';
import { CsrfField, FormActions, TextField } from '../../../http/views/forms.tsx';
import { formatInstant } from '../../../http/render.ts';
import { StatusMessage, TableWrap } from '../../../http/views/AdminKit.tsx';
import type { CalendarNotice, WorkingDayResult } from '../../../kernel/calendar/index.ts';
import type { FieldMessages, NoticeFormValues } from './notice-form.ts';

export interface YearStatus {
  year: number;
  source: 'builtin' | 'override' | null;
}

export interface DeadlineTool {
  start: string;
  days: string;
  errors: Record<string, string>;
  result?: WorkingDayResult;
}

interface StoredNotice {
  year: number;
  source: string | null;
  createdAt: string;
  createdBy: string | null;
  notice: CalendarNotice;
}

/** A textarea whose problems are listed one per line, next to it. */
function LinesField({ name, label, value, hint, errors, rows = 8 }: { name: string; label: string; value: string; hint?: string; errors?: string[]; rows?: number }) {
  const id = `f-${name}`;
  const describedBy = [hint ? `${id}-hint` : '', errors?.length ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${errors?.length ? ' field-error' : ''}`}>
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {errors?.length ? (
        <ul class="error-text" id={`${id}-error`}>
          {errors.map((e, i) => (
            <li key={i}>{e}</li>
          ))}
        </ul>
      ) : null}
      <textarea id={id} name={name} rows={rows} aria-invalid={errors?.length ? 'true' : undefined} aria-describedby={describedBy} spellcheck={false}>
        {value}
      </textarea>
    </div>
  );
}

function Summary({ ctx, errors }: { ctx: RequestContext; errors: FieldMessages }) {
  const entries = Object.entries(errors).flatMap(([field, msgs]) => msgs.map((m) => [field, m] as const));
  if (!entries.length) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1} id="error-summary">
      <p>{ctx.t('validation.form', { count: entries.length })}</p>
      <ul>
        {entries.map(([field, msg], i) => (
          <li key={i}>
            <a href={`#f-${field}`}>{msg}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function CalendarPage(props: {
  ctx: RequestContext;
  canEdit: boolean;
  years: YearStatus[];
  builtinRange: [number, number] | null;
  notices: StoredNotice[];
  tool: DeadlineTool;
  lines: NoticeFormValues;
  lineErrors: FieldMessages;
  json: string;
  jsonErrors: FieldMessages;
  done?: string;
  doneYear?: string;
}) {
  const { ctx, canEdit, years, builtinRange, notices, tool, lines, lineErrors, json, jsonErrors, done, doneYear } = props;
  const { t } = ctx;
  const title = t('admin.calendar.title');
  const yearStatus = (s: YearStatus['source']) => (s === 'builtin' ? t('admin.calendar.source.builtin') : s === 'override' ? t('admin.calendar.source.override') : t('admin.calendar.source.none'));
  return (
    <Layout ctx={ctx} title={title} area="admin" crumbs={[{ href: '/admin', label: t('admin.nav.dashboard') }, { label: title }]}>
      <h1>{title}</h1>
      <StatusMessage ctx={ctx} done={done} params={{ year: doneYear && /^\d{4}$/.test(doneYear) ? doneYear : '' }} />
      <p>{t('admin.calendar.intro')}</p>

      <section aria-labelledby="cal-years">
        <h2 id="cal-years">{t('admin.calendar.years')}</h2>
        {builtinRange && <p>{t('admin.calendar.builtinRange', { from: builtinRange[0], to: builtinRange[1] })}</p>}
        <TableWrap label={t('admin.calendar.years')}>
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">{t('admin.calendar.col.year')}</th>
                <th scope="col">{t('admin.calendar.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {years.map((y) => (
                <tr key={y.year}>
                  <th scope="row">{y.year}</th>
                  <td>{y.source ? yearStatus(y.source) : <strong>{yearStatus(null)}</strong>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </section>

      <section aria-labelledby="cal-tool" id="deadline">
        <h2 id="cal-tool">{t('admin.calendar.tool.title')}</h2>
        <p class="hint">{t('admin.calendar.tool.hint')}</p>
        <form method="get" action="/admin/calendar#deadline" class="form inline-fields">
          <TextField name="start" label={t('admin.calendar.tool.start')} value={tool.start} error={tool.errors.start} hint={t('admin.audit.dateHint')} maxLength={10} required />
          <TextField name="days" label={t('admin.calendar.tool.days')} value={tool.days} error={tool.errors.days} inputMode="numeric" maxLength={3} required />
          <FormActions>
            <button type="submit" class="button primary">
              {t('admin.calendar.tool.submit')}
            </button>
          </FormActions>
        </form>
        {tool.result && (
          <div class="tool-result" role="status">
            <p>
              {t('admin.calendar.tool.result', { start: tool.start, days: tool.days })} <strong class="deadline-date">{tool.result.date}</strong>
            </p>
            {tool.result.provisional ? (
              <p class="notice">
                <strong>{t('admin.calendar.tool.provisional')}</strong> {t('admin.calendar.tool.provisionalWhy', { years: tool.result.unofficialYears.join('、') })}
              </p>
            ) : (
              <p>{t('admin.calendar.tool.official')}</p>
            )}
          </div>
        )}
      </section>

      <section aria-labelledby="cal-notices">
        <h2 id="cal-notices">{t('admin.calendar.notices')}</h2>
        {notices.length === 0 ? (
          <p>{t('admin.calendar.noNotices')}</p>
        ) : (
          <TableWrap label={t('admin.calendar.notices')}>
            <table class="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('admin.calendar.col.year')}</th>
                  <th scope="col">{t('admin.calendar.col.source')}</th>
                  <th scope="col">{t('admin.calendar.col.content')}</th>
                  <th scope="col">{t('admin.calendar.col.entered')}</th>
                  {canEdit && <th scope="col">{t('admin.calendar.col.actions')}</th>}
                </tr>
              </thead>
              <tbody>
                {notices.map((n) => (
                  <tr key={n.year}>
                    <th scope="row">{n.year}</th>
                    <td>{n.source ?? t('admin.none')}</td>
                    <td>
                      <details>
                        <summary>{t('admin.calendar.counts', { holidays: n.notice.holidays.length, workdays: n.notice.workdays.length })}</summary>
                        <ul class="plain-list">
                          {n.notice.holidays.map((h, i) => (
                            <li key={`h${i}`}>{t('admin.calendar.holidayItem', { from: h.from, to: h.to, name: h.name ?? '' })}</li>
                          ))}
                          {n.notice.workdays.map((w) => (
                            <li key={w}>{t('admin.calendar.workdayItem', { date: w })}</li>
                          ))}
                        </ul>
                      </details>
                    </td>
                    <td>
                      {formatInstant(n.createdAt)}
                      {n.createdBy ? ` · ${n.createdBy}` : ''}
                    </td>
                    {canEdit && (
                      <td>
                        <a href={`/admin/calendar?edit=${n.year}#cal-enter`}>{t('admin.calendar.edit', { year: n.year })}</a>
                        <form method="post" action={`/admin/calendar/${n.year}/delete`} class="inline-form">
                          <CsrfField ctx={ctx} />
                          <button type="submit" class="link-button">
                            {t('admin.calendar.delete', { year: n.year })}
                          </button>
                        </form>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        {!canEdit && <p class="muted">{t('admin.calendar.viewOnly')}</p>}
      </section>

      {canEdit && (
        <section aria-labelledby="cal-enter-h" id="cal-enter">
          <h2 id="cal-enter-h">{t('admin.calendar.enter')}</h2>
          <p class="hint">{t('admin.calendar.enterHint')}</p>
          <Summary ctx={ctx} errors={lineErrors} />
          <form method="post" action="/admin/calendar/notice" class="form" novalidate>
            <CsrfField ctx={ctx} />
            <div class={`field${lineErrors.year ? ' field-error' : ''}`}>
              <label for="f-year">{t('admin.calendar.field.year')}</label>
              {lineErrors.year && (
                <p class="error-text" id="f-year-error">
                  {lineErrors.year.join(' ')}
                </p>
              )}
              <input id="f-year" name="year" value={lines.year} inputMode="numeric" maxLength={4} required aria-invalid={lineErrors.year ? 'true' : undefined} aria-describedby={lineErrors.year ? 'f-year-error' : undefined} />
            </div>
            <TextField name="source" label={t('admin.calendar.field.source')} value={lines.source} error={lineErrors.source?.join(' ')} hint={t('admin.calendar.hint.source')} maxLength={100} />
            <LinesField name="holidays" label={t('admin.calendar.field.holidays')} value={lines.holidays} hint={t('admin.calendar.hint.holidays')} errors={lineErrors.holidays} />
            <LinesField name="workdays" label={t('admin.calendar.field.workdays')} value={lines.workdays} hint={t('admin.calendar.hint.workdays')} errors={lineErrors.workdays} rows={5} />
            <FormActions>
              <button type="submit" class="button primary">
                {t('admin.calendar.save')}
              </button>
            </FormActions>
          </form>

          <h3 id="cal-json">{t('admin.calendar.jsonTitle')}</h3>
          <p class="hint">{t('admin.calendar.jsonHint')}</p>
          <p class="code-sample">
            <code>{t('admin.calendar.jsonExample')}</code>
          </p>
          <Summary ctx={ctx} errors={jsonErrors} />
          <form method="post" action="/admin/calendar/notice-json" class="form" novalidate>
            <CsrfField ctx={ctx} />
            <LinesField name="json" label={t('admin.calendar.field.json')} value={json} errors={jsonErrors.json} rows={8} />
            <FormActions>
              <button type="submit" class="button primary">
                {t('admin.calendar.saveJson')}
              </button>
            </FormActions>
          </form>
        </section>
      )}
    </Layout>
  );
}
