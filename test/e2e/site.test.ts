/**
 * The whole site in a real browser: every public page, the sign-in page and every back-office page,
 * checked with axe-core (WCAG 2.1 A + AA), for console/CSP errors, HTTP errors and horizontal
 * scrolling at 375 px, with screenshots under test-artifacts/screenshots/.
 *
 * Runs against `gongkai start` on a fresh SQLite database with the demo city.
 * E2E_ALL=1 audits every instance of every page in the browser (by default each page template is
 * audited for a spread of agencies; every crawled page is still fetched and must not fail).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext } from 'playwright-core';
import { createTestDbUrl } from '../helpers/db.ts';
import {
  assertAllOpen,
  assertNoProblems,
  formatTouchTargets,
  htmlPagesOf,
  touchTargets,
  auditPage,
  crawl,
  linksIn,
  describeInBrowser,
  demoUsersFrom,
  launchBrowser,
  resetScreenshots,
  runGongkai,
  startServer,
  WatchedPage,
  type DemoUser,
  type Problem,
  type RunningServer,
} from './harness.ts';
import { registerToolbarTests } from './toolbar.ts';

/** The pages of the portal that must exist whatever the data. */
const fixedPublicPages = ['/', '/agencies', '/zwgk', '/zwgk/apply', '/search', '/help/accessibility'];
/** Per agency (code from the /agencies list). */
const agencyPages = (code: string) => [`/agencies/${code}`, `/zwgk/${code}/guide`, `/zwgk/${code}/rules`, `/zwgk/${code}/statutory`, `/zwgk/${code}/annual-reports`];
const fixedAdminPages = [
  '/admin',
  '/admin/agencies',
  '/admin/agencies/new',
  '/admin/users',
  '/admin/users/new',
  '/admin/account',
  '/admin/audit',
  '/admin/calendar',
  '/admin/site',
];

const auditAll = process.env.E2E_ALL === '1';

/** A fetcher for `crawl` over a browser context's cookie jar (the signed-in session included). */
function contextFetcher(context: BrowserContext, base: string) {
  return async (path: string) => {
    const res = await context.request.get(base + path, { failOnStatusCode: false });
    const html = (res.headers()['content-type'] ?? '').includes('text/html') ? await res.text() : null;
    return { status: res.status(), html };
  };
}

/**
 * The page template of a path: agency codes become ':code', and segments with digits (record ids,
 * years, index numbers) become ':id'.
 */
function templateOf(path: string, codes: Set<string>): string {
  return path
    .split('/')
    .map((s) => (codes.has(s) ? ':code' : /\d/.test(s) ? ':id' : s))
    .join('/');
}

/**
 * Which discovered pages get the full browser audit: all of them with E2E_ALL=1. Otherwise every page
 * without a variable part; the agency-level pages (/agencies/:code, /zwgk/:code/guide …) for a spread of
 * agencies (the city government, the first county, one in the middle of the tree and the last); and
 * the first, a middle and the last instance of every other template (/zwgk/:code/statutory/:item,
 * a publication /…/:id …). Every discovered page is fetched by the crawl either way.
 */
function pagesToAudit(paths: string[], codes: string[]): string[] {
  if (auditAll) return paths;
  const codeSet = new Set(codes);
  const spread = new Set([codes[0], codes[1], codes[Math.floor(codes.length / 2)], codes[codes.length - 1]].filter(Boolean));
  const byTemplate = new Map<string, string[]>();
  for (const p of paths) {
    const tpl = templateOf(p, codeSet);
    byTemplate.set(tpl, [...(byTemplate.get(tpl) ?? []), p]);
  }
  const chosen: string[] = [];
  for (const [tpl, instances] of byTemplate) {
    const segs = tpl.split('/');
    const at = segs.indexOf(':code');
    if (!segs.some((s) => s.startsWith(':'))) chosen.push(...instances);
    else if (at >= 0 && !segs.includes(':id') && segs.length - at - 1 <= 1) {
      const picked = instances.filter((p) => p.split('/').some((s) => spread.has(s)));
      chosen.push(...(picked.length ? picked : instances.slice(0, 1)));
    } else chosen.push(...new Set([instances[0], instances[Math.floor(instances.length / 2)], instances[instances.length - 1]]));
  }
  return chosen;
}

describeInBrowser('the site in Chromium: axe (WCAG 2.1 AA), console errors, 375 px (no sideways scrolling, 44 px touch targets), screenshots', () => {
  let db: Awaited<ReturnType<typeof createTestDbUrl>>;
  let server: RunningServer;
  let browser: Browser;
  let base: string;
  let users: DemoUser[];
  let publicContext: BrowserContext;
  let agencyCodes: string[] = [];

  before(async () => {
    resetScreenshots();
    db = await createTestDbUrl('sqlite');
    const env = { DATABASE_URL: db.url, TZ: process.env.TZ ?? 'Asia/Shanghai' };
    await runGongkai(['migrate'], env);
    const demo = await runGongkai(['demo', '--json'], env);
    users = demoUsersFrom(JSON.parse(demo.stdout));
    server = await startServer(env);
    base = server.url;
    browser = await launchBrowser();
    publicContext = await browser.newContext({ locale: 'zh-CN' });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await db?.dispose();
  });

  test('the demo loader gives one user per role, the administrator among them', () => {
    const roles = new Set(users.map((u) => u.role));
    for (const r of ['admin', 'authority', 'editor', 'handler', 'approver', 'inspector']) assert.ok(roles.has(r), `no demo user with role ${r} in ${JSON.stringify(users)}`);
  });

  test('every public page opens, passes axe, logs no error and fits a 375 px screen', async (t) => {
    const fetchPublic = contextFetcher(publicContext, base);
    const agencies = await fetchPublic('/agencies');
    assert.equal(agencies.status, 200, '/agencies');
    agencyCodes = [...new Set(linksIn(agencies.html ?? '', base + '/agencies').map((l) => /^\/agencies\/([^/]+)$/.exec(l)?.[1]).filter((c): c is string => !!c))];
    assert.ok(agencyCodes.length >= 12, `the agency list links at least the city and its 11 counties (found ${agencyCodes.length})`);

    const seeds = [...fixedPublicPages, ...agencyCodes.flatMap(agencyPages)];
    const reached = await crawl(fetchPublic, base, seeds, (p) => !p.startsWith('/admin') && !p.startsWith('/static/'));
    assertAllOpen(reached, 'public pages that do not open', server);

    const htmlPages = htmlPagesOf(reached);
    const wp = await WatchedPage.open(publicContext);
    const problems: Problem[] = [];
    for (const path of pagesToAudit(htmlPages, agencyCodes)) problems.push(...(await auditPage(wp, base, path, { mode: 'zh-CN' })));
    // A search with results, and a page that does not exist (404 in the site layout).
    problems.push(...(await auditPage(wp, base, `/search?q=${encodeURIComponent('教育局')}`, { mode: 'zh-CN', shot: 'search-results' })));
    problems.push(...(await auditPage(wp, base, '/agencies/NO-SUCH-AGENCY', { mode: 'zh-CN', shot: 'not-found', expectStatus: (s) => s === 404 })));
    await wp.page.close();
    t.diagnostic(`audited ${pagesToAudit(htmlPages, agencyCodes).length + 2} of ${htmlPages.length} public pages in the browser`);
    assertNoProblems(problems, 'public pages');
  });

  test('the English portal passes the same checks', async () => {
    const en = await browser.newContext({ locale: 'en-US' });
    const wp = await WatchedPage.open(en);
    const problems: Problem[] = [];
    problems.push(...(await auditPage(wp, base, '/?lang=en', { mode: 'en', shot: 'home--en' })));
    const code = agencyCodes[0] ?? 'HS';
    for (const p of ['/agencies', '/zwgk', `/agencies/${code}`, `/zwgk/${code}/guide`, '/zwgk/apply', '/help/accessibility', '/admin/sign-in']) {
      problems.push(...(await auditPage(wp, base, p, { mode: 'en' })));
    }
    assert.equal(await wp.page.getAttribute('html', 'lang'), 'en', 'the language choice is remembered and declared');
    await en.close();
    assertNoProblems(problems, 'English pages');
  });

  test('sign-in, and every back-office page for the administrator', async (t) => {
    const admin = users.find((u) => u.role === 'admin');
    assert.ok(admin, 'a demo administrator');
    const context = await browser.newContext({ locale: 'zh-CN' });
    const wp = await WatchedPage.open(context);
    const { page } = wp;
    const problems: Problem[] = [];

    // The sign-in page, then a failed attempt (an unknown user, so no real account gets locked).
    problems.push(...(await auditPage(wp, base, '/admin/sign-in', { mode: 'zh-CN' })));
    await page.fill('input[name=username]', 'e2e-nobody');
    await page.fill('input[name=password]', 'wrong-password-1');
    await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
    assert.match(await page.textContent('main') ?? '', /用户名或密码错误/);
    problems.push(...(await auditPage(wp, base, '/admin/sign-in', { mode: 'zh-CN, wrong password', here: true, shot: 'admin_sign-in--failed' })));

    await page.fill('input[name=username]', admin.username);
    await page.fill('input[name=password]', admin.password);
    await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
    assert.equal(new URL(page.url()).pathname, '/admin', `signed in as ${admin.username} and landed on /admin (was ${page.url()})`);

    const reached = await crawl(contextFetcher(context, base), base, fixedAdminPages, (p) => p.startsWith('/admin') && !p.includes('sign-out') && !p.includes('sign-in'));
    assertAllOpen(reached, 'back-office pages that do not open', server);
    const paths = htmlPagesOf(reached);
    const toAudit = pagesToAudit(paths, agencyCodes);
    // The user pages: at most a handful of accounts unless E2E_ALL=1.
    const userPages = toAudit.filter((p) => /^\/admin\/users\/[^/]+$/.test(p) && p !== '/admin/users/new');
    const audited = toAudit.filter((p) => !userPages.includes(p) || auditAll || userPages.indexOf(p) < 3);
    for (const path of audited) {
      problems.push(...(await auditPage(wp, base, path, { mode: 'admin' })));
    }
    assert.ok(audited.some((p) => /^\/admin\/agencies\/[^/]+$/.test(p) && p !== '/admin/agencies/new'), 'an agency page of the back office was reached from /admin/agencies');
    assert.ok(audited.some((p) => /^\/admin\/users\/[^/]+$/.test(p) && p !== '/admin/users/new'), 'a user page of the back office was reached from /admin/users');

    // Forms that fail validation re-render with their messages: those pages must be accessible too.
    for (const form of ['/admin/agencies/new', '/admin/users/new']) {
      await page.goto(base + form);
      await page.$eval('main form[method=post], main form[method=POST]', (f) => ((f as HTMLFormElement).noValidate = true));
      wp.take();
      await Promise.all([page.waitForNavigation(), page.click('main form[method=post] button[type=submit], main form[method=POST] button[type=submit]')]);
      const errorSummary = await page.$('.error-summary');
      if (!errorSummary) problems.push({ page: form, mode: 'admin, empty submission', kind: 'check', detail: 'no error summary after submitting the empty form' });
      problems.push(...(await auditPage(wp, base, form, { mode: 'admin, empty submission', here: true, shot: `${form.replace(/\W+/g, '_').replace(/^_/, '')}--errors` })));
    }
    t.diagnostic(`audited ${audited.length + 4} of ${paths.length} back-office pages in the browser`);
    await context.close();
    assertNoProblems(problems, 'sign-in and back office');
  });

  registerToolbarTests(() => ({ browser, base, documentPath: `/zwgk/${agencyCodes[0] ?? 'HS'}/guide` }));

  test('touch targets on every page audited above: at least 44 px high on a 375 px phone, 60 px in elder mode (150 % text and more)', () => {
    assert.ok(touchTargets.pagesChecked > 50, `touch targets were measured on ${touchTargets.pagesChecked} pages`);
    const n = new Set(touchTargets.findings.map((f) => f.detail)).size;
    assert.equal(touchTargets.findings.length, 0, `${n} too-small touch target(s) (stand-alone links, buttons, fields; links inside a sentence are exempt):\n${formatTouchTargets(touchTargets.findings)}`);
  });
});
