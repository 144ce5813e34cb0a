import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { actorOf } from '../../http/context.ts';
import { requirePrincipal } from '../../http/guards.ts';
import { sendPage } from '../../http/render.ts';
import { str } from '../../http/views/AdminKit.tsx';
import { errors, isAppError, type AppError } from '../../kernel/errors.ts';
import { isIsoDate, todayInShanghai, type CalendarNotice } from '../../kernel/calendar/index.ts';
import type { Services } from '../../services.ts';
import { isAdmin, type Principal } from '../agencies/index.ts';
import { CalendarPage, type DeadlineTool, type YearStatus } from './views/CalendarPage.tsx';
import { noticeFromJson, noticeFromLines, noticeToLines, type FieldMessages, type NoticeFormValues } from './views/notice-form.ts';

const MAX_DAYS = 366;

function requireAdmin(req: FastifyRequest): Principal {
  const p = requirePrincipal(req);
  if (!isAdmin(p)) throw errors.forbidden('Only system administrators enter holiday notices');
  return p;
}

const emptyNotice = (year: number): NoticeFormValues => ({ year: String(year), source: '', holidays: '', workdays: '' });

/** The working-day calendar: official years, the notices entered here, and a deadline check. */
export async function calendarRoutes(app: FastifyInstance, { services }: { services: Services }) {
  async function render(req: FastifyRequest, reply: FastifyReply, extra: { lines?: NoticeFormValues; lineErrors?: FieldMessages; json?: string; jsonErrors?: FieldMessages; status?: number } = {}) {
    const principal = requirePrincipal(req);
    const cal = await services.calendar.current();
    const today = todayInShanghai(services.clock.now());
    const thisYear = Number(today.slice(0, 4));
    const years: YearStatus[] = [];
    for (let y = thisYear - 1; y <= thisYear + 2; y++) years.push({ year: y, source: cal.yearSource(y) });
    const notices = await services.calendar.list();
    const builtin = cal.officialYears().filter((y) => cal.yearSource(y) === 'builtin');
    const query = req.query as Record<string, unknown>;

    // The deadline tool is a GET form on the same page.
    let tool: DeadlineTool = { start: today, days: '20', errors: {} };
    const start = str(query.start)?.trim();
    const days = str(query.days)?.trim();
    if (start !== undefined || days !== undefined) {
      tool = { start: start ?? '', days: days ?? '', errors: {} };
      if (!start || !isIsoDate(start)) tool.errors.start = req.ctx.t('validation.date');
      const n = /^\d{1,3}$/.test(days ?? '') ? Number(days) : NaN;
      if (!(n >= 1 && n <= MAX_DAYS)) tool.errors.days = req.ctx.t('admin.calendar.tool.daysInvalid', { max: MAX_DAYS });
      if (!Object.keys(tool.errors).length) tool.result = cal.addWorkingDays(start!, n);
    }
    const nextYear = thisYear + 1;
    // ?edit=YEAR loads an entered notice into the form, to correct it.
    const editing = notices.find((n) => String(n.year) === str(query.edit));
    return sendPage(
      reply,
      h(CalendarPage, {
        ctx: req.ctx,
        canEdit: isAdmin(principal),
        years,
        builtinRange: builtin.length ? [builtin[0], builtin[builtin.length - 1]] : null,
        notices,
        tool,
        lines: extra.lines ?? (editing ? noticeToLines(editing.notice) : emptyNotice(cal.isOfficialYear(nextYear) ? nextYear + 1 : nextYear)),
        lineErrors: extra.lineErrors ?? {},
        json: extra.json ?? '',
        jsonErrors: extra.jsonErrors ?? {},
        done: str(query.done),
        doneYear: str(query.year),
      }),
      extra.status ?? 200,
    );
  }

  /** Service-side rejections (should the page's own checks miss one) shown on the form they came from. */
  function serviceErrors(req: FastifyRequest, e: AppError, field: (path: string) => string): FieldMessages {
    const out: FieldMessages = {};
    for (const i of e.issues) (out[field(i.field)] ??= []).push(req.ctx.t('admin.calendar.err.item', { where: i.field }));
    if (!e.issues.length) (out[field('_')] ??= []).push(req.ctx.t('error.validation'));
    return out;
  }

  async function save(req: FastifyRequest, reply: FastifyReply, notice: CalendarNotice, onError: (errs: FieldMessages) => Promise<unknown>, field: (path: string) => string) {
    const principal = requireAdmin(req);
    try {
      await services.calendar.importNotice(principal, actorOf(req), notice);
    } catch (e) {
      if (!isAppError(e) || e.code !== 'validation') throw e;
      return onError(serviceErrors(req, e, field));
    }
    return reply.redirect(`/admin/calendar?done=noticeSaved&year=${notice.year}`, 303);
  }

  app.get('/admin/calendar', async (req, reply) => render(req, reply));

  app.post('/admin/calendar/notice', async (req, reply) => {
    requireAdmin(req);
    const b = (req.body ?? {}) as Record<string, unknown>;
    const lines: NoticeFormValues = { year: str(b.year) ?? '', source: str(b.source) ?? '', holidays: str(b.holidays) ?? '', workdays: str(b.workdays) ?? '' };
    const { notice, errors: errs } = noticeFromLines(req.ctx.t, lines);
    const fail = (lineErrors: FieldMessages) => render(req, reply, { lines, lineErrors, status: 400 });
    if (!notice) return fail(errs);
    return save(req, reply, notice, fail, (path) => (path.startsWith('workdays') ? 'workdays' : path.startsWith('year') ? 'year' : 'holidays'));
  });

  app.post('/admin/calendar/notice-json', async (req, reply) => {
    requireAdmin(req);
    const json = (str((req.body as Record<string, unknown> | undefined)?.json) ?? '').slice(0, 200_000);
    const { notice, errors: errs } = noticeFromJson(req.ctx.t, json);
    const fail = (jsonErrors: FieldMessages) => render(req, reply, { json, jsonErrors, status: 400 });
    if (!notice) return fail(errs);
    return save(req, reply, notice, fail, () => 'json');
  });

  app.post('/admin/calendar/:year/delete', async (req, reply) => {
    const principal = requireAdmin(req);
    const year = Number((req.params as { year: string }).year);
    if (!Number.isInteger(year) || !(await services.calendar.list()).some((n) => n.year === year)) throw errors.notFound('calendarNotice', String(year));
    await services.calendar.removeNotice(principal, actorOf(req), year);
    return reply.redirect(`/admin/calendar?done=noticeRemoved&year=${year}`, 303);
  });
}
