import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { actorOf } from '../../http/context.ts';
import { requirePrincipal } from '../../http/guards.ts';
import { sendPage } from '../../http/render.ts';
import { issueErrors, str } from '../../http/views/AdminKit.tsx';
import type { FormErrors } from '../../http/views/forms.tsx';
import { isAppError } from '../../kernel/errors.ts';
import type { Services } from '../../services.ts';
import { API_TOKEN_DEFAULT_DAYS, type ApiTokenSummary } from './api-tokens.ts';
import { ApiTokensPage } from './views/ApiTokensPage.tsx';

/** Every signed-in user's API tokens (for the staff JSON API): /admin/account/tokens. */
export async function apiTokensRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const tokens = services.apiTokens;

  async function render(
    req: FastifyRequest,
    reply: FastifyReply,
    opts: { errors?: FormErrors; values?: { name: string; days: string }; created?: { token: string; summary: ApiTokenSummary } | null; done?: string },
    status = 200,
  ) {
    const principal = requirePrincipal(req);
    const list = await tokens.list(principal, principal.username);
    return sendPage(
      reply,
      h(ApiTokensPage, { ctx: req.ctx, tokens: list, errors: opts.errors ?? {}, values: opts.values ?? { name: '', days: String(API_TOKEN_DEFAULT_DAYS) }, created: opts.created, done: opts.done }),
      status,
    );
  }

  app.get('/admin/account/tokens', async (req, reply) => {
    requirePrincipal(req);
    return render(req, reply, { done: str((req.query as Record<string, unknown>).done) });
  });

  app.post('/admin/account/tokens', { config: { rateLimit: { max: 20, timeWindow: '1 minute' } } }, async (req, reply) => {
    const principal = requirePrincipal(req);
    const b = (req.body ?? {}) as Record<string, unknown>;
    const values = { name: (str(b.name) ?? '').slice(0, 200), days: (str(b.days) ?? '').slice(0, 10) };
    try {
      const r = await tokens.create(principal, actorOf(req), principal.username, { name: values.name, days: values.days.trim() === '' ? undefined : values.days.trim() });
      // Shown in this response only: it is not stored, and a reload does not show it again.
      return render(req, reply, { created: { token: r.token, summary: r.summary } });
    } catch (e) {
      if (!isAppError(e) || e.code !== 'validation') throw e;
      return render(req, reply, { errors: issueErrors(req.ctx, e.issues, { _: 'name', username: 'name' }), values }, 400);
    }
  });

  app.post('/admin/account/tokens/:id/revoke', async (req, reply) => {
    const principal = requirePrincipal(req);
    await tokens.revoke(principal, actorOf(req), (req.params as { id: string }).id);
    return reply.redirect('/admin/account/tokens?done=tokenRevoked', 303);
  });
}
