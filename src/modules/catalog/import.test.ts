import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { dateOfKey } from '../../storage/search/index.ts';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { addAgency, buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { cliActor } from '../audit/index.ts';
import { FingerprintMap, importPublications, parseIndexNumber, readLines, type ImportProgress } from './import.ts';
import { createSearchService } from './search.service.ts';

async function collect(chunks: (string | Buffer)[]): Promise<{ line: number; text: string }[]> {
  const out: { line: number; text: string }[] = [];
  for await (const l of readLines(Readable.from(chunks))) out.push(l);
  return out;
}

test('readLines: line numbers count blank lines, CRLF and a BOM are stripped, a character split across chunks survives', async () => {
  const bytes = Buffer.from('\uFEFF{"a":1}\r\n\n  \n{"title":"衡水市决算公开工作规范"}\n{"b":2}', 'utf8');
  const split = bytes.indexOf(Buffer.from('决', 'utf8')) + 1; // in the middle of a three-byte character
  const lines = await collect([bytes.subarray(0, split), bytes.subarray(split)]);
  assert.deepEqual(lines, [
    { line: 1, text: '{"a":1}' },
    { line: 4, text: '{"title":"衡水市决算公开工作规范"}' },
    { line: 5, text: '{"b":2}' },
  ]);
});

test('parseIndexNumber reads year and serial back with the agency’s pattern, and refuses numbers of another form', () => {
  assert.deepEqual(parseIndexNumber('{prefix}/{year}-{serial:5}', '11131100DEM0000012', '11131100DEM0000012/2017-00110'), { year: 2017, serial: 110 });
  assert.deepEqual(parseIndexNumber('{prefix}-{year}-{serial:3}', 'JYJ', 'JYJ-2021-042'), { year: 2021, serial: 42 });
  assert.deepEqual(parseIndexNumber(null, 'A.B', 'A.B/2019-7'), { year: 2019, serial: 7 }, 'the default pattern; the prefix is literal text');
  assert.equal(parseIndexNumber('{prefix}/{year}-{serial:5}', 'JYJ', 'AXB/2017-00001'), null);
  assert.equal(parseIndexNumber('{prefix}/{year}-{serial:5}', 'JYJ', 'JYJ/2017-00001-x'), null);
});

test('FingerprintMap keeps a number per key through growth and deletions, like a Map', () => {
  const m = new FingerprintMap();
  const ref = new Map<string, number>();
  const keyOf = (i: number) => (i % 2 ? `n\u0000DEM000008/2017-${String(i).padStart(5, '0')}` : `r\u0000HS-CZJ\u0000ext-${i}`);
  for (let i = 1; i <= 50_000; i++) {
    m.set(keyOf(i), i);
    ref.set(keyOf(i), i);
    if (i % 7 === 0) {
      m.delete(keyOf(Math.floor(i / 3)));
      ref.delete(keyOf(Math.floor(i / 3)));
    }
  }
  m.set(keyOf(9), 99); // setting again replaces
  ref.set(keyOf(9), 99);
  assert.equal(m.size, ref.size);
  for (const [k, v] of ref) assert.equal(m.get(k), v);
  assert.equal(m.get('n\u0000DEM000008/2017-99999'), undefined);
  assert.equal(m.has('r\u0000HS-CZJ\u0000ext-2'), ref.has('r\u0000HS-CZJ\u0000ext-2'));
});

/** JSON lines made one at a time, only when the importer pulls them; `produced` says how far the generator got. */
function generatedInput(total: number, line: (i: number) => object) {
  const state = { produced: 0, opened: 0 };
  const open = () => {
    state.opened++;
    state.produced = 0;
    return Readable.from(
      (function* () {
        for (let i = 1; i <= total; i++) {
          state.produced = i;
          yield `${JSON.stringify(line(i))}\n`;
        }
      })(),
    );
  };
  return { state, open };
}

const news = (i: number) => ({ agency: 'HS', title: `衡水市政务公开工作动态第${i}期`, kind: 'news', topic: '综合政务/政务公开', writtenAt: '2017-03-01', publishedAt: '2017-03-06', indexNo: `HS0001/2017-${String(i).padStart(5, '0')}`, body: `（演示内容）第${i}期：全面推进决策、执行、管理、服务和结果“五公开”。` });

describeEachDialect('bulk import streams its input', (dialect) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(dialect, { now: '2026-03-02T02:00:00.000Z' });
    await addAgency(t.services, 'HS', '衡水市人民政府', { kind: 'government', indexPrefix: 'HS0001', indexPattern: '{prefix}/{year}-{serial:5}' });
  });
  after(() => t.dispose());

  test('a 20,000-line input is checked as a stream (the reader never runs ahead), and one bad last line keeps all of it out', async () => {
    const total = 20_000;
    const input = generatedInput(total, (i) => (i === total ? { agency: 'HS', kind: 'news' } : news(i)));
    let maxAhead = 0;
    const s = await importPublications({ db: t.db.db, publications: t.services.publications, clock: t.clock }, input.open, {
      actor: cliActor,
      onProgress: (p) => (maxAhead = Math.max(maxAhead, input.state.produced - p.lines)),
    });
    assert.ok(maxAhead <= 64, `the reader ran ${maxAhead} lines ahead of the checks`);
    assert.equal(input.state.opened, 1, 'no second pass: nothing to write');
    assert.deepEqual([s.lines, s.imported, s.badLines, s.failed, s.complete], [total, 0, 1, total, false]);
    assert.deepEqual(s.issues.map((i) => [i.line, i.field, i.message]), [[total, 'title', s.issues[0].message]]);
    assert.equal((await t.services.publications.publicList({ limit: 1, offset: 0 })).total, 0, 'nothing was imported');
  });

  test('a clean input is read twice as a stream (check, then write in batches) and every item is published with its index number', async () => {
    const total = 2_000;
    const input = generatedInput(total, news);
    let maxAhead = 0;
    const phases = new Set<string>();
    const s = await importPublications({ db: t.db.db, publications: t.services.publications, clock: t.clock }, input.open, {
      actor: cliActor,
      batchSize: 250,
      onProgress: (p: ImportProgress) => {
        phases.add(p.phase);
        maxAhead = Math.max(maxAhead, input.state.produced - p.lines);
      },
    });
    assert.equal(input.state.opened, 2, 'all or nothing: one pass to check, one to write');
    assert.deepEqual([...phases], ['check', 'import']);
    assert.ok(maxAhead <= 64, `the reader ran ${maxAhead} lines ahead of the importer`);
    assert.deepEqual([s.lines, s.imported, s.updated, s.failed, s.complete], [total, total, 0, 0, true]);
    assert.equal((await t.services.publications.publicList({ limit: 1, offset: 0 })).total, total);
    const last = await t.services.publications.publicGet('HS0001/2017-02000');
    assert.equal(last.title, '衡水市政务公开工作动态第2000期');
    assert.equal(last.publishedOn, '2017-03-06');
  });

  test('an interrupted import stops before its next batch: earlier batches stay whole, the full-text settings are set back, a second run goes on', async () => {
    const total = 10_000;
    const line = (i: number) => ({ ...news(20_000 + i), ref: `stop-${i}`, title: `衡水市中断导入测试之${i}` });
    const stop = new AbortController();
    const deps = { db: t.db.db, publications: t.services.publications, clock: t.clock };
    const s = await importPublications(deps, generatedInput(total, line).open, {
      actor: cliActor,
      batchSize: 1_000,
      onProgress: (p) => {
        if (p.phase === 'import' && p.written >= 3_000) stop.abort();
      },
      signal: stop.signal,
    });
    assert.deepEqual([s.interrupted, s.complete, s.failed], [true, false, 0]);
    assert.ok(s.imported >= 3_000 && s.imported < total && s.imported % 1_000 === 0, `whole batches only: ${s.imported}`);
    const titled = async () => Number((await sql<{ n: number }>`select count(*) as n from publications where title like ${'衡水市中断导入测试%'}`.execute(t.db.db)).rows[0].n);
    assert.equal(await titled(), s.imported);
    if (dialect === 'sqlite') {
      const config = await sql<{ k: string; v: number }>`select k, v from search_fts_config where k in ('automerge', 'hashsize') order by k`.execute(t.db.db);
      assert.deepEqual(config.rows.map((r) => [r.k, Number(r.v)]), [['automerge', 4], ['hashsize', 1048576]]);
    }
    const again = await importPublications(deps, generatedInput(total, line).open, { actor: cliActor, batchSize: 1_000 });
    assert.deepEqual([again.complete, again.interrupted, again.unchanged, again.imported], [true, false, s.imported, total - s.imported]);
    assert.equal(await titled(), total);
  });

  test('a large input (10,000 lines: on SQLite the full-text index is merged once, at the end) is found by search', async () => {
    const total = 10_000;
    const input = generatedInput(total, (i) => ({ ...news(2000 + i), title: `衡水市批量导入测试第${i}号通知` }));
    const s = await importPublications({ db: t.db.db, publications: t.services.publications, clock: t.clock }, input.open, { actor: cliActor });
    assert.deepEqual([s.imported, s.failed, s.complete], [total, 0, true]);
    const search = createSearchService({ db: t.db.db, clock: t.clock, tuning: { yearCap: 100_000, maxResults: 100_000 } });
    const all = await search.search({ q: '批量导入测试' });
    assert.deepEqual([all.total, all.totalIsEstimate], [total, false]);
    const one = await search.search({ q: '第9999号', scope: 'title' });
    assert.deepEqual(one.groups.documents.items.map((x) => x.title), ['衡水市批量导入测试第9999号通知']);
    if (dialect === 'sqlite') {
      // The import's FTS5 settings (no merging as it goes, a large buffer) are FTS5's defaults again.
      const config = await sql<{ k: string; v: number }>`select k, v from search_fts_config where k in ('automerge', 'hashsize') order by k`.execute(t.db.db);
      assert.deepEqual(config.rows.map((r) => [r.k, Number(r.v)]), [['automerge', 4], ['hashsize', 1048576]]);
    }
  });
});

/**
 * The import writes a batch with multi-row statements (publications.importPublishedMany), where lines
 * depend on earlier lines of the same batch (serials, counters, references). The same files imported in
 * batches of 1,000 and of 1 (where no line depends on another of its batch) must leave the same catalog:
 * index numbers, counters, links, versions, history and search entries.
 */
describeEachDialect('bulk import: a batch written together equals the same lines written one by one', (dialect) => {
  const lines = (round: 1 | 2) => {
    const out: object[] = [];
    for (let i = 1; i <= 12; i++) {
      const agency = i % 3 ? 'HS' : 'HS-CZJ';
      out.push({ ref: `n-${i}`, agency, coIssuers: i % 4 === 0 ? [agency === 'HS' ? 'HS-CZJ' : 'HS'] : [], title: `衡水市预算公开管理办法第${i}号${round === 2 && i % 5 === 0 ? '（修订）' : ''}`, kind: 'normativeDocument', docNo: `衡政办字〔2017〕${i}号`, topic: '财政、金融、审计/财政', genre: '通知', writtenAt: '2017-03-01', publishedAt: `2017-03-${String(2 + (i % 7)).padStart(2, '0')}`, body: `（演示内容）预算公开第${i}条。`, validity: { status: i === 2 ? 'repealed' : 'inForce', from: '2017-04-01', until: i === 2 ? '2018-01-01' : null, replacedBy: i === 2 ? 'n-11' : null }, ...(i === 7 ? { indexNo: 'HS0001/2017-00040' } : {}) });
      if (i % 4 === 1) out.push({ ref: `j-${i}`, agency, title: `《衡水市预算公开管理办法第${i}号》政策解读`, kind: 'interpretation', interprets: `n-${i}`, writtenAt: '2017-03-01', publishedAt: '2017-03-09', body: '（演示内容）解读。' });
    }
    return out;
  };
  const file = (round: 1 | 2) => () => Readable.from(lines(round).map((l) => `${JSON.stringify(l)}\n`));

  async function catalogOf(t: TestApp) {
    const db = t.db.db;
    const agencies = new Map((await db.selectFrom('agencies').select(['id', 'code']).execute()).map((a) => [a.id, a.code]));
    const pubs = await db.selectFrom('publications').selectAll().execute();
    const refOf = new Map(pubs.map((p) => [p.id, p.ref]));
    const events = await db.selectFrom('publication_events').select(['publication_id', 'action']).execute();
    const versions = await db.selectFrom('publication_versions').select(['publication_id', 'version']).execute();
    const issuers = await db.selectFrom('publication_issuers').select(['publication_id', 'agency_id', 'position']).execute();
    const docs = (await sql<{ publication_id: string; doc_key: number; issuers: string }>`select publication_id, doc_key, issuers from search_docs`.execute(db)).rows;
    const items = pubs
      .map((p) => ({
        ref: p.ref,
        agency: agencies.get(p.agency_id),
        indexNo: p.index_no,
        status: p.status,
        version: p.version,
        title: p.title,
        publishedOn: p.published_on,
        timeliness: p.timeliness_days,
        late: p.late,
        validity: [p.validity_status, p.validity_from, p.validity_until],
        interprets: p.interprets_id ? refOf.get(p.interprets_id) : null,
        replacedBy: p.replaced_by_id ? refOf.get(p.replaced_by_id) : null,
        issuers: issuers.filter((x) => x.publication_id === p.id).sort((a, b) => a.position - b.position).map((x) => agencies.get(x.agency_id)),
        events: events.filter((e) => e.publication_id === p.id).map((e) => e.action).sort(),
        versions: versions.filter((v) => v.publication_id === p.id).map((v) => v.version).sort(),
        // (keys are made from the publication time and the item's id, which differ between the databases)
        search: docs.filter((d) => d.publication_id === p.id).map((d) => [dateOfKey(Number(d.doc_key)), d.issuers.split(/[^0-9a-f-]+/).filter(Boolean).map((id) => agencies.get(id) ?? id)]),
      }))
      .sort((a, b) => String(a.ref).localeCompare(String(b.ref)));
    const counters = (await db.selectFrom('index_counters').selectAll().execute()).map((c) => [agencies.get(c.agency_id), c.year, c.last_serial]).sort();
    return { items, counters };
  }

  async function importedWith(batchSize: number) {
    const t = await buildTestApp(dialect, { now: '2026-03-02T02:00:00.000Z' });
    await addAgency(t.services, 'HS', '衡水市人民政府', { kind: 'government', indexPrefix: 'HS0001', indexPattern: '{prefix}/{year}-{serial:5}' });
    await addAgency(t.services, 'HS-CZJ', '衡水市财政局', { parent: 'HS', indexPrefix: 'CZJ', indexPattern: '{prefix}-{year}-{serial:3}' });
    const deps = { db: t.db.db, publications: t.services.publications, clock: t.clock };
    for (const round of [1, 2] as const) {
      const s = await importPublications(deps, file(round), { actor: cliActor, batchSize });
      assert.equal(s.complete, true, JSON.stringify(s.issues));
    }
    const catalog = await catalogOf(t);
    await t.dispose();
    return catalog;
  }

  test('index numbers, counters, links, co-issuers, versions, history and search entries agree', async () => {
    const together = await importedWith(1000);
    const oneByOne = await importedWith(1);
    assert.equal(together.items.length, 15);
    assert.ok(together.items.some((i) => i.version === 2), 'the second import revised some items');
    assert.equal(together.items.find((i) => i.ref === 'n-2')?.replacedBy, 'n-11', 'a forward replacedBy link is set');
    assert.equal(together.items.find((i) => i.ref === 'j-5')?.interprets, 'n-5');
    assert.deepEqual(together, oneByOne);
  });
});

/**
 * A large import prepares its texts in a worker thread (import-prep.ts) and primes the functions that would
 * compute them; what it stores must be exactly what the main thread computes on its own: the sanitized body,
 * the ranking words, and full-text entries that find the same items.
 */
describeEachDialect('bulk import: texts prepared in the worker thread store what the main thread would', (dialect) => {
  const line = (i: number, round: 1 | 2) => ({
    ref: `w-${i}`,
    agency: 'HS',
    title: `衡水市市级预算公开办法（第${i}号）${round === 2 && i % 3 === 0 ? '修订稿' : ''}`,
    kind: i % 4 ? 'notice' : 'normativeDocument',
    docNo: `衡政办字〔2017〕${i}号`,
    keywords: ['预算', i % 2 ? '决算' : '扶贫资金'],
    summary: `（演示内容）第${i}号：市级预算、决算公开。`,
    writtenAt: '2017-03-01',
    publishedAt: `2017-03-${String(2 + (i % 20)).padStart(2, '0')}`,
    body:
      i % 2
        ? `<h1>第${i}号</h1><p onclick="x()">市级预算<script>alert(1)</script>公开&amp;决算<b>公开</b></p><iframe src="https://x"></iframe><div>低保标准</div>`
        : `各县市区人民政府：\n现将第${i}号市级预算公开有关事项通知如下。\n\n  一、低保标准  `,
  });
  const file = (round: 1 | 2) => () => Readable.from(Array.from({ length: 40 }, (_, n) => `${JSON.stringify(line(n + 1, round))}\n`));

  async function importedWith(textWorker: boolean) {
    const t = await buildTestApp(dialect, { now: '2026-03-02T02:00:00.000Z' });
    await addAgency(t.services, 'HS', '衡水市人民政府', { kind: 'government', indexPrefix: 'HS0001' });
    const deps = { db: t.db.db, publications: t.services.publications, clock: t.clock };
    for (const round of [1, 2] as const) {
      let last: ImportProgress | null = null;
      const s = await importPublications(deps, file(round), { actor: cliActor, batchSize: 15, textWorker, onProgress: (p) => (last = p) });
      assert.equal(s.complete, true, JSON.stringify(s.issues));
      // 40 lines in batches of 15: the worker prepared all three, and the last report counts every line written
      assert.deepEqual(s.textWorker, textWorker ? { batches: 3, stopped: null } : undefined);
      assert.deepEqual([last!.phase, last!.written, last!.totalLines], ['import', 40, 40]);
    }
    const db = t.db.db;
    const items = (await db.selectFrom('publications').select(['ref', 'version', 'title', 'body_html', 'body_text']).orderBy('ref').execute()).map((p) => ({ ...p }));
    const hs = (await db.selectFrom('agencies').select('id').where('code', '=', 'HS').executeTakeFirstOrThrow()).id;
    // (PostgreSQL: the normalised texts and the tsvector, with the agency's id, which differs between the databases, as its code)
    const docs = (await sql<{ ref: string; words: string; norm: string | null }>`select p.ref, d.words, ${dialect === 'postgres' ? sql`d.title_norm || '|' || d.rest_norm || '|' || d.tsv::text` : sql`null`} as norm from search_docs d join publications p on p.id = d.publication_id order by p.ref`.execute(db)).rows.map((d) => ({ ...d, norm: d.norm?.replaceAll(hs.replaceAll('-', ''), 'HS') ?? null }));
    const search = createSearchService({ db, clock: t.clock, tuning: { yearCap: 100_000, maxResults: 100_000 } });
    const hits: Record<string, string[]> = {};
    for (const q of ['预算', '低保标准', '公开决算', '修订稿', '第7号', 'alert']) {
      for (const scope of ['all', 'title'] as const) hits[`${q}|${scope}`] = (await search.search({ q, scope, pageSize: 50 })).groups.documents.items.map((x) => x.title).sort();
    }
    await t.dispose();
    return { items, docs, hits };
  }

  test('bodies, ranking words and search hits are the same with and without the worker', async () => {
    const inWorker = await importedWith(true);
    const inPlace = await importedWith(false);
    assert.equal(inWorker.items.length, 40);
    assert.ok(inWorker.items.some((p) => Number(p.version) === 2), 'the second round revised some items');
    const html = inWorker.items.find((p) => p.ref === 'w-1')!;
    assert.ok(html.body_html.includes('<h2>第1号</h2>') && !html.body_html.includes('script') && !html.body_html.includes('iframe'), html.body_html);
    assert.ok(inWorker.docs.every((d) => d.words.includes('预算')));
    assert.equal(inWorker.hits['修订稿|title'].length, 13);
    assert.equal(inWorker.hits['预算|all'].length, 40);
    assert.deepEqual(inWorker.hits['alert|all'], []);
    assert.deepEqual(inWorker, inPlace);
  });
});
