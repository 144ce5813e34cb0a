import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { addAgency, addUser, buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import type { Principal } from '../agencies/index.ts';
import type { PublicationInput } from './index.ts';

/** The titles listed on a browse page, in order. */
/** A facet's values and counts as shown: label → count. */
function facet(html: string, id: string): Record<string, number> {
  const part = html.slice(html.indexOf(`id="facet-${id}"`), html.indexOf('</details>', html.indexOf(`id="facet-${id}"`)));
  return Object.fromEntries([...part.matchAll(/<span class="facet-label">([^<]*)<\/span><span class="facet-count">（(\d+)）<\/span>/g)].map((m) => [m[1], Number(m[2])]));
}
const totalOf = (html: string) => Number((html.match(/共(\d+)条/) ?? [])[1]);
const titles = (html: string) => [...html.matchAll(/<a class="pub-list-title" href="[^"]+">([^<]*)<\/a>/g)].map((m) => m[1]);

describeEachDialect('browsing by year follows the publication date in Beijing time', (dialect) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(dialect, { now: '2025-06-01T02:00:00.000Z' });
    await addAgency(t.services, 'HS', '衡水市人民政府', { kind: 'government' });
    await addAgency(t.services, 'HS-CZJ', '衡水市财政局', { parent: 'HS' });
    const u = await addUser(t.services, 'staff-1', [['editor', 'HS-CZJ'], ['approver', 'HS-CZJ']]);
    const p: Principal = { userId: u.id, username: u.username, displayName: u.username, grants: u.grants.map((g) => ({ role: g.role, agencyId: g.agencyId })) };
    const actor = { userId: p.userId, name: p.username, ip: null };
    const publish = async (at: string, input: Partial<PublicationInput> & { title: string }) => {
      t.clock.set(at);
      const s = t.services.publications;
      const d = await s.createDraft(p, actor, 'HS-CZJ', { kind: 'notice', topic: '财政、金融、审计/财政', writtenOn: at.slice(0, 10), body: '<p>（演示内容）</p>', ...input } as PublicationInput);
      await s.submit(p, actor, d.id);
      await s.approve(p, actor, d.id, { confidentialityReviewed: true });
    };
    await publish('2025-06-01T02:00:00.000Z', { title: '2025年年中通知' });
    await publish('2025-12-31T15:59:59.000Z', { title: '2025年最后一刻的通知' }); // 23:59:59 in Beijing
    await publish('2025-12-31T16:00:00.000Z', { title: '2026年第一刻的通知' }); // 00:00 on 1 January in Beijing
    await publish('2026-01-02T02:00:00.000Z', { title: '2026年新年动态', kind: 'news' });
  });
  after(() => t.dispose());

  test('an item published just after midnight in Beijing on 1 January is in the new year, newest first', async () => {
    for (const extra of ['', '&topic=财政、金融、审计', '&agency=HS']) {
      const y2025 = titles((await t.app.inject({ url: encodeURI(`/xxgk?year=2025${extra}`) })).body);
      assert.deepEqual(y2025, ['2025年最后一刻的通知', '2025年年中通知'], extra);
      const y2026 = titles((await t.app.inject({ url: encodeURI(`/xxgk?year=2026${extra}`) })).body);
      assert.deepEqual(y2026, ['2026年新年动态', '2026年第一刻的通知'], extra);
    }
    // The counts over a year (another index than the list's): the total and the kinds of that year only.
    const y2026 = (await t.app.inject({ url: '/xxgk?year=2026' })).body;
    assert.equal(totalOf(y2026), 2);
    assert.deepEqual(facet(y2026, 'kind'), { 通知公告: 1, 工作动态: 1 });
    assert.deepEqual(facet(y2026, 'year'), { '2026年': 2, '2025年': 2 });
    const y2025 = (await t.app.inject({ url: '/xxgk?year=2025' })).body;
    assert.equal(totalOf(y2025), 2);
    assert.deepEqual(facet(y2025, 'kind'), { 通知公告: 2 });
    // With a kind, the year's items of that kind (another index; the same answer).
    assert.deepEqual(titles((await t.app.inject({ url: '/xxgk?year=2026&kind=notice' })).body), ['2026年第一刻的通知']);
  });
});
