import type { FastifyRequest } from 'fastify';
import { droppedUploads, uploadsOf } from '../../http/uploads.ts';
import { errors, type FieldIssue } from '../../kernel/errors.ts';
import type { ApplicationLimits, UploadedCaseFile } from './applications.service.ts';

/**
 * The files of a case form (field `files`), for the service. A file cut at the size limit or files beyond
 * the number kept are refused here, with the service's own messages (the service checks type by content).
 */
export function caseFilesOf(req: FastifyRequest, limits: Pick<ApplicationLimits, 'maxFileBytes' | 'maxFiles'>): UploadedCaseFile[] {
  const ups = uploadsOf(req).filter((u) => u.field === 'files');
  const issues: FieldIssue[] = [];
  for (const u of ups) {
    if (u.truncated || u.bytes.byteLength > limits.maxFileBytes) issues.push({ field: 'files', message: 'applications.validation.fileTooLarge', params: { name: u.filename, max: Math.round(limits.maxFileBytes / 1024 / 1024) } });
  }
  if (droppedUploads(req) > 0 || ups.length > limits.maxFiles) issues.push({ field: 'files', message: 'applications.validation.tooManyFiles', params: { max: limits.maxFiles } });
  if (issues.length) throw errors.validation(issues);
  return ups.map((u) => ({ name: u.filename, bytes: u.bytes }));
}
