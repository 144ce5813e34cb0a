// Disclosure applications (依申请公开): intake, the event log, deadlines, outcomes, letters, fees, proceedings.
export * from './types.ts';
export * from './outcomes.ts';
export { ruleSets, ruleSetFor, isRuleSetId, type RuleSet } from './rules.ts';
export { computeDeadline, deadlineStepMessages, deadlineProvisionalMessage, type DeadlineInput, type DeadlineResult, type DeadlineStep, type DeadlinePause } from './deadline.ts';
export { foldCase, emptyState, caseStatuses, openStatuses, channelsNeedingConfirmation, DUE_SOON_DAYS, type CaseState, type CaseStatus, type Urgency, type Violation, type Answer, type Proceeding } from './case-state.ts';
export * from './fees.ts';
export { composeLetter, defaultTemplate, letterKindFor, letterKinds, letterNumber, templateKeys, type LetterContent, type LetterKind } from './letters.ts';
export * from './applications.schemas.ts';
export { createApplicationsRepository, type ApplicationsRepository, type CaseRow, type EventRow, type FileRow, type LetterRow, type QueueRow, type QueueQuery, type ReportCounts } from './applications.repository.ts';
export {
  createApplicationsService, caseScope, canHandle, canApprove, canReveal, applicantOf, maskedApplicant, applicantKeyOf, newTrackingCode, similarity,
  toStoredEvent, projectionOf, violationIssues, defaultApplicationLimits, type ApplicationsService, type ApplicationLimits, type CaseView, type UploadedCaseFile,
} from './applications.service.ts';
// Bulk import and export (gongkai import|export applications, the demo's cases).
export { importApplications, importEventTypes, importLineFields, checkLine, type ApplicationImportLine, type ApplicationImportSummary, type ApplicationImportMode, type ApplicationImportOptions, type ApplicationImportProgress, type ImportEvent, type ImportProceeding } from './import.ts';
export { exportApplications, caseToLine, UnknownAgencyError } from './export.ts';
export { createApplicantSession, APPLICANT_COOKIE } from './applicant-session.ts';
