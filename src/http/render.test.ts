/**
 * Page parts made once and reused (the accessibility toolbar per language, the footer per settings) and the publication
 * times (formatInstant without Intl since 1992) show what they showed when built on every request.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { h } from 'preact';
import { render } from 'preact-render-to-string';
import { formatInstant } from './render.ts';
import { translator, type Locale } from './i18n/index.ts';
import { A11yLauncher, A11yToolbar } from './views/A11yToolbar.tsx';
import { SiteFooter } from './views/SiteFooter.tsx';
import type { RequestContext } from './context.ts';
import { defaultSiteSettings } from '../modules/site/index.ts';

const shanghai = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
function byIntl(iso: string): string {
  const parts = shanghai.formatToParts(new Date(iso));
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

test('publication times are Shanghai time, across day and year boundaries and in the summer times of 1986–1991', () => {
  assert.equal(formatInstant('2024-12-31T16:00:00.000Z'), '2025-01-01 00:00');
  assert.equal(formatInstant('2024-12-31T15:59:59.999Z'), '2024-12-31 23:59');
  assert.equal(formatInstant('2024-02-29T20:30:00+08:00'), '2024-02-29 20:30');
  assert.equal(formatInstant('1988-07-01T00:00:00Z'), '1988-07-01 09:00', 'summer time (UTC+9) in 1988');
  assert.equal(formatInstant(''), '');
  assert.equal(formatInstant('not a time'), '');
  for (let ms = Date.UTC(1985, 0, 1); ms < Date.UTC(2040, 0, 1); ms += 86_399_937) {
    const iso = new Date(ms).toISOString();
    assert.equal(formatInstant(iso), byIntl(iso), iso);
  }
});

const ctxOf = (locale: Locale): RequestContext => ({ locale, t: translator(locale), principal: null, site: defaultSiteSettings, demo: false, url: '/', csrfToken: () => '' });

test('the accessibility toolbar, made once per language, is in the language of each page', () => {
  for (const locale of ['zh-CN', 'en', 'zh-CN', 'en'] as const) {
    const ctx = ctxOf(locale);
    const html = render(h('div', null, h(A11yLauncher, { ctx }), h(A11yToolbar, { ctx })));
    assert.ok(html.startsWith('<div><div class="a11y-launcher" id="a11y-launcher" hidden>'), html.slice(0, 80));
    assert.ok(html.includes(`aria-label="${ctx.t('a11y.toolbar')}"`), locale);
    assert.ok(html.includes(`>${ctx.t('a11y.toggle')}<`), locale);
    const cfg = JSON.parse(/<script type="application\/json" id="a11y-config">([\s\S]*?)<\/script>/.exec(html)![1]);
    assert.equal(cfg.lang, locale);
    assert.equal(cfg.messages['a11y.status.noSpeech'], ctx.t('a11y.status.noSpeech'));
  }
  assert.notEqual(translator('en')('a11y.toolbar'), translator('zh-CN')('a11y.toolbar'), 'the two languages differ');
});

test('the footer, made once per settings, shows changed settings and the language of each page', () => {
  const first = { ...defaultSiteSettings, organiser: '甲市人民政府办公室', organiserEn: 'General Office of Jia', contactPhone: '010-1' };
  const changed = { ...first, organiser: '乙市人民政府办公室', contactPhone: '' };
  const footer = (locale: Locale, site: typeof first) => render(h(SiteFooter, { ctx: { ...ctxOf(locale), site } }));
  for (let round = 0; round < 2; round++) {
    assert.ok(footer('zh-CN', first).includes('甲市人民政府办公室'));
    assert.ok(footer('zh-CN', first).includes('010-1'));
    assert.ok(footer('en', first).includes('General Office of Jia'));
    assert.ok(footer('zh-CN', changed).includes('乙市人民政府办公室'));
    assert.ok(!footer('zh-CN', changed).includes('010-1'), 'a removed contact is gone');
    assert.ok(footer('zh-CN', first).startsWith('<footer class="site-footer">'));
  }
});
