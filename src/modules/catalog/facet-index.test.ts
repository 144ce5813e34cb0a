import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { addAgency, addUser, buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { cliActor } from '../audit/index.ts';
import type { Principal } from '../agencies/index.ts';
import { browseFacetIndexes, createFacetIndexHolder, FacetIndex, type FacetQuery, loadFacetIndex } from './facet-index.ts';
import { loadFacetIndexOffThread, offThreadLoads } from './facet-index-thread.ts';
import { parseBrowseQuery, toQuery } from './views/portal/browse-query.ts';
import { importPublications, type PublicationInput } from './index.ts';
import { createPublicReadRepository } from './public-read.repository.ts';
import { kinds } from './taxonomy.ts';

const agencies = [
  ['HS', null, 'government'],
  ['HS-D1', 'HS', 'department'],
  ['HS-D2', 'HS', 'department'],
  ['HS-C1', 'HS', 'government'],
  ['HS-C1-D1', 'HS-C1', 'department'],
  ['HS-C1-T1', 'HS-C1', 'township'],
] as const;
const topics = ['综合政务/政务公开', '综合政务/其他', '财政、金融、审计/财政', '财政、金融、审计/审计', '城乡建设、环境保护/其他'];
const genres = ['通知', '意见', '公告', undefined];

/** A deterministic spread of items over agencies, joint issue, kinds, topics, genres, years and validity. */
function line(i: number, rand: () => number) {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const kind = pick(kinds);
  const agency = kind === 'interpretation' ? 'HS' : pick(agencies)[0]; // interprets the city's document by its ref
  const year = 2019 + Math.floor(rand() * 6);
  const day = `${year}-${pick(['01-01', '03-15', '07-01', '12-31'])}`;
  const coIssuers = rand() < 0.3 ? [...new Set([pick(agencies)[0], pick(agencies)[0]])].filter((a) => a !== agency) : [];
  const regulated = kind === 'rule' || kind === 'normativeDocument';
  return {
    agency,
    coIssuers,
    title: `衡水市统计口径测试第${i}号文件`,
    kind,
    topic: pick(topics),
    ...(pick(genres) ? { genre: pick(genres.filter(Boolean)) } : {}),
    writtenAt: day,
    publishedAt: day,
    body: '（演示内容）',
    ...(regulated ? { validity: { status: pick(['inForce', 'inForce', 'expired', 'repealed'] as const), from: day, until: null } } : {}),
    ...(kind === 'interpretation' ? { interprets: 'base' } : {}),
  };
}

const sortedByValue = (xs: { value: string; count: number }[]) => [...xs].sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));

describeEachDialect('the browse counts and pages from memory agree with the database', (dialect) => {
  let t: TestApp;
  let p: Principal;
  const actor = { userId: 'x', name: 'staff', ip: null };
  before(async () => {
    t = await buildTestApp(dialect, { now: '2026-03-02T02:00:00.000Z' });
    for (const [code, parent, kind] of agencies) await addAgency(t.services, code, `${code}机关`, { kind, ...(parent ? { parent } : {}) });
    let seed = 11;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const base = { ref: 'base', agency: 'HS', title: '衡水市统计口径测试基础文件', kind: 'normativeDocument', topic: topics[0], writtenAt: '2018-06-01', publishedAt: '2018-06-05', body: '（演示内容）' };
    const lines = [base, ...Array.from({ length: 399 }, (_, i) => line(i + 1, rand))].map((l) => `${JSON.stringify(l)}\n`);
    const s = await importPublications({ db: t.db.db, publications: t.services.publications, clock: t.clock }, () => Readable.from(lines), { actor: cliActor });
    assert.equal(s.complete, true, JSON.stringify(s.issues));
    // What the public never sees: a draft, an item disclosed on application only, a withdrawn item.
    const u = await addUser(t.services, 'staff-1', [['editor', 'HS-D1'], ['approver', 'HS-D1']]);
    p = { userId: u.id, username: u.username, displayName: u.username, grants: u.grants.map((g) => ({ role: g.role, agencyId: g.agencyId })) };
    const svc = t.services.publications;
    const input = (title: string, extra: Partial<PublicationInput> = {}) => ({ title, kind: 'notice', topic: '综合政务/政务公开', genre: '通知', writtenOn: '2025-05-01', body: '<p>（演示内容）</p>', ...extra }) as PublicationInput;
    await svc.createDraft(p, actor, 'HS-D1', input('草稿'));
    for (const [title, extra] of [['依申请公开的通知', { disclosureMode: 'onApplication', nonDisclosureReason: '依申请公开' }], ['已撤回的通知', {}]] as const) {
      const d = await svc.createDraft(p, actor, 'HS-D1', input(title, extra as Partial<PublicationInput>));
      await svc.submit(p, actor, d.id);
      await svc.approve(p, actor, d.id, { confidentialityReviewed: true });
      if (title === '已撤回的通知') await svc.withdraw(p, actor, d.id, '测试撤回');
    }
  });
  after(() => t.dispose());

  /** Combinations of every filter. */
  async function combinations(): Promise<FacetQuery[]> {
    const tree = await t.services.agencies.tree();
    const subtree = (code: string) => tree.subtree(tree.byCode.get(code)!.id).map((a) => a.id);
    const queries: FacetQuery[] = [];
    for (const agency of [undefined, 'HS-D1', 'HS-C1', 'HS-C1-T1'])
      for (const ks of [[], ['notice'], ['rule', 'normativeDocument']] as const)
        for (const year of [undefined, 2019, 2024])
          for (const extra of [{}, { topic: '综合政务' }, { topic: '财政、金融、审计/审计' }, { genre: '通知' }, { validity: 'inForce' }, { topic: '综合政务', genre: '意见' }] as Partial<FacetQuery>[]) {
            queries.push({ ...(agency ? { agencyIds: subtree(agency) } : {}), ...(ks.length ? { kinds: [...ks] } : {}), ...(year ? { year } : {}), ...extra });
          }
    return queries;
  }

  test('every total, facet, year facet, co-issuer list and page, for combinations of every filter', async () => {
    const index = await loadFacetIndex(createPublicReadRepository(t.db.db).facetSource);
    const pubs = t.services.publications;
    assert.equal(index.size, await pubs.publicCount({}), 'every public item, and only those');
    assert.equal(index.size, 400, 'the imported items; not the draft, the item disclosed on application or the withdrawn one');
    const queries = await combinations();
    let nonEmpty = 0;
    for (const q of queries) {
      const label = JSON.stringify(q);
      const total = index.count(q);
      assert.equal(total, await pubs.publicCount(q), label);
      if (total) nonEmpty++;
      const columns = ['agency_id', 'kind', 'topic', 'genre', 'validity_status'] as const;
      // All of them in one visit of the items, as a page counts the facets whose own filter is not set.
      const together = index.counts(q, columns, true);
      assert.equal(together.total, total, `${label} total in one visit`);
      for (const column of columns) {
        const theirs = sortedByValue(await pubs.publicFacet(q, column));
        assert.deepEqual(sortedByValue(index.facet(q, column)), theirs, `${label} ${column}`);
        assert.deepEqual(sortedByValue(together.facets.get(column)!), theirs, `${label} ${column} in one visit`);
      }
      const years = await pubs.publicYearFacet(q);
      assert.deepEqual(index.yearFacet(q), years, `${label} year`);
      assert.deepEqual(together.years, years, `${label} year in one visit`);
      const pairs = (rows: { leadId: string; coId: string }[]) => rows.map((r) => `${r.leadId}>${r.coId}`).sort();
      const [mine, theirs] = [index.coIssuers(q), await pubs.publicCoIssuers(q)];
      assert.deepEqual(pairs(mine), pairs(theirs), `${label} co-issuers`);
      assert.equal(new Set(mine.map((r) => r.publicationId)).size, new Set(theirs.map((r) => r.publicationId)).size, `${label} jointly issued items`);
    }
    // Pages, newest first (many items share a publication time: then by id, as in the database).
    assert.equal(index.ordered, true);
    for (const q of queries.filter((_, i) => i % 3 === 0)) {
      for (const offset of [0, 7, 20]) {
        const theirs = (await pubs.publicPage({ ...q, limit: 10, offset })).map((x) => x.id);
        assert.deepEqual(index.page(q, offset, 10), theirs, `${JSON.stringify(q)} page at ${offset}`);
      }
    }
    assert.ok(nonEmpty > queries.length / 3, `most combinations match something (${nonEmpty} of ${queries.length})`);
    // Largest first, as the facets are shown.
    const byKind = index.facet({}, 'kind');
    assert.deepEqual(byKind.map((c) => c.count), [...byKind.map((c) => c.count)].sort((a, b) => b - a));
  });

  test('an index loaded on a worker thread answers every query as one loaded on this thread', async () => {
    const here = await loadFacetIndex(createPublicReadRepository(t.db.db).facetSource);
    const before = offThreadLoads.count;
    const there = await loadFacetIndexOffThread(t.db.url!);
    assert.equal(offThreadLoads.count, before + 1);
    assert.equal(there.size, here.size);
    assert.equal(there.ordered, true);
    for (const q of await combinations()) {
      const label = JSON.stringify(q);
      assert.equal(there.count(q), here.count(q), label);
      for (const column of ['agency_id', 'kind', 'topic', 'genre', 'validity_status'] as const) assert.deepEqual(there.facet(q, column), here.facet(q, column), `${label} ${column}`);
      assert.deepEqual(there.yearFacet(q), here.yearFacet(q), `${label} year`);
      assert.deepEqual(there.coIssuers(q), here.coIssuers(q), `${label} co-issuers`);
      assert.deepEqual(there.page(q, 3, 10), here.page(q, 3, 10), `${label} page`);
    }
  });

  test('a thread that cannot open the database, runs out of heap or is stopped rejects, never leaving the load waiting', async () => {
    // SQLite: a file where the database's folder should be; PostgreSQL: a database that does not exist.
    const file = join(mkdtempSync(join(tmpdir(), 'gongkai-')), 'a-file');
    writeFileSync(file, '');
    const url = dialect === 'sqlite' ? `sqlite:${file}/x.db` : `${t.db.url!.replace(/\/[^/]*$/, '')}/gongkai_no_such_database`;
    await assert.rejects(loadFacetIndexOffThread(url), (err: Error) => /^Error: loading the facet index on a worker thread failed: .*(EEXIST|does not exist)/.test(String(err)));
    rmSync(dirname(file), { recursive: true, force: true });
    // A thread that runs out of its heap (the route then loads on the main thread).
    await assert.rejects(loadFacetIndexOffThread(t.db.url!, { heapMb: 2, youngMb: 1 }), (err: Error) => /out of memory|ERR_WORKER_OUT_OF_MEMORY/i.test(`${String(err)} ${(err as { code?: string }).code}`));
    // Stopped (the server closing), at once or while it loads.
    await assert.rejects(loadFacetIndexOffThread(t.db.url!, { signal: AbortSignal.abort() }), /cancelled/);
    const stop = new AbortController();
    const loading = loadFacetIndexOffThread(t.db.url!, { signal: stop.signal });
    stop.abort(); // the thread has started
    await assert.rejects(loading, /cancelled/);
  });

  test('a key-area column or the timeliness flag is left to the database', () => {
    assert.equal(FacetIndex.holds({ year: 2024, kinds: ['notice'] }), true);
    assert.equal(FacetIndex.holds({ column: 'fiscal' }), false);
    assert.equal(FacetIndex.holds({ late: true }), false);
  });

  test('the index is used only at the stamp it was loaded at; a change during a load discards it', async () => {
    const read = createPublicReadRepository(t.db.db);
    const publish = async (title: string) => {
      const svc = t.services.publications;
      const d = await svc.createDraft(p, actor, 'HS-D1', { title, kind: 'notice', topic: '综合政务/政务公开', writtenOn: '2025-05-02', body: '<p>（演示内容）</p>' } as PublicationInput);
      await svc.submit(p, actor, d.id);
      await svc.approve(p, actor, d.id, { confidentialityReviewed: true });
    };
    const holderOf = (duringLoad?: () => Promise<void>, minPauseMs = 0) =>
      createFacetIndexHolder(
        async () => {
          const index = await loadFacetIndex(read.facetSource);
          await duringLoad?.();
          return index;
        },
        () => read.catalogStamp(),
        { minPauseMs, pauseFactor: 0 },
      );

    const holder = holderOf();
    const stamp = await read.catalogStamp();
    assert.equal(holder.at(stamp), null, 'nothing before the first load');
    await holder.loading();
    const index = holder.at(stamp);
    assert.ok(index, 'loaded at the stamp read');
    const before = index.count({});

    // Another process publishes while a load reads the catalog: what it read may miss the change, so it is not used.
    const racing = holderOf(() => publish('加载时发布的通知'), 60_000); // one load only
    assert.equal(racing.at(stamp), null);
    await racing.loading();
    const moved = await read.catalogStamp();
    assert.notEqual(moved, stamp);
    assert.equal(racing.at(stamp), null, 'a picture taken while the catalog changed is not kept');

    // The first holder's picture is of the old stamp: not used at the new one, which is loaded anew.
    assert.equal(holder.at(moved), null);
    await holder.loading();
    const fresh = holder.at(moved);
    assert.ok(fresh, 'loaded at the new stamp');
    assert.equal(fresh.count({}), before + 1, 'with the item published meanwhile');
    assert.equal(fresh.count({ agencyIds: [(await t.services.agencies.tree()).byCode.get('HS-D1')!.id], year: 2026 }), index.count({ agencyIds: [(await t.services.agencies.tree()).byCode.get('HS-D1')!.id], year: 2026 }) + 1);
  });

  test('past its age, a picture at an unchanged stamp serves until the next one is loaded', async () => {
    const read = createPublicReadRepository(t.db.db);
    let clock = 0;
    let loads = 0;
    const holder = createFacetIndexHolder(
      async () => {
        loads++;
        return loadFacetIndex(read.facetSource);
      },
      () => read.catalogStamp(),
      { ttlMs: 1000, minPauseMs: 0, pauseFactor: 0, now: () => clock },
    );
    const stamp = await read.catalogStamp();
    holder.at(stamp);
    await holder.loading();
    const first = holder.at(stamp);
    assert.ok(first);
    clock = 2000;
    assert.equal(holder.at(stamp), first, 'the old picture, while …');
    assert.ok(holder.loading(), '… a new one loads');
    await holder.loading();
    const second = holder.at(stamp);
    assert.ok(second && second !== first);
    assert.equal(second.count({}), first.count({}));
    assert.equal(loads, 2);
  });

  test('the browse page served from the index lists and counts what the database does', async () => {
    const read = createPublicReadRepository(t.db.db);
    const loads = offThreadLoads.count;
    await t.app.inject({ url: '/xxgk' }); // starts the route's load
    const holder = browseFacetIndexes.get(t.db.db);
    assert.ok(holder);
    await holder.loading();
    assert.equal(offThreadLoads.count, loads + 1, 'the route loaded its index on a worker thread');
    assert.ok(holder.at(await read.catalogStamp()), 'the route has its index at the current stamp');
    const pubs = t.services.publications;
    const tree = await t.services.agencies.tree();
    const titles = (html: string) => [...html.matchAll(/<a class="pub-list-title" href="[^"]+">([^<]*)<\/a>/g)].map((m) => m[1]);
    const shown = (html: string, id: string) => {
      const part = html.slice(html.indexOf(`id="facet-${id}"`), html.indexOf('</details>', html.indexOf(`id="facet-${id}"`)));
      return [...part.matchAll(/<span class="facet-count">（(\d+)）<\/span>/g)].map((m) => Number(m[1])).sort((a, b) => a - b);
    };
    const urls = ['/xxgk', '/xxgk?page=3', '/xxgk?year=2021', '/xxgk?agency=HS-C1&year=2024', '/xxgk?agency=HS-C1-T1&kind=notice', '/xxgk?kind=rule&kind=normativeDocument&year=2022&page=2', '/xxgk?topic=综合政务&genre=通知', '/xxgk?agency=HS-D2&validity=inForce'];
    for (const url of urls) {
      const html = (await t.app.inject({ url: encodeURI(url) })).body;
      const f = parseBrowseQuery(Object.fromEntries(new URL(url, 'http://x').searchParams.entries()), tree);
      f.kinds = new URL(url, 'http://x').searchParams.getAll('kind') as typeof f.kinds;
      const q = toQuery(f, tree);
      const page = await pubs.publicPage({ ...q, limit: 20, offset: (f.page - 1) * 20 });
      assert.deepEqual(titles(html), page.map((p) => p.title), `${url}: the list`);
      assert.equal(Number((html.match(/共(\d+)条/) ?? [])[1]), await pubs.publicCount(q), `${url}: the total`);
      for (const [id, leaveOut, column] of [['kind', 'kind', 'kind'], ['genre', 'genre', 'genre'], ['validity', 'validity', 'validity_status']] as const) {
        const counts = (await pubs.publicFacet(toQuery(f, tree, leaveOut), column)).map((c) => c.count).sort((a, b) => a - b);
        assert.deepEqual(shown(html, id), counts, `${url}: the ${id} facet`);
      }
      assert.deepEqual(shown(html, 'year'), (await pubs.publicYearFacet(toQuery(f, tree, 'year'))).map((c) => c.count).sort((a, b) => a - b), `${url}: the year facet`);
      assert.ok(titles(html).length > 0 || url.includes('page='), `${url} lists items`);
    }
  });
});
