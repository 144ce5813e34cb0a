import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { addAgency, addUser, buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import type { Principal } from '../agencies/index.ts';

interface Link {
  type: string;
  href: string;
  title: string;
}

/** The <link rel="alternate"> feeds in a page's head. */
function alternates(html: string): Link[] {
  const head = html.slice(0, html.indexOf('</head>'));
  return [...head.matchAll(/<link rel="alternate"([^>]*)\/?>/g)].map((m) => {
    const attr = (name: string) => (m[1].match(new RegExp(`${name}="([^"]*)"`)) ?? [])[1] ?? '';
    return { type: attr('type'), href: attr('href').replace(/&amp;/g, '&'), title: attr('title') };
  });
}
const hrefs = (html: string) => alternates(html).map((l) => `${l.type} ${l.href}`);
const both = (path: string) => [`application/atom+xml ${path}.atom`, `application/feed+json ${path}.json`];

describeEachDialect('feed discovery on the public catalog pages', (dialect) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(dialect, { now: '2026-03-03T02:00:00.000Z' });
    await addAgency(t.services, 'HS', '衡水市人民政府', { kind: 'government' });
    await addAgency(t.services, 'HS-CZJ', '衡水市财政局', { parent: 'HS', nameEn: 'Hengshui Finance Bureau' });
    const u = await addUser(t.services, 'cz-staff', [['editor', 'HS-CZJ'], ['approver', 'HS-CZJ']]);
    const p: Principal = { userId: u.id, username: u.username, displayName: u.username, grants: u.grants.map((g) => ({ role: g.role, agencyId: g.agencyId })) };
    const actor = { userId: p.userId, name: p.username, ip: null };
    const s = t.services.publications;
    const d = await s.createDraft(p, actor, 'HS-CZJ', { title: '衡水市2026年市级预算公开', kind: 'budget', topic: '财政、金融、审计/财政', columns: ['fiscal'], writtenOn: '2026-03-02', body: '<p>（演示内容）</p>' });
    await s.submit(p, actor, d.id);
    await s.approve(p, actor, d.id, { confidentialityReviewed: true });
  });
  after(() => t.dispose());

  const get = async (url: string) => {
    const res = await t.app.inject({ url });
    assert.equal(res.statusCode, 200, url);
    return res.body;
  };

  test('home and the unfiltered catalog announce the whole catalog’s Atom and JSON feeds', async () => {
    assert.deepEqual(hrefs(await get('/')), both('/feeds/catalog'));
    const browse = await get('/xxgk');
    assert.deepEqual(hrefs(browse), both('/feeds/catalog'));
    assert.deepEqual(alternates(browse).map((l) => l.title), ['全部公开信息（Atom 订阅源）', '全部公开信息（JSON Feed 订阅源）']);
  });

  test('a filtered catalog view announces the agency’s, column’s and topic’s feeds, most specific first, and shows them as links', async () => {
    const html = await get(`/xxgk?agency=HS-CZJ&column=fiscal&topic=${encodeURIComponent('财政、金融、审计/财政')}&kind=budget`);
    const topic = `/feeds/topic/${encodeURIComponent('财政、金融、审计')}`;
    assert.deepEqual(hrefs(html), [...both('/feeds/agency/HS-CZJ'), ...both('/feeds/column/fiscal'), ...both(topic), ...both('/feeds/catalog')]);
    const visible = html.slice(html.indexOf('class="feed-links"'));
    assert.match(visible, /订阅（RSS）/);
    assert.match(visible, /衡水市财政局发布的信息/);
    for (const href of ['/feeds/agency/HS-CZJ.atom', '/feeds/agency/HS-CZJ.json', '/feeds/column/fiscal.atom', `${topic}.json`, '/feeds/catalog.atom']) assert.ok(visible.includes(`href="${href}"`), `visible link to ${href}`);
    // Every announced feed exists and carries the item shown.
    for (const l of alternates(html)) {
      const res = await t.app.inject({ url: l.href });
      assert.equal(res.statusCode, 200, l.href);
      assert.ok(String(res.headers['content-type']).startsWith(l.type), `${l.href} is ${l.type}`);
      assert.match(res.body, /衡水市2026年市级预算公开/, l.href);
    }
  });

  test('agency pages announce the agency’s feed; in English with the English name', async () => {
    for (const url of ['/agencies/HS-CZJ', '/zwgk/HS-CZJ', '/zwgk/HS-CZJ/catalog']) assert.deepEqual(hrefs(await get(url)), [...both('/feeds/agency/HS-CZJ'), ...both('/feeds/catalog')], url);
    const en = alternates(await get('/zwgk/HS-CZJ?lang=en'));
    assert.equal(en[0].title, 'Published by Hengshui Finance Bureau (Atom feed)');
  });

  test('the footer links to the API page and its feeds section, in the page’s language', async () => {
    const zh = await get('/');
    const footer = zh.slice(zh.indexOf('<footer'));
    assert.match(footer, /<a href="\/api">开放数据接口（API）<\/a>/);
    assert.match(footer, /<a href="\/api#feeds">信息订阅（RSS）<\/a>/);
    const en = await get('/agencies?lang=en');
    assert.match(en.slice(en.indexOf('<footer')), /<a href="\/api#feeds">Feeds \(RSS\)<\/a>/);
    assert.match(await get('/api'), /id="feeds"/);
  });
});
