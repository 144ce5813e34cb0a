/**
 * `npm run bench -- reports --cases 1000000 [--db sqlite|postgres] [--items 100000] [--runs 9] [--keep]`: annual
 * reports at scale (issue 5, "Speed").
 *
 * 1. Data: the benchmark city's 1,000 agencies (bench/catalog-corpus.ts: 衡水市人民政府, 40 city departments, 11
 *    counties each with its government, 32 departments and its townships) and a ledger of N cases received over
 *    the five years up to today at all 1,000 of them (bench/applications-corpus.ts), imported through the real
 *    path (`importApplications`) into a fresh database; optionally a catalog of --items items (default 100,000,
 *    `importPublications`; rules and normative documents for table 二); and entered figures (permits, penalties,
 *    enforcement, fees) for every agency for the year measured.
 * 2. Timings, each the median of --runs runs after two warm-up runs, of the last full year (today's year − 1):
 *    - `services.reports.compile` of one agency (scope 'agency'): the agency with the most cases and a county
 *      department of typical size, with trend:false (this year's tables and checks) and trend:true (+ four earlier
 *      years' table 三 for the year-on-year chart);
 *    - the whole city's roll-up (scope 'rollup' at 衡水市人民政府: all four tables and every agency's row, with
 *      the roll-up checks), trend:false and trend:true;
 *    - what the roll-up is made of: `applications.reportCounts` and `catalog.reportCounts` over all 1,000 agencies,
 *      and the pure `compileReport` on their counts;
 *    - `reportDocx` of the roll-up (charts rendered to PNG by the shared Chromium, launched during the warm-up),
 *      `reportXlsx` and the self-contained HTML export;
 *    - baselines in the same run: `select 1` (a round trip) and a count of the year's received cases over the
 *      covering index, all agencies (the least the roll-up must read), so figures can be read as ratios.
 * 3. Writes bench/results-reports-<db>.json; docs/benchmarks.md records the figures with the command.
 *
 * --keep keeps the database (its URL is in the results); --reuse URL times such a database again without loading
 * anything (after a change of the queries or the indexes: run `gongkai migrate --db URL` first).
 */
import { createReadStream, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { todayInShanghai } from '../src/kernel/calendar/index.ts';
import { openServices } from '../src/main.ts';
import { closePdfBrowser } from '../src/render/chromium.ts';
import { cliActor } from '../src/modules/audit/index.ts';
import { createApplicationsRepository, importApplications } from '../src/modules/applications/index.ts';
import { createPublicationsRepository, importPublications } from '../src/modules/catalog/index.ts';
import { compileReport, emptyAggregates, type Aggregates, type CompiledReport } from '../src/modules/reports/index.ts';
import { reportDocx } from '../src/modules/reports/docx.ts';
import { reportXlsx } from '../src/modules/reports/xlsx.ts';
import { reportHtmlDocument } from '../src/modules/reports/html-export.ts';
import { translator } from '../src/http/i18n/index.ts';
import type { DialectName } from '../src/storage/db.ts';
import { freshDatabase, machine, mb, r1, r3, sizeOnDisk } from './kit.ts';
import { benchAgencies, catalogFile } from './catalog-corpus.ts';
import { applicationsFile } from './applications-corpus.ts';

const here = dirname(fileURLToPath(import.meta.url));
const AGENCIES = 1000;

interface Timing {
  medianMs: number;
  minMs: number;
  maxMs: number;
  runs: number;
}

/** Median (and spread) of `runs` timed runs after `warmup` untimed ones. */
async function time(fn: () => Promise<unknown>, runs: number, warmup = 2): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const mid = ms.length >> 1;
  const median = ms.length % 2 ? ms[mid]! : (ms[mid - 1]! + ms[mid]!) / 2;
  return { medianMs: r3(median), minMs: r3(ms[0]!), maxMs: r3(ms[ms.length - 1]!), runs };
}

/** Loads the benchmark's data into a fresh database: the ledger, the catalog, the entered figures. */
async function loadData(
  services: ReturnType<typeof openServices>,
  o: { dialect: DialectName; cases: number; items: number; today: string; year: number; agencies: ReturnType<typeof benchAgencies>; result: Record<string, any>; log: (s: string) => void },
): Promise<void> {
  const { dialect, cases, items, today, year, agencies, result, log } = o;
  // The ledger, imported through the real path.
  log(`ledger file: ${cases} cases at ${AGENCIES} agencies up to ${today} …`);
  const file = await applicationsFile(cases, today, { log, agencies });
  result.file = { path: file.path, mb: mb(file.bytes), from: file.from, until: file.until, open: file.open, proceedings: file.proceedings, largestAgency: file.largestAgency, largestAgencyCases: file.byAgency[file.largestAgency], generateSeconds: file.generateMs != null ? r1(file.generateMs / 1000) : null };
  log(`ledger file: ${file.path} (${mb(file.bytes)} MB${file.generateMs != null ? `, generated in ${(file.generateMs / 1000).toFixed(0)} s` : ', cached'})`);
  log(`importing the cases into a fresh ${dialect} database …`);
  let lastLog = 0;
  const apps = await importApplications(
    { repo: createApplicationsRepository(services.storage.db), agencies: services.agencies, calendar: services.calendar, clock: services.clock, audit: services.audit },
    () => createReadStream(file.path, { highWaterMark: 256 * 1024 }),
    {
      actor: cliActor,
      totalBytes: file.bytes,
      source: file.path,
      onProgress: (p) => {
        if (p.elapsedMs - lastLog < 15_000) return;
        lastLog = p.elapsedMs;
        log(`  ${p.phase === 'check' ? 'checking' : 'importing'} ${p.phase === 'check' ? p.lines : p.written}/${cases} ${(p.elapsedMs / 1000).toFixed(0)} s`);
      },
    },
  );
  if (!apps.complete) throw new Error(`import incomplete: ${JSON.stringify(apps.issues.slice(0, 5))}`);
  result.importCases = { imported: apps.imported, seconds: r1(apps.elapsedMs / 1000), casesPerSec: Math.round(apps.imported / (apps.elapsedMs / 1000)) };
  log(`imported ${apps.imported} cases in ${result.importCases.seconds} s`);

  if (items > 0) {
    const cat = await catalogFile(items, { agencies, log });
    log(`importing ${items} catalog items …`);
    const pubs = await importPublications(
      { db: services.storage.db, publications: services.publications, clock: services.clock, audit: services.audit },
      () => createReadStream(cat.path, { highWaterMark: 256 * 1024 }),
      { actor: cliActor, totalBytes: cat.bytes, source: cat.path },
    );
    if (!pubs.complete) throw new Error(`catalog import incomplete: ${JSON.stringify(pubs.issues.slice(0, 5))}`);
    result.importItems = { imported: pubs.imported, seconds: r1(pubs.elapsedMs / 1000) };
    log(`imported ${pubs.imported} items in ${result.importItems.seconds} s`);
  }

  // Entered figures for every agency (what offices would enter), for the year measured.
  const sys = services.users.systemPrincipal();
  const tf = performance.now();
  for (const [i, a] of agencies.entries()) {
    await services.reports.saveFigures(sys, cliActor, a.code, year, [
      { key: 'permits.decisions', value: (i * 37) % 900, source: 'bench' },
      { key: 'penalties.decisions', value: (i * 13) % 200, source: 'bench' },
      { key: 'enforcement.decisions', value: i % 17, source: 'bench' },
      { key: 'fees.amount', value: ((i * 7) % 100) / 4, source: 'bench' },
    ]);
  }
  result.figures = { agencies: agencies.length, seconds: r1((performance.now() - tf) / 1000) };
  // What autovacuum does after a bulk load (statistics, and the visibility map that index-only scans need).
  if (dialect === 'postgres') await sql`vacuum analyze`.execute(services.storage.db);
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      cases: { type: 'string', default: '20000' },
      items: { type: 'string', default: '100000' },
      db: { type: 'string', default: 'sqlite' },
      runs: { type: 'string', default: '9' },
      keep: { type: 'boolean', default: false },
      reuse: { type: 'string' },
    },
  });
  const cases = Number(values.cases);
  const items = Number(values.items);
  const runs = Number(values.runs);
  const dialect = values.db as DialectName;
  if (dialect !== 'sqlite' && dialect !== 'postgres') throw new Error('--db sqlite|postgres');
  const log = (s: string) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${s}\n`);
  const today = todayInShanghai(new Date());
  const year = Number(today.slice(0, 4)) - 1;
  const result: Record<string, any> = { at: new Date().toISOString(), command: `npm run bench -- reports ${argv.join(' ')}`.trim(), node: process.version, dialect, cases, items, agencies: AGENCIES, year, runs, machine: machine() };

  const agencies = benchAgencies(AGENCIES);
  const reuse = values.reuse;
  const target = reuse ? { url: reuse, dispose: async () => undefined } : await freshDatabase(dialect, agencies);
  const services = openServices(loadConfig({ ...process.env, DATABASE_URL: target.url, LOG_LEVEL: 'silent' }));
  try {
    const sys = services.users.systemPrincipal();
    const db = services.storage.db as any;
    if (reuse) {
      result.reused = reuse;
      const n = await db.selectFrom('applications').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
      result.cases = Number(n.n);
      log(`reusing ${reuse}: ${result.cases} cases`);
    } else await loadData(services, { dialect, cases, items, today, year, agencies, result, log });
    result.dbSizeMB = mb(await sizeOnDisk(dialect, target.url, db));
    log(`database size ${result.dbSizeMB} MB`);
    const largest = await db.selectFrom('applications as a').innerJoin('agencies as g', 'g.id', 'a.agency_id').select(['g.code', sql<number>`count(*)`.as('n')]).groupBy('g.code').orderBy(sql`count(*)`, 'desc').limit(1).executeTakeFirstOrThrow();
    const largestAgency = largest.code as string;
    result.largestAgency = { code: largestAgency, cases: Number(largest.n) };

    // 2. Timings
    const tree = await services.agencies.tree();
    const ids = tree.subtree(tree.byCode.get('HS')!.id).map((a) => a.id);
    const typical = agencies.find((a) => a.code === 'HS-C03-D09')!.code; // 枣强县财政局
    const appsRepo = createApplicationsRepository(services.storage.db);
    const catRepo = createPublicationsRepository(services.storage.db);
    const t: Record<string, Timing> = {};
    const step = async (name: string, fn: () => Promise<unknown>, n = runs) => {
      t[name] = await time(fn, n);
      log(`  ${name}: median ${t[name].medianMs} ms (min ${t[name].minMs}, max ${t[name].maxMs}, ${n} runs)`);
    };
    log(`timings (year ${year}, median of ${runs} after 2 warm-up runs):`);
    await step('baseline: select 1', () => sql`select 1`.execute(db));
    await step(`baseline: count of the year's received cases, all ${AGENCIES} agencies (covering index)`, () =>
      db.selectFrom('applications').select(sql`count(*)`.as('n')).where('agency_id', 'in', ids).where('year', '=', year).where('received_on', 'is not', null).execute(),
    );
    const one = (code: string, trend: boolean) => () => services.reports.compile(sys, { agency: code, year, scope: 'agency', trend });
    await step(`one agency, largest (${largestAgency}), trend:false`, one(largestAgency, false));
    await step(`one agency, largest (${largestAgency}), trend:true`, one(largestAgency, true));
    await step(`one agency, typical (${typical}), trend:false`, one(typical, false));
    await step(`one agency, typical (${typical}), trend:true`, one(typical, true));
    const rollup = (trend: boolean) => () => services.reports.compile(sys, { agency: 'HS', year, scope: 'rollup', trend });
    await step('roll-up, whole city, trend:false', rollup(false));
    await step('roll-up, whole city, trend:true', rollup(true));
    let counts: Awaited<ReturnType<typeof appsRepo.reportCounts>> | null = null;
    let catalog: Awaited<ReturnType<typeof catRepo.reportCounts>> | null = null;
    await step('  part: applications.reportCounts, all agencies', async () => (counts = await appsRepo.reportCounts(ids, year)));
    await step('  part: catalog.reportCounts, all agencies', async () => (catalog = await catRepo.reportCounts(ids, year)));
    const subjects = tree.subtree(tree.byCode.get('HS')!.id).map((a) => ({ id: a.id, code: a.code, name: a.name }));
    await step('  part: compileReport (pure: tables, parts, checks)', async () =>
      compileReport({
        format: '2021',
        subject: subjects[0]!,
        year,
        scope: 'rollup',
        agencies: subjects,
        agg: { ...emptyAggregates(), ...(counts as unknown as Partial<Aggregates>), documents: catalog!.documents, documentsDistinct: catalog!.documentsDistinct } as Aggregates,
      }),
    );
    const report: CompiledReport = await services.reports.compile(sys, { agency: 'HS', year, scope: 'rollup', trend: true });
    const docxRuns = Math.max(3, Math.min(runs, 5));
    await step('DOCX of the roll-up (reportDocx, charts via Chromium)', () => reportDocx(report), docxRuns);
    await step('XLSX of the roll-up (reportXlsx)', () => reportXlsx(report), docxRuns);
    await step('HTML export of the roll-up', async () => reportHtmlDocument(report, translator('zh-CN')), docxRuns);
    const docx = await reportDocx(report);
    await closePdfBrowser();
    result.rollup = {
      agencies: report.json.parts?.length,
      received: report.json.table3.rows.received![6],
      handled: report.json.table3.rows.total![6],
      carriedForward: report.json.table3.rows.carriedForward![6],
      checks: report.json.checks.length,
      failedChecks: report.json.checks.filter((c) => !c.ok).length,
      docxBytes: docx.length,
    };
    result.timings = t;
    const select1 = t['baseline: select 1']!.medianMs;
    result.ratiosToSelect1 = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Math.round(v.medianMs / Math.max(select1, 0.001))]));
    const m = (k: string) => t[k]!.medianMs;
    result.goals = [
      { what: `one agency's report (largest, ${largestAgency}), trend:false`, goal: '≤ 5 ms', measuredMs: m(`one agency, largest (${largestAgency}), trend:false`), met: m(`one agency, largest (${largestAgency}), trend:false`) <= 5 },
      { what: 'full roll-up (all four tables, every agency’s row), trend:false', goal: dialect === 'sqlite' ? '≤ 300 ms' : '(≤ 300 ms on SQLite)', measuredMs: m('roll-up, whole city, trend:false'), met: m('roll-up, whole city, trend:false') <= 300 },
      { what: 'DOCX of the roll-up', goal: '≤ 2 s', measuredMs: m('DOCX of the roll-up (reportDocx, charts via Chromium)'), met: m('DOCX of the roll-up (reportDocx, charts via Chromium)') <= 2000 },
    ];
  } finally {
    await services.storage.close();
    if (values.keep || reuse) result.databaseUrl = target.url;
    else await target.dispose();
  }
  result.loadavgAtEnd = os.loadavg().map((x) => Math.round(x * 100) / 100);
  const out = join(here, `results-reports-${dialect}.json`);
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nreports benchmark, ${result.cases} cases, ${AGENCIES} agencies, ${dialect}, year ${year} (${result.command})`);
  console.log('figure | median ms | min | max | × select 1');
  for (const [k, v] of Object.entries(result.timings as Record<string, Timing>)) console.log(`${k} | ${v.medianMs} | ${v.minMs} | ${v.maxMs} | ${result.ratiosToSelect1[k]}`);
  for (const g of result.goals) console.log(`goal: ${g.what} ${g.goal}: ${g.measuredMs} ms ${g.met ? '✔' : '✘'}`);
  console.log(`written to ${out}`);
}
