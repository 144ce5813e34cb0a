/**
 * Live figures in the text sections: `{table3.received.total}` in a sentence is replaced by the table's own
 * number when the report is shown or exported, so the narrative can never contradict the tables (spec
 * annual-report.md: a real report's text said 258 where its table said 275). Pure.
 *
 * Names: `table3.<row>.<column>`, `table4.<block>.<column>`, `table2.<row>.<column>`, `legacy.<field>[.<key>]`,
 * and `year`, `agency` (its name), `fees` (application fees collected, yuan).
 */
import { legacyAnswers, legacyChannels, legacyWithheldReasons, table2Layouts, table3Columns, table3RowsOf, table4Blocks, table4Columns, type ReportJson } from './format.ts';
import { rowOf } from './checks.ts';

export interface PlaceholderContext {
  json: ReportJson;
  agencyName: string;
  feesCollected: number;
}

const PATTERN = /\{([A-Za-z0-9.]+)\}/g;

/** The value a placeholder stands for, or undefined when the name is unknown for this report's format. */
export function placeholderValue(ctx: PlaceholderContext, name: string): string | undefined {
  const { json } = ctx;
  if (name === 'year') return String(json.year);
  if (name === 'agency') return ctx.agencyName;
  if (name === 'fees') return formatNumber(ctx.feesCollected);
  const parts = name.split('.');
  const [table, ...rest] = parts;
  if (table === 'table3' && rest.length >= 2) {
    const column = rest.at(-1)!;
    const row = rest.slice(0, -1).join('.');
    const i = (table3Columns as readonly string[]).indexOf(column);
    if (i < 0 || !table3RowsOf(json.format).includes(row)) return undefined;
    return formatNumber(rowOf(json.table3, row)[i]!);
  }
  if (table === 'table4' && rest.length === 2) {
    const i = (table4Columns as readonly string[]).indexOf(rest[1]!);
    if (i < 0 || !(table4Blocks as readonly string[]).includes(rest[0]!)) return undefined;
    return formatNumber(json.table4[rest[0] as (typeof table4Blocks)[number]]?.[i] ?? 0);
  }
  if (table === 'table2' && rest.length === 2 && json.format !== 'legacy' && json.table2) {
    const layout = table2Layouts[json.format].find((r) => r.key === rest[0]);
    const i = layout ? layout.columns.indexOf(rest[1]!) : -1;
    if (i < 0) return undefined;
    return formatNumber(json.table2[rest[0]!]?.[i] ?? 0);
  }
  if (table === 'legacy' && json.legacy && rest.length >= 1) {
    const l = json.legacy;
    const [field, key] = rest;
    const scalar = ['received', 'carriedOver', 'completed', 'onTime', 'extended', 'carriedForward', 'fees'] as const;
    if (rest.length === 1 && (scalar as readonly string[]).includes(field!)) return formatNumber(l[field as (typeof scalar)[number]]);
    if (rest.length === 2 && field === 'answers' && (legacyAnswers as readonly string[]).includes(key!)) return formatNumber(l.answers[key as (typeof legacyAnswers)[number]]);
    if (rest.length === 2 && field === 'byChannel' && (legacyChannels as readonly string[]).includes(key!)) return formatNumber(l.byChannel[key as (typeof legacyChannels)[number]]);
    if (rest.length === 2 && field === 'withheldByReason' && (legacyWithheldReasons as readonly string[]).includes(key!)) return formatNumber(l.withheldByReason[key as (typeof legacyWithheldReasons)[number]]);
    const triples = { reconsideration: l.reconsideration, litigation: l.litigation } as const;
    if (rest.length === 2 && (field === 'reconsideration' || field === 'litigation')) {
      const i = ['upheld', 'corrected', 'other'].indexOf(key!);
      if (i >= 0) return formatNumber(triples[field][i]!);
      if (key === 'total') return formatNumber(triples[field].reduce((a, b) => a + b, 0));
    }
    if (rest.length === 2 && field === 'proactive' && (key === 'items' || key === 'normativeDocuments')) return formatNumber(l.proactive[key]);
  }
  return undefined;
}

/** The names used in a text that this report cannot resolve (a form shows them as errors). */
export function unknownPlaceholders(ctx: PlaceholderContext, text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(PATTERN)) if (placeholderValue(ctx, m[1]!) === undefined) out.add(m[1]!);
  return [...out];
}

/** The text with every known placeholder replaced; unknown ones are left as written (and flagged on save). */
export function resolveText(ctx: PlaceholderContext, text: string): string {
  return text.replace(PATTERN, (whole, name: string) => placeholderValue(ctx, name) ?? whole);
}

/** Whole numbers as written in reports; amounts keep up to two decimals. */
export function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/\.?0+$/, '');
}

/** The placeholders an editor is offered for a format (the most used ones; every cell works). */
export function suggestedPlaceholders(format: ReportJson['format']): string[] {
  const common = ['year', 'agency', 'fees', 'table3.received.total', 'table3.carriedOver.total', 'table3.total.total', 'table3.carriedForward.total', 'table3.disclose.total', 'table3.partial.total', 'table3.received.natural', 'table4.reconsideration.total', 'table4.litigationDirect.total', 'table4.litigationAfterReconsideration.total'];
  if (format === 'legacy') return [...common, 'legacy.received', 'legacy.completed', 'legacy.extended', ...legacyAnswers.map((a) => `legacy.answers.${a}`), 'legacy.reconsideration.total', 'legacy.litigation.total', 'legacy.proactive.items', 'legacy.proactive.normativeDocuments'];
  return [...common, 'table2.rules.' + (format === '2021' ? 'issued' : 'made'), 'table2.normativeDocuments.' + (format === '2021' ? 'issued' : 'made'), 'table2.normativeDocuments.' + (format === '2021' ? 'inForce' : 'totalPublished')];
}
