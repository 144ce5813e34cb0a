/**
 * From the records' counts to the report's tables (spec annual-report.md). The repository counts (grouped by
 * agency); this file places every count in its cell, for each agency and for the whole. Pure.
 *
 * Definitions (spec): 一 received = cases whose receipt date falls in the year; 二 carried over = cases received
 * before 1 January and not closed by then; 三 = cases closed in the year, by outcome — a withdrawn case (closed
 * without an outcome) counts in （六）3 其他; 四 carried forward = cases received by 31 December and not closed
 * by then. Table 四: a proceeding counts in the year its result is decided; one filed and not decided by
 * 31 December counts as 尚未审结.
 */
import { isOutcomeCode, type ApplicantType, type OutcomeCode, type ProceedingKind, type ProceedingResult } from '../applications/index.ts';
import { checkReport } from './checks.ts';
import {
  applicantColumns,
  emptyRow,
  outcomeRowsOf,
  legacyAnswerOf,
  legacyAnswers,
  legacyChannelOf,
  legacyChannels,
  legacyWithheldReasons,
  table2Layouts,
  table3Columns,
  table3RowOf,
  table3RowsOf,
  table4Blocks,
  type LegacyStats,
  type ReportFormat,
  type ReportJson,
  type ReportPart,
  type ReportScope,
  type Table2,
  type Table3,
  type Table4,
} from './format.ts';

/** Counts of the records for one year, grouped by agency (the repository's output). */
export interface Aggregates {
  received: { agencyId: string; applicantType: ApplicantType; channel: string; n: number }[];
  /** Cases closed in the year: answered (outcome) or withdrawn (outcome null). */
  closed: { agencyId: string; applicantType: ApplicantType; outcome: OutcomeCode | null; detail: string | null; extended: boolean; n: number }[];
  openAtStart: { agencyId: string; applicantType: ApplicantType; n: number }[];
  openAtEnd: { agencyId: string; applicantType: ApplicantType; n: number }[];
  proceedingsDecided: { agencyId: string; kind: ProceedingKind; result: Exclude<ProceedingResult, 'pending'>; n: number }[];
  proceedingsPending: { agencyId: string; kind: ProceedingKind; n: number }[];
  /** Rules and normative documents, counted per issuing agency (a joint document counts for each issuer). */
  documents: { agencyId: string; kind: 'rule' | 'normativeDocument'; issued: number; published: number; repealed: number; inForce: number }[];
  /** The same over the whole scope, each document once. */
  documentsDistinct: { kind: 'rule' | 'normativeDocument'; issued: number; published: number; repealed: number; inForce: number }[];
  /** Entered figures (report_figures). */
  figures: { agencyId: string; key: string; value: number }[];
  /** Application fees collected in the year, yuan. */
  fees: { agencyId: string; amount: number }[];
  /** Items published in the year (legacy: 主动公开), and of them normative documents. */
  proactive: { agencyId: string; items: number; normativeDocuments: number }[];
}

export interface ReportSubject {
  id: string;
  code: string;
  name: string;
  /** The code of the agency above it (roll-up parts). */
  parent?: string | null;
}

const columnIndex = new Map<string, number>(applicantColumns.map((c, i) => [c, i]));
const col = (t: ApplicantType): number => columnIndex.get(t) ?? 0;

function emptyTable3(format: ReportFormat): Table3 {
  const rows: Record<string, number[]> = {};
  for (const r of table3RowsOf(format)) rows[r] = emptyRow();
  return { columns: [...table3Columns], rows };
}
const emptyTable4 = (): Table4 => ({ reconsideration: emptyRow(5), litigationDirect: emptyRow(5), litigationAfterReconsideration: emptyRow(5) });

function add(row: number[], i: number, n: number): void {
  row[i] = (row[i] ?? 0) + n;
}

/** Fills 总计 columns and the （七） row from the cells counted. */
function finishTable3(format: ReportFormat, t: Table3): Table3 {
  const total = emptyRow();
  for (const r of outcomeRowsOf(format)) for (let i = 0; i < 6; i++) total[i]! += t.rows[r]![i]!;
  t.rows.total = total;
  for (const v of Object.values(t.rows)) v[6] = v[0]! + v[1]! + v[2]! + v[3]! + v[4]! + v[5]!;
  return t;
}

const resultIndex: Record<Exclude<ProceedingResult, 'pending'>, number> = { upheld: 0, corrected: 1, other: 2 };

function table4Of(agg: Aggregates): Table4 {
  const t = emptyTable4();
  for (const p of agg.proceedingsDecided) add(t[p.kind], resultIndex[p.result], p.n);
  for (const p of agg.proceedingsPending) add(t[p.kind], 3, p.n);
  for (const b of table4Blocks) t[b][4] = t[b].slice(0, 4).reduce((a, x) => a + x, 0);
  return t;
}

function table3Of(format: ReportFormat, agg: Aggregates): Table3 {
  const t = emptyTable3(format);
  for (const r of agg.received) add(t.rows.received!, col(r.applicantType), r.n);
  for (const r of agg.openAtStart) add(t.rows.carriedOver!, col(r.applicantType), r.n);
  for (const r of agg.openAtEnd) add(t.rows.carriedForward!, col(r.applicantType), r.n);
  for (const r of agg.closed) {
    const outcome: OutcomeCode = r.outcome && isOutcomeCode(r.outcome) ? r.outcome : 'other.other';
    add(t.rows[format === '2019' ? table3RowOf(format, outcome) : outcome]!, col(r.applicantType), r.n);
  }
  return finishTable3(format, t);
}

/** Table 二 of an agency (its own documents) or of the whole scope (`distinct`: each joint document once). */
function table2Of(format: '2021' | '2019', agg: Aggregates, distinct: boolean): Table2 {
  const docs = { rule: { issued: 0, published: 0, repealed: 0, inForce: 0 }, normativeDocument: { issued: 0, published: 0, repealed: 0, inForce: 0 } };
  for (const d of distinct ? agg.documentsDistinct : agg.documents) {
    const k = docs[d.kind];
    k.issued += d.issued;
    k.published += d.published;
    k.repealed += d.repealed;
    k.inForce += d.inForce;
  }
  const figure = (key: string) => agg.figures.filter((f) => f.key === key).reduce((a, f) => a + f.value, 0);
  const out: Table2 = {};
  for (const row of table2Layouts[format]) {
    if (row.source === 'catalog') {
      const d = docs[row.key === 'rules' ? 'rule' : 'normativeDocument'];
      out[row.key] = format === '2021' ? [d.issued, d.repealed, d.inForce] : [d.issued, d.published, d.inForce];
    } else out[row.key] = row.columns.map((c) => round2(figure(`${row.key}.${c}`)));
  }
  return out;
}
const round2 = (x: number) => Math.round(x * 100) / 100;

function legacyOf(agg: Aggregates): LegacyStats {
  const l: LegacyStats = {
    received: 0,
    byChannel: Object.fromEntries(legacyChannels.map((c) => [c, 0])) as LegacyStats['byChannel'],
    carriedOver: 0,
    completed: 0,
    onTime: 0,
    extended: 0,
    answers: Object.fromEntries(legacyAnswers.map((a) => [a, 0])) as LegacyStats['answers'],
    withheldByReason: Object.fromEntries(legacyWithheldReasons.map((x) => [x, 0])) as LegacyStats['withheldByReason'],
    carriedForward: 0,
    reconsideration: [0, 0, 0],
    litigation: [0, 0, 0],
    fees: 0,
    proactive: { items: 0, normativeDocuments: 0 },
  };
  for (const r of agg.received) {
    l.received += r.n;
    l.byChannel[legacyChannelOf(r.channel)] += r.n;
  }
  for (const r of agg.openAtStart) l.carriedOver += r.n;
  for (const r of agg.openAtEnd) l.carriedForward += r.n;
  for (const r of agg.closed) {
    l.completed += r.n;
    if (r.extended) l.extended += r.n;
    else l.onTime += r.n;
    const { answer, reason } = legacyAnswerOf(r.outcome && isOutcomeCode(r.outcome) ? r.outcome : null, r.detail);
    l.answers[answer] += r.n;
    if (reason) l.withheldByReason[reason] += r.n;
  }
  for (const p of agg.proceedingsDecided) {
    add(p.kind === 'reconsideration' ? l.reconsideration : l.litigation, resultIndex[p.result], p.n);
  }
  l.fees = feesCollected(agg);
  for (const p of agg.proactive) {
    l.proactive.items += p.items;
    l.proactive.normativeDocuments += p.normativeDocuments;
  }
  return l;
}

/** The counts of each agency on its own (the parts of a roll-up). */
function sliceByAgency(agg: Aggregates): Map<string, Aggregates> {
  const out = new Map<string, Aggregates>();
  const of = (id: string): Aggregates => {
    let a = out.get(id);
    if (!a) out.set(id, (a = emptyAggregates()));
    return a;
  };
  for (const key of ['received', 'closed', 'openAtStart', 'openAtEnd', 'proceedingsDecided', 'proceedingsPending', 'documents', 'figures', 'fees', 'proactive'] as const) {
    for (const row of agg[key]) (of(row.agencyId)[key] as (typeof row)[]).push(row);
  }
  return out;
}

/**
 * The report of an agency (scope 'agency': `agg` holds its own records) or of a government with everything below
 * it (scope 'rollup': `agg` holds the subtree's records and `agencies` lists the subtree, each one becomes a part),
 * with its checks. `previous` (last year's published report, when there is one) adds the carried-over check.
 */
export function compileReport(input: {
  format: ReportFormat;
  subject: ReportSubject;
  year: number;
  scope: ReportScope;
  agencies: ReportSubject[];
  agg: Aggregates;
  previous?: ReportJson | null;
}): ReportJson {
  const { format, agg } = input;
  const report: ReportJson = {
    format,
    agency: input.subject.code,
    year: input.year,
    scope: input.scope,
    ...(format !== 'legacy' ? { table2: table2Of(format, agg, input.scope === 'rollup') } : {}),
    table3: table3Of(format, agg),
    table4: table4Of(agg),
    ...(format === 'legacy' ? { legacy: legacyOf(agg) } : {}),
    checks: [],
  };
  if (input.scope === 'rollup') {
    const slices = sliceByAgency(agg);
    report.parts = input.agencies.map((a): ReportPart => {
      const one = slices.get(a.id) ?? emptyAggregates();
      return {
        agency: a.code,
        name: a.name,
        ...(a.parent ? { parent: a.parent } : {}),
        ...(format !== 'legacy' ? { table2: table2Of(format, one, false) } : {}),
        table3: table3Of(format, one),
        table4: table4Of(one),
      };
    });
  }
  report.checks = checkReport(report, input.previous);
  return report;
}

export function emptyAggregates(): Aggregates {
  return { received: [], closed: [], openAtStart: [], openAtEnd: [], proceedingsDecided: [], proceedingsPending: [], documents: [], documentsDistinct: [], figures: [], fees: [], proactive: [] };
}

/** Application fees collected (yuan): section 六 states them. */
export function feesCollected(agg: Aggregates): number {
  return round2(agg.fees.reduce((a, f) => a + f.amount, 0));
}
