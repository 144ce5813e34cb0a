/**
 * The website monitor's crawler and probe (spec oversight.md §1, issue 6): a bounded, polite crawl of one registered
 * site — homepage, watched columns and their items' dates, interaction columns, service guides, broken links, slow
 * pages — and a single reachability probe.
 *
 * Rules it keeps:
 * - no request to a host that is not in `allowedHosts` (redirect hops included; such links are reported with
 *   error 'host not registered', links to other unregistered hosts are only counted);
 * - one undici dispatcher per crawl (closed at the end), the Gongkai User-Agent, a timeout per request, at most
 *   MAX_REDIRECTS redirects;
 * - politeness: a per-host concurrency limit and a delay between request starts to the same host (longer if the
 *   host's robots.txt asks for a Crawl-delay), robots.txt fetched once per host and respected unless
 *   `config.ignoreRobots` (which applies to the site's own hosts only);
 * - bounded: the registered pages first (they are always fetched and count), then the item pages a date source
 *   needs, then breadth-first over internal links up to maxDepth, at most maxPages page fetches in all; bodies are
 *   dropped once parsed, each distinct link is checked once;
 * - decoding: the Content-Type charset is the transport-layer encoding label, then <meta charset>, then UTF-8.
 */
import { performance } from 'node:perf_hooks';
import { loadBuffer, type Cheerio, type CheerioAPI } from 'cheerio';
import type { AnyNode } from 'domhandler';
import { Agent, request, type Dispatcher } from 'undici';
import { findDate, metaDate } from './dates.ts';
import { allowAll, parseRobots, type Robots } from './robots.ts';
import {
  PROBE_TIMEOUT_MS,
  SLOW_PAGE_MS,
  USER_AGENT,
  guideElements,
  type ColumnItem,
  type ColumnResult,
  type CrawlResult,
  type DateSource,
  type GuideElement,
  type GuideResult,
  type InteractionResult,
  type LinkResult,
  type MessageResult,
  type ProbeOutcome,
  type SiteConfig,
} from './monitor-types.ts';

export interface CrawlPoliteness {
  perHostConcurrency: number;
  delayMs: number;
}
export const politeDefaults: CrawlPoliteness = { perHostConcurrency: 2, delayMs: 500 };

export interface CrawlProgress {
  pages: number;
  links: number;
}

export interface CrawlOptions {
  config: SiteConfig;
  /** 'host:port' (lowercase, port always written, e.g. '127.0.0.1:8080', 'www.hs.gov.cn:443') the crawler may request. */
  allowedHosts: ReadonlySet<string>;
  /** false: no concurrency limit or delay (the benchmark). */
  politeness: CrawlPoliteness | false;
  now?: () => Date;
  onProgress?: (p: CrawlProgress) => void;
  signal?: AbortSignal;
  /** Per request, default PROBE_TIMEOUT_MS. */
  timeoutMs?: number;
}

/** Requests in flight at once over the whole crawl (the per-host limit applies within it). */
export const CRAWL_CONCURRENCY = 16;
const MAX_REDIRECTS = 5;
/** A page body is read up to this size (the rest is not downloaded). */
const MAX_BODY_BYTES = 5 * 2 ** 20;
const MAX_ROBOTS_BYTES = 512 * 2 ** 10;
/** A robots.txt Crawl-delay is honoured up to this (when politeness is on). */
const MAX_CRAWL_DELAY_MS = 10_000;
const MAX_ROBOTS_LISTED = 1_000;

export const HOST_NOT_REGISTERED = 'host not registered';
export const ROBOTS_DISALLOWED = 'robots.txt disallows';
const DEFAULT_UNANSWERED = '未回复|待回复|未答复|办理中';

/** Keywords of each key element of a service guide (服务指南要素). */
export const guideKeywords: Record<GuideElement, string[]> = {
  name: ['事项名称', '服务事项', '事项'],
  basis: ['设定依据', '法律依据', '办理依据', '实施依据'],
  conditions: ['申请条件', '受理条件', '办理条件'],
  materials: ['申请材料', '所需材料', '提交材料'],
  place: ['办理地点', '受理地点', '办理地址', '窗口'],
  fees: ['收费标准', '是否收费', '收费依据', '不收费'],
  timeLimit: ['办理时限', '承诺时限', '法定时限', '办结时限'],
  phone: ['咨询电话', '联系电话', '咨询方式', '监督电话'],
  procedure: ['办理流程', '办理程序', '办事流程'],
};

/** Links to these are checked with HEAD (not downloaded, not parsed, not counted as pages). */
const NON_PAGE = /\.(?:pdf|docx?|xlsx?|pptx?|wps|et|zip|rar|7z|gz|tar|jpe?g|png|gif|bmp|webp|svg|ico|mp3|mp4|avi|wmv|flv|mov|exe|apk|iso|ofd|ceb|txt|xml|css|js)$/i;

/** 'host:port', lowercase, the port always written. */
export function hostKey(url: string | URL): string {
  const u = typeof url === 'string' ? new URL(url) : url;
  const port = u.port || (u.protocol === 'https:' ? '443' : u.protocol === 'http:' ? '80' : '');
  return `${u.hostname.toLowerCase()}:${port}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Requests

/** The per-host limit: at most `concurrency` requests at once, starts at least `delayMs` apart. */
class HostGate {
  private active = 0;
  private nextStart = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly waiting: (() => void)[] = [];
  constructor(
    private readonly concurrency: number,
    public delayMs: number,
  ) {}
  acquire(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.pump();
    });
  }
  release(): void {
    this.active--;
    this.pump();
  }
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
  private pump(): void {
    while (!this.timer && this.waiting.length && this.active < this.concurrency) {
      const wait = this.nextStart - performance.now();
      if (wait > 0) {
        this.timer = setTimeout(() => {
          this.timer = null;
          this.pump();
        }, Math.ceil(wait));
        return;
      }
      this.active++;
      this.nextStart = performance.now() + this.delayMs;
      this.waiting.shift()!();
    }
  }
}

interface Fetched {
  finalUrl: string;
  status: number | null;
  error: string | null;
  ms: number;
  /** The body when it was asked for and the response is a success of a readable type. */
  body: Buffer | null;
  charset: string | undefined;
  contentType: string;
  /** A hop was disallowed by robots.txt: nothing was requested there. */
  disallowed?: boolean;
  /** At least one request was sent (false: the first hop's host is not registered or robots.txt disallows it). */
  requested: boolean;
}

class Cancelled extends Error {}

interface FetchContext {
  dispatcher: Dispatcher;
  allowedHosts: ReadonlySet<string>;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Waits for a slot on the host; returns the release. Absent: no limit. */
  gate?: (host: string) => Promise<() => void>;
  /** Whether the URL may be requested (robots.txt); absent: everything. */
  allowed?: (url: URL) => Promise<boolean>;
}

function header(h: Record<string, string | string[] | undefined>, name: string): string {
  const v = h[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

function charsetOf(contentType: string): string | undefined {
  const m = /charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType);
  return m ? m[1]!.toLowerCase() : undefined;
}

/** A short, stable error text: 'timeout', a system code (ECONNREFUSED, ECONNRESET, ENOTFOUND …) or the error's name. */
function errorText(err: unknown): string {
  const e = err as { code?: unknown; name?: unknown; message?: unknown; cause?: { code?: unknown } } | null;
  const causeCode = e?.cause?.code;
  if (typeof causeCode === 'string' && /^E[A-Z]+$/.test(causeCode)) return causeCode;
  const code = e?.code;
  if (code === 'UND_ERR_SOCKET') return 'ECONNRESET';
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return 'timeout';
  if (typeof code === 'string') return code;
  return typeof e?.name === 'string' && e.name !== 'Error' ? e.name : String(e?.message ?? err);
}

async function readCapped(body: Dispatcher.ResponseData['body'], limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const b = chunk as Buffer;
    if (size + b.length > limit) {
      chunks.push(b.subarray(0, limit - size));
      size = limit;
      body.destroy();
      break;
    }
    chunks.push(b);
    size += b.length;
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
}

/**
 * One URL with its redirects (each hop's host registered and allowed by robots), timed from the first byte sent to
 * the last byte read (waiting for a politeness slot does not count). Throws only when the crawl is cancelled.
 */
async function fetchUrl(ctx: FetchContext, start: string, method: 'GET' | 'HEAD', want: 'html' | 'text' | 'none' | 'drain', bodyLimit = MAX_BODY_BYTES): Promise<Fetched> {
  let current = new URL(start);
  let ms = 0;
  for (let hop = 0; ; hop++) {
    const finalUrl = current.href;
    const base = { finalUrl, body: null, charset: undefined, contentType: '', requested: hop > 0 };
    if (!ctx.allowedHosts.has(hostKey(current))) return { ...base, status: null, error: HOST_NOT_REGISTERED, ms: Math.round(ms) };
    if (ctx.allowed && !(await ctx.allowed(current))) return { ...base, status: null, error: ROBOTS_DISALLOWED, ms: Math.round(ms), disallowed: true };
    if (ctx.signal?.aborted) throw new Cancelled('crawl cancelled');
    const release = ctx.gate ? await ctx.gate(hostKey(current)) : null;
    const ac = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      ac.abort();
    }, ctx.timeoutMs);
    const onOuterAbort = () => ac.abort();
    ctx.signal?.addEventListener('abort', onOuterAbort, { once: true });
    const t0 = performance.now();
    try {
      const res = await request(current, {
        dispatcher: ctx.dispatcher,
        method,
        headers: { 'user-agent': USER_AGENT, accept: want === 'html' ? 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' : '*/*' },
        signal: ac.signal,
      });
      const status = res.statusCode;
      const location = header(res.headers, 'location');
      if (status >= 300 && status < 400 && location) {
        await res.body.dump();
        ms += performance.now() - t0;
        if (hop >= MAX_REDIRECTS) return { ...base, status, error: 'too many redirects', ms: Math.round(ms), requested: true };
        let next: URL;
        try {
          next = new URL(location, current);
        } catch {
          return { ...base, status, error: 'bad redirect', ms: Math.round(ms), requested: true };
        }
        if (next.protocol !== 'http:' && next.protocol !== 'https:') return { ...base, status, error: 'bad redirect', ms: Math.round(ms), requested: true };
        next.hash = '';
        current = next;
        continue;
      }
      const contentType = header(res.headers, 'content-type');
      const readable = want === 'text' || (want === 'html' && (contentType === '' || /html|xml/i.test(contentType)));
      let body: Buffer | null = null;
      if (method === 'GET' && status < 300 && readable) body = await readCapped(res.body, bodyLimit);
      else if (method === 'GET' && want === 'drain') await res.body.dump({ limit: Number.MAX_SAFE_INTEGER });
      else await res.body.dump();
      ms += performance.now() - t0;
      return { finalUrl, status, error: null, ms: Math.round(ms), body, charset: charsetOf(contentType), contentType, requested: true };
    } catch (err) {
      ms += performance.now() - t0;
      if (ctx.signal?.aborted && !timedOut) throw new Cancelled('crawl cancelled');
      return { ...base, status: null, error: timedOut ? 'timeout' : errorText(err), ms: Math.round(ms), requested: true };
    } finally {
      clearTimeout(timer);
      ctx.signal?.removeEventListener('abort', onOuterAbort);
      release?.();
    }
  }
}

/**
 * The page decoded and parsed. Pages whose content is read (registered pages, item pages) get the HTML standard's
 * tree builder (parse5); pages crawled only for their links get htmlparser2, about twice as fast and lighter.
 */
function loadPage(f: Fetched, linksOnly: boolean): CheerioAPI {
  const parser = linksOnly ? { xml: { xmlMode: false, decodeEntities: true } } : {};
  try {
    return loadBuffer(f.body!, { ...parser, encoding: { transportLayerEncodingLabel: f.charset, defaultEncoding: 'utf-8' } });
  } catch {
    // An unknown charset label: let the page's own <meta charset> (or UTF-8) decide.
    return loadBuffer(f.body!, { ...parser, encoding: { defaultEncoding: 'utf-8' } });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Probe

/** One reachability visit: GET the page (redirects followed, body read and discarded), ok when status < 400 in time. */
export async function probeUrl(url: string, opts: { allowedHosts: ReadonlySet<string>; timeoutMs?: number; now?: () => Date }): Promise<ProbeOutcome> {
  const at = (opts.now ?? (() => new Date()))().toISOString();
  const timeoutMs = opts.timeoutMs ?? PROBE_TIMEOUT_MS;
  const dispatcher = new Agent({ connect: { timeout: timeoutMs }, keepAliveTimeout: 1_000 });
  try {
    let f: Fetched;
    try {
      f = await fetchUrl({ dispatcher, allowedHosts: opts.allowedHosts, timeoutMs }, url, 'GET', 'drain');
    } catch (err) {
      return { at, ok: false, status: null, ms: 0, error: errorText(err) };
    }
    // The 15 s are for the whole visit: redirects each have their own timer, so a chain slower in total has failed too.
    if (f.error === null && f.ms > timeoutMs) return { at, ok: false, status: f.status, ms: f.ms, error: 'timeout' };
    const ok = f.error === null && f.status !== null && f.status < 400;
    return { at, ok, status: f.status, ms: f.ms, error: ok ? null : (f.error ?? `HTTP ${f.status}`) };
  } finally {
    await dispatcher.destroy().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Page reading (pure over a parsed page)

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

function absolute(href: string | undefined, base: string): string | null {
  if (!href) return null;
  const h = href.trim();
  if (!h || h.startsWith('#') || /^(?:javascript|mailto|tel|data|sms|ftp):/i.test(h)) return null;
  try {
    const u = new URL(h, base);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    u.hash = '';
    return u.href;
  } catch {
    return null;
  }
}

function baseOf($: CheerioAPI, pageUrl: string): string {
  const b = $('base[href]').attr('href');
  if (!b) return pageUrl;
  try {
    return new URL(b, pageUrl).href;
  } catch {
    return pageUrl;
  }
}

function linksOf($: CheerioAPI, base: string): string[] {
  const out = new Set<string>();
  for (const el of $('a[href], area[href]').toArray()) {
    const u = absolute((el as { attribs: Record<string, string> }).attribs.href, base);
    if (u) out.add(u);
  }
  return [...out];
}

/** The elements of a list: by the configured selector, or `li` elements outside nav/header/footer without nested lists. */
function itemsOf($: CheerioAPI, selector: string | undefined, needLink: boolean) {
  if (selector) return $(selector).toArray();
  return $('li')
    .toArray()
    .filter((el) => {
      const $el = $(el);
      if ($el.closest('nav, header, footer').length || $el.find('li').length) return false;
      return !needLink || $el.find('a[href]').length > 0;
    });
}

function homepageDates($: CheerioAPI): { latest: string | null; dated: number } {
  const rows = new Set<unknown>();
  let latest: string | null = null;
  let dated = 0;
  for (const a of $('a[href]').toArray()) {
    const row = $(a).closest('li, tr, dd');
    const el = row.get(0);
    if (!el || rows.has(el)) continue;
    rows.add(el);
    const d = findDate(row.text());
    if (!d) continue;
    dated++;
    if (!latest || d > latest) latest = d;
  }
  return { latest, dated };
}

function missingElements(text: string): GuideElement[] {
  return guideElements.filter((e) => !guideKeywords[e].some((k) => text.includes(k)));
}

function selectorDate($: CheerioAPI, scope: Cheerio<AnyNode>, selector: string): string | null {
  const el = scope.find(selector).first();
  if (!el.length) return null;
  return findDate(el.text()) ?? findDate(el.attr('content') ?? el.attr('datetime') ?? el.attr('title') ?? '');
}

// ---------------------------------------------------------------------------------------------------------------
// Crawl

interface Entry {
  url: string;
  depth: number;
  /** The page the link was first found on (null: registered page or item page not linked from a fetched page). */
  from: string | null;
  external: boolean;
  done: boolean;
  status: number | null;
  error: string | null;
  counted: boolean;
}

/** Runs `work` over what `next` hands out, `concurrency` at a time, until nothing is left and nothing is running. */
function pool<T>(concurrency: number, next: () => T | undefined, work: (t: T) => Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    let active = 0;
    let failed = false;
    const pump = () => {
      if (failed) return;
      while (active < concurrency) {
        const t = next();
        if (t === undefined) break;
        active++;
        work(t).then(
          () => {
            active--;
            pump();
          },
          (err) => {
            failed = true;
            reject(err);
          },
        );
      }
      if (active === 0) resolve();
    };
    pump();
  });
}

/** Item pages whose date the column's date source reads there. */
interface ItemDateNeed {
  item: ColumnItem | MessageResult;
  source: DateSource;
}

export async function crawlSite(opts: CrawlOptions): Promise<CrawlResult> {
  const { config, allowedHosts, politeness, signal } = opts;
  const now = opts.now ?? (() => new Date());
  const timeoutMs = opts.timeoutMs ?? PROBE_TIMEOUT_MS;
  const startedAt = now().toISOString();
  const homeUrl = new URL(config.homepage);
  homeUrl.hash = '';
  const homepage = homeUrl.href;
  const registered = [config.homepage, ...config.columns.map((c) => c.url), ...config.interaction.map((c) => c.url), ...config.guides.map((g) => g.url)];
  const ownHosts = new Set<string>();
  for (const r of registered) {
    try {
      ownHosts.add(hostKey(r));
    } catch {
      /* an invalid registered URL is reported on its page */
    }
  }
  const internalHost = hostKey(homeUrl);

  const dispatcher = new Agent({
    connections: politeness ? Math.max(1, politeness.perHostConcurrency) : null,
    connect: { timeout: timeoutMs },
    keepAliveTimeout: 10_000,
  });
  const gates = new Map<string, HostGate>();
  const gateOf = (host: string): HostGate => {
    let g = gates.get(host);
    if (!g) gates.set(host, (g = new HostGate(politeness ? Math.max(1, politeness.perHostConcurrency) : Infinity, politeness ? politeness.delayMs : 0)));
    return g;
  };
  const gate = politeness
    ? async (host: string) => {
        const g = gateOf(host);
        await g.acquire();
        return () => g.release();
      }
    : undefined;

  const robotsCache = new Map<string, Promise<Robots>>();
  const robotsCtx: FetchContext = { dispatcher, allowedHosts, timeoutMs, signal, gate };
  const robotsOf = (u: URL): Promise<Robots> => {
    const host = hostKey(u);
    let p = robotsCache.get(host);
    if (!p) {
      p = fetchUrl(robotsCtx, `${u.protocol}//${u.host}/robots.txt`, 'GET', 'text', MAX_ROBOTS_BYTES).then((f) => {
        if (f.status === null || f.status >= 300 || !f.body) return allowAll; // missing or unreadable: no rule
        const robots = parseRobots(f.body.toString('utf8'));
        if (politeness && robots.crawlDelay) gateOf(host).delayMs = Math.max(politeness.delayMs, Math.min(robots.crawlDelay * 1000, MAX_CRAWL_DELAY_MS));
        return robots;
      });
      robotsCache.set(host, p);
    }
    return p;
  };
  const ctx: FetchContext = {
    dispatcher,
    allowedHosts,
    timeoutMs,
    signal,
    gate,
    allowed: async (u) => (config.ignoreRobots && ownHosts.has(hostKey(u))) || (await robotsOf(u)).isAllowed(u.pathname + u.search),
  };

  let pagesFetched = 0;
  let linksChecked = 0;
  let externalChecked = 0;
  let externalUnchecked = 0;
  const brokenLinks: LinkResult[] = [];
  const slowPages: { url: string; ms: number }[] = [];
  const robotsDisallowed: string[] = [];
  const known = new Map<string, Entry>();
  const queue: string[] = [];
  let queueHead = 0;

  const progress = () => opts.onProgress?.({ pages: pagesFetched, links: linksChecked });
  const noteDisallowed = (url: string) => {
    if (robotsDisallowed.length < MAX_ROBOTS_LISTED && !robotsDisallowed.includes(url)) robotsDisallowed.push(url);
  };
  /** A checked link with its page of origin: counted once, listed when broken. */
  const account = (e: Entry) => {
    if (!e.done || e.from === null || e.counted) return;
    e.counted = true;
    linksChecked++;
    if (e.error !== null || (e.status !== null && e.status >= 400)) brokenLinks.push({ url: e.url, from: e.from, external: e.external, status: e.status, error: e.error });
    progress();
  };
  const settle = (e: Entry, f: Fetched) => {
    e.done = true;
    if (f.disallowed) {
      noteDisallowed(f.finalUrl === e.url ? e.url : f.finalUrl);
      e.counted = true; // not requested: neither checked nor broken
      return;
    }
    e.status = f.status;
    e.error = f.error;
    account(e);
  };
  const entryOf = (url: string, depth: number, from: string | null): Entry => {
    let e = known.get(url);
    if (!e) {
      let external = true;
      try {
        external = hostKey(url) !== internalHost;
      } catch {
        /* kept external */
      }
      e = { url, depth, from, external, done: false, status: null, error: null, counted: false };
      known.set(url, e);
    } else if (e.from === null && from !== null) {
      e.from = from;
      account(e);
    }
    return e;
  };
  /** A link found on a page at depth `depth - 1`. */
  const discover = (url: string, from: string, depth: number) => {
    const seen = known.has(url);
    const e = entryOf(url, depth, from);
    if (seen) return;
    if (e.external) {
      let allowed = false;
      try {
        allowed = allowedHosts.has(hostKey(url));
      } catch {
        /* not a URL we can request */
      }
      if (!allowed || externalChecked >= config.maxExternalLinks) {
        externalUnchecked++;
        e.done = true;
        e.counted = true;
        return;
      }
      externalChecked++;
    }
    queue.push(url);
  };

  /** GET an internal page (counted), note it if slow, parse it when it is HTML, hand it to `onPage`. */
  const fetchPage = async (e: Entry, onPage?: ($: CheerioAPI, finalUrl: string) => void): Promise<Fetched> => {
    pagesFetched++;
    const f = await fetchUrl(ctx, e.url, 'GET', 'html');
    if (!f.requested) pagesFetched--; // nothing was requested
    if (f.ms > SLOW_PAGE_MS) slowPages.push({ url: e.url, ms: f.ms });
    // A page at maxDepth that nobody reads is only timed: its body is not parsed.
    if (f.body && f.status !== null && f.status < 300 && (onPage || e.depth < config.maxDepth)) {
      const $ = loadPage(f, !onPage);
      f.body = null;
      const base = baseOf($, f.finalUrl);
      onPage?.($, base);
      if (e.depth < config.maxDepth) for (const l of linksOf($, base)) discover(l, e.url, e.depth + 1);
    }
    f.body = null;
    settle(e, f);
    progress();
    return f;
  };

  const result: CrawlResult = {
    homepage: { url: homepage, status: null, ms: 0, error: null, latest: null, dated: 0 },
    columns: [],
    interaction: [],
    guides: [],
    brokenLinks,
    slowPages,
    pagesFetched: 0,
    linksChecked: 0,
    externalUnchecked: 0,
    robotsDisallowed,
    startedAt,
    finishedAt: startedAt,
  };

  const itemNeeds = new Map<string, ItemDateNeed[]>();
  const needItemPage = (url: string | null, need: ItemDateNeed) => {
    if (!url) return;
    const list = itemNeeds.get(url);
    if (list) list.push(need);
    else itemNeeds.set(url, [need]);
  };
  const dateInItem = ($: CheerioAPI, el: Cheerio<AnyNode>, source: DateSource): string | null => {
    if (source.type === 'pattern') return findDate(norm(el.text()), source.pattern || undefined);
    if (source.type === 'selector' && !source.onItemPage) return selectorDate($, el, source.selector);
    return null;
  };
  const pageNeedsItem = (source: DateSource) => source.type === 'meta' || (source.type === 'selector' && !!source.onItemPage);

  // 1. The registered pages: homepage, columns, interaction, guides (each URL fetched once).
  type Handler = { onPage: ($: CheerioAPI, base: string) => void; onDone: (f: Fetched) => void };
  const handlers = new Map<string, { depth: number; list: Handler[] }>();
  const register = (url: string, depth: number, h: Handler) => {
    let key: string;
    try {
      const u = new URL(url);
      u.hash = '';
      key = u.href;
    } catch {
      h.onDone({ finalUrl: url, status: null, error: 'invalid URL', ms: 0, body: null, charset: undefined, contentType: '', requested: false });
      return;
    }
    const slot = handlers.get(key);
    if (slot) {
      slot.list.push(h);
      slot.depth = Math.min(slot.depth, depth);
    } else handlers.set(key, { depth, list: [h] });
  };

  register(homepage, 0, {
    onPage: ($) => Object.assign(result.homepage, homepageDates($)),
    onDone: (f) => Object.assign(result.homepage, { status: f.status, ms: f.ms, error: f.error }),
  });
  for (const col of config.columns) {
    const r: ColumnResult = { name: col.name, url: col.url, kind: col.kind, status: null, error: null, items: [], latest: null };
    result.columns.push(r);
    register(col.url, 1, {
      onPage: ($, base) => {
        for (const el of itemsOf($, col.itemSelector, true)) {
          const $el = $(el);
          const a = $el.is('a[href]') ? $el : $el.find('a[href]').first();
          const item: ColumnItem = { url: absolute(a.attr('href'), base), title: norm(a.text()) || norm(a.attr('title') ?? '') || norm($el.text()).slice(0, 200), date: dateInItem($, $el, col.date) };
          r.items.push(item);
          if (pageNeedsItem(col.date)) needItemPage(item.url, { item, source: col.date });
        }
      },
      onDone: (f) => Object.assign(r, { status: f.status, error: f.error }),
    });
  }
  for (const col of config.interaction) {
    const r: InteractionResult = { name: col.name, url: col.url, status: null, error: null, messages: [] };
    result.interaction.push(r);
    let unanswered: RegExp;
    try {
      unanswered = new RegExp(col.unansweredPattern || DEFAULT_UNANSWERED);
    } catch {
      unanswered = new RegExp(DEFAULT_UNANSWERED);
    }
    register(col.url, 1, {
      onPage: ($, base) => {
        for (const el of itemsOf($, col.itemSelector, false)) {
          const $el = $(el);
          const text = norm($el.text());
          const a = $el.find('a[href]').first();
          const m: MessageResult = { title: norm(a.text()) || text.slice(0, 200), date: dateInItem($, $el, col.date), answered: !unanswered.test(text) };
          r.messages.push(m);
          if (pageNeedsItem(col.date)) needItemPage(absolute(a.attr('href'), base), { item: m, source: col.date });
        }
      },
      onDone: (f) => Object.assign(r, { status: f.status, error: f.error }),
    });
  }
  for (const g of config.guides) {
    const r: GuideResult = { name: g.name, url: g.url, status: null, error: null, missing: [] };
    result.guides.push(r);
    register(g.url, 1, {
      onPage: ($) => {
        r.missing = missingElements(norm($('body').text() || $.root().text()));
      },
      onDone: (f) => {
        Object.assign(r, { status: f.status, error: f.error });
        if (f.status === null || f.status >= 400 || f.error) r.missing = [];
      },
    });
  }

  const run = async (): Promise<void> => {
    const first = [...handlers.entries()];
    await pool(
      CRAWL_CONCURRENCY,
      () => first.shift(),
      async ([url, slot]) => {
        const e = entryOf(url, slot.depth, null);
        e.depth = Math.min(e.depth, slot.depth);
        const f = await fetchPage(e, ($, base) => {
          for (const h of slot.list) h.onPage($, base);
        });
        for (const h of slot.list) h.onDone(f);
      },
    );

    // 2. Item pages that carry the dates of their column's items (they count in maxPages).
    const items = [...itemNeeds.entries()];
    await pool(
      CRAWL_CONCURRENCY,
      () => items.shift(),
      async ([url, needs]) => {
        const e = entryOf(url, 2, null);
        const read = ($: CheerioAPI, scope: Cheerio<AnyNode>) => {
          for (const n of needs) {
            if (n.item.date) continue;
            n.item.date = n.source.type === 'meta' ? metaDate($) : n.source.type === 'selector' ? selectorDate($, scope, n.source.selector) : null;
          }
        };
        if (e.done || pagesFetched >= config.maxPages) return; // already fetched or never requested, or out of budget: undated
        await fetchPage(e, ($) => read($, $.root()));
      },
    );

    // 3. Breadth-first over the links found, each checked once.
    await pool(
      CRAWL_CONCURRENCY,
      () => {
        while (queueHead < queue.length) {
          const url = queue[queueHead++]!;
          if (queueHead > 4096 && queueHead * 2 > queue.length) {
            queue.splice(0, queueHead);
            queueHead = 0;
          }
          const e = known.get(url)!;
          if (e.done) continue;
          if (!e.external && !NON_PAGE.test(new URL(url).pathname) && pagesFetched >= config.maxPages) continue;
          return e;
        }
        return undefined;
      },
      async (e) => {
        if (e.done) return;
        if (!e.external && !NON_PAGE.test(new URL(e.url).pathname)) {
          await fetchPage(e);
          return;
        }
        let f = await fetchUrl(ctx, e.url, 'HEAD', 'none');
        if (f.status === 405 || f.status === 501) f = await fetchUrl(ctx, e.url, 'GET', 'none');
        settle(e, f);
        progress();
      },
    );
  };

  try {
    await run();
  } catch (err) {
    if (err instanceof Cancelled) throw signal?.reason ?? err;
    throw err;
  } finally {
    for (const g of gates.values()) g.close();
    await (signal?.aborted ? dispatcher.destroy() : dispatcher.close()).catch(() => {});
  }

  for (const col of result.columns) col.latest = col.items.map((i) => i.date).filter((d): d is string => !!d).sort().at(-1) ?? null;
  result.pagesFetched = pagesFetched;
  result.linksChecked = linksChecked;
  result.externalUnchecked = externalUnchecked;
  result.finishedAt = now().toISOString();
  return result;
}
