/**
 * Import profile: the real bulk import (`importPublications`, the path of `gongkai import publications`)
 * of N generated items into a fresh database with 1,000 agencies (the catalog benchmark's shape).
 *
 *   node --import tsx bench/import-profile.ts --items 50000 [--dialect sqlite|postgres] [--batch-size N]
 *        [--mode file|batch] [--cli] [--keep]
 *
 * The JSONL file is generated once per item count (bench/search-corpus.ts vocabulary, every line with a
 * ref, interpretations pointing at an earlier document of their agency, normative documents with
 * validity) and cached in the temp folder. In-process by default (add `node --cpu-prof` to profile);
 * `--cli` runs `gongkai import publications FILE --json` as a child under /usr/bin/time -v instead, and
 * reports its maximum RSS. PostgreSQL needs DATABASE_URL_PG (a fresh database is created and dropped).
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { openServices } from '../src/main.ts';
import { cliActor } from '../src/modules/audit/index.ts';
import { importPublications, type ImportLine, type ImportProgress } from '../src/modules/catalog/index.ts';
import { openStorage, type DialectName } from '../src/storage/db.ts';
import { migrateToLatest } from '../src/storage/migrate.ts';
import { createTestDbUrl } from '../test/helpers/db.ts';
import { generateCorpus } from './search-corpus.ts';

const AGENCIES = 1000;

/** Writes (once) the JSONL file of `items` generated lines; returns its path. */
export async function importFile(items: number): Promise<string> {
  const path = join(tmpdir(), `gongkai-import-${items}.jsonl`);
  if (existsSync(path)) return path;
  const tmp = `${path}.part`;
  const out = createWriteStream(tmp);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  const lastDoc = new Map<number, string>(); // agency → ref of its latest non-interpretation
  const chunk = 10_000;
  for (let start = 0; start < items; start += chunk) {
    const docs = generateCorpus({ count: Math.min(chunk, items - start), seed: 2017 + start, agencies: AGENCIES, toYear: 2024 });
    let text = '';
    docs.forEach((d, j) => {
      const i = start + j;
      const ref = `r${i}`;
      let kind: ImportLine['kind'] = d.kind;
      const interprets = kind === 'interpretation' ? lastDoc.get(d.agency) : undefined;
      if (kind === 'interpretation' && !interprets) kind = 'notice';
      if (kind !== 'interpretation') lastDoc.set(d.agency, ref);
      const written = new Date(`${d.publishedOn}T00:00:00Z`);
      written.setUTCDate(written.getUTCDate() - (i % 30));
      const line: ImportLine = {
        ref,
        agency: `B${d.agency}`,
        ...(d.coIssuers.length ? { coIssuers: d.coIssuers.map((a) => `B${a}`) } : {}),
        title: d.title,
        docNo: d.docNo,
        kind,
        topic: d.topic,
        genre: d.genre,
        audience: i % 3 === 0 ? ['公民'] : [],
        keywords: d.keywords,
        summary: d.summary,
        body: d.body,
        writtenAt: written.toISOString().slice(0, 10),
        publishedAt: d.publishedOn,
        ...(kind === 'normativeDocument' ? { validity: { status: 'inForce' as const, from: d.publishedOn, until: null, replacedBy: null } } : {}),
        ...(interprets ? { interprets } : {}),
      };
      text += `${JSON.stringify(line)}\n`;
    });
    await write(text);
  }
  await new Promise<void>((r, j) => out.end((e?: Error | null) => (e ? j(e) : r())));
  renameSync(tmp, path);
  return path;
}

/** A fresh, migrated database with AGENCIES agencies B0 … B999 (a tree: B0 at the top, ten children each). */
export async function freshDatabase(dialect: DialectName): Promise<{ url: string; dispose(): Promise<void> }> {
  const target = await createTestDbUrl(dialect);
  const storage = openStorage(target.url);
  await migrateToLatest(storage);
  const now = '2024-12-31T00:00:00.000Z';
  const ids = Array.from({ length: AGENCIES }, (_, i) => `a${String(i).padStart(4, '0')}`);
  for (let i = 0; i < AGENCIES; i += 200) {
    await storage.db
      .insertInto('agencies')
      .values(ids.slice(i, i + 200).map((id, j) => ({ id, code: `B${i + j}`, name: `机构${i + j}`, kind: i + j === 0 ? 'government' : 'department', parent_id: i + j === 0 ? null : ids[Math.floor((i + j) / 10)], created_at: now, updated_at: now })) as never)
      .execute();
  }
  await storage.close();
  return target;
}

function trace(items: number) {
  let last = { phase: '', n: 0, ms: 0 };
  const step = Math.max(1000, Math.round(items / 10));
  return (p: ImportProgress) => {
    const n = p.phase === 'check' ? p.lines : p.written;
    if (p.phase !== last.phase) last = { phase: p.phase, n: 0, ms: p.elapsedMs };
    if (n - last.n < step && n < items) return;
    console.error(`${p.phase} ${n}: ${Math.round(((n - last.n) * 1000) / (p.elapsedMs - last.ms))}/s, rss ${Math.round(process.memoryUsage.rss() / 2 ** 20)} MB`);
    last = { phase: p.phase, n, ms: p.elapsedMs };
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      items: { type: 'string', default: '20000' },
      dialect: { type: 'string', default: 'sqlite' },
      // default: the import's own (importPublications, the CLI)
      'batch-size': { type: 'string' },
      mode: { type: 'string', default: 'file' },
      cli: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      trace: { type: 'boolean', default: false },
    },
  });
  const items = Number(values.items);
  const dialect = values.dialect as DialectName;
  const file = await importFile(items);
  const db = await freshDatabase(dialect);
  const result: Record<string, unknown> = { items, dialect, mode: values.mode, batchSize: values['batch-size'] ? Number(values['batch-size']) : 'default', file, fileMB: +(statSync(file).size / 2 ** 20).toFixed(1) };
  try {
    if (values.cli) {
      const args = ['-v', process.execPath, 'bin/gongkai.mjs', 'import', 'publications', file, '--json', ...(values['batch-size'] ? ['--batch-size', values['batch-size']] : []), ...(values.mode === 'batch' ? ['--per-batch'] : [])];
      const t0 = performance.now();
      const r = spawnSync('/usr/bin/time', args, { env: { ...process.env, DATABASE_URL: db.url }, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
      const ms = performance.now() - t0;
      const s = JSON.parse(r.stdout || '{}');
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1];
      const cpuSec = Number(/User time \(seconds\): ([\d.]+)/.exec(r.stderr)?.[1] ?? NaN) + Number(/System time \(seconds\): ([\d.]+)/.exec(r.stderr)?.[1] ?? NaN);
      // CPU time of the whole CLI process (start-up included): steadier than wall time on a shared machine
      result.processCpuMs = Math.round(cpuSec * 1000);
      Object.assign(result, { imported: s.imported, complete: s.complete, importMs: Math.round(s.elapsedMs), itemsPerSec: Math.round(s.imported / (s.elapsedMs / 1000)), processMs: Math.round(ms), maxRssMB: rss ? Math.round(Number(rss) / 1024) : null });
      if (!s.complete) result.issues = s.issues?.slice(0, 5) ?? r.stderr.slice(-2000);
    } else {
      const services = openServices(loadConfig({ ...process.env, DATABASE_URL: db.url }));
      const cpu0 = process.cpuUsage();
      try {
        const s = await importPublications(
          { db: services.storage.db, publications: services.publications, clock: services.clock, audit: services.audit },
          () => createReadStream(file, { highWaterMark: 256 * 1024 }),
          {
            actor: cliActor,
            mode: values.mode as 'file' | 'batch',
            batchSize: values['batch-size'] ? Number(values['batch-size']) : undefined,
            totalBytes: statSync(file).size,
            source: file,
            // --trace: the rate of each tenth of each phase on standard error (does it fall as the tables grow?)
            onProgress: values.trace ? trace(items) : undefined,
          },
        );
        const cpu = process.cpuUsage(cpu0);
        const cpuMs = (cpu.user + cpu.system) / 1000;
        // CPU time of this process: steadier than wall time on a shared machine (but leaves out PostgreSQL's own work)
        Object.assign(result, { imported: s.imported, complete: s.complete, importMs: Math.round(s.elapsedMs), itemsPerSec: Math.round(s.imported / (s.elapsedMs / 1000)), cpuMs: Math.round(cpuMs), itemsPerCpuSec: Math.round(s.imported / (cpuMs / 1000)), maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) });
        if (!s.complete) result.issues = s.issues.slice(0, 5);
      } finally {
        await services.storage.close();
      }
    }
  } finally {
    if (values.keep) result.url = db.url;
    else await db.dispose();
  }
  console.log(JSON.stringify(result));
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
