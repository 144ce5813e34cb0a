/** The cache of rendered public pages, stamped with what can change them (see http-cache.ts). */
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
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
 * A page is current while no publication changed (catalog stamp), no agency changed (names and the
 * tree appear on every page), and the site settings and demo notice are the same. All three stamps come
 * from one statement of primary-key reads, run on every request (storage/change-stamps.ts: no reuse of
 * an earlier read, so a withdrawn item or a changed footer is gone from the next page any process
 * serves); when the site settings' counter moved (e.g. changed by another process), the request's
 * settings are read again before the stamp is made.
 */
export function createPublicPageCache(db: Kysely<Database>, opts: Omit<PageCacheOptions, 'stamp'> = {}): PublicPageCache {
  const repo = createPublicReadRepository(db);
  const siteStamps = new WeakMap<object, string>();
  const read = new WeakMap<FastifyRequest, ChangeStamps>();
  const cache = createPageCache({
    ...opts,
    stamp: async (req) => {
      const stamps = await repo.changeStamps();
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
