import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { AppError, type ErrorCode } from '../kernel/errors.ts';
import { newId } from '../kernel/ids.ts';
import { sendPage } from './render.ts';
import { ErrorPage } from './views/ErrorPage.tsx';

/** The one place where error codes become HTTP statuses. */
export const statusOf: Record<ErrorCode, number> = {
  validation: 400,
  notFound: 404,
  forbidden: 403,
  unauthenticated: 401,
  conflict: 409,
  badCredentials: 401,
  accountLocked: 423,
  accountDisabled: 403,
  rateLimited: 429,
  schemaOutdated: 503,
  schemaTooNew: 503,
  csrf: 403,
  internal: 500,
};

function wantsJson(req: FastifyRequest): boolean {
  return req.url.startsWith('/api/') || (req.headers.accept ?? '').includes('application/json') && !(req.headers.accept ?? '').includes('text/html');
}

/** Message for an AppError in the request's language. */
export function errorMessage(req: FastifyRequest, e: AppError): string {
  const { t } = req.ctx;
  if (e.code === 'conflict' && typeof e.params.detail === 'string') return t('error.conflict', { detail: t(e.params.detail) });
  return t(`error.${e.code}`, e.params);
}

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const fe = err as FastifyError;
  if (fe && typeof fe === 'object') {
    if (fe.code === 'FST_CSRF_INVALID_TOKEN' || fe.code === 'FST_CSRF_MISSING_SECRET') return new AppError('csrf', fe.message);
    if (fe.statusCode === 429) return new AppError('rateLimited', 'Rate limited');
    if (fe.statusCode === 404) return new AppError('notFound', 'Not found', { params: { what: 'page', id: '' } });
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) return new AppError('validation', fe.message);
  }
  return new AppError('internal', 'Internal error', { cause: err });
}

export async function handleError(err: unknown, req: FastifyRequest, reply: FastifyReply) {
  const e = toAppError(err);
  const status = statusOf[e.code];
  let reference: string | undefined;
  if (status >= 500) {
    reference = newId().slice(-12);
    req.log.error({ err, reference }, 'request failed');
  }
  const message = errorMessage(req, e);
  if (e.code === 'unauthenticated' && !wantsJson(req)) {
    return reply.redirect(`/admin/sign-in?next=${encodeURIComponent(req.url)}`, 303);
  }
  if (wantsJson(req)) {
    return reply.code(status).send({ error: { code: e.code, message, issues: e.issues.map((i) => ({ field: i.field, message: req.ctx.t(i.message, i.params) })), reference } });
  }
  return sendPage(reply, h(ErrorPage, { ctx: req.ctx, status, message, reference }), status);
}

export async function handleNotFound(req: FastifyRequest, reply: FastifyReply) {
  return handleError(new AppError('notFound', 'Not found', { params: { what: 'page', id: '' } }), req, reply);
}
