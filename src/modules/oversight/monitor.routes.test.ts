import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { addAgency, Browser, buildTestApp, signedInBrowsers, type TestApp } from '../../../test/helpers/app.ts';
import { unzip } from '../../../test/helpers/documents.ts';
import { startTestSite, type Route, type TestSite } from '../../../test/helpers/sites.ts';

/** Visible text of an HTML page (tags removed, whitespace collapsed). */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
// Wednesday 25 November 2026, 10:00 in Beijing: ISO week 2026-W48.
const NOW = '2026-11-25T02:00:00.000Z';

const page = (body: string) => `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>衡水市教育局</title></head><body>${body}</body></html>`;

/** The education bureau's website: a homepage with one dated item, a news column, a notice column and a consultation column. */
function bureauRoutes(homeDate: string): Record<string, Route> {
  return {
    '/': { body: page(`<ul><li><a href="/news/1.html">全市中小学开展安全教育周活动</a> <span>${homeDate}</span></li></ul><p><a href="/news/">工作动态</a> <a href="/notice/">通知公告</a> <a href="/hd/">互动交流</a></p>`) },
    '/news/': { body: page('<ul class="list"><li><a href="/news/1.html">全市中小学开展安全教育周活动</a> 2026-11-20</li></ul>') },
    '/notice/': { body: page('<ul class="list"><li><a href="/notice/1.html">关于2027年中考报名工作的通知</a> 2026-09-01</li></ul>') },
    '/hd/': { body: page('<ul><li>关于学校周边道路维修的咨询 2026-11-01 已回复</li></ul>') },
    '/news/1.html': { body: page('<h1>全市中小学开展安全教育周活动</h1>') },
    '/notice/1.html': { body: page('<h1>关于2027年中考报名工作的通知</h1>') },
  };
}

describeEachDialect('back office: website monitor', (dialect) => {
  let t: TestApp;
  let site: TestSite;
  const routes: Record<string, Route> = bureauRoutes('2026-10-01'); // the homepage has not changed for 55 days
  const b: Record<string, Browser> = {};
  let siteId = '';
  let rectId = '';

  before(async () => {
    t = await buildTestApp(dialect, { now: NOW });
    await addAgency(t.services, 'HS', '衡水市人民政府', { kind: 'government' });
    await addAgency(t.services, 'HS-JYJ', '衡水市教育局', { parent: 'HS' });
    await addAgency(t.services, 'HS-CZJ', '衡水市财政局', { parent: 'HS' });
    Object.assign(b, await signedInBrowsers(t, { office: [['authority', 'HS']], staff: [['editor', 'HS-JYJ']], other: [['editor', 'HS-CZJ']] }));
    site = await startTestSite({ routes });
  });
  after(async () => {
    await site.close();
    await t.dispose();
  });

  /** Posts the site's "run a check now" and follows the crawl page until it is no longer running. */
  async function runCheck(opts: { twice?: boolean } = {}): Promise<{ crawlUrl: string; html: string }> {
    const res = await b.office.submit(`/admin/monitor/sites/${siteId}`, `/admin/monitor/sites/${siteId}/crawl`, {});
    assert.equal(res.statusCode, 303);
    const crawlUrl = res.headers.location as string;
    assert.match(crawlUrl, /^\/admin\/monitor\/crawls\/[\w-]+$/);
    if (opts.twice) {
      // The crawl waits between requests to the same host (politeness), so it is still running: one at a time.
      const again = await b.office.submit(`/admin/monitor/sites/${siteId}`, `/admin/monitor/sites/${siteId}/crawl`, {});
      assert.equal(again.statusCode, 409);
      assert.match(text(again.body), /此网站正在检查中，请等待本次检查完成/);
      assert.ok(cheerio.load(again.body)(`a[href="${crawlUrl}"]`).length, 'a link to the running check');
    }
    for (let i = 0; i < 600; i++) {
      const p = await b.office.get(crawlUrl);
      assert.equal(p.statusCode, 200);
      const status = cheerio.load(p.body)('.crawl-status').text();
      if (status !== '检查中') return { crawlUrl, html: p.body };
      assert.equal(p.headers.refresh, '2', 'a running check refreshes itself');
      assert.match(text(p.body), /正在检查，已访问 \d+ 个页面/);
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the check did not finish');
  }

  const registration = (over: Record<string, string> = {}) => ({
    agency: 'HS-JYJ',
    name: '衡水市教育局网站',
    homepage: `${site.url}/`,
    'columns.0.name': '工作动态',
    'columns.0.url': `${site.url}/news/`,
    'columns.0.kind': 'news',
    'columns.0.itemSelector': 'ul.list > li',
    'columns.0.dateType': 'pattern',
    'columns.0.dateValue': '',
    'columns.1.name': '',
    'columns.1.url': '',
    'columns.1.kind': 'news',
    'columns.1.dateType': 'pattern',
    'columns.2.name': '通知公告',
    'columns.2.url': `${site.url}/notice/`,
    'columns.2.kind': 'notice',
    'columns.2.itemSelector': 'ul.list > li',
    'columns.2.dateType': 'pattern',
    'interaction.0.name': '咨询建议',
    'interaction.0.url': `${site.url}/hd/`,
    'interaction.0.itemSelector': 'li',
    'interaction.0.dateType': 'pattern',
    'guides.0.name': '',
    'guides.0.url': '',
    maxDepth: '1',
    maxPages: '50',
    maxExternalLinks: '0',
    ...over,
  });

  test('the office registers a site: a bad address is shown next to its field and nothing typed is lost', async () => {
    const form = await b.office.get('/admin/monitor/sites/new?agency=HS-JYJ');
    assert.equal(form.statusCode, 200);
    const $f = cheerio.load(form.body);
    assert.equal($f('h1').text(), '登记网站');
    assert.equal($f('select[name="agency"] option[selected]').attr('value'), 'HS-JYJ');
    assert.equal($f('input[name^="columns."][name$=".url"]').length, 3, 'three blank column rows without JavaScript');
    assert.match(text(form.body), /只有本办公室自己主办的网站才应勾选此项/, 'ignoring robots.txt is explained');

    const bad = await b.office.submit('/admin/monitor/sites/new', '/admin/monitor/sites/new', registration({ homepage: 'www.jyj.example', 'columns.2.url': 'notice' }));
    assert.equal(bad.statusCode, 400);
    const $ = cheerio.load(bad.body);
    assert.ok($('#f-homepage-error').text().length > 0, 'an error next to the homepage');
    assert.ok($('#f-columns-2-url-error').text().length > 0, 'an error next to the third row’s address (the blank second row is not counted)');
    assert.equal($('#f-columns-1-url-error').length, 0);
    assert.equal($('input[name="homepage"]').attr('value'), 'www.jyj.example');
    assert.equal($('input[name="name"]').attr('value'), '衡水市教育局网站');
    assert.equal($('input[name="columns.0.itemSelector"]').attr('value'), 'ul.list > li');
    assert.equal($('select[name="columns.2.kind"] option[selected]').attr('value'), 'notice');
    assert.ok($('.error-summary a[href="#f-homepage"]').length, 'the summary links to the field');

    // The agency's own staff may not register sites.
    assert.equal((await b.staff.get('/admin/monitor/sites/new')).statusCode, 403);
  });

  test('registered, the site is listed under its agency; "save and add more rows" brings the rows back with 3 blank ones', async () => {
    const res = await b.office.submit('/admin/monitor/sites/new', '/admin/monitor/sites/new', { ...registration(), more: '1' });
    assert.equal(res.statusCode, 303);
    const m = /^\/admin\/monitor\/sites\/([\w-]+)\/edit\?done=registered$/.exec(res.headers.location as string);
    assert.ok(m, String(res.headers.location));
    siteId = m[1]!;
    const edit = await b.office.get(res.headers.location as string);
    const $e = cheerio.load(edit.body);
    assert.match(text(edit.body), /网站已登记/);
    assert.equal($e('input[name^="columns."][name$=".url"]').length, 5, 'the two columns and three blank rows');
    assert.equal($e('input[name="columns.1.url"]').attr('value'), `${site.url}/notice/`);

    const list = await b.office.get('/admin/monitor');
    assert.equal(list.statusCode, 200);
    const $l = cheerio.load(list.body);
    const section = $l('section').filter((_i, s) => $l(s).find('h2').text() === '衡水市教育局');
    assert.equal(section.length, 1);
    assert.match(text(section.html() ?? ''), /衡水市教育局网站.*登记的网站.*监测中.*未检查/);
    assert.ok($l(`a[href="/admin/monitor/sites/${siteId}"]`).length);
    assert.ok($l('a[href="/admin/monitor/sites/new"]').length, 'the office may register sites');
    // The staff see it too (their agency), but not the finance bureau's staff.
    assert.match(text((await b.staff.get('/admin/monitor')).body), /衡水市教育局网站/);
    assert.doesNotMatch(text((await b.other.get('/admin/monitor')).body), /衡水市教育局网站/);
    assert.equal((await b.other.get(`/admin/monitor/sites/${siteId}`)).statusCode, 404);
  });

  test('a check finds the stale homepage with its evidence; the office issues a rectification', async () => {
    const { crawlUrl, html } = await runCheck({ twice: true });
    const $ = cheerio.load(html);
    assert.equal($('.crawl-status').text(), '已完成');
    const page = text(html);
    assert.match(page, /结论 不合格/);
    const finding = $('section.finding').filter((_i, s) => $(s).find('h3').text().includes('首页不更新'));
    assert.equal(finding.length, 1);
    assert.match(text(finding.html() ?? ''), /单项否决.*55天未更新.*首页 14 天及以上没有新信息/);
    assert.match(text(finding.html() ?? ''), /首页最新信息发布于2026-10-01，已55天未更新/);
    assert.ok(finding.find(`a[href="${site.url}/"]`).length, 'the evidence links to the page');
    assert.match(text(finding.html() ?? ''), /检查时间：2026-11-25 10:00/, 'when, in Beijing time');
    // The columns table: both columns with their newest date and age.
    assert.match(page, /工作动态 动态要闻类（2周内应更新） 1 2026-11-20 5/);
    assert.match(page, /通知公告 通知公告、政策文件类（6个月内应更新） 1 2026-09-01 85/);
    assert.ok(!/单项否决/.test(text($('section.finding').filter((_i, s) => $(s).find('h3').text().includes('互动回应差')).html() ?? '')), 'the consultation column works');

    // A due date in the past is refused next to the field.
    const past = await b.office.submit(crawlUrl, `${crawlUrl}/rectifications`, { item: 'homepageStale', 'homepageStale.dueOn': '2026-11-01', 'homepageStale.note': '请及时更新首页' });
    assert.equal(past.statusCode, 400);
    const $p = cheerio.load(past.body);
    assert.match($p('#f-homepageStale-dueOn-error').text(), /早于今天/);
    assert.equal($p('textarea[name="homepageStale.note"]').text(), '请及时更新首页');
    // The default due date is ten days on.
    assert.equal($p('#issue-form-homepageStale').length, 1);
    assert.equal(cheerio.load(html)('input[name="homepageStale.dueOn"]').attr('value'), '2026-12-05');

    const issued = await b.office.submit(crawlUrl, `${crawlUrl}/rectifications`, { item: 'homepageStale', 'homepageStale.dueOn': '2026-12-05', 'homepageStale.note': '请及时更新首页' });
    assert.equal(issued.statusCode, 303);
    rectId = /\/admin\/monitor\/rectifications\/([\w-]+)\?done=issued$/.exec(issued.headers.location as string)![1]!;
    const r = text((await b.office.get(issued.headers.location as string)).body);
    assert.match(r, /整改任务已下发/);
    assert.match(r, /待整改/);
    assert.match(r, /整改期限 2026-12-05/);
    assert.match(r, /请及时更新首页/);
    assert.match(r, /首页最新信息发布于2026-10-01/);
    assert.match(r, /下一次检查时系统将自动复核/);

    // Issued twice: a message in words, not an error page.
    const twice = await b.office.submit(crawlUrl, `${crawlUrl}/rectifications`, { item: 'homepageStale', 'homepageStale.dueOn': '2026-12-05' });
    assert.equal(twice.statusCode, 409);
    assert.match(text(twice.body), /此问题已有未办结的整改任务，不能重复下发/);
    // The crawl page now links to the open rectification instead of the form.
    const again = cheerio.load((await b.office.get(crawlUrl)).body);
    assert.equal(again('#issue-form-homepageStale').length, 0);
    assert.ok(again(`a[href="/admin/monitor/rectifications/${rectId}"]`).length);

    // The staff of the agency see no issue form (only the office issues).
    assert.equal(cheerio.load((await b.staff.get(crawlUrl)).body)('form[action$="/rectifications"]').length, 0);
  });

  test('the agency’s staff reply; another agency may not; the next check without a fix reopens it', async () => {
    const url = `/admin/monitor/rectifications/${rectId}`;
    assert.equal((await b.other.get(url)).statusCode, 404, 'another agency does not see it');
    const otherToken = /name="_csrf" value="([^"]+)"/.exec((await b.other.get('/admin/monitor')).body)?.[1] ?? '';
    const refused = await b.other.post(`${url}/reply`, { reply: '已更新', _csrf: otherToken });
    assert.ok(refused.statusCode === 404 || refused.statusCode === 403, `refused: ${refused.statusCode}`);

    const list = await b.staff.get('/admin/monitor/rectifications?status=open');
    assert.match(text(list.body), /首页不更新 衡水市教育局 衡水市教育局网站 .* 2026-12-05 待整改 0/);

    const empty = await b.staff.submit(url, `${url}/reply`, { reply: '  ' });
    assert.equal(empty.statusCode, 400);
    assert.ok(cheerio.load(empty.body)('#f-reply-error').text().length > 0);

    const replied = await b.staff.submit(url, `${url}/reply`, { reply: '已在首页发布最新工作动态。' });
    assert.equal(replied.statusCode, 303);
    const r = text((await b.staff.get(url)).body);
    assert.match(r, /已反馈，待复核/);
    assert.match(r, /反馈整改情况 .*已在首页发布最新工作动态。/);
    // Replying again is a conflict, in words.
    const token = /name="_csrf" value="([^"]+)"/.exec((await b.staff.get('/admin/monitor')).body)?.[1] ?? '';
    const twice = await b.staff.post(`${url}/reply`, { reply: '再次反馈', _csrf: token });
    assert.equal(twice.statusCode, 409);
    assert.match(text(twice.body), /此整改任务当前状态为“已反馈，待复核”/);

    // Nothing fixed on the site: the next check reopens it, with the new evidence.
    await runCheck();
    const reopened = text((await b.staff.get(url)).body);
    assert.match(reopened, /状态 待整改/);
    assert.match(reopened, /重新打开次数 1/);
    assert.match(reopened, /复核未通过，重新打开 网站监测 复核检查仍发现此问题/);
    assert.ok(cheerio.load((await b.staff.get(url)).body)('textarea[name="reply"]').length, 'the staff may reply again');
  });

  test('the weekly report: generated, shown with the failed site and its evidence, published, downloaded as Word', async () => {
    const listPage = await b.office.get('/admin/monitor/spot-checks?office=HS');
    assert.equal(listPage.statusCode, 200);
    assert.equal(cheerio.load(listPage.body)('input[name="week"]').attr('value'), '2026-W47', 'last week by default');

    const bad = await b.office.submit('/admin/monitor/spot-checks?office=HS', '/admin/monitor/spot-checks', { office: 'HS', week: '2026-48' });
    assert.equal(bad.statusCode, 400);
    assert.match(cheerio.load(bad.body)('#f-week-error').text(), /YYYY-Www/);

    const gen = await b.office.submit('/admin/monitor/spot-checks?office=HS', '/admin/monitor/spot-checks', { office: 'HS', week: '2026-W48' });
    assert.equal(gen.statusCode, 303);
    assert.equal(gen.headers.location, '/admin/monitor/spot-checks/HS/2026-W48?done=generated');
    const report = await b.office.get(gen.headers.location as string);
    const $ = cheerio.load(report.body);
    assert.equal($('h1').text(), '衡水市人民政府2026年第48周政府网站抽查情况通报');
    const page = text(report.body);
    assert.match(page, /对1个政府网站开展了抽查，其中1个网站完成检查，1个网站存在单项否决问题/);
    const failed = $('.spot-check-failed');
    assert.equal(failed.length, 1, 'one failed site');
    assert.equal(failed.find('h3').text(), '衡水市教育局网站（衡水市教育局）');
    assert.equal(failed.find('h4').text(), '首页不更新（55天未更新）');
    assert.match(failed.find('li').first().text(), /首页最新信息发布于2026-10-01，已55天未更新（http:\/\/127\.0\.0\.1:\d+\/，2026-11-25 10:00）/);

    const docx = await b.office.get('/admin/monitor/spot-checks/HS/2026-W48/docx');
    assert.equal(docx.statusCode, 200);
    assert.match(String(docx.headers['content-type']), /wordprocessingml/);
    const xml = unzip(docx.rawPayload).get('word/document.xml')!.toString('utf8');
    assert.match(xml, /2026年第48周政府网站抽查情况通报/);
    assert.match(xml, /衡水市教育局网站/);

    const pub = await b.office.submit(gen.headers.location as string, '/admin/monitor/spot-checks/HS/2026-W48/publish', {});
    assert.equal(pub.statusCode, 303);
    const published = cheerio.load((await b.office.get(pub.headers.location as string)).body);
    const link = published('a[href^="/xxgk/"]').attr('href');
    assert.ok(link, 'a link to the publication');
    assert.match(published.root().text(), /抽查通报已在信息公开目录中发布/);
    assert.equal(published('form[action$="/publish"]').length, 0, 'published once');
    const xxgk = await b.office.get(link!);
    assert.equal(xxgk.statusCode, 200);
    assert.match(text(xxgk.body), /衡水市人民政府2026年第48周政府网站抽查情况通报/);
    assert.match(text(xxgk.body), /首页不更新（55天未更新）/);

    const regen = await b.office.submit('/admin/monitor/spot-checks?office=HS', '/admin/monitor/spot-checks', { office: 'HS', week: '2026-W48' });
    assert.equal(regen.statusCode, 409);
    assert.match(text(regen.body), /该周的抽查通报已经发布，不能重新生成/);
    const weeks = text((await b.office.get('/admin/monitor/spot-checks?office=HS')).body);
    assert.match(weeks, /2026-W48 .* 已发布/);
  });

  test('fixed on the site and replied, the next check closes the rectification', async () => {
    const url = `/admin/monitor/rectifications/${rectId}`;
    Object.assign(routes, bureauRoutes('2026-11-24'));
    const replied = await b.staff.submit(url, `${url}/reply`, { reply: '首页已更新。' });
    assert.equal(replied.statusCode, 303);
    const { html } = await runCheck();
    assert.match(text(html), /结论 合格/);
    const r = text((await b.staff.get(url)).body);
    assert.match(r, /状态 已办结/);
    assert.match(r, /复核通过，已办结 网站监测 复核检查未再发现此问题/);
    assert.equal(cheerio.load((await b.staff.get(url)).body)('textarea[name="reply"]').length, 0);

    const site = text((await b.office.get(`/admin/monitor/sites/${siteId}`)).body);
    assert.match(site, /近7天可访问性/);
    assert.match(site, /检查记录/);
    assert.match(site, /首页不更新 .* 2026-12-05 已办结 1/);
    const closed = text((await b.office.get('/admin/monitor/rectifications?status=closed&agency=HS-JYJ')).body);
    assert.match(closed, /共 1 项，其中逾期 0 项/);

    // In English, every page speaks English (no message key shows through).
    const en = new Browser(t.app);
    await en.signIn('office1');
    const crawlId = /href="\/admin\/monitor\/crawls\/([\w-]+)"/.exec((await en.get(`/admin/monitor/sites/${siteId}`)).body)![1];
    for (const address of ['/admin/monitor', `/admin/monitor/sites/${siteId}`, `/admin/monitor/sites/${siteId}/edit`, `/admin/monitor/crawls/${crawlId}`, url, '/admin/monitor/rectifications', '/admin/monitor/spot-checks?office=HS', '/admin/monitor/spot-checks/HS/2026-W48']) {
      const res = await en.get(`${address}${address.includes('?') ? '&' : '?'}lang=en`);
      assert.equal(res.statusCode, 200, address);
      assert.doesNotMatch(text(res.body), /\boversight\.[a-z]/, address);
      assert.equal(cheerio.load(res.body)('h1').length, 1, address);
    }
    assert.match(text((await en.get(`/admin/monitor/crawls/${crawlId}?lang=en`)).body), /Verdict Pass/);
  });
});
