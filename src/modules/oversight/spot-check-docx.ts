/**
 * The weekly spot-check report (周抽查通报) as a Word document, the way a city's disclosure office issues it: the
 * title with the week, a lead paragraph with the figures, a table of the sites that failed (agency, site, the
 * single-veto items found, the first pieces of evidence: URL, what was seen, when), the deductions per site, the
 * sites not checked that week, the request to rectify within the due date, the office and the date. Every text
 * goes through the message catalog (oversight.spotCheck.*, oversight.item.*, oversight.evidence.*,
 * oversight.guideElement.*); the page, faces and sizes are the official ones of src/render/official.ts.
 */
import { AlignmentType, Document, LineRuleType, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlignTable, WidthType, type IRunOptions } from 'docx';
import type { T } from '../../http/i18n/index.ts';
import { todayInShanghai } from '../../kernel/calendar/index.ts';
import { a4, a4TextWidth, BODY_FONT, BODY_SIZE, HEADING_FONT, LINE, TITLE_FONT, TITLE_SIZE, ZH } from '../../render/official.ts';
import { findingItems, type Evidence, type Finding, type SpotCheckReport, type SpotCheckSite } from './monitor-types.ts';

/** The message lookup the document is written with (the user's or the office's locale). */
export type Translator = T;

/** Pieces of evidence shown per finding in the document (the rest are counted; the monitor keeps them all). */
export const EVIDENCE_PER_FINDING = 3;

// ───────────────────────────── evidence as a sentence ─────────────────────────────

const SHANGHAI_OFFSET_MS = 8 * 3_600_000; // China keeps UTC+8 all year

/** An ISO instant as 'YYYY-MM-DD HH:mm' in Asia/Shanghai ('' when it is not an instant). */
export function shanghaiMinute(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** 15000 → '15', 4200 → '4.2'. */
const seconds = (ms: number | string) => String(Math.round(Number(ms) / 100) / 10);

/** Why a page did not open, in words: the error the crawler recorded, else the HTTP status. */
function reason(params: Evidence['params'], t: Translator): string {
  const error = String(params.error ?? '');
  if (error === 'timeout') return t('oversight.evidence.reason.timeout');
  if (error) return error;
  if (params.status !== undefined && params.status !== '') return `HTTP ${params.status}`;
  return t('oversight.evidence.reason.unknown');
}

/** What was seen, as one sentence (the message `oversight.evidence.<seen>` with its parameters in words). */
export function evidenceSentence(e: Evidence, t: Translator): string {
  const params: Record<string, string | number> = { ...e.params };
  if ('error' in params || 'status' in params) params.error = reason(e.params, t);
  if ('ms' in params) params.seconds = seconds(params.ms!);
  if (typeof params.missing === 'string') {
    params.missing = params.missing
      .split(',')
      .filter(Boolean)
      .map((m) => t(`oversight.guideElement.${m}`))
      .join(t('oversight.spotCheck.separator'));
  }
  return t(`oversight.evidence.${e.seen}`, params);
}

/** One piece of evidence for people: what was seen, with the URL and the time in Asia/Shanghai (YYYY-MM-DD HH:mm). */
export function evidenceText(e: Evidence, t: Translator): string {
  return t('oversight.evidence.line', { text: evidenceSentence(e, t), url: e.url, at: shanghaiMinute(e.at) });
}

/** A finding's name with its measured figure: 首页不更新（14天未更新）. */
export function findingLabel(f: Finding, t: Translator): string {
  const item = t(`oversight.item.${f.item}`);
  return f.value > 0 ? t('oversight.spotCheck.problem', { item, figure: t(`oversight.spotCheck.figure.${f.item}`, { value: f.value }) }) : item;
}

// ───────────────────────────── dates ─────────────────────────────

const dateParams = (iso: string) => ({ year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)), day: Number(iso.slice(8, 10)) });
/** 2026年11月27日 (GB/T 9704-2012 writes the date of an official document in Arabic numerals). */
const fullDate = (iso: string, t: Translator) => t('oversight.spotCheck.dateFull', dateParams(iso));
/** The week's first and last day: 2026年11月23日 … 11月29日 (the year repeated only when it changes). */
function period(report: SpotCheckReport, t: Translator): { from: string; to: string } {
  const sameYear = report.from.slice(0, 4) === report.to.slice(0, 4);
  return { from: fullDate(report.from, t), to: sameYear ? t('oversight.spotCheck.dateShort', dateParams(report.to)) : fullDate(report.to, t) };
}

// ───────────────────────────── paragraphs and tables ─────────────────────────────

const run = (text: string, extra: Partial<IRunOptions> = {}) => new TextRun({ text, font: BODY_FONT, size: BODY_SIZE, language: ZH, ...extra });
const body = (text: string) => new Paragraph({ children: [run(text)], spacing: LINE, alignment: AlignmentType.JUSTIFIED, indent: { firstLineChars: 200, firstLine: 640 } });
const heading = (text: string) => new Paragraph({ children: [run(text, { font: HEADING_FONT })], spacing: LINE, indent: { firstLineChars: 200, firstLine: 640 }, keepNext: true });
const centred = (text: string) => new Paragraph({ children: [run(text)], alignment: AlignmentType.CENTER, spacing: LINE, keepNext: true });
const right = (text: string) => new Paragraph({ children: [run(text)], spacing: LINE, alignment: AlignmentType.RIGHT, indent: { right: 640 } });

const CELL_SIZE = 21; // 10.5 pt = 五号
const EVIDENCE_SIZE = 18; // 9 pt = 小五: URLs are long
const CELL_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: 'SimSun', hint: 'eastAsia' } as const;

/** A table cell with one paragraph per line. */
function cell(lines: string[], o: { bold?: boolean; center?: boolean; size?: number } = {}): TableCell {
  return new TableCell({
    children: (lines.length ? lines : ['']).map(
      (text) =>
        new Paragraph({
          children: [new TextRun({ text, font: CELL_FONT, size: o.size ?? CELL_SIZE, bold: o.bold, language: ZH })],
          alignment: o.center ? AlignmentType.CENTER : AlignmentType.LEFT,
          spacing: { before: 20, after: 20, line: 260, lineRule: LineRuleType.AUTO },
        }),
    ),
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { left: 60, right: 60 },
  });
}

/** 序号 | 单位 | 网站 | 问题 | 证据, over the text width. */
const WIDTHS = (() => {
  const fixed = [640, 1500, 1900, 1800];
  return [...fixed, a4TextWidth - fixed.reduce((a, b) => a + b, 0)];
})();

/**
 * How many pieces of evidence a finding has in all: the evaluation keeps at most 50, and its `value` counts them for
 * the items measured in counts (columns, messages, guides, links, pages, items); reachability counts failed probes,
 * and the homepage's figure is days, not evidence.
 */
function evidenceCount(f: Finding, site: SpotCheckSite): number {
  if (f.item === 'unreachable') return f.veto ? Math.max(f.evidence.length, site.probes.failed) : f.evidence.length;
  if (f.item === 'homepageStale') return f.evidence.length;
  return Math.max(f.evidence.length, f.value);
}

/** One row per site: its findings (of one kind) and the first pieces of evidence of each. */
function findingsTable(sites: { site: SpotCheckSite; findings: Finding[] }[], t: Translator): Table {
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: (['no', 'agency', 'site', 'problems', 'evidence'] as const).map((k) => cell([t(`oversight.spotCheck.col.${k}`)], { bold: true, center: true })),
  });
  const rows = sites.map(({ site, findings }, i) => {
    const evidence = findings.flatMap((f) => {
      const shown = f.evidence.slice(0, EVIDENCE_PER_FINDING).map((e) => evidenceText(e, t));
      const more = evidenceCount(f, site) - shown.length;
      return more > 0 ? [...shown, t('oversight.spotCheck.moreEvidence', { count: more })] : shown;
    });
    return new TableRow({
      children: [
        cell([String(i + 1)], { center: true }),
        cell([site.agency.name]),
        cell([site.name, site.homepage]),
        cell(findings.map((f) => findingLabel(f, t))),
        cell(evidence, { size: EVIDENCE_SIZE }),
      ],
    });
  });
  return new Table({ rows: [header, ...rows], columnWidths: WIDTHS, width: { size: a4TextWidth, type: WidthType.DXA }, alignment: AlignmentType.CENTER });
}

// ───────────────────────────── the document ─────────────────────────────

/** The week's number and year: '2026-W48' → { year: 2026, week: 48 }. */
function weekOf(report: SpotCheckReport): { year: number; week: number } {
  const m = /^(\d{4})-W(\d{2})$/.exec(report.week);
  return m ? { year: Number(m[1]), week: Number(m[2]) } : { year: Number(report.from.slice(0, 4)), week: 0 };
}

/** The report's title: <office>2026年第48周政府网站抽查情况通报. */
export function spotCheckTitle(report: SpotCheckReport, t: Translator): string {
  return t('oversight.spotCheck.title', { office: report.office.name, ...weekOf(report) });
}

/**
 * The parts of a weekly report, for the page and the document alike: the sites that failed a single-veto item, the
 * deductions per site, and the sites not checked (no crawl in the week and no failing probes).
 */
export function spotCheckParts(report: SpotCheckReport) {
  const checked = report.sites.filter((s) => s.verdict !== null);
  const withFindings = (veto: boolean) => checked.map((site) => ({ site, findings: site.findings.filter((f) => f.veto === veto) })).filter((s) => s.findings.length > 0);
  return { failed: withFindings(true), deductions: withFindings(false), notChecked: report.sites.filter((s) => s.verdict === null) };
}

/** The weekly spot-check report as an A4 Word document; `published` adds the date of publication and the index number. */
export async function spotCheckDocx(report: SpotCheckReport, t: Translator, opts: { published?: { on: string; indexNo: string | null } } = {}): Promise<Buffer> {
  const office = report.office.name;
  const { from, to } = period(report, t);
  const title = spotCheckTitle(report, t);
  const { failed, deductions, notChecked } = spotCheckParts(report);
  const { summary } = report;

  const children: (Paragraph | Table)[] = [];
  if (opts.published?.indexNo) children.push(new Paragraph({ children: [run(t('oversight.spotCheck.indexNo', { indexNo: opts.published.indexNo }), { size: 24 })], spacing: { after: 200 } }));
  children.push(
    new Paragraph({
      children: [new TextRun({ text: title, font: TITLE_FONT, size: TITLE_SIZE, bold: true, language: ZH })],
      alignment: AlignmentType.CENTER,
      spacing: { line: 700, lineRule: LineRuleType.EXACT },
    }),
    new Paragraph({ children: [run(t('oversight.spotCheck.period', { from, to }))], alignment: AlignmentType.CENTER, spacing: { ...LINE, after: 300 } }),
  );

  // 一、总体情况
  children.push(heading(t('oversight.spotCheck.heading.summary')));
  const leadParams = { from, to, office, sites: summary.sites, checked: summary.checked, failed: summary.failed };
  let lead = t(summary.failed > 0 ? 'oversight.spotCheck.lead' : 'oversight.spotCheck.leadAllPassed', leadParams);
  const byItem = findingItems.filter((i) => (summary.byItem[i] ?? 0) > 0).map((i) => t('oversight.spotCheck.itemCount', { item: t(`oversight.item.${i}`), count: summary.byItem[i]! }));
  if (byItem.length) lead += t('oversight.spotCheck.leadItems', { items: byItem.join(t('oversight.spotCheck.separator')) });
  children.push(body(lead));

  // 二、检查不合格的网站
  children.push(heading(t('oversight.spotCheck.heading.failed')));
  if (failed.length) children.push(centred(t('oversight.spotCheck.captionFailed')), findingsTable(failed, t));
  else children.push(body(t('oversight.spotCheck.failedNone')));

  // 三、扣分问题
  children.push(heading(t('oversight.spotCheck.heading.deductions')));
  if (deductions.length) children.push(centred(t('oversight.spotCheck.captionDeductions')), findingsTable(deductions, t));
  else children.push(body(t('oversight.spotCheck.deductionsNone')));

  // 四、未完成检查的网站
  children.push(heading(t('oversight.spotCheck.heading.notChecked')));
  if (notChecked.length) {
    children.push(body(t('oversight.spotCheck.notCheckedIntro', { count: notChecked.length })));
    for (const s of notChecked) children.push(body(t('oversight.spotCheck.notCheckedSite', { agency: s.agency.name, site: s.name, url: s.homepage })));
  } else children.push(body(t('oversight.spotCheck.notCheckedNone')));

  // 五、整改要求
  children.push(heading(t('oversight.spotCheck.heading.rectify')));
  children.push(body(t(failed.length || deductions.length ? 'oversight.spotCheck.closing' : 'oversight.spotCheck.closingNone', { office })));

  // The office and the date (of publication, else of generation).
  const date = opts.published?.on ?? todayInShanghai(new Date(report.generatedAt));
  children.push(new Paragraph({ children: [run('')], spacing: LINE }), right(office), right(fullDate(date, t)));

  const doc = new Document({
    creator: 'Gongkai',
    title,
    subject: report.week,
    styles: { default: { document: { run: { font: BODY_FONT, size: BODY_SIZE } } } },
    sections: [{ properties: { page: a4 }, children }],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}
