import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { addAgency, buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { systemActor } from '../audit/index.ts';
import type { PublicationInput } from './index.ts';
import { type OpenApiDoc, responseErrors } from './openapi-check.ts';

/**
 * A strict XML well-formedness check (what a feed reader's XML parser insists on): one root element,
 * tags nested and closed in order, attributes quoted and not repeated, only the predefined or numeric
 * entities, no raw '<' or '&' in text, and no characters XML 1.0 forbids.
 */
function assertWellFormedXml(xml: string): void {
  // eslint-disable-next-line no-control-regex
  assert.doesNotMatch(xml, /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/, 'a character XML forbids');
  const body = xml.replace(/^<\?xml version="1\.0" encoding="utf-8"\?>\s*/, '');
  assert.notEqual(body, xml, 'the XML declaration comes first');
  const entityOk = (s: string) => !/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(s);
  const stack: string[] = [];
  let roots = 0;
  for (const [token] of body.matchAll(/<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<[^>]*>|[^<]+/g)) {
    if (token.startsWith('<!--') || token.startsWith('<![CDATA[')) continue;
    if (token.startsWith('</')) {
      const name = /^<\/([A-Za-z_][\w.:-]*)\s*>$/.exec(token)?.[1];
      assert.ok(name, `malformed end tag ${token}`);
      assert.equal(stack.pop(), name, `</${name}> closes the wrong element`);
    } else if (token.startsWith('<')) {
      const m = /^<([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>$/.exec(token);
      assert.ok(m, `malformed start tag ${token.slice(0, 120)}`);
      const attrs = [...m[2].matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*("[^"]*"|'[^']*')/g)];
      assert.equal(new Set(attrs.map((a) => a[1])).size, attrs.length, `repeated attribute in ${token}`);
      for (const a of attrs) assert.ok(entityOk(a[2]), `bad entity in attribute ${a[0]}`);
      if (stack.length === 0) roots++;
      if (!m[3]) stack.push(m[1]);
    } else {
      if (stack.length === 0) assert.equal(token.trim(), '', 'text outside the root element');
      assert.ok(entityOk(token), `bad entity or raw & in text: ${token.slice(0, 80)}`);
      assert.ok(!token.includes(']]>'), 'text may not contain ]]>');
    }
  }
  assert.deepEqual(stack, [], 'unclosed elements');
  assert.equal(roots, 1, 'exactly one root element');
}

describeEachDialect('feeds', (dialect) => {
  let t: TestApp;
  let doc: OpenApiDoc;
  const ids: Record<string, string> = {};

  async function publish(agency: string, at: string, input: PublicationInput) {
    t.clock.set(at);
    const s = t.services.publications;
    const admin = t.services.users.systemPrincipal();
    const d = await s.createDraft(admin, systemActor, agency, input);
    await s.submit(admin, systemActor, d.id);
    return (await s.approve(admin, systemActor, d.id, { confidentialityReviewed: true })).publication;
  }

  async function get(url: string, headers: Record<string, string> = {}) {
    const res = await t.app.inject({ url, headers });
    assert.deepEqual(responseErrors(doc, 'get', url, res.statusCode, res.headers['content-type'] as string | undefined, res.body), [], `${url} agrees with the OpenAPI document`);
    return res;
  }
  async function atom(url: string) {
    const res = await get(url);
    assert.equal(res.statusCode, 200, url);
    assert.equal(res.headers['content-type'], 'application/atom+xml; charset=utf-8');
    assertWellFormedXml(res.body);
    return cheerio.load(res.body, { xml: true });
  }
  async function jsonFeed(url: string) {
    const res = await get(url);
    assert.equal(res.statusCode, 200, url);
    assert.equal(res.headers['content-type'], 'application/feed+json; charset=utf-8');
    return JSON.parse(res.body);
  }
  const entryTitles = ($: cheerio.CheerioAPI) => $('feed > entry > title').map((_, e) => $(e).text()).get();

  before(async () => {
    t = await buildTestApp(dialect);
    const s = t.services;
    await addAgency(s, 'HS', '衡水市人民政府', { kind: 'government' });
    await addAgency(s, 'HS-CZJ', '衡水市财政局', { parent: 'HS' });
    await addAgency(s, 'HS-JYJ', '衡水市教育局', { parent: 'HS' });
    ids.rule = (
      await publish('HS-CZJ', '2026-03-02T02:00:00.000Z', {
        title: '衡水市市级预算公开办法',
        kind: 'normativeDocument',
        topic: '财政、金融、审计/财政',
        columns: ['fiscal'],
        summary: '规范市级预算公开的范围、时限和方式。',
        body: '<p>第一条 为规范预算公开，制定本办法。</p><p>第二条 ……</p>',
      })
    ).id;
    ids.joint = (await publish('HS-JYJ', '2026-03-03T02:00:00.000Z', { title: '关于做好教育经费保障工作的通知', kind: 'notice', coIssuers: ['HS-CZJ'], topic: '科技、教育/教育', columns: ['education'], body: '各县市区教育局：为做好教育经费保障工作，现将有关事项通知如下。' })).id;
    ids.tricky = (await publish('HS-JYJ', '2026-03-04T02:00:00.000Z', { title: 'A&B <标题> "引号" \u0001控制符', kind: 'news', body: '<p>含有 &amp; 与 &lt;尖括号&gt; 的正文</p>' })).id;
    const gone = await publish('HS-CZJ', '2026-03-05T02:00:00.000Z', { title: '已撤回的通知', kind: 'notice' });
    await s.publications.withdraw(s.users.systemPrincipal(), systemActor, gone.id, '内容有误');
    await s.publications.createDraft(s.users.systemPrincipal(), systemActor, 'HS-CZJ', { title: '草稿不应出现', kind: 'notice' });
    doc = JSON.parse((await t.app.inject({ url: '/api/openapi.json' })).body);
  });
  after(() => t.dispose());

  test('the catalog Atom feed is well-formed and lists published items newest first, never drafts or withdrawn items', async () => {
    const $ = await atom('/feeds/catalog.atom');
    assert.equal($('feed').attr('xmlns'), 'http://www.w3.org/2005/Atom');
    assert.match($('feed > title').text(), /最新公开信息/);
    assert.equal($('feed > link[rel="self"]').attr('href'), 'http://localhost:80/feeds/catalog.atom');
    assert.equal($('feed > updated').text(), '2026-03-04T02:00:00.000Z');
    assert.deepEqual(entryTitles($), ['A&B <标题> "引号" 控制符', '关于做好教育经费保障工作的通知', '衡水市市级预算公开办法']);

    const rule = $('feed > entry').last();
    assert.equal(rule.find('id').text(), `urn:uuid:${ids.rule}`);
    assert.equal(rule.find('link[rel="alternate"]').attr('href'), `http://localhost:80/xxgk/${ids.rule}`);
    assert.equal(rule.find('published').text(), '2026-03-02T02:00:00.000Z');
    assert.equal(rule.find('updated').text(), '2026-03-02T02:00:00.000Z');
    assert.equal(rule.find('summary').text(), '规范市级预算公开的范围、时限和方式。');
    assert.equal(rule.find('author > name').text(), '衡水市财政局');
    assert.deepEqual(
      rule.find('category').map((_, c) => `${$(c).attr('term')}=${$(c).attr('label')}`).get(),
      ['normativeDocument=行政规范性文件', '财政、金融、审计/财政=财政、金融、审计/财政', 'fiscal=财政预决算和政府债务'],
    );
    assert.match(rule.find('content[type="html"]').text(), /<p>第一条 为规范预算公开/);

    const joint = $('feed > entry').eq(1);
    assert.deepEqual(joint.find('author > name').map((_, a) => $(a).text()).get(), ['衡水市教育局', '衡水市财政局'], 'both issuing agencies are authors');
    assert.match(joint.find('summary').text(), /^各县市区教育局：为做好教育经费保障工作/, 'without a summary, the start of the body');
  });

  test('the catalog JSON Feed has the JSON Feed 1.1 fields and agrees with the OpenAPI document', async () => {
    const feed = await jsonFeed('/feeds/catalog.json');
    assert.equal(feed.version, 'https://jsonfeed.org/version/1.1');
    assert.equal(feed.feed_url, 'http://localhost:80/feeds/catalog.json');
    assert.equal(feed.home_page_url, 'http://localhost:80/xxgk');
    assert.deepEqual(
      feed.items.map((i: any) => i.title),
      ['A&B <标题> "引号" \u0001控制符', '关于做好教育经费保障工作的通知', '衡水市市级预算公开办法'],
    );
    const rule = feed.items[2];
    assert.equal(rule.id, `urn:uuid:${ids.rule}`);
    assert.equal(rule.url, `http://localhost:80/xxgk/${ids.rule}`);
    assert.equal(rule.date_published, '2026-03-02T02:00:00.000Z');
    assert.equal(rule.summary, '规范市级预算公开的范围、时限和方式。');
    assert.match(rule.content_html, /第一条/);
    assert.deepEqual(rule.authors, [{ name: '衡水市财政局', url: 'http://localhost:80/agencies/HS-CZJ' }]);
    assert.deepEqual(rule.tags, ['行政规范性文件', '财政、金融、审计/财政', '财政预决算和政府债务']);
    assert.match(rule._gongkai.indexNo, /^HS-CZJ\/2026-\d{5}$/);
  });

  test('an agency feed includes the items it issued jointly; column and topic feeds filter (topics URL-encoded)', async () => {
    const czj = await atom('/feeds/agency/HS-CZJ.atom');
    assert.deepEqual(entryTitles(czj), ['关于做好教育经费保障工作的通知', '衡水市市级预算公开办法']);
    assert.match(czj('feed > title').text(), /衡水市财政局/);
    const jyj = await jsonFeed('/feeds/agency/HS-JYJ.json');
    assert.deepEqual(jyj.items.map((i: any) => i.id), [`urn:uuid:${ids.tricky}`, `urn:uuid:${ids.joint}`]);

    assert.deepEqual(entryTitles(await atom('/feeds/column/fiscal.atom')), ['衡水市市级预算公开办法']);
    assert.deepEqual((await jsonFeed('/feeds/column/education.json')).items.map((i: any) => i.id), [`urn:uuid:${ids.joint}`]);
    assert.deepEqual(entryTitles(await atom(`/feeds/topic/${encodeURIComponent('科技、教育')}.atom`)), ['关于做好教育经费保障工作的通知']);
    const topic = await jsonFeed(`/feeds/topic/${encodeURIComponent('财政、金融、审计')}.json`);
    assert.deepEqual(topic.items.map((i: any) => i.id), [`urn:uuid:${ids.rule}`]);
    assert.match(topic.title, /财政、金融、审计/);
    assert.equal((await jsonFeed('/feeds/column/poverty.json')).items.length, 0, 'an empty column is an empty feed');
    const empty = await atom('/feeds/column/poverty.atom');
    assert.equal(empty('feed > entry').length, 0);
  });

  test('unknown agencies, columns, topics and formats are not found', async () => {
    for (const url of ['/feeds/agency/NOPE.atom', '/feeds/column/nope.json', `/feeds/topic/${encodeURIComponent('不存在')}.atom`, `/feeds/topic/${encodeURIComponent('财政、金融、审计/财政')}.atom`]) {
      assert.equal((await get(url)).statusCode, 404, url);
    }
    for (const url of ['/feeds/agency/HS-CZJ.rss', '/feeds/catalog.xml']) assert.equal((await t.app.inject({ url })).statusCode, 404, url);
  });

  test('feeds are cacheable: ETag and Last-Modified with 304, open to any origin', async () => {
    const first = await get('/feeds/catalog.atom');
    assert.equal(first.headers['cache-control'], 'public, no-cache');
    assert.equal(first.headers['access-control-allow-origin'], '*');
    assert.equal(first.headers['last-modified'], new Date('2026-03-04T02:00:00.000Z').toUTCString());
    assert.equal((await get('/feeds/catalog.atom', { 'if-none-match': String(first.headers.etag) })).statusCode, 304);
    assert.equal((await get('/feeds/catalog.atom', { 'if-modified-since': String(first.headers['last-modified']) })).statusCode, 304);
    assert.equal((await get('/feeds/catalog.atom', { 'if-modified-since': new Date('2026-03-01T00:00:00Z').toUTCString() })).statusCode, 200);
  });

  test('the latest 50 items only, and links use the site domain when it is set', async () => {
    for (let i = 0; i < 50; i++) await publish('HS-JYJ', `2026-04-01T0${Math.floor(i / 10)}:${String(i % 10).padStart(2, '0')}:00.000Z`, { title: `批量发布的动态 ${i}`, kind: 'news' });
    const current = await t.services.site.settings();
    await t.services.site.update(t.services.users.systemPrincipal(), systemActor, { ...current, siteDomain: 'www.hengshui.example' });
    const $ = await atom('/feeds/catalog.atom');
    const titles = entryTitles($);
    assert.equal(titles.length, 50);
    assert.equal(titles[0], '批量发布的动态 49');
    assert.equal(titles[49], '批量发布的动态 0');
    assert.ok(!titles.includes('衡水市市级预算公开办法'));
    assert.equal($('feed > link[rel="self"]').attr('href'), 'https://www.hengshui.example/feeds/catalog.atom');
    assert.match(String($('feed > entry link').first().attr('href')), /^https:\/\/www\.hengshui\.example\/xxgk\//);
    const feed = await jsonFeed('/feeds/catalog.json');
    assert.equal(feed.items.length, 50);
    assert.equal(feed.feed_url, 'https://www.hengshui.example/feeds/catalog.json');
  });
});
