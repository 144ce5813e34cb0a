/**
 * The editorial life of one catalog item in a real browser, as its users click through it:
 *
 * 1. the agency's editor signs in, fills in the publication form (a normative document of 衡水市教育局),
 *    saves the draft and submits it;
 * 2. the agency's approver finds it among the items awaiting review, records the confidentiality review
 *    (保密审查) and publishes it: the index number is shown, and so is the warning that the document has
 *    no interpretation yet; the authority finds it on its "missing interpretation" list;
 * 3. a citizen without a session finds it on the agency's catalog page and in the browse page, reads the
 *    metadata table, finds it by a two-character word (highlighted) and by its document number, and in
 *    the agency's Atom feed;
 * 4. the approver publishes a revision: the public page shows the new text and both versions;
 * 5. the approver withdraws it with a reason: the page stays as a tombstone saying 已撤回 with the reason,
 *    and the item leaves the lists, the search and the feed.
 *
 * Every page on the way passes axe (WCAG 2.1 A + AA) at 1280 and 375 px, logs no console error and does
 * not scroll sideways on a phone (the harness's auditPage). Runs against `gongkai start` on a fresh
 * SQLite database with the demo city (as site.test.ts does).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Locator } from 'playwright-core';
import { createTestDbUrl } from '../helpers/db.ts';
import {
  assertNoProblems,
  auditPage,
  dependentSteps,
  describeInBrowser,
  formatTouchTargets,
  launchBrowser,
  screenshotDir,
  startServer,
  touchTargets,
  WatchedPage,
  type Problem,
  type RunningServer,
} from './harness.ts';

/** The demo users of 衡水市教育局 (HS-JYJ) and of the city's disclosure authority (src/demo/city.ts). */
const editor = { username: 'demo-editor', password: 'Demo-editor-2026' };
const approver = { username: 'demo-approver', password: 'Demo-approver-2026' };
const authority = { username: 'demo-authority', password: 'Demo-authority-2026' };
const agencyCode = 'HS-JYJ';
const agencyName = '衡水市教育局';

/** A made-up two-character word that appears nowhere in the demo catalog. */
const term = '翊澜';
const title = `衡水市教育局关于印发《中小学${term}预算管理办法》的通知`;
const docNo = '衡教字〔2026〕7号';
const firstText = `第一条 为规范中小学${term}预算管理，制定本办法。第二条 本办法自发布之日起施行。`;
const revisedText = '第一条 修订后的条文：学校应当每学期公开经费使用情况。';
const revisionNote = '根据征求意见修改第一条';
const withdrawReason = '该办法已并入新的市级文件，本文件撤回。';

/** Today minus `days` in Asia/Shanghai, as YYYY-MM-DD. */
function shanghaiDate(daysAgo: number): string {
  return new Date(Date.now() - daysAgo * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
}
const writtenOn = shanghaiDate(3);

describeInBrowser('publishing in Chromium: draft, review, publication, revision, withdrawal — and a citizen finding it', () => {
  let db: Awaited<ReturnType<typeof createTestDbUrl>>;
  let server: RunningServer;
  let browser: Browser;
  let base: string;
  let editorContext: BrowserContext;
  let approverContext: BrowserContext;
  let citizenContext: BrowserContext;
  let editorPage: WatchedPage;
  let approverPage: WatchedPage;
  let citizenPage: WatchedPage;
  /** The item's back-office page and its public page, once known. */
  let adminPath = '';
  let publicPath = '';
  let indexNo = '';

  before(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    db = await createTestDbUrl('sqlite');
    // `gongkai start` migrates and loads the demo city into the empty database.
    server = await startServer({ DATABASE_URL: db.url, TZ: process.env.TZ ?? 'Asia/Shanghai' });
    base = server.url;
    browser = await launchBrowser();
    editorContext = await browser.newContext({ locale: 'zh-CN' });
    approverContext = await browser.newContext({ locale: 'zh-CN' });
    citizenContext = await browser.newContext({ locale: 'zh-CN' });
    for (const c of [editorContext, approverContext, citizenContext]) c.setDefaultTimeout(10_000);
    editorPage = await WatchedPage.open(editorContext);
    approverPage = await WatchedPage.open(approverContext);
    citizenPage = await WatchedPage.open(citizenContext);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await db?.dispose();
  });

  /** A citizen in a browser of their own, without a session and with an empty cache. */
  async function freshCitizen(): Promise<WatchedPage> {
    const context = await browser.newContext({ locale: 'zh-CN' });
    context.setDefaultTimeout(10_000);
    return WatchedPage.open(context);
  }

  /** The current page, audited where it is (after a click or a form submission). */
  async function audit(wp: WatchedPage, problems: Problem[], mode: string, shot: string | null = null): Promise<void> {
    const u = new URL(wp.page.url());
    problems.push(...(await auditPage(wp, base, u.pathname + u.search, { mode, here: true, shot: shot && `publishing-${shot}` })));
  }

  /** Opens a path as if typed into the address bar, and audits it. */
  async function open(wp: WatchedPage, problems: Problem[], path: string, mode: string, shot: string | null = null): Promise<void> {
    problems.push(...(await auditPage(wp, base, path, { mode, shot: shot && `publishing-${shot}` })));
  }

  /** Clicks a link or a button and waits for the page it leads to. */
  async function follow(wp: WatchedPage, target: Locator): Promise<void> {
    await Promise.all([wp.page.waitForNavigation({ waitUntil: 'load' }), target.click()]);
  }

  async function signIn(wp: WatchedPage, problems: Problem[], user: { username: string; password: string }, mode: string): Promise<void> {
    const { page } = wp;
    // Going to the back office without a session leads to the sign-in form, which brings the user back.
    await page.goto(`${base}/admin`);
    assert.equal(new URL(page.url()).pathname, '/admin/sign-in', 'the back office asks for signing in first');
    await page.getByLabel('用户名').fill(user.username);
    await page.getByLabel('密码').fill(user.password);
    await follow(wp, page.locator('main form button[type=submit]'));
    assert.equal(new URL(page.url()).pathname, '/admin', `${user.username} signed in and is on the dashboard (was ${page.url()})`);
    await audit(wp, problems, mode);
  }

  /**
   * The steps build on each other: once one fails, the later ones are skipped (their failures would
   * only repeat the first).
   */
  const step = dependentSteps();

  /** A form field by its label, exactly (a required field's label ends with an asterisk). */
  const field = (form: Locator, label: string) => form.locator('input, select, textarea').and(form.getByLabel(new RegExp(`^${label}(\\s*\\*)?$`)));
  const main = (wp: WatchedPage) => wp.page.locator('main');
  const mainText = async (wp: WatchedPage) => (await main(wp).innerText()).replace(/\s+/g, ' ');

  step('1. the editor fills in the publication form, saves the draft and submits it', async () => {
    const problems: Problem[] = [];
    const wp = editorPage;
    const { page } = wp;
    await signIn(wp, problems, editor, 'editor');

    await follow(wp, page.locator('header').getByRole('link', { name: '信息发布', exact: true }));
    assert.equal(new URL(page.url()).pathname, '/admin/publications');
    await audit(wp, problems, 'editor', 'list');

    await follow(wp, main(wp).getByRole('link', { name: '新建信息' }));
    assert.equal(new URL(page.url()).pathname, '/admin/publications/new');
    await audit(wp, problems, 'editor', 'new');

    // Saving an empty form is refused with messages that name the missing fields.
    await follow(wp, page.locator('form.publication-form').getByRole('button', { name: '保存草稿' }));
    const summary = (await main(wp).locator('.error-summary').innerText()).replace(/\s+/g, ' ');
    assert.match(summary, /标题/, `the error summary names the title (${summary})`);
    assert.match(summary, /信息类别/, `the error summary names the kind (${summary})`);
    await audit(wp, problems, 'editor, empty form', 'new-errors');

    const form = page.locator('form.publication-form');
    assert.equal((await field(form, '发布机构').locator('option:checked').innerText()).trim(), agencyName, 'the editor publishes for its own agency');
    await field(form, '标题').fill(title);
    await field(form, '文号').fill(docNo);
    await field(form, '成文日期').fill(writtenOn);
    await field(form, '信息类别').selectOption({ label: '行政规范性文件' });
    await field(form, '主题分类').selectOption({ label: '教育' });
    await field(form, '体裁分类').selectOption({ label: '通知' });
    await field(form, '公民').check();
    await field(form, '主题词').fill(`${term}预算；经费管理`);
    await field(form, '正文').fill(firstText);
    assert.ok(await form.getByRole('radio', { name: '主动公开' }).isChecked(), 'proactive disclosure is the default');

    await follow(wp, form.getByRole('button', { name: '保存草稿' }));
    assert.match(page.url(), /\/admin\/publications\/[^/?]+\?done=created$/, `the draft was saved (now on ${page.url()})`);
    adminPath = new URL(page.url()).pathname;
    assert.match(await mainText(wp), /草稿已保存/);
    assert.match(await main(wp).locator('.status-line').innerText(), /草稿/);
    await audit(wp, problems, 'editor', 'draft');

    await follow(wp, main(wp).getByRole('button', { name: '提交审核' }));
    assert.match(await mainText(wp), /已提交审核/);
    assert.match(await main(wp).locator('.status-line').innerText(), /待审核|已提交/);
    // The editor may not publish it: no approve form for them.
    assert.equal(await main(wp).getByRole('button', { name: '审核通过并发布' }).count(), 0, 'the editor cannot approve');
    await audit(wp, problems, 'editor', 'submitted');
    assertNoProblems(problems, 'the editor’s pages');
  });

  step('2. the approver finds it in the queue, records the confidentiality review and publishes it; the missing interpretation is flagged', async () => {
    const problems: Problem[] = [];
    const wp = approverPage;
    const { page } = wp;
    await signIn(wp, problems, approver, 'approver');

    // The dashboard lists what awaits the approver.
    const queue = main(wp).locator('section', { has: page.getByRole('heading', { name: /待我审核的信息/ }) });
    await follow(wp, queue.getByRole('link', { name: title }));
    assert.equal(new URL(page.url()).pathname, adminPath, 'the queue links the submitted item');
    await audit(wp, problems, 'approver', 'review');

    // Approving without the confidentiality review is refused with a message.
    const approveForm = main(wp).locator('form[action$="/approve"]');
    await follow(wp, approveForm.getByRole('button', { name: '审核通过并发布' }));
    assert.match(await main(wp).locator('.error-summary').innerText(), /保密审查/, 'the review is required');
    await audit(wp, problems, 'approver, approve without review');

    await approveForm.getByLabel('已完成保密审查，确认可以公开').check();
    await approveForm.getByLabel('审核意见').fill('经保密审查，不涉及国家秘密，同意公开。');
    await follow(wp, approveForm.getByRole('button', { name: '审核通过并发布' }));
    assert.match(page.url(), /done=published/);
    const text = await mainText(wp);
    assert.match(text, /审核通过，信息已发布/);
    // A normative document without an interpretation: the publisher is warned.
    assert.match(await main(wp).locator('.warning-box').innerText(), /尚无政策解读/, 'the approver is warned about the missing interpretation');
    indexNo = (await main(wp).locator('strong.index-no').innerText()).trim();
    assert.ok(indexNo.includes(shanghaiDate(0).slice(0, 4)), `an index number of this year is shown (${indexNo})`);
    assert.match(text, /保密审查/, 'the timeline records the confidentiality review');
    publicPath = (await main(wp).getByRole('link', { name: /门户/ }).first().getAttribute('href')) ?? '';
    assert.match(publicPath, /^\/xxgk\//, 'the item page links its public page');
    await audit(wp, problems, 'approver', 'published');
    assertNoProblems(problems, 'the approver’s pages');
  });

  step('2b. the authority finds the document on its list of documents without an interpretation', async () => {
    const problems: Problem[] = [];
    const context = await browser.newContext({ locale: 'zh-CN' });
    context.setDefaultTimeout(10_000);
    const wp = await WatchedPage.open(context);
    await signIn(wp, problems, authority, 'authority');
    const missing = main(wp).locator('section', { has: wp.page.getByRole('heading', { name: /缺少政策解读的文件/ }) });
    assert.ok(await missing.getByRole('link', { name: title }).count(), 'the dashboard lists the document under 缺少政策解读的文件');
    await open(wp, problems, '/admin/publications?missing=1', 'authority', 'missing');
    assert.ok(await main(wp).getByRole('link', { name: title }).count(), 'the full missing-interpretation list has it');
    await context.close();
    assertNoProblems(problems, 'the authority’s pages');
  }, { sideTrip: true });

  step('3. a citizen finds it on the agency’s catalog page, the browse page, by searching and in the feed', async () => {
    const problems: Problem[] = [];
    const wp = citizenPage;
    const { page } = wp;

    // The agency's catalog page lists it first among the latest items.
    await open(wp, problems, `/zwgk/${agencyCode}/catalog`, 'citizen', 'agency-catalog');
    const latest = main(wp).locator('ul.pub-list > li').first();
    assert.equal((await latest.locator('a.pub-list-title').innerText()).trim(), title, 'the newest item of the agency is ours');
    assert.match(await latest.innerText(), new RegExp(indexNo.replace(/[/]/g, '\\/')), 'the list shows its index number');

    // … and so does the browse page of the agency (“all items”).
    await follow(wp, main(wp).locator('.more-link a'));
    assert.equal(new URL(page.url()).pathname, '/xxgk');
    assert.equal(new URL(page.url()).searchParams.get('agency'), agencyCode);
    await audit(wp, problems, 'citizen', 'browse');
    // The agency's items are offered as a feed (for feed readers, and the channels that republish from it):
    // a visible link, or a <link rel="alternate"> for feed readers.
    const feedHref = `/feeds/agency/${agencyCode}.atom`;
    assert.ok(await page.locator(`a[href="${feedHref}"], link[rel="alternate"][href="${feedHref}"]`).count(), `the agency's browse page offers its Atom feed ${feedHref}`);
    await follow(wp, main(wp).getByRole('link', { name: title }));
    assert.equal(new URL(page.url()).pathname, publicPath);
    await audit(wp, problems, 'citizen', 'public-page');

    // The metadata table as portals show it.
    const meta = async (label: string) => (await main(wp).locator('dl.pub-meta .pub-meta-row', { has: page.locator(`dt:text-is("${label}")`) }).locator('dd').innerText()).trim();
    assert.equal(await page.locator('h1').innerText(), title);
    assert.equal(await meta('索引号'), indexNo);
    assert.equal(await meta('发布机构'), agencyName);
    assert.equal(await meta('发文字号'), docNo);
    assert.equal(await meta('成文日期'), writtenOn);
    assert.match(await meta('主题分类'), /教育/);
    assert.equal(await meta('体裁分类'), '通知');
    assert.equal(await meta('信息类别'), '行政规范性文件');
    assert.equal(await meta('有效性'), '有效');
    assert.match(await meta('发布日期'), new RegExp(shanghaiDate(0)));
    assert.match(await main(wp).locator('.pub-body').innerText(), new RegExp(`${term}预算管理`));

    // The two-character word, typed into the site's search box.
    const box = page.locator('header').getByRole('searchbox');
    await box.fill(term);
    await follow(wp, page.locator('header form[role=search] button[type=submit]'));
    assert.equal(new URL(page.url()).pathname, '/search');
    const hit = main(wp).getByRole('link', { name: title });
    assert.equal(await hit.count(), 1, `the search for ${term} finds the item`);
    const marks = await main(wp).locator('mark').allInnerTexts();
    assert.ok(marks.some((m) => m.includes(term)), `the word is highlighted in the results (marked: ${JSON.stringify(marks.slice(0, 5))})`);
    await audit(wp, problems, 'citizen', 'search');

    // The document number goes straight to the item.
    await box.fill(docNo);
    await follow(wp, page.locator('header form[role=search] button[type=submit]'));
    assert.equal(new URL(page.url()).pathname, publicPath, `searching ${docNo} opens the document (ended on ${page.url()})`);

    // The agency's Atom feed carries it.
    const feed = await citizenContext.request.get(base + feedHref);
    assert.equal(feed.status(), 200);
    assert.match(feed.headers()['content-type'] ?? '', /application\/atom\+xml/);
    const xml = await feed.text();
    assert.ok(xml.includes(`<title type="text">${title}</title>`) || xml.includes(`<title>${title}</title>`), 'the feed has an entry with the title');
    // Links in feeds are absolute on the site's configured domain (site settings), else on this host.
    assert.ok(xml.includes(`${publicPath}"`), `the entry links the public page ${publicPath}`);
    assertNoProblems(problems, 'the citizen’s pages');
  });

  step('4. a revision is published as a new version; the public page shows the new text and both versions', async (t) => {
    const problems: Problem[] = [];
    // Revising a published item is the approver's (workflow.ts): the editor is offered no revision.
    await editorPage.page.goto(base + adminPath);
    assert.equal(await main(editorPage).getByRole('link', { name: '修订该信息' }).count(), 0, 'the editor is not offered a revision');
    assert.equal(await main(editorPage).getByRole('button', { name: /撤回/ }).count(), 0, 'nor a withdrawal');
    editorPage.take();

    const wp = approverPage;
    const { page } = wp;
    await page.goto(base + adminPath);
    await follow(wp, main(wp).getByRole('link', { name: '修订该信息' }));
    assert.equal(new URL(page.url()).pathname, `${adminPath}/revise`);
    await audit(wp, problems, 'approver', 'revise');
    const form = page.locator('form.publication-form');
    assert.equal(await field(form, '标题').inputValue(), title, 'the form starts from the published version');
    await field(form, '修订说明').fill(revisionNote);
    await field(form, '正文').fill(`${firstText}\n\n${revisedText}`);
    await follow(wp, form.getByRole('button', { name: '发布修订版本' }));
    assert.match(page.url(), /done=revised/, `the revision was published (now on ${page.url()})`);
    assert.match(await mainText(wp), /修订版本已发布/);
    assert.equal((await main(wp).locator('strong.index-no').innerText()).trim(), indexNo, 'the index number stays');
    await audit(wp, problems, 'approver', 'revised');

    // The citizen who read the page a moment ago sees the revision at once (public pages are
    // revalidated on every visit: Cache-Control no-cache with an ETag).
    const res = await citizenPage.page.goto(base + publicPath);
    assert.match(res?.headers()['cache-control'] ?? '', /no-cache/);
    assert.match(await main(citizenPage).locator('.pub-body').innerText(), /修订后的条文/, 'a reader who opened the page before the revision is shown the new text');
    citizenPage.take();
    const citizen = await freshCitizen();
    await open(citizen, problems, publicPath, 'citizen, revised', 'public-page-revised');
    assert.match(await main(citizen).locator('.pub-body').innerText(), /修订后的条文/, 'the public page shows the new text');
    const versions = main(citizen).locator('.pub-versions li');
    assert.equal(await versions.count(), 2, 'the version history lists both versions');
    const history = (await main(citizen).locator('.pub-versions').innerText()).replace(/\s+/g, ' ');
    assert.match(history, /第1版/);
    assert.match(history, /第2版/);
    assert.match(history, new RegExp(revisionNote), 'the revision note is shown');
    await follow(citizen, main(citizen).getByRole('link', { name: '查看第1版' }));
    assert.match(await mainText(citizen), /已被修订/, 'the earlier version is marked as superseded');
    assert.doesNotMatch(await main(citizen).locator('.pub-body').innerText(), /修订后的条文/, 'the earlier version shows the earlier text');
    await audit(citizen, problems, 'citizen, version 1', 'public-version-1');
    assertNoProblems(problems, 'revision');
  });

  step('5. the approver withdraws it with a reason: the page stays as a tombstone, the lists, search and feed drop it', async () => {
    const problems: Problem[] = [];
    const wp = approverPage;
    const { page } = wp;
    await page.goto(base + adminPath);
    const withdrawForm = main(wp).locator('form[action$="/withdraw"]');
    await withdrawForm.getByLabel('撤回理由').fill(withdrawReason);
    await follow(wp, withdrawForm.getByRole('button', { name: /撤回/ }));
    // A confirmation step names the item and the reason.
    assert.equal(new URL(page.url()).pathname, `${adminPath}/withdraw`);
    assert.match(await mainText(wp), new RegExp(withdrawReason));
    await audit(wp, problems, 'approver, confirm withdrawal', 'withdraw-confirm');
    await follow(wp, main(wp).locator('form button[type=submit]'));
    assert.match(page.url(), /done=withdrawn/);
    assert.match(await main(wp).locator('.status-line').innerText(), /已撤回/);
    await audit(wp, problems, 'approver', 'withdrawn');

    const citizen = await freshCitizen();
    await open(citizen, problems, publicPath, 'citizen, withdrawn', 'tombstone');
    const tomb = await mainText(citizen);
    assert.match(tomb, /已撤回/, 'the page says 已撤回');
    assert.match(tomb, new RegExp(withdrawReason), 'with the reason');
    assert.match(tomb, new RegExp(indexNo.replace(/[/]/g, '\\/')), 'and keeps the index number');
    assert.doesNotMatch(tomb, /修订后的条文/, 'the text is no longer shown');

    await open(citizen, problems, `/zwgk/${agencyCode}/catalog`, 'citizen, after withdrawal');
    assert.equal(await main(citizen).getByRole('link', { name: title }).count(), 0, 'the agency catalog no longer lists it');
    await open(citizen, problems, `/xxgk?agency=${agencyCode}`, 'citizen, after withdrawal');
    assert.equal(await main(citizen).getByRole('link', { name: title }).count(), 0, 'the browse page no longer lists it');
    await open(citizen, problems, `/search?q=${encodeURIComponent(term)}`, 'citizen, after withdrawal', 'search-after-withdrawal');
    assert.equal(await main(citizen).getByRole('link', { name: title }).count(), 0, 'the search no longer finds it');
    const xml = await (await citizenContext.request.get(`${base}/feeds/agency/${agencyCode}.atom`)).text();
    assert.ok(!xml.includes(`${publicPath}"`), 'the feed no longer carries it');
    assertNoProblems(problems, 'withdrawal');
  });

  test('touch targets on every page of the flow: at least 44 px high on a 375 px phone', () => {
    assert.ok(touchTargets.pagesChecked >= 20, `touch targets were measured on ${touchTargets.pagesChecked} pages`);
    const n = new Set(touchTargets.findings.map((f) => f.detail)).size;
    assert.equal(touchTargets.findings.length, 0, `${n} too-small touch target(s):\n${formatTouchTargets(touchTargets.findings)}`);
  });
});
