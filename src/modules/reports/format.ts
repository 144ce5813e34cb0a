/**
 * The annual report on government information disclosure (年度报告): its formats and its JSON shape
 * (spec annual-report.md). The JSON is the machine interface — the same for what Gongkai compiles,
 * for `gongkai report check FILE.json` and for the downloads. Pure data, no I/O.
 */
import { outcomeCodes, type OutcomeCode } from '../applications/index.ts';

export const reportFormats = ['2021', '2019', 'legacy'] as const;
export type ReportFormat = (typeof reportFormats)[number];
export const isReportFormat = (s: unknown): s is ReportFormat => typeof s === 'string' && (reportFormats as readonly string[]).includes(s);

/** The format that applies to a reporting year: 2021 format from 2021, the 2019 trial format for 2019–2020, legacy before. */
export function formatForYear(year: number): ReportFormat {
  if (year >= 2021) return '2021';
  if (year >= 2019) return '2019';
  return 'legacy';
}

export type ReportScope = 'agency' | 'rollup';

// ---------------------------------------------------------------------------------------------
// Table 三: applications received and handled

/** The seven columns: natural persons, the five kinds of organisation, total. */
export const table3Columns = ['natural', 'commercial', 'research', 'publicInterest', 'legalService', 'otherOrg', 'total'] as const;
export type Table3Column = (typeof table3Columns)[number];
/** The six applicant columns (总计 is their sum). */
export const applicantColumns = table3Columns.slice(0, 6) as Exclude<Table3Column, 'total'>[];

/** The outcome rows of table 三 in each format: 2021 has every outcome code; 2019 folds （六） into one row `other`. */
export function outcomeRowsOf(format: ReportFormat): readonly string[] {
  return format === '2019' ? outcomeRows2019 : outcomeCodes;
}
const outcomeRows2019: readonly string[] = [...outcomeCodes.filter((c) => !c.startsWith('other.')), 'other'];
const allRows = (outcomeRows: readonly string[]) => ['received', 'carriedOver', ...outcomeRows, 'total', 'carriedForward'];
const table3Rows: Record<ReportFormat, readonly string[]> = { '2021': allRows(outcomeCodes), legacy: allRows(outcomeCodes), '2019': allRows(outcomeRows2019) };
/** Every row of table 三 in order: 一, 二, the outcome rows of 三, 三（七）总计, 四. */
export function table3RowsOf(format: ReportFormat): readonly string[] {
  return table3Rows[format];
}
/** The row an outcome counts in (2019: every 其他处理 outcome in `other`). */
export function table3RowOf(format: ReportFormat, outcome: OutcomeCode): string {
  return format === '2019' && outcome.startsWith('other.') ? 'other' : outcome;
}

export interface Table3 {
  columns: Table3Column[];
  rows: Record<string, number[]>;
}

// ---------------------------------------------------------------------------------------------
// Table 四: administrative reconsideration and litigation

export const table4Blocks = ['reconsideration', 'litigationDirect', 'litigationAfterReconsideration'] as const;
export type Table4Block = (typeof table4Blocks)[number];
/** Each block: 结果维持 · 结果纠正 · 其他结果 · 尚未审结 · 总计. */
export const table4Columns = ['upheld', 'corrected', 'other', 'pending', 'total'] as const;
export type Table4 = Record<Table4Block, number[]>;

// ---------------------------------------------------------------------------------------------
// Table 二: proactive disclosure

/** Each row of table 二 in a format, its columns and where its numbers come from. */
export interface Table2Row {
  key: string;
  columns: string[];
  /** 'catalog': counted from the catalog; 'figures': entered per agency and year (report_figures). */
  source: 'catalog' | 'figures';
}
export const table2Layouts: Record<'2021' | '2019', Table2Row[]> = {
  '2021': [
    { key: 'rules', columns: ['issued', 'repealed', 'inForce'], source: 'catalog' },
    { key: 'normativeDocuments', columns: ['issued', 'repealed', 'inForce'], source: 'catalog' },
    { key: 'permits', columns: ['decisions'], source: 'figures' },
    { key: 'penalties', columns: ['decisions'], source: 'figures' },
    { key: 'enforcement', columns: ['decisions'], source: 'figures' },
    { key: 'fees', columns: ['amount'], source: 'figures' },
  ],
  '2019': [
    { key: 'rules', columns: ['made', 'published', 'totalPublished'], source: 'catalog' },
    { key: 'normativeDocuments', columns: ['made', 'published', 'totalPublished'], source: 'catalog' },
    { key: 'permits', columns: ['lastYearItems', 'change', 'decisions'], source: 'figures' },
    { key: 'otherServices', columns: ['lastYearItems', 'change', 'decisions'], source: 'figures' },
    { key: 'penalties', columns: ['lastYearItems', 'change', 'decisions'], source: 'figures' },
    { key: 'enforcement', columns: ['lastYearItems', 'change', 'decisions'], source: 'figures' },
    { key: 'fees', columns: ['lastYearItems', 'change'], source: 'figures' },
    { key: 'procurement', columns: ['projects', 'amount'], source: 'figures' },
  ],
};
export type Table2 = Record<string, number[]>;

/** Figures Gongkai does not hold, entered per agency and year: `<row>.<column>` of table 二 rows whose source is 'figures'. */
export function figureKeysOf(format: '2021' | '2019'): string[] {
  return table2Layouts[format].filter((r) => r.source === 'figures').flatMap((r) => r.columns.map((c) => `${r.key}.${c}`));
}
/** Every figure key of either format (the store holds them all; each format reads its own). */
export const allFigureKeys: string[] = [...new Set([...figureKeysOf('2021'), ...figureKeysOf('2019')])];
/** Figure keys whose value may be negative (本年增/减) or fractional (amounts in 10k yuan / yuan). */
export const signedFigure = (key: string): boolean => key.endsWith('.change');
export const decimalFigure = (key: string): boolean => key.endsWith('.amount');

// ---------------------------------------------------------------------------------------------
// Legacy (2007 regulation) statistics, as in the 2017 city report

export const legacyChannels = ['inPerson', 'fax', 'online', 'letter'] as const;
export type LegacyChannel = (typeof legacyChannels)[number];
/** The reasons 不同意公开 was given for under the 2007 regulation. */
export const legacyWithheldReasons = ['stateSecret', 'commercialOrPrivacy', 'security', 'notGovernmentInformation', 'otherLaw'] as const;
export type LegacyWithheldReason = (typeof legacyWithheldReasons)[number];
/** The legacy answer categories, in the order the reports list them. */
export const legacyAnswers = ['alreadyPublished', 'disclosed', 'partial', 'withheld', 'notThisAgency', 'notExist', 'correction', 'otherChannel', 'other'] as const;
export type LegacyAnswer = (typeof legacyAnswers)[number];

export interface LegacyStats {
  received: number;
  byChannel: Record<LegacyChannel, number>;
  carriedOver: number;
  completed: number;
  onTime: number;
  extended: number;
  answers: Record<LegacyAnswer, number>;
  withheldByReason: Record<LegacyWithheldReason, number>;
  carriedForward: number;
  /** [upheld, corrected, other] decided in the year. */
  reconsideration: number[];
  litigation: number[];
  /** Fees collected in the year, yuan. */
  fees: number;
  proactive: { items: number; normativeDocuments: number };
}

/**
 * The legacy category of a case closed with a 2021 outcome (the inverse of the spec's legacy → 2021 mapping).
 * A withdrawn case (no outcome) counts as 'other'.
 */
export function legacyAnswerOf(outcome: OutcomeCode | null, detail: string | null): { answer: LegacyAnswer; reason?: LegacyWithheldReason } {
  if (!outcome) return { answer: 'other' };
  switch (outcome) {
    case 'disclose':
      return { answer: detail === 'alreadyPublished' ? 'alreadyPublished' : 'disclosed' };
    case 'partial':
      return { answer: 'partial' };
    case 'withhold.stateSecret':
      return { answer: 'withheld', reason: 'stateSecret' };
    case 'withhold.thirdParty':
      return { answer: 'withheld', reason: 'commercialOrPrivacy' };
    case 'withhold.security':
      return { answer: 'withheld', reason: 'security' };
    case 'withhold.internal':
    case 'withhold.process':
      return { answer: 'withheld', reason: 'notGovernmentInformation' };
    case 'withhold.lawProhibited':
    case 'withhold.enforcementFile':
      return { answer: 'withheld', reason: 'otherLaw' };
    case 'withhold.adminQuery':
    case 'decline.publication':
    case 'decline.petition':
      return { answer: 'otherChannel' };
    case 'unable.notHeld':
      return { answer: detail === 'notThisAgency' ? 'notThisAgency' : 'notExist' };
    case 'unable.needsCreation':
      return { answer: 'notExist' };
    case 'unable.stillUnclear':
    case 'other.correctionLapsed':
      return { answer: 'correction' };
    default:
      return { answer: 'other' };
  }
}

/** The legacy channel of a case's channel (e-mail counts as 网络, post as 信函). */
export function legacyChannelOf(channel: string): LegacyChannel {
  if (channel === 'inPerson' || channel === 'fax') return channel;
  if (channel === 'online' || channel === 'email') return 'online';
  return 'letter';
}

// ---------------------------------------------------------------------------------------------
// The report as JSON

export interface BalanceCheck {
  /** Stable rule id, e.g. 'table3.balance'; the page names it through the message catalog (reports.check.<rule>). */
  rule: string;
  ok: boolean;
  /** The cells involved, as paths: 'table3.received.natural', 'table4.reconsideration.total' … */
  cells: string[];
  /** The two sides compared (left = right when ok). */
  left?: number;
  right?: number;
}

export interface ReportPart {
  agency: string;
  name: string;
  /** The code of the agency above it in the roll-up (absent for the roll-up's own agency and in imported files). */
  parent?: string | null;
  table2?: Table2;
  table3: Table3;
  table4: Table4;
}

export interface ReportJson {
  format: ReportFormat;
  agency: string;
  year: number;
  scope: ReportScope;
  /** Not in the legacy format (which reports proactive counts in `legacy.proactive`). */
  table2?: Table2;
  /** In the legacy format: the 2021 mapping of the same cases. */
  table3: Table3;
  table4: Table4;
  legacy?: LegacyStats;
  /** A roll-up: each agency's own tables, so that agencies can be compared (and check 5 can run). */
  parts?: ReportPart[];
  checks: BalanceCheck[];
}

export const emptyRow = (n = 7): number[] => new Array<number>(n).fill(0);
