import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { actorOf } from '../../http/context.ts';
import { errorMessage } from '../../http/errors.ts';
import { requirePrincipal } from '../../http/guards.ts';
import { sendPage } from '../../http/render.ts';
import { acceptsUploads, droppedUploads, uploadsOf } from '../../http/uploads.ts';
import { issueErrors, str } from '../../http/views/AdminKit.tsx';
import { errors, isAppError, type AppError, type FieldIssue } from '../../kernel/errors.ts';
import { toFieldIssues } from '../../kernel/validation.ts';
import type { Services } from '../../services.ts';
import { canChangeAgency, isAdmin, visibleAgencyIds, type Agency, type AgencyTree, type Principal } from '../agencies/index.ts';
import type { Publication } from './publication.ts';
import { downloadHeaders } from './attachments.ts';
import { publicationInputSchema } from './publications.schemas.ts';
import { kinds, type Kind } from './taxonomy.ts';
import { canTransition, rolesFor, statuses, type Status, type WorkflowAction } from './workflow.ts';
import { emptyFormValues, formIssues, formValuesFromBody, formValuesOf, toInput, type PublicationFormValues } from './views/admin/form-values.ts';
import { itemPath, listPath } from './views/admin/kit.tsx';
import { ConfirmPage, PublicationDetailPage, type ActionForm, type Allowed } from './views/admin/PublicationDetail.tsx';
import { PublicationFormPage, type FormMode } from './views/admin/PublicationForm.tsx';
import { PublicationListPage, type ListFilters } from './views/admin/PublicationList.tsx';

const pageSize = 20;
const actions: WorkflowAction[] = ['edit', 'delete', 'submit', 'approve', 'return', 'revise', 'withdraw'];

/** Whether the principal may take the action on the item now (the service checks the same on every change). */
function may(principal: Principal, tree: AgencyTree, p: Publication, action: WorkflowAction): boolean {
  if (!canTransition(action, p.status)) return false;
  if (isAdmin(principal)) return true;
  return rolesFor(action).some((role) => canChangeAgency(principal, tree, p.agencyId, role));
}

/** Agencies the principal may start drafts for, in tree order. */
function writableAgencies(principal: Principal, tree: AgencyTree): Agency[] {
  return tree
    .flatten()
    .map(({ agency }) => agency)
    .filter((a) => !a.disabled && (isAdmin(principal) || rolesFor('edit').some((role) => canChangeAgency(principal, tree, a.id, role))));
}

function requireAllowed(principal: Principal, tree: AgencyTree, p: Publication, action: 'edit' | 'revise'): void {
  if (!canTransition(action, p.status)) throw errors.conflict(`Cannot ${action} a publication that is ${p.status}`, { detail: `catalog.cannot.${action}` });
  if (!may(principal, tree, p, action)) throw errors.forbidden(`Not allowed to ${action} this publication`);
}

const idOf = (req: FastifyRequest) => (req.params as { id: string }).id;
const bodyOf = (req: FastifyRequest) => (req.body ?? {}) as Record<string, unknown>;

/** Back office: the agencies' publications — list, draft form, workflow actions, history. */
export async function publicationsAdminRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const pubs = services.publications;

  async function load(req: FastifyRequest) {
    const principal = requirePrincipal(req);
    const p = await pubs.staffGet(principal, idOf(req));
    const tree = await services.agencies.tree();
    return { principal, p, tree };
  }

  /** The item's page; `extra` carries a failed action form or a problem, with its status code. */
  async function detail(req: FastifyRequest, reply: FastifyReply, x: Awaited<ReturnType<typeof load>>, extra: { forms?: Partial<Record<'approve' | 'return' | 'withdraw', ActionForm>>; problem?: string; status?: number } = {}) {
    const { principal, p, tree } = x;
    const [events, versions, interpretations] = await Promise.all([pubs.events(p.id), pubs.versions(p.id), pubs.interpretationsOf(p.id)]);
    const linked = await pubs.byIds([p.interpretsId, p.validity?.replacedById].filter((v): v is string => !!v));
    const q = req.query as Record<string, unknown>;
    const warn = q.warn;
    const warnings = (Array.isArray(warn) ? warn : warn ? [warn] : []).filter((w): w is string => typeof w === 'string');
    const allowed = Object.fromEntries(actions.map((a) => [a, may(principal, tree, p, a)])) as Allowed;
    return sendPage(
      reply,
      h(PublicationDetailPage, {
        ctx: req.ctx,
        tree,
        p,
        events,
        versions,
        interprets: linked.find((l) => l.id === p.interpretsId),
        replacedBy: linked.find((l) => l.id === p.validity?.replacedById),
        interpretations,
        allowed,
        done: extra.status ? undefined : str(q.done),
        warnings: extra.status ? [] : warnings,
        forms: extra.forms,
        problem: extra.problem,
      }),
      extra.status ?? 200,
    );
  }

  async function form(req: FastifyRequest, reply: FastifyReply, props: { tree: AgencyTree; mode: FormMode; values: PublicationFormValues; agencies?: Agency[]; publication?: Publication; issues?: FieldIssue[]; problem?: string; status?: number; notice?: string }) {
    const fileIssues = (props.issues ?? []).filter((i) => i.field === 'files');
    const errs = props.issues ? issueErrors(req.ctx, formIssues(props.issues.filter((i) => i.field !== 'files'), props.values)) : {};
    // Every refused file is named (issueErrors keeps one message per field).
    if (fileIssues.length) errs.files = fileIssues.map((i) => req.ctx.t(i.message, i.params)).join(' ');
    const p = props.publication;
    const attachments = p ? { list: await services.attachments.forEditing(p), limits: services.attachments.limits, notice: props.notice } : undefined;
    return sendPage(
      reply,
      h(PublicationFormPage, { ctx: req.ctx, tree: props.tree, mode: props.mode, values: props.values, errors: errs, agencies: props.agencies ?? [], publication: props.publication, problem: props.problem, attachments }),
      props.status ?? 200,
    );
  }

  /** Form values of a stored item, linked items shown by their index numbers. */
  async function storedValues(p: Publication, tree: AgencyTree): Promise<PublicationFormValues> {
    const linked = await pubs.byIds([p.interpretsId, p.validity?.replacedById].filter((v): v is string => !!v));
    return formValuesOf(p, tree, new Map(linked.map((l) => [l.id, l.indexNo ?? l.id])));
  }

  const isValidation = (e: unknown): e is AppError => isAppError(e) && e.code === 'validation';
  const isConflict = (e: unknown): e is AppError => isAppError(e) && e.code === 'conflict';

  // ---- the list -------------------------------------------------------------------------------

  app.get(listPath, async (req, reply) => {
    const principal = requirePrincipal(req);
    const tree = await services.agencies.tree();
    const q = req.query as Record<string, unknown>;
    const status = str(q.status) ?? '';
    const kind = str(q.kind) ?? '';
    const visible = visibleAgencyIds(principal, tree);
    const agencies = tree.flatten().filter(({ agency }) => visible === 'all' || visible.has(agency.id));
    const agencyCode = str(q.agency) ?? '';
    const agency = agencies.find(({ agency: a }) => a.code === agencyCode)?.agency;
    const filters: ListFilters = {
      status: (statuses as readonly string[]).includes(status) ? (status as Status) : '',
      agency: agency?.code ?? '',
      kind: (kinds as readonly string[]).includes(kind) ? kind : '',
      late: str(q.late) === '1',
      missing: str(q.missing) === '1',
      year: /^\d{4}$/.test(str(q.year) ?? '') ? str(q.year)! : '',
      page: Math.max(1, Math.min(100_000, Number.parseInt(str(q.page) ?? '1', 10) || 1)),
    };
    const base = {
      agencyIds: agency ? [agency.id] : undefined,
      kinds: filters.kind ? [filters.kind as Kind] : undefined,
      late: filters.late ? true : undefined,
      year: filters.year ? Number(filters.year) : undefined,
    };
    const tabs: (Status | '')[] = ['', ...statuses];
    const counted = await Promise.all(tabs.map((s) => pubs.staffList(principal, { ...base, statuses: s ? [s] : undefined, limit: 0, offset: 0 })));
    const counts = Object.fromEntries(tabs.map((s, i) => [s, counted[i].total])) as Record<Status | '', number>;
    let total = counts[filters.status];
    let missing: Publication[] | undefined;
    if (filters.missing) {
      // The authority's list (at most a few hundred): filtered and paged here.
      missing = (await pubs.missingInterpretations(principal)).filter(
        (p) => (!agency || p.agencyId === agency.id || p.coIssuerIds.includes(agency.id)) && (!filters.kind || p.kind === filters.kind) && (!filters.late || p.late) && (!filters.status || p.status === filters.status),
      );
      total = missing.length;
    }
    const pages = Math.max(1, Math.ceil(total / pageSize));
    const page = Math.min(filters.page, pages);
    const items = missing
      ? missing.slice((page - 1) * pageSize, page * pageSize)
      : (await pubs.staffList(principal, { ...base, statuses: filters.status ? [filters.status] : undefined, limit: pageSize, offset: (page - 1) * pageSize })).items;
    const writable = writableAgencies(principal, tree);
    const preferred = agency && writable.some((a) => a.id === agency.id) ? agency : writable.length === 1 ? writable[0] : undefined;
    const newHref = writable.length ? `${listPath}/new${preferred ? `?agency=${encodeURIComponent(preferred.code)}` : ''}` : null;
    return sendPage(reply, h(PublicationListPage, { ctx: req.ctx, tree, filters: { ...filters, page }, items, total, pages, counts, agencies, newHref, done: str(q.done) }));
  });

  // ---- a new draft ----------------------------------------------------------------------------

  app.get(`${listPath}/new`, async (req, reply) => {
    const principal = requirePrincipal(req);
    const tree = await services.agencies.tree();
    const agencies = writableAgencies(principal, tree);
    if (!agencies.length) throw errors.forbidden('Not allowed to publish for any agency');
    const wanted = str((req.query as Record<string, unknown>).agency);
    const agency = agencies.find((a) => a.code === wanted) ?? agencies[0];
    return form(req, reply, { tree, mode: 'new', values: emptyFormValues(agency.code), agencies });
  });

  app.post(`${listPath}/new`, async (req, reply) => {
    const principal = requirePrincipal(req);
    const tree = await services.agencies.tree();
    const agencies = writableAgencies(principal, tree);
    if (!agencies.length) throw errors.forbidden('Not allowed to publish for any agency');
    const body = bodyOf(req);
    const values = formValuesFromBody(body, emptyFormValues(agencies[0].code));
    const op = str(body.op);
    if (op === 'addCoIssuer') {
      values.coIssuers.push('');
      return form(req, reply, { tree, mode: 'new', values, agencies });
    }
    try {
      const p = await pubs.createDraft(principal, actorOf(req), values.agency, toInput(values));
      if (op === 'submit') await pubs.submit(principal, actorOf(req), p.id);
      return reply.redirect(`${itemPath(p.id)}?done=${op === 'submit' ? 'submitted' : 'created'}`, 303);
    } catch (e) {
      if (!isValidation(e)) throw e;
      return form(req, reply, { tree, mode: 'new', values, agencies, issues: e.issues, status: 400 });
    }
  });

  // ---- the item -------------------------------------------------------------------------------

  app.get(`${listPath}/:id`, async (req, reply) => detail(req, reply, await load(req)));

  for (const mode of ['edit', 'revise'] as const) {
    app.get(`${listPath}/:id/${mode}`, async (req, reply) => {
      const { principal, p, tree } = await load(req);
      requireAllowed(principal, tree, p, mode);
      return form(req, reply, { tree, mode, values: await storedValues(p, tree), publication: p });
    });

    app.post(`${listPath}/:id/${mode}`, acceptsUploads, async (req, reply) => {
      const x = await load(req);
      const { principal, p, tree } = x;
      requireAllowed(principal, tree, p, mode);
      const body = bodyOf(req);
      const values = formValuesFromBody(body, await storedValues(p, tree));
      const op = str(body.op);
      // Attachments first (a remove button, or files chosen with any button): the form comes back with what was typed.
      const removeId = str(body.removeAttachment);
      if (removeId) {
        try {
          const removed = await services.attachments.remove(principal, actorOf(req), p.id, removeId);
          return form(req, reply, { tree, mode, values, publication: p, notice: req.ctx.t('attachments.removed', { name: removed.name }) });
        } catch (e) {
          if (!isAppError(e) || (e.code !== 'notFound' && e.code !== 'conflict')) throw e;
          return form(req, reply, { tree, mode, values, publication: p, problem: errorMessage(req, e), status: e.code === 'notFound' ? 404 : 409 });
        }
      }
      const files = uploadsOf(req);
      if (droppedUploads(req) > 0) {
        const max = services.attachments.limits.maxFiles;
        return form(req, reply, { tree, mode, values, publication: p, issues: [{ field: 'files', message: 'attachments.error.tooMany', params: { max, have: (await services.attachments.forEditing(p)).length, chosen: files.length + droppedUploads(req) } }], status: 400 });
      }
      let uploaded = '';
      if (files.length) {
        try {
          const added = await services.attachments.add(principal, actorOf(req), p.id, files.map((f) => ({ filename: f.filename, bytes: f.bytes, truncated: f.truncated })));
          uploaded = req.ctx.t('attachments.uploaded', { names: added.map((a) => a.name).join(req.ctx.t('attachments.nameSep')) });
        } catch (e) {
          if (isConflict(e)) return form(req, reply, { tree, mode, values, publication: p, problem: errorMessage(req, e), status: 409 });
          if (!isValidation(e)) throw e;
          return form(req, reply, { tree, mode, values, publication: p, issues: e.issues, status: 400 });
        }
      }
      if (op === 'upload') {
        return form(req, reply, { tree, mode, values, publication: p, notice: uploaded || undefined, issues: files.length ? undefined : [{ field: 'files', message: 'attachments.error.noneChosen' }], status: files.length ? 200 : 400 });
      }
      if (op === 'addCoIssuer') {
        values.coIssuers.push('');
        return form(req, reply, { tree, mode, values, publication: p, notice: uploaded || undefined });
      }
      const input = toInput(values);
      try {
        if (mode === 'revise') {
          await pubs.revise(principal, actorOf(req), p.id, input, values.note);
          return reply.redirect(`${itemPath(p.id)}?done=revised`, 303);
        }
        await pubs.updateDraft(principal, actorOf(req), p.id, input);
        if (op === 'submit') await pubs.submit(principal, actorOf(req), p.id);
        return reply.redirect(`${itemPath(p.id)}?done=${op === 'submit' ? 'submitted' : 'saved'}`, 303);
      } catch (e) {
        if (isConflict(e)) return form(req, reply, { tree, mode, values, publication: p, notice: uploaded || undefined, problem: errorMessage(req, e), status: 409 });
        if (!isValidation(e)) throw e;
        let issues = e.issues;
        // The service checks the note before the fields: show every problem at once.
        if (issues.some((i) => i.field === 'note')) {
          const r = publicationInputSchema.safeParse(input);
          if (!r.success) issues = [...issues, ...toFieldIssues(r.error)];
        }
        return form(req, reply, { tree, mode, values, publication: p, notice: uploaded || undefined, issues, status: 400 });
      }
    });
  }

  // Staff open a file of any version of an item they can see (the public only those of the published version: catalog.routes.ts).
  app.get(`${listPath}/:id/attachments/:attachmentId`, async (req, reply) => {
    const { p } = await load(req);
    const a = await services.attachments.staffFile(p, (req.params as { attachmentId: string }).attachmentId);
    await services.attachments.assertStored(a);
    return reply
      .headers(downloadHeaders(a))
      .header('content-length', String(a.size))
      .header('cache-control', 'private, no-store')
      .send(services.attachments.open(a));
  });

  app.post(`${listPath}/:id/submit`, async (req, reply) => {
    const x = await load(req);
    try {
      await pubs.submit(x.principal, actorOf(req), x.p.id);
    } catch (e) {
      if (!isConflict(e)) throw e;
      return detail(req, reply, x, { problem: errorMessage(req, e), status: 409 });
    }
    return reply.redirect(`${itemPath(x.p.id)}?done=submitted`, 303);
  });

  app.post(`${listPath}/:id/approve`, async (req, reply) => {
    const x = await load(req);
    const body = bodyOf(req);
    const values = { confidentialityReviewed: str(body.confidentialityReviewed) === '1' ? '1' : '', note: str(body.note) ?? '' };
    try {
      const { warnings } = await pubs.approve(x.principal, actorOf(req), x.p.id, { confidentialityReviewed: values.confidentialityReviewed === '1', note: values.note });
      const warn = warnings.map((w) => `&warn=${encodeURIComponent(w)}`).join('');
      return reply.redirect(`${itemPath(x.p.id)}?done=published${warn}`, 303);
    } catch (e) {
      if (isConflict(e)) return detail(req, reply, x, { problem: errorMessage(req, e), status: 409 });
      if (!isValidation(e)) throw e;
      return detail(req, reply, x, { forms: { approve: { errors: issueErrors(req.ctx, e.issues), values } }, status: 400 });
    }
  });

  app.post(`${listPath}/:id/return`, async (req, reply) => {
    const x = await load(req);
    const values = { reason: str(bodyOf(req).reason) ?? '' };
    try {
      await pubs.returnDraft(x.principal, actorOf(req), x.p.id, values.reason);
      return reply.redirect(`${itemPath(x.p.id)}?done=returned`, 303);
    } catch (e) {
      if (isConflict(e)) return detail(req, reply, x, { problem: errorMessage(req, e), status: 409 });
      if (!isValidation(e)) throw e;
      return detail(req, reply, x, { forms: { return: { errors: issueErrors(req.ctx, e.issues), values } }, status: 400 });
    }
  });

  app.post(`${listPath}/:id/withdraw`, async (req, reply) => {
    const x = await load(req);
    const { principal, p, tree } = x;
    const body = bodyOf(req);
    const reason = (str(body.reason) ?? '').trim();
    if (!may(principal, tree, p, 'withdraw')) {
      if (!canTransition('withdraw', p.status)) return detail(req, reply, x, { problem: req.ctx.t('error.conflict', { detail: req.ctx.t('catalog.cannot.withdraw') }), status: 409 });
      throw errors.forbidden('Not allowed to withdraw this publication');
    }
    if (!reason) return detail(req, reply, x, { forms: { withdraw: { errors: { reason: req.ctx.t('validation.required') }, values: { reason: '' } } }, status: 400 });
    if (str(body.confirm) !== '1') return sendPage(reply, h(ConfirmPage, { ctx: req.ctx, p, action: 'withdraw', reason }));
    try {
      await pubs.withdraw(principal, actorOf(req), p.id, reason);
    } catch (e) {
      if (!isConflict(e)) throw e;
      return detail(req, reply, x, { problem: errorMessage(req, e), status: 409 });
    }
    return reply.redirect(`${itemPath(p.id)}?done=withdrawn`, 303);
  });

  app.post(`${listPath}/:id/delete`, async (req, reply) => {
    const x = await load(req);
    const { principal, p, tree } = x;
    if (!may(principal, tree, p, 'delete')) {
      if (!canTransition('delete', p.status)) return detail(req, reply, x, { problem: req.ctx.t('error.conflict', { detail: req.ctx.t('catalog.cannot.delete') }), status: 409 });
      throw errors.forbidden('Not allowed to delete this publication');
    }
    if (str(bodyOf(req).confirm) !== '1') return sendPage(reply, h(ConfirmPage, { ctx: req.ctx, p, action: 'delete' }));
    await pubs.deleteDraft(principal, actorOf(req), p.id);
    return reply.redirect(`${listPath}?done=deleted`, 303);
  });
}
