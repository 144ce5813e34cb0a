import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { actorOf, asPrincipal, addAgency, addUser, Browser, buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { createServices, type Services } from '../../services.ts';
import { cliActor } from '../audit/index.ts';
import type { Principal } from '../agencies/index.ts';
import { newId } from '../../kernel/ids.ts';
import type { Publication } from './index.ts';
import { createPublicationsRepository } from './publications.repository.ts';
import { stampReads } from './public-pages.ts';

const footerOf = (html: string) => /<footer[\s\S]*<\/footer>/.exec(html)?.[0] ?? '';

/**
 * Cached public pages, the agency tree and the site settings are kept in memory; each is checked against
 * change stamps in the database (storage/change-stamps.ts), so a change shows on the next page — also
 * when it was made by another process on the same database (here: a second set of services, with
 * caches of its own, over the same database).
 */
describeEachDialect('public pages stay current across processes', (dialect) => {
  let t: TestApp;
  let other: Services;
  let approver: Principal;
  let item: Publication;

  before(async () => {
    t = await buildTestApp(dialect);
    other = createServices(t.services.config, t.db, t.clock);
    await addAgency(t.services, 'HS', '衡水市人民政府', { kind: 'government' });
    await addAgency(t.services, 'HS-CZJ', '衡水市财政局', { parent: 'HS', indexPrefix: 'CZJ' });
    approver = asPrincipal(await addUser(t.services, 'approver-czj', [['approver', 'HS-CZJ']]));
    const s = t.services.publications;
    const d = await s.createDraft(approver, actorOf(approver), 'HS-CZJ', { title: '关于调整办事时间的通知', kind: 'notice', body: '<p>自即日起调整。</p>' });
    await s.submit(approver, actorOf(approver), d.id);
    item = (await s.approve(approver, actorOf(approver), d.id, { confidentialityReviewed: true })).publication;
  });
  after(() => t.dispose());

  /** The page twice (same bytes): from the second request on, it is kept in the page cache. */
  async function cached(url: string): Promise<string> {
    const first = await new Browser(t.app).get(url);
    const second = await new Browser(t.app).get(url);
    assert.equal(second.statusCode, 200);
    assert.equal(second.body, first.body);
    return second.body;
  }

  test('the agency tree is kept while no agency changes, and read again after a change by another process', async () => {
    const a = await t.services.agencies.tree();
    assert.equal(await t.services.agencies.tree(), a, 'the same tree while nothing changed');
    await other.agencies.update(other.users.systemPrincipal(), cliActor, 'HS-CZJ', { code: 'HS-CZJ', name: '衡水市财政局（改）', kind: 'department', parent: 'HS', indexPrefix: 'CZJ' } as any);
    const b = await t.services.agencies.tree();
    assert.notEqual(b, a);
    assert.equal(b.byCode.get('HS-CZJ')?.name, '衡水市财政局（改）');
    await other.agencies.update(other.users.systemPrincipal(), cliActor, 'HS-CZJ', { code: 'HS-CZJ', name: '衡水市财政局', kind: 'department', parent: 'HS', indexPrefix: 'CZJ' } as any);
    assert.equal((await t.services.agencies.tree()).byCode.get('HS-CZJ')?.name, '衡水市财政局');
  });

  test('renaming an agency shows at once on a cached publication page, browse page and home page, whichever process renamed it', async () => {
    const urls = [`/xxgk/${item.id}`, '/xxgk', '/'];
    for (const [who, name] of [
      [t.services, '衡水市财政局（本进程）'],
      [other, '衡水市财政局（另一进程）'],
    ] as const) {
      for (const url of urls) assert.doesNotMatch(await cached(url), new RegExp(name));
      await who.agencies.update(who.users.systemPrincipal(), cliActor, 'HS-CZJ', { code: 'HS-CZJ', name, kind: 'department', parent: 'HS', indexPrefix: 'CZJ' } as any);
      for (const url of urls) assert.match((await new Browser(t.app).get(url)).body, new RegExp(name), `${url} after a rename by ${who === other ? 'another process' : 'this process'}`);
    }
  });

  test('a disabled agency disappears from the agency list at once when another process disables it', async () => {
    await addAgency(t.services, 'HS-TJJ', '衡水市统计局', { parent: 'HS' });
    assert.match(await cached('/agencies'), /衡水市统计局/);
    await other.agencies.setDisabled(other.users.systemPrincipal(), cliActor, 'HS-TJJ', true);
    assert.doesNotMatch((await new Browser(t.app).get('/agencies')).body, /衡水市统计局/);
  });

  test('changed footer settings show at once on cached pages, also when another process changed them', async () => {
    const url = `/xxgk/${item.id}`;
    for (const [who, organiser] of [
      [other, '衡水市人民政府办公室（另一进程）'],
      [t.services, '衡水市人民政府办公室（本进程）'],
      [other, '衡水市人民政府办公室（再次）'],
    ] as const) {
      assert.doesNotMatch(footerOf(await cached(url)), new RegExp(organiser));
      const current = await who.site.settings();
      await who.site.update(who.users.systemPrincipal(), cliActor, { ...current, organiser });
      assert.match(footerOf((await new Browser(t.app).get(url)).body), new RegExp(organiser), `after a change by ${who === other ? 'another process' : 'this process'}`);
      assert.match(footerOf((await new Browser(t.app).get('/')).body), new RegExp(organiser));
    }
  });

  test('the demo notice appears at once when another process loads demo data', async () => {
    const url = `/xxgk/${item.id}`;
    const before = await cached(url);
    await other.site.setDemoLoaded(true);
    const after = (await new Browser(t.app).get(url)).body;
    assert.notEqual(after, before);
    await other.site.setDemoLoaded(false);
    assert.equal((await new Browser(t.app).get(url)).body, before);
  });

  test('a change that commits after a newer one (its event taken first) still shows on the next request', async () => {
    // Two changes at once (two editors on PostgreSQL, or the CLI importing while the server publishes): the
    // first takes its event id, the second takes a newer one and commits first, then the first commits.
    const s = t.services.publications;
    const d = await s.createDraft(approver, actorOf(approver), 'HS-CZJ', { title: '关于暂停受理的通知', kind: 'notice', body: '<p>暂停受理。</p>' });
    await s.submit(approver, actorOf(approver), d.id);
    const late = (await s.approve(approver, actorOf(approver), d.id, { confidentialityReviewed: true })).publication;
    const lateEventId = newId(t.clock.now().getTime());
    const newer = await s.createDraft(approver, actorOf(approver), 'HS-CZJ', { title: '另一条草稿', kind: 'notice', body: '<p>草稿。</p>' });
    assert.ok((await s.events(newer.id))[0].id > lateEventId, 'the second change has the newer event');
    assert.match(await cached('/xxgk'), /关于暂停受理的通知/);
    assert.match(await cached(`/xxgk/${late.id}`), /暂停受理。/);
    const repo = createPublicationsRepository(t.db.db);
    const at = t.clock.now().toISOString();
    await t.db.db.transaction().execute(async (trx) => {
      await repo.update({ ...late, status: 'withdrawn', withdrawnAt: at, withdrawnReason: '误发', updatedAt: at }, trx);
      await repo.addEvent({ id: lateEventId, publicationId: late.id, at, actorId: approver.userId, actorName: approver.username, action: 'withdrawn', detail: null }, trx);
    });
    assert.doesNotMatch((await new Browser(t.app).get('/xxgk')).body, /关于暂停受理的通知/);
    assert.match((await new Browser(t.app).get(`/xxgk/${late.id}`)).body, /该信息已撤回/);
  });

  test('requests received while the stamps are being read share that read; the next request reads them again', async () => {
    const url = `/xxgk/${item.id}`;
    const page = await cached(url);
    const before = stampReads(t.db.db);
    const answers = await Promise.all(Array.from({ length: 8 }, () => new Browser(t.app).get(url)));
    for (const res of answers) assert.equal(res.body, page);
    const shared = stampReads(t.db.db) - before;
    assert.ok(shared >= 1 && shared <= 2, `8 requests received together read the stamps ${shared} times`);
    await new Browser(t.app).get(url);
    assert.equal(stampReads(t.db.db) - before, shared + 1, 'a request received after those reads them itself');
  });

  test('an item withdrawn by another process is a tombstone on the next request for its cached page', async () => {
    const url = `/xxgk/${item.id}`;
    assert.match(await cached(url), /自即日起调整/);
    await other.publications.withdraw(approver, actorOf(approver), item.id, '通知内容有误');
    const res = await new Browser(t.app).get(url);
    assert.match(res.body, /该信息已撤回/);
    assert.doesNotMatch(res.body, /自即日起调整/);
  });
});
