/**
 * HTTP caching of public pages: Cache-Control, a strong ETag over the exact bytes sent (so anything
 * a reader would see — content, language, footer settings, demo notice — changes it) and
 * Last-Modified from the newest change of the data shown; conditional requests are answered 304.
 *
 * Rendered pages are also kept in memory (createPageCache), keyed by language and address and
 * checked against change stamps read from the database on every request (cheap: index lookups), so a
 * page is rebuilt only after something it may show has changed — also when another process changed it.
 * A page is kept from the second request for its address on (createSeenAddresses): one-off requests (crawlers,
 * readers paging through) do not push out the pages that are read again and again.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';

/**
 * Cache-Control of public pages, feeds and the API: caches may keep a copy but must ask again every
 * time (no-cache), so a revised or withdrawn item is never shown stale; asking again is cheap (a 304
 * answered from the rendered-page cache by ETag / Last-Modified).
 */
export function publicCacheControl(scope: 'public' | 'private' = 'public'): string {
  return `${scope}, no-cache`;
}

export interface CacheOptions {
  /** The newest change (ISO instant) of what the page shows; omitted when nothing datable is shown. */
  lastModified?: string | null;
  /** Further response headers (e.g. X-Robots-Tag). */
  headers?: Record<string, string>;
}

/** The newest of some ISO instants (null when there are none). */
export function newest(...instants: (string | null | undefined)[]): string | null {
  let best: string | null = null;
  for (const i of instants) if (i && (!best || i > best)) best = i;
  return best;
}

function etagOf(body: Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

/** If-None-Match: a list of entity tags (weak ones compared weakly, RFC 9110 §13.1.2) or '*'. */
export function noneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === bare);
}

/** If-Modified-Since: the resource has not changed since the given HTTP date (second precision). */
export function notModifiedSince(header: string | undefined, lastModified: string | null | undefined): boolean {
  if (!header || !lastModified) return false;
  const since = Date.parse(header);
  if (Number.isNaN(since)) return false;
  return Math.floor(Date.parse(lastModified) / 1000) <= Math.floor(since / 1000);
}

/**
 * Whether the client's copy is current: If-None-Match decides when sent, If-Modified-Since only
 * without it (RFC 9110 §13.2.2).
 */
export function clientCopyIsFresh(req: FastifyRequest, etag: string, lastModified: string | null | undefined): boolean {
  const inm = req.headers['if-none-match'];
  return inm !== undefined ? noneMatch(inm, etag) : notModifiedSince(req.headers['if-modified-since'], lastModified);
}

/** A rendered page, ready to send again. */
interface RenderedPage {
  /** UTF-8, encoded once: a page served from memory is not encoded again on every hit. */
  body: Buffer;
  etag: string;
  lastModified: string | null;
  /** Last-Modified as sent (an HTTP date), formatted once per rendering, not per hit. */
  lastModifiedHeader: string | null;
  headers: Record<string, string>;
}

/**
 * UTF-8 of a rendered page. A page is a long string made of thousands of concatenated pieces; encoding it into
 * a buffer kept for the purpose and copying out the bytes took a third less time than `Buffer.from` (which
 * measures the UTF-8 length in a pass of its own; Node 20), the larger part of sending a one-off browse page
 * after rendering it (docs/design/catalog-reads.md, "One-off pages: the same facets for every page of a filter set").
 */
const encoder = new TextEncoder();
const scratch = Buffer.allocUnsafeSlow(1 << 18);
export function utf8(s: string): Buffer {
  if (s.length * 3 > scratch.length) return Buffer.from(s, 'utf8');
  const { written } = encoder.encodeInto(s, scratch);
  return Buffer.from(scratch.subarray(0, written));
}

function renderPage(page: VNode<any>, opts: CacheOptions): RenderedPage {
  const html = `<!DOCTYPE html>${render(page)}`;
  const lastModified = opts.lastModified ?? null;
  const body = utf8(html);
  return { body, etag: etagOf(body), lastModified, lastModifiedHeader: lastModified ? new Date(lastModified).toUTCString() : null, headers: opts.headers ?? {} };
}

/**
 * Sends a rendered public page with validators, or 304 when the client's copy is current.
 * If-None-Match wins over If-Modified-Since when both are sent (RFC 9110 §13.2.2).
 */
function sendRendered(req: FastifyRequest, reply: FastifyReply, r: RenderedPage): FastifyReply {
  // A ?lang= request also sets the language cookie: such a response is for this browser only.
  const lang = (req.query as Record<string, unknown> | undefined)?.lang;
  reply.header('cache-control', publicCacheControl(lang === undefined ? 'public' : 'private'));
  // The language comes from a cookie: a shared cache must keep one copy per cookie.
  reply.header('vary', 'Cookie');
  reply.header('etag', r.etag);
  if (r.lastModifiedHeader) reply.header('last-modified', r.lastModifiedHeader);
  for (const [k, v] of Object.entries(r.headers)) reply.header(k, v);
  if (clientCopyIsFresh(req, r.etag, r.lastModified)) return reply.code(304).send();
  return reply.code(200).type('text/html; charset=utf-8').send(r.body);
}

/** Renders and sends a public page with validators (no server-side cache). */
export function sendCachedPage(req: FastifyRequest, reply: FastifyReply, page: VNode<any>, opts: CacheOptions = {}): FastifyReply {
  return sendRendered(req, reply, renderPage(page, opts));
}

/** What a page handler builds on a cache miss: a page, or a redirect (never cached). */
export type BuiltPage = ({ page: VNode<any> } & CacheOptions) | { redirect: string; status?: 301 | 302 | 303 };

export interface PageCacheOptions {
  /** Everything outside the address that decides the page's content, read fresh on every request. */
  stamp: (req: FastifyRequest) => Promise<string>;
  /** Upper bound of the cached pages' size, in bytes (UTF-8; the option keeps its older name). */
  maxChars?: number;
  /** Pages older than this are rebuilt even if no stamp changed (covers clock skew between processes). */
  ttlMs?: number;
  /** How many different addresses asked for once are remembered (`createSeenAddresses`): a page is kept when asked for again. */
  seenAddresses?: number;
}

/**
 * The addresses asked for lately, for the page cache's rule "kept when asked for a second time": a crawler, a link
 * checker or a reader paging through a catalog asks for most addresses once, and keeping each of those pages would
 * push the pages that are read again and again out of the cache (and, in a million-item catalog, fill it with
 * pages nobody asks for again: 24 MB of buffers freed only by V8's full collections). Two generations of up to
 * `capacity` 32-bit hashes each (a few hundred kB), so an address is remembered for at least `capacity` other
 * addresses and at most twice that; two addresses with the same hash only make one page kept on its first request.
 */
export function createSeenAddresses(capacity: number) {
  let current = new Set<number>();
  let previous = new Set<number>();
  const hash = (key: string) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    return h >>> 0;
  };
  return {
    /** Whether the address was asked for before; it is remembered from now on either way. */
    check(key: string): boolean {
      const h = hash(key);
      if (current.has(h)) return true;
      const before = previous.has(h);
      if (current.size >= capacity) {
        previous = current;
        current = new Set();
      }
      current.add(h);
      return before;
    },
  };
}

interface Entry extends RenderedPage {
  stamp: string;
  at: number;
}

export function createPageCache(opts: PageCacheOptions) {
  const maxChars = opts.maxChars ?? 24_000_000;
  const ttlMs = opts.ttlMs ?? 10 * 60_000;
  const seen = createSeenAddresses(opts.seenAddresses ?? 50_000);
  const entries = new Map<string, Entry>(); // insertion order = least recently used first
  let chars = 0;
  /**
   * Pages being built, by key and stamp: requests for a page that is being built wait for that build instead of
   * building it again. After a change, the first requests for a popular address all miss at once: on PostgreSQL
   * a search page takes ~300 ms to build, and 16 concurrent readers each ran the same search until the first
   * answered (the benchmark's cached search phase ran at 1.5 % of the bare route).
   */
  const building = new Map<string, Promise<RenderedPage | { redirect: string; status?: 301 | 302 | 303 }>>();

  function drop(key: string) {
    const e = entries.get(key);
    if (!e) return;
    entries.delete(key);
    chars -= e.body.byteLength;
  }
  function keep(key: string, e: Entry) {
    drop(key);
    if (e.body.byteLength > maxChars / 4) return;
    entries.set(key, e);
    chars += e.body.byteLength;
    for (const k of entries.keys()) {
      if (chars <= maxChars) break;
      drop(k);
    }
  }

  return {
    /**
     * Serves the page at this address in the request's language from memory while the stamp is
     * unchanged; otherwise builds, renders and keeps it. `extraKey` adds what else the page depends on.
     */
    async serve(req: FastifyRequest, reply: FastifyReply, build: () => Promise<BuiltPage>, extraKey = ''): Promise<FastifyReply> {
      const key = `${req.ctx.locale}|${req.url}|${extraKey}`;
      const stamp = await opts.stamp(req);
      const hit = entries.get(key);
      if (hit && hit.stamp === stamp && Date.now() - hit.at < ttlMs) {
        entries.delete(key);
        entries.set(key, hit);
        return sendRendered(req, reply, hit);
      }
      const flightKey = `${key}\u0000${stamp}`;
      let flight = building.get(flightKey);
      if (!flight) {
        const repeated = seen.check(key);
        flight = (async () => {
          const built = await build();
          if ('redirect' in built) return built;
          const rendered = renderPage(built.page, built);
          // Kept when asked for before (or kept before: a page rebuilt after a change), not on a first request.
          if (entries.has(key) || repeated) keep(key, { ...rendered, stamp, at: Date.now() });
          return rendered;
        })();
        building.set(flightKey, flight);
        const done = () => building.delete(flightKey);
        flight.then(done, done);
      }
      const result = await flight;
      if ('redirect' in result) return reply.redirect(result.redirect, result.status ?? 301);
      return sendRendered(req, reply, result);
    },
    /** For tests and diagnostics. */
    size: () => ({ pages: entries.size, chars }),
  };
}
export type PageCache = ReturnType<typeof createPageCache>;
