import type { Config } from './config.ts';
import { type Clock, systemClock } from './kernel/clock.ts';
import type { Storage } from './storage/db.ts';
import { createAuditRepository, createAuditService } from './modules/audit/index.ts';
import { createAgenciesRepository, createAgenciesService, createApiTokensRepository, createApiTokensService, createUsersRepository, createUsersService } from './modules/agencies/index.ts';
import { createSettingsRepository, createSiteService } from './modules/site/index.ts';
import { createCalendarRepository, createCalendarService } from './modules/calendar/index.ts';
import { createAttachmentsRepository, createAttachmentsService, createPublicationsRepository, createPublicationsService, createSearchService, searchIndexer } from './modules/catalog/index.ts';
import { createLocalFileStore } from './storage/files/index.ts';
import { createApplicationsRepository, createApplicationsService } from './modules/applications/index.ts';
import { createLetterTemplatesService } from './modules/applications/templates.service.ts';
import { createReportsRepository, createReportsService } from './modules/reports/index.ts';
import { reportCatalogBody } from './modules/reports/views/catalog-body.ts';
import { createDashboardService, createMonitorRepository, createMonitorService } from './modules/oversight/index.ts';
import { spotCheckCatalogBody } from './modules/oversight/views/spot-check-body.ts';
import { politeDefaults } from './modules/oversight/crawler.ts';
import { spotCheckTitle } from './modules/oversight/spot-check-docx.ts';
import { translator } from './http/i18n/index.ts';

/** Builds every service with explicit arguments: the one place where modules are wired together. */
export function createServices(config: Config, storage: Storage, clock: Clock = systemClock) {
  const { db } = storage;
  const audit = createAuditService({ repo: createAuditRepository(db), clock });
  const agenciesRepo = createAgenciesRepository(db);
  const agencies = createAgenciesService({ db, repo: agenciesRepo, audit, clock });
  const users = createUsersService({ db, repo: createUsersRepository(db), agencies: agenciesRepo, audit, clock, sessionTtlMs: config.sessionTtlMs });
  const apiTokens = createApiTokensService({ repo: createApiTokensRepository(db), users: createUsersRepository(db), audit, clock });
  const site = createSiteService({ repo: createSettingsRepository(db), audit, clock });
  const calendar = createCalendarService({ repo: createCalendarRepository(db), audit, clock });
  const publicationsRepo = createPublicationsRepository(db);
  const publications = createPublicationsService({ db, repo: publicationsRepo, agencies, calendar, audit, clock, search: searchIndexer });
  // Attachments' bytes: the local disk for now (storage/files; an S3-compatible store can replace it behind the same interface).
  const files = createLocalFileStore(config.filesDir);
  const attachments = createAttachmentsService({
    db,
    repo: createAttachmentsRepository(db),
    publications: publicationsRepo,
    agencies,
    audit,
    clock,
    files,
    limits: { maxBytes: config.attachmentMaxBytes, maxFiles: config.attachmentMaxFiles },
  });
  const search = createSearchService({ db, clock, agencies });
  const applicationsRepo = createApplicationsRepository(db);
  const applications = createApplicationsService({
    repo: applicationsRepo,
    agencies,
    calendar,
    audit,
    clock,
    files,
    staffOf: (agencyId) => users.staffOf(agencyId),
  });
  const letterTemplates = createLetterTemplatesService({ repo: createApplicationsRepository(db), agencies, audit, clock });
  // A holiday notice entered or removed changes due dates already stored for the queue: recompute them at once.
  calendar.onChange(async () => {
    await applications.refreshStoredDeadlines(true);
  });
  const reports = createReportsService({
    repo: createReportsRepository(db),
    applications: applicationsRepo,
    catalog: publicationsRepo,
    publications,
    agencies,
    audit,
    clock,
    catalogBody: reportCatalogBody,
  });
  const monitorRepo = createMonitorRepository(db);
  const monitor = createMonitorService({
    repo: monitorRepo,
    agencies,
    publications,
    audit,
    clock,
    publicUrl: config.publicUrl,
    politeness: politeDefaults,
    spotCheckPublication: (report) => ({ title: spotCheckTitle(report, translator('zh-CN')), body: spotCheckCatalogBody(report) }),
  });
  const dashboard = createDashboardService({ agencies, catalog: publicationsRepo, applications: applicationsRepo, monitor, monitorRepo, reports, calendar, clock });
  return { config, storage, clock, audit, agencies, users, apiTokens, site, calendar, publications, attachments, search, applications, letterTemplates, reports, monitor, dashboard };
}
export type Services = ReturnType<typeof createServices>;
