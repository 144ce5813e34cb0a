import type { FastifyRequest } from 'fastify';
import { errors } from '../kernel/errors.ts';
import type { Principal } from '../modules/agencies/index.ts';

/** The signed-in user, or AppError('unauthenticated') (pages redirect to sign-in). */
export function requirePrincipal(req: FastifyRequest): Principal {
  const p = req.ctx.principal;
  if (!p) throw errors.unauthenticated();
  return p;
}

/** A local path to return to after sign-in; anything else becomes /admin. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?!\/)[^\s\\]*$/.test(next) ? next : '/admin';
}
