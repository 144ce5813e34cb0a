// Annual reports (年度报告): compiled from the records, checked, edited, approved, published; DOCX, XLSX, JSON, web.
export * from './format.ts';
export { checkReport, checkImported, failedChecks } from './checks.ts';
export { compileReport, emptyAggregates, type Aggregates } from './tables.ts';
export { textSections, type CompiledReport, type ReportTexts, type TextSection, type ReportStatus } from './model.ts';
export { parseReportJson, reportJsonSchema } from './reports.schemas.ts';
export { resolveText, placeholderValue, suggestedPlaceholders } from './placeholders.ts';
export { createReportsRepository, type ReportsRepository } from './reports.repository.ts';
export { createReportsService, defaultScopeOf, reportDueOn, type ReportsService, type ReportKey } from './reports.service.ts';
