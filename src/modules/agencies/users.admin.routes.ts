import type { FastifyInstance, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { actorOf } from '../../http/context.ts';
import { errorMessage } from '../../http/errors.ts';
import { requirePrincipal } from '../../http/guards.ts';
import { sendPage } from '../../http/render.ts';
import { issueErrors, str } from '../../http/views/AdminKit.tsx';
import type { FormErrors } from '../../http/views/forms.tsx';
import { errors, isAppError, type FieldIssue } from '../../kernel/errors.ts';
import { toFieldIssues } from '../../kernel/validation.ts';
import type { Services } from '../../services.ts';
import { isAdmin, type Principal, type Role } from './agency-tree.ts';
import { userInputSchema } from './agencies.schemas.ts';
import type { UserSummary } from './users.service.ts';
import { AccountPage, UserEditPage, UserListPage, UserNewPage, type GrantRow } from './views/UserPages.tsx';

const MAX_ROWS = 30;
const NEW_USER_ROWS = 5;
const EXTRA_ROWS = 3;

function requireAdmin(req: FastifyRequest): Principal {
  const p = requirePrincipal(req);
  if (!isAdmin(p)) throw errors.forbidden('Only system administrators manage users');
  return p;
}

const bodyOf = (req: FastifyRequest) => (req.body ?? {}) as Record<string, unknown>;
const field = (b: Record<string, unknown>, k: string) => str(b[k]) ?? '';

/** The grant rows of the form (`grants.N.role`, `grants.N.agency`), in order, empty rows included. */
function parseRows(b: Record<string, unknown>): GrantRow[] {
  const rows: (GrantRow | undefined)[] = [];
  for (const [k, v] of Object.entries(b)) {
    const m = /^grants\.(\d{1,2})\.(role|agency)$/.exec(k);
    if (!m || Number(m[1]) >= MAX_ROWS) continue;
    const i = Number(m[1]);
    const row = (rows[i] ??= { role: '', agency: '' });
    row[m[2] as 'role' | 'agency'] = (str(v) ?? '').trim();
  }
  const declared = Math.min(Number(field(b, 'rows')) || 0, MAX_ROWS);
  const out = Array.from({ length: Math.max(rows.length, declared) }, (_, i) => rows[i] ?? { role: '', agency: '' });
  return out;
}

/** The filled rows as service input, with the form row each came from (service issues name grants.<index>). */
function grantsOf(rows: GrantRow[]): { grants: { role: Role; agency: string | null }[]; rowOf: number[]; issues: FieldIssue[] } {
  const grants: { role: Role; agency: string | null }[] = [];
  const rowOf: number[] = [];
  const issues: FieldIssue[] = [];
  rows.forEach((r, i) => {
    if (!r.role && !r.agency) return;
    if (!r.role) {
      issues.push({ field: `grants.${i}.role`, message: 'admin.users.grantNeedsRole' });
      return;
    }
    grants.push({ role: r.role as Role, agency: r.agency || null });
    rowOf.push(i);
  });
  return { grants, rowOf, issues };
}

/** Service issues name `grants.<index among filled rows>.x`; the page names `grants.<form row>.x`. */
function toRowIssues(issues: FieldIssue[], rowOf: number[]): FieldIssue[] {
  return issues.map((i) => {
    const m = /^grants\.(\d+)(\..*)?$/.exec(i.field);
    if (!m) return i;
    return { ...i, field: `grants.${rowOf[Number(m[1])] ?? m[1]}${m[2] ?? '.role'}` };
  });
}

function padRows(rows: GrantRow[], min: number, extra: number): GrantRow[] {
  const filled = rows.filter((r) => r.role || r.agency).length;
  const out = [...rows];
  while (out.length < Math.max(min, filled + extra)) out.push({ role: '', agency: '' });
  return out.slice(0, MAX_ROWS);
}

function rowsOf(u: UserSummary): GrantRow[] {
  return u.grants.map((g) => ({ role: g.role, agency: g.agencyCode ?? '' }));
}

/** Back office: user accounts (administrators) and every user's own account page. */
export async function usersAdminRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.get('/admin/users', async (req, reply) => {
    const principal = requireAdmin(req);
    const all = await services.users.list(principal);
    const query = req.query as Record<string, unknown>;
    const q = (str(query.q) ?? '').trim().slice(0, 100);
    const needle = q.toLowerCase();
    const users = q
      ? all.filter((u) => [u.username, u.displayName, ...u.grants.map((g) => `${g.agencyName ?? ''} ${g.agencyCode ?? ''}`)].some((s) => s.toLowerCase().includes(needle)))
      : all;
    return sendPage(reply, h(UserListPage, { ctx: req.ctx, users, total: all.length, q, now: services.clock.now(), done: str(query.done) }));
  });

  app.get('/admin/users/new', async (req, reply) => {
    requireAdmin(req);
    const tree = await services.agencies.tree();
    return sendPage(reply, h(UserNewPage, { ctx: req.ctx, tree, values: { username: '', displayName: '' }, rows: padRows([], NEW_USER_ROWS, 0), errors: {} }));
  });

  app.post('/admin/users/new', async (req, reply) => {
    const principal = requireAdmin(req);
    const b = bodyOf(req);
    const values = { username: field(b, 'username').trim(), displayName: field(b, 'displayName') };
    const password = field(b, 'password');
    let rows = parseRows(b);
    const tree = await services.agencies.tree();
    const render = (errs: FormErrors, status: number, problem?: string) =>
      sendPage(reply, h(UserNewPage, { ctx: req.ctx, tree, values, rows: padRows(rows, NEW_USER_ROWS, 1), errors: errs, problem }), status);
    if (field(b, 'op') === 'addRow') {
      rows = [...rows, { role: '', agency: '' }].slice(0, MAX_ROWS);
      return render({}, 200);
    }
    const { grants, rowOf, issues } = grantsOf(rows);
    const input = { ...values, password, grants };
    // Check the whole form first so that every problem is shown at once.
    const pre = userInputSchema.safeParse(input);
    const all = [...issues, ...(pre.success ? [] : toRowIssues(toFieldIssues(pre.error), rowOf))];
    if (all.length) return render(issueErrors(req.ctx, all), 400);
    try {
      const u = await services.users.create(principal, actorOf(req), input);
      return reply.redirect(`/admin/users/${encodeURIComponent(u.username)}?done=created`, 303);
    } catch (e) {
      if (!isAppError(e) || e.code !== 'validation') throw e;
      return render(issueErrors(req.ctx, toRowIssues(e.issues, rowOf)), 400);
    }
  });

  async function loadUser(req: FastifyRequest) {
    const principal = requireAdmin(req);
    const user = await services.users.get(principal, (req.params as { username: string }).username);
    const tree = await services.agencies.tree();
    return { principal, user, tree };
  }

  app.get('/admin/users/:username', async (req, reply) => {
    const { principal, user, tree } = await loadUser(req);
    return sendPage(
      reply,
      h(UserEditPage, {
        ctx: req.ctx,
        tree,
        user,
        now: services.clock.now(),
        displayName: user.displayName,
        rows: padRows(rowsOf(user), 0, EXTRA_ROWS),
        errors: {},
        passwordErrors: {},
        done: str((req.query as Record<string, unknown>).done),
        isSelf: user.id === principal.userId,
      }),
    );
  });

  app.post('/admin/users/:username', async (req, reply) => {
    const { principal, user, tree } = await loadUser(req);
    const b = bodyOf(req);
    const displayName = field(b, 'displayName');
    let rows = parseRows(b);
    const render = (errs: FormErrors, status: number, problem?: string) =>
      sendPage(
        reply,
        h(UserEditPage, { ctx: req.ctx, tree, user, now: services.clock.now(), displayName, rows: padRows(rows, 0, 1), errors: errs, passwordErrors: {}, problem, isSelf: user.id === principal.userId }),
        status,
      );
    if (field(b, 'op') === 'addRow') {
      rows = [...rows, { role: '', agency: '' }].slice(0, MAX_ROWS);
      return render({}, 200);
    }
    const { grants, rowOf, issues } = grantsOf(rows);
    const pre = userInputSchema.pick({ displayName: true, grants: true }).safeParse({ displayName, grants });
    const all = [...issues, ...(pre.success ? [] : toRowIssues(toFieldIssues(pre.error), rowOf))];
    if (all.length) return render(issueErrors(req.ctx, all), 400);
    try {
      await services.users.update(principal, actorOf(req), user.username, { displayName, grants });
      return reply.redirect(`/admin/users/${encodeURIComponent(user.username)}?done=saved`, 303);
    } catch (e) {
      if (isAppError(e) && e.code === 'validation') return render(issueErrors(req.ctx, toRowIssues(e.issues, rowOf)), 400);
      if (isAppError(e) && e.code === 'conflict') return render({}, 409, errorMessage(req, e));
      throw e;
    }
  });

  app.post('/admin/users/:username/password', async (req, reply) => {
    const { principal, user, tree } = await loadUser(req);
    const b = bodyOf(req);
    const password = field(b, 'password');
    const render = (passwordErrors: FormErrors) =>
      sendPage(
        reply,
        h(UserEditPage, { ctx: req.ctx, tree, user, now: services.clock.now(), displayName: user.displayName, rows: padRows(rowsOf(user), 0, EXTRA_ROWS), errors: {}, passwordErrors, isSelf: user.id === principal.userId }),
        400,
      );
    if (password !== field(b, 'confirm')) return render({ confirm: req.ctx.t('admin.users.passwordMismatch') });
    try {
      await services.users.setPassword(principal, actorOf(req), user.username, password);
      return reply.redirect(`/admin/users/${encodeURIComponent(user.username)}?done=passwordSet`, 303);
    } catch (e) {
      if (!isAppError(e) || e.code !== 'validation') throw e;
      return render(issueErrors(req.ctx, e.issues, { _: 'password' }));
    }
  });

  const stateActions = {
    disable: (p: Principal, req: FastifyRequest, u: string) => services.users.setDisabled(p, actorOf(req), u, true),
    enable: (p: Principal, req: FastifyRequest, u: string) => services.users.setDisabled(p, actorOf(req), u, false),
    unlock: (p: Principal, req: FastifyRequest, u: string) => services.users.unlock(p, actorOf(req), u),
  };
  for (const [verb, act] of Object.entries(stateActions)) {
    app.post(`/admin/users/:username/${verb}`, async (req, reply) => {
      const { principal, user, tree } = await loadUser(req);
      try {
        await act(principal, req, user.username);
      } catch (e) {
        if (!isAppError(e) || e.code !== 'conflict') throw e;
        return sendPage(
          reply,
          h(UserEditPage, { ctx: req.ctx, tree, user, now: services.clock.now(), displayName: user.displayName, rows: padRows(rowsOf(user), 0, EXTRA_ROWS), errors: {}, passwordErrors: {}, problem: errorMessage(req, e), isSelf: user.id === principal.userId }),
          409,
        );
      }
      const done = verb === 'disable' ? 'disabled' : verb === 'enable' ? 'enabled' : 'unlocked';
      return reply.redirect(`/admin/users/${encodeURIComponent(user.username)}?done=${done}`, 303);
    });
  }

  // ---- every signed-in user: their own account ----

  app.get('/admin/account', async (req, reply) => {
    const principal = requirePrincipal(req);
    const user = await services.users.get(principal, principal.username);
    return sendPage(reply, h(AccountPage, { ctx: req.ctx, user, errors: {}, done: str((req.query as Record<string, unknown>).done) }));
  });

  app.post('/admin/account', { config: { rateLimit: { max: 20, timeWindow: '1 minute' } } }, async (req, reply) => {
    const principal = requirePrincipal(req);
    const user = await services.users.get(principal, principal.username);
    const b = bodyOf(req);
    const current = field(b, 'currentPassword');
    const password = field(b, 'password');
    const render = (errs: FormErrors) => sendPage(reply, h(AccountPage, { ctx: req.ctx, user, errors: errs }), 400);
    if (password !== field(b, 'confirm')) return render({ confirm: req.ctx.t('admin.users.passwordMismatch') });
    try {
      await services.users.changeOwnPassword(principal, actorOf(req), current, password);
      return reply.redirect('/admin/account?done=passwordChanged', 303);
    } catch (e) {
      if (!isAppError(e) || e.code !== 'validation') throw e;
      return render(issueErrors(req.ctx, e.issues, { _: 'password' }));
    }
  });
}
