/** The cache of rendered public pages, stamped with what can change them (see http-cache.ts). */
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.ts';
import { createPageCache, type PageCache, type PageCacheOptions } from './http-cache.ts';
import { createPublicReadRepository } from './public-read.repository.ts';

/**
 * A page is current while no publication changed (catalog stamp), no agency changed (names and the
 * tree appear on every page), and the site settings and demo notice are the same. All three stamps come
 * from one statement of primary-key reads, run on every request (storage/change-stamps.ts: no reuse of
 * an earlier read, so a withdrawn item or a changed footer is gone from the next page any process
 * serves); when the site settings' counter moved (e.g. changed by another process), the request's
 * settings are read again before the stamp is made.
 */
export function createPublicPageCache(db: Kysely<Database>, opts: Omit<PageCacheOptions, 'stamp'> = {}): PageCache {
  const repo = createPublicReadRepository(db);
  const siteStamps = new WeakMap<object, string>();
  return createPageCache({
    ...opts,
    stamp: async (req) => {
      const { catalog, agencies, site: siteVersion } = await repo.changeStamps();
      await req.ctx.siteAt?.(siteVersion);
      let site = siteStamps.get(req.ctx.site);
      if (!site) {
        site = JSON.stringify(req.ctx.site);
        siteStamps.set(req.ctx.site, site);
      }
      return `${catalog}|${agencies}|${req.ctx.demo ? 'demo' : ''}|${site}`;
    },
  });
}
