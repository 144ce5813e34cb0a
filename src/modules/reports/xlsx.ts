/**
 * The annual report's tables as a spreadsheet (.xlsx, exceljs): one sheet per official table (表二 — not in the
 * legacy format —, 表三, 表四; in the legacy format also 统计), for a roll-up 各单位 (one row per agency with the
 * main figures), and 勾稽关系 (every balance check). Numbers are numbers, headers bold, panes frozen under the
 * headers, widths set; the first row of every sheet is the report's title.
 */
import ExcelJS from 'exceljs';
import { table3Columns, table4Blocks, type ReportJson, type Table3, type Table4 } from './format.ts';
import {
  balanceLine,
  checkRuleLabels,
  legacyLayout,
  legacyValue,
  outcomeGroupLabels,
  outcomeGroupOf,
  outcomeGroups,
  table2Blocks,
  table3ColumnLabels as C3,
  table3Layout,
  table4Labels,
} from './labels.ts';
import { outcomeRowsOf } from './format.ts';
import type { CompiledReport } from './model.ts';

const BORDER: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
const FONT = 'SimSun';

/** A new sheet with the report's title merged over `columns` in row 1, and the columns' widths. */
function sheetOf(wb: ExcelJS.Workbook, name: string, title: string, widths: number[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { properties: { defaultRowHeight: 18 } });
  ws.columns = widths.map((width) => ({ width }));
  ws.mergeCells(1, 1, 1, widths.length);
  const c = ws.getCell(1, 1);
  c.value = title;
  c.font = { name: FONT, size: 14, bold: true };
  c.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 28;
  return ws;
}

/** Writes a value at (row, col) with borders; strings as text, numbers as numbers. */
function put(ws: ExcelJS.Worksheet, row: number, col: number, value: string | number | null, o: { bold?: boolean; indent?: number; center?: boolean } = {}): ExcelJS.Cell {
  const c = ws.getCell(row, col);
  c.value = value;
  c.border = BORDER;
  c.font = { name: FONT, size: 11, bold: o.bold };
  c.alignment = { vertical: 'middle', wrapText: true, ...(o.center || typeof value === 'number' ? { horizontal: 'center' } : {}), ...(o.indent ? { indent: o.indent } : {}) };
  return c;
}
/** A header cell merged over rows r1..r2 and columns c1..c2. */
function header(ws: ExcelJS.Worksheet, r1: number, c1: number, r2: number, c2: number, text: string): void {
  if (r1 !== r2 || c1 !== c2) ws.mergeCells(r1, c1, r2, c2);
  for (let r = r1; r <= r2; r++) for (let c = c1; c <= c2; c++) ws.getCell(r, c).border = BORDER;
  put(ws, r1, c1, text, { bold: true, center: true });
}
const freeze = (ws: ExcelJS.Worksheet, ySplit: number, xSplit = 0) => (ws.views = [{ state: 'frozen', xSplit, ySplit }]);

function table2Sheet(wb: ExcelJS.Workbook, report: CompiledReport): void {
  const json = report.json;
  const format = json.format as '2021' | '2019';
  const blocks = table2Blocks(format);
  const n = Math.max(...blocks.map((b) => b.columns.length));
  const ws = sheetOf(wb, '表二', report.title, [26, ...Array.from({ length: n }, () => 22)]);
  let r = 2;
  for (const b of blocks) {
    header(ws, r, 1, r, n + 1, b.heading);
    r++;
    const last = (i: number) => (i === b.columns.length - 1 ? n + 1 : i + 2);
    header(ws, r, 1, r, 1, b.contentLabel);
    b.columns.forEach((c, i) => header(ws, r, i + 2, r, last(i), c.label));
    r++;
    for (const row of b.rows) {
      const values = json.table2?.[row.key] ?? [];
      put(ws, r, 1, row.label);
      b.columns.forEach((_, i) => {
        if (last(i) > i + 2) ws.mergeCells(r, i + 2, r, last(i));
        put(ws, r, i + 2, values[i] ?? 0);
      });
      r++;
    }
  }
  freeze(ws, 1);
}

/** Table 三: 项目 | 自然人 | 法人或其他组织 (five) | 总计, rows in the official order with their indents. */
function table3Sheet(wb: ExcelJS.Workbook, report: CompiledReport): void {
  const json = report.json;
  const ws = sheetOf(wb, '表三', report.title, [58, 10, 10, 10, 12, 12, 10, 10]);
  header(ws, 2, 1, 3, 1, '项目');
  header(ws, 2, 2, 3, 2, C3.natural);
  header(ws, 2, 3, 2, 7, C3.organisations);
  [C3.commercial, C3.research, C3.publicInterest, C3.legalService, C3.otherOrg].forEach((t, i) => header(ws, 3, 3 + i, 3, 3 + i, t));
  header(ws, 2, 8, 3, 8, C3.total);
  let r = 4;
  for (const line of table3Layout(json.format)) {
    put(ws, r, 1, line.label, { indent: line.level * 2, bold: line.level === 0 || line.key === 'total' });
    const v = json.table3.rows[line.key];
    for (let i = 0; i < table3Columns.length; i++) put(ws, r, 2 + i, line.heading ? null : (v?.[i] ?? 0));
    r++;
  }
  ws.getCell(r + 1, 1).value = balanceLine(json);
  ws.getCell(r + 1, 1).font = { name: FONT, size: 11 };
  freeze(ws, 3, 1);
}

function table4Sheet(wb: ExcelJS.Workbook, report: CompiledReport): void {
  const json = report.json;
  const ws = sheetOf(wb, '表四', report.title, Array.from({ length: 15 }, () => 11));
  header(ws, 2, 1, 2, 5, table4Labels.reconsideration);
  header(ws, 2, 6, 2, 15, table4Labels.litigation);
  table4Labels.columns.forEach((c, i) => header(ws, 3, 1 + i, 4, 1 + i, c));
  header(ws, 3, 6, 3, 10, table4Labels.litigationDirect);
  header(ws, 3, 11, 3, 15, table4Labels.litigationAfterReconsideration);
  [...table4Labels.columns, ...table4Labels.columns].forEach((c, i) => header(ws, 4, 6 + i, 4, 6 + i, c));
  table4Blocks.forEach((b, bi) => (json.table4[b] ?? []).forEach((n, i) => put(ws, 5, 1 + bi * 5 + i, n)));
  freeze(ws, 4);
}

function legacySheet(wb: ExcelJS.Workbook, report: CompiledReport): void {
  const stats = report.json.legacy!;
  const ws = sheetOf(wb, '统计', report.title, [52, 14, 8]);
  ['统计指标', '数量', '单位'].forEach((t, i) => header(ws, 2, 1 + i, 2, 1 + i, t));
  legacyLayout().forEach((l, i) => {
    put(ws, 3 + i, 1, l.label, { indent: l.level * 2, bold: l.level === 0 });
    put(ws, 3 + i, 2, legacyValue(stats, l.key));
    put(ws, 3 + i, 3, l.unit, { center: true });
  });
  freeze(ws, 2, 1);
}

/** The main figures of one agency's tables, in the order of `partsHeadings`. */
function mainFigures(format: ReportJson['format'], t3: Table3, t4: Table4): number[] {
  const total = (row: string) => t3.rows[row]?.[6] ?? 0;
  const groups = outcomeGroups.map((g) => outcomeRowsOf(format).filter((r) => outcomeGroupOf(r) === g).reduce((a, r) => a + total(r), 0));
  return [
    total('received'),
    total('carriedOver'),
    ...groups,
    total('total'),
    total('carriedForward'),
    t4.reconsideration?.[4] ?? 0,
    (t4.litigationDirect?.[4] ?? 0) + (t4.litigationAfterReconsideration?.[4] ?? 0),
  ];
}
const partsHeadings = ['本年新收', '上年结转', ...outcomeGroups.map((g) => outcomeGroupLabels[g]), '本年办结', '结转下年度', '行政复议', '行政诉讼'];

function partsSheet(wb: ExcelJS.Workbook, report: CompiledReport): void {
  const json = report.json;
  const ws = sheetOf(wb, '各单位', report.title, [14, 30, ...partsHeadings.map(() => 11)]);
  ['单位代码', '单位', ...partsHeadings].forEach((t, i) => header(ws, 2, 1 + i, 2, 1 + i, t));
  let r = 3;
  for (const p of json.parts ?? []) {
    [p.agency, p.name, ...mainFigures(json.format, p.table3, p.table4)].forEach((v, i) => put(ws, r, 1 + i, v));
    r++;
  }
  [json.agency, '合计', ...mainFigures(json.format, json.table3, json.table4)].forEach((v, i) => put(ws, r, 1 + i, v, { bold: true }));
  freeze(ws, 2, 2);
}

function checksSheet(wb: ExcelJS.Workbook, report: CompiledReport): void {
  const ws = sheetOf(wb, '勾稽关系', report.title, [20, 44, 10, 60, 10, 10]);
  ['规则', '说明', '结果', '单元格', '左', '右'].forEach((t, i) => header(ws, 2, 1 + i, 2, 1 + i, t));
  report.json.checks.forEach((c, i) => {
    const r = 3 + i;
    put(ws, r, 1, c.rule);
    put(ws, r, 2, checkRuleLabels[c.rule] ?? c.rule);
    const result = put(ws, r, 3, c.ok ? '通过' : '未通过', { center: true, bold: !c.ok });
    if (!c.ok) result.font = { name: FONT, size: 11, bold: true, color: { argb: 'FFC00000' } };
    put(ws, r, 4, c.cells.join('、'));
    put(ws, r, 5, c.left ?? null);
    put(ws, r, 6, c.right ?? null);
  });
  freeze(ws, 2);
}

/** The report's tables as an Excel workbook. */
export async function reportXlsx(report: CompiledReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongkai';
  wb.title = report.title;
  const legacy = report.json.format === 'legacy';
  if (legacy) legacySheet(wb, report);
  else table2Sheet(wb, report);
  table3Sheet(wb, report);
  table4Sheet(wb, report);
  if (report.json.parts?.length) partsSheet(wb, report);
  checksSheet(wb, report);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
