import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import { containsTerm, generateCorpus, type CorpusDoc } from '../../../bench/search-corpus.ts';
import { actorOf, asPrincipal, addAgency, addUser, buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { createTestDb, describeEachDialect, type TestDb } from '../../../test/helpers/db.ts';
import { newId } from '../../kernel/ids.ts';
import { canonicalText, pieces, termPattern } from '../../kernel/text/index.ts';
import { indexHoldsPairs } from '../../storage/search/index.ts';
import type { Database } from '../../storage/schema.ts';
import { createPublicationsRepository } from './publications.repository.ts';
import { createPublicationsService } from './publications.service.ts';
import { indexPublication, rebuildIndex, removeFromIndex, searchIndexer } from './search.repository.ts';
import { createSearchService, type SearchInput, type SearchResult, type SearchService } from './search.service.ts';

const NOW = '2024-12-31T00:00:00.000Z';

async function addAgencies(db: Kysely<Database>, rows: [id: string, code: string, name: string, parent: string | null, kind: string][]) {
  await db
    .insertInto('agencies')
    .values(rows.map(([id, code, name, parent_id, kind]) => ({ id, code, name, parent_id, kind, created_at: NOW, updated_at: NOW })) as any)
    .execute();
}

interface Doc {
  id?: string;
  agency: string;
  coIssuers?: string[];
  title: string;
  docNo?: string | null;
  indexNo?: string | null;
  kind?: string;
  topic?: string | null;
  genre?: string | null;
  keywords?: string[];
  summary?: string | null;
  body?: string;
  publishedOn: string;
  validity?: string | null;
  interprets?: string | null;
  status?: string;
}

/** Inserts a publication row as the catalog stores it and indexes it the way the publishing service does. */
async function put(db: Kysely<Database>, d: Doc): Promise<string> {
  const id = d.id ?? newId();
  const at = `${d.publishedOn}T02:00:00.000Z`;
  await db
    .insertInto('publications')
    .values({
      id, agency_id: d.agency, status: d.status ?? 'published', index_no: d.indexNo ?? null, title: d.title, doc_no: d.docNo ?? null, written_on: d.publishedOn, published_at: at, published_on: d.publishedOn,
      topic: d.topic ?? null, genre: d.genre ?? null, kind: d.kind ?? 'notice', audience: '[]', keywords: JSON.stringify(d.keywords ?? []), summary: d.summary ?? null, columns: '[]', disclosure_mode: 'proactive',
      non_disclosure_reason: null, body_html: '', body_text: d.body ?? '', validity_status: d.validity ?? null, validity_from: null, validity_until: null, replaced_by_id: null, interprets_id: d.interprets ?? null,
      version: 1, ref: null, timeliness_days: null, late: 0, withdrawn_at: null, withdrawn_reason: null, created_by: null, created_at: at, updated_at: at,
    })
    .execute();
  for (const [i, a] of (d.coIssuers ?? []).entries()) await db.insertInto('publication_issuers').values({ publication_id: id, agency_id: a, position: i + 1 }).execute();
  const p = await createPublicationsRepository(db).byId(id);
  await indexPublication(db, p!);
  return id;
}

const titles = (r: SearchResult, group: 'documents' | 'interpretations' = 'documents') => r.groups[group].items.map((i) => i.title);
const hitTexts = (segs: { text: string; hit: boolean }[]) => segs.filter((s) => s.hit).map((s) => s.text);

/** Every id the search returns for a query, paging through both groups newest first. */
async function allIds(search: SearchService, input: SearchInput): Promise<Set<string>> {
  const out = new Set<string>();
  for (const group of ['documents', 'interpretations'] as const) {
    for (let page = 1; ; page++) {
      const g = (await search.search({ ...input, sort: 'date', pageSize: 50, page, group })).groups[group];
      for (const it of g.items) out.add(it.id);
      if (page >= g.pages) break;
    }
  }
  return out;
}

describeEachDialect('catalog search: recall against a substring scan', (dialect) => {
  let t: TestDb;
  let corpus: CorpusDoc[];
  const ids: string[] = [];
  let search: SearchService;

  before(async () => {
    t = await createTestDb(dialect);
    await addAgencies(t.db, [
      ['g', 'HS', '衡水市人民政府', null, 'government'],
      ['a1', 'A1', '衡水市财政局', 'g', 'department'],
      ['a2', 'A2', '衡水市民政局', 'g', 'department'],
      ['a3', 'A3', '衡水市扶贫办', 'g', 'department'],
    ]);
    const agencies = ['g', 'a1', 'a2', 'a3'];
    corpus = generateCorpus({ count: 300, agencies: 4, seed: 11 });
    for (const d of corpus) {
      ids.push(await put(t.db, { agency: agencies[d.agency], coIssuers: d.coIssuers.map((c) => agencies[c]), title: d.title, docNo: d.docNo, kind: d.kind, topic: d.topic, genre: d.genre, keywords: d.keywords, summary: d.summary, body: d.body, publishedOn: d.publishedOn }));
    }
    // caps above the corpus size: every count is exact
    search = createSearchService({ db: t.db, clock: { now: () => new Date(NOW) }, tuning: { yearCap: 1000, maxResults: 1000 } });
  });
  after(() => t.dispose());

  test('every document containing the term is found, and nothing else (1–3 terms, two-character terms included)', async () => {
    const queries = ['预算', '扶贫', '低保', '公开', '工作', '通知', '决算', '政务公开', '信息公开', '依申请公开', '预算公开', '扶贫资金', '低保金发放', '预算 公开', '扶贫 资金', '工作 公开 通知', '低保 工作', '预算 决算 考核'];
    let nonTrivial = 0;
    for (const q of queries) {
      const terms = q.split(' ');
      const expected = new Set(corpus.flatMap((d, i) => (terms.every((term) => containsTerm(d, term)) ? [ids[i]] : [])));
      const found = await allIds(search, { q });
      const missed = [...expected].filter((id) => !found.has(id)).length;
      const extra = [...found].filter((id) => !expected.has(id)).length;
      assert.equal(missed, 0, `${q}: ${missed} of ${expected.size} documents containing it were not found`);
      assert.equal(extra, 0, `${q}: ${extra} documents found that do not contain it`);
      const r = await search.search({ q });
      assert.equal(r.total, expected.size, `${q}: total`);
      assert.equal(r.totalIsEstimate, false);
      if (expected.size > 0 && expected.size < corpus.length) nonTrivial++;
    }
    assert.ok(nonTrivial >= queries.length - 2, 'the queries split the corpus');
  });

  test('title-only search finds exactly the titles containing the term', async () => {
    for (const q of ['预算', '扶贫', '通知', '政策解读', '公开']) {
      const expected = new Set(corpus.flatMap((d, i) => (containsTerm(d, q, 'title') ? [ids[i]] : [])));
      assert.deepEqual([...(await allIds(search, { q, scope: 'title' }))].sort(), [...expected].sort(), q);
    }
  });

  test('facet counts add up to what the filters then find', async () => {
    const r = await search.search({ q: '公开' });
    assert.equal(r.facetsAreEstimate, false);
    const kinds = Object.fromEntries(r.facets.kinds.map((f) => [f.value, f.count]));
    assert.equal(
      r.facets.kinds.reduce((s, f) => s + f.count, 0),
      r.total,
    );
    assert.equal(r.groups.interpretations.total, kinds.interpretation ?? 0);
    assert.equal(r.groups.documents.total + r.groups.interpretations.total, r.total);
    for (const f of r.facets.kinds.slice(0, 3)) assert.equal((await search.search({ q: '公开', kind: f.value })).total, f.count, f.value);
    for (const f of r.facets.years.slice(0, 3)) assert.equal((await search.search({ q: '公开', from: `${f.value}-01-01`, to: `${f.value}-12-31` })).total, f.count, f.value);
    for (const f of r.facets.topics) assert.equal((await search.search({ q: '公开', topic: f.value })).total, f.count, f.value);
    for (const f of r.facets.agencies) assert.equal((await search.search({ q: '公开', agency: f.value })).total, f.count, f.value);
  });

  test('huge result sets are counted and faceted from bounded samples, and say so', async () => {
    const small = createSearchService({ db: t.db, clock: { now: () => new Date(NOW) }, tuning: { yearCap: 8, maxResults: 40 } });
    const exact = corpus.filter((d) => containsTerm(d, '公开')).length;
    const r = await small.search({ q: '公开', pageSize: 10, page: 99 });
    assert.equal(r.totalIsEstimate, true);
    assert.equal(r.facetsAreEstimate, true);
    assert.equal(r.groups.documents.totalIsEstimate, true);
    assert.ok(r.total > exact * 0.5 && r.total < exact * 1.5, `estimate ${r.total} for ${exact}`);
    assert.equal(r.groups.documents.pages, 4, 'paging stops at maxResults');
    assert.equal(r.groups.documents.page, 4, 'a page past the end shows the last page');
    assert.equal(r.groups.documents.items.length, 10);
  });

  test('rebuilding the index from the catalog gives the same answers, without items that are no longer public', async () => {
    const before = await search.search({ q: '预算 公开' });
    const gone = before.groups.documents.items[0];
    await t.db.updateTable('publications').set({ status: 'withdrawn' }).where('id', '=', gone.id).execute();
    const progress: number[] = [];
    assert.equal(await rebuildIndex(t.db, { batch: 120, onProgress: (n) => progress.push(n) }), corpus.length - 1);
    assert.deepEqual(progress, [120, 240, 299]);
    const after = await search.search({ q: '预算 公开' });
    assert.equal(after.total, before.total - 1);
    assert.ok(!after.groups.documents.items.some((i) => i.id === gone.id), 'the withdrawn item is gone');
    await t.db.updateTable('publications').set({ status: 'published' }).where('id', '=', gone.id).execute();
    await rebuildIndex(t.db);
    assert.equal((await search.search({ q: '预算 公开' })).total, before.total);
  });

  test('a number and one character (2017年, 12号) is found exactly, through pair tokens once the index holds them', async () => {
    // the canonical rule (kernel/text): numbers match whole (12号 is not in 112号)
    const fields = (d: CorpusDoc) => [d.title, d.docNo, ...d.keywords, d.summary, d.body];
    const has = (d: CorpusDoc, term: string) => fields(d).some((f) => canonicalText(f).includes(termPattern(pieces(term))!.canonical));
    const queries = ['2017年', '2016年', '12号', '5号', '2017年 预算', '号'];
    const answers = async () => {
      const out: Record<string, number> = {};
      for (const q of queries) {
        const expected = new Set(corpus.flatMap((d, i) => (q.split(' ').every((term) => has(d, term)) ? [ids[i]] : [])));
        assert.deepEqual([...(await allIds(search, { q }))].sort(), [...expected].sort(), q);
        out[q] = expected.size;
      }
      return out;
    };
    // a fresh index holds them from the start (migration 0015); PostgreSQL does not use them
    assert.equal(await indexHoldsPairs(t.db), dialect === 'sqlite');
    const sizes = await answers();
    assert.ok(sizes['2017年'] > 0 && sizes['12号'] > 0 && sizes['2017年 预算'] > 0, JSON.stringify(sizes));
    if (dialect !== 'sqlite') return;
    // an entry written without them (before the upgrade, or by a process running older code): the one-character
    // prefix, the same answers; a rebuild writes them for every item
    await sql`update search_docs set pairs = 0 where doc_key = (select min(doc_key) from search_docs)`.execute(t.db);
    assert.equal(await indexHoldsPairs(t.db), false);
    assert.deepEqual(await answers(), sizes);
    await rebuildIndex(t.db);
    assert.equal(await indexHoldsPairs(t.db), true);
    assert.deepEqual(await answers(), sizes);
  });
});

describeEachDialect('catalog search: query language, filters, ranking, groups', (dialect) => {
  let t: TestDb;
  let search: SearchService;
  const id: Record<string, string> = {};

  before(async () => {
    t = await createTestDb(dialect);
    await addAgencies(t.db, [
      ['hs', 'HS', '衡水市人民政府', null, 'government'],
      ['cz', 'HS-CZJ', '衡水市财政局', 'hs', 'department'],
      ['mz', 'HS-MZJ', '衡水市民政局', 'hs', 'department'],
      ['xq', 'XQ', '某县人民政府', 'hs', 'government'],
      ['xqcz', 'XQ-CZJ', '某县财政局', 'xq', 'department'],
    ]);
    id.budget = await put(t.db, {
      agency: 'cz', title: '衡水市市级预算公开办法', docNo: '衡政办字〔2017〕12号', indexNo: '11131100DEM0000001/2017-00012', kind: 'normativeDocument', topic: '财政、金融、审计/财政', genre: '其他',
      keywords: ['预算', '公开'], summary: '规范市级预算公开的范围、时限和方式。', body: '第一条 为规范市级预算公开工作，根据有关规定，制定本办法。', publishedOn: '2017-03-05', validity: 'inForce',
    });
    id.interp = await put(t.db, { agency: 'cz', title: '《衡水市市级预算公开办法》政策解读', kind: 'interpretation', topic: '财政、金融、审计/财政', genre: '其他', body: '一、起草背景。推进预算公开。', publishedOn: '2017-03-06', interprets: id.budget });
    id.poverty = await put(t.db, {
      agency: 'hs', coIssuers: ['mz'], title: '关于做好2018年扶贫工作的通知', docNo: '衡政字〔2018〕3号', kind: 'notice', topic: '民政、扶贫、救灾/扶贫', genre: '通知',
      summary: '部署全年精准扶贫精准脱贫工作。', body: '各县市区人民政府：扶贫资金纳入年度预算，使用情况及时公开。', publishedOn: '2018-05-02',
    });
    id.accounts = await put(t.db, {
      agency: 'cz', title: '衡水市决算公开工作规范', docNo: '衡政办字〔2016〕3号', kind: 'normativeDocument', topic: '财政、金融、审计/财政', genre: '其他', summary: '决算公开的内容与程序。',
      body: '部门决算和预算一并公开。预算、决算、三公经费预算公开表格。预算调整方案公开。预算执行情况公开。', publishedOn: '2016-07-01', validity: 'repealed',
    });
    id.dibao = await put(t.db, { agency: 'xqcz', title: '某县城乡低保标准调整的通知', docNo: '冀衡县政字〔2019〕5号', kind: 'notice', topic: '民政、扶贫、救灾/社会福利', genre: '通知', body: '农村低保标准提高到每人每年4000元。', publishedOn: '2019-01-10' });
    id.news = await put(t.db, { agency: 'hs', title: '市政府召开政务公开工作会议', kind: 'news', topic: '综合政务/政务公开', genre: '其他', body: '会议强调，要把预算公开作为政务公开的重点。PPP项目信息同步公开。', publishedOn: '2020-06-01' });
    id.draft = await put(t.db, { agency: 'cz', title: '预算公开草稿（未发布）', kind: 'notice', publishedOn: '2020-06-02', status: 'draft' });
    search = createSearchService({ db: t.db, clock: { now: () => new Date(NOW) } });
  });
  after(() => t.dispose());

  test('a two-character term inside longer words, with title hits ranked first', async () => {
    const r = await search.search({ q: '预算' });
    assert.deepEqual(r.query.terms, ['预算']);
    assert.equal(r.total, 5);
    assert.deepEqual(titles(r).slice(0, 1), ['衡水市市级预算公开办法'], 'the title hit leads');
    assert.deepEqual(new Set(titles(r)), new Set(['衡水市市级预算公开办法', '关于做好2018年扶贫工作的通知', '衡水市决算公开工作规范', '市政府召开政务公开工作会议']));
    assert.deepEqual(titles(r, 'interpretations'), ['《衡水市市级预算公开办法》政策解读'], 'interpretations are their own group');
    assert.equal(r.groups.interpretations.total, 1);
    assert.ok(!titles(r).includes('预算公开草稿（未发布）'), 'drafts are never found');
    const first = r.groups.documents.items[0];
    assert.deepEqual(first.titleSegments, [
      { text: '衡水市市级', hit: false },
      { text: '预算', hit: true },
      { text: '公开办法', hit: false },
    ]);
    assert.deepEqual(hitTexts(first.snippet), ['预算'], 'the summary excerpt marks the hit');
    assert.equal(first.docNo, '衡政办字〔2017〕12号');
    assert.equal(first.kind, 'normativeDocument');
    assert.equal(first.validityStatus, 'inForce');
    const poverty = r.groups.documents.items.find((i) => i.id === id.poverty)!;
    assert.deepEqual(hitTexts(poverty.snippet), ['预算'], 'the excerpt comes from the body when the summary has no hit');
    assert.deepEqual(poverty.issuerIds, ['hs', 'mz']);
  });

  test('relevance weighs term frequency and recency; sorting by date is newest first', async () => {
    // both mention 预算 only outside the title: the one that says it often outranks the newer one
    const rel = titles(await search.search({ q: '预算' }));
    assert.ok(rel.indexOf('衡水市决算公开工作规范') < rel.indexOf('关于做好2018年扶贫工作的通知'));
    const byDate = await search.search({ q: '预算', sort: 'date' });
    assert.deepEqual(titles(byDate), ['市政府召开政务公开工作会议', '关于做好2018年扶贫工作的通知', '衡水市市级预算公开办法', '衡水市决算公开工作规范']);
    // title, keywords and summary hits outweigh age …
    assert.deepEqual(titles(await search.search({ q: '公开', scope: 'title' })), ['衡水市市级预算公开办法', '衡水市决算公开工作规范', '市政府召开政务公开工作会议']);
    // … and at equal relevance the newer comes first
    assert.deepEqual(titles(await search.search({ q: '通知', scope: 'title' })), ['某县城乡低保标准调整的通知', '关于做好2018年扶贫工作的通知']);
  });

  test('exact phrases, excluded words, title only and search within results', async () => {
    assert.deepEqual(titles(await search.search({ q: '"预算 公开"' })).sort(), ['市政府召开政务公开工作会议', '衡水市市级预算公开办法', '衡水市决算公开工作规范'].sort());
    assert.deepEqual(titles(await search.search({ q: '预算 -决算' })).sort(), ['关于做好2018年扶贫工作的通知', '市政府召开政务公开工作会议', '衡水市市级预算公开办法'].sort());
    assert.deepEqual(titles(await search.search({ q: '预算 -"政务公开"' })).sort(), ['关于做好2018年扶贫工作的通知', '衡水市决算公开工作规范', '衡水市市级预算公开办法'].sort());
    assert.deepEqual(titles(await search.search({ q: '公开 -重点' })).sort(), ['关于做好2018年扶贫工作的通知', '衡水市决算公开工作规范', '衡水市市级预算公开办法'].sort(), 'an excluded word in the body excludes a title match too');
    assert.deepEqual(titles(await search.search({ q: '预算', scope: 'title' })), ['衡水市市级预算公开办法']);
    const within = await search.search({ q: '扶贫', within: ['预算'] });
    assert.deepEqual(titles(within), ['关于做好2018年扶贫工作的通知']);
    assert.deepEqual(within.query.terms, ['预算', '扶贫']);
    assert.equal((await search.search({ q: '预算公开办法解读' })).total, 0, 'characters in order, not scattered');
    assert.deepEqual(titles(await search.search({ q: 'ppp项目' })), ['市政府召开政务公开工作会议'], 'Latin words in any case');
    assert.deepEqual(titles(await search.search({ q: '号' })).length, 4, 'one character finds every document containing it');
  });

  test('a typed document or index number goes straight to the item', async () => {
    for (const q of ['衡政办字〔2017〕12号', '衡政办字[2017]12号', '衡政办字（2017）12号', '衡政办字(2017)12号']) {
      const r = await search.search({ q });
      assert.equal(r.exactMatch?.id, id.budget, q);
      assert.deepEqual(titles(r), ['衡水市市级预算公开办法'], `${q} is also found as text`);
    }
    assert.equal((await search.search({ q: '11131100DEM0000001/2017-00012' })).exactMatch?.id, id.budget);
    assert.equal((await search.search({ q: '衡政办字[2017]13号' })).exactMatch, null);
    assert.equal((await search.search({ q: '预算公开' })).exactMatch, null);
  });

  test('filters: issuing agency (co-issuers, whole subtree), document number, topic, genre, kind, dates, validity', async () => {
    const q = async (input: SearchInput) => {
      const r = await search.search(input);
      return [...titles(r), ...titles(r, 'interpretations')].sort();
    };
    assert.deepEqual(await q({ agency: 'cz' }), ['《衡水市市级预算公开办法》政策解读', '衡水市决算公开工作规范', '衡水市市级预算公开办法'].sort());
    assert.deepEqual(await q({ agency: 'mz' }), ['关于做好2018年扶贫工作的通知'], 'a co-issuer finds the joint document');
    assert.deepEqual(await q({ agency: 'hs' }), ['关于做好2018年扶贫工作的通知', '市政府召开政务公开工作会议'].sort());
    assert.equal((await q({ agency: 'hs', subtree: '1' })).length, 6);
    assert.deepEqual(await q({ agency: 'xq', subtree: 'on' }), ['某县城乡低保标准调整的通知']);
    assert.deepEqual(await q({ q: '公开', docNoPrefix: '衡政办字' }), ['衡水市决算公开工作规范', '衡水市市级预算公开办法'].sort());
    assert.deepEqual(await q({ docNoPrefix: '衡政办字', docNoYear: '2017' }), ['衡水市市级预算公开办法']);
    assert.deepEqual(await q({ docNoNumber: 3 }), ['关于做好2018年扶贫工作的通知', '衡水市决算公开工作规范'].sort());
    assert.deepEqual(await q({ topic: '民政、扶贫、救灾' }), ['关于做好2018年扶贫工作的通知', '某县城乡低保标准调整的通知'].sort());
    assert.deepEqual(await q({ topic: '民政、扶贫、救灾/社会福利' }), ['某县城乡低保标准调整的通知']);
    assert.deepEqual(await q({ genre: '通知' }), ['关于做好2018年扶贫工作的通知', '某县城乡低保标准调整的通知'].sort());
    assert.deepEqual(await q({ kind: ['news', 'interpretation'] }), ['《衡水市市级预算公开办法》政策解读', '市政府召开政务公开工作会议'].sort());
    assert.deepEqual(await q({ q: '公开', from: '2017-03-06', to: '2018-05-02' }), ['《衡水市市级预算公开办法》政策解读', '关于做好2018年扶贫工作的通知'].sort(), 'both ends included');
    assert.deepEqual(await q({ validity: 'repealed' }), ['衡水市决算公开工作规范']);
    // agencies by code as well, when the service knows the agency tree
    const withTree = createSearchService({ db: t.db, agencies: { tree: async () => ({ byId: new Map(), byCode: new Map([['HS-MZJ', { id: 'mz' }]]) }) as any } });
    assert.deepEqual(titles(await withTree.search({ agency: 'HS-MZJ' })), ['关于做好2018年扶贫工作的通知']);
    // bad values are ignored, never an error
    assert.equal((await search.search({ from: 'yesterday', kind: 'nonsense', pageSize: 'x', topic: '没有这个主题' })).total, 6);
  });

  test('facets count both groups, co-issuers included; pages and groups page separately', async () => {
    const r = await search.search({ q: '公开' });
    assert.equal(r.total, 5);
    assert.deepEqual(r.facets.kinds, [
      { value: 'normativeDocument', count: 2 },
      { value: 'interpretation', count: 1 },
      { value: 'news', count: 1 },
      { value: 'notice', count: 1 },
    ]);
    assert.deepEqual(r.facets.years, [
      { value: '2020', count: 1 },
      { value: '2018', count: 1 },
      { value: '2017', count: 2 },
      { value: '2016', count: 1 },
    ]);
    assert.deepEqual(r.facets.agencies, [
      { value: 'cz', count: 3 },
      { value: 'hs', count: 2 },
      { value: 'mz', count: 1 },
    ]);
    assert.deepEqual(r.facets.topics, [
      { value: '财政、金融、审计', count: 3 },
      { value: '民政、扶贫、救灾', count: 1 },
      { value: '综合政务', count: 1 },
    ]);

    const p1 = await search.search({ q: '公开', sort: 'date', pageSize: 3 });
    assert.deepEqual([p1.groups.documents.pages, p1.groups.documents.items.length], [2, 3]);
    const p2 = await search.search({ q: '公开', sort: 'date', pageSize: 3, page: 2 });
    assert.deepEqual(titles(p2), ['衡水市决算公开工作规范']);
    assert.equal(p2.groups.interpretations.items.length, 1, 'the other group shows its first items');
    const big = await search.search({ q: '公开', pageSize: 500 });
    assert.equal(big.groups.documents.pageSize, 50);
    const interp = await search.search({ q: '公开', group: 'interpretations', pageSize: 1 });
    assert.equal(interp.focus, 'interpretations');
    assert.deepEqual(titles(interp, 'interpretations'), ['《衡水市市级预算公开办法》政策解读']);
  });

  test('the index follows the catalog: revised items are found by their new text, withdrawn ones no more', async () => {
    const repo = createPublicationsRepository(t.db);
    const p = (await repo.byId(id.dibao))!;
    const revised = { ...p, title: '某县城乡最低生活保障标准调整的通知', bodyText: '特困人员救助供养标准同步调整。', version: 2 };
    await repo.update(revised);
    await indexPublication(t.db, revised);
    assert.equal((await search.search({ q: '低保' })).total, 0);
    assert.deepEqual(titles(await search.search({ q: '最低生活保障' })), ['某县城乡最低生活保障标准调整的通知']);
    await indexPublication(t.db, { ...revised, status: 'withdrawn' });
    assert.equal((await search.search({ q: '最低生活保障' })).total, 0);
    await repo.update(p);
    await indexPublication(t.db, p);
    assert.equal((await search.search({ q: '低保' })).total, 1);
    await removeFromIndex(t.db, id.dibao);
    await removeFromIndex(t.db, id.dibao);
    assert.equal((await search.search({ q: '低保' })).total, 0);
    // text extracted from attachments is searched like the body
    await indexPublication(t.db, p, '附件：2019年农村低保资金发放明细表');
    assert.deepEqual(titles(await search.search({ q: '发放明细' })), ['某县城乡低保标准调整的通知']);
    assert.equal((await search.search({ q: '发放明细', scope: 'title' })).total, 0);
  });
});

describeEachDialect('catalog search through the publishing workflow', (dialect) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(dialect, { now: '2026-03-02T02:00:00.000Z' });
  });
  after(() => t.dispose());

  test('an approved item is found at once; a withdrawn one is not', async () => {
    await addAgency(t.services, 'HS', '衡水市人民政府', { kind: 'government' });
    await addAgency(t.services, 'HS-CZJ', '衡水市财政局', { parent: 'HS' });
    const editor = asPrincipal(await addUser(t.services, 'cz-editor', [['editor', 'HS-CZJ']]));
    const approver = asPrincipal(await addUser(t.services, 'cz-approver', [['approver', 'HS-CZJ']]));
    const { services } = t;
    const publications = createPublicationsService({ db: t.db.db, repo: createPublicationsRepository(t.db.db), agencies: services.agencies, calendar: services.calendar, audit: services.audit, clock: t.clock, search: searchIndexer });
    const search = createSearchService({ db: t.db.db, clock: t.clock, agencies: services.agencies });

    const draft = await publications.createDraft(editor, actorOf(editor), 'HS-CZJ', { title: '衡水市市级预算公开办法', kind: 'notice', docNo: '衡政办字[2026]12号', writtenOn: '2026-02-27', genre: '通知', body: '<p>为规范市级预算公开工作，制定本办法。</p>' });
    assert.equal((await search.search({ q: '预算' })).total, 0, 'a draft is not public');
    await publications.submit(editor, actorOf(editor), draft.id);
    await publications.approve(approver, actorOf(approver), draft.id, { confidentialityReviewed: true });
    const r = await search.search({ q: '预算', agency: 'HS', subtree: '1' });
    assert.deepEqual(titles(r), ['衡水市市级预算公开办法']);
    assert.equal((await search.search({ q: '衡政办字〔2026〕12号' })).exactMatch?.id, draft.id);
    await publications.withdraw(approver, actorOf(approver), draft.id, '内容有误');
    assert.equal((await search.search({ q: '预算' })).total, 0);
  });
});
