/**
 * Issue 5 in a real browser: an agency's annual report from the draft to the portal, as its users click through it.
 *
 * 1. the editor of 衡水市教育局 finds the year's reports (the department is overdue), opens the draft: table 三 holds
 *    the imported cases and every balance check passes; a text with an unknown figure is refused and kept, a good one
 *    is saved with its preview; figures of table 二 are entered with their source; the report is submitted;
 * 2. the authority sees the overdue count on the home page, the roll-up of the city with every agency compared, and
 *    approves the department's report;
 * 3. a citizen on a phone (375 px) finds it under the agency, reads the tables and charts, and follows the link to
 *    the catalog item; the print layout leaves out the navigation and Chromium prints it to a PDF;
 * 4. the check page lists the failing cells of a broken Shanghai 2019 table;
 * and every page on the way passes axe at 1280 and 375 px without sideways scrolling (the harness's auditPage),
 * in Chinese and — for the public report — in English.
 *
 * The app runs in this process (buildTestApp, listening on a port) with a fixed clock, on SQLite and — when
 * DATABASE_URL_PG is set — on PostgreSQL.
 */
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import type { Browser as Chromium, BrowserContext, Locator } from 'playwright-core';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { caseLine, importCases } from '../helpers/applications.ts';
import { testDialects } from '../helpers/db.ts';
import { systemActor } from '../../src/modules/audit/index.ts';
import { dependentSteps, assertNoProblems, auditPage, describeInBrowser, formatTouchTargets, launchBrowser, screenshotDir, touchTargets, WatchedPage, type Problem } from './harness.ts';

const password = 'Passw0rd-e2e-2026';
const staff = {
  editor: { username: 'e2e-report-editor', displayName: '钱编辑', grants: [{ role: 'editor', agency: 'HS-JYJ' }] },
  authority: { username: 'e2e-report-authority', displayName: '赵主管', grants: [{ role: 'authority', agency: 'HS' }] },
} as const;
const title = '衡水市教育局2025年政府信息公开工作年度报告';


for (const dialect of testDialects()) {
  describeInBrowser(`annual reports in Chromium (${dialect}): drafted, checked, submitted, approved, published, printed`, () => {
    let t: TestApp;
    let base: string;
    let browser: Chromium;
    let editor: WatchedPage;
    let authority: WatchedPage;
    let citizen: WatchedPage;
    const contexts: BrowserContext[] = [];

    before(async () => {
      mkdirSync(screenshotDir, { recursive: true });
      t = await buildTestApp(dialect, { now: '2026-02-10T02:00:00.000Z', config: { sessionTtlMs: 365 * 24 * 3600_000 } });
      const s = t.services;
      const admin = s.users.systemPrincipal();
      await s.agencies.create(admin, systemActor, { code: 'HS', name: '衡水市人民政府', kind: 'government' } as any);
      await s.agencies.create(admin, systemActor, { code: 'HS-JYJ', name: '衡水市教育局', kind: 'department', parent: 'HS' } as any);
      await s.agencies.create(admin, systemActor, { code: 'HS-CZJ', name: '衡水市财政局', kind: 'department', parent: 'HS' } as any);
      for (const u of Object.values(staff)) await s.users.create(admin, systemActor, { ...u, password, grants: [...u.grants] } as any);
      const cases = [
        caseLine('HS-JYJ', 'natural', '2025-03-03', { on: '2025-03-20', outcome: 'disclose' }),
        caseLine('HS-JYJ', 'natural', '2025-04-01', { on: '2025-04-15', outcome: 'disclose' }),
        caseLine('HS-JYJ', 'commercial', '2025-05-06', { on: '2025-05-20', outcome: 'partial' }),
        caseLine('HS-JYJ', 'natural', '2025-12-22', null),
        caseLine('HS-JYJ', 'natural', '2024-12-27', { on: '2025-01-08', outcome: 'unable.notHeld' }),
        caseLine('HS-CZJ', 'natural', '2025-06-02', { on: '2025-06-16', outcome: 'decline.petition' }),
      ];
      await importCases(s, t.db.db, cases);
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
      browser = await launchBrowser();
      const open = async (width: number, locale = 'zh-CN') => {
        const c = await browser.newContext({ locale, viewport: { width, height: 900 } });
        c.setDefaultTimeout(15_000);
        contexts.push(c);
        return WatchedPage.open(c);
      };
      editor = await open(1280);
      authority = await open(1280);
      citizen = await open(375);
    });

    after(async () => {
      await browser?.close();
      await t?.dispose();
    });

    const shot = (name: string) => `reports-${dialect}-${name}`;
    async function audit(wp: WatchedPage, problems: Problem[], mode: string, name: string): Promise<void> {
      const u = new URL(wp.page.url());
      const width = wp.page.viewportSize()?.width ?? 1280;
      problems.push(...(await auditPage(wp, base, u.pathname + u.search, { mode, here: true, shot: shot(name) })));
      if (width !== 1280) await wp.page.setViewportSize({ width, height: 800 });
    }
    async function open(wp: WatchedPage, problems: Problem[], path: string, mode: string, name: string, expectStatus?: (s: number) => boolean): Promise<void> {
      const width = wp.page.viewportSize()?.width ?? 1280;
      problems.push(...(await auditPage(wp, base, path, { mode, shot: shot(name), expectStatus })));
      if (width !== 1280) await wp.page.setViewportSize({ width, height: 800 });
    }
    async function follow(wp: WatchedPage, target: Locator): Promise<void> {
      await Promise.all([wp.page.waitForNavigation({ waitUntil: 'load' }), target.click()]);
    }
    async function signIn(wp: WatchedPage, user: { username: string }): Promise<void> {
      const { page } = wp;
      await page.goto(`${base}/admin/sign-in`);
      await page.getByLabel('用户名').fill(user.username);
      await page.getByLabel('密码').fill(password);
      await follow(wp, page.locator('main form button[type=submit]'));
      assert.equal(new URL(page.url()).pathname, '/admin');
      wp.take();
    }
    const main = (wp: WatchedPage) => wp.page.locator('main');
    const mainText = async (wp: WatchedPage) => (await main(wp).innerText()).replace(/\s+/g, ' ');
    /** The numbers of a row of table 三, by the start of its label. */
    const table3Row = async (wp: WatchedPage, label: string) =>
      (await main(wp).locator('table.report-table3 tbody tr', { has: wp.page.locator(`th:text-matches("^${label}")`) }).first().locator('td').allInnerTexts()).map(Number);

    const step = dependentSteps();

    step('1. the editor drafts the report: numbers from the cases, a refused text kept as typed, figures with sources, submitted', async () => {
      const problems: Problem[] = [];
      const wp = editor;
      const { page } = wp;
      await signIn(wp, staff.editor);
      await open(wp, problems, '/admin/reports', 'editor', 'list');
      assert.match(await mainText(wp), /衡水市教育局 本单位 2026-01-31 未编制 已逾期/);
      await follow(wp, main(wp).getByRole('link', { name: '衡水市教育局' }));
      assert.equal(new URL(page.url()).pathname, '/admin/reports/HS-JYJ/2025');
      assert.deepEqual(await table3Row(wp, '一、本年新收'), [3, 1, 0, 0, 0, 0, 4]);
      assert.deepEqual(await table3Row(wp, '四、结转下年度'), [1, 0, 0, 0, 0, 0, 1]);
      assert.match(await mainText(wp), /勾稽关系检查均已通过/);
      await audit(wp, problems, 'editor', 'draft');

      await follow(wp, main(wp).getByRole('link', { name: '编辑报告正文' }));
      const overview = page.locator('textarea[name=overview]');
      await overview.fill('全年新收申请{table3.received.total}件，另有{table3.received.all}件。');
      await follow(wp, main(wp).getByRole('button', { name: '保存正文' }));
      assert.match(await main(wp).locator('.error-summary').innerText(), /\{table3\.received\.all\}/);
      assert.equal(await overview.inputValue(), '全年新收申请{table3.received.total}件，另有{table3.received.all}件。');
      await audit(wp, problems, 'editor, refused text', 'texts-error');
      await overview.fill('全年新收申请{table3.received.total}件，办结{table3.total.total}件。');
      await follow(wp, main(wp).getByRole('button', { name: '保存正文' }));
      assert.match(await main(wp).locator('.report-preview').innerText(), /全年新收申请4件，办结4件。/);
      await audit(wp, problems, 'editor', 'texts-saved');

      await page.goto(`${base}/admin/reports/HS-JYJ/2025/figures`);
      await page.locator('input[name="value.permits.decisions"]').fill('36');
      await page.locator('input[name="source.permits.decisions"]').fill('河北省政务服务网审批系统');
      await follow(wp, main(wp).getByRole('button', { name: '保存数据' }));
      assert.match(await mainText(wp), /填报数据已保存/);
      await audit(wp, problems, 'editor', 'figures');

      await page.goto(`${base}/admin/reports/HS-JYJ/2025`);
      const permits = main(wp).locator('table.report-table tr', { has: page.locator('th:text-is("行政许可")') }).locator('td');
      assert.equal(await permits.innerText(), '36');
      assert.match(await main(wp).locator('.report-figures').innerText(), /河北省政务服务网审批系统/);
      await follow(wp, main(wp).getByRole('button', { name: '提交审核' }));
      assert.match(await mainText(wp), /年度报告已提交审核/);
      assert.equal(await main(wp).getByRole('button', { name: '审核通过并公开' }).count(), 0, 'the editor cannot approve');
      await audit(wp, problems, 'editor', 'submitted');
      assertNoProblems(problems, 'the editor’s pages');
    });

    step('2. the authority sees who is overdue, compares the agencies of the city, and approves', async () => {
      const problems: Problem[] = [];
      const wp = authority;
      await signIn(wp, staff.authority);
      assert.match(await mainText(wp), /2025年度报告公开情况 逾期未公开的单位 2 个/);
      await audit(wp, problems, 'authority', 'home');
      await follow(wp, main(wp).getByRole('link', { name: '查看各单位年度报告进度' }));
      await follow(wp, main(wp).getByRole('link', { name: '衡水市人民政府' }));
      assert.equal(new URL(wp.page.url()).pathname, '/admin/reports/HS/2025');
      assert.deepEqual(await table3Row(wp, '一、本年新收'), [4, 1, 0, 0, 0, 0, 5]);
      const rows = main(wp).locator('table.comparison-table tbody tr');
      assert.equal(await rows.count(), 3);
      await follow(wp, main(wp).locator('table.comparison-table thead').getByRole('link', { name: '不予处理' }));
      assert.equal(await rows.first().locator('th').innerText(), '衡水市财政局', 'sorted by 不予处理');
      await audit(wp, problems, 'authority, roll-up', 'rollup');

      await wp.page.goto(`${base}/admin/reports/HS-JYJ/2025`);
      await follow(wp, main(wp).getByRole('button', { name: '审核通过并公开' }));
      assert.match(await mainText(wp), /年度报告已审核通过并公开/);
      await audit(wp, problems, 'authority', 'published');
      assertNoProblems(problems, 'the authority’s pages');
    });

    step('3. a citizen on a phone reads the published report, opens its catalog item, and prints it', async () => {
      const problems: Problem[] = [];
      const wp = citizen;
      const { page } = wp;
      await open(wp, problems, '/agencies/HS-JYJ/reports', 'citizen', 'agency-list');
      await follow(wp, main(wp).getByRole('link', { name: title }));
      assert.equal(new URL(page.url()).pathname, '/reports/annual/HS-JYJ/2025');
      assert.deepEqual(await table3Row(wp, '（七）总计'), [3, 1, 0, 0, 0, 0, 4]);
      assert.match(await mainText(wp), /全年新收申请4件，办结4件。/);
      assert.ok((await main(wp).locator('figure.report-chart img').count()) >= 1);
      // The charts are images whose SVG loaded (a broken data URL has no natural size).
      assert.ok(await main(wp).locator('figure.report-chart img').first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0));
      await audit(wp, problems, 'citizen', 'public');
      await open(wp, problems, '/reports/annual/HS-JYJ/2025?lang=en', 'citizen, en', 'public-en');
      assert.match(await mainText(wp), /Year on year|Downloads/);

      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.locator('.main-nav').isVisible(), false, 'no navigation in print');
      assert.equal(await main(wp).locator('.report-downloads').isVisible(), false, 'no download links in print');
      assert.ok(await main(wp).locator('table.report-table3').isVisible(), 'the tables print');
      const pdf = await page.pdf({ format: 'A4' });
      assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
      await page.emulateMedia({ media: 'screen' });

      await page.goto(`${base}/reports/annual/HS-JYJ/2025?lang=zh-CN`);
      await follow(wp, main(wp).getByRole('link', { name: /政府信息公开目录条目（索引号：/ }));
      assert.match(new URL(page.url()).pathname, /^\/xxgk\//);
      assert.match(await mainText(wp), /三、收到和处理政府信息公开申请情况/);
      await audit(wp, problems, 'citizen', 'catalog-item');
      assertNoProblems(problems, 'the public pages');
    });

    step('4. the check page names the cells of a broken Shanghai 2019 table', async () => {
      const problems: Problem[] = [];
      const wp = editor;
      const { page } = wp;
      await open(wp, problems, '/admin/reports/check', 'editor', 'check');
      const z = [0, 0, 0, 0, 0, 0, 0];
      const shanghai = {
        format: '2019', agency: 'SH', year: 2019,
        table3: { rows: {
          received: [821, 35, 0, 0, 2, 1, 859], carriedOver: [18, 0, 0, 0, 0, 0, 18], disclose: [275, 12, 0, 0, 1, 1, 289], partial: [3, 0, 0, 0, 0, 0, 3],
          'withhold.stateSecret': [14, 0, 0, 0, 0, 0, 14], 'withhold.internal': [5, 0, 0, 0, 0, 0, 5], 'withhold.process': [3, 1, 0, 0, 0, 0, 4], 'withhold.adminQuery': [10, 2, 0, 0, 0, 0, 12],
          'unable.notHeld': [252, 12, 0, 0, 1, 0, 265], 'unable.needsCreation': [44, 3, 0, 0, 0, 0, 47], 'unable.stillUnclear': [25, 0, 0, 0, 0, 0, 25],
          'decline.petition': [148, 1, 0, 0, 0, 0, 149], 'decline.repeat': [5, 4, 0, 0, 0, 0, 9], other: z, total: [767, 35, 0, 0, 2, 1, 805], carriedForward: [72, 0, 0, 0, 0, 0, 72],
        } },
        table4: { reconsideration: [5, 0, 0, 2, 7], litigationDirect: [8, 0, 0, 1, 9] },
      };
      await page.locator('textarea[name=json]').fill(JSON.stringify(shanghai));
      await follow(wp, main(wp).getByRole('button', { name: '开始核查' }));
      const failed = (await main(wp).locator('tr.check-failed').allInnerTexts()).join('\n').replace(/\s+/g, ' ');
      assert.match(failed, /表三 （一）予以公开 自然人/);
      assert.match(failed, /767 784/);
      await audit(wp, problems, 'editor', 'check-result');
      assertNoProblems(problems, 'the check page');
    });

    step('5. touch targets on every page above: at least 44 px high on a 375 px phone', async () => {
      const mine = touchTargets.findings.filter((f) => /^\/(admin\/reports|reports\/|agencies\/[^/]+\/reports)/.test(f.page));
      assert.equal(mine.length, 0, `too-small touch targets:\n${formatTouchTargets(mine)}`);
    });
  });
}
