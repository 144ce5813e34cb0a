/**
 * Text → pieces, the unit every part of search agrees on (pure, no I/O).
 *
 * Text is normalised (NFKC: full-width letters and digits become ASCII; then lower case) and cut into
 * maximal runs of Han characters ("han" pieces) and maximal runs of other letters/digits ("word"
 * pieces). Everything else (spaces, punctuation, brackets such as 〔〕) only separates pieces.
 * "PPP项目2017年" → [ppp] [项目] [2017] [年].
 *
 * The *canonical form* of a text is its pieces joined by single spaces with a space at each end:
 * " ppp 项目 2017 年 ". A query term matches a field exactly when the field's canonical form contains
 * the term's canonical pattern (see ./terms.ts): Han text matches as a substring (so 预算 is found
 * inside 市级预算公开办法), other words match whole (2017 does not match 20170).
 */

export interface Piece {
  text: string;
  han: boolean;
}

// (the v flag's set difference; built with new RegExp because the compiler targets ES2022)
const PIECE_RE = new RegExp('(\\p{Script=Han}+)|([[\\p{L}\\p{N}]--\\p{Script=Han}]+)', 'gv');
const HAN_RE = /\p{Script=Han}/u;

export function normalizeText(s: string): string {
  return s.normalize('NFKC').toLowerCase();
}

export function isHan(ch: string): boolean {
  return HAN_RE.test(ch);
}

/** The pieces of a text, normalised. */
export function pieces(s: string | null | undefined): Piece[] {
  if (!s) return [];
  const out: Piece[] = [];
  for (const m of normalizeText(s).matchAll(PIECE_RE)) out.push({ text: m[0], han: m[1] !== undefined });
  return out;
}

/** " p1 p2 … " (a single space when there are no pieces). */
export function canonicalOf(ps: Piece[]): string {
  return ps.length ? ` ${ps.map((p) => p.text).join(' ')} ` : ' ';
}

export function canonicalText(s: string | null | undefined): string {
  return canonicalOf(pieces(s));
}

/** Several fields in one string; the separator `|` never occurs in a query pattern, so no match crosses fields. */
export function canonicalFields(fields: (string | null | undefined)[]): string {
  return fields.map((f) => canonicalText(f)).join('|');
}
