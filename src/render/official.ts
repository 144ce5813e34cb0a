/**
 * What official documents (GB/T 9704 in spirit) share, in Word and in print: the A4 page with its margins,
 * the faces and sizes (二号 serif title, 三号 FangSong body, 28 pt fixed lines) and dates in Chinese.
 * Used by the letters (applications) and the annual report (reports).
 */
import { LineRuleType } from 'docx';

// ───────────────────────────── dates ─────────────────────────────

const DIGITS = '〇一二三四五六七八九';
function smallNumber(n: number): string {
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}
/** 2026-03-05 → 二〇二六年三月五日 (the form of dates under an official signature). */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const year = [...m[1]!].map((d) => DIGITS[Number(d)]).join('');
  return `${year}年${smallNumber(Number(m[2]))}月${smallNumber(Number(m[3]))}日`;
}

// ───────────────────────────── DOCX page and faces ─────────────────────────────

/** Millimetres → twips. */
export const mm = (v: number) => Math.round((v / 25.4) * 1440);
/** A4 with the margins of official documents (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm). */
export const a4 = { size: { width: mm(210), height: mm(297) }, margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) } };
/** The width between the margins, twips (156 mm). */
export const a4TextWidth = mm(210 - 28 - 26);
export const TITLE_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: 'SimSun', hint: 'eastAsia' } as const;
export const BODY_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: 'FangSong', hint: 'eastAsia' } as const;
export const HEADING_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: 'SimHei', hint: 'eastAsia' } as const;
/** Half-points: 16 pt = 三号. */
export const BODY_SIZE = 32;
/** Half-points: 22 pt = 二号. */
export const TITLE_SIZE = 44;
/** 28 pt fixed lines. */
export const LINE = { line: 560, lineRule: LineRuleType.EXACT };
export const ZH = { value: 'zh-CN', eastAsia: 'zh-CN' };
