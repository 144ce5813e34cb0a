/**
 * The website monitor (spec oversight.md §1, design docs/design/oversight.md): the office registers agencies'
 * websites; probes and crawls record what they saw; each crawl is evaluated against the single-veto items;
 * findings become rectifications (整改) that the next crawl verifies; every Monday the office's weekly spot-check
 * report (周抽查通报) is frozen, and the office may publish it in the catalog.
 */
import { errors } from '../../kernel/errors.ts';
import type { Clock } from '../../kernel/clock.ts';
import { newId } from '../../kernel/ids.ts';
import { isUniqueViolation } from '../../storage/db.ts';
import { parseInput } from '../../kernel/validation.ts';
import { addDays, isoWeekOf, isoWeekRange, todayInShanghai } from '../../kernel/calendar/index.ts';
import { auditScope, canChangeAgency, canSeeAgency, isAdmin, visibleAgencyIds, type Agency, type AgencyTree, type Principal } from '../agencies/index.ts';
import type { AgenciesService } from '../agencies/index.ts';
import type { Actor, AuditService } from '../audit/index.ts';
import type { PublicationsService } from '../catalog/index.ts';
import { crawlSite, hostKey, probeUrl, type CrawlPoliteness, type CrawlProgress } from './crawler.ts';
import { evaluateSite, probeWindow, thresholds } from './evaluate.ts';
import type { CrawlResult, Evaluation, Finding, FindingItem, ProbeOutcome, SiteConfig, SpotCheckReport, SpotCheckSite } from './monitor-types.ts';
import { findingItems, PROBE_INTERVAL_MS } from './monitor-types.ts';
import type { CrawlRow, MonitorRepository, RectificationRow, SiteRow } from './monitor.repository.ts';
import { rectificationInputSchema, rectificationReplySchema, siteConfigOf, siteInputSchema, type SiteInput } from './monitor.schemas.ts';

export interface Site {
  id: string;
  agencyId: string;
  name: string;
  homepage: string;
  /** 'host:port' of every registered URL (the crawler requests no other host). */
  hosts: string[];
  config: SiteConfig;
  own: boolean;
  active: boolean;
  probeOffsetMin: number;
  updatedAt: string;
}

export interface Crawl {
  id: string;
  siteId: string;
  trigger: string;
  status: 'running' | 'done' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  pages: number;
  verdict: 'pass' | 'fail' | null;
  error: string | null;
  result: CrawlResult | null;
  evaluation: Evaluation | null;
}

export type RectificationStatus = 'open' | 'replied' | 'closed';
export interface Rectification {
  id: string;
  siteId: string;
  agencyId: string;
  crawlId: string;
  item: FindingItem;
  finding: Finding;
  note: string | null;
  dueOn: string;
  status: RectificationStatus;
  reopened: number;
  issuedAt: string;
  issuedBy: string;
  reply: string | null;
  repliedAt: string | null;
  closedAt: string | null;
  overdue: boolean;
}

export const siteOf = (r: SiteRow): Site => ({
  id: r.id,
  agencyId: r.agency_id,
  name: r.name,
  homepage: r.homepage_url,
  hosts: r.hosts.split(' '),
  config: JSON.parse(r.config) as SiteConfig,
  own: !!r.own,
  active: !!r.active,
  probeOffsetMin: r.probe_offset_min,
  updatedAt: r.updated_at,
});

const probeOf = (p: { at: string; ok: number; status: number | null; ms: number; error: string | null }): ProbeOutcome => ({ at: p.at, ok: !!p.ok, status: p.status, ms: p.ms, error: p.error });

/**
 * The hosts a site's crawl may request: those of every registered URL (homepage, columns, interaction, guides), each
 * on both default ports when it has no port of its own (a site moving from http to https stays reachable), as
 * 'host:port' separated by spaces.
 */
export function siteHosts(config: SiteConfig): string {
  const out = new Set<string>();
  for (const url of [config.homepage, ...config.columns.map((c) => c.url), ...config.interaction.map((c) => c.url), ...config.guides.map((c) => c.url)]) {
    const u = new URL(url);
    out.add(hostKey(u));
    if (!u.port) for (const port of ['80', '443']) out.add(`${u.hostname.toLowerCase()}:${port}`);
  }
  return [...out].sort().join(' ');
}

export const crawlOf = (r: Partial<CrawlRow> & Pick<CrawlRow, 'id' | 'site_id' | 'trigger' | 'status' | 'started_at' | 'finished_at' | 'pages' | 'verdict' | 'error'>): Crawl => ({
  id: r.id,
  siteId: r.site_id,
  trigger: r.trigger,
  status: r.status as Crawl['status'],
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  pages: r.pages,
  verdict: (r.verdict as Crawl['verdict']) ?? null,
  error: r.error,
  result: r.result ? (JSON.parse(r.result) as CrawlResult) : null,
  evaluation: r.evaluation ? (JSON.parse(r.evaluation) as Evaluation) : null,
});

/** Gongkai's own portal pages of an agency, registered automatically (robots ignored: they are the office's own). */
export function ownSiteConfig(publicUrl: string, code: string): SiteConfig {
  const base = publicUrl.replace(/\/+$/, '');
  const c = encodeURIComponent(code);
  const list = { itemSelector: 'ul.pub-list > li', date: { type: 'pattern' as const } };
  return {
    homepage: `${base}/zwgk/${c}`,
    columns: [
      { name: '工作动态', url: `${base}/xxgk?agency=${c}&kind=news`, kind: 'news', ...list },
      { name: '通知公告', url: `${base}/xxgk?agency=${c}&kind=notice`, kind: 'notice', ...list },
      { name: '政策文件', url: `${base}/xxgk?agency=${c}&kind=normativeDocument`, kind: 'notice', ...list },
    ],
    interaction: [{ name: '依申请公开', url: `${base}/zwgk/${c}/apply`, date: { type: 'pattern' } }],
    guides: [],
    ignoreRobots: true,
    maxDepth: 1,
    maxPages: 60,
    maxExternalLinks: 0,
  };
}

/** A running crawl's process writes a heartbeat this often; one without a heartbeat for STALE_MS was interrupted. */
const HEARTBEAT_MS = 60_000;
const STALE_MS = 5 * 60_000;

const ISSUE_DAYS_DEFAULT = 10; // calendar days an agency is given to rectify, unless the office sets a date

export function createMonitorService(deps: {
  repo: MonitorRepository;
  agencies: AgenciesService;
  publications: PublicationsService;
  audit: AuditService;
  clock: Clock;
  /** Where Gongkai's own portal is reachable by the monitor (own sites); null until the server knows (setPublicUrl). */
  publicUrl: string | null;
  /** Politeness of crawls; tests and the benchmark may turn it off. */
  politeness: CrawlPoliteness | false;
  /** The title and catalog body (sanitisable HTML, Chinese: the official document) of a published weekly report. */
  spotCheckPublication: (report: SpotCheckReport) => { title: string; body: string };
}) {
  const { repo, agencies, audit, clock } = deps;
  const now = () => clock.now();
  const staleBefore = () => new Date(now().getTime() - STALE_MS).toISOString();
  let publicUrl = deps.publicUrl;

  async function visibleSite(principal: Principal, id: string): Promise<{ tree: AgencyTree; site: Site }> {
    const tree = await agencies.tree();
    const row = await repo.site(id);
    if (!row || !canSeeAgency(principal, tree, row.agency_id)) throw errors.notFound('site', id);
    return { tree, site: siteOf(row) };
  }
  /** The office over an agency: its authority (or an administrator) registers sites and issues rectifications. */
  function requireAuthority(principal: Principal, tree: AgencyTree, agencyId: string) {
    if (!canChangeAgency(principal, tree, agencyId, 'authority')) throw errors.forbidden('Only the disclosure office over this agency may do this');
  }

  /** An office's weekly reports name every agency's failures: only those who supervise it (or administrators) read them. */
  async function supervisedOffice(principal: Principal, code: string): Promise<{ tree: AgencyTree; office: Agency }> {
    const tree = await agencies.tree();
    const office = tree.byCode.get(code);
    const scope = auditScope(principal, tree);
    if (!office || !scope || (scope !== 'all' && !scope.has(office.id))) throw errors.notFound('agency', code);
    return { tree, office };
  }

  async function allowedHosts(): Promise<Set<string>> {
    return new Set(await repo.hosts());
  }

  function rectificationOf(r: RectificationRow, today: string): Rectification {
    return {
      id: r.id,
      siteId: r.site_id,
      agencyId: r.agency_id,
      crawlId: r.crawl_id,
      item: r.item as FindingItem,
      finding: JSON.parse(r.finding) as Finding,
      note: r.note,
      dueOn: r.due_on,
      status: r.status as RectificationStatus,
      reopened: r.reopened,
      issuedAt: r.issued_at,
      issuedBy: r.issued_by,
      reply: r.reply,
      repliedAt: r.replied_at,
      closedAt: r.closed_at,
      overdue: r.status === 'open' && today > r.due_on,
    };
  }

  /**
   * After a crawl, each replied rectification of the site is verified: closed when the crawl saw what the finding was
   * about and the finding is gone, reopened when it is still there. What the crawl could not see is left as replied:
   * a homepage that did not open says nothing about stale columns; reachability is judged on the probes since the
   * reply (once there are enough of them), not on the week before it.
   */
  async function verifyRectifications(site: Site, crawlId: string, result: CrawlResult, evaluation: Evaluation) {
    const pending = await repo.rectifications('all', { siteId: site.id, status: ['replied'] });
    const at = now();
    const homepageOpened = !result.homepage.error && result.homepage.status !== null && result.homepage.status < 400;
    for (const r of pending) {
      let still: Finding | undefined;
      if (r.item === 'unreachable') {
        const probes = (await repo.probes(site.id, r.replied_at ?? r.issued_at, at.toISOString())).map(probeOf);
        if (probes.length < thresholds.minProbes) continue;
        still = evaluateSite({ homepage: site.homepage, crawl: null, probes, at }).findings.find((f) => f.item === 'unreachable');
      } else {
        if (!homepageOpened) continue;
        still = evaluation.findings.find((f) => f.item === r.item);
      }
      const when = at.toISOString();
      if (still) {
        await repo.updateRectification(r.id, 'replied', { status: 'open', reopened: r.reopened + 1, updated_at: when }, { rectification_id: r.id, type: 'reopened', at: when, by: null, data: JSON.stringify({ crawlId, finding: still }) });
      } else {
        await repo.updateRectification(r.id, 'replied', { status: 'closed', closed_at: when, updated_at: when }, { rectification_id: r.id, type: 'verified', at: when, by: null, data: JSON.stringify({ crawlId }) });
      }
    }
  }

  const service = {
    // --- Sites ---
    /** The sites of every agency the principal sees, each with its newest finished crawl's verdict. */
    async sites(principal: Principal, opts: { agencyCode?: string } = {}) {
      const tree = await agencies.tree();
      let ids: string[] | 'all' = ((v) => (v === 'all' ? 'all' : [...v]))(visibleAgencyIds(principal, tree));
      if (opts.agencyCode) {
        const a = tree.byCode.get(opts.agencyCode);
        if (!a || !canSeeAgency(principal, tree, a.id)) throw errors.notFound('agency', opts.agencyCode);
        ids = tree.subtree(a.id).map((x) => x.id).filter((id) => ids === 'all' || ids.includes(id));
      }
      const sites = (await repo.sites(ids)).map(siteOf);
      const latest = await repo.latestCrawls(sites.map((s) => s.id), undefined, ['result']);
      const open = await repo.rectifications(ids, { status: ['open', 'replied'] });
      return {
        tree,
        sites: sites.map((s) => {
          const c = latest.get(s.id);
          return { site: s, agency: tree.byId.get(s.agencyId)!, latest: c ? crawlOf(c) : null, openRectifications: open.filter((r) => r.site_id === s.id).length };
        }),
      };
    },

    async site(principal: Principal, id: string) {
      const { tree, site } = await visibleSite(principal, id);
      const [crawls, latest, rects, running] = await Promise.all([repo.crawls(id, 20), repo.latestCrawls([id]), repo.rectifications('all', { siteId: id }), repo.running(id)]);
      const today = todayInShanghai(now());
      const window = probeWindow(now());
      const probes = await repo.probes(id, window.from, window.to);
      const latestRow = latest.get(id);
      return {
        site,
        agency: tree.byId.get(site.agencyId)!,
        canManage: canChangeAgency(principal, tree, site.agencyId, 'authority'),
        crawls: crawls.map((c) => crawlOf(c)),
        latest: latestRow ? crawlOf(latestRow) : null,
        running: running ? { id: running.id, startedAt: running.started_at } : null,
        probes: probes.map(probeOf),
        rectifications: rects.map((r) => rectificationOf(r, today)),
      };
    },

    async registerSite(principal: Principal, actor: Actor, agencyCode: string, input: SiteInput): Promise<Site> {
      const tree = await agencies.tree();
      const agency = tree.byCode.get(agencyCode);
      if (!agency || !canSeeAgency(principal, tree, agency.id)) throw errors.notFound('agency', agencyCode);
      requireAuthority(principal, tree, agency.id);
      const parsed = parseInput(siteInputSchema, input);
      if (await repo.siteByHomepage(parsed.homepage)) throw errors.validation([{ field: 'homepage', message: 'oversight.validation.homepageTaken' }]);
      const at = now().toISOString();
      const id = newId(now().getTime());
      await repo.insertSite({
        id,
        agency_id: agency.id,
        name: parsed.name,
        homepage_url: parsed.homepage,
        hosts: siteHosts(siteConfigOf(parsed)),
        config: JSON.stringify(siteConfigOf(parsed)),
        own: 0,
        active: 1,
        probe_offset_min: offsetOf(id),
        created_at: at,
        updated_at: at,
        updated_by: actor.userId,
      });
      await audit.record(actor, { action: 'monitor.registerSite', target: { type: 'monitorSite', id, label: parsed.name }, agencyId: agency.id, detail: { homepage: parsed.homepage } });
      return siteOf((await repo.site(id))!);
    },

    async updateSite(principal: Principal, actor: Actor, id: string, input: SiteInput & { active?: boolean }): Promise<Site> {
      const { tree, site } = await visibleSite(principal, id);
      requireAuthority(principal, tree, site.agencyId);
      const parsed = parseInput(siteInputSchema, input);
      const other = await repo.siteByHomepage(parsed.homepage);
      if (other && other.id !== id) throw errors.validation([{ field: 'homepage', message: 'oversight.validation.homepageTaken' }]);
      const at = now().toISOString();
      await repo.updateSite(id, {
        name: parsed.name,
        homepage_url: parsed.homepage,
        hosts: siteHosts(siteConfigOf(parsed)),
        config: JSON.stringify(siteConfigOf(parsed)),
        active: input.active === false ? 0 : 1,
        updated_at: at,
        updated_by: actor.userId,
      });
      await audit.record(actor, { action: 'monitor.updateSite', target: { type: 'monitorSite', id, label: parsed.name }, agencyId: site.agencyId, detail: { homepage: parsed.homepage, active: input.active !== false } });
      return siteOf((await repo.site(id))!);
    },

    /** The portal's address as the monitor requests it (the server sets it once it listens, unless PUBLIC_URL is set). */
    setPublicUrl(url: string) {
      publicUrl = url.replace(/\/+$/, '');
    },
    publicUrl: () => publicUrl,

    /**
     * Registers (or updates) every agency's pages on Gongkai's own portal. Returns how many were added. A disabled
     * agency's site is deactivated; a site the office deactivated stays so.
     */
    async syncOwnSites(): Promise<number> {
      if (!publicUrl) return 0;
      const tree = await agencies.tree();
      const existing = new Map((await repo.sites('all')).filter((s) => s.own).map((s) => [s.agency_id, s]));
      let added = 0;
      const at = now().toISOString();
      for (const a of tree.all()) {
        const config = ownSiteConfig(publicUrl, a.code);
        const row = existing.get(a.id);
        if (row) {
          if (row.homepage_url !== config.homepage || row.config !== JSON.stringify(config) || (a.disabled && row.active)) {
            await repo.updateSite(row.id, { homepage_url: config.homepage, hosts: siteHosts(config), config: JSON.stringify(config), active: a.disabled ? 0 : row.active, updated_at: at });
          }
          continue;
        }
        if (a.disabled || (await repo.siteByHomepage(config.homepage))) continue;
        const id = newId(now().getTime());
        await repo.insertSite({ id, agency_id: a.id, name: `${a.name}（政务公开平台）`, homepage_url: config.homepage, hosts: siteHosts(config), config: JSON.stringify(config), own: 1, active: 1, probe_offset_min: offsetOf(id), created_at: at, updated_at: at, updated_by: null });
        added++;
      }
      return added;
    },

    // --- Probes and crawls ---
    /** One reachability visit of a site's homepage, recorded. */
    async probe(siteId: string, hosts?: Set<string>): Promise<ProbeOutcome> {
      const row = await repo.site(siteId);
      if (!row) throw errors.notFound('site', siteId);
      const outcome = await probeUrl(row.homepage_url, { allowedHosts: hosts ?? (await allowedHosts()), now });
      await repo.insertProbe({ id: newId(now().getTime()), site_id: siteId, at: outcome.at, ok: outcome.ok ? 1 : 0, status: outcome.status, ms: outcome.ms, error: outcome.error });
      return outcome;
    },

    /** The scheduler's minute: probes every active site whose offset is this minute of the hour (24 visits a day each). */
    async probeDue(at: Date = now()): Promise<number> {
      const minute = Math.floor((at.getTime() % PROBE_INTERVAL_MS) / 60_000);
      const due = await repo.sitesProbedAt(minute);
      if (!due.length) return 0;
      const hosts = await allowedHosts();
      await Promise.all(due.map((s) => service.probe(s.id, hosts).catch(() => undefined)));
      return due.length;
    },

    /**
     * Starts a crawl of a site. Returns at once with the crawl's id (the page shows its progress); `done` settles when
     * the crawl has finished and been evaluated. A site has one crawl at a time.
     */
    async startCrawl(principal: Principal | null, actor: Actor, siteId: string, opts: { trigger: 'manual' | 'schedule' | 'cli'; onProgress?: (p: CrawlProgress) => void; signal?: AbortSignal } = { trigger: 'manual' }) {
      const row = await repo.site(siteId);
      if (!row) throw errors.notFound('site', siteId);
      if (principal) {
        const tree = await agencies.tree();
        if (!canSeeAgency(principal, tree, row.agency_id)) throw errors.notFound('site', siteId);
        requireAuthority(principal, tree, row.agency_id);
      }
      await repo.failStaleRunning(staleBefore(), now().toISOString(), siteId); // a crawl whose process stopped does not block
      const running = await repo.running(siteId);
      if (running) throw errors.conflict('a crawl of this site is running', { reason: 'crawlRunning', crawl: running.id });
      const site = siteOf(row);
      const id = newId(now().getTime());
      const startedAt = now().toISOString();
      try {
        await repo.insertCrawl({ id, site_id: siteId, trigger: opts.trigger, status: 'running', started_at: startedAt, pages: 0, started_by: actor.userId });
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
        const other = await repo.running(siteId);
        throw errors.conflict('a crawl of this site is running', { reason: 'crawlRunning', crawl: other?.id ?? '' });
      }
      if (principal) await audit.record(actor, { action: 'monitor.crawl', target: { type: 'monitorSite', id: siteId, label: site.name }, agencyId: site.agencyId, detail: { crawl: id } });
      const done = (async (): Promise<Crawl> => {
        let lastSaved = 0;
        // The heartbeat: other processes see the crawl is alive even while it waits on a slow site.
        const heartbeat = setInterval(() => void repo.updateCrawl(id, { progress_at: now().toISOString() }).catch(() => undefined), HEARTBEAT_MS);
        heartbeat.unref();
        try {
          const result = await crawlSite({
            config: site.config,
            allowedHosts: await allowedHosts(),
            // Our own portal needs no delay between requests; every other site gets the configured politeness.
            politeness: site.own && deps.politeness ? { ...deps.politeness, delayMs: 0 } : deps.politeness,
            now,
            signal: opts.signal,
            onProgress: (p) => {
              opts.onProgress?.(p);
              if (p.pages - lastSaved >= 10) {
                lastSaved = p.pages;
                void repo.updateCrawl(id, { pages: p.pages, progress_at: now().toISOString() }).catch(() => undefined);
              }
            },
          });
          const at = now();
          const window = probeWindow(at);
          const probes = (await repo.probes(siteId, window.from, window.to)).map(probeOf);
          const evaluation = evaluateSite({ homepage: site.homepage, crawl: result, probes, at });
          await repo.updateCrawl(id, { status: 'done', finished_at: result.finishedAt, pages: result.pagesFetched, verdict: evaluation.verdict, result: JSON.stringify(result), evaluation: JSON.stringify(evaluation) });
          await verifyRectifications(site, id, result, evaluation);
        } catch (e) {
          await repo.updateCrawl(id, { status: 'failed', finished_at: now().toISOString(), error: e instanceof Error ? e.message : String(e) });
        } finally {
          clearInterval(heartbeat);
        }
        return crawlOf((await repo.crawl(id))!);
      })();
      return { id, done };
    },

    async crawl(principal: Principal, id: string): Promise<{ crawl: Crawl; site: Site; agency: Agency }> {
      const row = await repo.crawl(id);
      if (!row) throw errors.notFound('crawl', id);
      const { tree, site } = await visibleSite(principal, row.site_id);
      return { crawl: crawlOf(row), site, agency: tree.byId.get(site.agencyId)! };
    },

    /** Crawls every active site (the daily job, `gongkai monitor run`), one after another; returns the crawls. */
    async crawlAll(actor: Actor, opts: { trigger: 'schedule' | 'cli'; siteIds?: string[]; onSite?: (site: Site, index: number, total: number) => void; onProgress?: (p: CrawlProgress) => void; signal?: AbortSignal; concurrency?: number }) {
      const tree = await agencies.tree();
      const rows = (opts.siteIds ? (await Promise.all(opts.siteIds.map((id) => repo.site(id)))).filter((r): r is SiteRow => !!r) : await repo.activeSites()).filter(
        (r) => !tree.byId.get(r.agency_id)?.disabled,
      );
      // Sites in parallel (`concurrency` at a time; politeness is per host within each crawl), results in site order.
      const out: (Crawl | undefined)[] = [];
      let next = 0;
      const worker = async () => {
        while (next < rows.length && !opts.signal?.aborted) {
          const i = next++;
          const row = rows[i]!;
          opts.onSite?.(siteOf(row), i, rows.length);
          if (await repo.running(row.id)) continue;
          const { done } = await service.startCrawl(null, actor, row.id, { trigger: opts.trigger, onProgress: opts.onProgress, signal: opts.signal });
          out[i] = await done;
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 1) }, worker));
      return out.filter((c): c is Crawl => !!c);
    },

    /** Site rows by homepage URL or agency code (the CLI's --site / --agency). */
    async sitesFor(q: { homepage?: string; agencyCode?: string }): Promise<Site[]> {
      if (q.homepage) {
        const r = await repo.siteByHomepage(q.homepage);
        return r ? [siteOf(r)] : [];
      }
      const tree = await agencies.tree();
      if (q.agencyCode) {
        const a = tree.byCode.get(q.agencyCode);
        if (!a) throw errors.notFound('agency', q.agencyCode);
        return (await repo.sites(tree.subtree(a.id).map((x) => x.id))).filter((s) => s.active).map(siteOf);
      }
      return (await repo.activeSites()).map(siteOf);
    },

    /** Crawls left running by a stopped process are marked failed (at start-up). */
    failInterrupted: () => repo.failStaleRunning(staleBefore(), now().toISOString()),

    // --- Rectifications ---
    /** The office turns a finding of a crawl into a task for the agency, due on a date. */
    async issueRectification(principal: Principal, actor: Actor, crawlId: string, item: FindingItem, input: { dueOn?: string; note?: string }): Promise<Rectification> {
      const row = await repo.crawl(crawlId);
      if (!row) throw errors.notFound('crawl', crawlId);
      const { tree, site } = await visibleSite(principal, row.site_id);
      requireAuthority(principal, tree, site.agencyId);
      const today = todayInShanghai(now());
      const parsed = parseInput(rectificationInputSchema, { dueOn: input.dueOn || addDays(today, ISSUE_DAYS_DEFAULT), note: input.note });
      if (parsed.dueOn < today) throw errors.validation([{ field: 'dueOn', message: 'oversight.validation.dueInPast' }]);
      const finding = crawlOf(row).evaluation?.findings.find((f) => f.item === item);
      if (!finding) throw errors.notFound('finding', item);
      const open = await repo.rectifications('all', { siteId: site.id, status: ['open', 'replied'] });
      if (open.some((r) => r.item === item)) throw errors.conflict('a rectification for this item is open', { reason: 'rectificationOpen' });
      const at = now().toISOString();
      const id = newId(now().getTime());
      await repo
        .insertRectification(
          { id, site_id: site.id, agency_id: site.agencyId, crawl_id: crawlId, item, finding: JSON.stringify(finding), note: parsed.note, due_on: parsed.dueOn, status: 'open', reopened: 0, issued_at: at, issued_by: actor.name, updated_at: at },
          { rectification_id: id, seq: 1, type: 'issued', at, by: actor.name, data: JSON.stringify({ dueOn: parsed.dueOn, note: parsed.note }) },
        )
        .catch((e) => {
          throw isUniqueViolation(e) ? errors.conflict('a rectification for this item is open', { reason: 'rectificationOpen' }) : e;
        });
      await audit.record(actor, { action: 'monitor.issueRectification', target: { type: 'rectification', id, label: `${site.name} ${item}` }, agencyId: site.agencyId, detail: { item, dueOn: parsed.dueOn } });
      return rectificationOf((await repo.rectification(id))!, today);
    },

    /** The agency's own staff reply with what they fixed (not the office on its behalf); the next crawl verifies it. */
    async replyRectification(principal: Principal, actor: Actor, id: string, input: { reply: string }): Promise<Rectification> {
      const r = await repo.rectification(id);
      const tree = await agencies.tree();
      if (!r || !canSeeAgency(principal, tree, r.agency_id)) throw errors.notFound('rectification', id);
      if (!canReplyFor(principal, r.agency_id)) throw errors.forbidden('Only the agency’s own staff reply to a rectification');
      if (r.status !== 'open') throw errors.conflict('rectification not open', { reason: 'notOpen', status: r.status });
      const parsed = parseInput(rectificationReplySchema, input);
      const at = now().toISOString();
      const moved = await repo.updateRectification(id, 'open', { status: 'replied', reply: parsed.reply, replied_at: at, updated_at: at }, { rectification_id: id, type: 'replied', at, by: actor.name, data: JSON.stringify({ reply: parsed.reply }) });
      if (!moved) throw errors.conflict('rectification not open', { reason: 'notOpen', status: (await repo.rectification(id))?.status ?? '' });
      await audit.record(actor, { action: 'monitor.replyRectification', target: { type: 'rectification', id }, agencyId: r.agency_id, detail: {} });
      return rectificationOf((await repo.rectification(id))!, todayInShanghai(now()));
    },

    async rectification(principal: Principal, id: string) {
      const r = await repo.rectification(id);
      const tree = await agencies.tree();
      if (!r || !canSeeAgency(principal, tree, r.agency_id)) throw errors.notFound('rectification', id);
      const site = siteOf((await repo.site(r.site_id))!);
      const events = (await repo.rectificationEvents(id)).map((e) => ({ seq: e.seq, type: e.type, at: e.at, by: e.by, data: JSON.parse(e.data) as Record<string, unknown> }));
      return {
        rectification: rectificationOf(r, todayInShanghai(now())),
        site,
        agency: tree.byId.get(r.agency_id)!,
        events,
        canReply: r.status === 'open' && canReplyFor(principal, r.agency_id),
      };
    },

    async rectifications(principal: Principal, q: { status?: RectificationStatus[] } = {}) {
      const tree = await agencies.tree();
      const v = visibleAgencyIds(principal, tree);
      const rows = await repo.rectifications(v === 'all' ? 'all' : [...v], { status: q.status });
      const today = todayInShanghai(now());
      const sites = new Map((await repo.sites(v === 'all' ? 'all' : [...v])).map((s) => [s.id, s]));
      return rows.map((r) => ({ rectification: rectificationOf(r, today), agency: tree.byId.get(r.agency_id)!, siteName: sites.get(r.site_id)?.name ?? '' }));
    },

    /** Per agency: the newest crawl verdict of its sites (fail if any site fails) and its open rectifications. */
    async agencyStates(agencyIds: string[] | 'all'): Promise<Map<string, { verdict: 'pass' | 'fail' | null; checkedAt: string | null; sites: number; openRectifications: number }>> {
      const sites = (await repo.sites(agencyIds)).filter((s) => s.active);
      const latest = await repo.latestCrawls(sites.map((s) => s.id), undefined, ['result', 'evaluation']);
      const open = await repo.openRectificationCounts(agencyIds);
      const out = new Map<string, { verdict: 'pass' | 'fail' | null; checkedAt: string | null; sites: number; openRectifications: number }>();
      for (const s of sites) {
        const cur = out.get(s.agency_id) ?? { verdict: null, checkedAt: null, sites: 0, openRectifications: open.get(s.agency_id) ?? 0 };
        cur.sites++;
        const c = latest.get(s.id);
        if (c?.verdict) {
          cur.verdict = cur.verdict === 'fail' || c.verdict === 'fail' ? 'fail' : 'pass';
          if (!cur.checkedAt || (c.finished_at ?? '') > cur.checkedAt) cur.checkedAt = c.finished_at;
        }
        out.set(s.agency_id, cur);
      }
      for (const [agencyId, n] of open) if (!out.has(agencyId)) out.set(agencyId, { verdict: null, checkedAt: null, sites: 0, openRectifications: n });
      return out;
    },

    // --- Weekly spot-check report ---
    /**
     * An office's report for an ISO week: every active site in its subtree, evaluated from the week's newest crawl and
     * the week's probes (at the end of the week). Computed, not stored; `generateSpotCheck` freezes it.
     */
    async buildSpotCheck(officeCode: string, week: string): Promise<SpotCheckReport> {
      const range = isoWeekRange(week);
      if (!range) throw errors.validation([{ field: 'week', message: 'oversight.validation.week' }]);
      const tree = await agencies.tree();
      const office = tree.byCode.get(officeCode);
      if (!office) throw errors.notFound('agency', officeCode);
      const ids = tree.subtree(office.id).map((a) => a.id);
      const sites = (await repo.sites(ids)).filter((s) => s.active);
      // The week in UTC instants: Monday 00:00 to the next Monday 00:00, Asia/Shanghai (UTC+8).
      const from = new Date(`${range.from}T00:00:00+08:00`).toISOString();
      const to = new Date(`${addDays(range.to, 1)}T00:00:00+08:00`).toISOString();
      const at = new Date(Math.min(new Date(to).getTime() - 1, now().getTime()));
      const out: SpotCheckSite[] = [];
      // A few sites at a time: a crawl's result can be hundreds of kilobytes.
      const latest = new Map<string, CrawlRow>();
      for (const [i, s] of sites.entries()) {
        if (i % 50 === 0) {
          latest.clear();
          for (const [k, v] of await repo.latestCrawls(sites.slice(i, i + 50).map((x) => x.id), { from, to })) latest.set(k, v);
        }
        const agency = tree.byId.get(s.agency_id)!;
        const c = latest.get(s.id);
        const probes = (await repo.probes(s.id, from, to)).map(probeOf);
        const result = c?.result ? (JSON.parse(c.result) as CrawlResult) : null;
        // Without a crawl in the week, the probes alone can still show the site unreachable (a veto); otherwise it was not checked.
        // Judged as of the crawl (what the site page showed then), with the whole week's probes.
        const evaluated = c || probes.length ? evaluateSite({ homepage: s.homepage_url, crawl: result, probes, at: c?.finished_at ? new Date(c.finished_at) : at }) : null;
        const evaluation = c || evaluated?.verdict === 'fail' ? evaluated : null;
        out.push({
          siteId: s.id,
          agency: { code: agency.code, name: agency.name },
          name: s.name,
          homepage: s.homepage_url,
          crawledAt: c?.finished_at ?? null,
          verdict: evaluation?.verdict ?? null,
          findings: evaluation?.findings ?? [],
          probes: { total: probes.length, failed: probes.filter((p) => !p.ok).length },
        });
      }
      const byItem: Partial<Record<FindingItem, number>> = {};
      for (const s of out) for (const f of s.findings) if (f.veto) byItem[f.item] = (byItem[f.item] ?? 0) + 1;
      const ordered = Object.fromEntries(findingItems.filter((i) => byItem[i]).map((i) => [i, byItem[i]!])) as Partial<Record<FindingItem, number>>;
      return {
        week,
        from: range.from,
        to: range.to,
        office: { code: office.code, name: office.name },
        generatedAt: now().toISOString(),
        sites: out,
        summary: { sites: out.length, checked: out.filter((s) => s.verdict).length, failed: out.filter((s) => s.verdict === 'fail').length, byItem: ordered },
      };
    },

    /** Freezes an office's report for a week (regenerating an unpublished one). */
    async generateSpotCheck(principal: Principal | null, actor: Actor, officeCode: string, week: string): Promise<SpotCheckReport> {
      const tree = await agencies.tree();
      const office = tree.byCode.get(officeCode);
      if (!office) throw errors.notFound('agency', officeCode);
      if (principal) requireAuthority(principal, tree, office.id);
      const existing = await repo.spotCheck(office.id, week);
      if (existing?.publication_id) throw errors.conflict('the report of this week is published', { reason: 'spotCheckPublished' });
      const report = await service.buildSpotCheck(officeCode, week);
      await repo.saveSpotCheck({ id: existing?.id ?? newId(now().getTime()), agency_id: office.id, week, generated_at: report.generatedAt, snapshot: JSON.stringify(report) });
      await audit.record(actor, { action: 'monitor.spotCheck', target: { type: 'spotCheck', id: week, label: `${office.name} ${week}` }, agencyId: office.id, detail: { sites: report.summary.sites, failed: report.summary.failed } });
      return report;
    },

    /** The stored report of a week (null when not generated yet) and its publication. */
    async spotCheck(principal: Principal, officeCode: string, week: string) {
      const { tree, office } = await supervisedOffice(principal, officeCode);
      const row = await repo.spotCheck(office.id, week);
      return {
        office,
        report: row ? (JSON.parse(row.snapshot) as SpotCheckReport) : null,
        publication: row?.publication_id ? { id: row.publication_id, publishedOn: row.published_on } : null,
        canManage: canChangeAgency(principal, tree, office.id, 'authority'),
      };
    },

    async spotChecks(principal: Principal, officeCode: string) {
      const { office } = await supervisedOffice(principal, officeCode);
      return (await repo.spotChecks(office.id)).map((r) => ({ week: r.week, generatedAt: r.generated_at, publicationId: r.publication_id, publishedOn: r.published_on }));
    },

    /** The office publishes a week's report in the catalog (kind notice, genre 通报). */
    async publishSpotCheck(principal: Principal, actor: Actor, officeCode: string, week: string): Promise<{ publicationId: string; indexNo: string | null }> {
      const tree = await agencies.tree();
      const office = tree.byCode.get(officeCode);
      if (!office || !canSeeAgency(principal, tree, office.id)) throw errors.notFound('agency', officeCode);
      requireAuthority(principal, tree, office.id);
      const row = await repo.spotCheck(office.id, week);
      if (!row) throw errors.conflict('the report of this week has not been generated', { reason: 'spotCheckMissing' });
      if (row.publication_id) throw errors.conflict('the report of this week is published', { reason: 'spotCheckPublished' });
      const report = JSON.parse(row.snapshot) as SpotCheckReport;
      const today = todayInShanghai(now());
      const { title, body } = deps.spotCheckPublication(report);
      const draft = await deps.publications.createDraft(principal, actor, office.code, {
        title,
        kind: 'notice',
        genre: '通报',
        topic: '综合政务/政务公开',
        writtenOn: today,
        keywords: ['政府网站', '抽查', '通报'],
        summary: `${report.from}至${report.to}，抽查网站${report.summary.checked}个，不合格${report.summary.failed}个。`,
        body,
      });
      await deps.publications.submit(principal, actor, draft.id);
      const { publication } = await deps.publications.approve(principal, actor, draft.id, { confidentialityReviewed: true, note: 'weekly website spot-check report' });
      await repo.setSpotCheckPublished(row.id, publication.id, today);
      await audit.record(actor, { action: 'monitor.publishSpotCheck', target: { type: 'spotCheck', id: week, label: title }, agencyId: office.id, detail: { publication: publication.id } });
      return { publicationId: publication.id, indexNo: publication.indexNo };
    },

    /** The Monday job: every office (a government with sites below it) gets last week's report. */
    async generateLastWeek(actor: Actor): Promise<string[]> {
      const week = isoWeekOf(addDays(todayInShanghai(now()), -7));
      const tree = await agencies.tree();
      const withSites = new Set((await repo.sites('all')).map((s) => s.agency_id));
      const offices = tree.all().filter((a) => a.kind === 'government' && !a.disabled && tree.subtree(a.id).some((x) => withSites.has(x.id)));
      const done: string[] = [];
      for (const o of offices) {
        const existing = await repo.spotCheck(o.id, week);
        if (existing) continue;
        await service.generateSpotCheck(null, actor, o.code, week);
        done.push(o.code);
      }
      return done;
    },
  };
  return service;
}
export type MonitorService = ReturnType<typeof createMonitorService>;

/** Who answers a rectification: the agency's own staff (any role but the read-only inspector), or an administrator. */
function canReplyFor(p: Principal, agencyId: string): boolean {
  return isAdmin(p) || p.grants.some((g) => g.agencyId === agencyId && g.role !== 'inspector');
}

/** Spreads sites over the hour: a minute derived from the id (stable, uniform enough). */
function offsetOf(id: string): number {
  let h = 0;
  for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h % 60;
}
