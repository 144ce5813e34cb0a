/**
 * Index tokens and query-term patterns (pure).
 *
 * Index stream of a field: for each piece in order
 *   - a Han piece of n ≥ 2 characters: its n−1 character bigrams, then its last character alone
 *     (市级预算 → 市级 级预 预算 算);
 *   - a Han piece of 1 character: that character;
 *   - a word piece: the word.
 * Fields are separated by the token `|`. Because bigrams of one Han run are consecutive, a query
 * term is matched as a *phrase* of its tokens, which is exactly "the field contains the term" (see
 * pieces.ts): every document containing the characters in order is found (recall 1.0) and nothing
 * else (precision 1.0), whatever jieba makes of the surrounding words.
 *
 * Term pattern (for pieces q1 … qk of a query term):
 *   - Han qi with m ≥ 2 characters: its bigrams, plus its last character when another piece follows;
 *   - Han qi with 1 character: that character — as a *prefix* token when it is the last piece (the
 *     document may continue the run: 号 must also match 号文 in "12号文件");
 *   - word qi: the word.
 * The same rules, written as a canonical substring: (q1 is a word ? " " : "") + q1 + " " + … + qk +
 * (qk is a word ? " " : ""): a Han run at the start may end a longer run in the document, a Han run
 * at the end may begin one, everything in between is whole.
 */
import { Primed } from '../primed.ts';
import { type Piece, pieces } from './pieces.ts';

export const FIELD_SEPARATOR = '|';

/** The tokens of one piece list (one field). */
export function streamTokens(ps: Piece[]): string[] {
  const out: string[] = [];
  for (const p of ps) {
    if (!p.han) {
      out.push(p.text);
      continue;
    }
    const chars = [...p.text];
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
    out.push(chars[chars.length - 1]);
  }
  return out;
}

/**
 * The *pair tokens* of a piece list: for each word piece followed by a Han piece, the word and the Han piece's first
 * character ("2017年3月" → 2017年 3月; "12号文件" → 12号). A term that is a word and one Han character (2016年, 12号,
 * 3月) would otherwise end with a one-character prefix token (年*), which FTS5 answers by merging the doclists of
 * every token beginning with that character: about 100 ms a statement at a million items. Written after the
 * field's stream (positions of the stream's own tokens do not move; no other query token is ever a pair token,
 * which holds a word character and a Han character), used by `TermPattern.pair`.
 */
export function pairTokens(ps: Piece[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < ps.length; i++) {
    const first = [...ps[i + 1].text][0];
    if (!ps[i].han && ps[i + 1].han && LETTER.test(first)) out.push(ps[i].text + first);
  }
  return out;
}
/**
 * Pairs only with a Han character that is a letter: a few Han-script characters are symbols (the radicals ⻔ ⻓ ⻅ …,
 * which PDF text extraction produces), which the FTS5 tokenizer drops, so a pair with one would be indexed as the
 * bare word, after the stream, where a phrase could run into it.
 */
const LETTER = /^\p{L}$/u;

/** One field's tokens, then its pair tokens, space-separated (primed: computed ahead by a bulk import's worker thread). */
export function fieldStream(field: string | null | undefined): string {
  if (!field) return '';
  const primed = primedStreams.take(field);
  if (primed !== undefined) return primed;
  const ps = pieces(field);
  return [...streamTokens(ps), ...pairTokens(ps)].join(' ');
}
export const primedStreams = new Primed<string>();

/** Several fields as one space-separated token stream, fields separated by `|`. */
export function fieldsStream(fields: (string | null | undefined)[]): string {
  return fields
    .map(fieldStream)
    .filter((s) => s.length > 0)
    .join(` ${FIELD_SEPARATOR} `);
}

/** Every distinct token of the given fields (for engines that match without positions). */
export function tokenSet(fields: (string | null | undefined)[]): Set<string> {
  const out = new Set<string>();
  for (const f of fields) for (const t of streamTokens(pieces(f))) out.add(t);
  return out;
}

export interface TermPattern {
  /** Tokens that must occur consecutively in one field. */
  tokens: string[];
  /** The last token matches as a prefix (a single Han character at the end of the term). */
  prefixLast: boolean;
  /** The same condition as a substring of the canonical form (pieces.ts). */
  canonical: string;
  /**
   * For a term that is a word and one Han character (2016年): the same condition as one pair token (`pairTokens`),
   * for an index that holds them; `tokens` with a prefix otherwise.
   */
  pair?: string;
}

/** null when the term has no letters, digits or Han characters. */
export function termPattern(ps: Piece[]): TermPattern | null {
  if (!ps.length) return null;
  const tokens: string[] = [];
  let prefixLast = false;
  ps.forEach((p, i) => {
    const last = i === ps.length - 1;
    if (!p.han) {
      tokens.push(p.text);
      return;
    }
    const chars = [...p.text];
    if (chars.length === 1) {
      tokens.push(chars[0]);
      if (last) prefixLast = true;
      return;
    }
    for (let j = 0; j + 1 < chars.length; j++) tokens.push(chars[j] + chars[j + 1]);
    if (!last) tokens.push(chars[chars.length - 1]);
  });
  const first = ps[0];
  const end = ps[ps.length - 1];
  const canonical = `${first.han ? '' : ' '}${ps.map((p) => p.text).join(' ')}${end.han ? '' : ' '}`;
  if (ps.length === 2 && !first.han && end.han && [...end.text].length === 1 && LETTER.test(end.text)) return { tokens, prefixLast, canonical, pair: first.text + end.text };
  return { tokens, prefixLast, canonical };
}
