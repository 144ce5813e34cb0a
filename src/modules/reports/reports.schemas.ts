/**
 * The report JSON as input: `gongkai report check FILE.json` and the check page read a published report's tables
 * in the same shape as Gongkai's output (format.ts). Blank cells of a published table are zeros, so missing rows
 * count as zeros; a row of the wrong length, an unknown row or a negative count is an error naming its path.
 */
import { z } from 'zod';
import type { FieldIssue } from '../../kernel/errors.ts';
import { legacyAnswers, legacyChannels, legacyWithheldReasons, reportFormats, table3Columns, table3RowsOf, table4Blocks, type ReportJson } from './format.ts';

const count = z.number({ message: 'reports.validation.number' }).finite().nonnegative({ message: 'reports.validation.negative' });
const lengthMessages = { 3: 'reports.validation.length3', 5: 'reports.validation.length5', 7: 'reports.validation.length7' } as const;
const numbers = (n: 3 | 5 | 7) => z.array(count).length(n, { message: lengthMessages[n] });
const table3 = z.object({ columns: z.array(z.string()).optional(), rows: z.record(z.string(), numbers(7)) });
const table4 = z.object({ reconsideration: numbers(5).optional(), litigationDirect: numbers(5).optional(), litigationAfterReconsideration: numbers(5).optional() });
const zeros = (keys: readonly string[]) => z.object(Object.fromEntries(keys.map((k) => [k, count.default(0)]))).partial().default({});
const legacy = z.object({
  received: count.default(0),
  byChannel: zeros(legacyChannels),
  carriedOver: count.default(0),
  completed: count.default(0),
  onTime: count.default(0),
  extended: count.default(0),
  answers: zeros(legacyAnswers),
  withheldByReason: zeros(legacyWithheldReasons),
  carriedForward: count.default(0),
  reconsideration: numbers(3).default([0, 0, 0]),
  litigation: numbers(3).default([0, 0, 0]),
  fees: count.default(0),
  proactive: z.object({ items: count.default(0), normativeDocuments: count.default(0) }).default({ items: 0, normativeDocuments: 0 }),
});
const part = z.object({ agency: z.string(), name: z.string().default(''), table2: z.record(z.string(), z.array(z.number())).optional(), table3, table4 });
export const reportJsonSchema = z.object({
  format: z.enum(reportFormats, { message: 'reports.validation.format' }),
  agency: z.string().min(1, { message: 'validation.required' }),
  year: z.number().int().min(2008, { message: 'reports.validation.year' }).max(2100, { message: 'reports.validation.year' }),
  scope: z.enum(['agency', 'rollup']).default('agency'),
  table2: z.record(z.string(), z.array(z.number().finite())).optional(),
  table3,
  table4: table4.default({}),
  legacy: legacy.optional(),
  parts: z.array(part).optional(),
});

/** Parses one report or a list of them; issues carry the JSON path (e.g. `0.table3.rows.received`). */
export function parseReportJson(input: unknown): { reports: ReportJson[]; issues: FieldIssue[] } {
  const list = Array.isArray(input) ? input : [input];
  const reports: ReportJson[] = [];
  const issues: FieldIssue[] = [];
  list.forEach((item, i) => {
    const prefix = Array.isArray(input) ? `${i}.` : '';
    const r = reportJsonSchema.safeParse(item);
    if (!r.success) {
      for (const x of r.error.issues) issues.push({ field: prefix + x.path.join('.'), message: x.message });
      return;
    }
    const v = r.data;
    const known = new Set(table3RowsOf(v.format));
    for (const row of Object.keys(v.table3.rows)) if (!known.has(row)) issues.push({ field: `${prefix}table3.rows.${row}`, message: 'reports.validation.unknownRow', params: { row } });
    const t4 = Object.fromEntries(table4Blocks.map((b) => [b, v.table4[b] ?? [0, 0, 0, 0, 0]])) as ReportJson['table4'];
    const fill = (t: { rows: Record<string, number[]> }) => ({ columns: [...table3Columns], rows: Object.fromEntries(table3RowsOf(v.format).map((k) => [k, t.rows[k] ?? [0, 0, 0, 0, 0, 0, 0]])) });
    reports.push({
      format: v.format,
      agency: v.agency,
      year: v.year,
      scope: v.scope,
      ...(v.table2 ? { table2: v.table2 } : {}),
      table3: fill(v.table3),
      table4: t4,
      ...(v.legacy ? { legacy: v.legacy as ReportJson['legacy'] } : {}),
      ...(v.parts ? { parts: v.parts.map((p) => ({ agency: p.agency, name: p.name, ...(p.table2 ? { table2: p.table2 } : {}), table3: fill(p.table3), table4: Object.fromEntries(table4Blocks.map((b) => [b, p.table4[b] ?? [0, 0, 0, 0, 0]])) as ReportJson['table4'] })) } : {}),
      checks: [],
    });
  });
  return { reports, issues };
}
