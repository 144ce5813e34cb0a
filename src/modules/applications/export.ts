/**
 * Export of disclosure-application cases (`gongkai export applications`) as JSON lines in the import format
 * (import.ts), so that an export imported into an empty database gives the same cases: agency, case number,
 * tracking code, applicant, channel, receipt date, rule set, description, every step the format knows
 * (correction, consultation, extension, fee, answers, delivery, withdrawal) and the proceedings.
 *
 * Not exported: internal notes, assignments, duplicate flags, messages to the applicant, extension requests
 * (only the approved extension), letters and files — the format has no place for them. A case still
 * waiting for its receipt date (post, letter, fax) is exported with its submission date as receipt date.
 *
 * Personal data (ID number, phone, e-mail, address, postcode, contact person) only with `includePersonal`;
 * the caller must be an administrator, and such an export is written to the audit log.
 */
import { maskName } from '../../kernel/text/index.ts';
import type { WorkCalendar } from '../../kernel/calendar/index.ts';
import type { Actor, AuditService } from '../audit/index.ts';
import type { AgencyTree } from '../agencies/index.ts';
import type { ApplicationsRepository, CaseRow } from './applications.repository.ts';
import { toStoredEvent } from './applications.service.ts';
import { foldCase } from './case-state.ts';
import { isRuleSetId } from './rules.ts';
import type { ApplicationImportLine, ImportEvent } from './import.ts';
import type { Channel, StoredEvent } from './types.ts';

export interface ApplicationExportDeps {
  repo: ApplicationsRepository;
  agencies: { tree(): Promise<AgencyTree> };
  calendar: { current(): Promise<WorkCalendar> };
  audit: AuditService;
}

export interface ApplicationExportOptions {
  actor: Actor;
  /** Only this agency's cases (its own, not those of the agencies below it). */
  agencyCode?: string;
  /** Only cases of this year (the year of receipt). */
  year?: number;
  includePersonal?: boolean;
  /** Cases read per page (default 500). */
  pageSize?: number;
  onProgress?: (p: { written: number; elapsedMs: number }) => void;
}

/** Thrown for an unknown agency code. */
export class UnknownAgencyError extends Error {}

const clean = <T extends Record<string, unknown>>(o: T): T => {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
};

/** One case as a line of the import format. */
export function caseToLine(row: CaseRow, agencyCode: string, events: StoredEvent[], calendar: WorkCalendar, includePersonal: boolean): ApplicationImportLine {
  const rules = isRuleSetId(row.rules) ? row.rules : undefined;
  const { state } = foldCase(calendar, events, rules ? { rules } : {});
  const out: ImportEvent[] = [];
  for (const e of events) {
    const on = e.on;
    switch (e.type) {
      case 'correctionRequested':
        out.push(clean({ type: e.type, on, until: e.data.until, what: e.data.what || undefined }));
        break;
      case 'corrected':
        out.push(clean({ type: e.type, on, text: e.data.text || undefined }));
        break;
      case 'consultationStarted':
        out.push(clean({ type: e.type, on, party: e.data.party, with: e.data.with || undefined }));
        break;
      case 'consultationEnded':
        out.push(clean({ type: e.type, on, result: e.data.result }));
        break;
      case 'extended':
        out.push(clean({ type: e.type, on, days: e.data.days, reason: e.data.reason || undefined }));
        break;
      case 'feeNotified':
        out.push({ type: e.type, on, amount: e.data.amount, basis: e.data.basis, quantity: e.data.quantity });
        break;
      case 'feePaid':
        out.push({ type: e.type, on });
        break;
      case 'answered':
        out.push(clean({ type: e.type, on, outcome: e.data.outcome, detail: e.data.detail ?? null, reasons: e.data.reasons || undefined, rightAgency: e.data.rightAgency || undefined }));
        break;
      case 'delivered':
        out.push({ type: e.type, on, method: e.data.method });
        break;
      case 'withdrawn':
        out.push(clean({ type: e.type, on, reason: e.data.reason || undefined }));
        break;
      default:
        break; // submitted and receiptConfirmed are the line's channel and receivedAt; the rest has no place in the format
    }
  }
  const personal = <T>(v: T): T | null => (includePersonal ? v : null);
  return {
    ref: row.ref,
    agency: agencyCode,
    trackingCode: row.tracking_code,
    applicant: {
      type: row.applicant_type,
      // A natural person's name is personal information too; an organisation's is not.
      name: includePersonal || row.applicant_type !== 'natural' ? row.applicant_name : maskName(row.applicant_name),
      idType: row.applicant_id_type,
      idNumber: personal(row.applicant_id_number),
      creditCode: row.applicant_credit_code,
      legalRepresentative: row.applicant_legal_rep,
      contactPerson: personal(row.applicant_contact_person),
      phone: personal(row.applicant_phone),
      email: personal(row.applicant_email),
      address: personal(row.applicant_address),
      postcode: personal(row.applicant_postcode),
    },
    channel: row.channel as Channel,
    receivedAt: row.received_on ?? row.submitted_on,
    rules: rules ?? null,
    description: row.description,
    form: row.form,
    delivery: row.delivery,
    events: out,
    proceedings: state.proceedings.map((p) => ({ kind: p.kind, body: p.body || null, filedOn: p.filedOn, decidedOn: p.decidedOn, result: p.result, followUpDueOn: p.result === 'corrected' ? p.followUpDueOn : null })),
  };
}

/** Writes the cases as JSON lines through `write`, page by page (keyset pagination). Returns the count. */
export async function exportApplications(deps: ApplicationExportDeps, opts: ApplicationExportOptions, write: (line: string) => void): Promise<{ cases: number; elapsedMs: number }> {
  const started = performance.now();
  const tree = await deps.agencies.tree();
  const calendar = await deps.calendar.current();
  let agencyIds: string[] | 'all' = 'all';
  if (opts.agencyCode) {
    const a = tree.byCode.get(opts.agencyCode);
    if (!a) throw new UnknownAgencyError(`no agency with code ${opts.agencyCode}`);
    agencyIds = [a.id];
  }
  if (opts.includePersonal) {
    // Before any personal data leaves: the record of who exported what.
    await deps.audit.record(opts.actor, {
      action: 'application.exportPersonal',
      detail: { agency: opts.agencyCode ?? null, year: opts.year ?? null },
      ...(agencyIds !== 'all' ? { agencyId: agencyIds[0] } : {}),
    });
  }
  const limit = opts.pageSize ?? 500;
  let afterId: string | null = null;
  let cases = 0;
  for (;;) {
    const rows = await deps.repo.pageForExport({ agencyIds, ...(opts.year ? { year: opts.year } : {}), afterId, limit });
    if (!rows.length) break;
    const byCase = new Map<string, StoredEvent[]>();
    for (const e of await deps.repo.eventsOf(rows.map((r) => r.id))) {
      const list = byCase.get(e.application_id) ?? [];
      list.push(toStoredEvent(e));
      byCase.set(e.application_id, list);
    }
    for (const row of rows) {
      const code = tree.byId.get(row.agency_id)?.code ?? row.agency_id;
      write(JSON.stringify(caseToLine(row, code, byCase.get(row.id) ?? [], calendar, !!opts.includePersonal)));
      cases++;
    }
    opts.onProgress?.({ written: cases, elapsedMs: performance.now() - started });
    afterId = rows[rows.length - 1]!.id;
    if (rows.length < limit) break;
  }
  return { cases, elapsedMs: performance.now() - started };
}
