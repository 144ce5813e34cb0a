import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import { requirePrincipal } from '../../http/guards.ts';
import { sendPage } from '../../http/render.ts';
import type { Services } from '../../services.ts';
import { AdminHome } from './views/AdminHome.tsx';

/** Back office: the signed-in user's home. */
export async function adminRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.get('/admin', async (req, reply) => {
    const principal = requirePrincipal(req);
    const tree = await services.agencies.tree();
    return sendPage(reply, h(AdminHome, { ctx: req.ctx, principal, tree }));
  });
}
