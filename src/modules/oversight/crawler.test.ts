/**
 * The website monitor against local test sites (test/helpers/sites.ts, fixtures in test/fixtures/monitor/): every
 * finding type of evaluate.ts comes out of a real crawl (or real probes) of a site served on 127.0.0.1.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestSite, type TestSite } from '../../../test/helpers/sites.ts';
import { crawlSite, hostKey, politeDefaults, probeUrl, type CrawlOptions, type CrawlProgress } from './crawler.ts';
import { evaluateSite } from './evaluate.ts';
import { USER_AGENT, type CrawlResult, type Finding, type FindingItem, type ProbeOutcome, type SiteConfig, type WatchedColumn } from './monitor-types.ts';

const at = new Date('2026-11-27T02:00:00Z'); // 2026-11-27 in Asia/Shanghai
const fixedNow = () => at;

let ext: TestSite; // a second, registered site (external links)
let forbidden: TestSite; // a site that is not registered: never requested
let stale: TestSite; // 海山区: fails on every item
let good: TestSite; // 青山区: passes

const loops = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`/loop/${i + 1}`, { redirect: `/loop/${i + 2}` }]));

before(async () => {
  ext = await startTestSite({
    routes: {
      '/ok.html': { body: '<html><body>市政府门户网站</body></html>' },
      '/gone.html': { status: 404 },
      '/to-invalid': { redirect: 'http://example.invalid/moved' },
      '/no-head': (req, res) => {
        res.writeHead(req.method === 'HEAD' ? 405 : 200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(req.method === 'HEAD' ? undefined : '<p>中国政府网</p>');
      },
    },
  });
  forbidden = await startTestSite({ routes: { '/': { body: '<p>not registered</p>' } } });
  stale = await startTestSite({
    dir: 'stale',
    vars: { EXT: ext.url, FORBIDDEN: forbidden.url },
    routes: {
      '/error500.html': { status: 500 },
      '/reset.html': { reset: true },
      '/slow.html': { delayMs: 3_200, body: '<html><head><meta charset="utf-8"></head><body><h1>区情概况</h1></body></html>' },
      '/old-news/': { redirect: '/zwdt/' },
      ...loops,
      '/zxft/': { status: 500 },
      '/tpxw/': { reset: true },
    },
  });
  good = await startTestSite({
    dir: 'good',
    routes: { '/zcjd/jd1.html': { file: 'zcjd/jd1.gb2312.html', headers: { 'content-type': 'text/html; charset=GB2312' } } },
  });
});
after(async () => {
  await Promise.all([ext.close(), forbidden.close(), stale.close(), good.close()]);
});

const pattern = { type: 'pattern' } as const;

function staleConfig(): SiteConfig {
  const u = (p: string) => stale.url + p;
  const col = (name: string, path: string, kind: WatchedColumn['kind'], date: WatchedColumn['date'] = pattern): WatchedColumn => ({ name, url: u(path), kind, date });
  return {
    homepage: u('/'),
    columns: [
      col('工作动态', '/zwdt/', 'news'), // 2026-11-05: stale (22 days), not long stale
      col('部门动态', '/bmdt/', 'news'), // 2025/10/20: stale and long stale
      col('乡镇动态', '/xzdt/', 'news'), // no dates: stale, long stale, undated items
      col('通知公告', '/tzgg/', 'notice'), // 2026年4月3日: stale (older than 6 months)
      col('政策文件', '/zcwj/', 'notice', { type: 'meta' }), // item pages' metadata: 2025-09-01
      col('公示公告', '/gsgg/', 'notice', { type: 'selector', selector: '.when' }), // [2025.08.15]
      col('人事信息', '/rsxx/', 'other'), // 2025-06-30 10:30
      col('规划计划', '/ghjh/', 'other'), // 2024年12月1日
      col('财政信息', '/czxx/', 'other', { type: 'selector', selector: '.pubtime', onItemPage: true }), // 2025-03-02
      col('统计数据', '/tjsj/', 'other'), // GBK page, 2025年1月5日
      col('建议提案', '/jyta/', 'other', { type: 'pattern', pattern: '(?<y>\\d{4})(?<m>\\d{2})(?<d>\\d{2})' }), // 20250203
      col('应急管理', '/yjgl/', 'other'), // 2025-11-27: exactly a year old
      col('机构职能', '/jgzn/', 'other'), // empty list
      col('专题专栏', '/ztzl/', 'other'), // 暂无信息
      col('数据发布', '/sjfb/', 'other'), // 404
      col('在线访谈', '/zxft/', 'other'), // 500
      col('图片新闻', '/tpxw/', 'other'), // connection reset
    ],
    interaction: [{ name: '区长信箱', url: u('/hdjl/'), date: pattern }],
    guides: [
      { name: '内地居民结婚登记', url: u('/bszn/hunyin.html') },
      { name: '个体工商户设立登记', url: u('/bszn/yingye.html') },
      { name: '最低生活保障申请', url: u('/bszn/dibao.html') }, // 404
    ],
    ignoreRobots: false,
    maxDepth: 1,
    maxPages: 200,
    maxExternalLinks: 20,
  };
}

function goodConfig(): SiteConfig {
  const u = (p: string) => good.url + p;
  return {
    homepage: u('/'),
    columns: [
      { name: '工作动态', url: u('/xwdt/'), kind: 'news', date: pattern },
      { name: '通知公告', url: u('/tzgg/'), kind: 'notice', date: pattern }, // GBK (<meta charset="gbk">)
      { name: '政策解读', url: u('/zcjd/'), kind: 'notice', date: { type: 'selector', selector: '.pubdate', onItemPage: true } }, // item page GB2312 by header
      { name: '机构设置', url: u('/jgsz/'), kind: 'other', date: pattern },
    ],
    interaction: [{ name: '区长信箱', url: u('/hdjl/'), date: pattern }],
    guides: [{ name: '内地居民结婚登记', url: u('/bszn/hunyin.html') }],
    ignoreRobots: false,
    maxDepth: 2,
    maxPages: 100,
    maxExternalLinks: 10,
  };
}

const fast = { perHostConcurrency: 4, delayMs: 0 };
const crawl = (config: SiteConfig, extra: Partial<CrawlOptions> = {}) =>
  crawlSite({ config, allowedHosts: new Set([stale.host, good.host, ext.host]), politeness: fast, now: fixedNow, timeoutMs: 8_000, ...extra });
const finding = (findings: Finding[], item: FindingItem) => findings.find((f) => f.item === item);
const column = (r: CrawlResult, name: string) => r.columns.find((c) => c.name === name)!;

describe('crawlSite and evaluateSite on a failing site (海山区)', () => {
  let result: CrawlResult;
  let progress: CrawlProgress[];
  before(async () => {
    progress = [];
    result = await crawl(staleConfig(), { onProgress: (p) => progress.push(p) });
  });

  it('reads each column’s items and dates in every format and date source', () => {
    assert.equal(result.homepage.status, 200);
    assert.equal(result.homepage.latest, '2026-11-05');
    assert.equal(result.homepage.dated, 3);
    const latest = Object.fromEntries(result.columns.map((c) => [c.name, c.latest]));
    assert.deepEqual(latest, {
      工作动态: '2026-11-05',
      部门动态: '2025-10-20',
      乡镇动态: null,
      通知公告: '2026-04-03',
      政策文件: '2025-09-01',
      公示公告: '2025-08-15',
      人事信息: '2025-06-30',
      规划计划: '2024-12-01',
      财政信息: '2025-03-02',
      统计数据: '2025-01-05',
      建议提案: '2025-02-03',
      应急管理: '2025-11-27',
      机构职能: null,
      专题专栏: null,
      数据发布: null,
      在线访谈: null,
      图片新闻: null,
    });
    // The navigation and footer lists are not items.
    assert.deepEqual(
      column(result, '工作动态').items.map((i) => i.title),
      ['海山区召开2026年冬季安全生产工作会议', '区领导调研乡村振兴重点项目建设', '海山区开展秋季森林防火专项检查'],
    );
    assert.equal(column(result, '工作动态').items[0]!.url, `${stale.url}/zwdt/a1.html`);
    // metadata: a zoned instant is read in Asia/Shanghai
    assert.deepEqual(column(result, '政策文件').items.map((i) => i.date), ['2025-09-01', '2025-06-10']);
    assert.deepEqual(column(result, '统计数据').items.map((i) => [i.title, i.date]), [
      ['2024年海山区国民经济和社会发展统计公报', '2025-01-05'],
      ['2024年第四季度主要经济指标', '2025-01-03'],
    ]);
    assert.deepEqual(column(result, '乡镇动态').items.map((i) => i.date), [null, null]);
    assert.deepEqual([column(result, '数据发布').status, column(result, '在线访谈').status, column(result, '图片新闻').error], [404, 500, 'ECONNRESET']);
  });

  it('finds every veto item with its evidence', () => {
    const ev = evaluateSite({ homepage: result.homepage.url, crawl: result, probes: [], at });
    assert.equal(ev.verdict, 'fail');
    assert.deepEqual(ev.findings.map((f) => f.item).sort(), ['brokenLinks', 'columnsEmpty', 'columnsLongStale', 'columnsStale', 'homepageStale', 'interaction', 'serviceGuides', 'slowPages', 'undatedItems']);

    const home = finding(ev.findings, 'homepageStale')!;
    assert.equal(home.value, 22);
    assert.deepEqual(home.evidence[0]!.params, { latest: '2026-11-05', days: 22 });
    assert.equal(home.evidence[0]!.seen, 'homepageLatest');
    assert.equal(home.evidence[0]!.at, result.finishedAt);

    const staleCols = finding(ev.findings, 'columnsStale')!;
    assert.deepEqual(staleCols.evidence.map((e) => e.params.column), ['工作动态', '部门动态', '乡镇动态', '通知公告', '政策文件', '公示公告']);
    assert.equal(staleCols.evidence.find((e) => e.params.column === '乡镇动态')!.seen, 'columnUndated');
    assert.equal(staleCols.evidence.find((e) => e.params.column === '通知公告')!.seen, 'columnStale.notice');

    const longStale = finding(ev.findings, 'columnsLongStale')!;
    assert.equal(longStale.value, 10);
    assert.deepEqual(longStale.evidence.map((e) => e.params.column), ['部门动态', '乡镇动态', '政策文件', '公示公告', '人事信息', '规划计划', '财政信息', '统计数据', '建议提案', '应急管理']);

    const empty = finding(ev.findings, 'columnsEmpty')!;
    assert.deepEqual(empty.evidence.map((e) => [e.params.column, e.seen, e.params.status]), [
      ['机构职能', 'columnEmpty', 200],
      ['专题专栏', 'columnEmpty', 200],
      ['数据发布', 'columnFailed', 404],
      ['在线访谈', 'columnFailed', 500],
      ['图片新闻', 'columnFailed', ''],
    ]);

    const interaction = finding(ev.findings, 'interaction')!;
    assert.deepEqual(interaction.evidence.map((e) => [e.params.title, e.params.date]), [
      ['关于幸福小区停车难问题的咨询', '2026-07-01'],
      ['建议在滨江路增设公交站点', '2026-08-27'], // exactly 3 months
      ['关于老旧小区加装电梯补贴的咨询', '2026-06-01'], // 办理中
    ]);

    const guides = finding(ev.findings, 'serviceGuides')!;
    assert.deepEqual(guides.evidence.map((e) => [e.params.guide, e.seen, e.params.missing ?? e.params.status]), [
      ['个体工商户设立登记', 'guideMissing', 'fees,timeLimit,phone'],
      ['最低生活保障申请', 'guideFailed', 404],
    ]);
  });

  it('reports broken internal and external links with the page they were found on, and slow pages', () => {
    const home = `${stale.url}/`;
    const broken = Object.fromEntries(result.brokenLinks.map((l) => [l.url.replace(stale.url, '').replace(ext.url, 'EXT'), [l.external, l.status, l.error, l.from]]));
    assert.deepEqual(broken, {
      '/zwgk/missing.html': [false, 404, null, home],
      '/error500.html': [false, 500, null, home],
      '/reset.html': [false, null, 'ECONNRESET', home],
      '/loop/1': [false, 301, 'too many redirects', home],
      'EXT/gone.html': [true, 404, null, home],
      'EXT/to-invalid': [true, null, 'host not registered', home],
    });
    const ev = evaluateSite({ homepage: result.homepage.url, crawl: result, probes: [], at });
    const links = finding(ev.findings, 'brokenLinks')!;
    assert.equal(links.veto, false);
    assert.equal(links.value, 6);
    assert.equal(links.evidence.filter((e) => e.seen === 'linkBrokenExternal').length, 2);

    assert.deepEqual(result.slowPages.map((p) => p.url), [`${stale.url}/slow.html`]);
    assert.ok(result.slowPages[0]!.ms > 3_000);
    assert.equal(finding(ev.findings, 'slowPages')!.evidence[0]!.params.ms, result.slowPages[0]!.ms);

    const undated = finding(ev.findings, 'undatedItems')!;
    assert.deepEqual(undated.evidence.map((e) => e.params.title), ['东湖镇召开村“两委”换届工作推进会', '西岭乡开展人居环境整治行动']);
  });

  it('never requests an unregistered host, checks a registered one with HEAD then GET, and counts the rest', () => {
    assert.equal(forbidden.requests.length, 0);
    assert.equal(result.externalUnchecked, 2); // example.invalid and the unregistered local site
    const extPaths = ext.requests.map((r) => `${r.method} ${r.path}`);
    assert.ok(extPaths.includes('HEAD /no-head') && extPaths.includes('GET /no-head'));
    assert.ok(!result.brokenLinks.some((l) => l.url.endsWith('/no-head') || l.url.endsWith('/ok.html')));
    // The redirect to example.invalid was not followed; the PDF was checked without downloading it.
    assert.ok(stale.requests.some((r) => r.method === 'HEAD' && r.path === '/files/report.pdf'));
    assert.ok(!stale.requests.some((r) => r.method === 'GET' && r.path === '/files/report.pdf'));
  });

  it('respects robots.txt, sends the Gongkai User-Agent, and reports its progress', () => {
    assert.deepEqual(result.robotsDisallowed, [`${stale.url}/private/secret.html`]);
    assert.ok(!stale.paths().includes('/private/secret.html'));
    assert.equal(stale.paths().filter((p) => p === '/robots.txt').length, 1);
    assert.ok([...stale.requests, ...ext.requests].every((r) => r.userAgent === USER_AGENT));
    assert.equal(progress.at(-1)!.pages, result.pagesFetched);
    assert.equal(progress.at(-1)!.links, result.linksChecked);
    assert.ok(progress.every((p, i) => i === 0 || (p.pages >= progress[i - 1]!.pages && p.links >= progress[i - 1]!.links)));
    // maxDepth 1: the column pages' items were not crawled, except the pages that carry dates.
    assert.ok(!stale.paths().includes('/zwdt/a3.html'));
    assert.ok(stale.paths().includes('/zcwj/p1.html') && stale.paths().includes('/czxx/f2.html'));
    assert.equal(result.startedAt, at.toISOString());
  });
});

describe('crawlSite and evaluateSite on a site that passes (青山区)', () => {
  let result: CrawlResult;
  before(async () => {
    result = await crawl(goodConfig());
  });

  it('passes, with a navigation-only homepage judged by its columns', () => {
    const ev = evaluateSite({ homepage: result.homepage.url, crawl: result, probes: [], at });
    assert.deepEqual(ev.findings, []);
    assert.equal(ev.verdict, 'pass');
    assert.equal(result.homepage.dated, 0);
    assert.deepEqual(result.brokenLinks, []);
  });

  it('reads GBK and GB2312 pages: Chinese titles and dates', () => {
    assert.deepEqual(column(result, '通知公告').items.map((i) => [i.title, i.date]), [
      ['关于做好2026年冬季供暖工作的通知', '2026-08-01'],
      ['关于调整部分公交线路的公告', '2026-07-15'],
    ]);
    // declared only by `Content-Type: text/html; charset=GB2312`, read on the item page through a selector
    assert.deepEqual(column(result, '政策解读').items.map((i) => [i.title, i.date]), [['《青山区老旧小区改造实施方案》政策解读', '2026-09-01']]);
  });

  it('follows the robots.txt group that names Gongkai (Allow beats a shorter Disallow)', () => {
    assert.deepEqual(result.robotsDisallowed, [`${good.url}/drafts/a.html`]);
    assert.ok(good.paths().includes('/drafts/public.html'));
    assert.ok(!good.paths().includes('/drafts/a.html'));
  });

  it('reports a homepage not updated for 2 weeks from its columns when it is only navigation, and a dead message channel', async () => {
    const config = goodConfig();
    config.interaction = [{ name: '旧留言板', url: `${good.url}/hdjl-old/`, date: pattern }];
    const later = await crawl(config, { now: () => new Date('2026-12-20T02:00:00Z') });
    const ev = evaluateSite({ homepage: later.homepage.url, crawl: later, probes: [], at: new Date('2026-12-20T02:00:00Z') });
    const home = finding(ev.findings, 'homepageStale')!;
    assert.equal(home.evidence[0]!.seen, 'homepageNavigationLatest');
    assert.deepEqual(home.evidence[0]!.params, { latest: '2026-11-20', days: 30 });
    const interaction = finding(ev.findings, 'interaction')!;
    assert.deepEqual(interaction.evidence.map((e) => [e.seen, e.params.status]), [['interactionFailed', 404]]);
  });
});

describe('crawlSite bounds and politeness', () => {
  it('stops at maxPages, fetching the registered pages first', async () => {
    const before = good.requests.length;
    const config = { ...goodConfig(), maxPages: 7 };
    const r = await crawl(config);
    const paths = good.requests.slice(before).map((q) => q.path);
    assert.equal(r.pagesFetched, 7);
    assert.deepEqual(paths.filter((p) => p !== '/robots.txt').sort(), ['/', '/bszn/hunyin.html', '/hdjl/', '/jgsz/', '/tzgg/', '/xwdt/', '/zcjd/']);
    // The item page that carries 政策解读's date was out of budget: the item counts as undated.
    assert.equal(column(r, '政策解读').items[0]!.date, null);
  });

  it('crawls only to maxDepth', async () => {
    const before = good.requests.length;
    const r = await crawl({ ...goodConfig(), maxDepth: 1 });
    const paths = good.requests.slice(before).map((q) => q.path);
    assert.ok(!paths.includes('/xwdt/1.html'), 'an item two links from the homepage is not crawled at depth 1');
    assert.ok(paths.includes('/zcjd/jd1.html'), 'the page holding a date is fetched whatever the depth');
    const deeper = good.requests.length;
    await crawl(goodConfig());
    assert.ok(good.requests.slice(deeper).some((q) => q.path === '/xwdt/1.html'));
    assert.ok(r.pagesFetched < 20);
  });

  it('follows links breadth-first beyond the registered pages and reports what is broken there', async () => {
    const r = await crawl({ ...staleConfig(), columns: [], interaction: [], guides: [], maxDepth: 2 }, { politeness: false, timeoutMs: 1_000 });
    // /zwdt/ is reached through the homepage's navigation; its third item does not exist.
    assert.deepEqual(
      r.brokenLinks.filter((l) => l.url === `${stale.url}/zwdt/a3.html`).map((l) => [l.from, l.status]),
      [[`${stale.url}/zwdt/`, 404]],
    );
    // Each distinct link is checked once.
    assert.equal(new Set(r.brokenLinks.map((l) => l.url)).size, r.brokenLinks.length);
  });

  it('keeps to the per-host concurrency limit and delay, and fetches robots.txt once, first', async () => {
    const site = await startTestSite({ dir: 'good', routes: { '/zcjd/jd1.html': { file: 'zcjd/jd1.gb2312.html', headers: { 'content-type': 'text/html; charset=GB2312' } } } });
    try {
      const u = (p: string) => site.url + p;
      const config: SiteConfig = { ...goodConfig(), homepage: u('/'), columns: [{ name: '工作动态', url: u('/xwdt/'), kind: 'news', date: pattern }], interaction: [], guides: [], maxDepth: 1 };
      const r = await crawlSite({ config, allowedHosts: new Set([site.host]), politeness: { perHostConcurrency: 1, delayMs: 40 }, now: fixedNow });
      assert.ok(r.pagesFetched >= 5);
      assert.equal(site.requests[0]!.path, '/robots.txt');
      assert.equal(site.paths().filter((p) => p === '/robots.txt').length, 1);
      assert.ok(site.requests.every((q) => q.inFlight === 1), 'one request at a time');
      // Measured where the requests arrive, in the test's own event loop (the site runs beside the crawler): a request
      // seen late shortens the gap after it. The first, robots.txt on a new connection, was seen up to 36 ms late on a
      // busy machine (gaps 4 and 32 ms with the starts 40 ms apart). Without the delay the gaps are a few
      // milliseconds; with it, the pages' are close to it and all of them add up to the delays.
      const gaps = site.requests.slice(1).map((q, i) => q.at - site.requests[i]!.at);
      assert.ok(gaps.slice(1).every((g) => g >= 25), `pages requested the delay apart: ${gaps}`);
      assert.ok(site.requests.at(-1)!.at - site.requests[0]!.at >= gaps.length * 40 - 40, `in all at least the delays apart: ${gaps}`);
    } finally {
      await site.close();
    }
    assert.deepEqual(politeDefaults, { perHostConcurrency: 2, delayMs: 500 });
  });

  it('fetches what robots.txt disallows when the office overrides it for its own site', async () => {
    const before = stale.requests.length;
    const r = await crawl({ ...staleConfig(), columns: [], interaction: [], guides: [], ignoreRobots: true }, { politeness: false, timeoutMs: 1_000 });
    assert.deepEqual(r.robotsDisallowed, []);
    const paths = stale.requests.slice(before).map((q) => q.path);
    assert.ok(paths.includes('/private/secret.html'));
    assert.ok(!paths.includes('/robots.txt'));
  });
});

describe('failures: timeouts, a homepage that does not open, probes', () => {
  it('reports a link that never answers as broken with a timeout', async () => {
    const site = await startTestSite({ routes: { '/': { body: '<ul><li><a href="/hang">在线访谈</a> 2026-11-26</li></ul>' }, '/hang': { hang: true } } });
    try {
      const config: SiteConfig = { homepage: `${site.url}/`, columns: [], interaction: [], guides: [], ignoreRobots: false, maxDepth: 2, maxPages: 10, maxExternalLinks: 0 };
      const r = await crawlSite({ config, allowedHosts: new Set([site.host]), politeness: false, timeoutMs: 300, now: fixedNow });
      assert.deepEqual(r.brokenLinks.map((l) => [l.url, l.error]), [[`${site.url}/hang`, 'timeout']]);
      assert.deepEqual([r.homepage.latest, r.homepage.dated], ['2026-11-26', 1]);
      const ev = evaluateSite({ homepage: r.homepage.url, crawl: r, probes: [], at });
      assert.equal(finding(ev.findings, 'brokenLinks')!.evidence[0]!.params.error, 'timeout');
      // No consultation column at all is a veto.
      assert.equal(finding(ev.findings, 'interaction')!.evidence[0]!.seen, 'interactionNone');
    } finally {
      await site.close();
    }
  });

  it('stops when the crawl is cancelled', async () => {
    const ac = new AbortController();
    ac.abort(new Error('stopped by the office'));
    await assert.rejects(crawl(goodConfig(), { signal: ac.signal }), /stopped by the office/);
  });

  it('records a homepage that does not open as evidence of unreachability', async () => {
    const site = await startTestSite({ routes: { '/': { status: 503 } } });
    try {
      const config: SiteConfig = { homepage: `${site.url}/`, columns: [], interaction: [], guides: [], ignoreRobots: true, maxDepth: 2, maxPages: 10, maxExternalLinks: 0 };
      const r = await crawlSite({ config, allowedHosts: new Set([site.host]), politeness: false, now: fixedNow });
      assert.equal(r.homepage.status, 503);
      const ev = evaluateSite({ homepage: r.homepage.url, crawl: r, probes: [], at });
      assert.deepEqual(finding(ev.findings, 'unreachable')!.evidence[0]!.params, { status: 503, error: '' });
    } finally {
      await site.close();
    }
  });

  it('does not crawl a homepage whose host is not registered', async () => {
    const config: SiteConfig = { homepage: `${forbidden.url}/`, columns: [], interaction: [], guides: [], ignoreRobots: false, maxDepth: 2, maxPages: 10, maxExternalLinks: 0 };
    const r = await crawlSite({ config, allowedHosts: new Set([good.host]), politeness: false });
    assert.deepEqual([r.homepage.status, r.homepage.error, r.pagesFetched], [null, 'host not registered', 0]);
    assert.equal(forbidden.requests.length, 0);
  });

  it('probes: ok, HTTP errors, timeouts, refused connections, unregistered hosts; ≥ 5 % failures over a week is a veto', async () => {
    const site = await startTestSite({
      routes: {
        '/': { body: '<p>首页</p>' },
        '/down': { status: 502 },
        '/hang': { hang: true },
        '/moved': { redirect: '/' },
        '/hop1': { redirect: '/hop2', delayMs: 150 },
        '/hop2': { redirect: '/hop3', delayMs: 150 },
        '/hop3': { body: '<p>终于到了</p>', delayMs: 150 },
      },
    });
    const closed = await startTestSite({});
    await closed.close();
    try {
      const allowedHosts = new Set([site.host, closed.host]);
      const ok = await probeUrl(`${site.url}/`, { allowedHosts, now: fixedNow });
      assert.deepEqual([ok.ok, ok.status, ok.error, ok.at], [true, 200, null, at.toISOString()]);
      assert.equal((await probeUrl(`${site.url}/moved`, { allowedHosts })).status, 200);
      assert.deepEqual(pick(await probeUrl(`${site.url}/down`, { allowedHosts })), [false, 502, 'HTTP 502']);
      assert.deepEqual(pick(await probeUrl(`${site.url}/hang`, { allowedHosts, timeoutMs: 200 })), [false, null, 'timeout']);
      // Each hop answers within the limit, the whole visit does not: the page did not open in time.
      assert.deepEqual(pick(await probeUrl(`${site.url}/hop1`, { allowedHosts, timeoutMs: 300 })), [false, 200, 'timeout']);
      assert.deepEqual(pick(await probeUrl(`${closed.url}/`, { allowedHosts })), [false, null, 'ECONNREFUSED']);
      assert.deepEqual(pick(await probeUrl(`${forbidden.url}/`, { allowedHosts })), [false, null, 'host not registered']);
      assert.equal(forbidden.requests.length, 0);

      // A week of probes: 19 that opened and 1 that timed out is exactly 5 %.
      const probes: ProbeOutcome[] = [];
      for (let i = 0; i < 19; i++) probes.push(await probeUrl(`${site.url}/`, { allowedHosts, now: () => new Date(at.getTime() - (i + 1) * 3_600_000) }));
      probes.push(await probeUrl(`${site.url}/hang`, { allowedHosts, timeoutMs: 200, now: () => new Date(at.getTime() - 30 * 3_600_000) }));
      const ev = evaluateSite({ homepage: `${site.url}/`, crawl: null, probes, at });
      const unreachable = finding(ev.findings, 'unreachable')!;
      assert.deepEqual([unreachable.veto, unreachable.value], [true, 5]);
      assert.deepEqual([unreachable.evidence[0]!.seen, unreachable.evidence[0]!.url], ['probeTimeout', `${site.url}/`]);
      assert.equal(evaluateSite({ homepage: `${site.url}/`, crawl: null, probes: probes.slice(0, 19), at }).verdict, 'pass');
    } finally {
      await site.close();
    }
  });

  it('writes hosts as host:port', () => {
    assert.equal(hostKey('http://127.0.0.1:8080/a'), '127.0.0.1:8080');
    assert.equal(hostKey('https://WWW.HS.gov.cn/'), 'www.hs.gov.cn:443');
    assert.equal(hostKey(new URL('http://www.hs.gov.cn/zwgk/')), 'www.hs.gov.cn:80');
  });
});

function pick(p: ProbeOutcome) {
  return [p.ok, p.status, p.error];
}
