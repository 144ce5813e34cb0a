/**
 * The applicant's side of disclosure applications on the public portal (no account):
 *   GET  /apply                       choose the agency; the rules in short
 *   GET  /agencies/:code/apply        the form;  POST: submit (or, with _suggest, show published matches)
 *   GET  /apply/suggest?q=            JSON: up to 5 published items matching a description ("may already be public")
 *   GET  /track                       tracking code + password;  POST: check them, set the applicant cookie
 *   GET  /track/:code                 the case as the applicant may see it (cookie required)
 *   POST /track/:code/correction      answer a correction request online (text + files)
 *   GET  /track/:code/files/:fileId   a released file (or the applicant's own upload)
 *   POST /track/sign-out
 *
 * Honeypot: a filled "website" field stores nothing; the form comes back (400) with a neutral message,
 * so that a person whose browser filled it by mistake is never shown a receipt for nothing.
 * The query password appears once, in the body of the POST's response (no-store), never in a URL.
 * The applicant's session: applicant-session.ts. Receipts and letters as DOCX/PDF: letters.routes.ts.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import type { Services } from '../../services.ts';
import { sessionCookieOptions } from '../../http/app.ts';
import { sendPage } from '../../http/render.ts';
import { acceptsPublicUploads } from '../../http/uploads.ts';
import { formErrors } from '../../http/views/forms.tsx';
import { errors, isAppError, type AppError, type FieldIssue } from '../../kernel/errors.ts';
import { searchWords } from '../../kernel/text/index.ts';
import { privateFileHeaders } from '../../kernel/downloads.ts';
import { caseFilesOf } from './case-uploads.ts';
import { publicationHref } from '../catalog/index.ts';
import { publicTree } from '../portal/index.ts';
import { APPLICANT_COOKIE, APPLICANT_SESSION_MS, createApplicantSession } from './applicant-session.ts';
import { applicantFields, ApplyFormPage, ChooseAgencyPage, emptyApplyValues, ReceiptPage, type ApplyValues, type Suggestion } from './views/public/ApplyPages.tsx';
import { caseHref, trackHref } from './views/public/parts.tsx';
import { StatusPage, TrackLoginPage } from './views/public/TrackPages.tsx';

/**
 * Per address, counted before any body is read: form posts (submissions, and the "查找已公开信息" button
 * of browsers without JavaScript), corrections; and status sign-ins. Per applicant: the service's daily limit.
 */
const submitLimit = { max: 30, timeWindow: '1 hour' };
const trackLimit = { max: 20, timeWindow: '15 minutes' };

const str = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');

/** Field issues → messages keyed by field (all file problems together). */
function issueMessages(req: FastifyRequest, issues: FieldIssue[]) {
  const errs = formErrors(req.ctx, issues.filter((i) => i.field !== 'files'));
  const fileIssues = issues.filter((i) => i.field === 'files');
  if (fileIssues.length) errs.files = fileIssues.map((i) => req.ctx.t(i.message, i.params)).join(' ');
  return errs;
}

/** Common words of applications that say nothing about which document is meant. */
const STOP = new Set(['申请', '公开', '信息', '政府', '政府信息', '关于', '有关', '相关', '提供', '请求', '获取', '需要', '文件', '我们', '本人', '你们', '贵单位', '贵机关', '以及', '情况', '内容', '全部', '具体']);

export async function applicationsPublicRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const apps = services.applications;
  const limits = apps.limits;
  const tree = async () => publicTree(await services.agencies.tree());

  async function agencyOf(req: FastifyRequest) {
    const { code } = req.params as { code: string };
    const agency = (await tree()).byCode.get(code);
    if (!agency || agency.disabled) throw errors.notFound('agency', code);
    return agency;
  }

  // ---- "this may already be public" ------------------------------------------------------------

  async function suggest(text: string): Promise<Suggestion[]> {
    const words = searchWords(text.slice(0, 300)).filter((w) => !STOP.has(w) && [...w].length >= 2);
    if (!words.length) return [];
    // The search ANDs its terms: try the most specific combination first, then fewer words.
    const attempts = [...new Set([words.slice(0, 4).join(' '), words.slice(0, 2).join(' '), ...words.slice(0, 2)])].slice(0, 4);
    const t = await tree();
    const seen = new Map<string, Suggestion>();
    for (const q of attempts) {
      const r = await services.search.search({ q, pageSize: 5 });
      for (const item of [...r.groups.documents.items, ...r.groups.interpretations.items]) {
        if (seen.size >= 5) break;
        if (seen.has(item.id)) continue;
        const agency = t.byId.get(item.agencyId);
        seen.set(item.id, { title: item.title, href: publicationHref(item), agency: agency ? agency.name : '', publishedOn: item.publishedOn, docNo: item.docNo });
      }
      if (seen.size >= 5) break;
    }
    return [...seen.values()];
  }

  app.get('/apply/suggest', { config: { rateLimit: { max: 120, timeWindow: '1 minute' } } }, async (req, reply) => {
    const q = str((req.query as Record<string, unknown>).q).trim().slice(0, 500);
    const items = q.length >= 2 ? await suggest(q) : [];
    return reply.header('cache-control', 'no-store').send({ items });
  });

  // ---- the form ---------------------------------------------------------------------------------

  app.get('/apply', async (req, reply) => sendPage(reply, h(ChooseAgencyPage, { ctx: req.ctx, tree: await tree() })));

  const formPage = (req: FastifyRequest, reply: FastifyReply, agency: Awaited<ReturnType<typeof agencyOf>>, values: ApplyValues, extra: { errors?: Record<string, string>; problem?: string; suggestions?: Suggestion[] | null; status?: number } = {}) =>
    sendPage(reply, h(ApplyFormPage, { ctx: req.ctx, agency, values, errors: extra.errors ?? {}, problem: extra.problem, suggestions: extra.suggestions ?? null, limits }), extra.status ?? 200);

  app.get('/agencies/:code/apply', async (req, reply) => formPage(req, reply, await agencyOf(req), emptyApplyValues()));

  app.post(
    '/agencies/:code/apply',
    {
      config: {
        ...acceptsPublicUploads.config,
        // Counted before the body is read (it may carry files): submissions and the no-JavaScript suggestion button alike.
        rateLimit: submitLimit,
      },
    },
    async (req, reply) => {
      const agency = await agencyOf(req);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const values: ApplyValues = {};
      for (const f of applicantFields) values[`applicant.${f}`] = str(body[`applicant.${f}`]);
      for (const f of ['description', 'form', 'delivery']) values[f] = str(body[f]);
      if (str(body._suggest)) return formPage(req, reply, agency, values, { suggestions: await suggest(values.description ?? '') });
      if (str(body.website).trim()) {
        req.log.info({ agency: agency.code }, 'application honeypot filled: nothing stored');
        return formPage(req, reply, agency, values, { problem: req.ctx.t('applyPortal.form.spam'), status: 400 });
      }
      const input = {
        applicant: Object.fromEntries(applicantFields.map((f) => [f, values[`applicant.${f}`]])),
        description: values.description,
        form: values.form || undefined,
        delivery: values.delivery || undefined,
      };
      try {
        const files = caseFilesOf(req, limits);
        const r = await apps.submitOnline(agency.code, input, { ip: req.ip ?? null }, files);
        // The submitter holds the password now: they are signed in to their case (receipt downloads, status).
        const cookie = await session.cookieValue(r.id);
        if (cookie) reply.setCookie(APPLICANT_COOKIE, cookie, cookieOpts(req));
        return sendPage(reply, h(ReceiptPage, { ctx: req.ctx, agency: r.agency, trackingCode: r.trackingCode, password: r.password, receivedOn: r.receivedOn, deadline: r.deadline }));
      } catch (e) {
        if (isAppError(e) && e.code === 'validation') return formPage(req, reply, agency, values, { errors: issueMessages(req, e.issues), status: 400 });
        if (isAppError(e) && e.code === 'rateLimited') return formPage(req, reply, agency, values, { problem: req.ctx.t('applyPortal.form.tooMany', { max: limits.perApplicantPerDay }), status: 429 });
        throw e;
      }
    },
  );

  // ---- the applicant's session ----------------------------------------------------------------

  const session = createApplicantSession(services);

  /** The case page needs a live cookie (else the sign-in form, 401); another case's page is not found. */
  async function requireSession(req: FastifyRequest, reply: FastifyReply) {
    const { code } = req.params as { code: string };
    const row = await session.caseFor(req, code);
    if (row) return row;
    if (!session.hasLiveCookie(req)) {
      reply.clearCookie(APPLICANT_COOKIE, { path: trackHref });
      sendPage(reply, h(TrackLoginPage, { ctx: req.ctx, code, problem: req.ctx.t('applyPortal.track.expired') }), 401);
      return null;
    }
    throw errors.notFound('application', code);
  }

  const cookieOpts = (req: FastifyRequest) => ({ ...sessionCookieOptions(services, req), path: trackHref, maxAge: APPLICANT_SESSION_MS / 1000 });

  app.get('/track', async (req, reply) => sendPage(reply, h(TrackLoginPage, { ctx: req.ctx, code: str((req.query as Record<string, unknown>).code) })));

  app.post('/track', { config: { rateLimit: trackLimit } }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const code = str(body.code).trim().toUpperCase().slice(0, 40);
    const password = str(body.password).slice(0, 40);
    const id = code && password ? await apps.openForApplicant(code, password) : null;
    const value = id ? await session.cookieValue(id) : null;
    if (!value) return sendPage(reply, h(TrackLoginPage, { ctx: req.ctx, code, problem: req.ctx.t('applyPortal.track.wrong') }), 400);
    reply.setCookie(APPLICANT_COOKIE, value, cookieOpts(req));
    return reply.redirect(caseHref(code), 303);
  });

  app.post('/track/sign-out', async (req, reply) => {
    reply.clearCookie(APPLICANT_COOKIE, { path: trackHref });
    return reply.redirect(trackHref, 303);
  });


  async function statusPage(req: FastifyRequest, reply: FastifyReply, caseId: string, extra: { errors?: Record<string, string>; text?: string; status?: number } = {}) {
    const view = await apps.applicantView(caseId);
    const q = req.query as Record<string, unknown>;
    const notice = !extra.status && str(q.done) === 'corrected' ? req.ctx.t('applyPortal.status.corrected') : undefined;
    return sendPage(
      reply,
      h(StatusPage, { ctx: req.ctx, view, files: view.files, errors: extra.errors ?? {}, correctionText: extra.text ?? '', notice, receiptDownloads: true }),
      extra.status ?? 200,
    );
  }

  app.get('/track/:code', async (req, reply) => {
    const row = await requireSession(req, reply);
    if (!row) return reply;
    return statusPage(req, reply, row.id);
  });

  app.post(
    '/track/:code/correction',
    {
      config: { ...acceptsPublicUploads.config, rateLimit: submitLimit },
      // No files are read from anyone without a live applicant session.
      onRequest: async (req, reply) => {
        if (!session.hasLiveCookie(req)) return reply.code(401).type('text/plain; charset=utf-8').send(req.ctx.t('applyPortal.track.expired'));
      },
    },
    async (req, reply) => {
    const row = await requireSession(req, reply);
    if (!row) return reply;
    const text = str((req.body as Record<string, unknown> | undefined)?.text);
    try {
      const files = caseFilesOf(req, limits);
      await apps.applicantCorrection(row.id, text, files, { ip: req.ip ?? null });
    } catch (e) {
      if (isAppError(e) && e.code === 'validation') return statusPage(req, reply, row.id, { errors: issueMessages(req, (e as AppError).issues.map((i) => (i.field === 'on' ? { ...i, field: 'text' } : i))), text, status: 400 });
      throw e;
    }
    return reply.redirect(`${caseHref(row.tracking_code)}?done=corrected`, 303);
  });

  app.get('/track/:code/files/:fileId', async (req, reply) => {
    const row = await requireSession(req, reply);
    if (!row) return reply;
    const { fileId } = req.params as { fileId: string };
    const found = await apps.applicantFile(row.id, fileId);
    if (!found) throw errors.notFound('file', fileId);
    return reply.headers(privateFileHeaders(found.file.name, found.file.mime)).send(found.bytes);
  });
}
