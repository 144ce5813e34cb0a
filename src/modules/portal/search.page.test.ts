import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { actorOf, addAgency, addUser, Browser, buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import type { Principal } from '../agencies/index.ts';
import type { Publication, PublicationInput } from '../catalog/index.ts';

/** Text of the page without tags, for "what the user reads" assertions. */
function text(html: string): string {
  return html
    .replace(/<\/?mark>/g, '')
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** The HTML of one results group (documents or interpretations). */
function section(html: string, id: string): string {
  const start = html.indexOf(`<section aria-labelledby="${id}"`);
  assert.ok(start >= 0, `section ${id} shown`);
  return html.slice(start, html.indexOf('</section>', start));
}

const q = (s: string) => `/search?q=${encodeURIComponent(s)}`;

describeEachDialect('portal search page', (dialect) => {
  let t: TestApp;
  let budget: Publication;
  let interpretation: Publication;
  let publish: (input: PublicationInput) => Promise<Publication>;
  let approverOf: Principal;

  before(async () => {
    t = await buildTestApp(dialect, { now: '2026-03-02T02:00:00.000Z' });
    await addAgency(t.services, 'HS', '衡水市人民政府', { kind: 'government' });
    await addAgency(t.services, 'HS-CZJ', '衡水市财政局', { parent: 'HS', creditCode: '11131100DEM0000001' });
    const u = (x: { id: string; username: string; displayName: string; grants: { role: any; agencyId: string | null }[] }): Principal => ({
      userId: x.id,
      username: x.username,
      displayName: x.displayName,
      grants: x.grants.map((g) => ({ role: g.role, agencyId: g.agencyId })),
    });
    const editor = u(await addUser(t.services, 'cz-editor', [['editor', 'HS-CZJ']]));
    const approver = u(await addUser(t.services, 'cz-approver', [['approver', 'HS-CZJ']]));
    const s = t.services.publications;
    approverOf = approver;
    publish = async (input: PublicationInput) => {
      const d = await s.createDraft(editor, actorOf(editor), 'HS-CZJ', input);
      await s.submit(editor, actorOf(editor), d.id);
      return (await s.approve(approver, actorOf(approver), d.id, { confidentialityReviewed: true })).publication;
    };
    budget = await publish({
      title: '衡水市市级预算公开办法',
      kind: 'normativeDocument',
      docNo: '衡政办字[2026]12号',
      writtenOn: '2026-02-20',
      topic: '财政、金融、审计/财政',
      genre: '通知',
      body: '<p>第一条 为规范市级预算公开工作，提高财政透明度，制定本办法。</p>',
    });
    await publish({ title: '2026年市级部门预算编制工作安排', kind: 'notice', writtenOn: '2026-02-25', body: '<p>各部门按时报送年度预算。</p>' });
    await publish({ title: '财政局开展业务培训', kind: 'news', body: '<p>培训内容包括会计核算。</p>' });
    interpretation = await publish({ title: '《衡水市市级预算公开办法》政策解读', kind: 'interpretation', interprets: budget.id, body: '<p>一、出台背景：为进一步推进预算公开……</p>' });
  });
  after(() => t.dispose());

  test('a two-character query finds the item by its title, highlights the hit and keeps the query in the box', async () => {
    const b = new Browser(t.app);
    const res = await b.get(q('预算'));
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<input id="search-page-q" type="search" name="q" value="预算"/);
    const docs = section(res.body, 'search-documents');
    assert.match(docs, new RegExp(`<a class="pub-list-title" href="/xxgk/${budget.id}">衡水市市级<mark>预算</mark>公开办法</a>`));
    const docsText = text(docs);
    assert.match(docsText, /2026年市级部门预算编制工作安排/);
    assert.doesNotMatch(docsText, /财政局开展业务培训/);
    assert.match(docsText, /衡水市财政局/);
    assert.match(docsText, /发布日期：2026-03-02/);
    assert.match(docsText, /文号：衡政办字〔2026〕12号/);
    assert.ok(docsText.includes(`索引号：${budget.indexNo}`), 'index number shown');
    assert.match(text(res.body), /共找到相关结果 3 条/);
    // "search within results" carries the previous query
    assert.match(res.body, /<input type="checkbox" id="search-within" name="within" value="预算"\/>/);
    const within = await b.get(`${q('办法')}&within=${encodeURIComponent('预算')}`);
    const inner = text(section(within.body, 'search-documents'));
    assert.match(inner, /衡水市市级预算公开办法/);
    assert.doesNotMatch(inner, /预算编制工作安排/);
    assert.match(text(within.body), /当前为在“预算”的检索结果中检索/);
  });

  test('an interpretation appears in its own group, and a filter by kind narrows the documents', async () => {
    const b = new Browser(t.app);
    const res = await b.get(q('预算'));
    const interp = text(section(res.body, 'search-interpretations'));
    assert.match(interp, /政策解读/);
    assert.match(interp, /《衡水市市级预算公开办法》政策解读/);
    assert.doesNotMatch(text(section(res.body, 'search-documents')), /政策解读/);
    assert.match(res.body, new RegExp(`href="/xxgk/${interpretation.id}"`));

    const narrowed = await b.get(`${q('预算')}&kind=notice`);
    const docs = text(section(narrowed.body, 'search-documents'));
    assert.match(docs, /2026年市级部门预算编制工作安排/);
    assert.doesNotMatch(docs, /市级预算公开办法/);
    assert.match(narrowed.body, /<option value="notice" selected>/, 'the chosen kind stays selected');
    // the facet links add the filter and keep the query
    assert.match(res.body, /href="\/search\?q=%E9%A2%84%E7%AE%97&amp;kind=notice"/);
  });

  test('typing the exact index number goes straight to the item', async () => {
    const b = new Browser(t.app);
    const res = await b.get(q(budget.indexNo!));
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/xxgk/${budget.id}`);
  });

  test('no results: a clear message with suggestions; empty query: just the form and tips', async () => {
    const b = new Browser(t.app);
    const res = await b.get(q('高速公路'));
    assert.equal(res.statusCode, 200);
    const body = text(res.body);
    assert.match(body, /没有找到与“高速公路”相关的已公开政府信息/);
    assert.match(body, /减少、更换关键词/);
    assert.match(res.body, /value="高速公路"/);
    const empty = await b.get('/search');
    assert.equal(empty.statusCode, 200);
    assert.match(text(empty.body), /请输入关键词/);
    assert.match(text(empty.body), /完整短语/);
    assert.doesNotMatch(empty.body, /search-documents/);
    const xss = await b.get(q('<script>alert(1)</script>'));
    assert.doesNotMatch(xss.body, /<script>alert/);
  });

  test('a result page asked for again is kept, then comes from memory (same ETag, 304 to a client that has it) until an item is published or withdrawn', async () => {
    const b = new Browser(t.app);
    const found = (html: string) => [...section(html, 'search-documents').matchAll(/class="pub-list-title" href="[^"]+">([^<]*(?:<mark>[^<]*<\/mark>[^<]*)*)<\/a>/g)].map((m) => m[1].replace(/<\/?mark>/g, '')).sort();
    const searches: string[] = [];
    const search = t.services.search.search;
    t.services.search.search = (params) => {
      searches.push(String(params?.q));
      return search(params);
    };
    after(() => {
      t.services.search.search = search;
    });
    const first = await b.get(q('会计核算'));
    assert.deepEqual(found(first.body), ['财政局开展业务培训']);
    // A page is kept once its address is asked for again (http-cache.ts): built twice, then from memory.
    await b.get(q('会计核算'));
    const again = await b.get(q('会计核算'));
    assert.deepEqual(searches, ['会计核算', '会计核算'], 'searched on the first two requests only');
    assert.equal(again.headers.etag, first.headers.etag);
    assert.equal(again.body, first.body);
    const conditional = await t.app.inject({ url: q('会计核算'), headers: { 'if-none-match': String(first.headers.etag) } });
    assert.equal(conditional.statusCode, 304);

    const added = await publish({ title: '会计核算规范培训通知', kind: 'notice', body: '<p>会计核算。</p>' });
    const afterPublish = await b.get(q('会计核算'));
    assert.equal(searches.length, 3, 'searched again after the catalog changed');
    assert.notEqual(afterPublish.headers.etag, first.headers.etag);
    assert.deepEqual(found(afterPublish.body), ['会计核算规范培训通知', '财政局开展业务培训']);

    await t.services.publications.withdraw(approverOf, actorOf(approverOf), added.id, '内容有误');
    assert.deepEqual(found((await b.get(q('会计核算'))).body), ['财政局开展业务培训']);
  });
});
