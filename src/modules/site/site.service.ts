import type { Clock } from '../../kernel/clock.ts';
import { errors } from '../../kernel/errors.ts';
import { parseInput } from '../../kernel/validation.ts';
import type { Actor, AuditService } from '../audit/index.ts';
import { isAdmin, type Principal } from '../agencies/index.ts';
import type { SettingsRepository } from './settings.repository.ts';
import { defaultSiteSettings, siteSettingsSchema, type SiteSettings } from './site.ts';

const SITE_KEY = 'site';
const DEMO_KEY = 'demo.loadedAt';

export function createSiteService(deps: { repo: SettingsRepository; audit: AuditService; clock: Clock }) {
  let cache: { site: SiteSettings; demo: boolean } | null = null;
  async function load() {
    if (!cache) {
      const raw = await deps.repo.get(SITE_KEY);
      const parsed = raw ? siteSettingsSchema.safeParse(JSON.parse(raw)) : null;
      cache = { site: parsed?.success ? parsed.data : defaultSiteSettings, demo: !!(await deps.repo.get(DEMO_KEY)) };
    }
    return cache;
  }
  return {
    async settings(): Promise<SiteSettings> {
      return (await load()).site;
    },
    /** While demo data is loaded, every page says so. */
    async demoLoaded(): Promise<boolean> {
      return (await load()).demo;
    },
    async update(principal: Principal, actor: Actor, input: unknown): Promise<SiteSettings> {
      if (!isAdmin(principal)) throw errors.forbidden();
      const site = parseInput(siteSettingsSchema, input);
      await deps.repo.set(SITE_KEY, JSON.stringify(site), deps.clock.now().toISOString());
      cache = null;
      await deps.audit.record(actor, { action: 'site.update', detail: { site } });
      return site;
    },
    async setDemoLoaded(loaded: boolean): Promise<void> {
      if (loaded) await deps.repo.set(DEMO_KEY, deps.clock.now().toISOString(), deps.clock.now().toISOString());
      else await deps.repo.delete(DEMO_KEY);
      cache = null;
    },
    /** Forget cached values (another process may have changed them). */
    invalidate(): void {
      cache = null;
    },
  };
}
export type SiteService = ReturnType<typeof createSiteService>;
