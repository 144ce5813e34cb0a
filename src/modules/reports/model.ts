/**
 * A compiled annual report as the renderers see it (web page, DOCX, XLSX, charts): the JSON (tables and
 * checks), the texts with their figures resolved, and what the charts need. One object, every output.
 */
import type { ReportJson, ReportScope } from './format.ts';

/** The three text sections people write (一 overview, 五 problems and improvements, 六 other matters). */
export const textSections = ['overview', 'problems', 'other'] as const;
export type TextSection = (typeof textSections)[number];
export type ReportTexts = Record<TextSection, string>;

export type ReportStatus = 'draft' | 'submitted' | 'published';

export interface CompiledReport {
  json: ReportJson;
  subject: { id: string; code: string; name: string; kind: string };
  year: number;
  scope: ReportScope;
  /** '衡水市人民政府2025年政府信息公开工作年度报告' */
  title: string;
  /** As written, with placeholders such as {table3.received.total}. */
  texts: ReportTexts;
  /** With every placeholder replaced by its figure; section 六 ends with the fees sentence. */
  resolved: ReportTexts;
  /** Application fees collected in the year (国办函〔2020〕109号), yuan. */
  feesCollected: number;
  /** Received, closed and carried forward in each of the last years up to this one (year-on-year, trend chart). */
  trend: { year: number; received: number; closed: number; carriedForward: number }[];
  /** Items published in the year in the report's scope, by catalog kind (chart). */
  publishedByKind: { kind: string; n: number }[];
  /** Entered figures behind table 二 (key, value, source, agency code), so a reader sees where they come from. */
  figures: { agency: string; key: string; value: number; source: string }[];
  /** The stored report's state (a report never saved is a 'draft' without id). */
  id: string | null;
  status: ReportStatus;
  /** Why the authority returned the draft (until it is submitted again). */
  returnReason: string | null;
  publishedOn: string | null;
  /** The catalog publication the published report became. */
  publication: { id: string; indexNo: string | null } | null;
  /** The JSON is frozen at publication: a published report shows what was published. */
  frozen: boolean;
}
