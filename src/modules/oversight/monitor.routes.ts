/**
 * The website monitor's back office (spec oversight.md §1, issue 6):
 *   GET       /admin/monitor[?agency=CODE]                     the sites in sight, grouped by agency
 *   GET|POST  /admin/monitor/sites/new[?agency=CODE]            register a site (the office)
 *   GET|POST  /admin/monitor/sites/:id/edit                     change a site's configuration
 *   GET       /admin/monitor/sites/:id                          configuration, reachability, latest evaluation, crawls, rectifications
 *   POST      /admin/monitor/sites/:id/crawl                    run a check now → the crawl's page
 *   GET       /admin/monitor/crawls/:id[?refresh=0]             progress (refreshes itself) or the result
 *   POST      /admin/monitor/crawls/:id/rectifications          issue a rectification for a finding
 *   GET       /admin/monitor/rectifications[?status=&agency=]   the rectifications in sight
 *   GET       /admin/monitor/rectifications/:id                 one rectification and its history
 *   POST      /admin/monitor/rectifications/:id/reply           the agency's reply
 *   GET|POST  /admin/monitor/spot-checks[?office=CODE]          an office's weekly reports; generate a week
 *   GET       /admin/monitor/spot-checks/:office/:week          one week's report; /docx its Word file
 *   POST      /admin/monitor/spot-checks/:office/:week/generate | publish
 * The service checks every right again; forms come back with their messages and what was typed; conflicts are a
 * message on the page, not an error page.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { actorOf } from '../../http/context.ts';
import { requirePrincipal } from '../../http/guards.ts';
import { sendPage } from '../../http/render.ts';
import { hasMessage, issueErrors, str } from '../../http/views/AdminKit.tsx';
import { addDays, isoWeekOf, todayInShanghai } from '../../kernel/calendar/index.ts';
import { contentDisposition } from '../../kernel/downloads.ts';
import { errors, isAppError, type AppError, type FieldIssue } from '../../kernel/errors.ts';
import type { Services } from '../../services.ts';
import { canChangeAgency, canSeeAgency, type Agency, type AgencyTree, type Principal } from '../agencies/index.ts';
import { findingItems, type FindingItem } from './monitor-types.ts';
import type { SiteInput } from './monitor.schemas.ts';
import { spotCheckDocx, spotCheckTitle } from './spot-check-docx.ts';
import { paths, type IssueForm } from './views/MonitorKit.tsx';
import { CrawlPage, SiteListPage, SitePage, type SiteListRow, type SiteView } from './views/MonitorPages.tsx';
import { RectificationListPage, RectificationPage, rectificationFilters, type RectificationFilter } from './views/MonitorRectificationPages.tsx';
import { dateTypes, emptySiteForm, siteFormOf, SiteFormPage, type ColumnRow, type GuideRow, type InteractionRow, type SiteForm } from './views/MonitorSiteForm.tsx';
import { SpotCheckListPage, SpotCheckPage } from './views/MonitorSpotCheckPages.tsx';

const bodyOf = (req: FastifyRequest) => (req.body ?? {}) as Record<string, unknown>;
const queryOf = (req: FastifyRequest) => (req.query ?? {}) as Record<string, unknown>;
const isCode = (e: unknown, code: AppError['code']): e is AppError => isAppError(e) && e.code === code;
const ISSUE_DAYS_DEFAULT = 10;
/** Rows of each kind the form accepts at most (the schema's limits, plus the blank rows). */
const MAX_ROWS = { columns: 203, interaction: 53, guides: 203 } as const;
const WEEK = /^\d{4}-W\d{2}$/;

// ---- the registration form: typed strings ⇄ the service's input ---------------------------------

function rowCount(body: Record<string, unknown>, kind: keyof typeof MAX_ROWS): number {
  let n = 0;
  const re = new RegExp(`^${kind}\\.(\\d+)\\.`);
  for (const k of Object.keys(body)) {
    const m = re.exec(k);
    if (m) n = Math.max(n, Number(m[1]) + 1);
  }
  return Math.min(n, MAX_ROWS[kind]);
}

const field = (body: Record<string, unknown>, name: string, max = 2000) => (str(body[name]) ?? '').slice(0, max);

function dateSourceOf(type: string, value: string) {
  const v = value.trim();
  if (type === 'meta') return { type: 'meta' as const };
  if (type === 'selector') return { type: 'selector' as const, selector: v };
  if (type === 'selectorItemPage') return { type: 'selector' as const, selector: v, onItemPage: true };
  return { type: 'pattern' as const, pattern: v || undefined };
}

const numberOf = (s: string) => (s.trim() === '' ? undefined : Number(s.trim()));

/**
 * The form as typed and the service's input from it. Blank rows are left out of the input; `rename` maps the
 * input's field paths (columns.0.date.selector) back to the form's rows (columns.2.dateValue).
 */
export function parseSiteForm(body: Record<string, unknown>, site: { active: boolean } | null): { form: SiteForm; input: SiteInput & { active?: boolean }; rename: (field: string) => string } {
  const dateType = (v: string) => ((dateTypes as readonly string[]).includes(v) ? v : 'pattern');
  const columns: ColumnRow[] = [];
  for (let i = 0; i < rowCount(body, 'columns'); i++) {
    const p = `columns.${i}.`;
    columns.push({ name: field(body, `${p}name`, 200), url: field(body, `${p}url`), kind: field(body, `${p}kind`, 20) || 'news', itemSelector: field(body, `${p}itemSelector`, 400), dateType: dateType(field(body, `${p}dateType`, 30)), dateValue: field(body, `${p}dateValue`, 400) });
  }
  const interaction: InteractionRow[] = [];
  for (let i = 0; i < rowCount(body, 'interaction'); i++) {
    const p = `interaction.${i}.`;
    interaction.push({ name: field(body, `${p}name`, 200), url: field(body, `${p}url`), itemSelector: field(body, `${p}itemSelector`, 400), dateType: dateType(field(body, `${p}dateType`, 30)), dateValue: field(body, `${p}dateValue`, 400), unanswered: field(body, `${p}unanswered`, 400) });
  }
  const guides: GuideRow[] = [];
  for (let i = 0; i < rowCount(body, 'guides'); i++) guides.push({ name: field(body, `guides.${i}.name`, 200), url: field(body, `guides.${i}.url`) });

  const form: SiteForm = {
    agency: field(body, 'agency', 100),
    name: field(body, 'name', 200),
    homepage: field(body, 'homepage'),
    columns,
    interaction,
    guides,
    ignoreRobots: str(body.ignoreRobots) === '1',
    active: site ? str(body.active) === '1' : true,
    maxDepth: field(body, 'maxDepth', 20),
    maxPages: field(body, 'maxPages', 20),
    maxExternalLinks: field(body, 'maxExternalLinks', 20),
  };

  // Rows with nothing typed in their text fields are ignored (the selects always have a value).
  const blank = (...v: string[]) => v.every((x) => !x.trim());
  const index: Record<'columns' | 'interaction' | 'guides', number[]> = { columns: [], interaction: [], guides: [] };
  const input: SiteInput & { active?: boolean } = {
    name: form.name,
    homepage: form.homepage,
    columns: columns.flatMap((c, i) => {
      if (blank(c.name, c.url, c.itemSelector, c.dateValue)) return [];
      index.columns.push(i);
      return [{ name: c.name, url: c.url, kind: c.kind, itemSelector: c.itemSelector, date: dateSourceOf(c.dateType, c.dateValue) }];
    }),
    interaction: interaction.flatMap((c, i) => {
      if (blank(c.name, c.url, c.itemSelector, c.dateValue, c.unanswered)) return [];
      index.interaction.push(i);
      return [{ name: c.name, url: c.url, itemSelector: c.itemSelector, date: dateSourceOf(c.dateType, c.dateValue), unansweredPattern: c.unanswered.trim() }];
    }),
    guides: guides.flatMap((g, i) => {
      if (blank(g.name, g.url)) return [];
      index.guides.push(i);
      return [{ name: g.name, url: g.url }];
    }),
    ignoreRobots: form.ignoreRobots,
    maxDepth: numberOf(form.maxDepth),
    maxPages: numberOf(form.maxPages),
    maxExternalLinks: numberOf(form.maxExternalLinks),
    active: form.active,
  };
  const rename = (path: string) => {
    const m = /^(columns|interaction|guides)\.(\d+)(?:\.(.*))?$/.exec(path);
    if (!m) return path;
    const kind = m[1] as keyof typeof index;
    const row = index[kind][Number(m[2])] ?? Number(m[2]);
    let rest = m[3] ?? 'name';
    if (rest.startsWith('date')) rest = 'dateValue';
    if (rest === 'unansweredPattern') rest = 'unanswered';
    return `${kind}.${row}.${rest}`;
  };
  return { form, input, rename };
}

/** After a failed submission the blank rows are what was posted; make sure there are some to type into. */
function withBlankRows(form: SiteForm): SiteForm {
  const empty = emptySiteForm(form.agency);
  const pad = <R,>(rows: R[], blanks: R[]) => (rows.length ? rows : blanks);
  return { ...form, columns: pad(form.columns, empty.columns), interaction: pad(form.interaction, empty.interaction), guides: pad(form.guides, empty.guides) };
}

export async function monitorRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const monitor = services.monitor;
  const today = () => todayInShanghai(services.clock.now());

  /** A refused action, in words (the service's conflicts carry a reason code). */
  function conflictText(req: FastifyRequest, e: AppError): string {
    const { t } = req.ctx;
    const key = `oversight.conflict.${String(e.params.reason ?? '')}`;
    if (hasMessage(req.ctx, key)) return t(key, { status: e.params.status ? t(`oversight.rectification.status.${String(e.params.status)}`) : '' });
    return t('error.conflict', { detail: e.message });
  }

  /** Agencies in sight, depth first; and those the principal is the office (authority) over. */
  function agenciesOf(principal: Principal, tree: AgencyTree) {
    const all = tree.flatten().filter((x) => canSeeAgency(principal, tree, x.agency.id) && !x.agency.disabled);
    return { visible: all, authority: all.filter((x) => canChangeAgency(principal, tree, x.agency.id, 'authority')) };
  }
  /** Offices whose weekly reports the principal reads: the topmost governments in sight. */
  function officesOf(principal: Principal, tree: AgencyTree): Agency[] {
    const visible = tree.flatten().filter((x) => canSeeAgency(principal, tree, x.agency.id));
    const ids = new Set(visible.map((x) => x.agency.id));
    return visible.map((x) => x.agency).filter((a) => a.kind === 'government' && !a.disabled && !tree.path(a.id).slice(0, -1).some((p) => ids.has(p.id) && p.kind === 'government'));
  }

  // ---- the sites in sight ----------------------------------------------------------------

  app.get(paths.list(), async (req, reply) => {
    const principal = requirePrincipal(req);
    const agency = str(queryOf(req).agency) || null;
    const { tree, sites } = await monitor.sites(principal, { agencyCode: agency ?? undefined });
    const byAgency = new Map<string, SiteListRow[]>();
    for (const s of sites) byAgency.set(s.agency.id, [...(byAgency.get(s.agency.id) ?? []), s]);
    const groups = tree
      .flatten()
      .filter((x) => byAgency.has(x.agency.id))
      .map((x) => ({ agency: x.agency, rows: byAgency.get(x.agency.id)! }));
    const { visible, authority } = agenciesOf(principal, tree);
    return sendPage(reply, h(SiteListPage, { ctx: req.ctx, groups, agencies: visible, agency, canRegister: authority.length > 0, offices: officesOf(principal, tree) }));
  });

  // ---- registering and changing a site ---------------------------------------------------------

  async function formContext(principal: Principal) {
    const tree = await services.agencies.tree();
    const { authority } = agenciesOf(principal, tree);
    if (!authority.length) throw errors.forbidden('Only a disclosure office registers websites');
    return { tree, authority };
  }

  app.get(`${paths.list()}/sites/new`, async (req, reply) => {
    const principal = requirePrincipal(req);
    const { authority } = await formContext(principal);
    const wanted = str(queryOf(req).agency);
    const agency = authority.find((x) => x.agency.code === wanted)?.agency.code ?? authority[0]!.agency.code;
    return sendPage(reply, h(SiteFormPage, { ctx: req.ctx, site: null, agencies: authority, agency: null, form: emptySiteForm(agency), errors: {} }));
  });

  app.post(`${paths.list()}/sites/new`, async (req, reply) => {
    const principal = requirePrincipal(req);
    const { authority, tree } = await formContext(principal);
    const body = bodyOf(req);
    const { form, input, rename } = parseSiteForm(body, null);
    const show = (issues: FieldIssue[]) =>
      sendPage(reply, h(SiteFormPage, { ctx: req.ctx, site: null, agencies: authority, agency: null, form: withBlankRows(form), errors: issueErrors(req.ctx, issues.map((i) => ({ ...i, field: rename(i.field) }))) }), 400);
    if (!tree.byCode.has(form.agency) || !authority.some((x) => x.agency.code === form.agency)) return show([{ field: 'agency', message: 'validation.invalid' }]);
    try {
      const site = await monitor.registerSite(principal, actorOf(req), form.agency, input);
      return reply.redirect(`${str(body.more) ? paths.editSite(site.id) : paths.site(site.id)}?done=registered`, 303);
    } catch (e) {
      if (isCode(e, 'validation')) return show(e.issues);
      throw e;
    }
  });

  async function editable(req: FastifyRequest) {
    const principal = requirePrincipal(req);
    const { id } = req.params as { id: string };
    const view = await monitor.site(principal, id);
    if (!view.canManage) throw errors.forbidden('Only the disclosure office over this agency changes its websites');
    return { principal, view };
  }

  app.get(`${paths.list()}/sites/:id/edit`, async (req, reply) => {
    const { view } = await editable(req);
    const done = str(queryOf(req).done);
    return sendPage(reply, h(SiteFormPage, { ctx: req.ctx, site: view.site, agencies: [], agency: view.agency, form: siteFormOf(view.site, view.agency.code), errors: {}, done: done ?? null }));
  });

  app.post(`${paths.list()}/sites/:id/edit`, async (req, reply) => {
    const { principal, view } = await editable(req);
    const body = bodyOf(req);
    const { form, input, rename } = parseSiteForm(body, view.site);
    form.agency = view.agency.code;
    try {
      await monitor.updateSite(principal, actorOf(req), view.site.id, input);
    } catch (e) {
      if (!isCode(e, 'validation')) throw e;
      const errs = issueErrors(req.ctx, e.issues.map((i) => ({ ...i, field: rename(i.field) })));
      return sendPage(reply, h(SiteFormPage, { ctx: req.ctx, site: view.site, agencies: [], agency: view.agency, form: withBlankRows(form), errors: errs }), 400);
    }
    return reply.redirect(`${str(body.more) ? paths.editSite(view.site.id) : paths.site(view.site.id)}?done=updated`, 303);
  });

  // ---- one site, and its checks ---------------------------------------------------------------------

  async function siteView(principal: Principal, id: string): Promise<SiteView> {
    const v = await monitor.site(principal, id);
    return { ...v, defaultDue: addDays(today(), ISSUE_DAYS_DEFAULT) };
  }

  async function sitePage(req: FastifyRequest, reply: FastifyReply, id: string, extra: { problem?: string; status?: number; issue?: IssueForm } = {}) {
    const view = await siteView(requirePrincipal(req), id);
    const done = extra.status ? null : (str(queryOf(req).done) ?? null);
    return sendPage(reply, h(SitePage, { ctx: req.ctx, view, problem: extra.problem, done, issue: extra.issue }), extra.status ?? 200);
  }

  app.get(`${paths.list()}/sites/:id`, async (req, reply) => sitePage(req, reply, (req.params as { id: string }).id));

  app.post(`${paths.list()}/sites/:id/crawl`, async (req, reply) => {
    const principal = requirePrincipal(req);
    const { id } = req.params as { id: string };
    try {
      const { id: crawlId, done } = await monitor.startCrawl(principal, actorOf(req), id, { trigger: 'manual' });
      // The crawl goes on after the response; its page shows the progress. A failure is recorded on the crawl.
      done.catch((err) => req.log.error({ err }, 'website check failed'));
      return reply.redirect(paths.crawl(crawlId), 303);
    } catch (e) {
      if (isCode(e, 'conflict')) return sitePage(req, reply, id, { problem: conflictText(req, e), status: 409 });
      throw e;
    }
  });

  async function crawlPage(req: FastifyRequest, reply: FastifyReply, id: string, extra: { problem?: string; status?: number; issue?: IssueForm } = {}) {
    const principal = requirePrincipal(req);
    const { crawl } = await monitor.crawl(principal, id);
    const view = await siteView(principal, crawl.siteId);
    const refresh = crawl.status === 'running' && str(queryOf(req).refresh) !== '0';
    if (refresh) reply.header('refresh', '2');
    return sendPage(reply, h(CrawlPage, { ctx: req.ctx, crawl, view, problem: extra.problem, issue: extra.issue, refresh }), extra.status ?? 200);
  }

  app.get(`${paths.list()}/crawls/:id`, async (req, reply) => crawlPage(req, reply, (req.params as { id: string }).id));

  app.post(`${paths.list()}/crawls/:id/rectifications`, async (req, reply) => {
    const principal = requirePrincipal(req);
    const { id } = req.params as { id: string };
    const body = bodyOf(req);
    const item = str(body.item) ?? '';
    if (!(findingItems as readonly string[]).includes(item)) throw errors.validation([{ field: 'item', message: 'validation.invalid' }]);
    const form: IssueForm = { item: item as FindingItem, dueOn: field(body, `${item}.dueOn`, 20).trim(), note: field(body, `${item}.note`, 2000), errors: {} };
    try {
      const r = await monitor.issueRectification(principal, actorOf(req), id, form.item, { dueOn: form.dueOn || undefined, note: form.note });
      return reply.redirect(`${paths.rectification(r.id)}?done=issued`, 303);
    } catch (e) {
      if (isCode(e, 'validation')) return crawlPage(req, reply, id, { status: 400, issue: { ...form, errors: issueErrors(req.ctx, e.issues) }, problem: req.ctx.t('oversight.rectification.issue.invalid') });
      if (isCode(e, 'conflict')) return crawlPage(req, reply, id, { status: 409, problem: conflictText(req, e) });
      throw e;
    }
  });

  // ---- rectifications ----------------------------------------------------------------------------------

  app.get(`${paths.list()}/rectifications`, async (req, reply) => {
    const principal = requirePrincipal(req);
    const q = queryOf(req);
    const s = str(q.status);
    const status = (rectificationFilters as readonly string[]).includes(s ?? '') ? (s as RectificationFilter) : null;
    const agencyCode = str(q.agency) || null;
    const only = !!agencyCode && str(q.only) === '1';
    const tree = await services.agencies.tree();
    let rows = await monitor.rectifications(principal, { status: status === 'unclosed' ? ['open', 'replied'] : status ? [status] : undefined });
    if (agencyCode) {
      const a = tree.byCode.get(agencyCode);
      if (!a || !canSeeAgency(principal, tree, a.id)) throw errors.notFound('agency', agencyCode);
      const ids = new Set(only ? [a.id] : tree.subtree(a.id).map((x) => x.id));
      rows = rows.filter((r) => ids.has(r.rectification.agencyId));
    }
    return sendPage(reply, h(RectificationListPage, { ctx: req.ctx, rows, status, agency: agencyCode, only, agencies: agenciesOf(principal, tree).visible }));
  });

  async function rectificationPage(req: FastifyRequest, reply: FastifyReply, id: string, extra: { problem?: string; status?: number; reply?: string; errors?: Record<string, string> } = {}) {
    const v = await monitor.rectification(requirePrincipal(req), id);
    const done = extra.status ? null : (str(queryOf(req).done) ?? null);
    return sendPage(reply, h(RectificationPage, { ctx: req.ctx, ...v, reply: extra.reply ?? '', errors: extra.errors ?? {}, problem: extra.problem, done }), extra.status ?? 200);
  }

  app.get(`${paths.list()}/rectifications/:id`, async (req, reply) => rectificationPage(req, reply, (req.params as { id: string }).id));

  app.post(`${paths.list()}/rectifications/:id/reply`, async (req, reply) => {
    const principal = requirePrincipal(req);
    const { id } = req.params as { id: string };
    const text = field(bodyOf(req), 'reply', 8000);
    try {
      await monitor.replyRectification(principal, actorOf(req), id, { reply: text });
    } catch (e) {
      if (isCode(e, 'validation')) return rectificationPage(req, reply, id, { status: 400, reply: text, errors: issueErrors(req.ctx, e.issues) });
      if (isCode(e, 'conflict')) return rectificationPage(req, reply, id, { status: 409, problem: conflictText(req, e) });
      throw e;
    }
    return reply.redirect(`${paths.rectification(id)}?done=replied`, 303);
  });

  // ---- weekly spot-check reports --------------------------------------------------------------------------

  async function officeOf(principal: Principal, code: string | undefined) {
    const tree = await services.agencies.tree();
    const offices = officesOf(principal, tree);
    const office = code ? tree.byCode.get(code) : (offices.find((o) => canChangeAgency(principal, tree, o.id, 'authority')) ?? offices[0]);
    if (!office || !canSeeAgency(principal, tree, office.id)) throw errors.notFound('agency', code ?? '');
    return { tree, office, offices: offices.some((o) => o.id === office.id) ? offices : [office, ...offices] };
  }
  const lastWeek = () => isoWeekOf(addDays(today(), -7));

  async function spotListPage(req: FastifyRequest, reply: FastifyReply, code: string | undefined, extra: { week?: string; errors?: Record<string, string>; problem?: string; status?: number } = {}) {
    const principal = requirePrincipal(req);
    const { tree, office, offices } = await officeOf(principal, code);
    const weeks = await monitor.spotChecks(principal, office.code);
    const canManage = canChangeAgency(principal, tree, office.id, 'authority');
    return sendPage(reply, h(SpotCheckListPage, { ctx: req.ctx, office, offices, weeks, canManage, week: extra.week ?? lastWeek(), errors: extra.errors ?? {}, problem: extra.problem }), extra.status ?? 200);
  }

  app.get(`${paths.list()}/spot-checks`, async (req, reply) => spotListPage(req, reply, str(queryOf(req).office) || undefined));

  app.post(`${paths.list()}/spot-checks`, async (req, reply) => {
    const principal = requirePrincipal(req);
    const body = bodyOf(req);
    const code = field(body, 'office', 100);
    const week = field(body, 'week', 20).trim().toUpperCase().replace(/^(\d{4})-?W(\d)$/, '$1-W0$2');
    if (!WEEK.test(week)) return spotListPage(req, reply, code, { week, status: 400, errors: { week: req.ctx.t('oversight.validation.week') } });
    try {
      await monitor.generateSpotCheck(principal, actorOf(req), code, week);
    } catch (e) {
      if (isCode(e, 'validation')) return spotListPage(req, reply, code, { week, status: 400, errors: issueErrors(req.ctx, e.issues) });
      if (isCode(e, 'conflict')) return spotListPage(req, reply, code, { week, status: 409, problem: conflictText(req, e) });
      throw e;
    }
    return reply.redirect(`${paths.spotCheck(code, week)}?done=generated`, 303);
  });

  async function spotCheckOf(req: FastifyRequest) {
    const principal = requirePrincipal(req);
    const { office, week } = req.params as { office: string; week: string };
    if (!WEEK.test(week)) throw errors.notFound('spotCheck', week);
    const v = await monitor.spotCheck(principal, office, week);
    if (!v.report) throw errors.notFound('spotCheck', week);
    return { principal, code: office, week, ...v, report: v.report };
  }

  async function spotPage(req: FastifyRequest, reply: FastifyReply, extra: { problem?: string; status?: number } = {}) {
    const v = await spotCheckOf(req);
    const done = extra.status ? null : (str(queryOf(req).done) ?? null);
    return sendPage(reply, h(SpotCheckPage, { ctx: req.ctx, office: v.office, report: v.report, publication: v.publication, canManage: v.canManage, problem: extra.problem, done }), extra.status ?? 200);
  }

  app.get(`${paths.list()}/spot-checks/:office/:week`, async (req, reply) => spotPage(req, reply));

  app.get(`${paths.list()}/spot-checks/:office/:week/docx`, async (req, reply) => {
    const v = await spotCheckOf(req);
    let published: { on: string; indexNo: string | null } | undefined;
    if (v.publication) {
      const indexNo = await services.publications.staffGet(v.principal, v.publication.id).then((p) => p.indexNo, () => null);
      published = { on: v.publication.publishedOn ?? today(), indexNo };
    }
    const bytes = await spotCheckDocx(v.report, req.ctx.t, { published });
    const name = `${spotCheckTitle(v.report, req.ctx.t)}.docx`.replace(/[\\/:*?"<>|\r\n]+/g, '_');
    return reply
      .headers({
        'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'content-disposition': contentDisposition(name),
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-store',
      })
      .send(bytes);
  });

  app.post(`${paths.list()}/spot-checks/:office/:week/generate`, async (req, reply) => {
    const principal = requirePrincipal(req);
    const { office, week } = req.params as { office: string; week: string };
    try {
      await monitor.generateSpotCheck(principal, actorOf(req), office, week);
    } catch (e) {
      if (isCode(e, 'conflict')) return spotPage(req, reply, { problem: conflictText(req, e), status: 409 });
      throw e;
    }
    return reply.redirect(`${paths.spotCheck(office, week)}?done=generated`, 303);
  });

  app.post(`${paths.list()}/spot-checks/:office/:week/publish`, async (req, reply) => {
    const principal = requirePrincipal(req);
    const { office, week } = req.params as { office: string; week: string };
    try {
      await monitor.publishSpotCheck(principal, actorOf(req), office, week);
    } catch (e) {
      if (isCode(e, 'conflict')) {
        if (e.params.reason === 'spotCheckMissing') return spotListPage(req, reply, office, { week, problem: conflictText(req, e), status: 409 });
        return spotPage(req, reply, { problem: conflictText(req, e), status: 409 });
      }
      throw e;
    }
    return reply.redirect(`${paths.spotCheck(office, week)}?done=published`, 303);
  });
}
