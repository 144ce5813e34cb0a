/**
 * The catalog benchmark's server process: the real app started as `serve()` in src/main.ts does (services,
 * schema check, buildApp, scheduler, listen) on 127.0.0.1, plus one bare Fastify route, GET /__bench/bare,
 * registered on the same app instance (the framework's floor for the throughput ratios). Forked by
 * bench/catalog.ts with DATABASE_URL set; talks over IPC: sends { ready, url } once listening, answers
 * { cmd: 'rss' } with its resident set (current, maximum sampled every 100 ms since the last reset, and
 * VmHWM), and stops on { cmd: 'stop' }.
 */
import { readFileSync } from 'node:fs';
import { loadConfig } from '../src/config.ts';
import { openServices } from '../src/main.ts';
import { assertSchemaCurrent, migrateToLatest } from '../src/storage/migrate.ts';
import { buildApp } from '../src/http/app.ts';
import { startJobs } from '../src/jobs/index.ts';

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
const vmHwm = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024;

process.on('message', async (m: { cmd: string; id?: number }) => {
  if (m.cmd === 'rss') {
    const rss = process.memoryUsage().rss;
    if (rss > maxRss) maxRss = rss;
    process.send!({ id: m.id, rss, maxRss, vmHwm: vmHwm(), heapUsed: process.memoryUsage().heapUsed });
  } else if (m.cmd === 'resetRss') {
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
