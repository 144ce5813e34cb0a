import type { RequestContext } from '../context.ts';
import { renderedOnce } from '../render.ts';

/**
 * The accessibility and elder-friendly toolbar (MIIT 工信厅信管函〔2021〕67号, GB/T 37668-2019):
 * read aloud (continuous / point-to-read) with speed, text and page zoom, high-contrast colour schemes,
 * large cursor, reading guide, large captions, plain text, reset, help — and a keyboard shortcut.
 *
 * Server-rendered markup only; public/js/a11y.js does the work and public/js/a11y-init.js applies the
 * remembered settings before the first paint. Without JavaScript the launcher and the toolbar stay
 * `hidden`, so nothing broken is shown. Texts come from the message catalog; the few the script needs
 * at run time travel in a JSON data block (type="application/json" is never executed, so the CSP allows it).
 */

/** The keyboard shortcut that opens and closes the toolbar (documented on /help/accessibility). */
export const a11yShortcut = 'Alt+Shift+A';

/** Every tool, in toolbar order; each has a label `a11y.<tool>` and a help text `a11y.help.<tool>`. */
export const a11yTools = ['read', 'point', 'rate', 'textZoom', 'pageZoom', 'scheme', 'cursor', 'guide', 'captions', 'plain', 'reset', 'help'] as const;

/** The colour schemes (besides the standard one): yellow on black, white on black, black on white. */
export const a11ySchemes = ['default', 'yb', 'wb', 'bw'] as const;

/** Messages the script shows or speaks (status line, live values). */
const scriptMessages = [
  'a11y.status.reading',
  'a11y.status.readingDone',
  'a11y.status.stopped',
  'a11y.status.pointOn',
  'a11y.status.pointOff',
  'a11y.status.noSpeech',
  'a11y.status.noVoice',
  'a11y.status.reset',
  'a11y.status.opened',
  'a11y.status.closed',
  'a11y.value.percent',
  'a11y.value.rate',
  'a11y.imageAlt',
];

/** JSON for a <script type="application/json"> block: `<` escaped so the text can never close the element. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** The launcher button (in the header's top bar). */
export function A11yLauncher({ ctx }: { ctx: RequestContext }) {
  // The same on every page of a language: rendered once per translator and locale.
  return renderedOnce(ctx.t, `launcher ${ctx.locale}`, () => <LauncherMarkup ctx={ctx} />);
}

function LauncherMarkup({ ctx }: { ctx: RequestContext }) {
  const { t } = ctx;
  return (
    <div class="a11y-launcher" id="a11y-launcher" hidden>
      <button type="button" id="a11y-toggle" class="a11y-toggle" aria-expanded="false" aria-controls="a11y-toolbar" aria-keyshortcuts={a11yShortcut}>
        <span class="a11y-toggle-icon" aria-hidden="true"></span>
        {t('a11y.toggle')}
        <span class="a11y-kbd"> ({a11yShortcut})</span>
      </button>
    </div>
  );
}

function Toggle({ tool, label, value }: { tool: string; label: string; value?: string }) {
  return (
    <button type="button" class="a11y-btn" data-a11y={tool} data-value={value} aria-pressed="false">
      {label}
    </button>
  );
}

function Action({ tool, label, aria }: { tool: string; label: string; aria?: string }) {
  return (
    <button type="button" class="a11y-btn" data-a11y={tool} aria-label={aria}>
      {label}
    </button>
  );
}

/** The toolbar itself (a labelled region; shown by the launcher or the shortcut). */
export function A11yToolbar({ ctx }: { ctx: RequestContext }) {
  return renderedOnce(ctx.t, `toolbar ${ctx.locale}`, () => <ToolbarMarkup ctx={ctx} />);
}

function ToolbarMarkup({ ctx }: { ctx: RequestContext }) {
  const { t } = ctx;
  const messages: Record<string, string> = {};
  for (const k of scriptMessages) messages[k] = t(k);
  const config = { lang: ctx.locale === 'en' ? 'en' : 'zh-CN', shortcut: a11yShortcut, messages };
  return (
    <>
      <section id="a11y-toolbar" class="a11y-toolbar" aria-label={t('a11y.toolbar')} hidden>
        <div class="wrap a11y-groups">
          <div class="a11y-group" role="group" aria-labelledby="a11y-g-speech">
            <span class="a11y-group-label" id="a11y-g-speech">{t('a11y.group.speech')}</span>
            <Toggle tool="read" label={t('a11y.read')} />
            <Toggle tool="point" label={t('a11y.point')} />
            <Action tool="rate-down" label={t('a11y.rate.down')} aria={t('a11y.rate.downLabel')} />
            <output class="a11y-value" id="a11y-rate-value" aria-live="polite" aria-label={t('a11y.rate')}>
              {t('a11y.value.rate', { value: '1.0' })}
            </output>
            <Action tool="rate-up" label={t('a11y.rate.up')} aria={t('a11y.rate.upLabel')} />
          </div>
          <div class="a11y-group" role="group" aria-labelledby="a11y-g-text">
            <span class="a11y-group-label" id="a11y-g-text">{t('a11y.group.text')}</span>
            <Action tool="text-up" label={t('a11y.textZoom.up')} />
            <Action tool="text-down" label={t('a11y.textZoom.down')} />
            <output class="a11y-value" id="a11y-text-value" aria-live="polite" aria-label={t('a11y.textZoom')}>
              {t('a11y.value.percent', { value: 100 })}
            </output>
          </div>
          <div class="a11y-group" role="group" aria-labelledby="a11y-g-page">
            <span class="a11y-group-label" id="a11y-g-page">{t('a11y.group.page')}</span>
            <Action tool="page-up" label={t('a11y.pageZoom.up')} />
            <Action tool="page-down" label={t('a11y.pageZoom.down')} />
            <output class="a11y-value" id="a11y-page-value" aria-live="polite" aria-label={t('a11y.pageZoom')}>
              {t('a11y.value.percent', { value: 100 })}
            </output>
          </div>
          <div class="a11y-group" role="group" aria-labelledby="a11y-g-scheme">
            <span class="a11y-group-label" id="a11y-g-scheme">{t('a11y.scheme')}</span>
            {a11ySchemes.map((s) => (
              <Toggle key={s} tool="scheme" value={s} label={t(`a11y.scheme.${s}`)} />
            ))}
          </div>
          <div class="a11y-group" role="group" aria-labelledby="a11y-g-view">
            <span class="a11y-group-label" id="a11y-g-view">{t('a11y.group.view')}</span>
            <Toggle tool="cursor" label={t('a11y.cursor')} />
            <Toggle tool="guide" label={t('a11y.guide')} />
            <Toggle tool="captions" label={t('a11y.captions')} />
            <Toggle tool="plain" label={t('a11y.plain')} />
          </div>
          <div class="a11y-group" role="group" aria-labelledby="a11y-g-more">
            <span class="a11y-group-label" id="a11y-g-more">{t('a11y.group.more')}</span>
            <Action tool="reset" label={t('a11y.reset')} />
            <a class="a11y-btn" href="/help/accessibility">
              {t('a11y.help')}
            </a>
            <Action tool="close" label={t('a11y.close')} aria={t('a11y.closeLabel')} />
          </div>
        </div>
        <p class="wrap a11y-status" id="a11y-status" role="status" aria-live="polite"></p>
      </section>
      <script type="application/json" id="a11y-config" dangerouslySetInnerHTML={{ __html: jsonForScript(config) }}></script>
    </>
  );
}
