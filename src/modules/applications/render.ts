/**
 * Documents of a case as files: letters (告知书) and the applicant's receipt (回执) as DOCX (Word, opens in
 * LibreOffice and WPS) and as PDF (printed by Chromium from the same self-contained HTML a browser prints).
 *
 * Letters follow the layout of official documents (GB/T 9704 in spirit): A4, the title centred in a large
 * serif face, the letter number right-aligned under it, the addressee, paragraphs indented by two characters,
 * the agency and the date in Chinese (二〇二六年三月五日) right-aligned at the end. Letters are always Chinese;
 * the receipt is written in the reader's language (its labels come translated in ReceiptData).
 */
import { AlignmentType, Document, LineRuleType, Packer, Paragraph, TextRun, type IRunOptions } from 'docx';
import { a4, BODY_FONT, BODY_SIZE, chineseDate, LINE, TITLE_FONT, TITLE_SIZE } from '../../render/official.ts';
import type { LetterContent } from './letters.ts';

// Dates in Chinese, the A4 page and the faces of official documents are shared with the annual report.
export { chineseDate } from '../../render/official.ts';

// ───────────────────────────── DOCX ─────────────────────────────

const bodyRun = (text: string, extra: Partial<IRunOptions> = {}) => new TextRun({ text, font: BODY_FONT, size: BODY_SIZE, language: { value: 'zh-CN', eastAsia: 'zh-CN' }, ...extra });
const bodyParagraph = (text: string, opts: { indent?: boolean; align?: 'right' | 'left'; rightChars?: number } = {}) =>
  new Paragraph({
    children: [bodyRun(text)],
    spacing: LINE,
    alignment: opts.align === 'right' ? AlignmentType.RIGHT : AlignmentType.JUSTIFIED,
    indent: opts.indent ? { firstLineChars: 200, firstLine: 640 } : opts.rightChars ? { right: 320 * opts.rightChars } : undefined,
  });
const blank = () => new Paragraph({ children: [bodyRun('')], spacing: LINE });

function documentOf(title: string, paragraphs: Paragraph[], meta: { subject: string }): Document {
  return new Document({
    creator: 'Gongkai',
    title,
    subject: meta.subject,
    styles: { default: { document: { run: { font: BODY_FONT, size: BODY_SIZE } } } },
    sections: [{ properties: { page: a4 }, children: paragraphs }],
  });
}

function titleParagraph(text: string): Paragraph {
  return new Paragraph({
    children: [new TextRun({ text, font: TITLE_FONT, size: TITLE_SIZE, bold: true, language: { value: 'zh-CN', eastAsia: 'zh-CN' } })],
    alignment: AlignmentType.CENTER,
    spacing: { line: 700, lineRule: LineRuleType.EXACT, after: 200 },
  });
}

/** A letter as an A4 Word document. */
export async function letterDocx(content: LetterContent): Promise<Buffer> {
  const children: Paragraph[] = [
    titleParagraph(content.title),
    bodyParagraph(content.number, { align: 'right' }),
    blank(),
    bodyParagraph(content.addressee),
    ...content.paragraphs.map((p) => bodyParagraph(p, { indent: true })),
    blank(),
    blank(),
    bodyParagraph(content.agencyName, { align: 'right', rightChars: 2 }),
    bodyParagraph(chineseDate(content.issuedOn), { align: 'right', rightChars: 2 }),
  ];
  return Buffer.from(await Packer.toBuffer(documentOf(content.title, children, { subject: content.number })));
}

/** What the receipt of an application says; labels and deadline steps come already translated. Never the password. */
export interface ReceiptData {
  /** The document's language (html lang): the reader's. */
  lang: string;
  agencyName: string;
  trackingCode: string;
  /** YYYY-MM-DD HH:MM (Asia/Shanghai). */
  submittedAt: string;
  receivedOn: string | null;
  dueOn: string | null;
  provisional: boolean;
  /** The regulation in words, e.g. 《中华人民共和国政府信息公开条例》（2019年修订）. */
  rules: string;
  /** The deadline computation, one sentence a step. */
  steps: string[];
  description: string;
  applicantType: string;
  labels: {
    title: string;
    agency: string;
    trackingCode: string;
    submittedAt: string;
    receivedOn: string;
    dueOn: string;
    provisional: string;
    rules: string;
    applicantType: string;
    description: string;
    steps: string;
    notReceived: string;
    keepPassword: string;
  };
}

function receiptRows(r: ReceiptData): [string, string][] {
  const rows: [string, string][] = [
    [r.labels.agency, r.agencyName],
    [r.labels.trackingCode, r.trackingCode],
    [r.labels.submittedAt, r.submittedAt],
    [r.labels.receivedOn, r.receivedOn ?? r.labels.notReceived],
  ];
  if (r.dueOn) rows.push([r.labels.dueOn, r.provisional ? `${r.dueOn}（${r.labels.provisional}）` : r.dueOn]);
  rows.push([r.labels.rules, r.rules], [r.labels.applicantType, r.applicantType]);
  return rows;
}

/** The applicant's receipt as an A4 Word document. */
export async function receiptDocx(r: ReceiptData): Promise<Buffer> {
  const labelled = (label: string, value: string) =>
    new Paragraph({ children: [bodyRun(`${label}：`, { bold: true }), bodyRun(value)], spacing: LINE, alignment: AlignmentType.LEFT });
  const children: Paragraph[] = [
    titleParagraph(r.labels.title),
    blank(),
    ...receiptRows(r).map(([l, v]) => labelled(l, v)),
    labelled(r.labels.description, ''),
    ...r.description.split(/\n+/).filter((p) => p.trim()).map((p) => bodyParagraph(p.trim(), { indent: true })),
    labelled(r.labels.steps, ''),
    ...r.steps.map((s, i) => bodyParagraph(`${i + 1}. ${s}`, { indent: true })),
    blank(),
    bodyParagraph(r.labels.keepPassword, { indent: true }),
    blank(),
    bodyParagraph(r.agencyName, { align: 'right', rightChars: 2 }),
  ];
  return Buffer.from(await Packer.toBuffer(documentOf(r.labels.title, children, { subject: r.trackingCode })));
}

// ───────────────────────────── HTML (print, and the source of the PDF) ─────────────────────────────

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const PRINT_CSS = `
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
* { box-sizing: border-box; }
html { background: #fff; color: #000; }
body { margin: 0 auto; max-width: 156mm; padding: 8mm 4mm; font-family: "FangSong", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif; font-size: 16pt; line-height: 28pt; }
h1 { font-family: "FZXiaoBiaoSong-B05S", "SimSun", "Noto Serif CJK SC", "Source Han Serif SC", serif; font-size: 22pt; line-height: 35pt; text-align: center; font-weight: bold; margin: 0 0 10pt; }
p { margin: 0; text-align: justify; overflow-wrap: anywhere; }
.number { text-align: right; }
.addressee { margin-top: 28pt; }
.body p { text-indent: 2em; }
.signature { margin-top: 56pt; text-align: right; padding-right: 2em; }
.signature p { text-align: right; }
dl { margin: 0; }
dl div { display: flex; gap: 0.5em; }
dt { font-weight: bold; white-space: nowrap; }
dt::after { content: "："; }
dd { margin: 0; }
ol { margin: 0; padding-left: 2em; }
.note { margin-top: 28pt; text-indent: 2em; }
@media screen and (max-width: 600px) { body { font-size: 14pt; line-height: 24pt; padding: 4mm; } h1 { font-size: 18pt; line-height: 28pt; } dl div { display: block; } }
`;

function htmlDocument(lang: string, title: string, body: string): string {
  return `<!DOCTYPE html><html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>${PRINT_CSS}</style></head><body><main>${body}</main></body></html>`;
}

/** A letter as a self-contained printable HTML document (inline CSS, no external resources). */
export function letterHtml(content: LetterContent): string {
  const body = [
    `<h1>${escapeHtml(content.title)}</h1>`,
    `<p class="number">${escapeHtml(content.number)}</p>`,
    `<p class="addressee">${escapeHtml(content.addressee)}</p>`,
    `<div class="body">${content.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}</div>`,
    `<div class="signature"><p>${escapeHtml(content.agencyName)}</p><p><time datetime="${escapeHtml(content.issuedOn)}">${escapeHtml(chineseDate(content.issuedOn))}</time></p></div>`,
  ].join('');
  return htmlDocument('zh-CN', `${content.title} ${content.number}`, body);
}

/** The receipt as a self-contained printable HTML document. */
export function receiptHtml(r: ReceiptData): string {
  const rows = receiptRows(r)
    .map(([l, v]) => `<div><dt>${escapeHtml(l)}</dt><dd>${escapeHtml(v)}</dd></div>`)
    .join('');
  const body = [
    `<h1>${escapeHtml(r.labels.title)}</h1>`,
    `<dl>${rows}<div><dt>${escapeHtml(r.labels.description)}</dt><dd></dd></div></dl>`,
    `<div class="body">${r.description.split(/\n+/).filter((p) => p.trim()).map((p) => `<p>${escapeHtml(p.trim())}</p>`).join('')}</div>`,
    `<dl><div><dt>${escapeHtml(r.labels.steps)}</dt><dd></dd></div></dl>`,
    `<ol>${r.steps.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ol>`,
    `<p class="note">${escapeHtml(r.labels.keepPassword)}</p>`,
    `<div class="signature"><p>${escapeHtml(r.agencyName)}</p></div>`,
  ].join('');
  return htmlDocument(r.lang, `${r.labels.title} ${r.trackingCode}`, body);
}

// ───────────────────────────── PDF through Chromium ─────────────────────────────

// The shared browser lives in src/render/chromium.ts; re-exported for the letters' routes and tests.
export { closePdfBrowser, configurePdf, htmlToPdf, isPdfUnavailable, PDF_UNAVAILABLE } from '../../render/chromium.ts';
