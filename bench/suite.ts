/**
 * `npm run bench` (no argument): speed as ratios against a baseline measured in the same run (the machine is
 * shared and noisy, so absolute times mean little). Writes bench/results.json and prints a table;
 * docs/benchmarks.md records the figures with this command.
 *
 * 1. Deadline computation: our addWorkingDays (precomputed official days, TZ-proof) against the
 *    baseline of walking day by day with chinese-days' own isWorkday (what a naive port would do).
 * 2. Page rendering: GET / (agency tree from the database, server-rendered page) against the
 *    baseline of GET for a static CSS file through the same Fastify app (the framework's floor).
 */
import { writeFileSync } from 'node:fs';
import * as chineseDaysModule from 'chinese-days';
import { createWorkCalendar, addDays } from '../src/kernel/calendar/index.ts';
import { buildTestApp } from '../test/helpers/app.ts';
import { loadDemo } from '../src/demo/index.ts';
import { benchSearch } from './search.ts';

// chinese-days is a CommonJS/UMD bundle: its functions are on the default export.
const chineseDays = ((chineseDaysModule as any).default ?? chineseDaysModule) as { isWorkday(d: string): boolean };
const isWorkday = (d: string) => chineseDays.isWorkday(d);

function measure(fn: () => unknown, minMs = 1500): number {
  for (let i = 0; i < 50; i++) fn(); // warm-up
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < minMs) {
    fn();
    n++;
  }
  return n / ((performance.now() - t0) / 1000);
}

async function measureAsync(fn: () => Promise<unknown>, minMs = 3000): Promise<number> {
  for (let i = 0; i < 20; i++) await fn();
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < minMs) {
    await fn();
    n++;
  }
  return n / ((performance.now() - t0) / 1000);
}

export async function runSuite(): Promise<void> {
  const results: { name: string; opsPerSec: number; baseline: string; baselineOpsPerSec: number; ratio: number }[] = [];

  // 1. Deadline computation
  const cal = createWorkCalendar();
  let i = 0;
  const ours = measure(() => cal.addWorkingDays(addDays('2024-01-01', i++ % 900), 20));
  let j = 0;
  const naive = measure(() => {
    let d = addDays('2024-01-01', j++ % 900);
    let left = 20;
    while (left > 0) {
      d = addDays(d, 1);
      if (isWorkday(d)) left--;
    }
    return d;
  });
  results.push({ name: 'addWorkingDays(start, 20)', opsPerSec: ours, baseline: 'day-by-day walk with chinese-days isWorkday', baselineOpsPerSec: naive, ratio: ours / naive });

  // 2. Page rendering over the demo city (SQLite)
  const t = await buildTestApp('sqlite');
  await loadDemo(t.services);
  const home = await measureAsync(() => t.app.inject({ method: 'GET', url: '/' }));
  const css = await measureAsync(() => t.app.inject({ method: 'GET', url: '/static/css/site.css' }));
  results.push({ name: 'GET / (demo city, SQLite)', opsPerSec: home, baseline: 'GET /static/css/site.css (same app)', baselineOpsPerSec: css, ratio: home / css });
  await t.dispose();

  // 3. Catalog search over 20,000 generated items (SQLite): latency of the whole search (counts, facets,
  //    both groups, highlights) against a LIKE '%term%' scan for the first page and the total;
  //    recall/precision against a substring scan (bench/search.ts; --items and PostgreSQL there).
  const search = await benchSearch({ items: 20_000 });
  results.push({ name: `search p50, ${search.items} items, 1–3 term mix (SQLite)`, opsPerSec: 1000 / search.latencyMs.p50, baseline: "LIKE '%term%' scan, first page + count", baselineOpsPerSec: 1000 / search.baselineLikeMs.p50, ratio: search.ratioP50 });
  console.log(`search: p50/p95/p99 ${search.latencyMs.p50.toFixed(1)}/${search.latencyMs.p95.toFixed(1)}/${search.latencyMs.p99.toFixed(1)} ms (CPU ${search.cpuMs.p50.toFixed(1)}/${search.cpuMs.p95.toFixed(1)}/${search.cpuMs.p99.toFixed(1)}), indexing ${search.indexItemsPerSec.toFixed(0)} items/s; recall ${Math.min(...search.recall.map((r) => r.recall))}, precision ${Math.min(...search.recall.map((r) => r.precision))} over ${search.recall.length} terms`);

  writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify({ at: new Date().toISOString(), node: process.version, results }, null, 2)}\n`);
  console.log('benchmark | ops/s | baseline | baseline ops/s | ratio');
  for (const r of results) console.log(`${r.name} | ${r.opsPerSec.toFixed(0)} | ${r.baseline} | ${r.baselineOpsPerSec.toFixed(0)} | ${r.ratio.toFixed(2)}`);
}
