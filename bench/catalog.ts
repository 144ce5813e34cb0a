/**
 * `npm run bench -- catalog --items 1000000 [--db sqlite|postgres]`: the catalog at scale (issue 3, "Speed at
 * scale").
 *
 * 1. Builds a realistic catalog as a JSONL import file (bench/catalog-corpus.ts: 1,000 agencies in a tree, ten
 *    years, kinds/topics/genres spread, interpretations; streamed, cached in the temp folder per size).
 * 2. Imports it through the real import path (`importPublications`, what `gongkai import publications FILE`
 *    runs, all-or-nothing file mode: check pass + write pass) into a fresh database — a SQLite file in a temp
 *    folder, or a new PostgreSQL database (DATABASE_URL_PG, default postgres://postgres@127.0.0.1:5432/postgres),
 *    dropped afterwards — and reports the rate (items/s, both passes, segmentation and indexing included) and the
 *    size on disk (SQLite: file + WAL; PostgreSQL: pg_database_size).
 * 3. Search latency p50/p95/p99 over a fixed mix of 1–3 term queries (two-character terms and terms matching
 *    more than half of all items included) through the real search service, plus each query's first (cold) run.
 * 4. Throughput of the browse page, the publication page and the search page served by the real app on
 *    127.0.0.1 (bench/catalog-server.ts, a process of its own) against a bare route on the same app instance,
 *    as ratios; cached (the same few addresses again and again) and uncached (a different address each
 *    request: the page cache is keyed by address), under the same load from a separate process
 *    (bench/catalog-load.ts: N keep-alive connections, fixed duration).
 * 5. The server's RSS (maximum sampled during the load phases, and VmHWM).
 * 6. Writes bench/results-catalog-<db>.json and prints a table.
 *
 * Options: --items N (default 20000) --db sqlite|postgres --connections N (16) --duration S (8 per phase)
 *          --rounds N (search rounds, 5) --batch-size N (import, default of the CLI) --keep (keep the database)
 *          --reuse URL (measure an existing database kept by --keep: no import, a SQLite file read through once; --items must match its size)
 *          --pages browse,publication,search (the page phases to run; all by default)
 *          --server-heap-mb N (the server's V8 old-space limit, --max-old-space-size; none by default)
 */
import { createReadStream, writeFileSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { openServices } from '../src/main.ts';
import { cliActor } from '../src/modules/audit/index.ts';
import { importPublications } from '../src/modules/catalog/index.ts';
import { type DialectName, parseDatabaseUrl } from '../src/storage/db.ts';
import { ask, forkTs, freshDatabase, load, machine, mb, nextMessage, pct, r1, r3, sizeOnDisk, type LoadResult } from './kit.ts';
import { benchAgencies, catalogFile } from './catalog-corpus.ts';

const here = dirname(fileURLToPath(import.meta.url));


/** The fixed query mix: 1–3 terms, two-character terms (预算 扶贫 低保), terms in more than half of all items (工作 公开 通知). */
export const CATALOG_QUERY_MIX = [
  '预算', '扶贫', '低保', '公开', '工作', '通知', '决算', '政务公开', '信息公开', '安全生产',
  '预算 公开', '扶贫 资金', '低保 标准', '工作 通知', '政务公开 考核', '营商环境 审批', '乡村振兴 扶贫',
  '工作 公开 通知', '预算 决算 公开', '依申请公开', '脱贫攻坚', '重大行政决策 风险评估',
];

function shuffle<T>(xs: T[], seed = 7): T[] {
  let a = seed;
  const rand = () => ((a = (Math.imul(a, 1103515245) + 12345) >>> 0) / 2 ** 32);
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      items: { type: 'string', default: '20000' },
      db: { type: 'string', default: 'sqlite' },
      connections: { type: 'string', default: '16' },
      'uncached-connections': { type: 'string' },
      duration: { type: 'string', default: '8' },
      rounds: { type: 'string', default: '5' },
      'batch-size': { type: 'string' },
      keep: { type: 'boolean', default: false },
      reuse: { type: 'string' },
      pages: { type: 'string', default: 'browse,publication,search' },
      'server-heap-mb': { type: 'string' },
    },
  });
  const items = Number(values.items);
  const dialect = values.db as DialectName;
  if (dialect !== 'sqlite' && dialect !== 'postgres') throw new Error('--db sqlite|postgres');
  const connections = Number(values.connections);
  const uncachedConnections = Number(values['uncached-connections'] ?? values.connections);
  const durationMs = Number(values.duration) * 1000;
  const log = (s: string) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${s}\n`);
  const result: Record<string, any> = { at: new Date().toISOString(), command: `npm run bench -- catalog ${argv.join(' ')}`.trim(), node: process.version, dialect, items, machine: machine() };

  // 1. The catalog file
  log(`catalog file: ${items} items …`);
  const file = await catalogFile(items, { log });
  result.file = { ...file, mb: mb(file.bytes) };
  log(`catalog file: ${file.path} (${mb(file.bytes)} MB${file.generateMs != null ? `, generated in ${(file.generateMs / 1000).toFixed(0)} s` : ', cached'}); share of items containing ${Object.entries(file.termShare).map(([t, s]) => `${t} ${(s * 100).toFixed(0)}%`).join(', ')}`);

  // 2. Import through the real path (or a database kept by an earlier run's --keep)
  const reused = values.reuse;
  const pageKinds = new Set(values.pages!.split(','));
  const target = reused ? { url: reused, dispose: async () => {} } : await freshDatabase(dialect, benchAgencies());
  const services = openServices(loadConfig({ ...process.env, DATABASE_URL: target.url, LOG_LEVEL: 'silent' }));
  let serverChild: ChildProcess | null = null;
  let servicesOpen = true;
  try {
   if (reused) {
    log(`reusing ${reused}: no import`);
    result.reused = reused;
    // A reused SQLite file is read through once, as a fresh import leaves it: otherwise the one-off pages' rows at
    // random places come from the disk or the OS's cache depending on what ran before (browse uncached 573 req/s
    // with 5.2 of the 7.4 GB file cached, 869 req/s after reading it, on one commit: docs/benchmarks.md, sixth round).
    const file = parseDatabaseUrl(reused);
    if (file.dialect === 'sqlite' && file.path !== ':memory:') {
      const s = performance.now();
      let bytes = 0;
      for await (const chunk of createReadStream(file.path, { highWaterMark: 1 << 20 })) bytes += (chunk as Buffer).length;
      log(`read the database file once (${mb(bytes)} MB in ${r1((performance.now() - s) / 1000)} s)`);
    }
   } else {
    log(`importing into a fresh ${dialect} database …`);
    let lastLog = 0;
    const phases: Record<string, number> = {};
    const cpu0 = process.cpuUsage();
    const summary = await importPublications(
      { db: services.storage.db, publications: services.publications, clock: services.clock, audit: services.audit },
      () => createReadStream(file.path, { highWaterMark: 256 * 1024 }),
      {
        actor: cliActor,
        batchSize: values['batch-size'] ? Number(values['batch-size']) : undefined,
        totalBytes: file.bytes,
        source: file.path,
        onProgress: (p) => {
          phases[p.phase] = p.elapsedMs;
          if (p.elapsedMs - lastLog < 5000) return;
          lastLog = p.elapsedMs;
          const n = p.phase === 'check' ? p.lines : p.written;
          log(`  ${p.phase === 'check' ? 'checking' : 'importing'} ${n}/${items} (${(p.bytes / file.bytes * 100).toFixed(0)}% of bytes) ${(p.elapsedMs / 1000).toFixed(0)} s, ${(n / (p.elapsedMs / 1000)).toFixed(0)} items/s overall, rss ${mb(process.memoryUsage().rss)} MB`);
        },
      },
    );
    const cpu = process.cpuUsage(cpu0);
    if (!summary.complete) throw new Error(`import incomplete: ${JSON.stringify(summary.issues.slice(0, 5))}`);
    result.import = {
      imported: summary.imported,
      seconds: r1(summary.elapsedMs / 1000),
      itemsPerSec: Math.round(summary.imported / (summary.elapsedMs / 1000)),
      checkSeconds: phases.check != null ? r1(phases.check / 1000) : null,
      writeSeconds: phases.import != null ? r1((summary.elapsedMs - (phases.check ?? 0)) / 1000) : null,
      cpuMsPerItem: r3((cpu.user + cpu.system) / 1000 / summary.imported),
      maxRssMB: mb(process.resourceUsage().maxRSS * 1024),
    };
    log(`imported ${summary.imported} in ${result.import.seconds} s: ${result.import.itemsPerSec} items/s (max RSS of this process ${result.import.maxRssMB} MB)`);
    if (dialect === 'postgres') {
      const db = services.storage.db as any;
      // What autovacuum does shortly after a bulk load; done here so the planner has statistics.
      const t = performance.now();
      await sql`analyze`.execute(db);
      result.import.analyzeSeconds = r1((performance.now() - t) / 1000);
    }
   }
    const db = services.storage.db as any;
    result.dbSizeMB = mb(await sizeOnDisk(dialect, target.url, db));
    log(`database size: ${result.dbSizeMB} MB`);

    // 3. Search latency through the real search service
    const search = services.search;
    const cold: Record<string, number> = {};
    const totals: Record<string, { total: number; estimate: boolean }> = {};
    for (const q of CATALOG_QUERY_MIX) {
      const s = performance.now();
      const r = await search.search({ q });
      cold[q] = r1(performance.now() - s);
      totals[q] = { total: r.total, estimate: r.totalIsEstimate };
    }
    const rounds = Number(values.rounds);
    const all: number[] = [];
    const perQuery: Record<string, number[]> = Object.fromEntries(CATALOG_QUERY_MIX.map((q) => [q, []]));
    const page2: number[] = [];
    for (let r = 0; r < rounds; r++) {
      for (const q of CATALOG_QUERY_MIX) {
        const s = performance.now();
        await search.search({ q });
        const ms = performance.now() - s;
        all.push(ms);
        perQuery[q].push(ms);
      }
    }
    for (const q of CATALOG_QUERY_MIX.slice(0, 10)) {
      const s = performance.now();
      await search.search({ q, page: 2 });
      page2.push(performance.now() - s);
    }
    result.search = {
      queries: CATALOG_QUERY_MIX.length,
      rounds,
      latencyMs: { p50: r1(pct(all, 50)), p95: r1(pct(all, 95)), p99: r1(pct(all, 99)), max: r1(Math.max(...all)) },
      firstRunMs: { p50: r1(pct(Object.values(cold), 50)), max: r1(Math.max(...Object.values(cold))) },
      page2Ms: { p50: r1(pct(page2, 50)), max: r1(Math.max(...page2)) },
      perQuery: CATALOG_QUERY_MIX.map((q) => ({ q, total: totals[q].total, totalIsEstimate: totals[q].estimate, share: r3(totals[q].total / items), firstMs: cold[q], p50Ms: r1(pct(perQuery[q], 50)), maxMs: r1(Math.max(...perQuery[q])) })),
    };
    log(`search: p50/p95/p99 ${result.search.latencyMs.p50}/${result.search.latencyMs.p95}/${result.search.latencyMs.p99} ms; first runs p50 ${result.search.firstRunMs.p50} ms, max ${result.search.firstRunMs.max} ms`);
    for (const x of result.search.perQuery) log(`  ${x.q}: ${x.total}${x.totalIsEstimate ? '~' : ''} (${(x.share * 100).toFixed(0)}%) first ${x.firstMs} ms, p50 ${x.p50Ms} ms, max ${x.maxMs} ms`);

    // Addresses for the load phases.
    const idRows = await db.selectFrom('publications').select(['id']).where('status', '=', 'published').where('disclosure_mode', '=', 'proactive').execute();
    const ids: string[] = shuffle(idRows.map((r: { id: string }) => r.id as string));
    idRows.length = 0;
    const agencies = benchAgencies();
    const kindsList = ['notice', 'news', 'normativeDocument', 'plan', 'budget', 'statistics', 'personnel', 'keyArea', 'other'];
    const browseUncached: string[] = [];
    for (const a of agencies) for (let y = 2016; y <= 2025; y++) browseUncached.push(`/xxgk?agency=${a.code}&year=${y}`);
    for (const k of kindsList) for (let y = 2016; y <= 2025; y++) for (let p = 1; p <= 50; p++) browseUncached.push(`/xxgk?kind=${k}&year=${y}${p > 1 ? `&page=${p}` : ''}`);
    for (let p = 2; p <= 500; p++) browseUncached.push(`/xxgk?page=${p}`);
    shuffle(browseUncached);
    const searchUncached: string[] = [];
    for (const q of CATALOG_QUERY_MIX) {
      for (let y = 2016; y <= 2025; y++) for (const k of ['', ...kindsList]) searchUncached.push(`/search?q=${encodeURIComponent(q)}&from=${y}-01-01&to=${y}-12-31${k ? `&kind=${k}` : ''}`);
      for (let p = 1; p <= 20; p++) searchUncached.push(`/search?q=${encodeURIComponent(q)}${p > 1 ? `&page=${p}` : ''}`);
    }
    shuffle(searchUncached);
    const pubCached = ids.slice(0, 10).map((id) => `/xxgk/${encodeURIComponent(id)}`);
    const pubUncached = ids.slice(10, 10 + 300_000).map((id) => `/xxgk/${encodeURIComponent(id)}`);
    ids.length = 0;
    const browseCached = ['/xxgk', '/xxgk?kind=notice', '/xxgk?year=2024', '/xxgk?agency=HS', '/xxgk?page=2', '/xxgk?topic=综合政务', '/xxgk?kind=normativeDocument&validity=inForce', '/xxgk?agency=HS-D09', '/xxgk?genre=通知', '/xxgk?year=2020&kind=budget'].map((u) => encodeURI(u));
    const searchCached = CATALOG_QUERY_MIX.map((q) => `/search?q=${encodeURIComponent(q)}`);
    await services.storage.close();
    servicesOpen = false;

    // 4–5. The real app in a process of its own, loaded from another process.
    log('starting the server …');
    const heapMb = values['server-heap-mb'];
    result.serverHeapMB = heapMb ? Number(heapMb) : null;
    serverChild = forkTs('catalog-server.ts', { DATABASE_URL: target.url }, heapMb ? [`--max-old-space-size=${Number(heapMb)}`] : []);
    const { url: origin, migrated } = await nextMessage<{ url: string; migrated: string[] }>(serverChild, (m) => m.ready);
    if (migrated.length) log(`the server applied migrations added to the working tree since the import: ${migrated.join(', ')}`);
    result.serverMigrated = migrated;
    const server = serverChild;
    const first: Record<string, number> = {};
    for (const [name, path] of [['browse', '/xxgk'], ['publication', pubCached[0]], ['search', searchCached[4]]] as const) {
      const s = performance.now();
      const res = await fetch(origin + path);
      await res.text();
      if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`);
      first[name] = r1(performance.now() - s);
    }
    result.firstRequestMs = first;
    log(`first requests on a fresh server (ms): ${JSON.stringify(first)}`);
    await ask(server, 'resetRss');
    const runs: Record<string, LoadResult & { maxRssMB: number }> = {};
    /** Waits until the server answers the bare route quickly again (work left by abandoned requests is done). */
    const idle = async (): Promise<number> => {
      const t0 = performance.now();
      let fast = 0;
      while (fast < 3 && performance.now() - t0 < 600_000) {
        const s = performance.now();
        await (await fetch(`${origin}/__bench/bare`)).text();
        fast = performance.now() - s < 20 ? fast + 1 : 0;
        if (!fast) await new Promise((r) => setTimeout(r, 50));
      }
      return (performance.now() - t0) / 1000;
    };
    /**
     * Requests each address twice, one at a time: a page is kept from its second request on (http-cache.ts), so the
     * cached phases measure pages already in the cache.
     */
    const prewarm = async (paths: string[]) => {
      for (const p of paths) for (let i = 0; i < 2; i++) await (await fetch(origin + p)).text();
    };
    const phase = async (name: string, paths: string[], warmupMs: number, conns = connections) => {
      const r = await load(origin, paths, conns, durationMs, warmupMs);
      const drainSeconds = await idle();
      const m = await ask<{ maxRss: number }>(server, 'rss');
      runs[name] = { ...r, drainSeconds, connections: conns, maxRssMB: mb(m.maxRss) };
      const bad = Object.entries(r.statuses).filter(([c]) => c !== '200');
      log(`  ${name}: ${r.rps.toFixed(r.rps < 10 ? 2 : 0)} req/s (${r.requests} requests over ${conns} connections, ${r.bytesPerResponse} B each, p50 ${r1(r.latencyMs.p50)} ms, p99 ${r1(r.latencyMs.p99)} ms${r.taken > r.distinct ? `, ${r.taken} taken from ${r.distinct} addresses: some repeated` : ''}${r.unfinished ? `, ${r.unfinished} unfinished at the end, server idle again after ${r1(drainSeconds)} s` : ''}${bad.length || r.errors ? `, non-200: ${JSON.stringify(Object.fromEntries(bad))}, errors ${r.errors}` : ''}), server max RSS ${mb(m.maxRss)} MB`);
      if (r.errors || bad.length) throw new Error(`${name}: failed requests ${JSON.stringify(r.statuses)} errors ${r.errors}`);
    };
    log(`load: ${connections} connections (uncached phases ${uncachedConnections}), ${durationMs / 1000} s per phase, from a separate process`);
    await phase('bare#1', ['/__bench/bare'], 2000);
    if (pageKinds.has('browse')) {
      await prewarm(browseCached);
      await phase('browse cached', browseCached, 2000);
    }
    if (pageKinds.has('publication')) {
      await prewarm(pubCached);
      await phase('publication cached', pubCached, 2000);
    }
    if (pageKinds.has('search')) await phase('search cached', searchCached, 2000);
    await phase('bare#2', ['/__bench/bare'], 1000);
    if (pageKinds.has('browse')) await phase('browse uncached', browseUncached, 0, uncachedConnections);
    if (pageKinds.has('publication')) await phase('publication uncached', pubUncached, 0, uncachedConnections);
    if (pageKinds.has('search')) await phase('search uncached', searchUncached, 0, uncachedConnections);
    await phase('bare#3', ['/__bench/bare'], 1000);
    const bare = (runs['bare#1'].rps + runs['bare#2'].rps + runs['bare#3'].rps) / 3;
    const rss = await ask<{ maxRss: number; rss: number; vmHwm: number }>(server, 'rss');
    result.http = {
      connections,
      secondsPerPhase: durationMs / 1000,
      bareRps: Math.round(bare),
      phases: Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, { rps: v.rps < 10 ? Math.round(v.rps * 100) / 100 : Math.round(v.rps), ratio: Math.round((v.rps / bare) * 10000) / 10000, requests: v.requests, bytesPerResponse: v.bytesPerResponse, p50Ms: r1(v.latencyMs.p50), p99Ms: r1(v.latencyMs.p99), connections: v.connections, unfinished: v.unfinished, drainSeconds: r1(v.drainSeconds ?? 0), distinctAddresses: v.distinct, addressesTaken: v.taken, maxRssMB: v.maxRssMB }])),
    };
    result.serverRss = { maxDuringLoadMB: mb(rss.maxRss), vmHwmMB: mb(rss.vmHwm), afterMB: mb(rss.rss) };
    await ask(server, 'stop');
    serverChild = null;
  } finally {
    if (servicesOpen) await services.storage.close();
    if (serverChild) serverChild.kill();
    if (values.keep) result.databaseUrl = target.url;
    else await target.dispose();
  }

  const ratio = (name: string): number | null => result.http.phases[name]?.ratio ?? null;
  const pageGoal = (what: string, name: string, target: number) => {
    const r = ratio(name);
    return { what, goal: `≥ ${target * 100} % of bare`, measured: r == null ? 'not run' : pctOf(r), met: r != null && r >= target };
  };
  const goals = [
    { what: `search p95 over the mix (${items} items)`, goal: 'p95 ≤ 20 ms', measured: `${result.search.latencyMs.p95} ms`, met: result.search.latencyMs.p95 <= 20 },
    pageGoal('browse page, cached', 'browse cached', 0.5),
    pageGoal('publication page, cached', 'publication cached', 0.5),
    pageGoal('browse page, uncached', 'browse uncached', 0.08),
    pageGoal('publication page, uncached', 'publication uncached', 0.08),
    { what: 'import rate', goal: '≥ 3,000 items/s', measured: result.import ? `${result.import.itemsPerSec} items/s` : 'not run (--reuse)', met: !!result.import && result.import.itemsPerSec >= 3000 },
    { what: 'server RSS (max during load)', goal: '≤ 500 MB', measured: `${result.serverRss.maxDuringLoadMB} MB`, met: result.serverRss.maxDuringLoadMB <= 500 },
  ];
  result.goals = goals;
  result.loadavgAtEnd = os.loadavg().map((x) => Math.round(x * 100) / 100);
  const out = join(here, `results-catalog-${dialect}.json`);
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\ncatalog benchmark, ${items} items, ${dialect} (${result.command})`);
  if (result.import) console.log(`import ${result.import.itemsPerSec} items/s (${result.import.seconds} s: check ${result.import.checkSeconds} s, write ${result.import.writeSeconds} s)`);
  console.log(`database ${result.dbSizeMB} MB; file ${result.file.mb} MB`);
  console.log(`search latency p50/p95/p99 ${result.search.latencyMs.p50}/${result.search.latencyMs.p95}/${result.search.latencyMs.p99} ms over ${result.search.queries} queries × ${result.search.rounds}; first run p50 ${result.search.firstRunMs.p50} ms, max ${result.search.firstRunMs.max} ms; page 2 p50 ${result.search.page2Ms.p50} ms`);
  console.log('phase | req/s | ratio to bare | p50 ms | p99 ms | server max RSS MB');
  for (const [k, v] of Object.entries(result.http.phases) as [string, any][]) console.log(`${k} | ${v.rps} | ${k.startsWith('bare') ? '-' : pctOf(v.ratio)} | ${v.p50Ms} | ${v.p99Ms} | ${v.maxRssMB}`);
  console.log('goal | target | measured | met');
  for (const g of goals) console.log(`${g.what} | ${g.goal} | ${g.measured} | ${g.met ? '✔' : '✘'}`);
  console.log(`written to ${out}`);
}

function pctOf(ratio: number): string {
  return `${(ratio * 100).toFixed(1)} %`;
}
