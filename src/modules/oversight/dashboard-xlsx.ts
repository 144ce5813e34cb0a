/**
 * The supervision dashboard's table as a spreadsheet (.xlsx, exceljs, like reports/xlsx.ts): the same rows, in the
 * same order and with the same filters as the page, and the totals row. Numbers are numbers (the share a fraction
 * formatted as a percentage), the header bold and frozen with the agency columns, widths set; row 1 is the title.
 */
import ExcelJS from 'exceljs';
import type { T } from '../../http/i18n/index.ts';
import { formatInstant } from '../../http/render.ts';
import type { DashboardRow, DashboardTotals } from './dashboard.service.ts';

const BORDER: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };

/** The column headings, in order (also what the tests read back). */
export function xlsxHeadings(t: T, reportYear: number): string[] {
  return [
    t('oversight.dashboard.col.code'),
    t('oversight.dashboard.col.agency'),
    t('oversight.dashboard.col.published'),
    t('oversight.dashboard.col.onTimeShare'),
    t('oversight.dashboard.col.late'),
    t('oversight.dashboard.col.missingInterpretation'),
    t('oversight.dashboard.col.open'),
    t('oversight.dashboard.col.dueSoon'),
    t('oversight.dashboard.col.overdue'),
    t('oversight.dashboard.col.answeredLate'),
    t('oversight.dashboard.col.report', { year: reportYear }),
    t('oversight.dashboard.col.reportDue'),
    t('oversight.dashboard.col.website'),
    t('oversight.dashboard.col.checkedAt'),
    t('oversight.dashboard.col.rectifications'),
  ];
}

const reportText = (t: T, r: DashboardRow['report']) => (r ? `${t(`oversight.dashboard.report.${r.status}`)}${r.overdue ? `（${t('oversight.dashboard.report.overdue')}）` : ''}` : '');
const websiteText = (t: T, v: DashboardRow['website']['verdict']) => t(`oversight.dashboard.website.${v ?? 'none'}`);

export async function dashboardXlsx(t: T, input: { title: string; year: number; reportYear: number; rows: DashboardRow[]; totals: DashboardTotals; sorted: boolean }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongkai';
  wb.title = input.title;
  const headings = xlsxHeadings(t, input.reportYear);
  const ws = wb.addWorksheet(t('oversight.dashboard.xlsx.sheet'), { properties: { defaultRowHeight: 18 } });
  ws.columns = [16, 34, 10, 12, 10, 10, 10, 10, 10, 10, 16, 12, 12, 18, 12].map((width) => ({ width }));
  ws.mergeCells(1, 1, 1, headings.length);
  const title = ws.getCell(1, 1);
  title.value = input.title;
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 26;
  headings.forEach((h, i) => {
    const c = ws.getCell(2, i + 1);
    c.value = h;
    c.font = { bold: true };
    c.border = BORDER;
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  const put = (row: number, values: (string | number | null)[], bold = false, indent = 0) => {
    values.forEach((v, i) => {
      const c = ws.getCell(row, i + 1);
      c.value = v;
      c.border = BORDER;
      c.font = { bold };
      if (i === 3 && typeof v === 'number') c.numFmt = '0.0%';
      if (i === 1 && indent) c.alignment = { indent };
    });
  };
  let r = 3;
  for (const row of input.rows) {
    put(
      r++,
      [
        row.agency.code,
        row.agency.name,
        row.published,
        row.onTimeShare,
        row.late,
        row.missingInterpretation,
        row.open,
        row.dueSoon,
        row.overdue,
        row.answeredLate,
        reportText(t, row.report),
        row.report?.dueOn ?? null,
        websiteText(t, row.website.verdict),
        row.website.checkedAt ? formatInstant(row.website.checkedAt) : null,
        row.rectifications,
      ],
      false,
      input.sorted ? 0 : Math.min(row.depth, 8),
    );
  }
  const tot = input.totals;
  put(
    r,
    [
      '',
      t('oversight.dashboard.totals', { n: tot.agencies }),
      tot.published,
      tot.onTimeShare,
      tot.late,
      tot.missingInterpretation,
      tot.open,
      tot.dueSoon,
      tot.overdue,
      tot.answeredLate,
      t('oversight.dashboard.totals.reports', { overdue: tot.reportsOverdue, published: tot.reportsPublished }),
      null,
      t('oversight.dashboard.totals.websites', { failed: tot.websitesFailed, checked: tot.websitesChecked }),
      null,
      tot.rectifications,
    ],
    true,
  );
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: 2 }];
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: headings.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
