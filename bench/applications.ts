/**
 * `npm run bench -- applications --cases 1000000 [--db sqlite|postgres]`: disclosure applications at scale
 * (issue 4, "Speed").
 *
 * 1. Builds a ledger of N cases as a JSONL import file (bench/applications-corpus.ts: 500 agencies, five years
 *    up to today, the outcome and event mix of real ledgers; streamed, cached in the temp folder).
 * 2. Imports it through the real path (`importApplications`, what `gongkai import applications FILE` runs, in
 *    its default all-or-nothing mode: check pass + write pass) into a fresh database — a SQLite file in a temp
 *    folder, or a new PostgreSQL database (DATABASE_URL_PG), dropped afterwards — and reports the rate
 *    (cases/s, both passes, every line folded by the rules) and the size on disk.
 * 3. Deadline computations per second (`computeDeadline` over a mix of receipts, corrections, pauses and
 *    extensions, with the real calendar) and case folds per second (`foldCase` of imported-like logs).
 * 4. The workbench queue page (GET /admin/applications, signed in) served by the real app on 127.0.0.1
 *    (bench/catalog-server.ts, a process of its own) for a handler of the agency with the most cases and for the
 *    authority over all 500 agencies (the city government's 'authority' role), plus the authority's "overdue"
 *    filter and the administrator's view: single-request latency (sequential, p50/p90, the ≤ 50 ms goal) and
 *    throughput under load from a separate process (bench/catalog-load.ts, with the session cookie) as ratios to a bare route on
 *    the same app instance, measured in the same run.
 * 5. Writes bench/results-applications-<db>.json and prints a table.
 *
 * Options: --cases N (default 20000) --db sqlite|postgres --connections N (8) --duration S (8 per phase)
 *          --samples N (sequential requests per page, 40) --batch-size N (import) --keep (keep the database)
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
import { addDays, todayInShanghai, type IsoDate } from '../src/kernel/calendar/index.ts';
import { cliActor } from '../src/modules/audit/index.ts';
import { computeDeadline, createApplicationsRepository, foldCase, importApplications, type CaseEvent, type DeadlineInput } from '../src/modules/applications/index.ts';
import type { DialectName } from '../src/storage/db.ts';
import { ask, forkTs, freshDatabase, load, machine, mb, nextMessage, pct, r1, r3, sizeOnDisk, type LoadResult } from './kit.ts';
import { rng } from './search-corpus.ts';
import { applicationAgencies, applicationsFile } from './applications-corpus.ts';

const here = dirname(fileURLToPath(import.meta.url));

const PASSWORD = 'Bench-Passw0rd-2026';

/** Deadline computations and case folds per second, over a deterministic mix of cases. */
function rulesThroughput(calendar: Parameters<typeof computeDeadline>[0], today: IsoDate) {
  const r = rng(33);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const inputs: DeadlineInput[] = [];
  const logs: CaseEvent[][] = [];
  for (let i = 0; i < 5000; i++) {
    const receivedOn = addDays(today, -int(0, 5 * 365));
    const x = r();
    const input: DeadlineInput = { receivedOn, asOf: today };
    const log: CaseEvent[] = [{ type: 'submitted', on: receivedOn, data: { channel: 'online' } } as CaseEvent];
    if (x < 0.1) {
      const requestedOn = addDays(receivedOn, int(1, 3));
      const correctedOn = addDays(requestedOn, int(3, 12));
      input.correction = { requestedOn, correctedOn };
      log.push({ type: 'correctionRequested', on: requestedOn, data: { until: addDays(requestedOn, 15), what: '' } } as CaseEvent, { type: 'corrected', on: correctedOn, data: {} } as CaseEvent);
    } else if (x < 0.2) {
      const from = addDays(receivedOn, int(2, 8));
      const to = addDays(from, int(5, 15));
      input.pauses = [{ kind: 'thirdParty', from, to }];
      log.push({ type: 'consultationStarted', on: from, data: { party: 'thirdParty' } } as CaseEvent, { type: 'consultationEnded', on: to, data: {} } as CaseEvent);
    } else if (x < 0.3) {
      input.extensionDays = 20;
      log.push({ type: 'extended', on: addDays(receivedOn, int(8, 14)), data: { days: 20 } } as CaseEvent);
    }
    const answered = addDays(log[log.length - 1]!.on, int(3, 25));
    if (answered <= today) log.push({ type: 'answered', on: answered, data: { outcome: 'disclose', detail: null } } as CaseEvent);
    inputs.push(input);
    logs.push(log);
  }
  const time = (fn: (i: number) => void, ms = 1500) => {
    for (let i = 0; i < 2000; i++) fn(i); // warm-up
    let n = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < ms) for (let k = 0; k < 500; k++, n++) fn(n % 5000);
    return n / ((performance.now() - t0) / 1000);
  };
  const deadlines = time((i) => computeDeadline(calendar, inputs[i]!));
  const folds = time((i) => foldCase(calendar, logs[i]!, { asOf: today }));
  return { deadlinesPerSec: Math.round(deadlines), foldsPerSec: Math.round(folds), mix: '5,000 cases received over five years: 10 % corrected, 10 % a third-party pause, 10 % extended; asOf today' };
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      cases: { type: 'string', default: '20000' },
      db: { type: 'string', default: 'sqlite' },
      connections: { type: 'string', default: '8' },
      duration: { type: 'string', default: '8' },
      samples: { type: 'string', default: '40' },
      'batch-size': { type: 'string' },
      keep: { type: 'boolean', default: false },
    },
  });
  const cases = Number(values.cases);
  const dialect = values.db as DialectName;
  if (dialect !== 'sqlite' && dialect !== 'postgres') throw new Error('--db sqlite|postgres');
  const connections = Number(values.connections);
  const durationMs = Number(values.duration) * 1000;
  const samples = Number(values.samples);
  const log = (s: string) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${s}\n`);
  const today = todayInShanghai(new Date());
  const result: Record<string, any> = { at: new Date().toISOString(), command: `npm run bench -- applications ${argv.join(' ')}`.trim(), node: process.version, dialect, cases, machine: machine() };

  // 1. The ledger
  log(`ledger file: ${cases} cases up to ${today} …`);
  const file = await applicationsFile(cases, today, { log });
  const largestCount = file.byAgency[file.largestAgency]!;
  result.file = { path: file.path, mb: mb(file.bytes), from: file.from, until: file.until, open: file.open, events: file.events, proceedings: file.proceedings, largestAgency: file.largestAgency, largestAgencyCases: largestCount, generateSeconds: file.generateMs != null ? r1(file.generateMs / 1000) : null };
  log(`ledger file: ${file.path} (${mb(file.bytes)} MB${file.generateMs != null ? `, generated in ${(file.generateMs / 1000).toFixed(0)} s` : ', cached'}); ${file.open} open, ${file.events} events, ${file.proceedings} proceedings; largest agency ${file.largestAgency} with ${largestCount} cases`);

  // 2. Import through the real path
  const target = await freshDatabase(dialect, applicationAgencies());
  const services = openServices(loadConfig({ ...process.env, DATABASE_URL: target.url, LOG_LEVEL: 'silent' }));
  let serverChild: ChildProcess | null = null;
  let servicesOpen = true;
  try {
    log(`importing into a fresh ${dialect} database …`);
    let lastLog = 0;
    const phases: Record<string, number> = {};
    const cpu0 = process.cpuUsage();
    const summary = await importApplications(
      { repo: createApplicationsRepository(services.storage.db), agencies: services.agencies, calendar: services.calendar, clock: services.clock, audit: services.audit },
      () => createReadStream(file.path, { highWaterMark: 256 * 1024 }),
      {
        actor: cliActor,
        batchSize: values['batch-size'] ? Number(values['batch-size']) : undefined,
        totalBytes: file.bytes,
        source: file.path,
        onProgress: (p) => {
          phases[p.phase] = p.elapsedMs;
          if (p.elapsedMs - lastLog < 10_000) return;
          lastLog = p.elapsedMs;
          const n = p.phase === 'check' ? p.lines : p.written;
          log(`  ${p.phase === 'check' ? 'checking' : 'importing'} ${n}/${cases} ${(p.elapsedMs / 1000).toFixed(0)} s, rss ${mb(process.memoryUsage().rss)} MB`);
        },
      },
    );
    const cpu = process.cpuUsage(cpu0);
    if (!summary.complete) throw new Error(`import incomplete: ${JSON.stringify(summary.issues.slice(0, 5))}`);
    result.import = {
      imported: summary.imported,
      open: summary.open,
      late: summary.late,
      seconds: r1(summary.elapsedMs / 1000),
      casesPerSec: Math.round(summary.imported / (summary.elapsedMs / 1000)),
      checkSeconds: phases.check != null ? r1(phases.check / 1000) : null,
      writeSeconds: phases.import != null ? r1((summary.elapsedMs - (phases.check ?? 0)) / 1000) : null,
      cpuMsPerCase: r3((cpu.user + cpu.system) / 1000 / summary.imported),
      maxRssMB: mb(process.resourceUsage().maxRSS * 1024),
    };
    log(`imported ${summary.imported} in ${result.import.seconds} s (check ${result.import.checkSeconds} s, write ${result.import.writeSeconds} s): ${result.import.casesPerSec} cases/s; ${summary.open} open, ${summary.late} late`);
    const db = services.storage.db as any;
    if (dialect === 'postgres') {
      const t = performance.now();
      await sql`analyze`.execute(db);
      result.import.analyzeSeconds = r1((performance.now() - t) / 1000);
    }
    result.dbSizeMB = mb(await sizeOnDisk(dialect, target.url, db));
    log(`database size: ${result.dbSizeMB} MB`);

    // 3. The rules
    result.rules = rulesThroughput(await services.calendar.current(), today);
    log(`deadline computations ${result.rules.deadlinesPerSec}/s, case folds ${result.rules.foldsPerSec}/s`);

    // Users and sessions: a handler of the agency with the most cases, the city's authority (all 500 agencies), an administrator.
    const sys = services.users.systemPrincipal();
    const users = [['bench-handler', 'handler', file.largestAgency], ['bench-authority', 'authority', 'HS'], ['bench-admin', 'admin', null]] as const;
    const cookies: Record<string, string> = {};
    for (const [username, role, agency] of users) {
      await services.users.create(sys, cliActor, { username, displayName: username, password: PASSWORD, grants: [{ role, agency }] } as never);
      const s = await services.users.signIn(username, PASSWORD, { ip: '127.0.0.1', userAgent: 'bench' });
      cookies[username] = `gk_session=${s.token}`;
    }
    await services.storage.close();
    servicesOpen = false;

    // 4. The real app in a process of its own, loaded from another process.
    log('starting the server …');
    serverChild = forkTs('catalog-server.ts', { DATABASE_URL: target.url });
    const { url: origin, migrated } = await nextMessage<{ url: string; migrated: string[] }>(serverChild, (m) => m.ready);
    if (migrated.length) log(`the server applied migrations added to the working tree since the import: ${migrated.join(', ')}`);
    result.serverMigrated = migrated;
    const server = serverChild;
    const pages: { name: string; user: string | null; path: string }[] = [
      { name: 'bare', user: null, path: '/__bench/bare' },
      { name: `queue, handler of ${file.largestAgency}`, user: 'bench-handler', path: '/admin/applications' },
      { name: 'queue, authority (500 agencies)', user: 'bench-authority', path: '/admin/applications' },
      { name: 'queue, authority, overdue', user: 'bench-authority', path: '/admin/applications?urgency=overdue' },
      { name: 'queue, authority, closed, page 2', user: 'bench-authority', path: '/admin/applications?state=closed&page=2' },
      { name: 'queue, administrator', user: 'bench-admin', path: '/admin/applications' },
    ];
    const headersOf = (user: string | null): Record<string, string> => (user ? { cookie: cookies[user]! } : {});
    // Single requests, one at a time: the page's own time (the ≤ 50 ms goal), after one warm-up request.
    result.latency = {};
    for (const p of pages) {
      const times: number[] = [];
      for (let i = 0; i <= samples; i++) {
        const s = performance.now();
        const res = await fetch(origin + p.path, { headers: headersOf(p.user) });
        const body = await res.text();
        if (res.status !== 200) throw new Error(`GET ${p.path} as ${p.user}: ${res.status} ${body.slice(0, 300)}`);
        if (i > 0) times.push(performance.now() - s);
        else if (p.user && !body.includes('<table')) log(`  warning: ${p.name} shows no table`);
      }
      result.latency[p.name] = { p50Ms: r1(pct(times, 50)), p90Ms: r1(pct(times, 90)), minMs: r1(Math.min(...times)) };
      log(`  ${p.name}: sequential p50 ${result.latency[p.name].p50Ms} ms, p90 ${result.latency[p.name].p90Ms} ms, min ${result.latency[p.name].minMs} ms`);
    }
    await ask(server, 'resetRss');
    const idle = async (): Promise<void> => {
      const t0 = performance.now();
      let fast = 0;
      while (fast < 3 && performance.now() - t0 < 600_000) {
        const s = performance.now();
        await (await fetch(`${origin}/__bench/bare`)).text();
        fast = performance.now() - s < 20 ? fast + 1 : 0;
        if (!fast) await new Promise((r) => setTimeout(r, 50));
      }
    };
    const runs: Record<string, LoadResult> = {};
    const phase = async (name: string, user: string | null, path: string) => {
      const r = await load(origin, [path], connections, durationMs, 1500, headersOf(user));
      await idle();
      runs[name] = r;
      const bad = Object.entries(r.statuses).filter(([c]) => c !== '200');
      log(`  ${name}: ${r.rps.toFixed(r.rps < 10 ? 2 : 0)} req/s (${r.requests} requests, ${r.bytesPerResponse} B each, p50 ${r1(r.latencyMs.p50)} ms, p99 ${r1(r.latencyMs.p99)} ms${bad.length || r.errors ? `, non-200: ${JSON.stringify(Object.fromEntries(bad))}, errors ${r.errors}` : ''})`);
      if (r.errors || bad.length) throw new Error(`${name}: failed requests ${JSON.stringify(r.statuses)} errors ${r.errors}`);
    };
    log(`load: ${connections} connections, ${durationMs / 1000} s per phase, from a separate process`);
    await phase('bare#1', null, '/__bench/bare');
    for (const p of pages.slice(1, 3)) await phase(p.name, p.user, p.path);
    await phase('bare#2', null, '/__bench/bare');
    for (const p of pages.slice(3)) await phase(p.name, p.user, p.path);
    await phase('bare#3', null, '/__bench/bare');
    const bare = (runs['bare#1']!.rps + runs['bare#2']!.rps + runs['bare#3']!.rps) / 3;
    const rss = await ask<{ maxRss: number; rss: number; vmHwm: number }>(server, 'rss');
    result.http = {
      connections,
      secondsPerPhase: durationMs / 1000,
      bareRps: Math.round(bare),
      phases: Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, { rps: v.rps < 10 ? Math.round(v.rps * 100) / 100 : Math.round(v.rps), ratio: Math.round((v.rps / bare) * 10000) / 10000, requests: v.requests, bytesPerResponse: v.bytesPerResponse, p50Ms: r1(v.latencyMs.p50), p99Ms: r1(v.latencyMs.p99) }])),
    };
    result.serverRss = { maxDuringLoadMB: mb(rss.maxRss), vmHwmMB: mb(rss.vmHwm) };
    await ask(server, 'stop');
    serverChild = null;
  } finally {
    if (servicesOpen) await services.storage.close();
    if (serverChild) serverChild.kill();
    if (values.keep) result.databaseUrl = target.url;
    else await target.dispose();
  }

  const authority = result.latency['queue, authority (500 agencies)'];
  result.goals = [{ what: `authority's queue page, ${cases} cases (${dialect})`, goal: '≤ 50 ms', measured: `p50 ${authority.p50Ms} ms (p90 ${authority.p90Ms} ms)`, met: authority.p50Ms <= 50 }];
  result.loadavgAtEnd = os.loadavg().map((x) => Math.round(x * 100) / 100);
  const out = join(here, `results-applications-${dialect}.json`);
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\napplications benchmark, ${cases} cases, ${dialect} (${result.command})`);
  console.log(`import ${result.import.casesPerSec} cases/s (${result.import.seconds} s: check ${result.import.checkSeconds} s, write ${result.import.writeSeconds} s); database ${result.dbSizeMB} MB; file ${result.file.mb} MB`);
  console.log(`deadline computations ${result.rules.deadlinesPerSec}/s; case folds ${result.rules.foldsPerSec}/s`);
  console.log('page | sequential p50 ms | p90 ms | req/s under load | ratio to bare | p50 ms | p99 ms');
  for (const [k, v] of Object.entries(result.http.phases) as [string, any][]) {
    const l = result.latency[k] ?? (k.startsWith('bare') ? result.latency.bare : undefined);
    console.log(`${k} | ${l?.p50Ms ?? '-'} | ${l?.p90Ms ?? '-'} | ${v.rps} | ${k.startsWith('bare') ? '-' : `${(v.ratio * 100).toFixed(1)} %`} | ${v.p50Ms} | ${v.p99Ms}`);
  }
  for (const g of result.goals) console.log(`goal: ${g.what} ${g.goal}: ${g.measured} ${g.met ? '✔' : '✘'}`);
  console.log(`written to ${out}`);
}
