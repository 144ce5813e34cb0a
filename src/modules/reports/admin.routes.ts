/**
 * Back office of annual reports:
 *   GET  /admin/reports?year=YYYY                         the year's reports of every agency the user sees (deadlines)
 *   GET  /admin/reports/:code/:year[?scope=&format=&sort=] the draft (or the published report); .docx | .xlsx | .json its files
 *   GET|POST /admin/reports/:code/:year/texts              sections 一、五、六 with live figures
 *   GET|POST /admin/reports/:code/:year/figures            figures of table 二 that Gongkai does not hold (form or CSV)
 *   POST /admin/reports/:code/:year/format | submit | return | approve
 *   GET|POST /admin/reports/check                          the balance checks of an imported report (JSON)
 * The service checks every right again; forms come back with their messages and what was typed.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { actorOf } from '../../http/context.ts';
import { requirePrincipal } from '../../http/guards.ts';
import { sendPage } from '../../http/render.ts';
import { acceptsUploads, uploadsOf } from '../../http/uploads.ts';
import { hasMessage, issueErrors, str } from '../../http/views/AdminKit.tsx';
import { todayInShanghai } from '../../kernel/calendar/index.ts';
import { errors, isAppError, type AppError, type FieldIssue } from '../../kernel/errors.ts';
import type { Services } from '../../services.ts';
import { canChangeAgency, type Principal } from '../agencies/index.ts';
import { figureKeysOf, isReportFormat, type ReportScope } from './format.ts';
import type { CompiledReport, ReportTexts } from './model.ts';
import { textSections } from './model.ts';
import { placeholderValue, suggestedPlaceholders } from './placeholders.ts';
import { parseReportJson } from './reports.schemas.ts';
import { checkImported } from './checks.ts';
import { formatParam, parseYearParam, scopeParam, sendReportFile, sortParam } from './public.routes.ts';
import { CheckPage, DraftPage, FiguresPage, ListPage, TextsPage, type FigureValues } from './views/AdminPages.tsx';
import { adminBase, reportPath, reportSubPath } from './views/kit.tsx';

const bodyOf = (req: FastifyRequest) => (req.body ?? {}) as Record<string, unknown>;
const isCode = (e: unknown, code: AppError['code']): e is AppError => isAppError(e) && e.code === code;

export async function reportsAdminRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const reports = services.reports;
  const currentYear = () => Number(todayInShanghai(services.clock.now()).slice(0, 4));

  /** The report's address parts; `:year` may carry a file extension. */
  function keyOf(req: FastifyRequest) {
    const { code, year: raw } = req.params as { code: string; year: string };
    const { year, ext } = parseYearParam(raw);
    const q = req.query as Record<string, unknown>;
    return { code, year, ext, scope: scopeParam(q), format: formatParam(q), q };
  }

  /** The agency (visible to the principal: compile has checked it) and what the principal may do with its report. */
  async function rightsOf(principal: Principal, code: string) {
    const tree = await services.agencies.tree();
    const agency = tree.byCode.get(code);
    if (!agency) throw errors.notFound('agency', code);
    return {
      tree,
      agency,
      may: { edit: canChangeAgency(principal, tree, agency.id, 'editor'), approve: canChangeAgency(principal, tree, agency.id, 'authority') },
      scopeSwitch: agency.kind === 'government' || tree.subtree(agency.id).length > 1,
    };
  }

  /** Where to go back to after an action: the report page in the same scope. */
  const back = (code: string, year: number, scope: ReportScope | undefined, done: string) => `${reportPath(code, year)}?${new URLSearchParams({ ...(scope ? { scope } : {}), done }).toString()}`;

  /** A refused action, in words (the service's conflicts carry a reason code and the counts). */
  function conflictText(req: FastifyRequest, e: AppError): string {
    const { t } = req.ctx;
    if (e.params.reason === 'checksFail') return t('reports.conflict.checksFail', { failed: Number(e.params.failed ?? 0) });
    if (e.params.reason === 'notDraft') return t('reports.conflict.notDraft', { status: t(`reports.status.${String(e.params.status ?? 'none')}`) });
    if (e.params.reason === 'notSubmitted') return t('reports.conflict.notSubmitted', { status: t(`reports.status.${String(e.params.status ?? 'none')}`) });
    return t('error.conflict', { detail: e.message });
  }

  async function draftPage(req: FastifyRequest, reply: FastifyReply, extra: { problem?: string; status?: number; returnForm?: { reason: string; error?: string } } = {}) {
    const principal = requirePrincipal(req);
    const { code, year, scope, format, q } = keyOf(req);
    const report = await reports.compile(principal, { agency: code, year, scope, format });
    const { tree, agency, may, scopeSwitch } = await rightsOf(principal, code);
    // A format asked for in the query is a preview when the stored report is in another one.
    let preview = null;
    if (format && report.status === 'draft') {
      const stored = await reports.compile(principal, { agency: code, year, scope, trend: false });
      if (stored.json.format !== format) preview = format;
    }
    const names = new Map(tree.all().map((a) => [a.code, a.name]));
    const done = extra.status ? null : str(q.done);
    return sendPage(
      reply,
      h(DraftPage, { ctx: req.ctx, report, agency, dueOn: reports.reportDueOn(agency, year), may, scopeSwitch, preview, sort: sortParam(q), names, problem: extra.problem, done, returnForm: extra.returnForm }),
      extra.status ?? 200,
    );
  }

  // ---- the year's reports ------------------------------------------------------------------

  app.get(adminBase, async (req, reply) => {
    const principal = requirePrincipal(req);
    const now = currentYear();
    const raw = Number(str((req.query as Record<string, unknown>).year));
    const year = Number.isInteger(raw) && raw >= 2008 && raw <= now ? raw : now - 1;
    const rows = await reports.deadlines(principal, year);
    return sendPage(reply, h(ListPage, { ctx: req.ctx, year, currentYear: now, rows }));
  });

  // ---- checking an imported report (before /:code/:year so that 'check' is never an agency code) ----

  app.get(`${adminBase}/check`, async (req, reply) => {
    requirePrincipal(req);
    return sendPage(reply, h(CheckPage, { ctx: req.ctx, text: '', parseIssues: [], results: null }));
  });

  app.post(`${adminBase}/check`, acceptsUploads, async (req, reply) => {
    requirePrincipal(req);
    const { t } = req.ctx;
    const file = uploadsOf(req).find((u) => u.field === 'file' && u.bytes.length > 0);
    const typed = (str(bodyOf(req).json) ?? '').slice(0, 5_000_000);
    const text = file ? file.bytes.toString('utf8').replace(/^\uFEFF/, '') : typed;
    const show = (issues: { path: string; message: string }[], results: ReturnType<typeof checkImported> | null, status: number) =>
      sendPage(reply, h(CheckPage, { ctx: req.ctx, text: file ? typed : text, parseIssues: issues, results }), status);
    if (!text.trim()) return show([{ path: '', message: t('reports.check.empty') }], null, 400);
    let input: unknown;
    try {
      input = JSON.parse(text);
    } catch (e) {
      return show([{ path: '', message: t('reports.check.invalidJson', { message: (e as Error).message }) }], null, 400);
    }
    const parsed = parseReportJson(input);
    if (parsed.issues.length) {
      return show(
        parsed.issues.map((i) => ({ path: i.field, message: hasMessage(req.ctx, i.message) ? t(i.message, i.params) : t('validation.invalid') })),
        null,
        400,
      );
    }
    return show([], checkImported(parsed.reports), 200);
  });

  // ---- one report ----------------------------------------------------------------------------

  app.get(`${adminBase}/:code/:year`, async (req, reply) => {
    const { code, year, ext, scope, format } = keyOf(req);
    if (!ext) return draftPage(req, reply);
    const report = await reports.compile(requirePrincipal(req), { agency: code, year, scope, format });
    return sendReportFile(reply, report, ext, 'private');
  });

  /** An editor's page of a draft (texts, figures): refused to others, and sent back to the report once it is not a draft. */
  async function editableDraft(req: FastifyRequest) {
    const principal = requirePrincipal(req);
    const { code, year, scope } = keyOf(req);
    const report = await reports.compile(principal, { agency: code, year, scope, trend: false });
    const { agency, may } = await rightsOf(principal, code);
    if (!may.edit) throw errors.forbidden('Only the agency’s editors change its report');
    return { principal, report, agency, code, year, scope };
  }

  function textsPage(req: FastifyRequest, reply: FastifyReply, report: CompiledReport, values: ReportTexts, issues: FieldIssue[], done: string | null) {
    const ctx = { json: report.json, agencyName: report.subject.name, feesCollected: report.feesCollected };
    const suggestions = suggestedPlaceholders(report.json.format).map((name) => ({ name, value: placeholderValue(ctx, name) ?? '' }));
    const agency = { code: report.subject.code, name: report.subject.name } as Parameters<typeof TextsPage>[0]['agency'];
    return sendPage(reply, h(TextsPage, { ctx: req.ctx, report, agency, values, errors: issueErrors(req.ctx, issues), suggestions, done }), issues.length ? 400 : 200);
  }

  app.get(`${adminBase}/:code/:year/texts`, async (req, reply) => {
    const { report, code, year, scope } = await editableDraft(req);
    if (report.status !== 'draft') return reply.redirect(reportPath(code, year, scope), 303);
    const done = str((req.query as Record<string, unknown>).done) === 'texts' ? 'texts' : null;
    return textsPage(req, reply, report, report.texts, [], done);
  });

  app.post(`${adminBase}/:code/:year/texts`, async (req, reply) => {
    const { principal, report, code, year, scope } = await editableDraft(req);
    const body = bodyOf(req);
    const texts: Partial<ReportTexts> = {};
    for (const s of textSections) {
      const v = str(body[s]);
      if (v !== undefined) texts[s] = v;
    }
    try {
      await reports.saveTexts(principal, actorOf(req), { agency: code, year, scope }, texts);
    } catch (e) {
      if (isCode(e, 'validation')) return textsPage(req, reply, report, { ...report.texts, ...texts }, e.issues, null);
      if (isCode(e, 'conflict')) return draftPage(req, reply, { problem: conflictText(req, e), status: 409 });
      throw e;
    }
    return reply.redirect(reportSubPath(code, year, 'texts', scope) + `${scope ? '&' : '?'}done=texts`, 303);
  });

  async function figuresForm(req: FastifyRequest) {
    const { principal, report, agency, code, year, scope } = await editableDraft(req);
    const stored = await reports.figures(principal, code, year);
    return { principal, report, agency, code, year, scope, stored };
  }
  type FiguresCtx = Awaited<ReturnType<typeof figuresForm>>;

  function figuresPage(req: FastifyRequest, reply: FastifyReply, f: FiguresCtx, form: FigureValues, issues: FieldIssue[], csvErrors: string[], done: string | null) {
    const updatedAt = Object.fromEntries(f.stored.map((s) => [s.key, s.updatedAt.slice(0, 10)]));
    return sendPage(
      reply,
      h(FiguresPage, { ctx: req.ctx, agency: f.agency, year: f.year, format: f.report.json.format, scope: f.report.scope, form, errors: issueErrors(req.ctx, issues), csvErrors, done, updatedAt }),
      issues.length || csvErrors.length ? 400 : 200,
    );
  }
  const storedForm = (f: FiguresCtx): FigureValues => ({
    values: Object.fromEntries(f.stored.map((s) => [s.key, String(s.value)])),
    sources: Object.fromEntries(f.stored.map((s) => [s.key, s.source])),
    csv: '',
  });

  app.get(`${adminBase}/:code/:year/figures`, async (req, reply) => {
    const f = await figuresForm(req);
    const done = str((req.query as Record<string, unknown>).done) === 'figures' ? 'figures' : null;
    return figuresPage(req, reply, f, storedForm(f), [], [], done);
  });

  app.post(`${adminBase}/:code/:year/figures`, async (req, reply) => {
    const f = await figuresForm(req);
    const { t } = req.ctx;
    const body = bodyOf(req);
    const csv = (str(body.csv) ?? '').slice(0, 200_000);
    const done = () => reply.redirect(reportSubPath(f.code, f.year, 'figures', f.scope) + `${f.scope ? '&' : '?'}done=figures`, 303);
    const save = (entries: { key: string; value: number | null; source: string }[]) => (entries.length ? reports.saveFigures(f.principal, actorOf(req), f.code, f.year, entries) : Promise.resolve(0));
    const number = (s: string) => Number(s.replace(/[\s,，]/g, ''));

    if (csv.trim()) {
      // key,value,source per line (a tab-separated paste from a spreadsheet works too); all lines or none.
      const entries: { key: string; value: number | null; source: string }[] = [];
      const lineOf = new Map<string, number>();
      const problems: string[] = [];
      csv.split(/\r?\n/).forEach((raw, i) => {
        const line = raw.trim();
        if (!line || (i === 0 && /^key\s*[,\t]/i.test(line))) return;
        const cells = line.includes('\t') ? line.split('\t') : line.split(',');
        if (cells.length < 2) return problems.push(t('reports.figures.csvColumns', { line: i + 1 }));
        const key = cells[0]!.trim();
        if (lineOf.has(key)) return problems.push(t('reports.figures.csvDuplicate', { line: i + 1, key }));
        lineOf.set(key, i + 1);
        const v = cells[1]!.trim();
        entries.push({ key, value: v === '' ? null : number(v), source: cells.slice(2).join(',').trim() });
      });
      if (!problems.length && !entries.length) problems.push(t('reports.check.empty'));
      const form = { ...storedForm(f), csv };
      if (problems.length) return figuresPage(req, reply, f, form, [], problems, null);
      try {
        await save(entries);
      } catch (e) {
        if (!isCode(e, 'validation')) throw e;
        const lines = e.issues.map((x) => {
          const key = x.field.replace(/\.source$/, '');
          const message = hasMessage(req.ctx, x.message) ? t(x.message, x.params) : t('validation.invalid');
          return t('reports.figures.csvLine', { line: lineOf.get(key) ?? '?', key, message });
        });
        return figuresPage(req, reply, f, form, [], lines, null);
      }
      return done();
    }

    // The form: one row per figure of the format; a row left empty clears a stored figure.
    const keys = f.report.json.format === 'legacy' ? [] : figureKeysOf(f.report.json.format);
    const form: FigureValues = { values: {}, sources: {}, csv: '' };
    const entries: { key: string; value: number | null; source: string }[] = [];
    const stored = new Map(f.stored.map((s) => [s.key, s]));
    for (const key of keys) {
      const v = (str(body[`value.${key}`]) ?? '').trim().slice(0, 50);
      const s = (str(body[`source.${key}`]) ?? '').trim().slice(0, 500);
      form.values[key] = v;
      form.sources[key] = s;
      const old = stored.get(key);
      if (v === '') {
        if (old) entries.push({ key, value: null, source: '' });
        continue;
      }
      const value = number(v);
      if (old && old.value === value && old.source === s) continue;
      entries.push({ key, value, source: s });
    }
    try {
      await save(entries);
    } catch (e) {
      if (!isCode(e, 'validation')) throw e;
      return figuresPage(req, reply, f, form, e.issues, [], null);
    }
    return done();
  });

  // ---- workflow --------------------------------------------------------------------------------

  /** Runs an action; a conflict (checks failing, wrong state) shows the report again with the reason. */
  async function act(req: FastifyRequest, reply: FastifyReply, done: string, fn: (p: Principal, key: { agency: string; year: number; scope?: ReportScope }) => Promise<unknown>) {
    const principal = requirePrincipal(req);
    const { code, year, scope } = keyOf(req);
    try {
      await fn(principal, { agency: code, year, scope });
    } catch (e) {
      if (isCode(e, 'conflict')) return draftPage(req, reply, { problem: conflictText(req, e), status: 409 });
      throw e;
    }
    return reply.redirect(back(code, year, scope, done), 303);
  }

  app.post(`${adminBase}/:code/:year/format`, async (req, reply) => {
    const format = str(bodyOf(req).format);
    if (!isReportFormat(format)) throw errors.validation([{ field: 'format', message: 'reports.validation.format' }]);
    return act(req, reply, 'format', (p, key) => reports.setFormat(p, actorOf(req), key, format));
  });

  app.post(`${adminBase}/:code/:year/submit`, async (req, reply) => act(req, reply, 'submitted', (p, key) => reports.submit(p, actorOf(req), key)));

  app.post(`${adminBase}/:code/:year/approve`, async (req, reply) => act(req, reply, 'published', (p, key) => reports.approve(p, actorOf(req), key)));

  app.post(`${adminBase}/:code/:year/return`, async (req, reply) => {
    const reason = (str(bodyOf(req).reason) ?? '').slice(0, 1000);
    try {
      return await act(req, reply, 'returned', (p, key) => reports.returnDraft(p, actorOf(req), key, reason));
    } catch (e) {
      if (!isCode(e, 'validation')) throw e;
      return draftPage(req, reply, { status: 400, returnForm: { reason, error: issueErrors(req.ctx, e.issues).reason ?? req.ctx.t('validation.required') } });
    }
  });
}
