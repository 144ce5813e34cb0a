export { createAuditRepository, type AuditRow, type AuditQuery } from './audit.repository.ts';
export { createAuditService, cliActor, systemActor, type AuditService, type Actor, type AuditEntry } from './audit.service.ts';
