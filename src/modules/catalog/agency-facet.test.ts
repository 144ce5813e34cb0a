import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { addAgency, addUser, buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import type { Principal } from '../agencies/index.ts';
import type { PublicationInput } from './index.ts';

/** The agency facet's links on /xxgk: agency code → the count shown. */
function agencyFacet(html: string): Map<string, number> {
  const part = html.slice(html.indexOf('id="facet-agency"'), html.indexOf('id="facet-kind"'));
  const out = new Map<string, number>();
  for (const m of part.matchAll(/<a href="[^"]*agency=([^"&]+)[^"]*"[^>]*>.*?<span class="facet-count">（(\d+)）<\/span>/g)) out.set(decodeURIComponent(m[1]), Number(m[2]));
  return out;
}
const totalOf = (html: string) => Number((html.match(/共(\d+)条/) ?? [])[1]);

describeEachDialect('the browse page’s agency facet counts joint documents for every issuer', (dialect) => {
  let t: TestApp;
  let publish: (agency: string, input: Partial<PublicationInput> & { title: string }) => Promise<string>;
  let withdraw: (id: string) => Promise<void>;
  before(async () => {
    t = await buildTestApp(dialect, { now: '2026-03-03T02:00:00.000Z' });
    await addAgency(t.services, 'HS', '衡水市人民政府', { kind: 'government' });
    await addAgency(t.services, 'HS-CZJ', '衡水市财政局', { parent: 'HS' });
    await addAgency(t.services, 'HS-FGW', '衡水市发展和改革委员会', { parent: 'HS' });
    await addAgency(t.services, 'HS-SJJ', '衡水市审计局', { parent: 'HS' });
    await addAgency(t.services, 'TC', '桃城区人民政府', { kind: 'government' });
    await addAgency(t.services, 'TC-CZJ', '桃城区财政局', { parent: 'TC' });
    const grants = ['HS-CZJ', 'HS-FGW'].flatMap((a) => [['editor', a], ['approver', a]] as [any, string][]);
    const u = await addUser(t.services, 'staff-1', grants);
    const p: Principal = { userId: u.id, username: u.username, displayName: u.username, grants: u.grants.map((g) => ({ role: g.role, agencyId: g.agencyId })) };
    const actor = { userId: p.userId, name: p.username, ip: null };
    publish = async (agency: string, input: Partial<PublicationInput> & { title: string }) => {
      const s = t.services.publications;
      const d = await s.createDraft(p, actor, agency, { kind: 'notice', writtenOn: '2026-03-02', body: '<p>（演示内容）</p>', ...input } as PublicationInput);
      await s.submit(p, actor, d.id);
      await s.approve(p, actor, d.id, { confidentialityReviewed: true });
      return d.id;
    };
    withdraw = async (id: string) => {
      await t.services.publications.withdraw(p, actor, id, '已被新文件替代');
    };
    await publish('HS-CZJ', { title: '关于做好2026年预算公开工作的通知', coIssuers: ['HS-FGW'] });
    await publish('HS-CZJ', { title: '关于下达2026年专项资金的通知' });
    await publish('HS-FGW', { title: '关于开展重大项目审计的通知', coIssuers: ['HS-CZJ', 'HS-SJJ'] });
    await publish('HS-CZJ', { title: '关于市区两级财政协同的通知', coIssuers: ['TC-CZJ'] });
    await publish('HS-FGW', { title: '市发展改革委工作动态', kind: 'news' });
  });
  after(() => t.dispose());

  test('each agency counts what it issued alone, as lead or as co-issuer; a government counts each item below it once', async () => {
    const html = (await t.app.inject({ url: '/xxgk' })).body;
    const counts = agencyFacet(html);
    assert.deepEqual(Object.fromEntries(counts), { HS: 5, 'HS-CZJ': 4, 'HS-FGW': 3, 'HS-SJJ': 1, TC: 1, 'TC-CZJ': 1 });
  });

  test('every count is what choosing the agency then lists, also with another filter set', async () => {
    for (const extra of ['', '&kind=notice']) {
      const counts = agencyFacet((await t.app.inject({ url: `/xxgk?${extra.slice(1)}` })).body);
      assert.ok(counts.size >= 5);
      for (const [code, n] of counts) {
        const listed = totalOf((await t.app.inject({ url: `/xxgk?agency=${code}${extra}` })).body);
        assert.equal(listed, n, `${code}${extra}: the facet says ${n}, the list shows ${listed}`);
      }
    }
    assert.equal(agencyFacet((await t.app.inject({ url: '/xxgk?kind=notice' })).body).get('HS-FGW'), 2, 'the news item is not a notice');
  });

  // Runs last: it changes the catalog. Counts are kept per filter set between renders (catalog-counts.ts).
  test('after a publish and a withdrawal, every page shows the new counts, also pages whose counts were kept', async () => {
    const before = agencyFacet((await t.app.inject({ url: '/xxgk' })).body);
    assert.equal(agencyFacet((await t.app.inject({ url: '/xxgk?page=2' })).body).get('HS-CZJ'), before.get('HS-CZJ'), 'another page of the same filters, counted once');
    const id = await publish('HS-FGW', { title: '关于审计整改情况的通知', coIssuers: ['HS-SJJ'] });
    for (const url of ['/xxgk', '/xxgk?page=2', '/xxgk?page=3']) {
      const html = (await t.app.inject({ url })).body;
      assert.deepEqual(Object.fromEntries(agencyFacet(html)), { HS: 6, 'HS-CZJ': 4, 'HS-FGW': 4, 'HS-SJJ': 2, TC: 1, 'TC-CZJ': 1 }, url);
      assert.equal(totalOf(html), 6, url);
    }
    assert.equal(totalOf((await t.app.inject({ url: '/xxgk?agency=HS-SJJ' })).body), 2);
    await withdraw(id);
    for (const url of ['/xxgk', '/xxgk?page=2', '/xxgk?page=4']) {
      const html = (await t.app.inject({ url })).body;
      assert.deepEqual(Object.fromEntries(agencyFacet(html)), { HS: 5, 'HS-CZJ': 4, 'HS-FGW': 3, 'HS-SJJ': 1, TC: 1, 'TC-CZJ': 1 }, url);
      assert.equal(totalOf(html), 5, url);
    }
    assert.equal(totalOf((await t.app.inject({ url: '/xxgk?agency=HS-SJJ' })).body), 1);
  });
});

describeEachDialect('the agency tree on a deep agency’s page shows its path, the rest one click away', (dialect) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(dialect, { now: '2026-03-03T02:00:00.000Z' });
    await addAgency(t.services, 'HS', '衡水市人民政府', { kind: 'government' });
    await addAgency(t.services, 'HS-CZJ', '衡水市财政局', { parent: 'HS' });
    await addAgency(t.services, 'TC', '桃城区人民政府', { kind: 'government', parent: 'HS' });
    const towns = ['TC-HXJ', 'TC-ZHJ', 'TC-DHX'];
    for (const [i, code] of towns.entries()) await addAgency(t.services, code, `桃城区第${i + 1}乡镇人民政府`, { kind: 'township', parent: 'TC' });
    const u = await addUser(t.services, 'staff-1', ['HS-CZJ', ...towns].flatMap((a) => [['editor', a], ['approver', a]] as [any, string][]));
    const p: Principal = { userId: u.id, username: u.username, displayName: u.username, grants: u.grants.map((g) => ({ role: g.role, agencyId: g.agencyId })) };
    const actor = { userId: p.userId, name: p.username, ip: null };
    for (const code of ['HS-CZJ', ...towns]) {
      const s = t.services.publications;
      const d = await s.createDraft(p, actor, code, { title: `${code}关于做好春耕工作的通知`, kind: 'notice', writtenOn: '2026-03-02', body: '<p>（演示内容）</p>' } as PublicationInput);
      await s.submit(p, actor, d.id);
      await s.approve(p, actor, d.id, { confidentialityReviewed: true });
    }
  });
  after(() => t.dispose());

  test('a township’s page lists the path to it and links to its county for the others; the county’s page lists them all', async () => {
    const town = (await t.app.inject({ url: '/xxgk?agency=TC-HXJ' })).body;
    // The chosen township's own link removes the filter (no agency in it): it is found by its label.
    assert.deepEqual(Object.fromEntries(agencyFacet(town)), { HS: 4, 'HS-CZJ': 1, TC: 3 }, 'the first level in full, then the path');
    const facet = town.slice(town.indexOf('id="facet-agency"'), town.indexOf('id="facet-kind"'));
    assert.match(facet, /class="facet-selected"><span class="facet-label">桃城区第1乡镇人民政府<\/span><span class="facet-count">（1）/);
    assert.ok(!facet.includes('桃城区第2乡镇人民政府') && !facet.includes('桃城区第3乡镇人民政府'));
    assert.match(facet, /<li class="facet-more"><a href="\/xxgk\?agency=TC"><span class="facet-label">桃城区人民政府的其他2个机构<\/span><\/a><\/li>/);
    const county = (await t.app.inject({ url: '/xxgk?agency=TC' })).body;
    assert.deepEqual(Object.fromEntries(agencyFacet(county)), { HS: 4, 'HS-CZJ': 1, 'TC-HXJ': 1, 'TC-ZHJ': 1, 'TC-DHX': 1 });
    assert.ok(!county.includes('facet-more'));
    assert.ok((await t.app.inject({ url: '/xxgk?agency=TC-HXJ&lang=en' })).body.includes('2 more agencies of '));
  });

  // The entries of agencies off the chosen path are kept between pages of the same other filters (BrowsePage.tsx).
  test('pages of agencies in other branches, one after another, each show their own choice and path, in their language', async () => {
    const facetOf = async (url: string) => {
      const html = (await t.app.inject({ url })).body;
      return html.slice(html.indexOf('id="facet-agency"'), html.indexOf('id="facet-kind"'));
    };
    const selected = (facet: string) => [...facet.matchAll(/class="facet-selected"><span class="facet-label">([^<]+)</g)].map((m) => m[1]);
    const town2 = await facetOf('/xxgk?agency=TC-ZHJ');
    assert.deepEqual(selected(town2), ['桃城区第2乡镇人民政府']);
    assert.match(town2, /<a href="\/xxgk\?agency=HS-CZJ"><span class="facet-label">衡水市财政局<\/span>/, 'the other branch: a link that chooses it');
    const bureau = await facetOf('/xxgk?agency=HS-CZJ');
    assert.deepEqual(selected(bureau), ['衡水市财政局']);
    assert.ok(!bureau.includes('乡镇人民政府'), 'the county is collapsed again: no township of the page before');
    assert.match(bureau, /<a href="\/xxgk\?agency=TC"><span class="facet-label">桃城区人民政府<\/span>/);
    const town3 = await facetOf('/xxgk?agency=TC-DHX');
    assert.deepEqual(selected(town3), ['桃城区第3乡镇人民政府']);
    assert.ok(!town3.includes('桃城区第2乡镇人民政府'), 'only the path of this page');
    const bureauEn = await facetOf('/xxgk?agency=HS-CZJ&lang=en');
    assert.ok(bureauEn.includes('<span class="facet-count"> (2)</span>') || bureauEn.includes('<span class="facet-count"> (1)</span>'));
    assert.ok(!bureauEn.includes('（'), 'no entry of the Chinese pages');
    assert.deepEqual(selected(bureauEn), ['衡水市财政局']);
  });
});
