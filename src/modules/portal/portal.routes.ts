import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import { sendPage } from '../../http/render.ts';
import type { Services } from '../../services.ts';
import { HomePage } from './views/HomePage.tsx';

/** The public portal. */
export async function portalRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.get('/', async (req, reply) => {
    const tree = await services.agencies.tree();
    return sendPage(reply, h(HomePage, { ctx: req.ctx, tree }));
  });
}
