import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { checkReport } from './checks.ts';
import type { CompiledReport } from './model.ts';
import { reportXlsx } from './xlsx.ts';
import { hengshui2017, rollup2021, shanghai2019 } from './test-fixtures.ts';
import { libreOfficeRequirement, sofficeConvert } from '../../../test/helpers/documents.ts';

async function read(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}
/** The values of the row whose first cell is `label`, from column 2 on. */
function rowOf(ws: ExcelJS.Worksheet, label: string, n: number, col = 1): unknown[] {
  for (let r = 1; r <= ws.rowCount; r++) {
    if (ws.getCell(r, col).value === label) return Array.from({ length: n }, (_, i) => ws.getCell(r, col + 1 + i).value);
  }
  assert.fail(`no row "${label}" in ${ws.name}`);
}
/** Cells 1..n of a row. */
const cells = (ws: ExcelJS.Worksheet, row: number, n: number) => Array.from({ length: n }, (_, i) => ws.getCell(row, i + 1).value);
const sheetNames = (wb: ExcelJS.Workbook) => wb.worksheets.map((w) => w.name);

/** A tiny CSV reader (LibreOffice's output: comma-separated, fields with commas or quotes quoted). */
function csvRows(text: string): string[][] {
  return text
    .split(/\r?\n/)
    .filter(Boolean)
    .map((line) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].slice(0, -1).map((m) => m[1]!.replace(/^"|"$/g, '').replace(/""/g, '"')));
}
const csvRow = (rows: string[][], label: string, n: number, col = 0) => {
  const row = rows.find((r) => r[col] === label);
  assert.ok(row, `a CSV row "${label}"`);
  return row.slice(col + 1, col + 1 + n);
};

describe('the annual report as a spreadsheet', () => {
  test('a 2019 report: 表二, 表三, 表四 and 勾稽关系, numbers as numbers where a reader expects them', async () => {
    const r = shanghai2019();
    const wb = await read(await reportXlsx(r));
    assert.deepEqual(sheetNames(wb), ['表二', '表三', '表四', '勾稽关系']);
    for (const ws of wb.worksheets) {
      assert.equal(ws.getCell('A1').value, '上海市人民政府办公厅2019年政府信息公开工作年度报告', `${ws.name}: title row`);
      assert.equal(ws.views[0]?.state, 'frozen', `${ws.name}: frozen panes`);
      assert.ok(ws.columns.every((c) => (c.width ?? 0) >= 8), `${ws.name}: column widths set`);
    }
    const t2 = wb.getWorksheet('表二')!;
    assert.deepEqual(rowOf(t2, '规章', 3), [13, 13, 524]);
    assert.deepEqual(rowOf(t2, '规范性文件', 3), [60, 60, 368]);
    assert.deepEqual(rowOf(t2, '政府集中采购', 2), [6, 25.1]);

    const t3 = wb.getWorksheet('表三')!;
    assert.deepEqual(cells(t3, 2, 8), ['项目', '自然人', '法人或其他组织', '法人或其他组织', '法人或其他组织', '法人或其他组织', '法人或其他组织', '总计'], 'merged header cells');
    assert.ok(t3.getCell(2, 3).isMerged && t3.getCell(2, 7).master === t3.getCell(2, 3), '法人或其他组织 over five columns');
    assert.deepEqual([3, 4, 5, 6, 7].map((c) => t3.getCell(3, c).value), ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']);
    assert.equal(t3.getCell(2, 2).font?.bold, true, 'header bold');
    assert.deepEqual(t3.views[0], { ...t3.views[0], state: 'frozen', xSplit: 1, ySplit: 3 });
    assert.deepEqual(rowOf(t3, '一、本年新收政府信息公开申请数量', 7), [821, 35, 0, 0, 2, 1, 859]);
    assert.deepEqual(rowOf(t3, '1.本机关不掌握相关政府信息', 7), [252, 12, 0, 0, 1, 0, 265]);
    assert.deepEqual(rowOf(t3, '（七）总计', 7), [767, 35, 0, 0, 2, 1, 805]);
    assert.deepEqual(rowOf(t3, '四、结转下年度继续办理', 7), [72, 0, 0, 0, 0, 0, 72]);
    assert.deepEqual(rowOf(t3, '三、本年度办理结果', 7), [null, null, null, null, null, null, null], 'a heading row has no numbers');
    const labelCell = (label: string) => t3.getColumn(1).values.indexOf(label);
    assert.ok(labelCell('（三）不予公开') < labelCell('1.属于国家秘密'));
    assert.deepEqual([t3.getCell(labelCell('一、本年新收政府信息公开申请数量'), 1).alignment?.indent ?? 0, t3.getCell(labelCell('（三）不予公开'), 1).alignment?.indent, t3.getCell(labelCell('1.属于国家秘密'), 1).alignment?.indent], [0, 2, 4], 'row labels indented by level');

    const t4 = wb.getWorksheet('表四')!;
    assert.deepEqual([t4.getCell(2, 1).value, t4.getCell(2, 6).value, t4.getCell(3, 6).value, t4.getCell(3, 11).value], ['行政复议', '行政诉讼', '未经复议直接起诉', '复议后起诉']);
    assert.deepEqual(Array.from({ length: 15 }, (_, i) => t4.getCell(5, i + 1).value), [5, 0, 0, 2, 7, 8, 0, 0, 1, 9, 0, 0, 0, 0, 0]);

    const checks = wb.getWorksheet('勾稽关系')!;
    assert.deepEqual(cells(checks, 2, 6), ['规则', '说明', '结果', '单元格', '左', '右']);
    assert.equal(checks.rowCount, 2 + r.json.checks.length, 'every check listed');
    assert.deepEqual(rowOf(checks, 'table3.balance', 5), ['表三各列：一 + 二 = 三（七） + 四', '通过', 'table3.received.natural、table3.carriedOver.natural、table3.total.natural、table3.carriedForward.natural', 839, 839]);
  });

  test('a failing check reads 未通过 with both sides', async () => {
    const r = shanghai2019();
    r.json.table3.rows.received![0]! += 1; // one application too many for 自然人
    const broken: CompiledReport = { ...r, json: { ...r.json, checks: checkReport(r.json) } };
    const wb = await read(await reportXlsx(broken));
    const ws = wb.getWorksheet('勾稽关系')!;
    const failed = [];
    for (let row = 3; row <= ws.rowCount; row++) if (ws.getCell(row, 3).value === '未通过') failed.push([ws.getCell(row, 1).value, ws.getCell(row, 5).value, ws.getCell(row, 6).value]);
    assert.deepEqual(failed, [['table3.balance', 840, 839], ['table3.rowTotal', 859, 860]]);
  });

  test('a roll-up has 各单位, one row per agency and the whole; the legacy format has 统计 and no 表二', async () => {
    const wb = await read(await reportXlsx(rollup2021()));
    assert.deepEqual(sheetNames(wb), ['表二', '表三', '表四', '各单位', '勾稽关系']);
    const parts = wb.getWorksheet('各单位')!;
    assert.deepEqual(cells(parts, 2, 14), ['单位代码', '单位', '本年新收', '上年结转', '予以公开', '部分公开', '不予公开', '无法提供', '不予处理', '其他处理', '本年办结', '结转下年度', '行政复议', '行政诉讼']);
    assert.deepEqual(rowOf(parts, '衡水市教育局', 12, 2), [12, 1, 5, 2, 1, 3, 0, 0, 11, 2, 4, 0]);
    assert.deepEqual(rowOf(parts, '衡水市公安局', 12, 2), [8, 0, 4, 0, 0, 0, 2, 1, 7, 1, 0, 2]);
    assert.deepEqual(rowOf(parts, '合计', 12, 2), [20, 1, 9, 2, 1, 3, 2, 1, 18, 3, 4, 2]);
    assert.deepEqual(rowOf(wb.getWorksheet('表二')!, '行政事业性收费', 1), [1.25]);

    const legacy = await read(await reportXlsx(hengshui2017()));
    assert.deepEqual(sheetNames(legacy), ['统计', '表三', '表四', '勾稽关系']);
    const stats = legacy.getWorksheet('统计')!;
    assert.deepEqual(rowOf(stats, '受理申请数', 2), [184, '件']);
    assert.deepEqual(rowOf(stats, '延期办结数', 1), [3]);
    assert.deepEqual(rowOf(stats, '告知作出更改补充数', 1), [10]);
    assert.deepEqual(rowOf(stats, '行政诉讼数', 1), [27]);
    assert.deepEqual(rowOf(stats, '主动公开政府信息数', 2), [81000, '条']);
  });

  describe('LibreOffice opens it', { skip: libreOfficeRequirement() }, () => {
    test('every sheet converted to CSV shows the same numbers', { timeout: 240_000 }, async () => {
      const out = await sofficeConvert(await reportXlsx(rollup2021()), 'xlsx', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1');
      const sheet = (name: string) => {
        const text = out.get(`report-${name}.csv`);
        assert.ok(text, `sheet ${name} converted (${[...out.keys()].join(', ')})`);
        return csvRows(text);
      };
      const t3 = sheet('表三');
      assert.equal(t3[0]![0], '衡水市人民政府2025年政府信息公开工作年度报告');
      assert.deepEqual(csvRow(t3, '一、本年新收政府信息公开申请数量', 7), ['17', '2', '0', '0', '1', '0', '20']);
      assert.deepEqual(csvRow(t3, '（七）总计', 7), ['15', '2', '0', '0', '1', '0', '18']);
      assert.deepEqual(csvRow(t3, '四、结转下年度继续办理', 7), ['3', '0', '0', '0', '0', '0', '3']);
      assert.ok(t3.some((r) => r[0] === '勾稽关系：第一项加第二项之和等于第三项加第四项之和，总计列 20 + 1 = 18 + 3 = 21（各列均相符）。'));
      assert.deepEqual(csvRow(sheet('表二'), '行政规范性文件', 3), ['8', '2', '40']);
      assert.deepEqual(sheet('表四')[4], ['2', '1', '0', '1', '4', '1', '0', '0', '0', '1', '0', '0', '0', '1', '1']);
      assert.deepEqual(csvRow(sheet('各单位'), '衡水市教育局', 12, 1), ['12', '1', '5', '2', '1', '3', '0', '0', '11', '2', '4', '0']);
      const checks = sheet('勾稽关系');
      assert.equal(checks.length, 2 + rollup2021().json.checks.length);
      assert.ok(checks.slice(2).every((r) => r[2] === '通过'));
    });
  });
});
