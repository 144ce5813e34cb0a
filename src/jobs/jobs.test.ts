import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../test/helpers/db.ts';
import { actorOf, asPrincipal, addAgency, addUser, buildTestApp, type TestApp } from '../../test/helpers/app.ts';
import type { Principal } from '../modules/agencies/index.ts';
import type { PublicationInput } from '../modules/catalog/index.ts';
import { addDays, msUntilNextShanghaiTime } from '../kernel/calendar/index.ts';
import type { SiteInput } from '../modules/oversight/index.ts';
import { startTestSite, type TestSite } from '../../test/helpers/sites.ts';
import { msUntilNextShanghaiWeekday, runCrawlJob, runProbeJob, runSpotCheckJob, startJobs } from './index.ts';

test('the daily job waits until the next 00:05 in Beijing, whatever the server’s zone', () => {
  const min = 60_000;
  // 23:00 in Beijing (15:00 UTC): 1 h 5 min to go
  assert.equal(msUntilNextShanghaiTime(new Date('2026-03-01T15:00:00Z'), 5), 65 * min);
  // 00:00 in Beijing: 5 min
  assert.equal(msUntilNextShanghaiTime(new Date('2026-03-01T16:00:00Z'), 5), 5 * min);
  // exactly 00:05: the next day's, not now again
  assert.equal(msUntilNextShanghaiTime(new Date('2026-03-01T16:05:00Z'), 5), 24 * 60 * min);
  // 08:00 in Beijing (00:00 UTC, "midnight" on a UTC server): still 16 h 5 min
  assert.equal(msUntilNextShanghaiTime(new Date('2026-03-02T00:00:00Z'), 5), (16 * 60 + 5) * min);
});

describeEachDialect('the validity job', (dialect) => {
  let t: TestApp;
  let editor: Principal;
  let approver: Principal;
  const doc: PublicationInput = { title: '衡水市城市道路临时占用管理暂行办法', kind: 'normativeDocument', docNo: '衡政办字[2026]21号', writtenOn: '2026-03-02', topic: '城乡建设、环境保护/城市规划', genre: '通知', body: '<p>（演示内容）第一条……</p>', validity: { status: 'inForce', from: '2026-04-01', until: '2026-05-31' } };

  before(async () => {
    t = await buildTestApp(dialect, { now: '2026-03-03T02:00:00.000Z' });
    await addAgency(t.services, 'HS', '衡水市人民政府', { kind: 'government' });
    editor = asPrincipal(await addUser(t.services, 'editor', [['editor', 'HS']]));
    approver = asPrincipal(await addUser(t.services, 'approver', [['approver', 'HS']]));
  });
  after(() => t.dispose());

  test('runs at start: the page (cached before) shows 失效 at once, the history and the audit log say "system"', async () => {
    const s = t.services.publications;
    const d = await s.createDraft(editor, actorOf(editor), 'HS', doc);
    await s.submit(editor, actorOf(editor), d.id);
    const { publication: p } = await s.approve(approver, actorOf(approver), d.id, { confidentialityReviewed: true });
    const first = await t.app.inject({ url: `/xxgk/${p.id}` });
    assert.equal(first.statusCode, 200);
    assert.match(first.body, /有效期至2026-05-31/);
    assert.equal((await t.app.inject({ url: `/xxgk/${p.id}` })).body, first.body, 'the same page again (kept in the page cache from this second request on)');

    t.clock.set('2026-06-01T00:00:00.000Z'); // 08:00 in Beijing on 1 June: the end date has passed
    const stop = startJobs(t.services);
    try {
      // The job runs in the background: wait for its last step, the audit entry.
      const audited = async () => (await t.services.audit.list({ actor: 'system', limit: 20, offset: 0 })).rows.some((r) => r.action === 'publication.validityExpired');
      for (let i = 0; i < 200 && !(await audited()); i++) await new Promise((r) => setTimeout(r, 25));
    } finally {
      stop();
    }
    assert.equal((await s.publicGet(p.id)).validity?.status, 'expired');

    const etag = first.headers.etag as string | undefined;
    const again = await t.app.inject({ url: `/xxgk/${p.id}`, headers: etag ? { 'if-none-match': etag } : {} });
    assert.equal(again.statusCode, 200, 'not a 304 for the old page');
    assert.match(again.body, /本文件已于2026-05-31失效/);
    assert.doesNotMatch(again.body, /有效期至2026-05-31/);

    const events = await s.events(p.id);
    assert.deepEqual(events.filter((e) => e.action === 'validityChanged').map((e) => [e.actorName, e.detail]), [['system', { from: 'inForce', to: 'expired', until: '2026-05-31' }]]);
    const log = await t.services.audit.list({ actor: 'system', limit: 20, offset: 0 });
    const entry = log.rows.find((r) => r.action === 'publication.validityExpired');
    assert.ok(entry, 'audited');
    assert.equal(entry.actorId, null);
    assert.equal(entry.targetId, p.id);

    // Another process (or the next day) running it again changes nothing.
    assert.equal(await s.applyValidityEndDates({ userId: null, name: 'system', ip: null }), 0);
    assert.equal((await t.services.audit.list({ actor: 'system', limit: 20, offset: 0 })).rows.filter((r) => r.action === 'publication.validityExpired').length, 1);
  });
});

test('the weekly job waits until the next Monday 07:00 in Beijing', () => {
  const hour = 3_600_000;
  // Friday 27 Nov 2026, 10:00 in Beijing (02:00 UTC): Monday 30 Nov 07:00 is 2 days and 21 hours away
  assert.equal(msUntilNextShanghaiWeekday(new Date('2026-11-27T02:00:00Z'), 1, 7 * 60), (2 * 24 + 21) * hour);
  // Monday 06:00 in Beijing: one hour
  assert.equal(msUntilNextShanghaiWeekday(new Date('2026-11-29T22:00:00Z'), 1, 7 * 60), hour);
  // Monday exactly 07:00 in Beijing: next Monday, not now again
  assert.equal(msUntilNextShanghaiWeekday(new Date('2026-11-29T23:00:00Z'), 1, 7 * 60), 7 * 24 * hour);
  // Sunday 23:30 in Beijing, which is still Sunday afternoon in UTC: seven and a half hours
  assert.equal(msUntilNextShanghaiWeekday(new Date('2026-11-29T15:30:00Z'), 1, 7 * 60), 7.5 * hour);
});

describeEachDialect('the website monitor jobs', (dialect) => {
  let t: TestApp;
  let site: TestSite;
  let admin: Principal;
  const NOW = '2026-11-27T02:00:00.000Z'; // Friday 10:00 in Beijing, week 48
  const today = '2026-11-27';

  /** A bureau's site on 127.0.0.1: dated news on the homepage, a news column, a consultation column. */
  const input = (path: string): SiteInput => ({
    name: `测试网站${path}`,
    homepage: `${site.url}${path}`,
    columns: [{ name: '工作动态', url: `${site.url}/col`, kind: 'news', date: { type: 'pattern' } }],
    interaction: [{ name: '领导信箱', url: `${site.url}/hudong`, date: { type: 'pattern' } }],
    guides: [],
    maxDepth: 0,
    maxPages: 20,
  });

  before(async () => {
    const html = (body: string) => ({ body: `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>测试</title></head><body>${body}</body></html>` });
    site = await startTestSite({
      routes: {
        '/': html(`<ul><li><a href="/col">市教育局召开全市教育工作会议</a> ${today}</li></ul>`),
        '/second': html(`<ul><li><a href="/col">第二个网站的新闻</a> ${today}</li></ul>`),
        '/col': html(`<ul><li><a href="/">工作动态一</a> ${addDays(today, -2)}</li></ul>`),
        '/hudong': html(`<ul><li>关于校车的建议 ${addDays(today, -5)} 已回复</li></ul>`),
      },
    });
    // The portal's own pages of each agency are registered at PUBLIC_URL: here the test site (they answer 404).
    t = await buildTestApp(dialect, { now: NOW, config: { publicUrl: site.url } });
    await addAgency(t.services, 'HS', '衡水市人民政府', { kind: 'government' });
    await addAgency(t.services, 'HS-JYJ', '衡水市教育局', { parent: 'HS' });
    admin = t.services.users.systemPrincipal();
  });
  after(async () => {
    await t?.dispose();
    await site?.close();
  });

  test('at start: a crawl left running by a stopped process is marked failed, and the own portal pages are registered', async () => {
    const s = await t.services.monitor.registerSite(admin, actorOf(admin), 'HS-JYJ', input('/'));
    await t.db.db.insertInto('monitor_crawls').values({ id: '01900000-0000-7000-8000-000000000001', site_id: s.id, trigger: 'schedule', status: 'running', started_at: '2026-11-27T01:00:00.000Z', pages: 3, started_by: null }).execute();
    // Another live process is crawling a second site: its heartbeat is a minute old, so it is left running.
    const live = await t.services.monitor.registerSite(admin, actorOf(admin), 'HS-JYJ', input('/second'));
    const beat = new Date(t.services.clock.now().getTime() - 60_000).toISOString();
    await t.db.db.insertInto('monitor_crawls').values({ id: '01900000-0000-7000-8000-000000000002', site_id: live.id, trigger: 'schedule', status: 'running', started_at: '2026-11-27T01:00:00.000Z', progress_at: beat, pages: 40, started_by: null }).execute();
    const stop = startJobs(t.services);
    try {
      const own = async () => (await t.services.monitor.sites(admin)).sites.filter((x) => x.site.own);
      for (let i = 0; i < 200 && (await own()).length < 2; i++) await new Promise((r) => setTimeout(r, 25));
    } finally {
      stop();
    }
    const own = (await t.services.monitor.sites(admin)).sites.filter((x) => x.site.own);
    assert.deepEqual(own.map((x) => [x.agency.code, x.site.homepage]).sort(), [
      ['HS', `${site.url}/zwgk/HS`],
      ['HS-JYJ', `${site.url}/zwgk/HS-JYJ`],
    ]);
    const page = await t.services.monitor.site(admin, s.id);
    assert.deepEqual(page.crawls.map((c) => [c.status, c.error]), [['failed', 'interrupted']]);
    assert.equal(page.running, null, 'the site can be crawled again');
    assert.equal((await t.services.monitor.site(admin, live.id)).running?.id, '01900000-0000-7000-8000-000000000002', 'a crawl with a heartbeat is alive');
    // The second site was only for this test.
    await t.db.db.deleteFrom('monitor_crawls').where('site_id', '=', live.id).execute();
    await t.db.db.deleteFrom('monitor_sites').where('id', '=', live.id).execute();
  });

  test('the probe job visits each site at its own minute of the hour', async () => {
    const s = (await t.services.monitor.sitesFor({ homepage: `${site.url}/` }))[0];
    const minute = (m: number) => new Date(Date.UTC(2026, 10, 27, 2, m));
    const probed = await runProbeJob(t.services, minute(s.probeOffsetMin));
    assert.ok(probed >= 1);
    await runProbeJob(t.services, minute((s.probeOffsetMin + 1) % 60)); // another site's minute, or nobody's
    t.clock.set('2026-11-27T02:01:00.000Z');
    const page = await t.services.monitor.site(admin, s.id);
    assert.deepEqual(page.probes.map((p) => [p.ok, p.status]), [[true, 200]], 'one visit, at its minute only');
    assert.ok(site.paths().includes('/'));
  });

  test('the crawl job crawls every active site as the system; the catch-up crawls only the sites never crawled', async () => {
    const crawls = await runCrawlJob(t.services);
    const sites = (await t.services.monitor.sites(admin)).sites;
    assert.equal(crawls.length, sites.length, 'every active site, the own pages included');
    assert.ok(crawls.every((c) => c.trigger === 'schedule' && c.status === 'done'));
    const mine = sites.find((x) => x.site.homepage === `${site.url}/`)!;
    assert.equal(mine.latest?.verdict, 'pass', JSON.stringify(mine.latest?.evaluation?.findings));
    const none = await runCrawlJob(t.services, { neverCrawled: true });
    assert.deepEqual(none, [], 'nothing is left uncrawled');

    const second = await t.services.monitor.registerSite(admin, actorOf(admin), 'HS-JYJ', input('/second'));
    const caught = await runCrawlJob(t.services, { neverCrawled: true });
    assert.deepEqual(caught.map((c) => c.siteId), [second.id]);
    assert.equal(caught[0].verdict, 'pass');
  });

  test('the weekly job freezes last week’s report of each office once', async () => {
    t.clock.set('2026-11-30T00:00:00.000Z'); // Monday 08:00 in Beijing
    assert.deepEqual(await runSpotCheckJob(t.services), ['HS']);
    const { report } = await t.services.monitor.spotCheck(admin, 'HS', '2026-W48');
    assert.ok(report, 'stored');
    assert.equal(report.week, '2026-W48');
    assert.equal(report.summary.sites, 4);
    assert.equal(report.summary.checked, 4, 'the week’s crawls are in it');
    assert.deepEqual(await runSpotCheckJob(t.services), [], 'a second run (another process) changes nothing');
  });

  test('a crawl job of a stopped scheduler starts no crawl (a crawl in progress is cancelled by the same signal)', async () => {
    const crawlsOf = async () => {
      const { sites } = await t.services.monitor.sites(admin);
      return (await Promise.all(sites.map((x) => t.services.monitor.site(admin, x.site.id)))).flatMap((v) => v.crawls);
    };
    const before = await crawlsOf();
    const stop = new AbortController();
    stop.abort();
    assert.deepEqual(await runCrawlJob(t.services, { signal: stop.signal }), []);
    assert.equal((await crawlsOf()).length, before.length, 'no site was crawled');
  });
});
