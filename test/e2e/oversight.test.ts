/**
 * Issue 6 in a real browser: the city's disclosure office watches a bureau's website, from the dashboard to the
 * published weekly report, as its users click through it.
 *
 * 1. the office (demo-authority of 衡水市人民政府) signs in and opens the oversight dashboard: the demo city's
 *    publications and applications are counted there;
 * 2. it registers the education bureau's website — served by a local test site on 127.0.0.1 with five stale and five
 *    empty columns — through the form (three rows at a time: "save and add more rows"), runs a check, reads the
 *    findings with their evidence (the column URLs) and issues a rectification for the empty columns;
 * 3. the bureau's editor finds the rectification and replies with what was fixed;
 * 4. the test site is fixed; the office runs the check again: the site passes and the rectification is closed;
 * 5. the office generates the week's spot-check report, publishes it in the catalog and downloads the DOCX;
 * 6. the dashboard on a phone (375 px): no sideways scrolling, the figures readable;
 * and every page on the way passes axe at 1280 and 375 px (the harness's auditPage).
 *
 * The app runs in this process (buildTestApp, listening on a port) with the demo city loaded and a clock fixed at the
 * time the test starts, on SQLite and — when DATABASE_URL_PG is set — on PostgreSQL. Nothing is requested outside
 * 127.0.0.1.
 */
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import type { Browser as Chromium, BrowserContext } from 'playwright-core';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { testDialects } from '../helpers/db.ts';
import { unzip } from '../helpers/documents.ts';
import { startTestSite, type TestSite } from '../helpers/sites.ts';
import { addDays, isoWeekOf, todayInShanghai } from '../../src/kernel/calendar/index.ts';
import { demoUsers, loadDemo } from '../../src/demo/index.ts';
import { dependentSteps, assertNoProblems, auditPage, describeInBrowser, formatTouchTargets, horizontalOverflow, launchBrowser, screenshotDir, touchTargets, WatchedPage, type Problem } from './harness.ts';

const office = demoUsers.find((u) => u.username === 'demo-authority')!;
const editor = demoUsers.find((u) => u.username === 'demo-editor')!;

/** Ten columns of the bureau's site: 1–5 are news columns, 6–10 too; names as real county sites have them. */
const COLUMNS = ['工作动态', '教育要闻', '基层动态', '图片新闻', '媒体聚焦', '通知公告', '政策解读', '招生考试', '人事信息', '财政资金'];

/**
 * 测试县教育局 on 127.0.0.1. Broken: columns 1–5 were last updated 40 days ago (news columns: stale after 2 weeks),
 * columns 6–10 list nothing. Fixed: every column has an item of yesterday.
 */
async function bureauSite(today: string, state: { fixed: boolean }): Promise<TestSite> {
  const page = (title: string, body: string) =>
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title></head><body><header><a href="/">测试县教育局</a></header><main><h1>${title}</h1>${body}</main></body></html>`;
  const send = (html: () => string) => (_req: unknown, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html());
  };
  const routes: Record<string, (req: unknown, res: ServerResponse) => void> = {
    '/': send(() =>
      page(
        '测试县教育局',
        `<ul class="news"><li><a href="/a/1">全县教育系统安全生产工作会议召开</a> <span>${today}</span></li><li><a href="/a/2">县教育局开展课后服务专项督导</a> <span>${addDays(today, -2)}</span></li></ul>` +
          `<ul class="columns">${COLUMNS.map((c, i) => `<li><a href="/col/${i + 1}">${c}</a></li>`).join('')}</ul><p><a href="/hudong">局长信箱</a></p>`,
      ),
    ),
    '/hudong': send(() => page('局长信箱', `<ul><li>关于校车接送时间的建议 ${addDays(today, -12)} 已回复</li></ul>`)),
  };
  COLUMNS.forEach((c, i) => {
    routes[`/col/${i + 1}`] = send(() => {
      if (state.fixed) return page(c, `<ul><li><a href="/a/${i + 3}">${c}：本周工作安排</a> ${addDays(today, -1)}</li></ul>`);
      if (i < 5) return page(c, `<ul><li><a href="/a/${i + 3}">${c}：上月工作安排</a> ${addDays(today, -40)}</li></ul>`);
      return page(c, '<p>暂无信息</p>');
    });
  });
  for (let i = 1; i <= 12; i++) routes[`/a/${i}`] = send(() => page(`信息${i}`, `<p>发布时间：${today}</p><p>（测试内容）</p>`));
  return startTestSite({ routes });
}

for (const dialect of testDialects()) {
  describeInBrowser(`the website monitor in Chromium (${dialect}): dashboard, check, rectification, weekly report`, () => {
    let t: TestApp;
    let base: string;
    let site: TestSite;
    let browser: Chromium;
    let officePage: WatchedPage;
    let editorPage: WatchedPage;
    let phone: WatchedPage;
    const contexts: BrowserContext[] = [];
    const state = { fixed: false };
    const now = new Date();
    const today = todayInShanghai(now);
    const week = isoWeekOf(today);
    let siteId = '';
    let rectificationId = '';

    before(async () => {
      mkdirSync(screenshotDir, { recursive: true });
      site = await bureauSite(today, state);
      t = await buildTestApp(dialect, { now: now.toISOString(), config: { sessionTtlMs: 365 * 24 * 3600_000 } });
      await loadDemo(t.services);
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
      browser = await launchBrowser();
      const open = async (width: number) => {
        const c = await browser.newContext({ locale: 'zh-CN', viewport: { width, height: 900 }, acceptDownloads: true });
        c.setDefaultTimeout(20_000);
        contexts.push(c);
        return WatchedPage.open(c);
      };
      officePage = await open(1280);
      editorPage = await open(1280);
      phone = await open(375);
    });

    after(async () => {
      await browser?.close();
      await t?.dispose();
      await site?.close();
    });

    const shot = (name: string) => `oversight-${dialect}-${name}`;
    async function audit(wp: WatchedPage, problems: Problem[], mode: string, name: string, expectStatus?: (s: number) => boolean): Promise<void> {
      const u = new URL(wp.page.url());
      const width = wp.page.viewportSize()?.width ?? 1280;
      problems.push(...(await auditPage(wp, base, u.pathname + u.search, { mode, here: true, shot: shot(name), expectStatus })));
      if (width !== 1280) await wp.page.setViewportSize({ width, height: 800 });
    }
    async function follow(wp: WatchedPage, click: () => Promise<void>): Promise<void> {
      await Promise.all([wp.page.waitForNavigation({ waitUntil: 'load' }), click()]);
    }
    async function signIn(wp: WatchedPage, user: { username: string; password: string }): Promise<void> {
      const { page } = wp;
      await page.goto(`${base}/admin/sign-in`);
      await page.getByLabel('用户名').fill(user.username);
      await page.getByLabel('密码').fill(user.password);
      await follow(wp, () => page.locator('main form button[type=submit]').click());
      assert.equal(new URL(page.url()).pathname, '/admin');
      wp.take();
    }
    const main = (wp: WatchedPage) => wp.page.locator('main');
    const mainText = async (wp: WatchedPage) => (await main(wp).innerText()).replace(/\s+/g, ' ');
    /** A figure of the dashboard's totals row, by its column. */
    const total = async (wp: WatchedPage, col: string) => Number((await main(wp).locator(`tr.dashboard-totals td[data-col="${col}"]`).innerText()).replace(/[^\d]/g, ''));
    /** Waits (on the service) until the crawl has finished, then reloads its page without the self-refresh. */
    async function awaitCrawl(wp: WatchedPage): Promise<void> {
      const crawlId = new URL(wp.page.url()).pathname.split('/').at(-1)!;
      const admin = t.services.users.systemPrincipal();
      for (let i = 0; i < 600; i++) {
        if ((await t.services.monitor.crawl(admin, crawlId)).crawl.status !== 'running') break;
        await new Promise((r) => setTimeout(r, 200));
      }
      // The running page's own refresh (Refresh header) may fire at the same moment: then load it again.
      for (let attempt = 0; ; attempt++) {
        try {
          await wp.page.goto(`${base}/admin/monitor/crawls/${crawlId}`);
          return;
        } catch (e) {
          if (attempt >= 2 || !/interrupted by another navigation/.test(String((e as Error).message))) throw e;
        }
      }
    }
    async function runCheck(wp: WatchedPage): Promise<void> {
      await wp.page.goto(`${base}/admin/monitor/sites/${siteId}`);
      await follow(wp, () => main(wp).getByRole('button', { name: '立即检查' }).click());
      assert.match(new URL(wp.page.url()).pathname, /^\/admin\/monitor\/crawls\//);
      await awaitCrawl(wp);
    }

    const step = dependentSteps();

    step('1. the office opens the dashboard: the demo city’s publications and applications are counted', async () => {
      const problems: Problem[] = [];
      const wp = officePage;
      await signIn(wp, office);
      await wp.page.goto(`${base}/admin/oversight`);
      assert.equal(new URL(wp.page.url()).pathname, '/admin/oversight');
      assert.ok((await total(wp, 'published')) > 0, 'publications of the year are counted');
      assert.ok((await total(wp, 'open')) > 0, 'open applications are counted');
      assert.ok((await main(wp).locator('table tbody tr').count()) > 10, 'a row per agency');
      await audit(wp, problems, 'office', 'dashboard');
      assertNoProblems(problems, 'the dashboard');
    });

    step('2. the office registers the bureau’s site, runs a check, reads the findings with evidence and issues a rectification', async () => {
      const problems: Problem[] = [];
      const wp = officePage;
      const { page } = wp;
      await page.goto(`${base}/admin/monitor/sites/new?agency=HS-JYJ`);
      await audit(wp, problems, 'office', 'site-new');
      const agency = page.locator('select[name=agency]');
      if (await agency.count()) await agency.selectOption('HS-JYJ');
      await page.locator('input[name=name]').fill('测试县教育局网站');
      await page.locator('input[name=homepage]').fill(`${site.url}/`);
      await page.locator('input[name="interaction.0.name"]').fill('局长信箱');
      await page.locator('input[name="interaction.0.url"]').fill(`${site.url}/hudong`);
      await page.locator('input[name=maxDepth]').fill('1');
      // Three rows at a time; "save and add more rows" brings three more.
      for (let from = 0; from < COLUMNS.length; from += 3) {
        for (let i = from; i < Math.min(from + 3, COLUMNS.length); i++) {
          await page.locator(`input[name="columns.${i}.name"]`).fill(COLUMNS[i]);
          await page.locator(`input[name="columns.${i}.url"]`).fill(`${site.url}/col/${i + 1}`);
        }
        const last = from + 3 >= COLUMNS.length;
        await follow(wp, () => main(wp).getByRole('button', { name: last ? '保存' : '保存并添加更多行', exact: true }).click());
        if (from === 0) await audit(wp, problems, 'office', 'site-edit');
      }
      assert.match(new URL(page.url()).pathname, /^\/admin\/monitor\/sites\/[^/]+$/);
      siteId = new URL(page.url()).pathname.split('/').at(-1)!;
      const registered = (await t.services.monitor.site(t.services.users.systemPrincipal(), siteId)).site;
      assert.equal(registered.config.columns.length, 10);
      assert.equal(registered.homepage, `${site.url}/`);
      await audit(wp, problems, 'office', 'site');

      await runCheck(wp);
      const text = await mainText(wp);
      assert.match(text, /不合格/);
      assert.match(text, /空白栏目/);
      assert.match(text, /栏目不更新（5个以上栏目未按时更新）/);
      for (const n of [1, 6, 10]) assert.ok(await main(wp).locator(`a[href="${site.url}/col/${n}"]`).count(), `the evidence links to column ${n}`);
      assert.ok(site.paths().includes('/col/10'), 'the test site was crawled');
      await audit(wp, problems, 'office', 'crawl-failed');

      const form = page.locator('#issue-form-columnsEmpty');
      await form.locator('textarea').fill('请于期限内补充空白栏目内容，无内容的栏目予以整合。');
      await follow(wp, () => form.locator('button[type=submit]').click());
      assert.match(new URL(page.url()).pathname, /^\/admin\/monitor\/rectifications\//);
      rectificationId = new URL(page.url()).pathname.split('/').at(-1)!;
      assert.match(await mainText(wp), /待整改/);
      await audit(wp, problems, 'office', 'rectification-issued');
      assertNoProblems(problems, 'the office’s monitor pages');
    });

    step('3. the bureau’s editor finds the rectification and replies', async () => {
      const problems: Problem[] = [];
      const wp = editorPage;
      await signIn(wp, editor);
      await wp.page.goto(`${base}/admin/monitor/rectifications`);
      await audit(wp, problems, 'editor', 'rectifications');
      await follow(wp, () => main(wp).locator(`a[href="/admin/monitor/rectifications/${rectificationId}"]`).first().click());
      await wp.page.locator('textarea[name=reply]').fill('已在“通知公告”等五个栏目补充发布信息，空白栏目已全部整改。');
      await follow(wp, () => main(wp).getByRole('button', { name: '提交整改情况' }).click());
      assert.match(await mainText(wp), /已反馈，待复核/);
      await audit(wp, problems, 'editor', 'rectification-replied');
      assertNoProblems(problems, 'the editor’s pages');
    });

    step('4. the site is fixed; the office checks again: it passes and the rectification is closed', async () => {
      const problems: Problem[] = [];
      const wp = officePage;
      state.fixed = true;
      await runCheck(wp);
      const text = await mainText(wp);
      assert.match(text, /合格/);
      assert.doesNotMatch(text, /不合格/);
      await audit(wp, problems, 'office', 'crawl-passed');
      await wp.page.goto(`${base}/admin/monitor/rectifications/${rectificationId}`);
      assert.match(await mainText(wp), /已办结/);
      const r = await t.services.monitor.rectification(t.services.users.systemPrincipal(), rectificationId);
      assert.equal(r.rectification.status, 'closed');
      await audit(wp, problems, 'office', 'rectification-closed');
      assertNoProblems(problems, 'the re-check');
    });

    step('5. the office generates and publishes the week’s report, and downloads the DOCX', async () => {
      const problems: Problem[] = [];
      const wp = officePage;
      const { page } = wp;
      await page.goto(`${base}/admin/monitor/spot-checks?office=HS`);
      await audit(wp, problems, 'office', 'spot-checks');
      await page.locator('input[name=week]').fill(week);
      await follow(wp, () => main(wp).getByRole('button', { name: '生成', exact: true }).click());
      assert.equal(new URL(page.url()).pathname, `/admin/monitor/spot-checks/HS/${week}`);
      // The bureau's site was checked this week (and passed after the fix); the demo's own portal pages were not.
      const own = (await t.services.monitor.sites(t.services.users.systemPrincipal())).sites.filter((x) => x.site.own).length;
      const report = await mainText(wp);
      assert.match(report, new RegExp(`对${own + 1}个政府网站开展了抽查，其中1个网站完成检查，未发现存在单项否决问题的网站`));
      assert.doesNotMatch(report, /测试县教育局网站/, 'not among the sites left unchecked');
      await audit(wp, problems, 'office', 'spot-check');

      await follow(wp, () => main(wp).getByRole('button', { name: '在信息公开目录中发布' }).click());
      assert.match(await mainText(wp), /已发布/);
      await audit(wp, problems, 'office', 'spot-check-published');

      const [download] = await Promise.all([page.waitForEvent('download'), main(wp).getByRole('link', { name: '下载 Word 文档' }).click()]);
      assert.match(download.suggestedFilename(), /抽查情况通报\.docx$/);
      const xml = unzip(readFileSync((await download.path())!)).get('word/document.xml')!.toString('utf8');
      assert.match(xml, new RegExp(`衡水市人民政府${week.slice(0, 4)}年第${Number(week.slice(6))}周政府网站抽查情况通报`));
      assert.match(xml, new RegExp(`其中1个网站完成检查`));

      const stored = await t.services.monitor.spotCheck(t.services.users.systemPrincipal(), 'HS', week);
      assert.ok(stored.publication, 'published in the catalog');
      const pub = await t.services.publications.publicGet(stored.publication.id);
      assert.match(pub.title, /抽查情况通报$/);
      assertNoProblems(problems, 'the weekly report');
    });

    step('6. the dashboard on a phone: no sideways scrolling, the figures readable', async () => {
      const problems: Problem[] = [];
      const wp = phone;
      await signIn(wp, office);
      await wp.page.setViewportSize({ width: 375, height: 800 });
      await wp.page.goto(`${base}/admin/oversight`);
      assert.equal(await horizontalOverflow(wp.page), null, 'no sideways scrolling at 375 px');
      assert.ok((await total(wp, 'published')) > 0);
      assert.ok(await main(wp).locator('h1').isVisible());
      await audit(wp, problems, 'office, phone', 'dashboard-phone');
      assertNoProblems(problems, 'the dashboard on a phone');
    });

    step('7. touch targets on every page above: at least 44 px high on a 375 px phone', async () => {
      const mine = touchTargets.findings.filter((f) => /^\/admin\/(oversight|monitor)/.test(f.page));
      assert.equal(mine.length, 0, `too-small touch targets:\n${formatTouchTargets(mine)}`);
    });
  });
}
