import type { Services } from '../services.ts';
import { cliActor } from '../modules/audit/index.ts';
import { demoAgencies, demoSite, demoUsers } from './city.ts';
import { loadDemoCatalog } from './catalog.ts';
import { loadDemoApplications } from './applications.ts';
import { loadDemoReportFigures } from './reports.ts';

export { demoAgencies, demoSite, demoUsers, DEMO_HOME, type DemoUser } from './city.ts';

export interface DemoResult {
  /** Demo agencies loaded (created + updated). */
  agencies: number;
  created: number;
  updated: number;
  users: { username: string; password: string; role: string; agency: string | null }[];
  /** Demo catalog items loaded (created + updated; a reload updates the same items, never adds). */
  publications: number;
}

/**
 * Loads (or reloads) the demo city of the 2017 report through the services, audit-logged as "cli".
 * Idempotent: agencies are upserted by code (all or nothing), the demo accounts are created or reset
 * to their demo password and role and enabled, the site settings get the demo identity, and the demo
 * catalog (src/demo/catalog.ts) is imported — upserted by ref, so a reload adds no items — and so are the
 * applications (src/demo/applications.ts) and the annual reports' entered figures (src/demo/reports.ts).
 */
export async function loadDemo(services: Services): Promise<DemoResult> {
  const admin = services.users.systemPrincipal();
  const { created, updated } = await services.agencies.importMany(
    admin,
    cliActor,
    demoAgencies.map((value, i) => ({ line: i + 1, value })),
  );

  const accounts = new Map((await services.users.list(admin)).map((x) => [x.username, x]));
  for (const u of demoUsers) {
    const grants = [{ role: u.role, agency: u.agency }];
    const existing = accounts.get(u.username);
    if (!existing) {
      await services.users.create(admin, cliActor, { username: u.username, displayName: u.displayName, password: u.password, grants });
      continue;
    }
    await services.users.update(admin, cliActor, u.username, { displayName: u.displayName, grants });
    await services.users.setPassword(admin, cliActor, u.username, u.password);
    if (existing.disabled) await services.users.setDisabled(admin, cliActor, u.username, false);
  }

  const current = await services.site.settings();
  await services.site.update(admin, cliActor, { ...current, ...demoSite });
  await services.site.setDemoLoaded(true);

  const catalog = await loadDemoCatalog(services);
  await loadDemoApplications(services);
  await loadDemoReportFigures(services);

  return {
    agencies: created + updated,
    created,
    updated,
    users: demoUsers.map((u) => ({ username: u.username, password: u.password, role: u.role, agency: u.agency })),
    publications: catalog.publications,
  };
}
