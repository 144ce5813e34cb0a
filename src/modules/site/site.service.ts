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
  /**
   * The settings as of change counter `version` (settings.repository.ts moves it on every change, by any
   * process). Reading the counter before the rows means the rows are at least that new; if they are
   * newer, the next check sees a larger counter and reads them again (harmless).
   */
  let cache: { site: SiteSettings; demo: boolean; version: number } | null = null;
  let generation = 0; // moved by local changes: a read begun before one must not be kept
  async function read(version?: number) {
    const v = version ?? (await deps.repo.version());
    const raw = await deps.repo.get(SITE_KEY);
    const parsed = raw ? siteSettingsSchema.safeParse(JSON.parse(raw)) : null;
    return { site: parsed?.success ? parsed.data : defaultSiteSettings, demo: !!(await deps.repo.get(DEMO_KEY)), version: v };
  }
  async function load(version?: number) {
    // Counters only grow: a copy at least as new as asked for is current.
    if (cache && (version === undefined || cache.version >= version)) return cache;
    const g = generation;
    const got = await read(version);
    if (g === generation && (!cache || got.version >= cache.version)) cache = got;
    return got;
  }
  return {
    /**
     * The settings and demo flag as of change counter `version` (e.g. from the change stamps a public page
     * checks): from memory when this process already has them, otherwise read again.
     */
    current: (version: number) => load(version),
    /** The settings checked against the database first (one primary-key read): for the forms that edit them. */
    async checked(): Promise<SiteSettings> {
      return (await load(await deps.repo.version())).site;
    },
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
      generation++;
      await deps.audit.record(actor, { action: 'site.update', detail: { site } });
      return site;
    },
    async setDemoLoaded(loaded: boolean): Promise<void> {
      if (loaded) await deps.repo.set(DEMO_KEY, deps.clock.now().toISOString(), deps.clock.now().toISOString());
      else await deps.repo.delete(DEMO_KEY);
      cache = null;
      generation++;
    },
    /** Forget cached values (another process may have changed them). */
    invalidate(): void {
      cache = null;
      generation++;
    },
  };
}
export type SiteService = ReturnType<typeof createSiteService>;
