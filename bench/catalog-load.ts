/**
 * The benchmarks' load generator (catalog, applications), in a process of its own (forked by bench/catalog.ts
 * or bench/applications.ts, so it does
 * not share the server's event loop): N concurrent keep-alive connections (undici Pool), each sending GETs
 * back to back for a fixed duration, reading every response body whole. Addresses are taken in turn from the
 * given list (shared by all connections): a list longer than the requests sent means every request is for
 * a different address. No conditional headers (no If-None-Match / If-Modified-Since). 127.0.0.1 only.
 *
 * IPC: receives { origin, paths, headers?, connections, durationMs, warmupMs } (headers: e.g. a session cookie), answers with the counts.
 */
import { setMaxListeners } from 'node:events';
import { Pool } from 'undici';

interface Job { origin: string; paths: string[]; headers?: Record<string, string>; connections: number; durationMs: number; warmupMs: number }

function pct(xs: number[], p: number): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

async function run(job: Job) {
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(job.origin)) throw new Error(`refusing non-local origin ${job.origin}`);
  const pool = new Pool(job.origin, { connections: job.connections, pipelining: 1, keepAliveTimeout: 60_000 });
  let next = 0;
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  let requests = 0;
  let bytes = 0;
  let errors = 0;
  let measuring = false;
  const t0 = performance.now();
  const warmEnd = t0 + job.warmupMs;
  const end = warmEnd + job.durationMs;
  let measureStart = warmEnd;
  // At the end of the duration, requests still in flight are abandoned (counted as unfinished), so a page that
  // takes seconds cannot stretch the phase; the caller waits for the server to be idle again before the next one.
  const abort = new AbortController();
  setMaxListeners(0, abort.signal);
  const timer = setTimeout(() => abort.abort(), end - t0);
  let unfinished = 0;
  async function worker() {
    for (;;) {
      const now = performance.now();
      if (now >= end) return;
      if (!measuring && now >= warmEnd) {
        measuring = true;
        measureStart = now;
      }
      const path = job.paths[next++ % job.paths.length];
      const s = performance.now();
      try {
        const res = await pool.request({ path, method: 'GET', headers: job.headers ?? {}, signal: abort.signal });
        let n = 0;
        for await (const chunk of res.body) n += (chunk as Buffer).length;
        if (measuring && s >= measureStart) {
          requests++;
          bytes += n;
          statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
          latencies.push(performance.now() - s);
        }
      } catch {
        if (abort.signal.aborted) unfinished++;
        else if (measuring) errors++;
      }
    }
  }
  await Promise.all(Array.from({ length: job.connections }, worker));
  clearTimeout(timer);
  const seconds = (Math.min(performance.now(), end) - measureStart) / 1000;
  await pool.destroy();
  return {
    requests,
    rps: requests / seconds,
    seconds,
    bytesPerResponse: requests ? Math.round(bytes / requests) : 0,
    statuses,
    errors,
    unfinished,
    /** Addresses taken from the list during the whole run (warm-up included); > list length means some were repeated. */
    taken: next,
    distinct: job.paths.length,
    latencyMs: { p50: pct(latencies, 50), p99: pct(latencies, 99) },
  };
}

process.on('message', async (job: Job) => {
  try {
    process.send!({ ok: true, result: await run(job) }, () => process.exit(0));
  } catch (e) {
    process.send!({ ok: false, error: String((e as Error).stack ?? e) }, () => process.exit(1));
  }
});
