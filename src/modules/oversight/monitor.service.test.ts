import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { actorOf, addAgency, addUser, asPrincipal, buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { startTestSite, type Route, type TestSite } from '../../../test/helpers/sites.ts';
import type { AppError } from '../../kernel/errors.ts';
import type { Principal } from '../agencies/index.ts';
import { cliActor } from '../audit/index.ts';
import { createMonitorRepository } from './monitor.repository.ts';
import { createMonitorService, type MonitorService } from './monitor.service.ts';
import type { SiteInput } from './monitor.schemas.ts';
import { spotCheckCatalogBody } from './views/spot-check-body.ts';
import { spotCheckTitle } from './spot-check-docx.ts';
import { translator } from '../../http/i18n/index.ts';

// Wednesday 25 November 2026, 10:00 in Beijing (ISO week 2026-W48).
const NOW = '2026-11-25T02:00:00.000Z';
const page = (body: string) => `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>测试</title></head><body>${body}</body></html>`;

/** A bureau's site: the homepage's newest item is `homeDate`; a news column, a notice column and a consultation column. */
function siteRoutes(homeDate: string): Record<string, Route> {
  return {
    '/': { body: page(`<ul><li><a href="/news/1.html">工作动态一</a> ${homeDate}</li></ul><p><a href="/news/">工作动态</a></p>`) },
    '/news/': { body: page('<ul><li><a href="/news/1.html">工作动态一</a> 2026-11-20</li></ul>') },
    '/notice/': { body: page('<ul><li><a href="/news/1.html">通知一</a> 2026-10-20</li></ul>') },
    '/hd/': { body: page('<ul><li>咨询一 2026-11-01 已回复</li></ul>') },
    '/news/1.html': { body: page('<h1>工作动态一</h1>') },
  };
}
const input = (url: string, over: Partial<SiteInput> = {}): SiteInput => ({
  name: '衡水市教育局网站',
  homepage: `${url}/`,
  columns: [
    { name: '工作动态', url: `${url}/news/`, kind: 'news', date: { type: 'pattern' } },
    { name: '通知公告', url: `${url}/notice/`, kind: 'notice', date: { type: 'pattern' } },
  ],
  interaction: [{ name: '咨询', url: `${url}/hd/`, itemSelector: 'li', date: { type: 'pattern' } }],
  guides: [],
  maxDepth: 1,
  maxPages: 50,
  maxExternalLinks: 0,
  ...over,
});

async function rejects(p: Promise<unknown>, code: AppError['code'], reason?: string): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    const err = e as AppError;
    assert.equal(err.code, code, `${err.code}: ${err.message}`);
    if (reason) assert.equal(err.params.reason, reason);
    return err;
  }
  throw new Error(`expected AppError ${code}`);
}

describeEachDialect('website monitor service', (dialect) => {
  let t: TestApp;
  let monitor: MonitorService;
  let bureau: TestSite;
  let finance: TestSite;
  const routes = siteRoutes('2026-10-01'); // 55 days old
  const p: Record<string, Principal> = {};
  let siteId = '';
  let financeSiteId = '';

  before(async () => {
    t = await buildTestApp(dialect, { now: NOW });
    await addAgency(t.services, 'HS', '衡水市人民政府', { kind: 'government' });
    await addAgency(t.services, 'HS-JYJ', '衡水市教育局', { parent: 'HS' });
    await addAgency(t.services, 'HS-CZJ', '衡水市财政局', { parent: 'HS' });
    await addAgency(t.services, 'BD', '保定市人民政府', { kind: 'government' });
    for (const [name, grants] of [
      ['office', [['authority', 'HS']]],
      ['staff', [['editor', 'HS-JYJ']]],
      ['other', [['editor', 'HS-CZJ']]],
      ['inspector', [['inspector', 'HS']]],
      ['bd', [['authority', 'BD']]],
    ] as [string, [any, string][]][]) {
      p[name] = asPrincipal(await addUser(t.services, `${name}1`, grants));
    }
    // The service as the app builds it, without the politeness delays (the local sites answer at once).
    monitor = createMonitorService({
      repo: createMonitorRepository(t.db.db),
      agencies: t.services.agencies,
      publications: t.services.publications,
      audit: t.services.audit,
      clock: t.clock,
      publicUrl: null,
      politeness: false,
      spotCheckPublication: (report) => ({ title: spotCheckTitle(report, translator('zh-CN')), body: spotCheckCatalogBody(report) }),
    });
    bureau = await startTestSite({ routes });
    finance = await startTestSite({ routes: siteRoutes('2026-11-24') });
  });
  after(async () => {
    await bureau.close();
    await finance.close();
    await t.dispose();
  });

  const crawl = async (id: string) => {
    const { done } = await monitor.startCrawl(p.office!, actorOf(p.office!), id, { trigger: 'manual' });
    return done;
  };

  test('registering a site: only the office over the agency; field paths of rows; one registration per homepage', async () => {
    await rejects(monitor.registerSite(p.staff!, actorOf(p.staff!), 'HS-JYJ', input(bureau.url)), 'forbidden');
    await rejects(monitor.registerSite(p.bd!, actorOf(p.bd!), 'HS-JYJ', input(bureau.url)), 'notFound');
    const bad = await rejects(
      monitor.registerSite(p.office!, actorOf(p.office!), 'HS-JYJ', input(bureau.url, { homepage: 'jyj.example', columns: [{ name: '动态', url: 'news', kind: 'news', date: { type: 'selector', selector: '' } }] })),
      'validation',
    );
    const fields = bad.issues.map((i) => i.field);
    assert.ok(fields.includes('homepage'));
    assert.ok(fields.includes('columns.0.url'));
    assert.ok(fields.some((f) => f.startsWith('columns.0.date')), fields.join());

    const site = await monitor.registerSite(p.office!, actorOf(p.office!), 'HS-JYJ', input(bureau.url));
    siteId = site.id;
    assert.deepEqual(site.hosts, [bureau.host], 'the hosts of its registered URLs: the crawler requests no other');
    assert.equal(site.config.columns.length, 2);
    assert.equal(site.config.ignoreRobots, false);
    const taken = await rejects(monitor.registerSite(p.office!, actorOf(p.office!), 'HS-CZJ', input(bureau.url)), 'validation');
    assert.deepEqual(taken.issues.map((i) => i.field), ['homepage']);
    financeSiteId = (await monitor.registerSite(p.office!, actorOf(p.office!), 'HS-CZJ', input(finance.url, { name: '衡水市财政局网站' }))).id;

    // Who sees which site: the agency's staff theirs, the office all of its area, another city none.
    assert.deepEqual((await monitor.sites(p.staff!)).sites.map((s) => s.site.name), ['衡水市教育局网站']);
    assert.equal((await monitor.sites(p.office!)).sites.length, 2);
    assert.equal((await monitor.sites(p.office!, { agencyCode: 'HS-CZJ' })).sites.length, 1);
    assert.equal((await monitor.sites(p.bd!)).sites.length, 0);
    await rejects(monitor.site(p.other!, siteId), 'notFound');
  });

  test('a check: only the office starts it, one at a time; the stale homepage is a veto finding with evidence', async () => {
    await rejects(monitor.startCrawl(p.staff!, actorOf(p.staff!), siteId, { trigger: 'manual' }), 'forbidden');
    // The homepage is held until the second click has its answer, so the first check is still running then
    // (the local site answers at once: a check could otherwise end before the second click is handled).
    const home = routes['/'];
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    routes['/'] = (req, res) => void held.then(() => {
      const body = Buffer.from((home as { body: string }).body, 'utf8');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
    });
    let first: Awaited<ReturnType<typeof monitor.startCrawl>>;
    try {
      first = await monitor.startCrawl(p.office!, actorOf(p.office!), siteId, { trigger: 'manual' });
      const busy = await rejects(monitor.startCrawl(p.office!, actorOf(p.office!), siteId, { trigger: 'manual' }), 'conflict', 'crawlRunning');
      assert.equal(busy.params.crawl, first.id);
    } finally {
      routes['/'] = home;
      release();
    }
    const c = await first.done;
    assert.equal(c.status, 'done');
    assert.equal(c.verdict, 'fail');
    // Two clicks at once: one check starts, the other is told it is running (the database holds one running crawl per site).
    const race = await Promise.allSettled([0, 1].map(() => monitor.startCrawl(p.office!, actorOf(p.office!), siteId, { trigger: 'manual' })));
    const started = race.filter((x) => x.status === 'fulfilled');
    assert.equal(started.length, 1);
    assert.equal(((race.find((x) => x.status === 'rejected') as PromiseRejectedResult).reason as AppError).params.reason, 'crawlRunning');
    const again = await (started[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof monitor.startCrawl>>>).value.done;
    assert.equal(again.verdict, 'fail');
    const stale = c.evaluation!.findings.find((f) => f.item === 'homepageStale')!;
    assert.equal(stale.veto, true);
    assert.equal(stale.value, 55);
    assert.deepEqual(stale.evidence.map((e) => [e.url, e.seen, e.params.latest]), [[`${bureau.url}/`, 'homepageLatest', '2026-10-01']]);
    assert.ok(!c.evaluation!.findings.some((f) => f.item === 'interaction'), 'the consultation column works');
    const view = await monitor.site(p.staff!, siteId);
    assert.equal(view.canManage, false);
    assert.equal(view.latest?.id, again.id);
    assert.equal((await monitor.site(p.office!, siteId)).canManage, true);
  });

  test('rectification: issued by the office, replied by the agency, reopened when still found, closed when fixed', async () => {
    const latest = (await monitor.site(p.office!, siteId)).latest!;
    await rejects(monitor.issueRectification(p.staff!, actorOf(p.staff!), latest.id, 'homepageStale', {}), 'forbidden');
    await rejects(monitor.issueRectification(p.office!, actorOf(p.office!), latest.id, 'homepageStale', { dueOn: '2026-11-24' }), 'validation');
    await rejects(monitor.issueRectification(p.office!, actorOf(p.office!), latest.id, 'brokenLinks', {}), 'notFound');
    const r = await monitor.issueRectification(p.office!, actorOf(p.office!), latest.id, 'homepageStale', { note: '请更新首页' });
    assert.equal(r.dueOn, '2026-12-05', 'ten days by default');
    assert.equal(r.status, 'open');
    assert.equal(r.finding.value, 55);
    await rejects(monitor.issueRectification(p.office!, actorOf(p.office!), latest.id, 'homepageStale', {}), 'conflict', 'rectificationOpen');

    // Replies: not another agency (not even seen), not a read-only inspector, the agency's staff yes, once.
    await rejects(monitor.replyRectification(p.other!, actorOf(p.other!), r.id, { reply: '已整改' }), 'notFound');
    await rejects(monitor.replyRectification(p.inspector!, actorOf(p.inspector!), r.id, { reply: '已整改' }), 'forbidden');
    await rejects(monitor.replyRectification(p.staff!, actorOf(p.staff!), r.id, { reply: ' ' }), 'validation');
    const replied = await monitor.replyRectification(p.staff!, actorOf(p.staff!), r.id, { reply: '已发布新信息' });
    assert.equal(replied.status, 'replied');
    assert.equal((await monitor.rectification(p.staff!, r.id)).canReply, false);
    await rejects(monitor.replyRectification(p.staff!, actorOf(p.staff!), r.id, { reply: '再次' }), 'conflict', 'notOpen');

    // Not fixed: the next check reopens it with the new finding.
    await crawl(siteId);
    let v = await monitor.rectification(p.staff!, r.id);
    assert.equal(v.rectification.status, 'open');
    assert.equal(v.rectification.reopened, 1);
    assert.equal(v.canReply, true);
    const reopened = v.events.at(-1)!;
    assert.equal(reopened.type, 'reopened');
    assert.equal(reopened.by, null);
    assert.equal((reopened.data.finding as { item: string }).item, 'homepageStale');

    // Past the due date and still open: overdue.
    t.clock.set('2026-12-06T02:00:00.000Z');
    assert.equal((await monitor.rectification(p.staff!, r.id)).rectification.overdue, true);
    assert.deepEqual((await monitor.rectifications(p.office!, { status: ['open'] })).map((x) => [x.siteName, x.rectification.overdue]), [['衡水市教育局网站', true]]);
    assert.equal((await monitor.rectifications(p.other!)).length, 0);
    t.clock.set(NOW);

    // Fixed and replied: the next check verifies and closes it.
    Object.assign(routes, siteRoutes('2026-11-24'));
    await monitor.replyRectification(p.staff!, actorOf(p.staff!), r.id, { reply: '首页已更新' });
    const c = await crawl(siteId);
    assert.equal(c.verdict, 'pass');
    v = await monitor.rectification(p.staff!, r.id);
    assert.equal(v.rectification.status, 'closed');
    assert.ok(v.rectification.closedAt);
    assert.deepEqual(v.events.map((e) => e.type), ['issued', 'replied', 'reopened', 'replied', 'verified']);
    assert.equal(v.rectification.overdue, false);
    // A closed rectification frees the item for a new one.
    const states = await monitor.agencyStates('all');
    assert.equal(states.get(v.agency.id)?.openRectifications ?? 0, 0);
    Object.assign(routes, siteRoutes('2026-10-01'));
  });

  test('the weekly report: every active site of the office’s area, the failed ones with their findings, the unchecked listed; published once', async () => {
    await crawl(siteId); // the bureau's homepage is stale again
    await rejects(monitor.generateSpotCheck(p.staff!, actorOf(p.staff!), 'HS', '2026-W48'), 'forbidden');
    await rejects(monitor.generateSpotCheck(p.office!, actorOf(p.office!), 'HS', '2026-48'), 'validation');
    const report = await monitor.generateSpotCheck(p.office!, actorOf(p.office!), 'HS', '2026-W48');
    assert.equal(report.from, '2026-11-23');
    assert.equal(report.to, '2026-11-29');
    assert.deepEqual(report.summary, { sites: 2, checked: 1, failed: 1, byItem: { homepageStale: 1 } });
    const edu = report.sites.find((s) => s.siteId === siteId)!;
    assert.equal(edu.verdict, 'fail');
    assert.deepEqual(edu.findings.filter((f) => f.veto).map((f) => f.item), ['homepageStale']);
    const fin = report.sites.find((s) => s.siteId === financeSiteId)!;
    assert.equal(fin.crawledAt, null, 'the finance bureau’s site was not checked this week');
    assert.equal(fin.verdict, null);
    // Last week had no check at all.
    const w47 = await monitor.buildSpotCheck('HS', '2026-W47');
    assert.deepEqual(w47.summary, { sites: 2, checked: 0, failed: 0, byItem: {} });
    // Another city's office has nothing of Hengshui's.
    assert.equal((await monitor.buildSpotCheck('BD', '2026-W48')).summary.sites, 0);

    await rejects(monitor.publishSpotCheck(p.office!, actorOf(p.office!), 'HS', '2026-W47'), 'conflict', 'spotCheckMissing');
    await rejects(monitor.publishSpotCheck(p.inspector!, actorOf(p.inspector!), 'HS', '2026-W48'), 'forbidden');
    const { publicationId } = await monitor.publishSpotCheck(p.office!, actorOf(p.office!), 'HS', '2026-W48');
    const pub = await t.services.publications.publicGet(publicationId);
    assert.equal(pub.title, '衡水市人民政府2026年第48周政府网站抽查情况通报');
    assert.match(pub.bodyHtml ?? '', /<table>.*<caption>检查不合格网站情况<\/caption>/s);
    assert.match(pub.bodyHtml ?? '', /<th scope="col">证据<\/th>/);
    assert.match(pub.bodyHtml ?? '', /首页最新信息发布于2026-10-01，已55天未更新/);
    assert.match(pub.bodyHtml ?? '', /衡水市财政局：衡水市财政局网站/, 'the unchecked site is listed');
    assert.doesNotMatch(pub.bodyHtml ?? '', /class=/, 'only what the catalog keeps');
    const stored = await monitor.spotCheck(p.inspector!, 'HS', '2026-W48');
    assert.equal(stored.publication?.id, publicationId);
    assert.equal(stored.canManage, false);
    await rejects(monitor.generateSpotCheck(p.office!, actorOf(p.office!), 'HS', '2026-W48'), 'conflict', 'spotCheckPublished');
    await rejects(monitor.publishSpotCheck(p.office!, actorOf(p.office!), 'HS', '2026-W48'), 'conflict', 'spotCheckPublished');
    assert.deepEqual((await monitor.spotChecks(p.office!, 'HS')).map((w) => [w.week, w.publicationId]), [['2026-W48', publicationId]]);

    // The Monday job makes last week's report for each office with sites, once.
    t.clock.set('2026-11-30T01:00:00.000Z');
    assert.deepEqual(await monitor.generateLastWeek(cliActor), []);
    t.clock.set('2026-12-07T01:00:00.000Z');
    assert.deepEqual(await monitor.generateLastWeek(cliActor), ['HS']);
    assert.deepEqual(await monitor.generateLastWeek(cliActor), []);
    t.clock.set(NOW);
  });

  test('reachability: failed probes of the week make the site unreachable (5 % or more)', async () => {
    const down = await startTestSite({ routes: { '/': { status: 503 } } });
    try {
      const s = await monitor.registerSite(p.office!, actorOf(p.office!), 'HS-CZJ', input(down.url, { name: '衡水市财政局旧网站', columns: [], interaction: [] }));
      const outcome = await monitor.probe(s.id);
      assert.equal(outcome.ok, false);
      assert.equal(outcome.status, 503);
      t.clock.advance(60_000); // the week of probes ends at the moment of looking
      const view = await monitor.site(p.office!, s.id);
      assert.deepEqual(view.probes.map((x) => [x.ok, x.status]), [[false, 503]]);
      // One failed visit is not yet a verdict: reachability is judged from 20 visits (a day's probes) on.
      assert.equal((await crawl(s.id)).evaluation!.findings.some((x) => x.item === 'unreachable' && x.veto), false);
      for (let i = 1; i < 20; i++) {
        t.clock.advance(60 * 60_000);
        await monitor.probe(s.id);
      }
      t.clock.advance(60_000);
      const c = await crawl(s.id);
      const f = c.evaluation!.findings.find((x) => x.item === 'unreachable')!;
      assert.equal(f.veto, true);
      assert.equal(f.value, 100);
      assert.equal(f.evidence[0]!.seen, 'probeFailed');
      await monitor.updateSite(p.office!, actorOf(p.office!), s.id, { ...input(down.url, { name: '衡水市财政局旧网站', columns: [], interaction: [] }), active: false });
      assert.equal((await monitor.sitesFor({ agencyCode: 'HS-CZJ' })).some((x) => x.id === s.id), false, 'a site no longer monitored is not checked');
    } finally {
      t.clock.set(NOW);
      await down.close();
    }
  });
});
