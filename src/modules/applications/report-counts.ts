import type { Cell } from '../../storage/counts.ts';
import type { ApplicationProceedingTable, ApplicationTable } from '../../storage/schema.ts';

/**
 * The cells a case and a proceeding add to application_counts (storage/counts.ts), from which the annual report's
 * tables 三 and 四 and the fees of section 六 are read (docs/design/reports.md, "Counts kept as records change").
 * Migration 0012 fills the table with the same cells in SQL; a test holds the two to agreement.
 *
 * - `received|type` in the year of receipt; `closed|type|outcome` in the year it was closed (answered or withdrawn;
 *   a withdrawn case has no outcome: ''), for received cases only;
 * - `carried|type` in every year whose 1 January found the case open: after the year of receipt, up to the year it
 *   was closed (a case still open is counted by the report from the open cases themselves);
 * - `fees`: the fee paid, in fen, in the year it was paid;
 * - legacy statistics only (fine): `received|type|channel`, `closed|type|outcome|detail|extended`.
 * Proceedings: `decided|kind|result` in the year decided; `pending|kind` in every year whose 31 December found it
 * filed and undecided, up to the year before its decision (an undecided one is counted from the proceedings).
 */
export type CaseCountColumns = Pick<
  ApplicationTable,
  'agency_id' | 'applicant_type' | 'channel' | 'received_on' | 'year' | 'closed_year' | 'outcome' | 'outcome_detail' | 'extended' | 'fee_amount' | 'fee_paid_on'
>;
export const caseCountColumns = [
  'agency_id', 'applicant_type', 'channel', 'received_on', 'year', 'closed_year', 'outcome', 'outcome_detail', 'extended', 'fee_amount', 'fee_paid_on',
] as const satisfies readonly (keyof ApplicationTable)[];

export type ProceedingCountColumns = Pick<ApplicationProceedingTable, 'agency_id' | 'kind' | 'filed_on' | 'decided_on' | 'result'>;
export const proceedingCountColumns = ['agency_id', 'kind', 'filed_on', 'decided_on', 'result'] as const satisfies readonly (keyof ApplicationProceedingTable)[];

/** Cells only the legacy statistics read (application_counts.fine = 1). */
export const isFineCell = (cell: string): boolean => (cell.startsWith('received|') && cell.split('|').length === 3) || (cell.startsWith('closed|') && cell.split('|').length === 5);

const yearOf = (day: string) => Number(day.slice(0, 4));

export function caseCells(c: CaseCountColumns): Cell[] {
  const out: Cell[] = [];
  const at = (year: number, cell: string, n = 1) => out.push({ agencyId: c.agency_id, year, cell, n });
  if (c.received_on != null) {
    const received = Number(c.year);
    at(received, `received|${c.applicant_type}`);
    at(received, `received|${c.applicant_type}|${c.channel}`);
    if (c.closed_year != null) {
      const closed = Number(c.closed_year);
      const outcome = c.outcome ?? '';
      at(closed, `closed|${c.applicant_type}|${outcome}`);
      at(closed, `closed|${c.applicant_type}|${outcome}|${c.outcome_detail ?? ''}|${Number(c.extended) ? 1 : 0}`);
      for (let y = received + 1; y <= closed; y++) at(y, `carried|${c.applicant_type}`);
    }
  }
  if (c.fee_paid_on) at(yearOf(c.fee_paid_on), 'fees', Math.round(Number(c.fee_amount ?? 0) * 100));
  return out;
}

export function proceedingCells(p: ProceedingCountColumns): Cell[] {
  const out: Cell[] = [];
  if (p.decided_on == null) return out;
  const decided = yearOf(p.decided_on);
  if (p.result !== 'pending') out.push({ agencyId: p.agency_id, year: decided, cell: `decided|${p.kind}|${p.result}`, n: 1 });
  for (let y = yearOf(p.filed_on); y < decided; y++) out.push({ agencyId: p.agency_id, year: y, cell: `pending|${p.kind}`, n: 1 });
  return out;
}
