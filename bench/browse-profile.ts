/**
 * Where a one-off browse page's time goes: the calls the /xxgk route makes (the list, the total, each facet),
 * timed one by one for each address given, on an existing database (e.g. one kept by
 * `npm run bench -- catalog --items 1000000 --keep`). Nothing is cached between the calls, as on the first
 * request for a filter set.
 *
 *   node --import tsx bench/browse-profile.ts sqlite:/tmp/…/test.db '/xxgk?year=2019' '/xxgk?agency=HS-C03&year=2022'
 *
 * Then loads the in-memory facet index (facet-index.ts; its load time and heap) and times the same counts from it.
 */
import { loadConfig } from '../src/config.ts';
import { openServices } from '../src/main.ts';
import { parseBrowseQuery, toQuery, pageSize } from '../src/modules/catalog/views/portal/browse-query.ts';
import { loadFacetIndex } from '../src/modules/catalog/facet-index.ts';
import { createPublicReadRepository } from '../src/modules/catalog/public-read.repository.ts';
const url = process.argv[2];
const services = openServices(loadConfig({ ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' }));
const pubs = services.publications;
const tree = await services.agencies.tree();
const addrs = process.argv.slice(3);
for (const a of addrs) {
  const q0 = Object.fromEntries(new URLSearchParams(a.split('?')[1] ?? ''));
  const f = parseBrowseQuery(q0, tree);
  const fq = (lo: any) => toQuery(f, tree, lo);
  const q = toQuery(f, tree);
  const t: Record<string, number> = {};
  const time = async (name: string, fn: () => Promise<unknown>) => { const s = performance.now(); await fn(); t[name] = Math.round((performance.now() - s) * 10) / 10; };
  await time('page', () => pubs.publicPage({ ...q, limit: pageSize, offset: (f.page - 1) * pageSize }));
  await time('total', () => pubs.publicCount(q));
  await time('agency', () => pubs.publicFacet(fq('agency'), 'agency_id'));
  await time('coIssued', () => pubs.publicCoIssuers(fq('agency')));
  await time('topic', () => pubs.publicFacet(fq('topic'), 'topic'));
  await time('genre', () => pubs.publicFacet(fq('genre'), 'genre'));
  await time('kind', () => pubs.publicFacet(fq('kind'), 'kind'));
  await time('year', () => pubs.publicYearFacet(fq('year')));
  await time('validity', () => pubs.publicFacet(fq('validity'), 'validity_status'));
  console.log(a, JSON.stringify(t), 'sum', Math.round(Object.values(t).reduce((x, y) => x + y, 0)));
}
const heap0 = process.memoryUsage().heapUsed;
const t0 = performance.now();
const index = await loadFacetIndex(createPublicReadRepository(services.storage.db).facetSource);
const loadMs = performance.now() - t0;
globalThis.gc?.();
console.log(`facet index: ${index.size} items loaded in ${Math.round(loadMs)} ms; heap +${Math.round((process.memoryUsage().heapUsed - heap0) / 2 ** 20)} MB, array buffers ${Math.round(process.memoryUsage().arrayBuffers / 2 ** 20)} MB`);
for (const a of addrs) {
  const f = parseBrowseQuery(Object.fromEntries(new URLSearchParams(a.split('?')[1] ?? '')), tree);
  const fq = (lo: any) => toQuery(f, tree, lo);
  const t: Record<string, number> = {};
  const time = (name: string, fn: () => unknown) => { const s = performance.now(); fn(); t[name] = Math.round((performance.now() - s) * 1000) / 1000; };
  time('total', () => index.count(fq(undefined)));
  time('agency', () => index.facet(fq('agency'), 'agency_id'));
  time('coIssued', () => index.coIssuers(fq('agency')));
  time('topic', () => index.facet(fq('topic'), 'topic'));
  time('genre', () => index.facet(fq('genre'), 'genre'));
  time('kind', () => index.facet(fq('kind'), 'kind'));
  time('year', () => index.yearFacet(fq('year')));
  time('validity', () => index.facet(fq('validity'), 'validity_status'));
  console.log('memory', a, JSON.stringify(t), 'sum', Math.round(Object.values(t).reduce((x, y) => x + y, 0) * 1000) / 1000);
}
await services.storage.close();
