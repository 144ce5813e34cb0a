// Oversight (监督): the supervision dashboard and the website monitor (政府网站监测), rectifications (整改) and the
// weekly spot-check report (周抽查通报). Spec oversight.md §1; design docs/design/oversight.md.
export * from './monitor-types.ts';
export { evaluateSite, probeWindow, thresholds, type EvaluationInput } from './evaluate.ts';
export { siteInputSchema, siteConfigOf, type SiteInput } from './monitor.schemas.ts';
export { createMonitorRepository, type MonitorRepository } from './monitor.repository.ts';
export { createMonitorService, ownSiteConfig, siteOf, crawlOf, type MonitorService, type Site, type Crawl, type Rectification, type RectificationStatus } from './monitor.service.ts';
export { createDashboardService, type DashboardService } from './dashboard.service.ts';
