import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { actorOf } from '../../http/context.ts';
import { requirePrincipal } from '../../http/guards.ts';
import { sendPage } from '../../http/render.ts';
import { issueErrors, str } from '../../http/views/AdminKit.tsx';
import type { FormErrors } from '../../http/views/forms.tsx';
import { errors, isAppError, type FieldIssue } from '../../kernel/errors.ts';
import type { Services } from '../../services.ts';
import { isAdmin, type Principal } from '../agencies/index.ts';
import { siteSettingsSchema, type SiteSettings } from './site.ts';
import { toFieldIssues } from '../../kernel/validation.ts';
import { SiteSettingsPage, siteTextFields, type SiteValues } from './views/SiteSettingsPage.tsx';

function requireAdmin(req: FastifyRequest): Principal {
  const p = requirePrincipal(req);
  if (!isAdmin(p)) throw errors.forbidden('Only system administrators change the site settings');
  return p;
}

function valuesOf(s: SiteSettings): SiteValues {
  const v = {} as SiteValues;
  for (const f of siteTextFields) v[f] = s[f];
  v.showPartyGovMark = s.showPartyGovMark;
  return v;
}

const urlFields = ['icpUrl', 'policeRecordUrl', 'errorReportUrl'] as const;

/** Checks the schema leaves to us: links must be web addresses, the e-mail an address, the home agency a known one. */
function extraIssues(v: SiteValues, knownAgency: (code: string) => boolean): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const f of urlFields) if (v[f].trim() && !/^https?:\/\/\S+$/.test(v[f].trim())) out.push({ field: f, message: 'validation.url' });
  if (v.contactEmail.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.contactEmail.trim())) out.push({ field: 'contactEmail', message: 'validation.email' });
  if (v.homeAgency.trim() && !knownAgency(v.homeAgency.trim())) out.push({ field: 'homeAgency', message: 'agency.parentUnknown', params: { code: v.homeAgency.trim() } });
  return out;
}

/** Site settings: the identifiers of the footer and meta tags (国办发〔2017〕47号). Administrators only. */
export async function siteRoutes(app: FastifyInstance, { services }: { services: Services }) {
  async function render(req: FastifyRequest, reply: FastifyReply, values: SiteValues, errs: FormErrors, status = 200) {
    const tree = await services.agencies.tree();
    return sendPage(reply, h(SiteSettingsPage, { ctx: req.ctx, tree, values, errors: errs, done: str((req.query as Record<string, unknown>).done) }), status);
  }

  app.get('/admin/site', async (req, reply) => {
    requireAdmin(req);
    return render(req, reply, valuesOf(await services.site.checked()), {});
  });

  app.post('/admin/site', async (req, reply) => {
    const principal = requireAdmin(req);
    const b = (req.body ?? {}) as Record<string, unknown>;
    const values = valuesOf(await services.site.checked());
    // A field the form did not send keeps its value; the checkbox comes with a hidden "0" before it.
    for (const f of siteTextFields) {
      const v = str(b[f]);
      if (v !== undefined) values[f] = v;
    }
    const mark = b.showPartyGovMark;
    if (mark !== undefined) values.showPartyGovMark = (Array.isArray(mark) ? mark : [mark]).includes('1');
    const tree = await services.agencies.tree();
    // Every problem at once: the schema's own checks and ours.
    const pre = siteSettingsSchema.safeParse(values);
    const extra = extraIssues(values, (code) => tree.byCode.has(code));
    const issues = [...extra, ...(pre.success ? [] : toFieldIssues(pre.error))];
    if (issues.length) return render(req, reply, values, issueErrors(req.ctx, issues), 400);
    try {
      await services.site.update(principal, actorOf(req), values);
    } catch (e) {
      if (!isAppError(e) || e.code !== 'validation') throw e;
      return render(req, reply, values, issueErrors(req.ctx, e.issues), 400);
    }
    return reply.redirect('/admin/site?done=saved', 303);
  });
}
