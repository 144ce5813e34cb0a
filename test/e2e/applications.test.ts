/**
 * Issue 4's "Done when" in a real browser: one disclosure application from the citizen's form to the
 * follow-up answer after a corrected reconsideration, as its users click through it.
 *
 * 1. a citizen on a phone (375 px) fills in the online form of 衡水市教育局, sees "this may already be public"
 *    suggestions while typing, submits, and gets the receipt (tracking code, password, receipt date and
 *    the due date with its explanation);
 * 2. the handler finds the case in the queue, notes something internal, assigns it and asks for a correction;
 *    the citizen signs in at /track, answers it online, and the due date restarts — to the spec's example
 *    (received 2025-09-26 → due 2025-10-30);
 * 3. a third-party consultation from 2025-10-09 to 2025-10-16 pauses 6 working days (due 2025-11-07, the spec's
 *    example); the approver approves a 20-day extension;
 * 4. the handler withholds it with reasons (the outcome select offers every outcome code); the letter is
 *    listed, its DOCX converts in LibreOffice, its PDF is a PDF;
 * 5. a reconsideration corrects the answer: the case is reopened with the decision's due date, and a
 *    follow-up answer closes it again;
 * 6. the citizen's status page shows the answer and the letter, but no internal note and no handler name;
 *    another case's page is "not found" for them, and for another agency's handler;
 * 7. every outcome code, answered through the staff form (in-process, fast) on its own case;
 * 8. the register page, the authority's queue and letter templates — and every page on the way passes axe
 *    at 1280 and 375 px without sideways scrolling (the harness's auditPage).
 *
 * The legal dates of the spec's examples need a clock: unlike publishing.test.ts this suite runs the app
 * in this process (buildTestApp: the same buildApp and services as `gongkai start`, listening on a port)
 * with a fixed clock that each step sets, on SQLite and — when DATABASE_URL_PG is set — on PostgreSQL.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser as Chromium, BrowserContext, Locator } from 'playwright-core';
import { Browser, buildTestApp, type TestApp } from '../helpers/app.ts';
import { residentId } from '../helpers/applications.ts';
import { testDialects } from '../helpers/db.ts';
import { systemActor } from '../../src/modules/audit/index.ts';
import { outcomeCodes, outcomeRules, lapseOutcomes, type OutcomeCode } from '../../src/modules/applications/outcomes.ts';
import { dependentSteps, assertNoProblems, auditPage, describeInBrowser, formatTouchTargets, launchBrowser, screenshotDir, touchTargets, WatchedPage, type Problem } from './harness.ts';

const agencyCode = 'HS-JYJ';
const agencyName = '衡水市教育局';
const password = 'Passw0rd-e2e-2026';
/** Display names that must never reach the applicant's page. */
const staff = {
  handler: { username: 'e2e-handler', displayName: '王承办', grants: [{ role: 'handler', agency: agencyCode }] },
  approver: { username: 'e2e-approver', displayName: '李审批', grants: [{ role: 'approver', agency: agencyCode }] },
  authority: { username: 'e2e-authority', displayName: '赵主管', grants: [{ role: 'authority', agency: 'HS' }] },
  otherHandler: { username: 'e2e-czj-handler', displayName: '孙财政', grants: [{ role: 'handler', agency: 'HS-CZJ' }] },
} as const;

const publishedTitle = '衡水市2025年义务教育学校招生划片方案';
const description = '请公开2025年本市义务教育学校招生划片方案，以及划片方案的制定依据和听证记录。';
const internalNote = '内部备注：请法规科先核对第三方材料，不对外。';
const correctionWhat = '请写明所需听证记录的具体学校名称。';
const correctionText = '所需听证记录为衡水市第一中学划片听证会记录。';
const withholdReasons = '所涉听证记录含有第三方个人隐私，经征求第三方意见，第三方不同意公开。';

/** 10:00 in Shanghai on a legal date. */
const at = (date: string) => `${date}T02:00:00.000Z`;

for (const dialect of testDialects()) {
  describeInBrowser(`applications in Chromium (${dialect}): filed, corrected, paused, extended, answered, reopened — and every outcome`, () => {
    let t: TestApp;
    let base: string;
    let browser: Chromium;
    let citizenContext: BrowserContext;
    let handlerContext: BrowserContext;
    let citizen: WatchedPage;
    let handler: WatchedPage;
    /** The case, once known. */
    let trackingCode = '';
    let queryPassword = '';
    let casePath = '';
    let letterHref = '';

    const setDay = (date: string) => t.clock.set(at(date));
    const today = () => t.services.applications.today();
    const addWorkingDays = async (from: string, n: number) => (await t.services.calendar.current()).addWorkingDays(from, n).date;

    before(async () => {
      mkdirSync(screenshotDir, { recursive: true });
      t = await buildTestApp(dialect, { now: at('2025-09-22'), config: { sessionTtlMs: 3 * 365 * 24 * 3600_000 } });
      const s = t.services;
      const admin = s.users.systemPrincipal();
      await s.agencies.create(admin, systemActor, { code: 'HS', name: '衡水市人民政府', kind: 'government' } as any);
      await s.agencies.create(admin, systemActor, { code: agencyCode, name: agencyName, kind: 'department', parent: 'HS' } as any);
      await s.agencies.create(admin, systemActor, { code: 'HS-CZJ', name: '衡水市财政局', kind: 'department', parent: 'HS' } as any);
      for (const u of Object.values(staff)) await s.users.create(admin, systemActor, { ...u, password, grants: [...u.grants] } as any);
      const d = await s.publications.createDraft(admin, systemActor, agencyCode, { title: publishedTitle, kind: 'news', summary: '全市义务教育阶段学校招生划片范围及听证情况' } as any);
      await s.publications.submit(admin, systemActor, d.id);
      await s.publications.approve(admin, systemActor, d.id, { confidentialityReviewed: true });
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
      browser = await launchBrowser();
      citizenContext = await browser.newContext({ locale: 'zh-CN', viewport: { width: 375, height: 800 } });
      handlerContext = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
      for (const c of [citizenContext, handlerContext]) c.setDefaultTimeout(10_000);
      citizen = await WatchedPage.open(citizenContext);
      handler = await WatchedPage.open(handlerContext);
    });

    after(async () => {
      await browser?.close();
      await t?.dispose();
    });

    async function newPage(): Promise<WatchedPage> {
      const context = await browser.newContext({ locale: 'zh-CN' });
      context.setDefaultTimeout(10_000);
      return WatchedPage.open(context);
    }

    const shotName = (shot: string | null) => shot && `applications-${dialect}-${shot}`;
    /** The current page, audited where it is (after a click or a form submission). */
    async function audit(wp: WatchedPage, problems: Problem[], mode: string, shot: string | null = null): Promise<void> {
      const u = new URL(wp.page.url());
      const width = wp.page.viewportSize()?.width ?? 1280;
      problems.push(...(await auditPage(wp, base, u.pathname + u.search, { mode, here: true, shot: shotName(shot) })));
      // auditPage leaves the page at 1280 px: the citizen goes on at 375.
      if (width !== 1280) await wp.page.setViewportSize({ width, height: 800 });
    }
    async function open(wp: WatchedPage, problems: Problem[], path: string, mode: string, shot: string | null = null, expectStatus?: (s: number) => boolean): Promise<void> {
      const width = wp.page.viewportSize()?.width ?? 1280;
      problems.push(...(await auditPage(wp, base, path, { mode, shot: shotName(shot), expectStatus })));
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
      assert.equal(new URL(page.url()).pathname, '/admin', `${user.username} signed in (now on ${page.url()})`);
      wp.take();
    }
    const main = (wp: WatchedPage) => wp.page.locator('main');
    const mainText = async (wp: WatchedPage) => (await main(wp).innerText()).replace(/\s+/g, ' ');
    /** The case page's form of one action. */
    const action = (wp: WatchedPage, name: string) => main(wp).locator(`#act-${name} form`);
    const submitAction = async (wp: WatchedPage, name: string) => {
      await follow(wp, action(wp, name).locator('button[type=submit]'));
      const refused = main(wp).locator('.error-summary');
      if (await refused.count()) assert.fail(`the ${name} action was refused: ${(await refused.allInnerTexts()).join(' ').replace(/\s+/g, ' ')}`);
      assert.match(new URL(wp.page.url()).search, new RegExp(`done=${name}`), `the ${name} action was accepted (now on ${wp.page.url()})`);
    };
    /** The case header's value under a label. */
    const header = async (wp: WatchedPage, label: string) =>
      (await main(wp).locator('dl.case-header > div', { has: wp.page.locator(`dt:text-is("${label}")`) }).locator('dd').innerText()).replace(/\s+/g, ' ').trim();
    const deadlineText = async (wp: WatchedPage) => (await main(wp).locator('ol.deadline-steps').innerText()).replace(/\s+/g, ' ');

    async function trackSignIn(wp: WatchedPage, problems: Problem[]): Promise<void> {
      const { page } = wp;
      await open(wp, problems, '/track', 'citizen', 'track');
      await page.locator('input[name=code]').fill(trackingCode);
      await page.locator('input[name=password]').fill(queryPassword);
      await follow(wp, main(wp).getByRole('button', { name: '查询' }));
      assert.equal(new URL(page.url()).pathname, `/track/${trackingCode}`, `the citizen is on the status page (now on ${page.url()})`);
    }

    const step = dependentSteps();

    step('1. a citizen on a phone fills in the form, is offered published items, submits and gets the receipt with the due date explained', async () => {
      setDay('2025-09-22');
      const problems: Problem[] = [];
      const wp = citizen;
      const { page } = wp;
      await open(wp, problems, '/apply', 'citizen', 'apply');
      await follow(wp, main(wp).getByRole('link', { name: new RegExp(agencyName) }).first());
      assert.equal(new URL(page.url()).pathname, `/agencies/${agencyCode}/apply`);
      await audit(wp, problems, 'citizen', 'form');

      // An empty form comes back with messages naming the missing fields.
      const form = page.locator('form.apply-form');
      await follow(wp, form.getByRole('button', { name: '提交申请' }));
      const summary = (await main(wp).locator('.error-summary').first().innerText()).replace(/\s+/g, ' ');
      assert.match(summary, /姓名|名称/, `the summary names the name field (${summary})`);
      await audit(wp, problems, 'citizen, empty form', 'form-errors');

      await form.locator('input[name="applicant.name"]').fill('张三');
      await form.locator('input[name="applicant.idNumber"]').fill(residentId(21));
      await form.locator('input[name="applicant.phone"]').fill('13800001234');
      await form.locator('textarea[name="description"]').fill('');
      await form.locator('textarea[name="description"]').pressSequentially(description.slice(0, 20), { delay: 5 });
      await form.locator('textarea[name="description"]').fill(description);
      // While typing, published items are offered ("this may already be public").
      const offered = page.locator('#suggest-live a', { hasText: publishedTitle });
      await offered.waitFor({ state: 'visible' });
      assert.match(await page.locator('#suggest-live').innerText(), /可能已经公开/, 'the suggestions are announced');
      await audit(wp, problems, 'citizen, suggestions', 'form-suggestions');
      assert.ok(await form.locator('input[name="form"][value="electronic"]').isChecked(), 'electronic is the default form');
      await form.locator('input[name="delivery"][value="online"]').check();

      await follow(wp, form.getByRole('button', { name: '提交申请' }));
      trackingCode = (await main(wp).locator('.tracking-code').innerText()).trim();
      queryPassword = (await main(wp).locator('.tracking-password').innerText()).trim();
      assert.match(trackingCode, /^YS2025[A-Z0-9]{8}$/, `a tracking code (${trackingCode})`);
      assert.match(queryPassword, /^[A-Z0-9]{10}$/, 'a query password');
      const due = await addWorkingDays('2025-09-22', 20);
      const text = await mainText(wp);
      assert.match(text, /收到申请日期|收到日期/, 'the receipt date is labelled');
      assert.match(text, /2025-09-22/, 'the receipt date is today');
      assert.match(text, new RegExp(`答复期限[^0-9]*${due}`), `the due date ${due} is shown`);
      const steps = await deadlineText(wp);
      assert.match(steps, /收到申请：2025-09-22（自次日起计算）/, 'the explanation starts from the receipt date');
      assert.match(steps, /20个工作日/, 'and names the rule');
      assert.match(steps, new RegExp(`答复期限：${due}`), 'and ends with the due date');
      await audit(wp, problems, 'citizen', 'receipt');
      assertNoProblems(problems, 'the citizen’s form and receipt');
    });

    step('2. the handler finds it in the queue and asks for a correction; the citizen answers online and the deadline restarts', async () => {
      setDay('2025-09-24');
      const problems: Problem[] = [];
      const wp = handler;
      const { page } = wp;
      await signIn(wp, staff.handler);
      await open(wp, problems, '/admin/applications', 'handler', 'queue');
      await follow(wp, main(wp).getByRole('link', { name: trackingCode }));
      casePath = new URL(page.url()).pathname;
      assert.match(casePath, /^\/admin\/applications\/[^/]+$/);
      await audit(wp, problems, 'handler', 'case-new');
      assert.match(await header(wp, '承办人'), /未指定|—/, 'nobody is assigned yet');

      await action(wp, 'assign').locator('select[name=handlerId]').selectOption({ label: staff.handler.displayName });
      await submitAction(wp, 'assign');
      assert.equal(await header(wp, '承办人'), staff.handler.displayName);

      await action(wp, 'note').locator('textarea[name=text]').fill(internalNote);
      await submitAction(wp, 'note');
      assert.match(await mainText(wp), new RegExp(internalNote), 'the note is on the timeline');

      const correction = action(wp, 'requestCorrection');
      await correction.locator('textarea[name=what]').fill(correctionWhat);
      assert.equal(await correction.locator('input[name=on]').inputValue(), '2025-09-24', 'the date defaults to today');
      await submitAction(wp, 'requestCorrection');
      assert.equal(await header(wp, '状态'), '待补正');
      await audit(wp, problems, 'handler', 'case-correcting');

      // Two days later the citizen answers the request online.
      setDay('2025-09-26');
      const c = citizen;
      await trackSignIn(c, problems);
      const box = main(c).locator('section', { has: c.page.getByRole('heading', { name: /补正/ }) }).first();
      assert.match(await box.innerText(), new RegExp(correctionWhat), 'the citizen sees what to correct');
      await audit(c, problems, 'citizen, correction requested', 'status-correction');
      await box.locator('textarea[name=text]').fill(correctionText);
      await follow(c, box.getByRole('button', { name: '提交补正' }));
      assert.match(c.page.url(), /done=corrected/);
      const text = await mainText(c);
      assert.match(text, /答复期限[^0-9]*2025-10-30/, 'the due date restarts from the corrected application: 2025-10-30 (the spec’s example)');
      assert.match(await deadlineText(c), /2025-09-24 一次性告知补正，2025-09-26 收到补正后的申请/, 'the restart is explained');
      await audit(c, problems, 'citizen, corrected', 'status-corrected');

      await page.goto(base + casePath);
      assert.match(await header(wp, '答复期限'), /^2025-10-30/, 'the handler sees the restarted due date');
      assertNoProblems(problems, 'correction');
    });

    step('3. a third-party consultation pauses the clock (due 2025-11-07, the spec’s example); the approver approves an extension', async () => {
      const problems: Problem[] = [];
      const wp = handler;
      const { page } = wp;
      setDay('2025-10-09');
      await page.goto(base + casePath);
      const start = action(wp, 'startConsultation');
      await start.locator('select[name=party]').selectOption('thirdParty');
      await start.locator('input[name=with]').fill('衡水市第一中学');
      await submitAction(wp, 'startConsultation');
      assert.equal(await header(wp, '状态'), '征求意见中');
      await audit(wp, problems, 'handler', 'case-consulting');

      setDay('2025-10-16');
      await page.goto(base + casePath);
      await submitAction(wp, 'endConsultation');
      assert.match(await header(wp, '答复期限'), /^2025-11-07/, 'the due date moved by the 6 paused working days');
      assert.match(await deadlineText(wp), /征求第三方意见 2025-10-09 至 2025-10-16：6个工作日不计算在答复期限内/, 'the pause is explained');

      setDay('2025-10-20');
      await page.goto(base + casePath);
      const ext = action(wp, 'requestExtension');
      assert.equal(await ext.locator('input[name=days]').inputValue(), '20');
      await ext.locator('textarea[name=reason]').fill('涉及多所学校的听证材料，需要逐份核对。');
      await submitAction(wp, 'requestExtension');
      assert.equal(await main(wp).locator('#act-approveExtension').count(), 0, 'the handler cannot approve the extension');

      setDay('2025-10-21');
      const ap = await newPage();
      await signIn(ap, staff.approver);
      await ap.page.goto(base + casePath);
      await audit(ap, problems, 'approver', 'case-extension');
      await submitAction(ap, 'approveExtension');
      const extended = await addWorkingDays('2025-11-07', 20);
      assert.match(await header(ap, '答复期限'), new RegExp(`^${extended}`), `the due date is extended by 20 working days to ${extended}`);
      assert.match(await deadlineText(ap), /延长答复期限：20个工作日/);
      assert.match(await deadlineText(ap), new RegExp(`答复期限：${extended}`));
      await ap.page.context().close();
      assertNoProblems(problems, 'consultation and extension');
    });

    step('4. the handler withholds it with reasons; the letter is listed, opens in LibreOffice and as a PDF', async (tc) => {
      setDay('2025-11-20');
      const problems: Problem[] = [];
      const wp = handler;
      const { page } = wp;
      await page.goto(base + casePath);
      const answer = action(wp, 'answer');
      // The outcome select offers every outcome code (the lapse ones only once their period ran out).
      const values = (await answer.locator('select[name=outcome] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).filter(Boolean);
      assert.deepEqual(new Set(values), new Set(outcomeCodes.filter((c) => !lapseOutcomes.has(c))), 'every outcome but the lapse ones is offered');
      await answer.locator('select[name=outcome]').selectOption('withhold.thirdParty');
      // Without reasons a withholding answer is refused, with the input kept.
      await follow(wp, answer.locator('button[type=submit]'));
      assert.match(await main(wp).locator('#act-answer .error-summary').innerText(), /理由/, 'the reasons are required');
      assert.equal(await action(wp, 'answer').locator('select[name=outcome]').inputValue(), 'withhold.thirdParty', 'the chosen outcome is kept');
      await audit(wp, problems, 'handler, answer refused', 'case-answer-refused');
      await action(wp, 'answer').locator('textarea[name=reasons]').fill(withholdReasons);
      await submitAction(wp, 'answer');
      assert.equal(await header(wp, '状态'), '已答复');
      assert.match(await header(wp, '答复结果'), /不予公开：保护第三方合法权益/);

      const letters = main(wp).locator('section', { has: page.getByRole('heading', { name: '告知书' }) });
      const link = letters.locator('tbody tr', { has: page.locator('td:text-is("答复告知书")') }).locator('a').first();
      letterHref = (await link.getAttribute('href')) ?? '';
      assert.match(letterHref, /\/letters\//, 'the reply letter is listed');
      await audit(wp, problems, 'handler', 'case-answered');
      await follow(wp, link);
      assert.match(await mainText(wp), /第十五条/, 'the letter cites Art. 15');
      assert.match(await mainText(wp), /行政复议/, 'and the right to reconsideration');
      await audit(wp, problems, 'handler', 'letter');

      const docx = await handlerContext.request.get(`${base}${letterHref}.docx`);
      assert.equal(docx.status(), 200);
      assert.match(docx.headers()['content-type'] ?? '', /wordprocessingml/);
      // The server's first PDF starts its Chromium: on a slow machine longer than the 10 s default.
      const pdf = await handlerContext.request.get(`${base}${letterHref}.pdf`, { timeout: 60_000 });
      assert.equal(pdf.status(), 200, 'the PDF route answers');
      assert.match(pdf.headers()['content-type'] ?? '', /application\/pdf/);
      assert.equal(Buffer.from(await pdf.body()).subarray(0, 5).toString(), '%PDF-');

      // LibreOffice opens the DOCX: it converts it to PDF.
      const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/lib/libreoffice/program/soffice'].find((p) => existsSync(p));
      if (!soffice) {
        if (process.env.REQUIRE_LIBREOFFICE === '1') assert.fail('REQUIRE_LIBREOFFICE=1 but LibreOffice (soffice) is not installed');
        tc.diagnostic('LibreOffice (soffice) is not installed: the DOCX conversion check is skipped (set REQUIRE_LIBREOFFICE=1 to require it)');
      } else {
        const dir = mkdtempSync(join(tmpdir(), 'gongkai-letter-'));
        try {
          writeFileSync(join(dir, 'letter.docx'), Buffer.from(await docx.body()));
          const r = await run(soffice, [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'letter.docx')], 120_000);
          const out = join(dir, 'letter.pdf');
          assert.ok(existsSync(out), `LibreOffice converted the letter (exit ${r.code}):\n${r.output}`);
          assert.equal(readFileSync(out).subarray(0, 5).toString(), '%PDF-');
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }
      assertNoProblems(problems, 'the answer and its letter');
    });

    step('5. a reconsideration corrects the answer: the case is reopened with the decision’s due date; a follow-up answer closes it', async () => {
      const problems: Problem[] = [];
      const wp = handler;
      const { page } = wp;
      setDay('2025-12-01');
      await page.goto(base + casePath);
      const file = action(wp, 'fileProceeding');
      await file.locator('select[name=kind]').selectOption('reconsideration');
      await file.locator('input[name=body]').fill('衡水市人民政府');
      await submitAction(wp, 'fileProceeding');

      setDay('2026-01-15');
      await page.goto(base + casePath);
      const decide = action(wp, 'decideProceeding');
      await decide.locator('select[name=result]').selectOption('corrected');
      await decide.locator('input[name=followUpDueOn]').fill('2026-02-13');
      await submitAction(wp, 'decideProceeding');
      assert.equal(await header(wp, '状态'), '重新答复中', 'the case is reopened');
      assert.match(await header(wp, '答复期限'), /^2026-02-13/, 'with the decision’s due date');
      assert.match(await mainText(wp), /2026-02-13/);
      await audit(wp, problems, 'handler', 'case-reopened');

      setDay('2026-02-02');
      await page.goto(base + casePath);
      const answer = action(wp, 'answer');
      await answer.locator('select[name=outcome]').selectOption('partial');
      await answer.locator('textarea[name=reasons]').fill('经复议决定，公开不涉及个人隐私的部分，其余部分不予公开。');
      await submitAction(wp, 'answer');
      assert.equal(await header(wp, '状态'), '已答复', 'the follow-up answer closes it again');
      assert.equal(await main(wp).locator('#act-answer').count(), 0, 'no further answer is offered');
      await audit(wp, problems, 'handler', 'case-closed');
      assertNoProblems(problems, 'reopening');
    });

    step('6. the citizen sees the answer and the letter, no internal note and no handler name; another case is not found', async () => {
      const problems: Problem[] = [];
      const wp = citizen;
      await trackSignIn(wp, problems);
      const text = await mainText(wp);
      assert.match(text, /已答复/, 'the status says answered');
      assert.match(text, /不予公开：保护第三方合法权益/, 'the first answer is on the timeline');
      assert.match(text, /答复告知书/, 'the letter is shown');
      assert.match(text, new RegExp(withholdReasons.slice(0, 12)), 'with its reasons');
      const html = await wp.page.content();
      for (const secret of [internalNote, '内部备注', staff.handler.displayName, staff.approver.displayName, staff.handler.username]) {
        assert.ok(!html.includes(secret), `the applicant's page does not show “${secret}”`);
      }
      await audit(wp, problems, 'citizen, answered', 'status-answered');
      // The letters are offered for download too.
      const docxLinks = main(wp).getByRole('link', { name: '下载告知书（Word）' });
      assert.ok((await docxLinks.count()) >= 2, 'the first and the follow-up answer letters can be downloaded');
      const docx = await citizenContext.request.get(base + (await docxLinks.first().getAttribute('href')));
      assert.equal(docx.status(), 200);
      assert.match(docx.headers()['content-type'] ?? '', /wordprocessingml/);

      // Another applicant's case: not found for this citizen, whose cookie is for their own case.
      const other = await t.services.applications.submitOnline(agencyCode, {
        applicant: { type: 'natural', name: '李四', idType: 'residentId', idNumber: residentId(22), phone: '13900001234' },
        description: '请公开本局2025年部门预算。',
        form: 'electronic',
        delivery: 'online',
      }, { ip: null });
      const res = await wp.page.goto(`${base}/track/${other.trackingCode}`);
      assert.equal(res?.status(), 404, 'another tracking code is not found');
      assert.ok(!(await wp.page.content()).includes('李四'));
      problems.push(...(await auditPage(wp, base, `/track/${other.trackingCode}`, { mode: 'citizen, other case', here: true, shot: null })));
      await wp.page.setViewportSize({ width: 375, height: 800 });

      // Another agency's handler: the case page, its letter and an action are "not found".
      const oh = await newPage();
      await signIn(oh, staff.otherHandler);
      for (const path of [casePath, letterHref, `${letterHref}.docx`]) {
        const r = await oh.page.context().request.get(base + path);
        assert.equal(r.status(), 404, `${path} is not found for another agency's handler`);
      }
      await oh.page.context().close();
      wp.take();
      assertNoProblems(problems, 'the citizen’s view');
    });

    step('7. every outcome code, answered through the staff form on its own case', async () => {
      setDay('2026-03-02');
      const apps = t.services.applications;
      const cases = new Map<OutcomeCode, string>();
      let serial = 100;
      for (const code of outcomeCodes) {
        const r = await apps.submitOnline(agencyCode, {
          applicant: { type: 'natural', name: '周五', idType: 'residentId', idNumber: residentId(serial++), phone: '13700001234' },
          description: `请公开与答复结果“${code}”相关的政府信息（测试第${serial}号）。`,
          form: 'electronic',
          delivery: 'online',
        }, { ip: null });
        cases.set(code, r.id);
      }
      // The lapse outcomes need their periods to run out: a correction request and a fee notice, by the handler.
      const b = new Browser(t.app);
      await b.signIn(staff.handler.username, password);
      setDay('2026-03-03');
      const act = async (id: string, fields: Record<string, string>) => {
        const name = fields.action;
        const res = await b.submitMultipart(`/admin/applications/${id}`, `/admin/applications/${id}/actions/${name}`, fields, []);
        const why = [...res.body.matchAll(/<div class="error-summary"[^>]*>([\s\S]*?)<\/div>/g)].map((m) => m[1].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim()).join(' | ');
        assert.equal(res.statusCode, 303, `${name} (${fields.outcome ?? ''}) was refused: ${res.statusCode} ${why}`);
      };
      await act(cases.get('other.correctionLapsed')!, { action: 'requestCorrection', on: '2026-03-03', until: '2026-03-13', what: '请写明所需信息的年份。' });
      // "Still unclear after correction" (Art. 30) needs a correction first.
      await act(cases.get('unable.stillUnclear')!, { action: 'requestCorrection', on: '2026-03-03', until: '2026-03-13', what: '请写明所需信息的名称。' });
      setDay('2026-03-05');
      await act(cases.get('unable.stillUnclear')!, { action: 'recordCorrection', on: '2026-03-05', text: '补正内容仍未写明所需信息。' });
      await act(cases.get('other.feeUnpaid')!, { action: 'notifyFee', on: '2026-03-05', basis: 'perPage', quantity: '150' });
      setDay('2026-05-06');
      for (const code of outcomeCodes) {
        const id = cases.get(code)!;
        const rule = outcomeRules[code];
        await act(id, {
          action: 'answer',
          on: today(),
          outcome: code,
          detail: rule.details?.[0] ?? '',
          reasons: rule.reasonsRequired ? `依据${rule.article || '有关规定'}作出答复的理由。` : '',
          rightAgency: rule.details?.[0] === 'notThisAgency' ? '衡水市财政局' : '',
        });
        const page = await b.get(`/admin/applications/${id}`);
        const label = JSON.parse(readFileSync(join(process.cwd(), 'locales/zh-CN/applications.json'), 'utf8'))[`applications.outcome.${code}`] as string;
        assert.ok(page.body.includes(label), `the case page of ${code} shows “${label}”`);
      }
    });

    step('8. the register page, the authority’s queue and the letter templates pass axe', async () => {
      const problems: Problem[] = [];
      const wp = handler;
      await open(wp, problems, '/admin/applications/new', 'handler', 'register');
      await follow(wp, main(wp).locator('form button[type=submit]').last());
      assert.ok(await main(wp).locator('.error-summary').count(), 'an empty registration is refused with messages');
      await audit(wp, problems, 'handler, register refused', 'register-errors');
      await open(wp, problems, '/admin/applications?state=closed', 'handler', 'queue-closed');

      const au = await newPage();
      await signIn(au, staff.authority);
      await open(au, problems, '/admin/applications', 'authority', 'queue-authority');
      await open(au, problems, '/admin/applications/templates', 'authority', 'templates');
      const edit = main(au).locator('table a').first();
      await follow(au, edit);
      assert.match(new URL(au.page.url()).pathname, /^\/admin\/applications\/templates\/[^/]+$/);
      await audit(au, problems, 'authority', 'template-edit');
      // The authority sees the case but does not act on it.
      await au.page.goto(base + casePath);
      assert.equal(await main(au).locator('section.case-action').count(), 0, 'the authority is offered no action');
      await audit(au, problems, 'authority', 'case-authority');
      await au.page.context().close();
      assertNoProblems(problems, 'the other back-office pages');
    });

    test('touch targets on every page of the flow: at least 44 px high on a 375 px phone', () => {
      assert.ok(touchTargets.pagesChecked >= 20, `touch targets were measured on ${touchTargets.pagesChecked} pages`);
      const n = new Set(touchTargets.findings.map((f) => f.detail)).size;
      assert.equal(touchTargets.findings.length, 0, `${n} too-small touch target(s):\n${formatTouchTargets(touchTargets.findings)}`);
    });
  });
}

/** Runs a program to completion with a time limit; its combined output for messages. */
function run(cmd: string, args: string[], timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: null, output: String(e) });
    });
  });
}
