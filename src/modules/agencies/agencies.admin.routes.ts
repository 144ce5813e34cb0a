import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { actorOf } from '../../http/context.ts';
import { errorMessage } from '../../http/errors.ts';
import { requirePrincipal } from '../../http/guards.ts';
import { sendPage } from '../../http/render.ts';
import { issueErrors, str } from '../../http/views/AdminKit.tsx';
import { errors, isAppError } from '../../kernel/errors.ts';
import type { Services } from '../../services.ts';
import { canEditAgencyDetails, isAdmin, visibleAgencyIds, type Agency, type AgencyTree, type Principal } from './agency-tree.ts';
import type { AgencyInput } from './agencies.schemas.ts';
import { agencyValues, allAgencyFields, detailFields, emptyAgencyValues, type AgencyField, type AgencyValues } from './views/agency-fields.ts';
import { AgencyDetailPage, AgencyNewPage, type AgencyAccess } from './views/AgencyForm.tsx';
import { AgencyListPage, type AgencyRow } from './views/AgencyList.tsx';

function requireAdmin(req: FastifyRequest): Principal {
  const p = requirePrincipal(req);
  if (!isAdmin(p)) throw errors.forbidden('Only system administrators manage the agency tree');
  return p;
}

/** Copies the submitted fields the viewer may change over `base`; a field that was not sent keeps its value. */
function withBody(base: AgencyValues, body: unknown, fields: readonly AgencyField[]): AgencyValues {
  const b = (body ?? {}) as Record<string, unknown>;
  const out = { ...base };
  for (const f of fields) {
    const v = str(b[f]);
    if (v !== undefined) out[f] = v;
  }
  return out;
}

const toInput = (v: AgencyValues): AgencyInput => ({ ...v, kind: v.kind as AgencyInput['kind'] });

/** The visible agencies as a forest, with depth counted among visible ancestors only. */
function visibleRows(tree: AgencyTree, visible: Set<string> | 'all'): AgencyRow[] {
  const rows: AgencyRow[] = [];
  const depthOf = new Map<string, number>();
  for (const { agency } of tree.flatten()) {
    if (visible !== 'all' && !visible.has(agency.id)) continue;
    const parent = tree.path(agency.id).slice(0, -1).reverse().find((a) => depthOf.has(a.id));
    const depth = parent ? depthOf.get(parent.id)! + 1 : 0;
    depthOf.set(agency.id, depth);
    rows.push({ agency, depth });
  }
  return rows;
}

function accessOf(p: Principal, tree: AgencyTree, a: Agency): AgencyAccess {
  if (isAdmin(p)) return 'full';
  return canEditAgencyDetails(p, tree, a.id) ? 'details' : 'readonly';
}

/** Back office: the agency tree (administrators), contact details (editors and authorities), read-only for inspectors. */
export async function agenciesAdminRoutes(app: FastifyInstance, { services }: { services: Services }) {
  async function loadVisible(req: FastifyRequest, code: string) {
    const principal = requirePrincipal(req);
    const tree = await services.agencies.tree();
    const agency = tree.byCode.get(code);
    if (!agency) throw errors.notFound('agency', code);
    const visible = visibleAgencyIds(principal, tree);
    if (visible !== 'all' && !visible.has(agency.id)) throw errors.forbidden();
    return { principal, tree, agency, visible };
  }

  function detail(req: FastifyRequest, reply: FastifyReply, x: Awaited<ReturnType<typeof loadVisible>>, extra: { values?: AgencyValues; errors?: Record<string, string>; problem?: string; status?: number } = {}) {
    const { principal, tree, agency, visible } = x;
    const access = accessOf(principal, tree, agency);
    const visibleChildren = tree.children(agency.id).filter((c) => visible === 'all' || visible.has(c.id));
    return sendPage(
      reply,
      h(AgencyDetailPage, {
        ctx: req.ctx,
        tree,
        agency,
        access,
        isAdmin: isAdmin(principal),
        values: extra.values ?? agencyValues(agency, tree),
        errors: extra.errors ?? {},
        visibleChildren,
        done: str((req.query as Record<string, unknown>).done),
        problem: extra.problem,
      }),
      extra.status ?? 200,
    );
  }

  app.get('/admin/agencies', async (req, reply) => {
    const principal = requirePrincipal(req);
    const tree = await services.agencies.tree();
    const visible = visibleAgencyIds(principal, tree);
    const query = req.query as Record<string, unknown>;
    const q = (str(query.q) ?? '').trim().slice(0, 100);
    const all = visibleRows(tree, visible);
    const needle = q.toLowerCase();
    const rows = q
      ? all.filter(({ agency: a }) => [a.name, a.code, a.shortName ?? '', a.nameEn ?? '', a.creditCode ?? ''].some((s) => s.toLowerCase().includes(needle)))
      : all;
    const readOnly = !isAdmin(principal) && !all.some(({ agency }) => canEditAgencyDetails(principal, tree, agency.id));
    return sendPage(reply, h(AgencyListPage, { ctx: req.ctx, rows, total: all.length, q, canCreate: isAdmin(principal), readOnly, done: str(query.done) }));
  });

  app.get('/admin/agencies/new', async (req, reply) => {
    requireAdmin(req);
    const tree = await services.agencies.tree();
    const values = emptyAgencyValues();
    const parent = str((req.query as Record<string, unknown>).parent);
    if (parent && tree.byCode.has(parent)) {
      values.parent = parent;
      // Below a government come departments; below a department, usually more departments.
      values.kind = 'department';
    }
    return sendPage(reply, h(AgencyNewPage, { ctx: req.ctx, tree, values, errors: {} }));
  });

  app.post('/admin/agencies/new', async (req, reply) => {
    const principal = requireAdmin(req);
    const values = withBody(emptyAgencyValues(), req.body, allAgencyFields);
    try {
      const a = await services.agencies.create(principal, actorOf(req), toInput(values));
      return reply.redirect(`/admin/agencies/${encodeURIComponent(a.code)}?done=created`, 303);
    } catch (e) {
      if (!isAppError(e) || e.code !== 'validation') throw e;
      const tree = await services.agencies.tree();
      return sendPage(reply, h(AgencyNewPage, { ctx: req.ctx, tree, values, errors: issueErrors(req.ctx, e.issues) }), 400);
    }
  });

  app.get('/admin/agencies/:code', async (req, reply) => {
    const x = await loadVisible(req, (req.params as { code: string }).code);
    return detail(req, reply, x);
  });

  app.post('/admin/agencies/:code', async (req, reply) => {
    const x = await loadVisible(req, (req.params as { code: string }).code);
    const { principal, tree, agency } = x;
    const access = accessOf(principal, tree, agency);
    if (access === 'readonly') throw errors.forbidden();
    // Only the fields this viewer may change are taken from the form; the rest keep their stored values.
    const values = withBody(agencyValues(agency, tree), req.body, access === 'full' ? allAgencyFields : detailFields);
    try {
      const next = await services.agencies.update(principal, actorOf(req), agency.code, toInput(values));
      return reply.redirect(`/admin/agencies/${encodeURIComponent(next.code)}?done=saved`, 303);
    } catch (e) {
      if (!isAppError(e) || (e.code !== 'validation' && e.code !== 'conflict')) throw e;
      if (e.code === 'conflict') return detail(req, reply, x, { values, problem: errorMessage(req, e), status: 409 });
      return detail(req, reply, x, { values, errors: issueErrors(req.ctx, e.issues), status: 400 });
    }
  });

  for (const [verb, disabled] of [['disable', true], ['enable', false]] as const) {
    app.post(`/admin/agencies/:code/${verb}`, async (req, reply) => {
      const principal = requireAdmin(req);
      const a = await services.agencies.setDisabled(principal, actorOf(req), (req.params as { code: string }).code, disabled);
      return reply.redirect(`/admin/agencies/${encodeURIComponent(a.code)}?done=${disabled ? 'disabled' : 'enabled'}`, 303);
    });
  }
}
