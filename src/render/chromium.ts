/**
 * The shared headless Chromium (Debian's package, launched through playwright-core): prints self-contained HTML
 * to PDF (letters, receipts, reports) and screenshots SVG charts to PNG (charts in Word documents). One browser
 * per process, launched on first use and closed after an idle period, on app close or at exit. Nothing is ever
 * fetched from the network: every request a page makes is aborted.
 *
 * Not a module: modules and the CLI use it, like storage.
 */
import { existsSync } from 'node:fs';
import type { Browser, BrowserContext } from 'playwright-core';
import { AppError } from '../kernel/errors.ts';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
let chromiumPath = '/usr/bin/chromium';
let browser: Promise<Browser> | null = null;
let idleTimer: NodeJS.Timeout | null = null;
const IDLE_MS = 5 * 60_000;

/** Where Chromium is (the composition root may set it; the default is Debian's package). */
export function configurePdf(opts: { chromiumPath?: string }): void {
  if (opts.chromiumPath && opts.chromiumPath !== chromiumPath) {
    chromiumPath = opts.chromiumPath;
    void closePdfBrowser();
  }
}

/** The code the routes recognise: PDF (or PNG) cannot be made here (no browser). */
export const PDF_UNAVAILABLE = 'pdfUnavailable';
export function isPdfUnavailable(e: unknown): boolean {
  return e instanceof AppError && e.code === 'internal' && e.params.reason === PDF_UNAVAILABLE;
}
function unavailable(why: string, cause?: unknown): AppError {
  return new AppError('internal', `PDF rendering unavailable: ${why}`, { params: { reason: PDF_UNAVAILABLE }, cause });
}

let exitHook = false;
/** The shared browser, launched on first use; throws the PDF_UNAVAILABLE error when Chromium is missing or does not start. */
export async function getBrowser(): Promise<Browser> {
  if (!existsSync(chromiumPath)) throw unavailable(`Chromium not found at ${chromiumPath} (apt-get install chromium fonts-noto-cjk)`);
  if (!browser) {
    const { chromium } = await import('playwright-core');
    const launching = chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
    browser = launching;
    launching.then(
      (b) => b.on('disconnected', () => { if (browser === launching) browser = null; }),
      () => { if (browser === launching) browser = null; },
    );
    if (!exitHook) {
      exitHook = true;
      // playwright kills the browsers it launched when the process exits; this closes it politely first.
      process.once('beforeExit', () => void closePdfBrowser());
    }
  }
  try {
    return await browser;
  } catch (e) {
    throw unavailable(`Chromium at ${chromiumPath} did not start`, e);
  }
}

/** Closes the shared browser (on app close, after an idle period, or at exit). */
export async function closePdfBrowser(): Promise<void> {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  const b = browser;
  browser = null;
  if (b) await b.then((x) => x.close()).catch(() => undefined);
}

/** Renders in progress: the idle timer only runs while there are none. */
let inUse = 0;

/**
 * Runs `work` in a fresh offline context without JavaScript, then closes it and re-arms the idle timer. A browser
 * that fails on the way (it crashed, was closed, or a step timed out) is the PDF_UNAVAILABLE error, as when
 * there is none: callers then offer what they offer without a browser (a Word document without its charts,
 * the print view) instead of an error page; the next call starts another browser if this one is gone.
 */
async function inContext<T>(opts: { deviceScaleFactor?: number }, work: (context: BrowserContext) => Promise<T>): Promise<T> {
  inUse++;
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  try {
    const b = await getBrowser();
    try {
      const context = await b.newContext({ javaScriptEnabled: false, offline: true, ...opts });
      try {
        return await work(context);
      } finally {
        await context.close().catch(() => undefined);
      }
    } catch (e) {
      throw unavailable(`Chromium failed: ${String((e as Error)?.message ?? e).split('\n')[0]}`, e);
    }
  } finally {
    if (--inUse === 0) {
      idleTimer = setTimeout(() => void closePdfBrowser(), IDLE_MS);
      idleTimer.unref();
    }
  }
}

/** Prints a self-contained HTML document to an A4 PDF (the page margins come from its @page rule). */
export async function htmlToPdf(html: string): Promise<Buffer> {
  return inContext({}, async (context) => {
    const page = await context.newPage();
    // Nothing may be fetched from anywhere: the document is self-contained.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    return Buffer.from(await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
  });
}

/**
 * Screenshots SVG documents (e.g. ECharts' server-side SVG) as PNG images, in order, on one page at 2× device
 * scale (sharp in print). Each SVG is shown at its own width and height attributes on a white background.
 */
export async function svgToPng(svgs: string[], opts: { deviceScaleFactor?: number } = {}): Promise<Buffer[]> {
  if (!svgs.length) return [];
  return inContext({ deviceScaleFactor: opts.deviceScaleFactor ?? 2 }, async (context) => {
    const page = await context.newPage();
    await page.route('**/*', (route) => route.abort());
    const body = svgs.map((svg, i) => `<div class="chart" id="c${i}">${svg}</div>`).join('');
    await page.setContent(
      `<!DOCTYPE html><html><head><meta charset="utf-8"><style>html,body{margin:0;padding:0;background:#fff}.chart{display:block;width:max-content;background:#fff;margin:0 0 8px}.chart svg{display:block}</style></head><body>${body}</body></html>`,
      { waitUntil: 'load' },
    );
    const out: Buffer[] = [];
    for (let i = 0; i < svgs.length; i++) out.push(Buffer.from(await page.locator(`#c${i} > svg`).screenshot({ type: 'png', omitBackground: false })));
    return out;
  });
}
