/**
 * The balance checks (勾稽关系) every annual report must satisfy (spec annual-report.md, table 三 identities 1–5,
 * table 四 block totals, and the legacy statistics' own sums). They run on the JSON, so that a compiled report
 * and an imported one are checked by the same code. Each check names the cells involved; a report with a
 * failing check cannot be published. Pure.
 */
import {
  applicantColumns,
  legacyAnswers,
  legacyChannels,
  legacyWithheldReasons,
  outcomeRowsOf,
  table2Layouts,
  table3Columns,
  table3RowsOf,
  table4Blocks,
  table4Columns,
  type BalanceCheck,
  type ReportJson,
  type Table3,
} from './format.ts';

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
/** Sums in yuan or 10k yuan carry decimals; compare them at a cent's precision. */
const same = (a: number, b: number): boolean => Math.abs(a - b) < 0.005;
const cell = (row: string, col: string) => `table3.${row}.${col}`;

export function rowOf(t: Table3, row: string): number[] {
  return t.rows[row] ?? table3Columns.map(() => 0);
}

/** Identities 1–3 of table 三. */
function table3Checks(r: ReportJson): BalanceCheck[] {
  const out: BalanceCheck[] = [];
  const t = r.table3;
  const outcomeRows = outcomeRowsOf(r.format);
  table3Columns.forEach((col, i) => {
    // 1. 一 + 二 = 三（七） + 四
    const left = rowOf(t, 'received')[i]! + rowOf(t, 'carriedOver')[i]!;
    const right = rowOf(t, 'total')[i]! + rowOf(t, 'carriedForward')[i]!;
    out.push({ rule: 'table3.balance', ok: left === right, cells: [cell('received', col), cell('carriedOver', col), cell('total', col), cell('carriedForward', col)], left, right });
  });
  table3Columns.forEach((col, i) => {
    // 2. 三（七） = the sum of the outcome rows
    const leaves = sum(outcomeRows.map((row) => rowOf(t, row)[i]!));
    const total = rowOf(t, 'total')[i]!;
    const ok = leaves === total;
    const cells = [cell('total', col), ...(ok ? [] : outcomeRows.filter((row) => rowOf(t, row)[i]! !== 0).map((row) => cell(row, col)))];
    out.push({ rule: 'table3.leafSum', ok, cells, left: total, right: leaves });
  });
  for (const row of table3RowsOf(r.format)) {
    // 3. 总计 = the six applicant columns
    const v = rowOf(t, row);
    const parts = sum(v.slice(0, 6));
    const ok = parts === v[6];
    out.push({ rule: 'table3.rowTotal', ok, cells: [cell(row, 'total'), ...(ok ? [] : applicantColumns.map((c) => cell(row, c)))], left: v[6]!, right: parts });
  }
  return out;
}

function table4Checks(r: ReportJson): BalanceCheck[] {
  return table4Blocks.map((block) => {
    const v = r.table4[block] ?? [0, 0, 0, 0, 0];
    const parts = sum(v.slice(0, 4));
    const ok = parts === v[4];
    const cells = [`table4.${block}.total`, ...(ok ? [] : table4Columns.slice(0, 4).map((c) => `table4.${block}.${c}`))];
    return { rule: 'table4.blockTotal', ok, cells, left: v[4]!, right: parts };
  });
}

/** 4. 四 of last year = 二 of this year, per column. */
export function carriedOverCheck(previous: ReportJson, r: ReportJson): BalanceCheck[] {
  return table3Columns.map((col, i) => {
    const left = rowOf(previous.table3, 'carriedForward')[i]!;
    const right = rowOf(r.table3, 'carriedOver')[i]!;
    return { rule: 'table3.carriedOver', ok: left === right, cells: [`${previous.year}:${cell('carriedForward', col)}`, cell('carriedOver', col)], left, right };
  });
}

/**
 * 5. A roll-up equals the sum of its parts, per cell: table 三, table 四 and the entered figures of table 二.
 * The catalog's rows of table 二 are exempt: a document issued jointly by several agencies counts once in the
 * roll-up but in each issuer's own report. One check per row; a failing one names the cells that differ.
 */
function rollupChecks(r: ReportJson): BalanceCheck[] {
  const parts = r.parts ?? [];
  if (!parts.length) return [];
  const out: BalanceCheck[] = [];
  const compare = (rowPath: string, cols: readonly string[], whole: number[], partRows: number[][]) => {
    const bad: string[] = [];
    let left = 0;
    let right = 0;
    cols.forEach((c, i) => {
      const s = sum(partRows.map((p) => p[i] ?? 0));
      if (!same(s, whole[i] ?? 0)) {
        if (!bad.length) [left, right] = [whole[i] ?? 0, s];
        bad.push(`${rowPath}.${c}`);
      }
    });
    out.push({ rule: 'rollup.sum', ok: !bad.length, cells: bad.length ? bad : [rowPath], ...(bad.length ? { left, right } : {}) });
  };
  for (const row of table3RowsOf(r.format)) compare(`table3.${row}`, table3Columns, rowOf(r.table3, row), parts.map((p) => rowOf(p.table3, row)));
  for (const block of table4Blocks) compare(`table4.${block}`, table4Columns, r.table4[block] ?? [], parts.map((p) => p.table4[block] ?? []));
  if (r.format !== 'legacy' && r.table2) {
    for (const row of table2Layouts[r.format].filter((x) => x.source === 'figures')) {
      compare(`table2.${row.key}`, row.columns, r.table2[row.key] ?? [], parts.map((p) => p.table2?.[row.key] ?? []));
    }
  }
  return out;
}

function legacyChecks(r: ReportJson): BalanceCheck[] {
  const l = r.legacy;
  if (!l) return [];
  const answers = sum(legacyAnswers.map((a) => l.answers[a]));
  const channels = sum(legacyChannels.map((c) => l.byChannel[c]));
  const reasons = sum(legacyWithheldReasons.map((x) => l.withheldByReason[x]));
  return [
    // Every completed case has exactly one answer: the 2017 report's own answers add up to 167 of 184.
    { rule: 'legacy.answers', ok: answers === l.completed, cells: ['legacy.completed', ...legacyAnswers.map((a) => `legacy.answers.${a}`)], left: l.completed, right: answers },
    { rule: 'legacy.completed', ok: l.onTime + l.extended === l.completed, cells: ['legacy.completed', 'legacy.onTime', 'legacy.extended'], left: l.completed, right: l.onTime + l.extended },
    { rule: 'legacy.channels', ok: channels === l.received, cells: ['legacy.received', ...legacyChannels.map((c) => `legacy.byChannel.${c}`)], left: l.received, right: channels },
    { rule: 'legacy.withheld', ok: reasons === l.answers.withheld, cells: ['legacy.answers.withheld', ...legacyWithheldReasons.map((x) => `legacy.withheldByReason.${x}`)], left: l.answers.withheld, right: reasons },
    {
      rule: 'legacy.balance',
      ok: l.received + l.carriedOver === l.completed + l.carriedForward,
      cells: ['legacy.received', 'legacy.carriedOver', 'legacy.completed', 'legacy.carriedForward'],
      left: l.received + l.carriedOver,
      right: l.completed + l.carriedForward,
    },
  ];
}

/**
 * Every check of a report (and, given last year's report, the carried-over check). Passing checks are listed
 * too, so that a page can show what was verified.
 */
export function checkReport(r: ReportJson, previous?: ReportJson | null): BalanceCheck[] {
  return [
    ...table3Checks(r),
    ...table4Checks(r),
    ...(previous ? carriedOverCheck(previous, r) : []),
    ...rollupChecks(r),
    ...legacyChecks(r),
  ];
}

export const failedChecks = (checks: BalanceCheck[]): BalanceCheck[] => checks.filter((c) => !c.ok);

/**
 * The checks of imported reports (`gongkai report check`, the check page): each report with last year's of the same
 * agency and scope when the same file holds it (the carried-over check), oldest first.
 */
export function checkImported(reports: ReportJson[]): { report: ReportJson; checks: BalanceCheck[] }[] {
  const sorted = [...reports].sort((a, b) => a.year - b.year);
  return sorted.map((r) => {
    const previous = sorted.find((p) => p.agency === r.agency && p.scope === r.scope && p.year === r.year - 1) ?? null;
    return { report: r, checks: checkReport(r, previous) };
  });
}
