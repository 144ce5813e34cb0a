/**
 * Words from jieba's search mode (@node-rs/jieba with its bundled dictionary), normalised like
 * pieces.ts. Words are a *ranking* signal only: whether a document is found never depends on how
 * jieba segments it (see terms.ts).
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { Primed } from '../primed.ts';
import { normalizeText } from './pieces.ts';

/** searchWords computed ahead (a bulk import's worker thread: catalog/import-prep.ts). */
export const primedWords = new Primed<string[]>();

let jieba: Jieba | null = null;
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

const WORD_RE = /^[\p{L}\p{N}]+$/u;
const HAN_RE = /\p{Script=Han}/u;

/** Distinct search-mode words of at least two characters (Han) or one word (Latin/digits), in order. */
export function searchWords(text: string | null | undefined): string[] {
  if (!text) return [];
  const primed = primedWords.take(text);
  if (primed) return primed;
  const out = new Set<string>();
  for (const w of segmenter().cutForSearch(normalizeText(text), true)) {
    if (!WORD_RE.test(w)) continue;
    if (HAN_RE.test(w) && [...w].length < 2) continue;
    out.add(w);
  }
  return [...out];
}
