import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { actorOf, asPrincipal, addAgency, addUser, Browser, buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import type { Principal } from '../agencies/index.ts';
import type { Publication, PublicationInput } from './index.ts';

/** Text of the page without tags, as a reader sees it (entities for quotes decoded). */
function text(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}
/** The text of <main> only. */
function mainText(html: string): string {
  return text(/<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '');
}
function meta(html: string, name: string): string | undefined {
  return new RegExp(`<meta name="${name}" content="([^"]*)"`).exec(html)?.[1];
}
/** No message key leaked into the page (a missing catalog entry shows as its key). */
function assertNoRawKeys(html: string, url: string) {
  const leaked = /\b(catalogPortal|portal|nav|kind)\.[a-zA-Z][\w.-]*/.exec(text(html));
  assert.equal(leaked, null, `untranslated message key on ${url}: ${leaked?.[0]}`);
}


describeEachDialect('public catalog pages', (dialect) => {
  let t: TestApp;
  const approvers = new Map<string, Principal>();
  const budgetDoc: PublicationInput = {
    title: '衡水市市级预算公开办法',
    kind: 'normativeDocument',
    coIssuers: ['HS-JYJ'],
    docNo: '衡政办字〔2026〕12号',
    writtenOn: '2026-02-02',
    topic: '财政、金融、审计/财政',
    genre: '通知',
    audience: ['公民', '法人'],
    keywords: ['预算', '公开'],
    summary: '规范市级预算公开的内容、时限和方式。',
    columns: ['fiscal'],
    validity: { status: 'inForce', from: '2026-04-01' },
    body: '<p>第一条 为规范市级预算公开工作，制定本办法。</p>',
  };

  before(async () => {
    t = await buildTestApp(dialect, { now: '2026-03-02T02:00:00.000Z' });
    const s = t.services;
    await addAgency(s, 'HS', '衡水市人民政府', { kind: 'government' });
    await addAgency(s, 'HS-CZJ', '衡水市财政局', { parent: 'HS', sortOrder: 1, creditCode: '11131100DEM0000001' });
    await addAgency(s, 'HS-JYJ', '衡水市教育局', { parent: 'HS', sortOrder: 2, indexPrefix: 'JYJ' });
    await addAgency(s, 'HS-TJJ', '衡水市统计局', { parent: 'HS', sortOrder: 3, indexPrefix: 'TJJ' });
    await addAgency(s, 'TC', '桃城区人民政府', { kind: 'government', parent: 'HS', sortOrder: 10, indexPrefix: 'TC' });
    await addAgency(s, 'TC-JYJ', '桃城区教育局', { parent: 'TC', indexPrefix: 'TCJYJ' });
    for (const code of ['HS-CZJ', 'HS-JYJ', 'HS-TJJ', 'TC-JYJ']) approvers.set(code, asPrincipal(await addUser(s, `approver-${code.toLowerCase()}`, [['approver', code]])));
  });
  after(() => t.dispose());

  /** Draft → submitted → approved by the agency's approver, at the given instant. */
  async function publish(input: PublicationInput, agency = 'HS-CZJ', at?: string): Promise<Publication> {
    if (at) t.clock.set(at);
    const s = t.services.publications;
    const who = approvers.get(agency)!;
    const d = await s.createDraft(who, actorOf(who), agency, input);
    await s.submit(who, actorOf(who), d.id);
    return (await s.approve(who, actorOf(who), d.id, { confidentialityReviewed: true })).publication;
  }

  test('the publication page shows the metadata block with every label, both dates and the stored publication date', async () => {
    const p = await publish(budgetDoc, 'HS-CZJ', '2026-03-03T03:00:00.000Z');
    t.clock.set('2026-04-10T02:00:00.000Z'); // pages never show today's date as the item's date
    const res = await new Browser(t.app).get(`/xxgk/${p.id}`);
    assert.equal(res.statusCode, 200);
    const body = mainText(res.body);
    assert.match(body, /索引号 11131100DEM0000001\/2026-00001/);
    assert.match(body, /主题分类 财政、金融、审计 \/ 财政/);
    assert.match(body, /发布机构 衡水市财政局 ?、 ?衡水市教育局/, 'both issuers of the joint document');
    assert.match(body, /成文日期 2026-02-02/);
    assert.match(body, /标题 衡水市市级预算公开办法/);
    assert.match(body, /发文字号 衡政办字〔2026〕12号/);
    assert.match(body, /发布日期 2026-03-03 11:00/, 'the stored publication time, Asia/Shanghai');
    assert.match(body, /信息类别 行政规范性文件/);
    assert.match(body, /体裁分类 通知/);
    assert.match(body, /服务对象 公民、法人/);
    assert.match(body, /有效性 有效/);
    assert.match(body, /主题词 预算、公开/);
    assert.match(body, /内容概述 规范市级预算公开的内容、时限和方式。/);
    assert.match(body, /第一条 为规范市级预算公开工作，制定本办法。/);
    assert.match(body, /有效性：有效 自2026-04-01起施行。/, 'the validity banner');
    assert.doesNotMatch(body, /2026-04-10/, 'today’s date is not shown as a date of the item');
    assert.ok(body.indexOf('索引号') < body.indexOf('第一条'), 'the metadata block is above the body');
    assert.equal(meta(res.body, 'ArticleTitle'), '衡水市市级预算公开办法');
    assert.equal(meta(res.body, 'PubDate'), '2026-03-03 11:00');
    assert.equal(meta(res.body, 'ContentSource'), '衡水市财政局、衡水市教育局');
    assert.match(res.body, new RegExp(`<link rel="canonical" href="http://localhost(:80)?/xxgk/${p.id}"`));
    assert.ok(res.body.includes('href="/zwgk/HS-JYJ/catalog"'), 'each issuer links to its catalog');
    assert.equal(res.headers['cache-control'], 'public, no-cache');
    assert.ok(res.headers.etag);
    assert.equal(res.headers['last-modified'], new Date('2026-03-03T03:00:00.000Z').toUTCString());
    assertNoRawKeys(res.body, `/xxgk/${p.id}`);

    const byIndex = await new Browser(t.app).get(`/xxgk/by-index/${p.indexNo}`);
    assert.equal(byIndex.statusCode, 301);
    assert.equal(byIndex.headers.location, `/xxgk/${p.id}`);
    const encoded = await new Browser(t.app).get(`/xxgk/by-index/${encodeURIComponent(p.indexNo!)}`);
    assert.equal(encoded.headers.location, `/xxgk/${p.id}`, 'also with the slash percent-encoded');
    assert.equal((await new Browser(t.app).get('/xxgk/by-index/NO/2026-99999')).statusCode, 404);

    const en = await new Browser(t.app).get(`/xxgk/${p.id}?lang=en`);
    assert.match(mainText(en.body), /Index number 11131100DEM0000001\/2026-00001/);
    assert.match(mainText(en.body), /Validity In force/);
    assert.equal(en.headers['cache-control'], 'private, no-cache', 'the language switch sets a cookie: not for shared caches');
    assertNoRawKeys(en.body, `/xxgk/${p.id}?lang=en`);

    const print = await new Browser(t.app).get(`/xxgk/${p.id}?print=1`);
    assert.equal(print.statusCode, 200);
    assert.match(mainText(print.body), /打印版/);
    assert.match(mainText(print.body), /索引号 11131100DEM0000001\/2026-00001/);
    assert.match(print.body, new RegExp(`<link rel="canonical" href="[^"]*/xxgk/${p.id}"`), 'the print view points to the page itself');
    assert.equal(print.headers['x-robots-tag'], 'noindex');
  });

  test('a repealed document says so prominently, with the date and a link to the document that replaces it', async () => {
    const replacement = await publish({ ...budgetDoc, title: '衡水市市级预算公开办法（2026年修订）', docNo: '衡政办字〔2026〕30号', coIssuers: [] }, 'HS-CZJ', '2026-04-11T02:00:00.000Z');
    const old = await publish({ ...budgetDoc, title: '衡水市预算公开暂行办法', docNo: '衡政办字〔2016〕5号', coIssuers: [] }, 'HS-CZJ', '2026-04-11T03:00:00.000Z');
    const who = approvers.get('HS-CZJ')!;
    await t.services.publications.revise(
      who,
      actorOf(who),
      old.id,
      { ...budgetDoc, title: '衡水市预算公开暂行办法', docNo: '衡政办字〔2016〕5号', coIssuers: [], validity: { status: 'repealed', from: '2016-03-01', until: '2026-04-30', replacedBy: replacement.indexNo } },
      '废止',
    );
    const res = await new Browser(t.app).get(`/xxgk/${old.id}`);
    const body = mainText(res.body);
    assert.match(body, /有效性：废止 本文件已于2026-04-30废止。 现行文件： 《衡水市市级预算公开办法（2026年修订）》/);
    assert.ok(res.body.includes(`<a href="/xxgk/${replacement.id}">《衡水市市级预算公开办法（2026年修订）》</a>`));
    assert.match(body, /有效性 废止/, 'also in the metadata block');
    assert.match(res.body, /class="validity-banner validity-repealed" role="note"/);
  });

  test('a document and its interpretation link to each other', async () => {
    const rule = await publish({ ...budgetDoc, title: '衡水市决算公开工作规范', docNo: '衡政办字〔2026〕40号', coIssuers: [] }, 'HS-CZJ', '2026-04-12T02:00:00.000Z');
    assert.match(mainText((await new Browser(t.app).get(`/xxgk/${rule.id}`)).body), /政策解读 本文件的政策解读尚未发布。/);
    const interp = await publish({ title: '《衡水市决算公开工作规范》政策解读', kind: 'interpretation', interprets: rule.indexNo!, body: '解读正文' }, 'HS-CZJ', '2026-04-12T03:00:00.000Z');
    const docPage = await new Browser(t.app).get(`/xxgk/${rule.id}`);
    assert.ok(docPage.body.includes(`<a href="/xxgk/${interp.id}">《衡水市决算公开工作规范》政策解读</a>`), 'the document lists its interpretation');
    assert.doesNotMatch(mainText(docPage.body), /尚未发布/);
    const interpPage = await new Browser(t.app).get(`/xxgk/${interp.id}`);
    assert.match(mainText(interpPage.body), /解读的文件 《衡水市决算公开工作规范》 衡政办字〔2026〕40号/);
    assert.ok(interpPage.body.includes(`<a href="/xxgk/${rule.id}">`), 'the interpretation links its document');
  });

  test('the version history lists every version with its date and note; earlier versions stay readable', async () => {
    const p = await publish({ ...budgetDoc, title: '衡水市权责清单管理办法', docNo: '衡政办字〔2026〕41号', coIssuers: [], body: '第三条 原文。' }, 'HS-CZJ', '2026-04-13T02:00:00.000Z');
    const who = approvers.get('HS-CZJ')!;
    t.clock.set('2026-04-14T06:30:00.000Z');
    await t.services.publications.revise(who, actorOf(who), p.id, { ...budgetDoc, title: '衡水市权责清单管理办法', docNo: '衡政办字〔2026〕41号', coIssuers: [], body: '第三条 更正后的条文。' }, '更正第三条');
    const res = await new Browser(t.app).get(`/xxgk/${p.id}`);
    const body = mainText(res.body);
    assert.match(body, /版本记录 第2版 2026-04-14 14:30 更正第三条 （当前版本） 第1版 2026-04-13 10:00 首次发布 查看第1版/);
    assert.match(body, /第三条 更正后的条文。/);
    assert.match(body, /发布日期 2026-04-13 10:00/, 'a revision does not re-date the item');
    const v1 = await new Browser(t.app).get(`/xxgk/${p.id}/versions/1`);
    assert.equal(v1.statusCode, 200);
    assert.match(mainText(v1.body), /您正在查看本信息的第1版（2026-04-13 10:00），该版本已被修订。/);
    assert.match(mainText(v1.body), /第三条 原文。/);
    const v2 = await new Browser(t.app).get(`/xxgk/${p.id}/versions/2`);
    assert.equal(v2.statusCode, 301, 'the current version is the page itself');
    assert.equal((await new Browser(t.app).get(`/xxgk/${p.id}/versions/3`)).statusCode, 404);
  });

  test('a withdrawn item is a tombstone saying 已撤回 with date and reason, and keeps its index number', async () => {
    const p = await publish({ title: '关于调整办事时间的通知', kind: 'notice', body: '自即日起调整。' }, 'HS-CZJ', '2026-04-15T02:00:00.000Z');
    const who = approvers.get('HS-CZJ')!;
    t.clock.set('2026-04-16T01:20:00.000Z');
    await t.services.publications.withdraw(who, actorOf(who), p.id, '通知内容有误');
    const res = await new Browser(t.app).get(`/xxgk/${p.id}`);
    assert.equal(res.statusCode, 200, 'links never break');
    const body = mainText(res.body);
    assert.match(body, /该信息已撤回 撤回时间：2026-04-16 09:20 撤回原因：通知内容有误/);
    assert.match(body, new RegExp(`索引号 ${p.indexNo!.replace(/[/]/g, '\\/')}`));
    assert.doesNotMatch(body, /自即日起调整/, 'the withdrawn content is gone');
    assert.equal(res.headers['x-robots-tag'], 'noindex');
    assert.equal((await new Browser(t.app).get(`/xxgk/by-index/${p.indexNo}`)).headers.location, `/xxgk/${p.id}`);
    assert.equal((await new Browser(t.app).get(`/xxgk/${p.id}/versions/1`)).statusCode, 404);
    assert.doesNotMatch(mainText((await new Browser(t.app).get('/xxgk?agency=HS-CZJ')).body), /关于调整办事时间的通知/, 'not in the catalog list');
  });

  test('drafts, submitted items and items not disclosed proactively never appear: 404 page, not in lists, facets, home page or sitemap', async () => {
    const who = approvers.get('HS-CZJ')!;
    const s = t.services.publications;
    const draft = await s.createDraft(who, actorOf(who), 'HS-CZJ', { title: '草稿：尚未审核的文件', kind: 'notice' });
    const submitted = await s.createDraft(who, actorOf(who), 'HS-CZJ', { title: '待审核：尚未发布的文件', kind: 'notice' });
    await s.submit(who, actorOf(who), submitted.id);
    const onApplication = await publish({ title: '依申请公开：不主动公开的文件', kind: 'other', disclosureMode: 'onApplication', nonDisclosureReason: '涉及第三方合法权益' }, 'HS-CZJ', '2026-04-17T02:00:00.000Z');
    const b = new Browser(t.app);
    for (const id of [draft.id, submitted.id, onApplication.id, 'no-such-id']) assert.equal((await b.get(`/xxgk/${id}`)).statusCode, 404, id);
    for (const url of ['/xxgk', '/xxgk?agency=HS-CZJ', '/xxgk?kind=other', '/', '/zwgk/HS-CZJ/catalog', '/zwgk/HS-CZJ/statutory/other', '/sitemap-items-1.xml']) {
      const body = text((await b.get(url)).body);
      assert.doesNotMatch(body, /草稿：尚未审核的文件|待审核：尚未发布的文件|依申请公开：不主动公开的文件/, url);
    }
    assert.doesNotMatch(mainText((await b.get('/xxgk?agency=HS-CZJ')).body), /其他 （\d+）/, 'nor counted in the facets');
  });

  test('browse: facets count correctly, a filter narrows the list, filters are in the URL and removable', async () => {
    await publish({ title: '桃城区2025年教育工作要点', kind: 'notice', topic: '科技、教育/教育', genre: '通知' }, 'TC-JYJ', '2025-06-10T02:00:00.000Z');
    await publish({ title: '桃城区中小学招生工作通知', kind: 'notice', topic: '科技、教育/教育', genre: '通知' }, 'TC-JYJ', '2026-04-20T02:00:00.000Z');
    await publish({ title: '桃城区义务教育学校管理办法', kind: 'normativeDocument', topic: '科技、教育/教育', genre: '决定' }, 'TC-JYJ', '2026-04-21T02:00:00.000Z');
    const b = new Browser(t.app);
    const all = await b.get('/xxgk?agency=TC');
    assert.equal(all.statusCode, 200);
    const body = mainText(all.body);
    assert.match(body, /共3条，第1\/1页/);
    assert.match(body, /通知公告 （2）/);
    assert.match(body, /行政规范性文件 （1）/);
    assert.match(body, /2026年 （2）/);
    assert.match(body, /2025年 （1）/);
    assert.match(body, /科技、教育 （3）/);
    assert.match(body, /发布机构：桃城区人民政府/, 'the chosen filter is shown');
    assert.ok(body.indexOf('桃城区义务教育学校管理办法') < body.indexOf('桃城区中小学招生工作通知'), 'newest first');
    assert.match(body, /桃城区义务教育学校管理办法 发布日期 2026-04-21/, 'every row shows its publication date');

    const narrowed = await b.get('/xxgk?agency=TC&kind=notice');
    const n = mainText(narrowed.body);
    assert.match(n, /共2条/);
    assert.doesNotMatch(n, /桃城区义务教育学校管理办法/);
    assert.match(n, /行政规范性文件 （1）/, 'the kind facet still offers the other kinds');
    assert.match(n, /2025年 （1）/);
    assert.ok(narrowed.body.includes('href="/xxgk?agency=TC"'), 'the kind filter can be removed');
    assert.ok(narrowed.body.includes('href="/xxgk?kind=notice"'), 'the agency filter can be removed');

    const year = mainText((await b.get('/xxgk?agency=TC&kind=notice&year=2025')).body);
    assert.match(year, /共1条/);
    assert.match(year, /桃城区2025年教育工作要点 发布日期 2025-06-10/);

    const whole = await b.get('/xxgk');
    assert.match(mainText(whole.body), /桃城区人民政府 （3）/, 'the agency tree counts a government with everything below it');
    assert.match(whole.body, /<link rel="canonical" href="http:\/\/localhost(:80)?\/xxgk"/);
    assert.equal(whole.headers['cache-control'], 'public, no-cache');
    assert.equal((await b.get('/xxgk?kind=nonsense&year=abc')).statusCode, 200, 'unknown filter values are ignored');
    assertNoRawKeys(whole.body, '/xxgk');
    assertNoRawKeys((await b.get('/xxgk?agency=TC&lang=en')).body, '/xxgk?lang=en');
  });

  test('browse is paginated 20 to a page; a statutory sub-column lists the matching kinds of its agency', async () => {
    for (let i = 1; i <= 22; i++) await publish({ title: `衡水市统计月报（第${i}期）`, kind: 'statistics', topic: '国民经济管理、国有资产监管/统计' }, 'HS-TJJ', `2026-05-${String(i).padStart(2, '0')}T02:00:00.000Z`);
    await publish({ title: '衡水市统计局工作动态', kind: 'news' }, 'HS-TJJ', '2026-05-25T02:00:00.000Z');
    const b = new Browser(t.app);
    const p1 = mainText((await b.get('/xxgk?agency=HS-TJJ&kind=statistics')).body);
    assert.match(p1, /共22条，第1\/2页/);
    assert.match(p1, /衡水市统计月报（第22期）/);
    assert.doesNotMatch(p1, /衡水市统计月报（第2期）/);
    const p2res = await b.get('/xxgk?agency=HS-TJJ&kind=statistics&page=2');
    const p2 = mainText(p2res.body);
    assert.match(p2, /第2\/2页/);
    assert.match(p2, /衡水市统计月报（第2期）.*衡水市统计月报（第1期）/);
    assert.ok(p2res.body.includes('href="/xxgk?agency=HS-TJJ&amp;kind=statistics"'), 'a link back to page 1');
    // The facets panel, rendered once for the pages of a filter set, is that of the catalog now and of the page's language.
    const panel = (html: string) => html.slice(html.indexOf('<aside class="facets"'), html.indexOf('</aside>'));
    assert.match(panel(p2res.body), /统计信息<\/span><span class="facet-count">（22）/);
    assert.match(panel(p2res.body), /2026年<\/span><span class="facet-count">（22）/);
    await publish({ title: '衡水市统计月报（第23期）', kind: 'statistics', topic: '国民经济管理、国有资产监管/统计' }, 'HS-TJJ', '2026-05-23T02:00:00.000Z');
    const p2again = await b.get('/xxgk?agency=HS-TJJ&kind=statistics&page=2');
    assert.match(mainText(p2again.body), /共23条，第2\/2页/);
    assert.match(panel(p2again.body), /统计信息<\/span><span class="facet-count">（23）/);
    const en = panel((await new Browser(t.app).get('/xxgk?agency=HS-TJJ&kind=statistics&page=2&lang=en')).body);
    assert.doesNotMatch(en, /统计信息/);
    assert.match(en, /Statistics/);

    const col = await b.get('/zwgk/HS-TJJ/statutory/statistics');
    const c = mainText(col.body);
    assert.match(c, /衡水市统计月报（第23期）/);
    assert.doesNotMatch(c, /衡水市统计局工作动态/, 'news is not statutory content');
    assert.doesNotMatch(c, /本栏目暂无已公开的信息/);
    assert.match(c, /统计信息（23条）/, 'a link to the rest in the catalog');
    assert.equal(col.headers['cache-control'], 'public, no-cache');
    assert.match(mainText((await b.get('/zwgk/HS-TJJ/statutory/plans')).body), /本栏目暂无已公开的信息/, 'other sub-columns keep their empty state');
    const reg = mainText((await b.get('/zwgk/HS-CZJ/statutory/regulations')).body);
    assert.match(reg, /衡水市市级预算公开办法/);
    assert.match(reg, /《衡水市决算公开工作规范》政策解读/);
    assert.doesNotMatch(reg, /关于调整办事时间的通知/);
  });

  test('an agency’s catalog page lists its own and joint items with its columns; the annual reports sub-column lists reports newest first', async () => {
    await publish({ title: '衡水市财政局2025年政府信息公开工作年度报告', kind: 'annualReport', topic: '综合政务/政务公开' }, 'HS-CZJ', '2026-01-20T02:00:00.000Z');
    await publish({ title: '衡水市财政局2024年政府信息公开工作年度报告', kind: 'annualReport', topic: '综合政务/政务公开' }, 'HS-CZJ', '2025-01-20T02:00:00.000Z');
    await publish({ title: '衡水市教育局2025年工作总结', kind: 'other' }, 'HS-JYJ', '2026-05-26T02:00:00.000Z');
    const b = new Browser(t.app);
    const jy = await b.get('/zwgk/HS-JYJ/catalog');
    assert.equal(jy.statusCode, 200);
    const j = mainText(jy.body);
    assert.match(j, /衡水市教育局政府信息公开目录/);
    assert.match(j, /衡水市教育局2025年工作总结/);
    assert.match(j, /衡水市市级预算公开办法/, 'a joint document is in the catalog of every issuer');
    assert.doesNotMatch(j, /衡水市统计月报/);
    assert.match(j, /其他 1条/);
    assert.ok(jy.body.includes('href="/xxgk?agency=HS-JYJ&amp;kind=other"'));
    assert.ok((await b.get('/zwgk/HS-JYJ')).body.includes('href="/zwgk/HS-JYJ/catalog"'), 'linked from the agency’s column');
    assert.ok((await b.get('/agencies/HS-JYJ')).body.includes('href="/zwgk/HS-JYJ/catalog"'), 'linked from the agency page');
    assertNoRawKeys(jy.body, '/zwgk/HS-JYJ/catalog');

    const reports = mainText((await b.get('/zwgk/HS-CZJ/annual-reports')).body);
    assert.doesNotMatch(reports, /尚未发布/);
    assert.match(reports, /衡水市财政局2025年政府信息公开工作年度报告 发布日期 2026-01-20.*衡水市财政局2024年政府信息公开工作年度报告 发布日期 2025-01-20/);
    assert.match(mainText((await b.get('/zwgk/HS-TJJ/annual-reports')).body), /尚未发布/, 'agencies without reports keep the clear state');
  });

  test('the home page shows the latest 10 items and the key-area columns, which filter the catalog', async () => {
    await publish({ title: '市财政局召开预算公开工作会议', kind: 'news', columns: ['fiscal'] }, 'HS-CZJ', '2026-05-26T01:00:00.000Z');
    const res = await new Browser(t.app).get('/');
    const rows = res.body.match(/<a class="pub-list-title"/g) ?? [];
    assert.equal(rows.length, 10);
    assert.match(mainText(res.body), /最新公开信息 衡水市教育局2025年工作总结 发布日期 2026-05-26/);
    assert.ok(res.body.includes('href="/xxgk?column=fiscal"'));
    assert.match(mainText(res.body), /重点领域信息公开 .*财政预决算和政府债务/);
    const fiscal = mainText((await new Browser(t.app).get('/xxgk?column=fiscal')).body);
    assert.match(fiscal, /重点领域信息公开：财政预决算和政府债务/);
    assert.match(fiscal, /衡水市市级预算公开办法/);
    assert.doesNotMatch(fiscal, /衡水市统计月报/);
    assert.match(fiscal, /市财政局召开预算公开工作会议/, 'the catalog shows everything filed under the key area');
    const budgets = mainText((await new Browser(t.app).get('/zwgk/HS-CZJ/statutory/budgets')).body);
    assert.match(budgets, /衡水市市级预算公开办法/);
    assert.doesNotMatch(budgets, /市财政局召开预算公开工作会议/, 'the 政府信息公开 column carries no work news');
  });

  test('conditional requests: the same ETag or an unchanged Last-Modified is answered 304; a change gives a new page', async () => {
    const p = await publish({ title: '衡水市新闻发布工作考核办法', kind: 'notice', body: '考核办法正文' }, 'HS-CZJ', '2026-05-27T02:00:00.000Z');
    const b = new Browser(t.app);
    const first = await b.get(`/xxgk/${p.id}`);
    const etag = first.headers.etag as string;
    const again = await b.get(`/xxgk/${p.id}`, { 'if-none-match': etag });
    assert.equal(again.statusCode, 304);
    assert.equal(again.body, '');
    assert.equal((await b.get(`/xxgk/${p.id}`, { 'if-modified-since': first.headers['last-modified'] as string })).statusCode, 304);
    assert.equal((await b.get(`/xxgk/${p.id}`, { 'if-none-match': '"something-else"' })).statusCode, 200);

    const list = await b.get('/xxgk?agency=HS-CZJ');
    assert.equal((await b.get('/xxgk?agency=HS-CZJ', { 'if-none-match': list.headers.etag as string })).statusCode, 304);

    const who = approvers.get('HS-CZJ')!;
    t.clock.set('2026-05-28T02:00:00.000Z');
    await t.services.publications.revise(who, actorOf(who), p.id, { title: '衡水市新闻发布工作考核办法', kind: 'notice', body: '考核办法正文（修订）' }, '修订正文');
    const changed = await b.get(`/xxgk/${p.id}`, { 'if-none-match': etag, 'if-modified-since': first.headers['last-modified'] as string });
    assert.equal(changed.statusCode, 200);
    assert.match(mainText(changed.body), /考核办法正文（修订）/);
    assert.equal(changed.headers['last-modified'], new Date('2026-05-28T02:00:00.000Z').toUTCString());
  });

  test('cached pages are rebuilt when what they show changes: the item, an agency’s name, the site settings', async () => {
    const p = await publish({ title: '衡水市政务公开工作考核指标体系', kind: 'notice' }, 'HS-JYJ', '2026-06-01T02:00:00.000Z');
    const b = new Browser(t.app);
    const before = await b.get(`/xxgk/${p.id}`);
    assert.match(mainText(before.body), /发布机构 衡水市教育局/);
    assert.equal((await b.get(`/xxgk/${p.id}`)).body, before.body, 'served again unchanged');
    t.clock.set('2026-06-02T02:00:00.000Z');
    const admin = t.services.users.systemPrincipal();
    await t.services.agencies.update(admin, actorOf(approvers.get('HS-JYJ')!), 'HS-JYJ', { code: 'HS-JYJ', name: '衡水市教育和体育局', kind: 'department', parent: 'HS', sortOrder: 2, indexPrefix: 'JYJ' } as any);
    assert.match(mainText((await b.get(`/xxgk/${p.id}`)).body), /发布机构 衡水市教育和体育局/);
    assert.match(mainText((await b.get('/xxgk')).body), /衡水市教育和体育局/);
    const site = await t.services.site.settings();
    await t.services.site.update(admin, actorOf(approvers.get('HS-JYJ')!), { ...site, organiser: '衡水市人民政府办公室（测试）' });
    assert.match(text((await b.get(`/xxgk/${p.id}`)).body), /衡水市人民政府办公室（测试）/);
  });

  test('sitemap.xml indexes the portal’s pages and the published items (not drafts); robots.txt keeps crawlers out of /admin', async () => {
    const who = approvers.get('HS-CZJ')!;
    const draft = await t.services.publications.createDraft(who, actorOf(who), 'HS-CZJ', { title: '不应出现在网站地图中的草稿', kind: 'notice' });
    const published = await publish({ title: '网站地图中的信息', kind: 'notice' }, 'HS-CZJ', '2026-05-29T02:00:00.000Z');
    const b = new Browser(t.app);
    const index = await b.get('/sitemap.xml');
    assert.equal(index.statusCode, 200);
    assert.match(index.headers['content-type'] as string, /xml/);
    assert.match(index.body, /<sitemapindex xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">/);
    const locs = [...index.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
    assert.deepEqual(locs, ['/sitemap-pages-1.xml', '/sitemap-items-1.xml']);
    const items = await b.get('/sitemap-items-1.xml');
    assert.equal(items.statusCode, 200);
    assert.match(items.body, new RegExp(`<loc>http://localhost(:80)?/xxgk/${published.id}</loc><lastmod>2026-05-29T02:00:00.000Z</lastmod>`));
    assert.ok(!items.body.includes(draft.id), 'drafts are not in the sitemap');
    assert.equal((await b.get('/sitemap-items-2.xml')).statusCode, 404);
    const pages = await b.get('/sitemap-pages-1.xml');
    for (const path of ['/', '/zwgk', '/xxgk', '/xxgk?column=fiscal', '/agencies/HS-CZJ', '/zwgk/HS-CZJ/catalog', '/zwgk/HS-CZJ/statutory/budgets', '/zwgk/HS/statutory/land-expropriation']) {
      assert.ok(pages.body.includes(`${path.replace(/&/g, '&amp;')}</loc>`), path);
    }
    const robots = await b.get('/robots.txt');
    assert.equal(robots.statusCode, 200);
    assert.match(robots.body, /^User-agent: \*$/m);
    assert.match(robots.body, /^Disallow: \/admin$/m);
    assert.match(robots.body, /^Sitemap: http:\/\/localhost(:80)?\/sitemap.xml$/m);
  });
});
