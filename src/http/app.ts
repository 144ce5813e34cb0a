import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import type { Services } from '../services.ts';
import { defaultSiteSettings } from '../modules/site/index.ts';
import { nextArrival, type RequestContext } from './context.ts';
import { errors } from '../kernel/errors.ts';
import { handleError, handleNotFound } from './errors.ts';
import { isLocale, translator, type Locale } from './i18n/index.ts';
import { routePlugins } from './routes.ts';
import { registerUploads } from './uploads.ts';

export const SESSION_COOKIE = 'gk_session';
export const LANG_COOKIE = 'gk_lang';

export interface AppOptions {
  logger?: boolean;
}

function cookieSecure(services: Services, req: FastifyRequest): boolean {
  const s = services.config.cookieSecure;
  return s === 'auto' ? req.protocol === 'https' : s;
}

export function sessionCookieOptions(services: Services, req: FastifyRequest) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: cookieSecure(services, req) };
}

/** Builds the HTTP application over the given services (no listening). */
export async function buildApp(services: Services, opts: AppOptions = {}): Promise<FastifyInstance> {
  const { config } = services;
  const app = Fastify({
    logger: opts.logger === false ? false : { level: config.logLevel },
    trustProxy: config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
        'font-src': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'self'"],
        'object-src': ["'none'"],
        // Served over plain HTTP on a LAN or localhost, upgrading would break every asset; TLS termination adds HSTS.
        'upgrade-insecure-requests': null,
      },
    },
    hsts: false,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie);
  await app.register(formbody);
  // multipart/form-data (forms with files): fields become req.body like formbody's, files go to http/uploads.
  await registerUploads(app, { maxBytes: config.attachmentMaxBytes, maxFiles: config.attachmentMaxFiles });
  await app.register(csrf, { cookieKey: 'gk_csrf', cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true } });
  await app.register(rateLimit, { global: false });
  await app.register(fastifyStatic, {
    root: fileURLToPath(new URL('../../public/', import.meta.url)),
    prefix: '/static/',
    maxAge: config.production ? '1d' : 0,
  });

  app.decorateRequest('ctx', null as unknown as RequestContext);

  app.addHook('onRequest', async (req, reply) => {
    // Before anything of the request is read (public pages share a change-stamp read begun after this).
    const arrival = nextArrival();
    // Language: ?lang= switches and is remembered; otherwise the cookie, otherwise the default (zh-CN).
    const q = (req.query as Record<string, unknown> | undefined)?.lang;
    let locale: Locale = config.defaultLocale;
    if (isLocale(q)) {
      locale = q;
      reply.setCookie(LANG_COOKIE, q, { path: '/', sameSite: 'lax', maxAge: 365 * 24 * 3600 });
    } else if (apiPath(req.url) && acceptedLocale(req.headers['accept-language'])) {
      locale = acceptedLocale(req.headers['accept-language'])!;
    } else if (isLocale(req.cookies[LANG_COOKIE])) {
      locale = req.cookies[LANG_COOKIE] as Locale;
    }
    let token: string | undefined;
    const ctx: RequestContext = {
      arrival,
      locale,
      t: translator(locale),
      principal: null,
      site: defaultSiteSettings,
      demo: false,
      url: req.url,
      csrfToken: () => (token ??= reply.generateCsrf()),
    };
    req.ctx = ctx;
    // From memory; public pages check the settings' change counter with their change stamps (siteAt).
    ctx.site = await services.site.settings();
    ctx.demo = await services.site.demoLoaded();
    ctx.siteAt = async (version) => {
      const current = await services.site.current(version);
      ctx.site = current.site;
      ctx.demo = current.demo;
    };
    // The JSON API also takes `Authorization: Bearer gk_…` (API tokens): it alone decides who is calling,
    // a bad, expired or revoked token is 401 and never falls back to the session cookie.
    const bearer = apiPath(req.url) ? bearerToken(req.headers.authorization) : undefined;
    if (bearer !== undefined) {
      ctx.principal = bearer ? await services.apiTokens.principalForToken(bearer) : null;
      if (!ctx.principal) {
        reply.header('www-authenticate', 'Bearer realm="gongkai", error="invalid_token"');
        throw errors.unauthenticated();
      }
      bearerRequests.add(req);
      return;
    }
    const sid = req.cookies[SESSION_COOKIE];
    if (sid) {
      ctx.principal = await services.users.principalForToken(sid);
      if (!ctx.principal) reply.clearCookie(SESSION_COOKIE, { path: '/' });
    }
  });

  // Every state-changing request carries the CSRF token of the page it came from.
  app.addHook('preHandler', (req, reply, done) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return done();
    // No ambient credentials to abuse: API calls with a token, and anonymous API calls (the public JSON form).
    if (apiPath(req.url) && (bearerRequests.has(req) || !req.ctx?.principal)) return done();
    app.csrfProtection(req, reply, done);
  });

  app.setErrorHandler(async (err, req, reply) => {
    if (!req.ctx) req.ctx = fallbackCtx(req, reply, config.defaultLocale);
    return handleError(err, req, reply);
  });
  app.setNotFoundHandler(async (req, reply) => {
    if (!req.ctx) req.ctx = fallbackCtx(req, reply, config.defaultLocale);
    return handleNotFound(req, reply);
  });

  for (const plugin of routePlugins) await app.register(plugin, { services });
  return app;
}

const apiPath = (url: string) => url.startsWith('/api/');
/** Requests authenticated by an API token (they skip CSRF: a token is no ambient credential). */
const bearerRequests = new WeakSet<FastifyRequest>();

/** The token of an `Authorization: Bearer …` header ('' when the scheme is Bearer but no token); undefined for no or another scheme. */
function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer(?:\s+(.*))?$/i.exec(header.trim());
  return m ? (m[1] ?? '').trim() : undefined;
}

/** The first supported language of an Accept-Language header (by q-value), for the JSON API's messages. */
function acceptedLocale(header: string | string[] | undefined): Locale | undefined {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return undefined;
  const ranked = value
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = Number(/^q=([\d.]+)$/.exec(params.map((p) => p.trim()).find((p) => p.startsWith('q=')) ?? '')?.[1] ?? 1);
      return { tag: tag.trim().toLowerCase(), q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return undefined;
}

function fallbackCtx(req: FastifyRequest, reply: FastifyReply, locale: Locale): RequestContext {
  let token: string | undefined;
  return { locale, t: translator(locale), principal: null, site: defaultSiteSettings, demo: false, url: req.url, csrfToken: () => (token ??= reply.generateCsrf()) };
}
