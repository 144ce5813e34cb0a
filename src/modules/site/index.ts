export { createSettingsRepository, type SettingsRepository } from './settings.repository.ts';
export { createSiteService, type SiteService } from './site.service.ts';
export { siteSettingsSchema, defaultSiteSettings, type SiteSettings } from './site.ts';
