/**
 * The accessibility and elder-friendly toolbar (portal.md) in a real browser: every mode passes axe
 * and fits a phone, the settings survive a reload, the keyboard shortcut opens it, and read aloud hands
 * the page's text at the chosen speed to the browser's speech synthesis.
 *
 * Speech: window.speechSynthesis is replaced before any page script runs by a recorder of the
 * utterances it is given (the browser API, not our code), which also fires their `end` event.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { assertNoProblems, auditPage, WatchedPage, type Problem } from './harness.ts';

interface Env {
  browser: Browser;
  base: string;
  /** A document-like page: an agency's disclosure guide. */
  documentPath: string;
}

const SHORTCUT = 'Alt+Shift+A';

/** What a user sees of the page, measured in the browser. */
async function looks(page: Page) {
  return page.evaluate(() => {
    const cs = (el: Element | null) => (el ? getComputedStyle(el) : null);
    const h1 = document.querySelector('main h1');
    const p = document.querySelector('main p') ?? h1;
    const header = document.querySelector('header');
    const visible = (sel: string) => {
      const el = document.querySelector(sel);
      if (!el) return false;
      const s = getComputedStyle(el);
      return el.getClientRects().length > 0 && s.display !== 'none' && s.visibility !== 'hidden' && Number(s.opacity) > 0;
    };
    return {
      bodyBackground: cs(document.body)!.backgroundColor,
      bodyColor: cs(document.body)!.color,
      mainBackground: cs(document.querySelector('main'))!.backgroundColor,
      headerBackground: header ? `${cs(header)!.backgroundColor} ${cs(header)!.backgroundImage}` : '',
      headerStyle: header ? `${cs(header)!.borderBottom} ${cs(header)!.boxShadow} ${cs(header)!.padding}` : '',
      paragraphFontSize: parseFloat(cs(p)!.fontSize),
      h1Height: h1 ? h1.getBoundingClientRect().height : 0,
      h1Text: (h1 as HTMLElement | null)?.innerText.trim() ?? '',
      cursor: cs(document.body)!.cursor + ' ' + cs(document.querySelector('main a') ?? document.body)!.cursor,
      toolbarVisible: visible('#a11y-toolbar'),
      guideVisible: visible('.a11y-guide-h') && visible('.a11y-guide-v'),
      captionsVisible: visible('.a11y-captions-bar'),
      captionsText: (document.querySelector('.a11y-captions-bar') as HTMLElement | null)?.innerText.trim() ?? '',
      captionsFontSize: parseFloat(cs(document.querySelector('.a11y-captions-bar p'))?.fontSize ?? '0'),
      stylesheetRules: Array.from(document.styleSheets).reduce((n, s) => {
        try {
          return n + (s.disabled ? 0 : s.cssRules.length);
        } catch {
          return n;
        }
      }, 0),
      textValue: document.getElementById('a11y-text-value')?.textContent?.trim() ?? '',
      pageValue: document.getElementById('a11y-page-value')?.textContent?.trim() ?? '',
      rateValue: document.getElementById('a11y-rate-value')?.textContent?.trim() ?? '',
    };
  });
}
type Looks = Awaited<ReturnType<typeof looks>>;

export async function tool(page: Page, name: string, value?: string, times = 1) {
  const sel = `#a11y-toolbar [data-a11y="${name}"]${value ? `[data-value="${value}"]` : ''}`;
  for (let i = 0; i < times; i++) await page.click(sel);
}

export async function openToolbar(page: Page) {
  if (!(await page.isVisible('#a11y-toolbar'))) await page.click('#a11y-toggle');
  assert.ok(await page.isVisible('#a11y-toolbar'), 'the toolbar opens from its button');
}

interface Mode {
  name: string;
  apply(page: Page): Promise<void>;
  /** What a user would notice, compared with the page in the standard mode. */
  check(now: Looks, before: Looks): string | null;
  /** Smallest touch target in this mode (elder mode, from 150 % text: 60 px). */
  minTarget?: number;
}

const modes: Mode[] = [
  ...(['yb', 'wb', 'bw'] as const).map(
    (scheme): Mode => ({
      name: `colour scheme ${scheme}`,
      apply: (page) => tool(page, 'scheme', scheme),
      check: (now, before) =>
        now.bodyBackground === before.bodyBackground && now.bodyColor === before.bodyColor && now.mainBackground === before.mainBackground
          ? `the colours did not change (body ${now.bodyColor} on ${now.bodyBackground})`
          : null,
    }),
  ),
  {
    name: 'text zoom max',
    apply: (page) => tool(page, 'text-up', undefined, 8),
    check: (now, before) =>
      now.paragraphFontSize < before.paragraphFontSize * 1.5 ? `text is ${now.paragraphFontSize}px, was ${before.paragraphFontSize}px (at least 1.5× expected; shows ${now.textValue})` : null,
    minTarget: 60,
  },
  {
    name: 'page zoom max',
    apply: (page) => tool(page, 'page-up', undefined, 8),
    check: (now, before) => (now.h1Height < before.h1Height * 1.5 ? `the heading is ${now.h1Height}px high, was ${before.h1Height}px (shows ${now.pageValue})` : null),
  },
  {
    name: 'large cursor',
    apply: (page) => tool(page, 'cursor'),
    check: (now, before) => (now.cursor === before.cursor || !now.cursor.includes('url(') ? `the cursor did not change (${now.cursor})` : null),
  },
  {
    name: 'reading guide',
    async apply(page) {
      await tool(page, 'guide');
      await page.mouse.move(300, 400);
      await page.mouse.move(320, 420);
    },
    check: (now) => (now.guideVisible ? null : 'no crosshair after moving the pointer'),
  },
  {
    name: 'large captions',
    async apply(page) {
      await tool(page, 'captions');
      await page.hover('main h1');
    },
    check: (now) =>
      !now.captionsVisible
        ? 'no caption bar'
        : !now.captionsText.includes(now.h1Text)
          ? `the caption bar shows "${now.captionsText}", not the heading under the pointer ("${now.h1Text}")`
          : now.captionsFontSize < 24
            ? `caption text is only ${now.captionsFontSize}px`
            : null,
  },
  {
    name: 'plain text',
    apply: (page) => tool(page, 'plain'),
    check: (now, before) =>
      now.headerBackground === before.headerBackground && now.headerStyle === before.headerStyle && now.bodyBackground === before.bodyBackground
        ? `the page looks the same as before (header ${now.headerBackground})`
        : null,
  },
];

/** Replaces window.speechSynthesis with a recorder of utterances (text, rate, lang); each one "ends" at once. */
export function recordSpeech() {
  const spoken: { text: string; rate: number; lang: string }[] = [];
  const fake = {
    speaking: false,
    pending: false,
    paused: false,
    onvoiceschanged: null,
    getVoices: () => [],
    speak(u: SpeechSynthesisUtterance) {
      spoken.push({ text: u.text, rate: u.rate, lang: u.lang });
      setTimeout(() => u.dispatchEvent(new SpeechSynthesisEvent('end', { utterance: u })), 0);
    },
    cancel() {},
    pause() {},
    resume() {},
    addEventListener() {},
    removeEventListener() {},
    dispatchEvent: () => true,
  };
  Object.defineProperty(window, 'speechSynthesis', { configurable: true, get: () => fake });
  (window as unknown as { __spoken: typeof spoken }).__spoken = spoken;
}

export async function spoken(page: Page): Promise<{ text: string; rate: number; lang: string }[]> {
  return page.evaluate(() => (window as unknown as { __spoken: { text: string; rate: number; lang: string }[] }).__spoken.slice());
}

/** Polls the page until `fn` holds (the toolbar works asynchronously); the test fails with `what` otherwise. */
export async function eventually(page: Page, what: string, fn: () => Promise<boolean>) {
  for (let i = 0; i < 50; i++) {
    if (await fn()) return;
    await page.waitForTimeout(100);
  }
  assert.fail(what);
}

export function registerToolbarTests(get: () => Env): void {
  async function fresh(): Promise<{ context: BrowserContext; wp: WatchedPage }> {
    const context = await get().browser.newContext({ locale: 'zh-CN' });
    return { context, wp: await WatchedPage.open(context) };
  }

  test('accessibility toolbar: the keyboard shortcut opens and closes it, and the launcher button too', async () => {
    const { base } = get();
    const { context, wp } = await fresh();
    const { page } = wp;
    await page.goto(base + '/');
    assert.equal(await page.isVisible('#a11y-toolbar'), false, 'closed at first');
    await page.keyboard.press(SHORTCUT);
    assert.ok(await page.isVisible('#a11y-toolbar'), `${SHORTCUT} opens the toolbar`);
    assert.ok(await page.evaluate(() => !!document.activeElement?.closest('#a11y-toolbar')), 'the focus moves into the toolbar');
    await page.keyboard.press('Escape');
    assert.equal(await page.isVisible('#a11y-toolbar'), false, 'Escape closes it');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'a11y-toggle', 'the focus returns to the launcher');
    await page.keyboard.press(SHORTCUT);
    await page.keyboard.press(SHORTCUT);
    assert.equal(await page.isVisible('#a11y-toolbar'), false, 'the shortcut toggles');
    await page.click('#a11y-toggle');
    assert.ok(await page.isVisible('#a11y-toolbar'), 'the launcher button opens it');
    assert.equal(await page.getAttribute('#a11y-toggle', 'aria-expanded'), 'true');
    const errors = wp.take();
    await context.close();
    assert.deepEqual(errors, [], 'no console errors');
  });

  test('accessibility toolbar: every mode is visible to the user, passes axe and fits 375 px, on the home page and a document page', async (t) => {
    const { base, documentPath } = get();
    const problems: Problem[] = [];
    for (const path of ['/', documentPath]) {
      // The standard look, with the toolbar open.
      const { context: c0, wp: w0 } = await fresh();
      await w0.page.goto(base + path);
      await openToolbar(w0.page);
      const before = await looks(w0.page);
      problems.push(...(await auditPage(w0, base, path, { mode: 'toolbar open', here: true, shot: `toolbar--open--${path === '/' ? 'home' : 'document'}` })));
      await c0.close();

      for (const mode of modes) {
        const { context, wp } = await fresh();
        const { page } = wp;
        await page.goto(base + path);
        await openToolbar(page);
        await mode.apply(page);
        const now = await looks(page);
        const wrong = mode.check(now, before);
        if (wrong) problems.push({ page: path, mode: mode.name, kind: 'check', detail: wrong });
        problems.push(...(await auditPage(wp, base, path, { mode: mode.name, here: true, minTarget: mode.minTarget, shot: `toolbar--${mode.name.replace(/\W+/g, '-')}--${path === '/' ? 'home' : 'document'}` })));
        await context.close();
      }
    }
    t.diagnostic(`${modes.length} modes × 2 pages`);
    assertNoProblems(problems, 'toolbar modes');
  });

  test('accessibility toolbar: settings are remembered across a reload and another page, and reset restores the standard look', async () => {
    const { base, documentPath } = get();
    const { context, wp } = await fresh();
    const { page } = wp;
    await page.goto(base + documentPath);
    const standard = await looks(page);
    await openToolbar(page);
    await tool(page, 'text-up', undefined, 8);
    await tool(page, 'scheme', 'yb');
    await tool(page, 'captions');
    const changed = await looks(page);

    await page.reload();
    const reloaded = await looks(page);
    assert.ok(reloaded.toolbarVisible, 'the toolbar is still open');
    assert.equal(reloaded.textValue, changed.textValue, 'the text size is remembered');
    assert.equal(reloaded.paragraphFontSize, changed.paragraphFontSize, 'the text is still enlarged');
    assert.equal(reloaded.bodyBackground, changed.bodyBackground, 'the colour scheme is remembered');
    assert.equal(await page.getAttribute('#a11y-toolbar [data-a11y="scheme"][data-value="yb"]', 'aria-pressed'), 'true');
    assert.equal(await page.getAttribute('#a11y-toolbar [data-a11y="captions"]', 'aria-pressed'), 'true');

    await page.goto(base + '/');
    const home = await looks(page);
    assert.equal(home.textValue, changed.textValue, 'the settings follow the visitor to another page');
    assert.equal(home.bodyBackground, changed.bodyBackground);

    await page.goto(base + documentPath);
    await tool(page, 'reset');
    const after = await looks(page);
    assert.equal(after.paragraphFontSize, standard.paragraphFontSize, 'reset restores the text size');
    assert.equal(after.bodyBackground, standard.bodyBackground, 'reset restores the colours');
    assert.equal(await page.getAttribute('#a11y-toolbar [data-a11y="captions"]', 'aria-pressed'), 'false');
    await page.reload();
    assert.equal((await looks(page)).paragraphFontSize, standard.paragraphFontSize, 'the reset is remembered too');
    const errors = wp.take();
    await context.close();
    assert.deepEqual(errors, [], 'no console errors');
  });

  test('accessibility toolbar: read aloud speaks the page text at the chosen speed; point-to-read speaks what is under the pointer', async () => {
    const { base, documentPath } = get();
    const { context, wp } = await fresh();
    await context.addInitScript(recordSpeech);
    const { page } = wp;
    await page.goto(base + documentPath);
    await openToolbar(page);
    await tool(page, 'rate-up', undefined, 2);
    assert.match((await looks(page)).rateValue, /1\.5/, 'the chosen speed is shown');
    const h1 = (await page.innerText('main h1')).trim();
    const paragraph = (await page.evaluate(() => {
      // The first paragraph of the body text after the heading.
      const h = document.querySelector('main h1')!;
      const p = Array.from(document.querySelectorAll('main p, main dd, main td')).find(
        (e) => h.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING && (e as HTMLElement).innerText.trim().length > 4,
      );
      return (p as HTMLElement | undefined)?.innerText ?? '';
    })).replace(/\s+/g, ' ').trim();

    await tool(page, 'read');
    await eventually(page, 'read aloud reaches the end of the page', async () => (await page.getAttribute('#a11y-toolbar [data-a11y="read"]', 'aria-pressed')) === 'false' && (await spoken(page)).length > 1);
    const utterances = await spoken(page);
    const all = utterances.map((u) => u.text).join(' ');
    const headingAt = utterances.findIndex((u) => u.text === h1);
    assert.ok(headingAt >= 0, `the page heading "${h1}" is read (got ${JSON.stringify(utterances.slice(0, 5).map((u) => u.text))}…)`);
    const paragraphAt = utterances.findIndex((u) => paragraph.length > 0 && u.text.includes(paragraph.slice(0, 20)));
    assert.ok(paragraphAt > headingAt, `the body text is read after the heading (looking for "${paragraph.slice(0, 20)}" in "${all.slice(0, 300)}…")`);
    for (const u of utterances) {
      assert.equal(u.rate, 1.5, 'every utterance uses the chosen speed');
      assert.equal(u.lang, 'zh-CN', 'in the page language');
    }

    // Point-to-read, with the speed remembered across a reload.
    await page.reload();
    assert.match((await looks(page)).rateValue, /1\.5/, 'the speed is remembered');
    await tool(page, 'point');
    const count = (await spoken(page)).length;
    await page.hover('main h1');
    await eventually(page, 'pointing at the heading reads it', async () => (await spoken(page)).slice(count).some((u) => u.text === h1));
    assert.ok((await spoken(page)).slice(count).every((u) => u.rate === 1.5));
    const errors = wp.take();
    await context.close();
    assert.deepEqual(errors, [], 'no console errors');
  });
}
