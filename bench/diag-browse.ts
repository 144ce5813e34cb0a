/**
 * One-off browse pages in the real app, one request at a time (app.inject: no network, no other load): where
 * `npm run bench -- catalog` gives throughput, this gives each page's time, on an existing database (e.g. one
 * kept by `npm run bench -- catalog --items 1000000 --keep`).
 *
 *   DATABASE_URL=sqlite:/tmp/…/test.db node --import tsx bench/diag-browse.ts [--profile FILE.cpuprofile]
 *
 * 1. A first browse request starts loading the facet index (facet-index.ts); the script waits for it (20 s).
 * 2. Warms the counts every page of a year or of a kind shares (the agency facet of a year, the year facet of
 *    a kind), as a long-running server has them.
 * 3. Times pages of filter sets not seen before (agency × year, kind × year × page, deep unfiltered pages) and
 *    prints each, then p50 and mean; with --profile, writes a CPU profile of step 3 (50 µs sampling).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { openServices } from '../src/main.ts';
import { buildApp } from '../src/http/app.ts';

const { values } = parseArgs({ options: { profile: { type: 'string' } } });
const services = openServices(loadConfig({ ...process.env, LOG_LEVEL: 'silent', NODE_ENV: 'production' }));
const app = await buildApp(services, { logger: false });
const timed = async (url: string) => {
  const start = performance.now();
  const r = await app.inject({ url: encodeURI(url) });
  if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode}`);
  return { ms: Math.round((performance.now() - start) * 100) / 100, bytes: r.body.length };
};

console.log('first request (counted in the database)', await timed('/xxgk?year=2019'));
await new Promise((r) => setTimeout(r, 20_000));
for (let y = 2014; y <= 2026; y++) {
  await timed(`/xxgk?agency=HS-D01&year=${y}`);
  for (const k of ['notice', 'news', 'rule', 'plan']) await timed(`/xxgk?kind=${k}&year=${y}`);
}
for (const k of ['notice', 'news', 'rule', 'plan']) await timed(`/xxgk?kind=${k}`);
await timed('/xxgk');

const addresses: string[] = [];
for (const a of ['HS-C03-T05', 'HS-D07', 'HS-C05-T11', 'HS-C02-D04', 'HS-C07-T20', 'HS-D12', 'HS-C09-D10', 'HS-C04']) for (const y of [2017, 2019, 2021, 2024]) addresses.push(`/xxgk?agency=${a}&year=${y}`);
for (const k of ['notice', 'news', 'rule', 'plan']) for (const y of [2018, 2022]) for (const p of [1, 7, 30]) addresses.push(`/xxgk?kind=${k}&year=${y}&page=${p}`);
for (const p of [2, 100, 499]) addresses.push(`/xxgk?page=${p}`);

const session = values.profile ? new Session() : null;
if (session) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 50 });
  await session.post('Profiler.start');
}
const times: number[] = [];
for (const a of addresses) {
  const r = await timed(a);
  times.push(r.ms);
  console.log(a, r);
}
if (session && values.profile) writeFileSync(values.profile, JSON.stringify((await session.post('Profiler.stop')).profile));
times.sort((a, b) => a - b);
console.log(`${times.length} pages: p50 ${times[times.length >> 1]} ms, mean ${Math.round((times.reduce((a, b) => a + b) / times.length) * 100) / 100} ms, max ${times.at(-1)} ms`);
await app.close();
await services.storage.close();
