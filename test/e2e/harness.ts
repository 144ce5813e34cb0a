/**
 * Browser-test harness: the real server as a child process, Debian Chromium through playwright-core,
 * axe-core, console/CSP error collection, overflow checks and screenshots.
 *
 * Nothing of the application is mocked: the server is `gongkai start` on a fresh database, the browser
 * is a real Chromium without CSP bypass (so CSP violations show up as console errors), and axe is
 * injected through the DevTools protocol (page.evaluate), which the page's CSP does not govern.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page, type Response } from 'playwright-core';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const screenshotDir = join(repoRoot, 'test-artifacts', 'screenshots');

/** The WCAG 2.1 A and AA rule sets of axe-core. */
export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// ---------------------------------------------------------------------------------------------
// Is there a browser?

export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * Decides whether the browser tests run. Without Chromium they are skipped with a clear message —
 * unless REQUIRE_BROWSER=1 (CI), where a missing browser is a failure.
 */
export function browserRequirement(): { skip: false } | { skip: string } {
  if (existsSync(chromiumPath)) return { skip: false };
  const msg = `Chromium not found at ${chromiumPath} (apt-get install chromium fonts-noto-cjk, or set CHROMIUM_PATH): browser tests skipped`;
  if (process.env.REQUIRE_BROWSER === '1') {
    throw new Error(`REQUIRE_BROWSER=1 but ${msg.replace(': browser tests skipped', '')}: the browser tests cannot be skipped`);
  }
  return { skip: msg };
}

/**
 * Steps of a story that build on each other: once one fails, the later ones are skipped (their failures would only
 * repeat the first). A side trip's failure is reported but does not stop the story.
 */
export function dependentSteps(): (name: string, fn: (t: TestContext) => Promise<void>, opts?: { sideTrip?: boolean }) => void {
  let broken = '';
  return (name, fn, opts = {}) => {
    test(name, async (t) => {
      if (broken) return t.skip(`an earlier step failed: ${broken}`);
      try {
        await fn(t);
      } catch (e) {
        if (!opts.sideTrip) broken = name;
        throw e;
      }
    });
  };
}

/**
 * A suite that needs Chromium: skipped (with the reason) when the browser is missing, unless
 * REQUIRE_BROWSER=1, where the missing browser is a failing test instead.
 */
export function describeInBrowser(name: string, fn: () => void): void {
  let requirement: ReturnType<typeof browserRequirement>;
  try {
    requirement = browserRequirement();
  } catch (e) {
    test(name, () => {
      throw e;
    });
    return;
  }
  describe(name, { skip: requirement.skip || undefined }, fn);
}

export async function launchBrowser(): Promise<Browser> {
  // playwright-core gives every launch a new, empty, temporary user-data-dir.
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

// ---------------------------------------------------------------------------------------------
// The server under test

export interface RunningServer {
  url: string;
  /** Everything the server wrote so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

const gongkaiBin = join(repoRoot, 'bin', 'gongkai.mjs');

/** Runs a `gongkai` command to completion; rejects with its output when it exits non-zero. */
export function runGongkai(args: string[], env: Record<string, string>): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [gongkaiBin, ...args], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolvePromise({ stdout, stderr });
      else reject(new Error(`gongkai ${args.join(' ')} exited with ${code}:\n${stdout}\n${stderr}`));
    });
  });
}

/**
 * Runs the server under a watchdog that stops it when its standard input closes — that is, when the
 * test process ends in any way (even killed), so that no server outlives its test.
 */
const watchdog = `
const { spawn } = require('node:child_process');
const server = spawn(process.execPath, process.argv.slice(1), { stdio: ['ignore', 'inherit', 'inherit'] });
const stop = () => { if (server.exitCode === null && server.signalCode === null) server.kill('SIGTERM'); };
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
server.on('exit', (code) => process.exit(code ?? 1));
`;

/**
 * Starts `gongkai start --port 0` (migrate, load the demo city when the database is empty, serve) and
 * waits for its "Gongkai is running at URL" line.
 */
export function startServer(env: Record<string, string>): Promise<RunningServer> {
  return new Promise((resolvePromise, reject) => {
    const child: ChildProcess = spawn(process.execPath, ['-e', watchdog, gongkaiBin, 'start', '--port', '0', '--host', '127.0.0.1'], {
      cwd: repoRoot,
      // The website monitor's schedule is off: these servers are for pages; a background crawl of every agency's own
      // portal pages would only compete with the test for the machine (checks on demand still work).
      env: { ...process.env, LOG_LEVEL: 'warn', MONITOR_SCHEDULE: 'false', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let settled = false;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /Gongkai is running at (http:\/\/\S+)/.exec(out);
      if (m && !settled) {
        settled = true;
        resolvePromise({
          url: m[1],
          output: () => out,
          async stop() {
            if (child.exitCode === null && child.signalCode === null) child.stdin!.end();
            await exited;
          },
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('error', (e) => {
      if (!settled) {
        settled = true;
        reject(e);
      }
    });
    child.once('exit', (code, signal) => {
      if (!settled) {
        settled = true;
        reject(new Error(`the server exited (${code ?? signal}) before it was ready:\n${out}`));
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Demo credentials

export interface DemoUser {
  username: string;
  password: string;
  role: string;
}

/** Finds the users list in `gongkai demo --json` output, whatever its exact envelope. */
export function demoUsersFrom(json: unknown): DemoUser[] {
  const found: DemoUser[] = [];
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.username === 'string' && typeof o.password === 'string') {
        const role = typeof o.role === 'string' ? o.role : Array.isArray(o.roles) ? String(o.roles[0] ?? '') : '';
        found.push({ username: o.username, password: o.password, role });
      } else Object.values(o).forEach(visit);
    }
  };
  visit(json);
  return found;
}

// ---------------------------------------------------------------------------------------------
// Looking at a page

export interface Problem {
  page: string;
  mode: string;
  kind: 'status' | 'console' | 'pageerror' | 'axe' | 'overflow' | 'touch target' | 'redirect' | 'check';
  detail: string;
}

export function formatProblems(problems: Problem[]): string {
  return problems.map((p) => `  - ${p.page} [${p.mode}] ${p.kind}: ${p.detail}`).join('\n');
}

/**
 * Touch targets are asserted by a test of their own (the last one of site.test.ts), so that a small link
 * does not hide an axe violation or a console error on the same page, and the other way round.
 */
export const touchTargets = { findings: [] as Problem[], pagesChecked: 0 };

/** Fails with the list of problems (touch targets aside: they go to `touchTargets`). */
export function assertNoProblems(problems: Problem[], what: string): void {
  touchTargets.findings.push(...problems.filter((p) => p.kind === 'touch target'));
  const rest = problems.filter((p) => p.kind !== 'touch target');
  assert.equal(rest.length, 0, `${what}: ${rest.length} problem(s):\n${formatProblems(rest)}`);
}

/** The same small target on many pages is one finding: grouped by element, with the pages it is on. */
export function formatTouchTargets(findings: Problem[]): string {
  const byDetail = new Map<string, string[]>();
  for (const f of findings) byDetail.set(f.detail, [...(byDetail.get(f.detail) ?? []), `${f.page} [${f.mode}]`]);
  return [...byDetail]
    .map(([detail, pages]) => `  - ${detail}\n      on ${pages.slice(0, 4).join(', ')}${pages.length > 4 ? ` and ${pages.length - 4} more` : ''}`)
    .join('\n');
}

/**
 * One browser tab reused for many pages; collects console errors and uncaught page errors
 * (CSP violations are console errors) since the last `take()`.
 */
export class WatchedPage {
  private errors: { kind: 'console' | 'pageerror'; text: string }[] = [];
  private constructor(readonly page: Page) {
    page.on('console', (m) => {
      if (m.type() === 'error') {
        const loc = m.location();
        this.errors.push({ kind: 'console', text: `${m.text()}${loc?.url ? ` (at ${loc.url}${loc.lineNumber ? `:${loc.lineNumber}` : ''})` : ''}` });
      }
    });
    page.on('pageerror', (e) => this.errors.push({ kind: 'pageerror', text: e.stack ?? e.message }));
  }

  static async open(context: BrowserContext): Promise<WatchedPage> {
    const page = await context.newPage();
    // tsx (esbuild keepNames) wraps named functions in __name(...): give the page a no-op one so that
    // functions passed to page.evaluate run there unchanged. Init scripts are not subject to the CSP.
    await page.addInitScript({ content: 'globalThis.__name = globalThis.__name || function (f) { return f; };' });
    return new WatchedPage(page);
  }

  /** The console and page errors since the last call. */
  take(): { kind: 'console' | 'pageerror'; text: string }[] {
    const e = this.errors;
    this.errors = [];
    return e;
  }
}

let axeSource: string | undefined;
function axeScript(): string {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string; html: string; summary: string }[];
}

/** Runs axe-core (WCAG 2.1 A + AA rules) on the current document. */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  const has = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!has) await page.evaluate(axeScript());
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: any[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n: any) => ({
        target: (n.target as unknown[]).map(String).join(' '),
        html: String(n.html).slice(0, 200),
        summary: String(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 300),
      })),
    }));
  }, wcagTags);
}

export function axeProblems(pageLabel: string, mode: string, violations: AxeViolation[]): Problem[] {
  return violations.flatMap((v) =>
    v.nodes.map((n) => ({ page: pageLabel, mode, kind: 'axe' as const, detail: `${v.id} (${v.impact}) ${v.help} — ${n.target} ${n.html} — ${n.summary}` })),
  );
}

/** Horizontal scrolling: the document is wider than the viewport. */
export async function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; clientWidth: number; widest: string[] } | null> {
  return page.evaluate(() => {
    const el = document.documentElement;
    if (el.scrollWidth <= el.clientWidth) return null;
    // Name the elements that stick out, to make the report actionable.
    // The innermost elements whose box ends beyond the viewport.
    const out = Array.from(document.body.querySelectorAll('*')).filter((n) => n.getBoundingClientRect().right > el.clientWidth + 0.5);
    const innermost = out.filter((n) => !out.some((m) => m !== n && n.contains(m)));
    const name = (n: Element) => {
      const cls = n.getAttribute('class')?.trim();
      return n.tagName.toLowerCase() + (n.id ? `#${n.id}` : '') + (cls ? `.${cls.split(/\s+/).join('.')}` : '');
    };
    const widest = innermost.slice(0, 5).map((n) => {
      const r = n.getBoundingClientRect();
      return `${name(n)} (${Math.round(r.left)}–${Math.round(r.right)}px)`;
    });
    // Text that overflows its box (a long unbreakable string) sticks out without its element doing so.
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let t = walker.nextNode(); t && widest.length < 5; t = walker.nextNode()) {
      if (!t.textContent?.trim()) continue;
      range.selectNodeContents(t);
      const r = range.getBoundingClientRect();
      if (r.right > el.clientWidth + 0.5) widest.push(`text "${t.textContent.trim().slice(0, 30)}" in ${name(t.parentElement!)} (${Math.round(r.left)}–${Math.round(r.right)}px)`);
    }
    return { scrollWidth: el.scrollWidth, clientWidth: el.clientWidth, widest };
  });
}

/**
 * Touch targets lower than `min` CSS px (portal.md: 44 px on phones, 60 px in elder mode); form controls
 * must also be that wide. Exempt, as in WCAG 2.5.5: links inside a sentence (their parent has text of its
 * own), checkboxes and radios whose label makes up the target, and whatever is not rendered.
 */
export async function smallTargets(page: Page, min: number): Promise<string[]> {
  return page.evaluate((min) => {
    const out: string[] = [];
    for (const e of Array.from(document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary'))) {
      const r = e.getBoundingClientRect();
      if (r.width <= 1 || r.height <= 1) continue; // not rendered, or visually hidden (the skip link)
      if (!e.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true })) continue;
      if (e.closest('[aria-hidden="true"]')) continue;
      const isLink = e.tagName === 'A';
      const isCheck = e.tagName === 'INPUT' && ['checkbox', 'radio'].includes((e as HTMLInputElement).type);
      if (isLink) {
        // A link within a sentence: the nearest non-inline ancestor has text besides the link's.
        let box = e.parentElement;
        while (box && getComputedStyle(box).display === 'inline') box = box.parentElement;
        const boxText = (box?.textContent ?? '').replace(/\s+/g, '');
        const ownText = (e.textContent ?? '').replace(/\s+/g, '');
        if (boxText.length - ownText.length > 1) continue;
      }
      if (isCheck) {
        const label = (e as HTMLInputElement).labels?.[0];
        if (label && label.getBoundingClientRect().height >= min - 0.5) continue;
      }
      const tooLow = r.height < min - 0.5;
      const tooNarrow = !isLink && r.width < min - 0.5;
      if (tooLow || tooNarrow) {
        const cls = e.getAttribute('class')?.trim();
        const parent = e.parentElement;
        const where = parent ? `${parent.tagName.toLowerCase()}${parent.getAttribute('class') ? '.' + parent.getAttribute('class')!.trim().split(/\s+/).join('.') : ''} > ` : '';
        const text = ((e as HTMLElement).innerText || e.getAttribute('aria-label') || e.getAttribute('name') || '').replace(/\s+/g, ' ').trim().slice(0, 24);
        out.push(`${where}${e.tagName.toLowerCase()}${cls ? '.' + cls.split(/\s+/).join('.') : ''} "${text}" ${Math.round(r.width)}×${Math.round(r.height)}px`);
      }
    }
    return out;
  }, min);
}

export function slug(pathAndQuery: string): string {
  const s = pathAndQuery.replace(/^\/+/, '').replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '');
  return s || 'home';
}

/**
 * Empties the screenshot folder file by file: other browser tests running at the same time write into it, and
 * removing the folder itself under them failed with ENOTEMPTY.
 */
export function resetScreenshots(): void {
  mkdirSync(screenshotDir, { recursive: true });
  for (const f of readdirSync(screenshotDir)) rmSync(join(screenshotDir, f), { recursive: true, force: true });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true, animations: 'disabled' });
}

export interface AuditOptions {
  /** Label for reports, e.g. 'zh-CN' or 'admin' or 'high contrast'. */
  mode: string;
  /** Statuses the page may answer with (default: anything below 400). */
  expectStatus?: (status: number) => boolean;
  /** Screenshot base name (default: from the path); null = none. */
  shot?: string | null;
  /** Already on the page (e.g. after a form submission): do not navigate. */
  here?: boolean;
  /** Whether this page may end on another URL (e.g. a redirect to sign-in is a failure for admin pages). */
  allowRedirect?: (finalPath: string) => boolean;
  /** Smallest touch target at 375 px (default 44; 60 in elder mode). */
  minTarget?: number;
}

/**
 * Audits one page at 1280 px and at 375 px: HTTP status, console and page errors, axe at both widths,
 * horizontal scrolling and touch targets at 375 px, and a full-page screenshot at each width.
 */
export async function auditPage(wp: WatchedPage, base: string, path: string, opts: AuditOptions): Promise<Problem[]> {
  const { page } = wp;
  const label = path;
  const problems: Problem[] = [];
  const name = opts.shot === undefined ? `${slug(path)}${opts.mode === 'zh-CN' ? '' : `--${slug(opts.mode)}`}` : opts.shot;
  await page.setViewportSize({ width: 1280, height: 900 });
  if (!opts.here) {
    wp.take();
    let res: Response | null;
    try {
      res = await page.goto(base + path, { waitUntil: 'load' });
    } catch (e) {
      return [{ page: label, mode: opts.mode, kind: 'status', detail: `navigation failed: ${(e as Error).message}` }];
    }
    const status = res?.status() ?? 0;
    const ok = opts.expectStatus ?? ((s: number) => s > 0 && s < 400);
    if (!ok(status)) problems.push({ page: label, mode: opts.mode, kind: 'status', detail: `HTTP ${status}` });
    const finalPath = new URL(page.url()).pathname;
    const wanted = new URL(base + path).pathname;
    if (finalPath !== wanted && !(opts.allowRedirect?.(finalPath) ?? false)) {
      problems.push({ page: label, mode: opts.mode, kind: 'redirect', detail: `ended on ${page.url()}` });
    }
  }
  problems.push(...axeProblems(label, `${opts.mode}, 1280px`, await runAxe(page)));
  if (name) await screenshot(page, `${name}-1280`);

  await page.setViewportSize({ width: 375, height: 800 });
  const over = await horizontalOverflow(page);
  if (over) {
    problems.push({
      page: label,
      mode: `${opts.mode}, 375px`,
      kind: 'overflow',
      detail: `scrollWidth ${over.scrollWidth} > clientWidth ${over.clientWidth}; sticking out: ${over.widest.join(', ') || '(none found)'}`,
    });
  }
  const minTarget = opts.minTarget ?? 44;
  touchTargets.pagesChecked++;
  for (const t of await smallTargets(page, minTarget)) {
    problems.push({ page: label, mode: `${opts.mode}, 375px`, kind: 'touch target', detail: `${t} (at least ${minTarget}px)` });
  }
  problems.push(...axeProblems(label, `${opts.mode}, 375px`, await runAxe(page)));
  if (name) await screenshot(page, `${name}-375`);
  await page.setViewportSize({ width: 1280, height: 900 });

  const documentUrl = page.url();
  for (const e of wp.take()) {
    // Chromium logs the document's own error status (an expected 404 page, a form answered 400 with its
    // messages) as a console error; the status of the document is checked above instead.
    if (e.kind === 'console' && e.text.startsWith('Failed to load resource') && (e.text.endsWith(`(at ${documentUrl})`) || e.text.endsWith(`(at ${base + path})`))) continue;
    problems.push({ page: label, mode: opts.mode, kind: e.kind, detail: e.text });
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Crawling

/** Same-origin link paths (no query, no fragment) in server-rendered HTML. */
export function linksIn(html: string, pageUrl: string): string[] {
  const origin = new URL(pageUrl).origin;
  const links = new Set<string>();
  for (const m of html.matchAll(/<a\b[^>]*?\shref="([^"]*)"/g)) {
    let u: URL;
    try {
      u = new URL(m[1].replace(/&amp;/g, '&'), pageUrl);
    } catch {
      continue;
    }
    if (u.origin !== origin) continue;
    links.add(decodeURI(u.pathname));
  }
  return [...links];
}

export type PageFetcher = (path: string) => Promise<{ status: number; html: string | null }>;
export type Crawled = Map<string, { status: number; from: string; html: boolean }>;

/**
 * Follows same-origin links from the seeds (which must exist whatever they link to) within `scope`;
 * returns every path reached with its status and a page that links to it.
 * A link that does not open is what evaluations of disclosure portals keep finding.
 * Breadth first, up to `limit` pages: every page template is reached within the first few levels;
 * the thousands of demo catalog items beyond are instances of templates already checked.
 */
export async function crawl(fetchPage: PageFetcher, base: string, seeds: string[], scope: (path: string) => boolean, limit = Number(process.env.E2E_CRAWL_LIMIT ?? 1500)): Promise<Crawled> {
  const seen: Crawled = new Map();
  const queue: { path: string; from: string }[] = seeds.map((s) => ({ path: s, from: '(a page that must exist)' }));
  while (queue.length && seen.size < limit) {
    const batch = queue.splice(0, 8).filter((q) => !seen.has(q.path));
    for (const q of batch) seen.set(q.path, { status: 0, from: q.from, html: false });
    await Promise.all(
      batch.map(async (q) => {
        const { status, html } = await fetchPage(q.path);
        Object.assign(seen.get(q.path)!, { status, html: html !== null });
        if (html) for (const l of linksIn(html, base + q.path)) if (scope(l) && !seen.has(l)) queue.push({ path: l, from: q.path });
      }),
    );
  }
  return seen;
}

export function assertAllOpen(reached: Crawled, what: string, server?: RunningServer): void {
  const broken = [...reached].filter(([, r]) => r.status >= 400 || r.status === 0);
  // The server's warnings and errors (LOG_LEVEL=warn) say why a page failed: e.g. the stack of a 500.
  const log = broken.length && server ? `\nthe server's log (last 6,000 characters):\n${server.output().slice(-6000)}` : '';
  assert.equal(broken.length, 0, `${what}:\n${broken.map(([p, r]) => `  - ${p}: HTTP ${r.status} (linked from ${r.from})`).join('\n')}${log}`);
}

/** A small HTTP client with a cookie jar (node's fetch), following redirects like a browser. */
export class HttpClient {
  readonly cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  private keep(res: globalThis.Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(method: 'GET' | 'POST', path: string, form?: Record<string, string>): Promise<{ status: number; url: string; html: string | null }> {
    let url = new URL(path, this.base).toString();
    let body: string | undefined = form ? new URLSearchParams(form).toString() : undefined;
    for (let hops = 0; hops < 10; hops++) {
      const res = await fetch(url, {
        method,
        redirect: 'manual',
        headers: { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        body,
      });
      this.keep(res);
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        url = new URL(location, url).toString();
        method = 'GET';
        body = undefined;
        await res.arrayBuffer();
        continue;
      }
      const html = (res.headers.get('content-type') ?? '').includes('text/html') ? await res.text() : (await res.arrayBuffer(), null);
      return { status: res.status, url, html };
    }
    throw new Error(`too many redirects from ${path}`);
  }

  get: PageFetcher = async (path) => this.request('GET', path);

  /** Signs in through the sign-in form (with its CSRF token); returns the path it lands on. */
  async signIn(username: string, password: string): Promise<string> {
    const form = await this.request('GET', '/admin/sign-in');
    const token = /name="_csrf" value="([^"]+)"/.exec(form.html ?? '')?.[1];
    assert.ok(token, 'the sign-in form carries a CSRF token');
    const res = await this.request('POST', '/admin/sign-in', { username, password, _csrf: token!, next: '/admin' });
    return new URL(res.url).pathname;
  }
}

/** The pages among the crawled paths (HTML, not downloads). */
export function htmlPagesOf(reached: Crawled): string[] {
  return [...reached].filter(([, r]) => r.html).map(([p]) => p);
}
