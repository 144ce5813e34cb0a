import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { translator } from '../../http/i18n/index.ts';
import { isoWeekRange } from '../../kernel/calendar/index.ts';
import { cliActor } from '../../modules/audit/index.ts';
import type { Crawl, Finding, Site, SpotCheckReport } from '../../modules/oversight/index.ts';
import { evidenceText, findingLabel, spotCheckDocx, spotCheckTitle } from '../../modules/oversight/spot-check-docx.ts';
import { spotCheckCatalogBody } from '../../modules/oversight/views/spot-check-body.ts';
import type { Services } from '../../services.ts';
import { optString, printJson, requireString, UsageError, type Command, type CommandContext } from '../framework.ts';
import { formatTable, n, positionals, ProgressLine, withServices } from './shared.ts';

/** The CLI speaks English; the report's own texts (titles, evidence) come from the catalog. */
const t = translator('en');

/** The first piece of evidence of a finding, as the URL the office would open. */
function firstEvidenceUrl(f: Finding): string {
  return f.evidence[0]?.url ?? '';
}

/** One finding in two lines: veto or deduction, item, figure vs threshold, first evidence URL; then what was seen. */
export function findingLines(f: Finding): string[] {
  const head = `  ${f.veto ? 'VETO     ' : 'deduction'}  ${f.item}: ${findingLabel(f, t)} — ${f.value} vs threshold ${f.threshold}${firstEvidenceUrl(f) ? ` — ${firstEvidenceUrl(f)}` : ''}`;
  const first = f.evidence[0];
  return first ? [head, `             ${evidenceText(first, t)}`] : [head];
}

/** A crawl's outcome for the terminal: the site, the verdict with counts, each finding. */
export function crawlLines(site: Site, agencyName: string, c: Crawl): string[] {
  const lines = [`${site.name} (${agencyName}) ${site.homepage}`];
  if (c.status === 'failed') {
    lines.push(`  CRAWL FAILED: ${c.error ?? 'unknown error'}`);
    return lines;
  }
  const r = c.result;
  const e = c.evaluation;
  const counts = r ? `${n(r.pagesFetched)} pages, ${n(r.linksChecked)} links checked, ${n(r.brokenLinks.length)} broken` : `${n(c.pages)} pages`;
  if (!e) {
    lines.push(`  no evaluation (${counts})`);
    return lines;
  }
  const vetoes = e.findings.filter((f) => f.veto).length;
  lines.push(`  ${e.verdict === 'fail' ? 'FAIL' : 'PASS'}: ${vetoes} single-veto item(s), ${e.findings.length - vetoes} deduction(s); ${counts}; probes this week ${e.probes.failed}/${e.probes.total} failed`);
  for (const f of e.findings) lines.push(...findingLines(f));
  return lines;
}

/** --site URL: the registered homepage as given, else in the URL's normal form (trailing slash, case of the host). */
async function sitesForOption(services: Services, homepage: string | undefined, agency: string | undefined): Promise<Site[]> {
  if (homepage === undefined) return services.monitor.sitesFor(agency ? { agencyCode: agency } : {});
  const exact = await services.monitor.sitesFor({ homepage });
  if (exact.length) return exact;
  let normal: string | null = null;
  try {
    normal = new URL(homepage).href;
  } catch {
    throw new UsageError(`--site must be a URL (got '${homepage}')`);
  }
  const candidates = [normal, normal.endsWith('/') ? normal.slice(0, -1) : `${normal}/`].filter((u) => u !== homepage);
  for (const u of candidates) {
    const found = await services.monitor.sitesFor({ homepage: u });
    if (found.length) return found;
  }
  throw new Error(`no site is registered with the homepage ${homepage} (see gongkai monitor sites)`);
}

export const monitorRunCommand: Command = {
  name: 'monitor run',
  summary: 'Check government websites now (政府网站监测): crawl each site and evaluate it against the single-veto items.',
  usage: '[--site URL | --agency CODE] [--sync-own] [--json]',
  help: [
    'Crawls the active registered sites one after another (all of them; with --site the one whose homepage is URL;',
    'with --agency every site of the agency and the agencies below it), evaluates each crawl with the week\'s probes,',
    'and prints per site the verdict and the findings: the item, the measured figure against its threshold, the first',
    'piece of evidence (URL, what was seen, when). A replied rectification is verified by the crawl (closed when its',
    'finding is gone, reopened when not). --sync-own first registers (or updates) every agency\'s pages on this',
    'portal (PUBLIC_URL) as sites. Progress goes to standard error (pages, links, rate); --json prints the crawls.',
    'Exit code 1 when a site fails a single-veto item or a crawl fails, 0 otherwise.',
  ].join('\n'),
  options: { site: { type: 'string' }, agency: { type: 'string' }, 'sync-own': { type: 'boolean' } },
  async run(ctx) {
    positionals(ctx, []);
    const homepage = optString(ctx, 'site')?.trim();
    const agency = optString(ctx, 'agency')?.trim();
    if (homepage !== undefined && agency !== undefined) throw new UsageError('give either --site or --agency, not both');
    if (homepage === '' || agency === '') throw new UsageError(`--${homepage === '' ? 'site' : 'agency'} needs a value`);
    return withServices(ctx, async (services) => {
      if (ctx.values['sync-own']) {
        // Without PUBLIC_URL, the server's default address (a running server registers its own address at start).
        if (!services.monitor.publicUrl()) services.monitor.setPublicUrl(`http://127.0.0.1:${services.config.port}`);
        const added = await services.monitor.syncOwnSites();
        if (!ctx.json) ctx.out(`Own portal pages: ${added} site(s) registered (${services.monitor.publicUrl()}).`);
      }
      const sites = await sitesForOption(services, homepage, agency);
      if (!sites.length) {
        if (ctx.json) printJson(ctx, []);
        else ctx.out(agency ? `No active site is registered for ${agency} or the agencies below it.` : 'No active site is registered (gongkai monitor sites; --sync-own registers the portal\'s own pages).');
        return 0;
      }
      const tree = await services.agencies.tree();
      const bar = new ProgressLine(ctx.err, { every: 50 });
      const crawls: { site: Site; crawl: Crawl | null }[] = [];
      // Ctrl-C cancels the crawl in progress (recorded as failed, not left running) and stops before the next site.
      const interrupt = new AbortController();
      const onInterrupt = () => interrupt.abort();
      process.once('SIGINT', onInterrupt);
      try {
        for (const [i, site] of sites.entries()) {
          if (interrupt.signal.aborted) break;
          const started = performance.now();
          let links = 0;
          const label = `Crawling ${i + 1}/${sites.length}`;
          const [crawl] = await services.monitor.crawlAll(cliActor, {
            trigger: 'cli',
            siteIds: [site.id],
            signal: interrupt.signal,
            onProgress: (p) => {
              links = p.links;
              bar.update(`${label} (${n(links)} links)`, p.pages, 'pages', i / sites.length, performance.now() - started);
            },
          });
          bar.end();
          crawls.push({ site, crawl: crawl ?? null });
          if (ctx.json) continue;
          const agencyName = tree.byId.get(site.agencyId)?.name ?? '';
          if (!crawl) ctx.out(`${site.name} (${agencyName}) ${site.homepage}\n  skipped: a crawl of this site is already running`);
          else for (const line of crawlLines(site, agencyName, crawl)) ctx.out(line);
          ctx.out('');
        }
      } finally {
        process.off('SIGINT', onInterrupt);
      }
      const failed = crawls.filter((c) => c.crawl && (c.crawl.status === 'failed' || c.crawl.verdict === 'fail'));
      if (ctx.json) {
        printJson(
          ctx,
          crawls.map(({ site, crawl }) => ({
            site: { id: site.id, name: site.name, homepage: site.homepage, agency: tree.byId.get(site.agencyId)?.code ?? null },
            crawl: crawl ? { id: crawl.id, status: crawl.status, error: crawl.error, pages: crawl.pages, verdict: crawl.verdict, evaluation: crawl.evaluation } : null,
          })),
        );
      } else {
        const checked = crawls.filter((c) => c.crawl?.status === 'done').length;
        ctx.out(`Checked ${checked} of ${sites.length} site(s): ${failed.length} failed.`);
      }
      return failed.length ? 1 : 0;
    });
  },
};

const REPORT_KINDS = ['.docx', '.html', '.json'] as const;
type ReportKind = (typeof REPORT_KINDS)[number];

/** The readable summary of a weekly report: title, figures, each failed site with its findings, sites not checked. */
export function spotCheckLines(report: SpotCheckReport): string[] {
  const s = report.summary;
  const lines = [spotCheckTitle(report, t), `Week ${report.week} (${report.from} to ${report.to}), ${report.office.code} ${report.office.name}.`];
  lines.push(`Sites ${s.sites}, checked ${s.checked}, failed ${s.failed}.`);
  const items = Object.entries(s.byItem).map(([item, count]) => `${item} ${count}`);
  if (items.length) lines.push(`Single-veto items found: ${items.join(', ')}.`);
  const rows = report.sites.map((x) => [x.agency.code, x.name, x.verdict ? x.verdict.toUpperCase() : 'not checked', `${x.probes.failed}/${x.probes.total}`, x.homepage]);
  if (rows.length) lines.push('', ...formatTable(['AGENCY', 'SITE', 'VERDICT', 'PROBES FAILED', 'HOMEPAGE'], rows));
  for (const x of report.sites.filter((y) => y.findings.length)) {
    lines.push('', `${x.name} (${x.agency.name}):`);
    for (const f of x.findings) lines.push(...findingLines(f));
  }
  lines.push('');
  return lines;
}

function reportOptions(ctx: CommandContext) {
  positionals(ctx, []);
  const week = requireString(ctx, 'week').trim();
  if (!isoWeekRange(week)) throw new UsageError(`--week must be an ISO week YYYY-Www, e.g. 2026-W48 (got '${week}')`);
  const office = optString(ctx, 'office')?.trim();
  if (office === '') throw new UsageError('--office needs a value');
  const out = optString(ctx, 'out');
  if (out !== undefined && ctx.json) throw new UsageError('give either --json or --out, not both');
  let kind: ReportKind | null = null;
  if (out !== undefined) {
    const ext = extname(out).toLowerCase();
    if (!(REPORT_KINDS as readonly string[]).includes(ext)) throw new UsageError(`--out must end in .docx, .html or .json (got '${out}')`);
    kind = ext as ReportKind;
  }
  return { week, office, out, kind, generate: !!ctx.values.generate };
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A standalone web page of the report: the catalog body the office publishes, in a minimal document. */
export function spotCheckHtmlDocument(report: SpotCheckReport): string {
  const zh = translator('zh-CN');
  const title = escapeHtml(spotCheckTitle(report, zh));
  return [
    '<!doctype html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${title}</title>`,
    '<style>body{font-family:"Noto Serif CJK SC","Songti SC",SimSun,serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.7}table{border-collapse:collapse;width:100%}th,td{border:1px solid #444;padding:.3rem .5rem;vertical-align:top;text-align:left;overflow-wrap:anywhere}caption{font-weight:bold;margin:.5rem 0}</style>',
    '</head>',
    '<body>',
    '<main>',
    `<h1>${title}</h1>`,
    spotCheckCatalogBody(report),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

export const monitorReportCommand: Command = {
  name: 'monitor report',
  summary: 'The weekly website spot-check report (周抽查通报) of an office: summary, Word document, web page or JSON.',
  usage: '--week YYYY-Www [--office CODE] [--generate] [--json | --out FILE.docx|FILE.html|FILE.json]',
  help: [
    'Every active site of the office\'s agency and the agencies below it (default: the root agency), evaluated from',
    'the week\'s newest crawl and the week\'s probes. Without --generate the report is computed and nothing is stored',
    '(a report already generated for the week is shown as it was frozen); with --generate it is frozen as the office\'s',
    'report of the week (replacing an unpublished one), as the Monday job does.',
    'Prints a summary (title, figures, each site\'s verdict, the findings); --json prints the report; --out writes a',
    'Word document, a standalone web page or the JSON, by the file\'s extension.',
  ].join('\n'),
  options: { week: { type: 'string' }, office: { type: 'string' }, out: { type: 'string' }, generate: { type: 'boolean' } },
  async run(ctx) {
    const o = reportOptions(ctx);
    return withServices(ctx, async (services) => {
      const tree = await services.agencies.tree();
      const officeCode = o.office ?? (tree.roots().find((a) => a.kind === 'government') ?? tree.roots()[0])?.code;
      if (!officeCode) throw new Error('there are no agencies (gongkai demo, or gongkai agency import)');
      const principal = services.users.systemPrincipal();
      let report: SpotCheckReport;
      let published: { on: string; indexNo: string | null } | undefined;
      if (o.generate) report = await services.monitor.generateSpotCheck(null, cliActor, officeCode, o.week);
      else {
        const stored = await services.monitor.spotCheck(principal, officeCode, o.week);
        report = stored.report ?? (await services.monitor.buildSpotCheck(officeCode, o.week));
        if (stored.publication) {
          const pub = await services.publications.staffGet(principal, stored.publication.id).catch(() => null);
          published = { on: stored.publication.publishedOn ?? '', indexNo: pub?.indexNo ?? null };
        }
      }
      if (ctx.json) printJson(ctx, report);
      else if (o.out && o.kind) {
        const bytes =
          o.kind === '.docx'
            ? await spotCheckDocx(report, translator('zh-CN'), published ? { published } : {})
            : Buffer.from(o.kind === '.html' ? spotCheckHtmlDocument(report) : `${JSON.stringify(report, null, 2)}\n`, 'utf8');
        writeFileSync(o.out, bytes);
        ctx.out(`Wrote ${o.out} (${n(bytes.length)} bytes): ${spotCheckTitle(report, t)}.`);
        ctx.out(`Sites ${report.summary.sites}, checked ${report.summary.checked}, failed ${report.summary.failed}.`);
      } else for (const line of spotCheckLines(report)) ctx.out(line);
      if (o.generate) ctx.err(`The report of ${o.week} of ${officeCode} is generated (frozen); publish it in the back office.`);
      return 0;
    });
  },
};

export const monitorSitesCommand: Command = {
  name: 'monitor sites',
  summary: 'List the registered websites with their latest verdict and open rectifications.',
  usage: '[--agency CODE] [--json]',
  help: 'Every registered site (with --agency: of the agency and the agencies below it), active or not, with the verdict and time of its latest finished crawl and its open rectifications.',
  options: { agency: { type: 'string' } },
  async run(ctx) {
    positionals(ctx, []);
    const agency = optString(ctx, 'agency')?.trim();
    if (agency === '') throw new UsageError('--agency needs a value');
    return withServices(ctx, async (services) => {
      const { sites } = await services.monitor.sites(services.users.systemPrincipal(), agency ? { agencyCode: agency } : {});
      if (ctx.json) {
        printJson(
          ctx,
          sites.map((s) => ({
            id: s.site.id,
            agency: s.agency.code,
            name: s.site.name,
            homepage: s.site.homepage,
            own: s.site.own,
            active: s.site.active,
            latest: s.latest ? { id: s.latest.id, status: s.latest.status, verdict: s.latest.verdict, finishedAt: s.latest.finishedAt } : null,
            openRectifications: s.openRectifications,
          })),
        );
        return 0;
      }
      if (!sites.length) {
        ctx.out('No site is registered.');
        return 0;
      }
      const verdict = (c: Crawl | null) => (!c ? 'not checked' : c.status === 'failed' ? 'crawl failed' : (c.verdict ?? c.status).toUpperCase());
      const when = (c: Crawl | null) => (c?.finishedAt ? c.finishedAt.slice(0, 16).replace('T', ' ') + 'Z' : '');
      const rows = sites.map((s) => [s.agency.code, s.site.name, s.site.homepage, s.site.active ? (s.site.own ? 'own' : 'yes') : 'no', verdict(s.latest), when(s.latest), String(s.openRectifications)]);
      for (const line of formatTable(['AGENCY', 'SITE', 'HOMEPAGE', 'ACTIVE', 'LATEST', 'CHECKED', 'OPEN RECTIFICATIONS'], rows)) ctx.out(line);
      ctx.out(`${sites.length} site(s).`);
      return 0;
    });
  },
};

export const monitorCommands: Command[] = [monitorRunCommand, monitorReportCommand, monitorSitesCommand];
