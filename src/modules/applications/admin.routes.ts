import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { actorOf } from '../../http/context.ts';
import { requirePrincipal } from '../../http/guards.ts';
import { sendPage } from '../../http/render.ts';
import { acceptsUploads } from '../../http/uploads.ts';
import { privateFileHeaders } from '../../kernel/downloads.ts';
import { caseFilesOf } from './case-uploads.ts';
import { issueErrors, str } from '../../http/views/AdminKit.tsx';
import { errors, isAppError, type AppError, type FieldIssue } from '../../kernel/errors.ts';
import type { Services } from '../../services.ts';
import type { Applicant } from './types.ts';
import { canApprove, canHandle, caseScope, type CaseView } from './applications.service.ts';
import { caseStatuses } from './case-state.ts';
import type { LetterContent } from './letters.ts';
import { actionOrder, CasePage, type ActionForm, type ActionName } from './views/admin/CasePage.tsx';
import { LetterPage } from './views/admin/LetterPage.tsx';
import { QueuePage, type QueueFilters } from './views/admin/QueuePage.tsx';
import { emptyRegisterValues, RegisteredPage, RegisterPage, registerFields, type RegisterValues } from './views/admin/RegisterPage.tsx';
import { basePath, casePath } from './views/admin/kit.tsx';

const pageSize = 50;
const idOf = (req: FastifyRequest) => (req.params as { id: string }).id;
const bodyOf = (req: FastifyRequest) => (req.body ?? {}) as Record<string, unknown>;
const isValidation = (e: unknown): e is AppError => isAppError(e) && e.code === 'validation';



/** Back office: the agency workbench for disclosure applications — queue, registration, the case page and its actions. */
export async function applicationsAdminRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const apps = services.applications;

  /** The case page; `extra` carries a refused action form (with its status) or the applicant in full. */
  async function casePage(req: FastifyRequest, reply: FastifyReply, view: CaseView, extra: { forms?: Partial<Record<ActionName, ActionForm>>; revealed?: Applicant; status?: number } = {}) {
    const q = req.query as Record<string, unknown>;
    const doneRaw = str(q.done);
    const done = doneRaw && (actionOrder as string[]).includes(doneRaw) ? doneRaw : undefined;
    const letterIds = ([] as unknown[]).concat(q.letter ?? []).filter((x): x is string => typeof x === 'string');
    const issued = done ? view.letters.filter((l) => letterIds.includes(l.id)).map((l) => ({ id: l.id, kind: l.kind, number: l.number })) : [];
    const staff = view.may.handle ? await apps.assignableStaff(view.row.agency_id) : [];
    return sendPage(
      reply,
      h(CasePage, { ctx: req.ctx, view, revealed: extra.revealed ?? null, today: apps.today(), staff, forms: extra.forms, done: extra.status ? undefined : done, issued: extra.status ? [] : issued }),
      extra.status ?? 200,
    );
  }

  async function handledAgencies(req: FastifyRequest) {
    const principal = requirePrincipal(req);
    const tree = await services.agencies.tree();
    return { principal, tree, agencies: tree.flatten().map(({ agency }) => agency).filter((a) => !a.disabled && canHandle(principal, a.id)) };
  }

  // ---- the queue ------------------------------------------------------------------------------

  app.get(basePath, async (req, reply) => {
    const principal = requirePrincipal(req);
    const tree = await services.agencies.tree();
    const scope = caseScope(principal, tree);
    if (scope !== 'all' && scope.size === 0) throw errors.forbidden('Only the staff who handle or supervise applications see the queue');
    const q = req.query as Record<string, unknown>;
    const supervisor = scope === 'all' || scope.size > 1;
    const agencies = tree.flatten().filter(({ agency }) => scope === 'all' || scope.has(agency.id));
    const state = str(q.state);
    const status = str(q.status) ?? '';
    const urgency = str(q.urgency);
    const year = str(q.year) ?? '';
    const agencyCode = str(q.agency) ?? '';
    const agency = supervisor ? agencies.find(({ agency: a }) => a.code === agencyCode)?.agency : undefined;
    const filters: QueueFilters = {
      state: state === 'closed' || state === 'all' ? state : 'open',
      status: (caseStatuses as readonly string[]).includes(status) ? status : '',
      urgency: urgency === 'overdue' || urgency === 'dueSoon' ? urgency : '',
      mine: str(q.handler) === 'mine',
      year: /^\d{4}$/.test(year) ? year : '',
      agency: agency?.code ?? '',
      only: !!agency && str(q.only) === '1',
      late: /^\d{4}$/.test(str(q.late) ?? '') ? str(q.late)! : '',
      q: (str(q.q) ?? '').trim().slice(0, 100),
      page: Math.max(1, Math.min(100_000, Number.parseInt(str(q.page) ?? '1', 10) || 1)),
    };
    const query = {
      state: filters.state,
      status: filters.status || undefined,
      urgency: filters.urgency || undefined,
      handlerId: filters.mine ? principal.userId : undefined,
      year: filters.year ? Number(filters.year) : undefined,
      lateYear: filters.late ? Number(filters.late) : undefined,
      q: filters.q || undefined,
      agencyId: agency?.id,
      agencyOnly: filters.only,
    };
    let r = await apps.queue(principal, { ...query, limit: pageSize, offset: (filters.page - 1) * pageSize });
    const pages = Math.max(1, Math.ceil(r.total / pageSize));
    if (filters.page > pages) {
      filters.page = pages;
      r = await apps.queue(principal, { ...query, limit: pageSize, offset: (pages - 1) * pageSize });
    }
    const canRegister = tree.flatten().some(({ agency: a }) => !a.disabled && canHandle(principal, a.id));
    return sendPage(
      reply,
      h(QueuePage, { ctx: req.ctx, tree, filters, rows: r.rows, total: r.total, pages, today: r.today, supervisor, agencies, counts: r.counts, canRegister }),
    );
  });

  // ---- registering an application that came on paper ------------------------------------------

  app.get(`${basePath}/new`, async (req, reply) => {
    const { agencies } = await handledAgencies(req);
    if (!agencies.length) throw errors.forbidden('Only an agency’s handlers register applications');
    const wanted = str((req.query as Record<string, unknown>).agency);
    const agency = agencies.find((a) => a.code === wanted) ?? agencies[0];
    return sendPage(reply, h(RegisterPage, { ctx: req.ctx, agencies, values: emptyRegisterValues(agency.code, apps.today()), errors: {} }));
  });

  app.post(`${basePath}/new`, async (req, reply) => {
    const { principal, agencies } = await handledAgencies(req);
    if (!agencies.length) throw errors.forbidden('Only an agency’s handlers register applications');
    const body = bodyOf(req);
    const values = Object.fromEntries(registerFields.map((f) => [f, (str(body[f]) ?? '').slice(0, 6000)])) as RegisterValues;
    const applicant = Object.fromEntries(registerFields.filter((f) => f.startsWith('applicant.')).map((f) => [f.slice('applicant.'.length), values[f]]));
    const input = { applicant, description: values.description, form: values.form, delivery: values.delivery };
    const registration = { channel: values.channel, on: values.on, ref: values.ref };
    const agency = agencies.find((a) => a.code === values.agency);
    const show = (issues: FieldIssue[]) => sendPage(reply, h(RegisterPage, { ctx: req.ctx, agencies, values, errors: issueErrors(req.ctx, issues) }), 400);
    if (!agency && values.agency) throw errors.forbidden('Only the agency’s handlers register its applications');
    if (!agency) return show([{ field: 'agency', message: 'validation.required' }]);
    if (registration.channel === 'online') return show([{ field: 'channel', message: 'validation.invalid' }]);
    try {
      const r = await apps.register(principal, actorOf(req), agency.code, input, registration);
      return sendPage(reply, h(RegisteredPage, { ctx: req.ctx, id: r.id, trackingCode: r.trackingCode, password: r.password, agency: agency.name }), 201);
    } catch (e) {
      if (!isValidation(e)) throw e;
      return show(e.issues);
    }
  });

  // ---- the case -------------------------------------------------------------------------------

  app.get(`${basePath}/:id`, async (req, reply) => casePage(req, reply, await apps.view(requirePrincipal(req), idOf(req))));

  // The applicant in full: on this response only; the service logs every reveal.
  app.post(`${basePath}/:id/reveal`, async (req, reply) => {
    const principal = requirePrincipal(req);
    const view = await apps.view(principal, idOf(req));
    const revealed = await apps.revealApplicant(principal, actorOf(req), view.row.id);
    return casePage(req, reply, view, { revealed });
  });

  app.get(`${basePath}/:id/files/:fileId`, async (req, reply) => {
    const { file, bytes } = await apps.staffFile(requirePrincipal(req), actorOf(req), idOf(req), (req.params as { fileId: string }).fileId);
    return reply.headers(privateFileHeaders(file.name, file.mime)).send(bytes);
  });

  app.get(`${basePath}/:id/letters/:letterId`, async (req, reply) => {
    const principal = requirePrincipal(req);
    const { row } = await apps.requireVisible(principal, idOf(req));
    const letterId = (req.params as { letterId: string }).letterId;
    const l = await apps.letter(row.id, letterId);
    if (!l) throw errors.notFound('letter', letterId);
    const content = JSON.parse(l.content) as LetterContent;
    return sendPage(reply, h(LetterPage, { ctx: req.ctx, caseId: row.id, trackingCode: row.tracking_code, letter: content, letterId }));
  });

  // One route per action: POST /admin/applications/:id/actions/:action (the answer form carries the released files).
  app.post(`${basePath}/:id/actions/:action`, acceptsUploads, async (req, reply) => {
    const principal = requirePrincipal(req);
    const id = idOf(req);
    const action = (req.params as { action: string }).action as ActionName;
    // Visibility first: a case outside the principal's scope is "not found", whatever the action.
    const { row } = await apps.requireVisible(principal, id);
    if (!actionOrder.includes(action)) throw errors.notFound('page', action);
    // Rights before the form's contents (the service checks the same): inspectors and the authority see but never act.
    const approving = action === 'approveExtension' || action === 'refuseExtension';
    if (approving ? !canApprove(principal, row.agency_id) : !canHandle(principal, row.agency_id)) throw errors.forbidden('Not allowed to act on this case');
    const body = bodyOf(req);
    const values: Record<string, string> = {};
    for (const [k, v] of Object.entries(body)) {
      const s = str(v);
      if (k === '_csrf' || k === 'action' || s === undefined) continue;
      values[k] = s.slice(0, 6000);
    }
    const input: Record<string, unknown> = { ...values, action };
    // An optional choice left at "none" is absent (the schema's enums do not take '').
    if (input.result === '') delete input.result;
    const refuse = async (issues: FieldIssue[]) => casePage(req, reply, await apps.view(principal, id), { forms: { [action]: { errors: issueErrors(req.ctx, issues), values } }, status: 400 });
    try {
      // Files go with an answer (released to the applicant) and with a proceeding (its documents); other forms carry none.
      const files = action === 'answer' || action === 'fileProceeding' || action === 'decideProceeding' ? caseFilesOf(req, apps.limits) : [];
      const r = await apps.act(principal, actorOf(req), id, input, files);
      const letters = r.letters.map((l) => `&letter=${encodeURIComponent(l.id)}`).join('');
      return reply.redirect(`${casePath(id)}?done=${action}${letters}`, 303);
    } catch (e) {
      if (!isValidation(e)) throw e;
      return refuse(e.issues);
    }
  });
}
