/**
 * `npm run bench -- monitor [--pages 10000] [--concurrency 16]`: the website monitor's crawler (issue 6) on a
 * generated local site of N pages, politeness off, against a baseline measured in the same run.
 *
 * - The site is served by a child process (this file with GONGKAI_BENCH_MONITOR_SITE=1, node:http): pages are
 *   generated on the fly, each ≈ 5 KB of Chinese text with a dated list of 20 links, so that a breadth-first crawl
 *   from the homepage reaches every page.
 * - The crawl: crawlSite with politeness false, maxPages = N, maxDepth large; pages/s and the peak RSS and heap
 *   (process.memoryUsage sampled every 25 ms during the crawl).
 * - The baseline: the same N URLs fetched with undici at the same concurrency, bodies read, nothing parsed.
 *
 * Writes bench/results-monitor.json.
 */
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';

const here = dirname(fileURLToPath(import.meta.url));
const LINKS_PER_PAGE = 20;

// ---------------------------------------------------------------------------------------------------------------
// The generated site (child process)

const WORDS = '政府信息公开工作要坚持以公开为常态不公开为例外的原则推进决策公开执行公开管理公开服务公开结果公开加强政策解读回应社会关切';

function pageHtml(i: number, n: number): string {
  const links: number[] = [];
  for (let k = 1; k <= LINKS_PER_PAGE; k++) {
    const child = i * LINKS_PER_PAGE + k;
    links.push(child < n ? child : (i * 7919 + k * 104_729) % n);
  }
  const day = (j: number) => `2026-${String(1 + (j % 11)).padStart(2, '0')}-${String(1 + (j % 28)).padStart(2, '0')}`;
  const items = links.map((j) => `<li><a href="/p/${j}.html" title="关于第${j}号文件的通知">关于第${j}号文件的通知</a><span class="date">${day(j)}</span></li>`).join('\n');
  let text = '';
  for (let p = 0; p < 8; p++) text += `<p>${WORDS.slice(p % 7)}${WORDS}${i}${WORDS.slice(0, 20 + p)}</p>\n`;
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>第${i}页 - 示范区人民政府</title>
<meta name="PubDate" content="${day(i)} 09:30"></head>
<body><header><nav><ul><li><a href="/">首页</a></li><li><a href="/p/1.html">工作动态</a></li><li><a href="/p/2.html">通知公告</a></li></ul></nav></header>
<main><h1>第${i}页</h1>
<ul class="list">
${items}
</ul>
${text}</main>
<footer><p>主办：示范区人民政府办公室</p></footer></body></html>`;
}

function serveSite(n: number): void {
  const server = createServer((req, res) => {
    const m = /^\/(?:p\/(\d+)\.html)?$/.exec(req.url ?? '');
    const i = m ? (m[1] === undefined ? 0 : Number(m[1])) : -1;
    if (i < 0 || i >= n) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    const body = Buffer.from(pageHtml(i, n), 'utf8');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length });
    res.end(body);
  });
  server.keepAliveTimeout = 30_000;
  server.listen(0, '127.0.0.1', () => {
    const addr = server.address();
    process.send!({ port: typeof addr === 'object' && addr ? addr.port : 0, pageBytes: Buffer.byteLength(pageHtml(n >> 1, n)) });
  });
  process.on('disconnect', () => process.exit(0));
}

if (process.env.GONGKAI_BENCH_MONITOR_SITE === '1') serveSite(Number(process.env.GONGKAI_BENCH_MONITOR_PAGES ?? 10_000));

// ---------------------------------------------------------------------------------------------------------------
// The benchmark

const mb = (b: number) => Math.round((b / 2 ** 20) * 10) / 10;
const r1 = (x: number) => Math.round(x * 10) / 10;

function arg(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} expects a positive number`);
  return v;
}

async function baseline(origin: string, n: number, concurrency: number): Promise<{ seconds: number; pagesPerSec: number; bytes: number }> {
  const dispatcher = new Agent({ keepAliveTimeout: 10_000 });
  let next = 0;
  let bytes = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        const res = await request(`${origin}${i === 0 ? '/' : `/p/${i}.html`}`, { dispatcher, headers: { 'user-agent': 'bench' } });
        bytes += (await res.body.arrayBuffer()).byteLength;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  await dispatcher.close();
  return { seconds: Math.round(seconds * 100) / 100, pagesPerSec: Math.round(n / seconds), bytes };
}

export async function main(args: string[]): Promise<void> {
  const n = arg(args, 'pages', 10_000);
  const { crawlSite, CRAWL_CONCURRENCY } = await import('../src/modules/oversight/crawler.ts');
  const concurrency = CRAWL_CONCURRENCY;
  const { fork } = await import('node:child_process');
  const child = fork(fileURLToPath(import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, GONGKAI_BENCH_MONITOR_SITE: '1', GONGKAI_BENCH_MONITOR_PAGES: String(n) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const { port, pageBytes } = await new Promise<{ port: number; pageBytes: number }>((resolve, reject) => {
      child.once('message', (m) => resolve(m as { port: number; pageBytes: number }));
      child.once('exit', (code) => reject(new Error(`site exited (${code})`)));
    });
    const origin = `http://127.0.0.1:${port}`;
    const host = `127.0.0.1:${port}`;
    const config = (pages: number) => ({ homepage: `${origin}/`, columns: [], interaction: [], guides: [], ignoreRobots: false, maxDepth: 1_000, maxPages: pages, maxExternalLinks: 0 });
    console.log(`monitor bench: ${n} pages of ≈ ${(pageBytes / 1024).toFixed(1)} KB, ${LINKS_PER_PAGE} links each, concurrency ${concurrency}, on ${origin}`);

    // Warm-up (JIT, connections) on a slice of the site.
    await crawlSite({ config: config(Math.min(500, n)), allowedHosts: new Set([host]), politeness: false });
    await baseline(origin, Math.min(500, n), concurrency);
    global.gc?.();

    const base = await baseline(origin, n, concurrency);
    console.log(`baseline (undici, no parsing): ${base.pagesPerSec} pages/s (${base.seconds} s)`);

    const before = process.memoryUsage();
    let peakRss = before.rss;
    let peakHeap = before.heapUsed;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 25);
    let lastLog = 0;
    const t0 = performance.now();
    const result = await crawlSite({
      config: config(n),
      allowedHosts: new Set([host]),
      politeness: false,
      onProgress: (p) => {
        if (p.pages - lastLog >= 2_000) {
          lastLog = p.pages;
          process.stdout.write(`  ${p.pages} pages, ${p.links} links, ${Math.round(p.pages / ((performance.now() - t0) / 1000))} pages/s\n`);
        }
      },
    });
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    const after = process.memoryUsage();
    const pagesPerSec = Math.round(result.pagesFetched / seconds);
    const ratio = Math.round((pagesPerSec / base.pagesPerSec) * 100) / 100;
    console.log(`crawl: ${result.pagesFetched} pages, ${result.linksChecked} links checked, ${result.brokenLinks.length} broken, in ${r1(seconds)} s: ${pagesPerSec} pages/s`);
    console.log(`memory: RSS ${mb(before.rss)} → peak ${mb(peakRss)} MB, heap used ${mb(before.heapUsed)} → peak ${mb(peakHeap)} MB (after: ${mb(after.heapUsed)} MB)`);
    console.log(`ratio crawl / baseline: ${ratio} (goal: ≥ 300 pages/s)`);

    const out = {
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? '', memoryGB: Math.round(os.totalmem() / 2 ** 30), node: process.version, loadavg: os.loadavg().map(r1) },
      site: { pages: n, pageBytes, linksPerPage: LINKS_PER_PAGE, concurrency },
      crawl: { pagesFetched: result.pagesFetched, linksChecked: result.linksChecked, brokenLinks: result.brokenLinks.length, seconds: r1(seconds), pagesPerSec, rssBeforeMB: mb(before.rss), peakRssMB: mb(peakRss), heapBeforeMB: mb(before.heapUsed), peakHeapMB: mb(peakHeap), heapAfterMB: mb(after.heapUsed) },
      baseline: { what: 'undici request of the same URLs at the same concurrency, body read, no parsing', ...base },
      ratio,
      goal: { pagesPerSec: 300, met: pagesPerSec >= 300 },
    };
    writeFileSync(join(here, 'results-monitor.json'), `${JSON.stringify(out, null, 2)}\n`);
    console.log('wrote bench/results-monitor.json');
  } finally {
    child.kill();
  }
}
