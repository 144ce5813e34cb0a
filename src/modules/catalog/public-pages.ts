/** The cache of rendered public pages, stamped with what can change them (see http-cache.ts). */
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { lastArrival } from '../../http/context.ts';
import type { ChangeStamps } from '../../storage/change-stamps.ts';
import type { Database } from '../../storage/schema.ts';
import { createPageCache, type PageCache, type PageCacheOptions } from './http-cache.ts';
import { createPublicReadRepository } from './public-read.repository.ts';

export interface PublicPageCache extends PageCache {
  /**
   * The change stamps this request's page was checked against (undefined before `serve` read them): a page
   * built on a miss uses them for its own keyed reads (the agency tree, the browse counts) instead of reading
   * them again — the same request, so no change can be missed that the page's stamp would not also miss.
   */
  stampsOf(req: FastifyRequest): ChangeStamps | undefined;
}

/**
 * The latest read of the change stamps per database, shared by every page cache on it, with the number of the
 * latest request received when it began (http/context.ts, `nextArrival`). A request received before a read
 * began takes that read's stamps: they hold every change committed before the request arrived, as a read of its
 * own would (it could only add changes committed while the request was already waiting). Under load most
 * requests were received while another one read the stamps: the read was ~8 % of the server's time on cached
 * pages, and the requests that share it have their pages written together, once per turn of the event loop
 * (cached pages ×1.3–2 under load: docs/design/catalog-reads.md, "One stamp read for the requests received
 * before it").
 */
const shared = new WeakMap<Kysely<Database>, SharedReads>();
interface SharedReads {
  /** The latest read, and the number of the latest request received when it began. */
  latest: { stamps: Promise<ChangeStamps>; after: number } | null;
  /** The read to be made at the end of this turn of the event loop, for the requests that need it meanwhile. */
  next: Promise<ChangeStamps> | null;
  /** How many reads were made (diagnostics, tests). */
  reads: number;
}
function sharedReadsOf(db: Kysely<Database>): SharedReads {
  let s = shared.get(db);
  if (!s) shared.set(db, (s = { latest: null, next: null, reads: 0 }));
  return s;
}
/** How many times the page caches on `db` read the change stamps from it (diagnostics, tests). */
export function stampReads(db: Kysely<Database>): number {
  return shared.get(db)?.reads ?? 0;
}

/**
 * A page is current while no publication changed (catalog stamp), no agency changed (names and the
 * tree appear on every page), and the site settings and demo notice are the same. All three stamps come
 * from one statement of primary-key reads (storage/change-stamps.ts), begun after the request was received
 * (by it, or by another request while it waited: `shared`), so a withdrawn item or a changed footer is
 * gone from the next page any process serves; when the site settings' counter moved (e.g. changed by another
 * process), the request's settings are read again before the stamp is made.
 */
export function createPublicPageCache(db: Kysely<Database>, opts: Omit<PageCacheOptions, 'stamp'> = {}): PublicPageCache {
  const repo = createPublicReadRepository(db);
  const siteStamps = new WeakMap<object, string>();
  const read = new WeakMap<FastifyRequest, ChangeStamps>();
  const reads = sharedReadsOf(db);
  const stampsFor = (req: FastifyRequest): Promise<ChangeStamps> => {
    const arrival = req.ctx.arrival;
    if (reads.latest && arrival !== undefined && arrival <= reads.latest.after) return reads.latest.stamps;
    // Node runs each request up to its stamps before it reads the next socket, so requests that arrived together
    // would each read: the read is made once the event loop has taken in every request ready in this turn.
    reads.next ??= new Promise<ChangeStamps>((resolve) =>
      setImmediate(() => {
        reads.next = null;
        reads.reads++;
        const stamps = repo.changeStamps();
        const latest = { stamps, after: lastArrival() };
        reads.latest = latest;
        // A failed read is not shared with requests that come later.
        stamps.catch(() => {
          if (reads.latest === latest) reads.latest = null;
        });
        resolve(stamps);
      }),
    );
    return reads.next;
  };
  const cache = createPageCache({
    ...opts,
    stamp: async (req) => {
      const stamps = await stampsFor(req);
      read.set(req, stamps);
      await req.ctx.siteAt?.(stamps.site);
      let site = siteStamps.get(req.ctx.site);
      if (!site) {
        site = JSON.stringify(req.ctx.site);
        siteStamps.set(req.ctx.site, site);
      }
      return `${stamps.catalog}|${stamps.agencies}|${req.ctx.demo ? 'demo' : ''}|${site}`;
    },
  });
  return { ...cache, stampsOf: (req) => read.get(req) };
}
