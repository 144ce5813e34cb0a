/**
 * Documents of a case as files, and the authority's letter templates.
 *
 * Staff:     GET /admin/applications/:id/letters/:letterId.docx | .pdf   (the case must be in the principal's scope: else 404)
 * Applicant: GET /track/:code/letters/:letterId.docx | .pdf, /track/:code/receipt.docx | .pdf
 *            (only with the applicant's session cookie for that case, set by the status page's sign-in: else 404)
 * Templates: GET /admin/applications/templates[?scope=CODE|*], GET/POST /admin/applications/templates/:key
 *
 * When Chromium is missing the PDF routes answer 503 with a page that points to the print view and the DOCX.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { actorOf } from '../../http/context.ts';
import { requirePrincipal } from '../../http/guards.ts';
import { formatInstant, sendPage } from '../../http/render.ts';
import { issueErrors, str } from '../../http/views/AdminKit.tsx';
import type { T } from '../../http/i18n/index.ts';
import { errors, isAppError } from '../../kernel/errors.ts';
import type { Services } from '../../services.ts';
import { contentDisposition } from '../../kernel/downloads.ts';
import { createApplicantSession } from './applicant-session.ts';
import { deadlineStepMessages } from './deadline.ts';
import type { LetterContent } from './letters.ts';
import { closePdfBrowser, htmlToPdf, isPdfUnavailable, letterDocx, letterHtml, receiptDocx, receiptHtml, type ReceiptData } from './render.ts';
import { ruleSets } from './rules.ts';
import { PdfUnavailablePage } from './views/letters/PdfUnavailablePage.tsx';
import { TemplateEditPage, TemplateListPage, templatesPath } from './views/letters/TemplatePages.tsx';

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Response headers of a generated document: its type, its Chinese file name (RFC 8187), never cached. */
export function documentHeaders(name: string, type: 'docx' | 'pdf'): Record<string, string> {
  const safe = name.replace(/[\\/:*?"<>|\r\n]+/g, '_').trim() || 'document';
  return {
    'content-type': type === 'pdf' ? 'application/pdf' : DOCX_MIME,
    'content-disposition': contentDisposition(`${safe}.${type}`),
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, no-store',
  };
}

/** A letter's file name: its title and number, e.g. 衡水市教育局政府信息公开申请答复告知书（衡教依申〔2026〕3号）. */
export const letterFileName = (c: Pick<LetterContent, 'title' | 'number'>) => `${c.title}（${c.number}）`;

/** The receipt of a case in the reader's language, from what the applicant may see. */
export function receiptDataOf(view: Awaited<ReturnType<Services['applications']['applicantView']>>, t: T, lang: string): ReceiptData {
  const { row, state, agency } = view;
  const submitted = view.events.find((e) => e.type === 'submitted');
  const rules = state.rules ? ruleSets[state.rules] : null;
  const steps = (state.deadline?.steps ?? []).flatMap((s) => deadlineStepMessages(s).map((m) => t(m.key, m.params as Record<string, string | number>)));
  const l = (k: string) => t(`applicationsLetters.receipt.${k}`);
  return {
    lang,
    agencyName: agency.name,
    trackingCode: row.trackingCode,
    submittedAt: submitted ? formatInstant(submitted.at) : row.submittedOn,
    receivedOn: state.receivedOn,
    dueOn: state.dueOn,
    provisional: state.provisional,
    rules: rules ? `${rules.regulation}（${rules.id}）` : '',
    steps,
    description: row.description,
    applicantType: t(`applications.applicantType.${row.applicantType}`),
    labels: {
      title: l('title'),
      agency: l('agency'),
      trackingCode: l('trackingCode'),
      submittedAt: l('submittedAt'),
      receivedOn: l('receivedOn'),
      dueOn: l('dueOn'),
      provisional: l('provisional'),
      rules: l('rules'),
      applicantType: l('applicantType'),
      description: l('description'),
      steps: l('steps'),
      notReceived: l('notReceived'),
      keepPassword: l('keepPassword'),
    },
  };
}

type Params = { id?: string; code?: string; letterId?: string; key?: string };

export async function applicationsLettersRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const apps = services.applications;
  const session = createApplicantSession(services);
  app.addHook('onClose', async () => closePdfBrowser());

  async function sendPdf(req: FastifyRequest, reply: FastifyReply, html: string, name: string, fallback: { printHref: string; docxHref: string }) {
    try {
      const pdf = await htmlToPdf(html);
      return reply.headers(documentHeaders(name, 'pdf')).send(pdf);
    } catch (e) {
      if (!isPdfUnavailable(e)) throw e;
      req.log.warn({ err: e }, 'PDF unavailable');
      return sendPage(reply, h(PdfUnavailablePage, { ctx: req.ctx, ...fallback }), 503).header('retry-after', '3600');
    }
  }

  // ---- staff ------------------------------------------------------------------------------------

  async function staffLetter(req: FastifyRequest) {
    const { id, letterId } = req.params as Params;
    const principal = requirePrincipal(req);
    const { row } = await apps.requireVisible(principal, id!);
    const letter = await apps.letter(row.id, letterId!);
    if (!letter) throw errors.notFound('letter', letterId);
    return { row, content: JSON.parse(letter.content) as LetterContent };
  }
  const staffBase = (id: string, letterId: string) => `/admin/applications/${encodeURIComponent(id)}/letters/${encodeURIComponent(letterId)}`;

  app.get('/admin/applications/:id/letters/:letterId.docx', async (req, reply) => {
    const { content } = await staffLetter(req);
    return reply.headers(documentHeaders(letterFileName(content), 'docx')).send(await letterDocx(content));
  });
  app.get('/admin/applications/:id/letters/:letterId.pdf', async (req, reply) => {
    const { row, content } = await staffLetter(req);
    const base = staffBase(row.id, (req.params as Params).letterId!);
    return sendPdf(req, reply, letterHtml(content), letterFileName(content), { printHref: base, docxHref: `${base}.docx` });
  });

  // ---- the applicant ----------------------------------------------------------------------------

  /** The applicant's own case, by the code in the address and the session cookie: anything else is "not found". */
  async function applicantCase(req: FastifyRequest) {
    const { code } = req.params as Params;
    const row = await session.caseFor(req, String(code ?? ''));
    if (!row) throw errors.notFound('application', code);
    return apps.applicantView(row.id);
  }
  async function applicantLetter(req: FastifyRequest) {
    const view = await applicantCase(req);
    const { letterId } = req.params as Params;
    // Letters to the applicant only: a consultation letter goes to the third party, not to them.
    if (!view.letters.some((l) => l.id === letterId && l.kind !== 'consultation')) throw errors.notFound('letter', letterId);
    const letter = await apps.letter(view.row.id, letterId!);
    if (!letter) throw errors.notFound('letter', letterId);
    return { view, content: JSON.parse(letter.content) as LetterContent };
  }
  const trackBase = (code: string) => `/track/${encodeURIComponent(code)}`;

  app.get('/track/:code/letters/:letterId.docx', async (req, reply) => {
    const { content } = await applicantLetter(req);
    return reply.headers(documentHeaders(letterFileName(content), 'docx')).send(await letterDocx(content));
  });
  app.get('/track/:code/letters/:letterId.pdf', async (req, reply) => {
    const { view, content } = await applicantLetter(req);
    const { letterId } = req.params as Params;
    return sendPdf(req, reply, letterHtml(content), letterFileName(content), {
      printHref: trackBase(view.row.trackingCode),
      docxHref: `${trackBase(view.row.trackingCode)}/letters/${encodeURIComponent(letterId!)}.docx`,
    });
  });
  const receiptName = (req: FastifyRequest, code: string) => `${req.ctx.t('applicationsLetters.receipt.title')}（${code}）`;
  app.get('/track/:code/receipt.docx', async (req, reply) => {
    const view = await applicantCase(req);
    const data = receiptDataOf(view, req.ctx.t, req.ctx.locale);
    return reply.headers(documentHeaders(receiptName(req, view.row.trackingCode), 'docx')).send(await receiptDocx(data));
  });
  app.get('/track/:code/receipt.pdf', async (req, reply) => {
    const view = await applicantCase(req);
    const data = receiptDataOf(view, req.ctx.t, req.ctx.locale);
    return sendPdf(req, reply, receiptHtml(data), receiptName(req, view.row.trackingCode), { printHref: trackBase(view.row.trackingCode), docxHref: `${trackBase(view.row.trackingCode)}/receipt.docx` });
  });

  // ---- templates (authority, administrators) ----------------------------------------------------

  const templates = services.letterTemplates;
  const scopeOf = (req: FastifyRequest) => str((req.body as Record<string, unknown> | undefined)?.scope) ?? str((req.query as Record<string, unknown>).scope) ?? null;
  const doneOf = (req: FastifyRequest) => {
    const d = str((req.query as Record<string, unknown>).done);
    return d === 'saved' || d === 'reset' ? d : undefined;
  };

  app.get(templatesPath, async (req, reply) => {
    const principal = requirePrincipal(req);
    const r = await templates.list(principal, scopeOf(req));
    return sendPage(reply, h(TemplateListPage, { ctx: req.ctx, ...r, done: doneOf(req) }));
  });

  app.get(`${templatesPath}/:key`, async (req, reply) => {
    const principal = requirePrincipal(req);
    const { key } = req.params as Params;
    const r = await templates.get(principal, key!, scopeOf(req));
    return sendPage(reply, h(TemplateEditPage, { ctx: req.ctx, scopes: r.scopes, scope: r.scope, item: r.item, body: r.item.body, errors: {}, done: doneOf(req) }));
  });

  app.post(`${templatesPath}/:key`, async (req, reply) => {
    const principal = requirePrincipal(req);
    const { key } = req.params as Params;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const text = str(body.body) ?? '';
    const what = str(body.do) ?? 'save';
    const scope = scopeOf(req);
    const current = await templates.get(principal, key!, scope);
    const back = (done: string) => `${templatesPath}/${encodeURIComponent(key!)}?scope=${encodeURIComponent(current.scope.agency ? current.scope.agency.code : '*')}&done=${done}`;
    try {
      if (what === 'reset') {
        await templates.reset(principal, actorOf(req), key!, scope);
        return reply.redirect(back('reset'), 303);
      }
      if (what === 'preview') {
        const preview = await templates.preview(principal, key!, text, scope);
        return sendPage(reply, h(TemplateEditPage, { ctx: req.ctx, scopes: current.scopes, scope: current.scope, item: current.item, body: text, errors: {}, preview }));
      }
      await templates.save(principal, actorOf(req), key!, text, scope);
      return reply.redirect(back('saved'), 303);
    } catch (e) {
      if (!isAppError(e) || e.code !== 'validation') throw e;
      const errs = issueErrors(req.ctx, e.issues);
      return sendPage(reply, h(TemplateEditPage, { ctx: req.ctx, scopes: current.scopes, scope: current.scope, item: current.item, body: text, errors: errs }), 400);
    }
  });
}
