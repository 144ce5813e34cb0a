import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../modules/agencies/index.ts';
import type { Actor } from '../modules/audit/index.ts';
import type { SiteSettings } from '../modules/site/index.ts';
import type { Locale, T } from './i18n/index.ts';

/** What every page and route needs about the current request; built once per request in app.ts. */
export interface RequestContext {
  locale: Locale;
  t: T;
  principal: Principal | null;
  site: SiteSettings;
  demo: boolean;
  /** path + query of this request (for the language switch and sign-in redirects) */
  url: string;
  /** CSRF token for forms on this page (lazily generated; sets the secret cookie). */
  csrfToken: () => string;
  /**
   * Brings `site` and `demo` up to the site settings' change counter `version` (read with the change
   * stamps, storage/change-stamps.ts), re-reading them when another process changed them. Set by app.ts.
   */
  siteAt?: (version: number) => Promise<void>;
  /** The request's place in the order requests were received (`nextArrival`); unset on a fallback context. */
  arrival?: number;
}

let arrivals = 0;
/**
 * Numbers the requests in the order they were received: app.ts takes a number for each request first thing,
 * before anything of it is read. A read begun after request n got its number began after request n was
 * received, so it sees every change committed before that (public-pages.ts shares such reads).
 */
export function nextArrival(): number {
  return ++arrivals;
}
/** The number of the latest request received so far. */
export function lastArrival(): number {
  return arrivals;
}

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext;
  }
}

export function actorOf(req: FastifyRequest): Actor {
  const p = req.ctx.principal;
  return { userId: p?.userId ?? null, name: p?.username ?? 'anonymous', ip: req.ip ?? null };
}

export function ctxOf(req: FastifyRequest): RequestContext {
  return req.ctx;
}

export type Handler = (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
