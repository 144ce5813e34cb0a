/** Test data for disclosure applications: valid-by-checksum (fictitious) identity numbers and a ready application. */
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import { residentIdCheckChar } from '../../src/kernel/text/index.ts';
import { cliActor } from '../../src/modules/audit/index.ts';
import { createApplicationsRepository, importApplications, type ApplicationImportLine } from '../../src/modules/applications/index.ts';
import type { Services } from '../../src/services.ts';
import type { Database } from '../../src/storage/schema.ts';

/** An 18-character resident ID with a correct GB 11643 check character (birth date 1985-06-15 + `serial`). */
export function residentId(serial = 1, region = '131102'): string {
  const body = `${region}19850615${String(serial % 1000).padStart(3, '0')}`;
  return body + residentIdCheckChar(body);
}

/** The form fields of a natural person's application (as the service's input object). */
export function naturalApplication(over: { name?: string; serial?: number; description?: string } = {}) {
  return {
    applicant: { type: 'natural', name: over.name ?? '张三', idType: 'residentId', idNumber: residentId(over.serial ?? 1), phone: '13800001234', email: 'zhangsan@example.cn', address: '河北省衡水市桃城区人民东路1号' },
    description: over.description ?? '请公开2025年本市义务教育阶段学校招生划片方案及其制定依据。',
    form: 'electronic',
    delivery: 'email',
  };
}

let caseSerial = 0;
/**
 * A case as an import line of `gongkai import applications`: an applicant of the type, received on a day, and
 * answered with an outcome or still open. `over` replaces any field (events, proceedings, channel …).
 */
export function caseLine(
  agency: string,
  applicant: 'natural' | 'commercial',
  receivedAt: string,
  answered: { on: string; outcome: string } | null,
  over: Partial<ApplicationImportLine> = {},
): ApplicationImportLine {
  const n = ++caseSerial;
  return {
    ref: `T-${n}`,
    agency,
    applicant: applicant === 'natural' ? { type: 'natural', name: `张某${n}`, idType: 'residentId', idNumber: residentId(n, '139900'), phone: '0318-0900001' } : { type: 'commercial', name: `衡水示例建材有限公司${n}` },
    channel: 'online',
    receivedAt,
    rules: 'cn-2019',
    description: `申请公开本机关第${n}号文件。`,
    form: 'electronic',
    delivery: 'online',
    events: answered ? [{ type: 'answered', on: answered.on, outcome: answered.outcome, detail: null, reasons: answered.outcome === 'disclose' ? undefined : '依法答复。' }] : [],
    proceedings: [],
    ...over,
  };
}

/** Imports cases through the real importer (all or nothing) and fails the test on any issue. */
export async function importCases(services: Services, db: Kysely<Database>, lines: ApplicationImportLine[]): Promise<void> {
  const s = services;
  const deps = { repo: createApplicationsRepository(db), agencies: s.agencies, calendar: s.calendar, clock: s.clock, audit: s.audit };
  const summary = await importApplications(deps, () => Readable.from([Buffer.from(lines.map((l) => JSON.stringify(l)).join('\n') + '\n')]), { actor: cliActor });
  assert.deepEqual(summary.issues, []);
  assert.equal(summary.imported, lines.length);
}
