/**
 * The annual report as a Word document (.docx — what offices edit and file): A4 with the margins and faces of
 * official documents, the title centred, sections 一…六 in order with the texts people wrote (figures resolved),
 * the official tables bordered with their merged two-level headers, the 勾稽关系 line under table 三, for a
 * roll-up a table of every agency, and the charts as PNG images with a caption. Without Chromium the charts are
 * left out with a one-line note; the document is made all the same.
 */
import {
  AlignmentType,
  Document,
  ImageRun,
  LineRuleType,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IRunOptions,
} from 'docx';
import { isPdfUnavailable, svgToPng } from '../../render/chromium.ts';
import { a4, a4TextWidth, BODY_FONT, BODY_SIZE, chineseDate, HEADING_FONT, LINE, TITLE_FONT, TITLE_SIZE, ZH } from '../../render/official.ts';
import { reportCharts, type ChartKey, type ReportChart } from './charts.ts';
import { table3Columns, table4Blocks, type LegacyStats, type ReportJson } from './format.ts';
import {
  balanceLine,
  legacyLayout,
  legacyValue,
  sectionHeadings,
  table2Blocks,
  table3BalanceNote,
  table3ColumnLabels as C3,
  table3Layout,
  table4Labels,
  type SectionContent,
} from './labels.ts';
import type { CompiledReport } from './model.ts';

// ───────────────────────────── paragraphs ─────────────────────────────

const run = (text: string, extra: Partial<IRunOptions> = {}) => new TextRun({ text, font: BODY_FONT, size: BODY_SIZE, language: ZH, ...extra });
const body = (text: string) => new Paragraph({ children: [run(text)], spacing: LINE, alignment: AlignmentType.JUSTIFIED, indent: { firstLineChars: 200, firstLine: 640 } });
const heading = (text: string) =>
  new Paragraph({ children: [run(text, { font: HEADING_FONT })], spacing: LINE, indent: { firstLineChars: 200, firstLine: 640 }, keepNext: true });
const centred = (text: string, size = 28) => new Paragraph({ children: [run(text, { size })], alignment: AlignmentType.CENTER, spacing: { before: 60, after: 200 } });
const right = (text: string) => new Paragraph({ children: [run(text)], spacing: LINE, alignment: AlignmentType.RIGHT, indent: { right: 640 } });

/** A written text as paragraphs: one per non-empty line (blank lines and single newlines both separate). */
export function textParagraphs(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

// ───────────────────────────── table cells ─────────────────────────────

const TABLE_SIZE = 21; // 10.5 pt = 五号
const CELL_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: 'SimSun', hint: 'eastAsia' } as const;
const fmt = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '' : String(Math.round(n * 100) / 100));

interface CellOpts {
  span?: number;
  rows?: number;
  bold?: boolean;
  align?: 'left' | 'center' | 'right';
  /** Indent steps of two characters (row labels by level). */
  level?: number;
  size?: number;
  width?: number;
}
function cell(text: string, o: CellOpts = {}): TableCell {
  const size = o.size ?? TABLE_SIZE;
  return new TableCell({
    children: [
      new Paragraph({
        children: [new TextRun({ text, font: CELL_FONT, size, bold: o.bold, language: ZH })],
        alignment: o.align === 'left' ? AlignmentType.LEFT : o.align === 'right' ? AlignmentType.RIGHT : AlignmentType.CENTER,
        spacing: { before: 20, after: 20, line: 260, lineRule: LineRuleType.AUTO },
        indent: o.level ? { left: o.level * size * 20 } : undefined,
      }),
    ],
    columnSpan: o.span,
    rowSpan: o.rows,
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { left: 60, right: 60 },
    ...(o.width ? { width: { size: o.width, type: WidthType.DXA } } : {}),
  });
}
const head = (text: string, o: CellOpts = {}) => cell(text, { bold: true, ...o });
const num = (n: number | undefined, size?: number) => cell(fmt(n), { size });

/** A bordered table over the text width; `widths` in twips add up to it. */
function table(rows: TableRow[], widths: number[]): Table {
  return new Table({ rows, columnWidths: widths, width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA }, alignment: AlignmentType.CENTER });
}
const headerRow = (children: TableCell[]) => new TableRow({ children, tableHeader: true, cantSplit: true });
const row = (children: TableCell[]) => new TableRow({ children, cantSplit: true });

/** Splits the text width into a label column and `n` equal number columns. */
function widthsOf(label: number, n: number): number[] {
  const each = Math.floor((a4TextWidth - label) / n);
  return [a4TextWidth - each * n, ...Array.from({ length: n }, () => each)];
}

// ───────────────────────────── the official tables ─────────────────────────────

/** Table 二 (2021 or 2019 layout): blocks under their article, each with 信息内容 and its own column headings. */
function table2Of(json: ReportJson): Table {
  const format = json.format as '2021' | '2019';
  const blocks = table2Blocks(format);
  const n = Math.max(...blocks.map((b) => b.columns.length));
  const rows: TableRow[] = [];
  for (const b of blocks) {
    const spans = b.columns.map((_, i) => (i === b.columns.length - 1 ? n - b.columns.length + 1 : 1));
    rows.push(row([head(b.heading, { span: n + 1 })]));
    rows.push(row([head(b.contentLabel), ...b.columns.map((c, i) => head(c.label, { span: spans[i] }))]));
    for (const r of b.rows) {
      const values = json.table2?.[r.key] ?? [];
      rows.push(row([cell(r.label), ...b.columns.map((_, i) => cell(fmt(values[i] ?? 0), { span: spans[i] }))]));
    }
  }
  return table(rows, widthsOf(2844, n));
}

/** Table 三 with its official two-level header (自然人 | 法人或其他组织 ×5 | 总计) and row labels indented by level. */
function table3Of(json: ReportJson): Table {
  const rows: TableRow[] = [
    headerRow([head(table3BalanceNote, { rows: 3, size: 18 }), head(C3.applicants, { span: 7 })]),
    headerRow([head(C3.natural, { rows: 2 }), head(C3.organisations, { span: 5 }), head(C3.total, { rows: 2 })]),
    headerRow([C3.commercial, C3.research, C3.publicInterest, C3.legalService, C3.otherOrg].map((t) => head(t))),
  ];
  for (const line of table3Layout(json.format)) {
    if (line.heading) {
      rows.push(row([cell(line.label, { align: 'left', level: line.level, span: 8 })]));
      continue;
    }
    const v = json.table3.rows[line.key] ?? [];
    rows.push(row([cell(line.label, { align: 'left', level: line.level, bold: line.level === 0 || line.key === 'total' }), ...table3Columns.map((_, i) => num(v[i] ?? 0))]));
  }
  return table(rows, widthsOf(3444, 7));
}

/** Table 四: 行政复议 | 行政诉讼 (未经复议直接起诉 | 复议后起诉), each 结果维持 … 总计. */
function table4Of(json: ReportJson): Table {
  const size = 18; // 9 pt: fifteen columns
  const cols = table4Labels.columns;
  const rows = [
    headerRow([head(table4Labels.reconsideration, { span: 5, size }), head(table4Labels.litigation, { span: 10, size })]),
    headerRow([...cols.map((c) => head(c, { rows: 2, size })), head(table4Labels.litigationDirect, { span: 5, size }), head(table4Labels.litigationAfterReconsideration, { span: 5, size })]),
    headerRow([...cols, ...cols].map((c) => head(c, { size }))),
    row(table4Blocks.flatMap((b) => (json.table4[b] ?? []).map((n) => num(n, size)))),
  ];
  const each = Math.floor(a4TextWidth / 15);
  return table(rows, Array.from({ length: 15 }, () => each));
}

/** The legacy statistics (2007 regulation): 项目 | 数量 | 单位. */
function legacyTable(stats: LegacyStats): Table {
  const rows = [headerRow([head('统计指标'), head('数量'), head('单位')])];
  for (const l of legacyLayout()) rows.push(row([cell(l.label, { align: 'left', level: l.level, bold: l.level === 0 }), num(legacyValue(stats, l.key)), cell(l.unit)]));
  return table(rows, [a4TextWidth - 2800, 1600, 1200]);
}

/** Above this many parts, the Word document lists the roll-up by the agencies directly below it (the XLSX and the web page keep every agency). */
export const DOCX_PART_ROWS = 60;

/**
 * The parts of a roll-up with the whole as 合计: one row per agency, or — for a large roll-up — the agency itself
 * (本级) and each agency directly below it with everything below that (含下级), so the document stays printable.
 */
function partsTable(json: ReportJson): { table: Table; grouped: boolean } {
  const labels = ['单位', '本年新收', '上年结转', '本年办结', '结转下年度', '行政复议', '行政诉讼'];
  const rows = [headerRow(labels.map((l) => head(l)))];
  const figures = (t3: ReportJson['table3'], t4: ReportJson['table4']) => [
    ...(['received', 'carriedOver', 'total', 'carriedForward'] as const).map((k) => t3.rows[k]?.[6] ?? 0),
    t4.reconsideration?.[4] ?? 0,
    (t4.litigationDirect?.[4] ?? 0) + (t4.litigationAfterReconsideration?.[4] ?? 0),
  ];
  const line = (name: string, values: number[], bold = false) => row([cell(name, { align: 'left', bold }), ...values.map((v) => num(v))]);
  const parts = json.parts ?? [];
  const grouped = parts.length > DOCX_PART_ROWS && parts.some((p) => p.parent);
  if (!grouped) for (const p of parts) rows.push(line(p.name, figures(p.table3, p.table4)));
  else {
    const parentOf = new Map(parts.map((p) => [p.agency, p.parent ?? null]));
    // The agency directly below the roll-up's own agency that a part belongs to (the part itself at that level).
    const groupOf = (code: string): string => {
      let c = code;
      for (let p = parentOf.get(c); p && p !== json.agency; p = parentOf.get(c)) c = p;
      return c;
    };
    const groups = new Map<string, { name: string; values: number[]; below: number }>();
    for (const p of parts) {
      const key = p.agency === json.agency ? p.agency : groupOf(p.agency);
      const g = groups.get(key) ?? { name: parts.find((x) => x.agency === key)?.name ?? key, values: [0, 0, 0, 0, 0, 0], below: 0 };
      figures(p.table3, p.table4).forEach((v, i) => (g.values[i]! += v));
      if (p.agency !== key) g.below++;
      groups.set(key, g);
    }
    for (const [key, g] of groups) rows.push(line(key === json.agency ? `${g.name}（本级）` : g.below ? `${g.name}（含下级单位）` : g.name, g.values));
  }
  rows.push(line('合计', figures(json.table3, json.table4), true));
  return { table: table(rows, widthsOf(2844, 6)), grouped };
}

// ───────────────────────────── legacy narrative ─────────────────────────────

function legacyProactive(l: LegacyStats): string {
  return `本年度主动公开政府信息${l.proactive.items}条，其中主动公开规范性文件${l.proactive.normativeDocuments}件。`;
}
function legacyApplications(l: LegacyStats): string {
  const a = l.answers;
  return (
    `本年度共受理政府信息公开申请${l.received}件（当面申请${l.byChannel.inPerson}件，传真申请${l.byChannel.fax}件，网络申请${l.byChannel.online}件，信函申请${l.byChannel.letter}件），上年结转${l.carriedOver}件；` +
    `办结${l.completed}件，其中按时办结${l.onTime}件，延期办结${l.extended}件；结转下年度${l.carriedForward}件。` +
    `在办结的申请中，属于已主动公开范围${a.alreadyPublished}件，同意公开答复${a.disclosed}件，同意部分公开答复${a.partial}件，不同意公开答复${a.withheld}件，` +
    `不属于本行政机关公开${a.notThisAgency}件，申请信息不存在${a.notExist}件，告知作出更改补充${a.correction}件，告知通过其他途径办理${a.otherChannel}件，其他情形${a.other}件。`
  );
}
function legacyFees(l: LegacyStats): string {
  return l.fees > 0 ? `本年度依申请提供政府信息共收取费用${fmt(l.fees)}元。` : '本年度依申请提供政府信息未收取任何费用。';
}
function legacyProceedings(l: LegacyStats): string {
  const [ru, rc, ro] = l.reconsideration as [number, number, number];
  const [lu, lc, lo] = l.litigation as [number, number, number];
  return (
    `本年度因政府信息公开引起行政复议${ru + rc + ro}件，其中维持具体行政行为${ru}件，被依法纠错${rc}件，其他情形${ro}件；` +
    `引起行政诉讼${lu + lc + lo}件，其中维持具体行政行为或者驳回原告诉讼请求${lu}件，被依法纠错${lc}件，其他情形${lo}件。`
  );
}

// ───────────────────────────── charts ─────────────────────────────

/** Where each chart goes: after the section or block it illustrates. */
const chartPlace: Record<ChartKey, SectionContent | 'parts'> = { proactive: 'table2', outcomes: 'table3', trend: 'table3', agencies: 'parts' };
const legacyChartPlace: Record<ChartKey, SectionContent | 'parts'> = { proactive: 'legacyProactive', outcomes: 'legacyApplications', trend: 'legacyApplications', agencies: 'parts' };
const IMAGE_WIDTH = 590; // px: within the 156 mm text width

interface Figure {
  chart: ReportChart;
  png: Buffer;
}

/** The charts as PNG (one browser page for all); null when Chromium is not available here. */
async function chartImages(report: CompiledReport): Promise<Figure[] | null> {
  const charts = reportCharts(report);
  try {
    const pngs = await svgToPng(charts.map((c) => c.svg));
    return charts.map((chart, i) => ({ chart, png: pngs[i]! }));
  } catch (e) {
    if (isPdfUnavailable(e)) return null;
    throw e;
  }
}

function figureParagraphs(f: Figure, n: number): Paragraph[] {
  const w = Number(/^<svg[^>]* width="(\d+)"/.exec(f.chart.svg)?.[1] ?? 800);
  const h = Number(/^<svg[^>]* height="(\d+)"/.exec(f.chart.svg)?.[1] ?? 400);
  return [
    new Paragraph({
      children: [
        new ImageRun({
          type: 'png',
          data: f.png,
          transformation: { width: IMAGE_WIDTH, height: Math.round((h * IMAGE_WIDTH) / w) },
          altText: { name: `图${n}`, title: f.chart.title, description: /aria-label="([^"]*)"/.exec(f.chart.svg)?.[1] ?? f.chart.title },
        }),
      ],
      alignment: AlignmentType.CENTER,
      spacing: { before: 200 },
      keepNext: true,
    }),
    centred(`图${n}　${f.chart.title}`),
  ];
}

// ───────────────────────────── the document ─────────────────────────────

/** The annual report as an A4 Word document. Never fails for want of Chromium: the charts are then left out with a note. */
export async function reportDocx(report: CompiledReport): Promise<Buffer> {
  const { json } = report;
  const figures = await chartImages(report);
  const places = json.format === 'legacy' ? legacyChartPlace : chartPlace;
  let figureNo = 0;
  const figuresAt = (place: SectionContent | 'parts'): Paragraph[] =>
    (figures ?? []).filter((f) => places[f.chart.key] === place).flatMap((f) => figureParagraphs(f, ++figureNo));

  const children: (Paragraph | Table)[] = [
    new Paragraph({
      children: [new TextRun({ text: report.title, font: TITLE_FONT, size: TITLE_SIZE, bold: true, language: ZH })],
      alignment: AlignmentType.CENTER,
      spacing: { line: 700, lineRule: LineRuleType.EXACT, after: 300 },
    }),
  ];
  const texts = (t: string) => textParagraphs(t).map(body);
  const legacy = json.legacy;
  for (const s of sectionHeadings(json.format)) {
    children.push(heading(s.heading));
    switch (s.content) {
      case 'overview':
      case 'other':
        children.push(...texts(report.resolved[s.content]));
        break;
      case 'problems':
        children.push(...texts(report.resolved.problems));
        // Legacy reports have no section for other matters: they follow the problems.
        if (json.format === 'legacy') children.push(...texts(report.resolved.other));
        break;
      case 'table2':
        children.push(table2Of(json));
        break;
      case 'table3':
        children.push(table3Of(json), new Paragraph({ children: [run(balanceLine(json), { size: 24 })], spacing: { before: 100, after: 100 } }));
        break;
      case 'table4':
        children.push(table4Of(json));
        break;
      case 'legacyProactive':
        if (legacy) children.push(body(legacyProactive(legacy)));
        break;
      case 'legacyApplications':
        if (legacy) children.push(body(legacyApplications(legacy)), centred('政府信息公开情况统计表'), legacyTable(legacy));
        break;
      case 'legacyFees':
        if (legacy) children.push(body(legacyFees(legacy)));
        break;
      case 'legacyProceedings':
        if (legacy) children.push(body(legacyProceedings(legacy)));
        break;
    }
    children.push(...figuresAt(s.content));
  }
  if (json.parts?.length) {
    const parts = partsTable(json);
    children.push(heading('附：各单位情况'), parts.table);
    if (parts.grouped) children.push(body(`（下级单位共${json.parts.length}个，按直属单位汇总列示；各单位明细见Excel表格和网页版年度报告。）`));
    children.push(...figuresAt('parts'));
  }
  if (!figures) children.push(body('（注：本文档未附统计图表，可在网页版年度报告中查看。）'));
  if (report.publishedOn) children.push(new Paragraph({ children: [run('')], spacing: LINE }), right(report.subject.name), right(chineseDate(report.publishedOn)));

  const doc = new Document({
    creator: 'Gongkai',
    title: report.title,
    subject: `${report.subject.name} ${report.year}`,
    styles: { default: { document: { run: { font: BODY_FONT, size: BODY_SIZE } } } },
    sections: [{ properties: { page: a4 }, children }],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}
