/** The cache of rendered public pages, stamped with what can change them (see http-cache.ts). */
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.ts';
import { createPageCache, type PageCache, type PageCacheOptions } from './http-cache.ts';
import { createPublicReadRepository } from './public-read.repository.ts';

/**
 * A page is current while no publication changed (catalog stamp), no agency changed (names and the
 * tree appear on every page), and the site settings and demo notice are the same.
 */
export function createPublicPageCache(db: Kysely<Database>, opts: Omit<PageCacheOptions, 'stamp'> = {}): PageCache {
  const repo = createPublicReadRepository(db);
  const siteStamps = new WeakMap<object, string>();
  return createPageCache({
    ...opts,
    stamp: async (req) => {
      const [catalog, agencies] = await Promise.all([repo.catalogStamp(), repo.agenciesStamp()]);
      let site = siteStamps.get(req.ctx.site);
      if (!site) {
        site = JSON.stringify(req.ctx.site);
        siteStamps.set(req.ctx.site, site);
      }
      return `${catalog}|${agencies}|${req.ctx.demo ? 'demo' : ''}|${site}`;
    },
  });
}
