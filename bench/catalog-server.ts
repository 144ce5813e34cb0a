/**
 * The catalog benchmark's server process: the real app started as `serve()` in src/main.ts does (V8's heap
 * settings, services, schema check, buildApp, scheduler, listen) on 127.0.0.1, plus one bare Fastify route, GET /__bench/bare,
 * registered on the same app instance (the framework's floor for the throughput ratios). Forked by
 * bench/catalog.ts with DATABASE_URL set; talks over IPC: sends { ready, url } once listening, answers
 * { cmd: 'rss' } with its resident set (current, maximum sampled every 100 ms since the last reset, and
 * VmHWM), and stops on { cmd: 'stop' }.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { getHeapSpaceStatistics, setFlagsFromString, writeHeapSnapshot } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadConfig } from '../src/config.ts';
import { openServices, tuneServerHeap } from '../src/main.ts';
import { assertSchemaCurrent, migrateToLatest } from '../src/storage/migrate.ts';
import { buildApp } from '../src/http/app.ts';
import { startJobs } from '../src/jobs/index.ts';

tuneServerHeap();
const config = loadConfig({ ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent', NODE_ENV: 'production' });
const services = openServices(config);
// The working tree may have gained a migration since bench/catalog.ts created this database (long runs, while
// others edit src/): bring the throw-away database up to the code this process runs, then check as serve() does.
const migrated = await migrateToLatest(services.storage);
await assertSchemaCurrent(services.storage);
const app = await buildApp(services, { logger: false });
app.get('/__bench/bare', async (_req, reply) => reply.type('text/plain; charset=utf-8').send('ok'));
const stopJobs = startJobs(services);
await app.listen({ port: 0, host: '127.0.0.1' });
const port = (app.server.address() as { port: number }).port;

let maxRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  const rss = process.memoryUsage().rss;
  if (rss > maxRss) maxRss = rss;
}, 100);
sampler.unref();
/**
 * Diagnostics (GONGKAI_BENCH_MEMLOG=FILE): where the resident set is, appended as one JSON line per `rss`
 * / `resetRss` command (i.e. before the load and after every phase): process.memoryUsage(), V8's heap
 * spaces, and /proc/self/smaps_rollup with the largest mappings (anonymous memory outside V8's heap is
 * native: SQLite, jieba, malloc arenas).
 */
function memoryBreakdown(label: string) {
  const mb = (n: number) => Math.round(n / 1048576);
  const mu = process.memoryUsage();
  const rollup = Object.fromEntries(
    [...readFileSync('/proc/self/smaps_rollup', 'utf8').matchAll(/^(\w+):\s+(\d+) kB/gm)].map((m) => [m[1], Math.round(Number(m[2]) / 1024)]),
  );
  const maps: { name: string; rssMB: number }[] = [];
  let current = '';
  for (const line of readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
    const head = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) current = head[1] || '[anon]';
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) {
      const hit = maps.find((x) => x.name === current);
      if (hit) hit.rssMB += Number(rss[1]) / 1024;
      else maps.push({ name: current, rssMB: Number(rss[1]) / 1024 });
    }
  }
  return {
    label,
    at: new Date().toISOString(),
    memoryUsageMB: { rss: mb(mu.rss), heapTotal: mb(mu.heapTotal), heapUsed: mb(mu.heapUsed), external: mb(mu.external), arrayBuffers: mb(mu.arrayBuffers) },
    heapSpacesMB: Object.fromEntries(getHeapSpaceStatistics().map((x) => [x.space_name, mb(x.space_used_size)])),
    smapsRollupMB: rollup,
    largestMappingsMB: maps.sort((a, b) => b.rssMB - a.rssMB).slice(0, 8).map((x) => ({ name: x.name, rssMB: Math.round(x.rssMB) })),
  };
}
let memLogCount = 0;
/**
 * With GONGKAI_BENCH_MEMLOG_GC=1 each line is followed by one taken after a full garbage collection (what
 * is retained, against what is garbage not yet collected); with GONGKAI_BENCH_HEAPSNAP=DIR a heap
 * snapshot is written after those collections (slow: seconds; for diagnosis runs only).
 */
function logMemory(label: string) {
  const file = process.env.GONGKAI_BENCH_MEMLOG;
  if (!file) return;
  const n = memLogCount++;
  appendFileSync(file, `${JSON.stringify(memoryBreakdown(`${n} ${label}`))}\n`);
  if (process.env.GONGKAI_BENCH_MEMLOG_GC === '1') {
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as () => void)();
    appendFileSync(file, `${JSON.stringify(memoryBreakdown(`${n} ${label} after gc`))}\n`);
    if (process.env.GONGKAI_BENCH_HEAPSNAP) writeHeapSnapshot(`${process.env.GONGKAI_BENCH_HEAPSNAP}/server-${n}.heapsnapshot`);
  }
}
logMemory('listening');

const vmHwm = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024;

process.on('message', async (m: { cmd: string; id?: number }) => {
  if (m.cmd === 'rss') {
    logMemory('rss');
    const rss = process.memoryUsage().rss;
    if (rss > maxRss) maxRss = rss;
    process.send!({ id: m.id, rss, maxRss, vmHwm: vmHwm(), heapUsed: process.memoryUsage().heapUsed });
  } else if (m.cmd === 'resetRss') {
    logMemory('resetRss');
    maxRss = process.memoryUsage().rss;
    process.send!({ id: m.id, ok: true });
  } else if (m.cmd === 'stop') {
    stopJobs();
    await app.close();
    await services.storage.close();
    process.send!({ id: m.id, ok: true }, () => process.exit(0));
  }
});
process.send!({ ready: true, url: `http://127.0.0.1:${port}`, migrated });
