/**
 * Document numbers (文号, e.g. 衡政办字〔2017〕12号) and index numbers (索引号, e.g.
 * 001068824/2018-2302536) as people type them (pure).
 */

const OPEN = '〔［【（([{｛〖';
const CLOSE = '〕］】）)]}｝〗';
const DOC_NO_RE = new RegExp(`^(\\S*?[^\\s\\d${escape(OPEN + CLOSE)}])\\s*[${escape(OPEN)}]\\s*(\\d{4})\\s*[${escape(CLOSE)}]\\s*第?\\s*(\\d{1,6})\\s*号$`, 'u');
// Index-number patterns are configurable per agency ({prefix}/{year}-{serial:5}, JYJ-2026-001 …):
// any single printable-ASCII word with a digit may be one; the repository checks the catalog.
const INDEX_NO_RE = /^(?=[^\s]*\d)[\x21-\x7e]{5,60}$/;

function escape(s: string): string {
  return s.replace(/[\\\]\[^-]/g, '\\$&');
}

export interface DocNo {
  /** The issuer's prefix (发文字号的机关代字), e.g. 衡政办字. */
  prefix: string;
  year: number;
  number: number;
}

/** Parses a document number typed with any bracket style (〔〕 [] () 【】 …); null when it is not one. */
export function parseDocNo(input: string | null | undefined): DocNo | null {
  if (!input) return null;
  const s = input.normalize('NFKC').trim().replace(/\s+/g, '');
  const m = DOC_NO_RE.exec(s);
  if (!m) return null;
  return { prefix: m[1], year: Number(m[2]), number: Number(m[3]) };
}

/** The stored form: 〔year〕 in hexagonal brackets, no spaces (衡政办字[2017]12号 → 衡政办字〔2017〕12号). */
export function formatDocNo(d: DocNo): string {
  return `${d.prefix}〔${d.year}〕${d.number}号`;
}

/** A query that may be a whole index number (one printable-ASCII word containing a digit). */
export function looksLikeIndexNo(input: string): boolean {
  return INDEX_NO_RE.test(input.normalize('NFKC').trim());
}

/** What a query that names one item exactly refers to. */
export type ExactRef = { kind: 'docNo'; docNo: string } | { kind: 'indexNo'; indexNo: string };

export function exactRefOf(q: string): ExactRef | null {
  const s = q.normalize('NFKC').trim();
  if (!s) return null;
  if (looksLikeIndexNo(s)) return { kind: 'indexNo', indexNo: s };
  const d = parseDocNo(s);
  return d ? { kind: 'docNo', docNo: formatDocNo(d) } : null;
}
