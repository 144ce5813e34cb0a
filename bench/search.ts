/**
 * Catalog search benchmark: recall against a substring scan, indexing rate, and search latency over a
 * fixed mix of 1–3 term queries against the baseline of a LIKE '%term%' scan in the same run.
 *
 *   node --import tsx bench/search.ts [--items 20000] [--dialect sqlite|postgres]
 *   npm run bench -- search [--items 20000] [--dialect sqlite|postgres]
 * (PostgreSQL needs DATABASE_URL_PG.) Also called from bench/run.ts.
 *
 *   npm run bench -- search --url sqlite:PATH|postgres://… [--rounds 5] [--optimize]
 * instead times the catalog benchmark's query mix (bench/catalog.ts CATALOG_QUERY_MIX) against an existing
 * catalog database, e.g. one kept by `npm run bench -- catalog --items 1000000 --keep`: p50/p95/p99 and each
 * query's median, as bench/catalog.ts measures them; `--optimize` first merges the index (timed).
 */
import { sql } from 'kysely';
import { parseQuery, searchWords } from '../src/kernel/text/index.ts';
import { newId } from '../src/kernel/ids.ts';
import { createSearchRepository, indexPublication, optimizeSearchIndex } from '../src/modules/catalog/search.repository.ts';
import type { SearchTables } from '../src/storage/search/index.ts';
import { createSearchService } from '../src/modules/catalog/search.service.ts';
import type { Publication } from '../src/modules/catalog/publication.ts';
import type { DialectName } from '../src/storage/db.ts';
import { createTestDb } from '../test/helpers/db.ts';
import { containsTerm, generateCorpus, type CorpusDoc } from './search-corpus.ts';

export const QUERY_MIX = ['预算', '扶贫', '低保', '公开', '工作', '通知', '政务公开', '信息公开', '决算', '预算 公开', '扶贫 资金', '低保 标准', '工作 通知', '政务公开 考核', '工作 公开 通知', '预算 决算 公开', '依申请公开', '脱贫攻坚'];
const RECALL_TERMS = ['预算', '扶贫', '低保', '公开', '工作', '通知', '决算', '政务公开', '信息公开', '依申请公开', '预算公开', '扶贫资金'];

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

function toPublication(d: CorpusDoc, id: string, agencyIds: string[], i: number): Publication {
  const at = `${d.publishedOn}T02:00:00.000Z`;
  return {
    id,
    agencyId: agencyIds[d.agency],
    coIssuerIds: d.coIssuers.map((c) => agencyIds[c]),
    status: 'published',
    indexNo: `BENCH/${d.publishedOn.slice(0, 4)}-${String(i).padStart(7, '0')}`,
    title: d.title,
    docNo: d.docNo,
    writtenOn: d.publishedOn,
    publishedAt: at,
    publishedOn: d.publishedOn,
    topic: d.topic,
    genre: d.genre,
    kind: d.kind,
    audience: [],
    keywords: d.keywords,
    summary: d.summary,
    columns: [],
    disclosureMode: 'proactive',
    nonDisclosureReason: null,
    bodyHtml: '',
    bodyText: d.body,
    validity: d.kind === 'normativeDocument' ? { status: 'inForce', from: d.publishedOn, until: null, replacedById: null } : null,
    interpretsId: null,
    version: 1,
    ref: null,
    timelinessDays: null,
    late: false,
    withdrawnAt: null,
    withdrawnReason: null,
    createdBy: null,
    createdAt: at,
    updatedAt: at,
  };
}

export interface SearchBenchResult {
  dialect: DialectName;
  items: number;
  indexItemsPerSec: number;
  /** CPU time of indexing per item (segmentation included): less sensitive to a busy machine than the rate. */
  indexCpuMsPerItem: number;
  /** Merging the index after the load (SQLite FTS5 'optimize'; 0 on PostgreSQL), not part of the rate. */
  optimizeSeconds: number;
  recall: { term: string; expected: number; found: number; recall: number; precision: number; jiebaOnlyRecall: number }[];
  latencyMs: { p50: number; p95: number; p99: number };
  /** Each query's median over the rounds (which queries make the p95). */
  perQueryP50Ms: Record<string, number>;
  /** CPU time per search (this process): what the search costs when the machine is not shared. */
  cpuMs: { p50: number; p95: number; p99: number };
  baselineLikeMs: { p50: number; p95: number; p99: number };
  ratioP50: number;
}

export async function benchSearch(opts: { items: number; dialect?: DialectName; rounds?: number; log?: (s: string) => void }): Promise<SearchBenchResult> {
  const dialect = opts.dialect ?? 'sqlite';
  const log = opts.log ?? (() => undefined);
  const t = await createTestDb(dialect);
  try {
    const db = t.db;
    const now = '2024-12-31T00:00:00.000Z';
    const agencyCount = Math.max(10, Math.min(1000, Math.round(opts.items / 100)));
    const agencyIds = Array.from({ length: agencyCount }, (_, i) => `a${String(i).padStart(4, '0')}`);
    for (let i = 0; i < agencyCount; i += 500) {
      await db
        .insertInto('agencies')
        .values(agencyIds.slice(i, i + 500).map((id, j) => ({ id, code: `B${i + j}`, name: `机构${i + j}`, kind: i + j === 0 ? 'government' : 'department', parent_id: i + j === 0 ? null : agencyIds[Math.floor((i + j) / 10)], created_at: now, updated_at: now })) as any)
        .execute();
    }
    const corpus = generateCorpus({ count: opts.items, agencies: agencyCount, toYear: 2024 });
    const ids = corpus.map((_, i) => newId(Date.UTC(2024, 0, 1) + i));
    log(`search bench: ${opts.items} items on ${dialect}: inserting …`);
    const pubs = corpus.map((d, i) => toPublication(d, ids[i], agencyIds, i));
    for (let i = 0; i < pubs.length; i += 1000) {
      await db.transaction().execute(async (trx) => {
        const chunk = pubs.slice(i, i + 1000);
        for (let j = 0; j < chunk.length; j += 50) {
          await trx
            .insertInto('publications')
            .values(
              chunk.slice(j, j + 50).map((p) => ({
                id: p.id, agency_id: p.agencyId, status: 'published', index_no: p.indexNo, title: p.title, doc_no: p.docNo, written_on: p.writtenOn, published_at: p.publishedAt, published_on: p.publishedOn,
                topic: p.topic, genre: p.genre, kind: p.kind, audience: '[]', keywords: JSON.stringify(p.keywords), summary: p.summary, columns: '[]', disclosure_mode: 'proactive', non_disclosure_reason: null,
                body_html: '', body_text: p.bodyText, validity_status: p.validity?.status ?? null, validity_from: p.validity?.from ?? null, validity_until: null, replaced_by_id: null, interprets_id: null,
                version: 1, ref: null, timeliness_days: null, late: 0, withdrawn_at: null, withdrawn_reason: null, created_by: null, created_at: p.createdAt, updated_at: p.updatedAt,
              })),
            )
            .execute();
        }
      });
    }
    log('indexing …');
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < pubs.length; i += 1000) {
      await db.transaction().execute(async (trx) => {
        for (const p of pubs.slice(i, i + 1000)) await indexPublication(trx, p);
      });
    }
    const indexItemsPerSec = pubs.length / ((performance.now() - t0) / 1000);
    const cpu = process.cpuUsage(cpu0);
    const indexCpuMsPerItem = (cpu.user + cpu.system) / 1000 / pubs.length;
    // What a bulk import ends with (merging the index's segments: docs/design/search.md §4), timed apart.
    const o0 = performance.now();
    await optimizeSearchIndex(db);
    const optimizeSeconds = Math.round((performance.now() - o0) / 100) / 10;
    if (dialect === 'postgres') await sql`analyze`.execute(db);

    // Recall and precision against a substring scan, over every match of the index (no caps), plus
    // what plain jieba tokens would find.
    const repo = createSearchRepository(db);
    const keyOf = new Map((await db.withTables<SearchTables>().selectFrom('search_docs').select(['doc_key', 'publication_id']).execute()).map((r) => [r.publication_id, Number(r.doc_key)]));
    const recall: SearchBenchResult['recall'] = [];
    const words = corpus.map((d) => new Set(searchWords([d.title, d.docNo ?? '', ...d.keywords, d.summary ?? '', d.body].join('\n'))));
    for (const term of RECALL_TERMS) {
      const expected = new Set(corpus.flatMap((d, i) => (containsTerm(d, term) ? [keyOf.get(ids[i])!] : [])));
      const pattern = parseQuery(term).terms[0].pattern;
      const found = new Set(await repo.keys({ scope: 'all', terms: [pattern], excluded: [], require: [], forbid: [] }, null, corpus.length + 1));
      const hit = [...found].filter((k) => expected.has(k)).length;
      // a jieba-token engine: the term's jieba words must all be words of the document
      const termWords = searchWords(term);
      const jieba = corpus.filter((d, i) => expected.has(keyOf.get(ids[i])!) && termWords.every((w) => words[i].has(w))).length;
      recall.push({ term, expected: expected.size, found: found.size, recall: expected.size ? hit / expected.size : 1, precision: found.size ? hit / found.size : 1, jiebaOnlyRecall: expected.size ? jieba / expected.size : 1 });
    }

    // Latency of the full search (counts, facets, both groups, highlighting) with the default tuning.
    const live = createSearchService({ db });
    const rounds = opts.rounds ?? 5;
    const times: number[] = [];
    const cpuTimes: number[] = [];
    const perQuery: Record<string, number[]> = Object.fromEntries(QUERY_MIX.map((q) => [q, []]));
    for (const q of QUERY_MIX) await live.search({ q }); // warm-up
    for (let r = 0; r < rounds; r++) {
      for (const q of QUERY_MIX) {
        const c = process.cpuUsage();
        const s = performance.now();
        await live.search({ q });
        const ms = performance.now() - s;
        times.push(ms);
        perQuery[q].push(ms);
        const u = process.cpuUsage(c);
        cpuTimes.push((u.user + u.system) / 1000);
      }
    }
    // Baseline: LIKE '%term%' over the same fields, newest first, first page and total.
    const base: number[] = [];
    const like = async (q: string) => {
      let query = db.selectFrom('publications').where('status', '=', 'published');
      for (const term of q.split(' ')) {
        const pat = `%${term}%`;
        query = query.where((eb) => eb.or([eb('title', 'like', pat), eb('doc_no', 'like', pat), eb('keywords', 'like', pat), eb('summary', 'like', pat), eb('body_text', 'like', pat)]));
      }
      await query.select('id').orderBy('published_at', 'desc').limit(20).execute();
      await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    };
    for (const q of QUERY_MIX) await like(q);
    for (let r = 0; r < Math.max(1, Math.floor(rounds / 2)); r++) {
      for (const q of QUERY_MIX) {
        const s = performance.now();
        await like(q);
        base.push(performance.now() - s);
      }
    }
    const latencyMs = { p50: pct(times, 50), p95: pct(times, 95), p99: pct(times, 99) };
    const baselineLikeMs = { p50: pct(base, 50), p95: pct(base, 95), p99: pct(base, 99) };
    const perQueryP50Ms = Object.fromEntries(QUERY_MIX.map((q) => [q, Math.round(pct(perQuery[q], 50) * 10) / 10]));
    return { dialect, items: opts.items, indexItemsPerSec, indexCpuMsPerItem, optimizeSeconds, recall, latencyMs, perQueryP50Ms, cpuMs: { p50: pct(cpuTimes, 50), p95: pct(cpuTimes, 95), p99: pct(cpuTimes, 99) }, baselineLikeMs, ratioP50: baselineLikeMs.p50 / latencyMs.p50 };
  } finally {
    await t.dispose();
  }
}

/** The catalog benchmark's search figures against an existing database (`--url`). */
export async function benchSearchExisting(opts: { url: string; rounds?: number; optimize?: boolean }) {
  const { openStorage } = await import('../src/storage/db.ts');
  const { CATALOG_QUERY_MIX } = await import('./catalog.ts');
  const storage = openStorage(opts.url);
  try {
    let optimizeSeconds: number | null = null;
    if (opts.optimize) {
      const o0 = performance.now();
      await optimizeSearchIndex(storage.db);
      optimizeSeconds = Math.round((performance.now() - o0) / 100) / 10;
    }
    const live = createSearchService({ db: storage.db });
    const r1 = (x: number) => Math.round(x * 10) / 10;
    const perQuery: Record<string, number[]> = Object.fromEntries(CATALOG_QUERY_MIX.map((q) => [q, []]));
    const totals: Record<string, string> = {};
    for (const q of CATALOG_QUERY_MIX) {
      const r = await live.search({ q }); // first (cold) run, as bench/catalog.ts
      totals[q] = `${r.total}${r.totalIsEstimate ? '~' : ''}`;
    }
    const all: number[] = [];
    for (let round = 0; round < (opts.rounds ?? 5); round++) {
      for (const q of CATALOG_QUERY_MIX) {
        const s = performance.now();
        await live.search({ q });
        const ms = performance.now() - s;
        all.push(ms);
        perQuery[q].push(ms);
      }
    }
    const os = await import('node:os');
    return {
      url: storage.describe,
      queries: CATALOG_QUERY_MIX.length,
      rounds: opts.rounds ?? 5,
      optimizeSeconds,
      latencyMs: { p50: r1(pct(all, 50)), p95: r1(pct(all, 95)), p99: r1(pct(all, 99)), max: r1(Math.max(...all)) },
      perQuery: CATALOG_QUERY_MIX.map((q) => ({ q, total: totals[q], p50Ms: r1(pct(perQuery[q], 50)), maxMs: r1(Math.max(...perQuery[q])) })),
      loadAverage: os.loadavg().map(r1),
    };
  } finally {
    await storage.close();
  }
}

/** `npm run bench -- search [--items N] [--dialect sqlite|postgres] [--rounds N] | --url URL [--rounds N] [--optimize]`: JSON on stdout. */
export async function main(argv: string[]): Promise<void> {
  const arg = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const url = arg('url');
  if (url) {
    console.log(JSON.stringify(await benchSearchExisting({ url, rounds: Number(arg('rounds') ?? 5), optimize: argv.includes('--optimize') }), null, 2));
    return;
  }
  const r = await benchSearch({ items: Number(arg('items') ?? 20000), dialect: (arg('dialect') as DialectName) ?? 'sqlite', rounds: Number(arg('rounds') ?? 5), log: (s) => process.stderr.write(`${s}\n`) });
  console.log(JSON.stringify(r, null, 2));
}

if (import.meta.url === `file://${process.argv[1]}`) await main(process.argv.slice(2));
