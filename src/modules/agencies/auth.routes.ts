import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import { isAppError } from '../../kernel/errors.ts';
import { actorOf } from '../../http/context.ts';
import { errorMessage } from '../../http/errors.ts';
import { safeNext } from '../../http/guards.ts';
import { formatInstant, sendPage } from '../../http/render.ts';
import { SESSION_COOKIE, sessionCookieOptions } from '../../http/app.ts';
import type { Services } from '../../services.ts';
import { SignInPage } from './views/SignIn.tsx';

const signInBody = z.object({ username: z.string().trim().max(64).default(''), password: z.string().max(200).default(''), next: z.string().optional() });

/** Staff sign-in and sign-out at /admin. */
export async function authRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.get('/admin/sign-in', async (req, reply) => {
    const next = safeNext((req.query as Record<string, unknown>).next);
    if (req.ctx.principal) return reply.redirect(next, 303);
    return sendPage(reply, h(SignInPage, { ctx: req.ctx, next }));
  });

  app.post('/admin/sign-in', { config: { rateLimit: { max: 20, timeWindow: '1 minute' } } }, async (req, reply) => {
    const body = signInBody.parse(req.body ?? {});
    const next = safeNext(body.next);
    if (!body.username || !body.password) {
      return sendPage(reply, h(SignInPage, { ctx: req.ctx, next, username: body.username, error: req.ctx.t('admin.signIn.missing') }), 400);
    }
    try {
      const { token, expiresAt } = await services.users.signIn(body.username, body.password, { ip: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null });
      // A browser-session cookie: closing the browser ends it; the server enforces the expiry.
      void expiresAt;
      reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(services, req));
      return reply.redirect(next, 303);
    } catch (e) {
      if (isAppError(e) && ['badCredentials', 'accountLocked', 'accountDisabled'].includes(e.code)) {
        const status = e.code === 'accountLocked' ? 423 : e.code === 'accountDisabled' ? 403 : 401;
        const msg = e.code === 'accountLocked' ? req.ctx.t('error.accountLocked', { until: formatInstant(String(e.params.until)) }) : errorMessage(req, e);
        return sendPage(reply, h(SignInPage, { ctx: req.ctx, next, username: body.username, error: msg }), status);
      }
      throw e;
    }
  });

  app.post('/admin/sign-out', async (req, reply) => {
    const sid = req.cookies[SESSION_COOKIE];
    if (sid) await services.users.signOut(sid, actorOf(req));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/admin/sign-in', 303);
  });
}
