/**
 * Read aloud (连读) reads the page's content, not its navigation: a focused browser test on a column page,
 * whose sub-column navigation sits inside <main> beside the content. Skipped without Chromium.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { addAgency, buildTestApp, type TestApp } from '../helpers/app.ts';
import { describeInBrowser, launchBrowser } from './harness.ts';
import { eventually, openToolbar, recordSpeech, spoken, tool } from './toolbar.ts';

describeInBrowser('read aloud skips navigation', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  before(async () => {
    t = await buildTestApp('sqlite');
    await addAgency(t.services, 'HS', '衡水市人民政府', { kind: 'government' });
    base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.dispose();
  });

  test('the column page is read from its heading through its text; the column navigation in <main> is not read', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    // tsx wraps named functions in __name(...): the page gets a no-op one (as WatchedPage does).
    await context.addInitScript({ content: 'globalThis.__name = globalThis.__name || function (f) { return f; };' });
    await context.addInitScript(recordSpeech);
    const page = await context.newPage();
    await page.goto(`${base}/zwgk/HS/guide`);
    const { navTexts, contentTexts, h1 } = (await page.evaluate(`(() => {
      const text = (e) => e.innerText.replace(/\\s+/g, ' ').trim();
      const main = document.getElementById('main');
      const blocks = Array.from(main.querySelectorAll('h1,h2,h3,p,li,dt,dd,td,th'));
      return {
        navTexts: Array.from(main.querySelectorAll('nav a')).map(text).filter(Boolean),
        contentTexts: blocks.filter((b) => !b.closest('nav')).map(text),
        h1: text(main.querySelector('h1')),
      };
    })()`)) as { navTexts: string[]; contentTexts: string[]; h1: string };
    assert.ok(navTexts.length >= 4, `the page has navigation inside <main> to skip (found ${JSON.stringify(navTexts)})`);
    await openToolbar(page);
    await tool(page, 'read');
    await eventually(page, 'read aloud reaches the end of the page', async () => (await page.getAttribute('#a11y-toolbar [data-a11y="read"]', 'aria-pressed')) === 'false' && (await spoken(page)).length > 1);
    const said = (await spoken(page)).map((u) => u.text);
    assert.ok(said.includes(h1), `the heading is read (got ${JSON.stringify(said.slice(0, 5))})`);
    // A link of the navigation is never read — unless the same words are also part of the content.
    const misread = navTexts.filter((n) => !contentTexts.some((c) => c.includes(n)) && said.some((s) => s.includes(n)));
    assert.deepEqual(misread, [], `navigation read aloud: ${JSON.stringify(said)}`);
    await context.close();
  });
});
