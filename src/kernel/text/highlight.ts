/**
 * Hit highlighting (pure): text → segments `{text, hit}`. The view escapes each segment's text and
 * marks hits (e.g. <mark>); no HTML is ever produced here. A hit is where a term's canonical pattern
 * (terms.ts) occurs, mapped back to the original characters, so 衡政办字[2017]12号 highlights the
 * whole number when 衡政办字〔2017〕12号 was searched.
 */
import { normalizeText } from './pieces.ts';

export interface Segment {
  text: string;
  hit: boolean;
}

const HAN_RE = /\p{Script=Han}/u;
const WORD_RE = /[\p{L}\p{N}]/u;

interface CanonMap {
  canon: string;
  /** For each UTF-16 unit of `canon`: the original range [from, to) it came from (−1 for the separating spaces). */
  from: number[];
  to: number[];
}

function canonMap(text: string): CanonMap {
  let canon = ' ';
  const from: number[] = [-1];
  const to: number[] = [-1];
  let kind: 0 | 1 | 2 = 0; // 0 = between pieces, 1 = Han piece, 2 = word piece
  let o = 0;
  for (const cp of text) {
    const start = o;
    o += cp.length;
    const code = cp.charCodeAt(0);
    const norm = code < 0x80 ? cp.toLowerCase() : normalizeText(cp);
    for (const ch of norm) {
      const k = HAN_RE.test(ch) ? 1 : WORD_RE.test(ch) ? 2 : 0;
      if (k === 0) {
        kind = 0;
        continue;
      }
      if (kind !== k && canon.length > 1) {
        canon += ' ';
        from.push(-1);
        to.push(-1);
      }
      kind = k;
      canon += ch;
      for (let u = 0; u < ch.length; u++) {
        from.push(start);
        to.push(o);
      }
    }
  }
  canon += ' ';
  from.push(-1);
  to.push(-1);
  return { canon, from, to };
}

/** Original [from, to) ranges where any of the canonical patterns occurs, merged and sorted. */
export function hitRanges(text: string, patterns: string[]): [number, number][] {
  const pats = patterns.filter((p) => p.trim().length > 0);
  if (!text || !pats.length) return [];
  const m = canonMap(text);
  const ranges: [number, number][] = [];
  for (const p of pats) {
    for (let i = m.canon.indexOf(p); i >= 0; i = m.canon.indexOf(p, i + 1)) {
      let a = i;
      let b = i + p.length - 1;
      while (a <= b && m.from[a] < 0) a++;
      while (b >= a && m.from[b] < 0) b--;
      if (a <= b) ranges.push([m.from[a], m.to[b]]);
    }
  }
  ranges.sort((x, y) => x[0] - y[0] || y[1] - x[1]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

export function highlight(text: string | null | undefined, patterns: string[]): Segment[] {
  if (!text) return [];
  const out: Segment[] = [];
  let at = 0;
  for (const [a, b] of hitRanges(text, patterns)) {
    if (a > at) out.push({ text: text.slice(at, a), hit: false });
    out.push({ text: text.slice(a, b), hit: true });
    at = b;
  }
  if (at < text.length) out.push({ text: text.slice(at), hit: false });
  return out;
}

function safeCut(text: string, i: number): number {
  // never split a surrogate pair
  if (i > 0 && i < text.length && /[\uDC00-\uDFFF]/.test(text[i])) return i - 1;
  return i;
}

/**
 * A short excerpt (about `maxChars` characters) around the first hit, with hits marked and "…" where
 * the text was cut; the start of the text when nothing matches.
 */
export function snippet(text: string | null | undefined, patterns: string[], maxChars = 120): Segment[] {
  if (!text) return [];
  const lower = text.toLowerCase();
  let first = -1;
  for (const p of patterns) {
    const needle = p
      .trim()
      .split(' ')
      .reduce((a, b) => (b.length > a.length ? b : a), '');
    if (!needle) continue;
    const i = lower.indexOf(needle);
    if (i >= 0 && (first < 0 || i < first)) first = i;
  }
  const lead = Math.floor(maxChars / 4);
  const start = safeCut(text, first < 0 ? 0 : Math.max(0, first - lead));
  const end = safeCut(text, Math.min(text.length, start + maxChars));
  const window = text.slice(start, end).replace(/\s+/g, ' ');
  const segs = highlight(window, patterns);
  if (start > 0) segs.unshift({ text: '…', hit: false });
  if (end < text.length) segs.push({ text: '…', hit: false });
  return segs;
}

/** Whether the text contains any of the patterns (the same rule as highlighting and the index). */
export function containsAny(text: string | null | undefined, patterns: string[]): boolean {
  return !!text && hitRanges(text, patterns).length > 0;
}
