/**
 * The search box's query language (portal.md), parsed (pure):
 *   预算 公开            terms, all required (AND), each matched where its characters occur in order
 *   "市级 预算公开"        an exact phrase (also “…” and 「…」): the words in this order, nothing between
 *                         but punctuation (or spaces between Latin words); a space between Chinese
 *                         characters is ignored, so this finds 市级预算公开办法. (An unquoted term is
 *                         already matched exactly: quotes only join several words into one term.)
 *   -通知  -"工作动态"     excluded terms / phrases
 *   衡政办字[2017]12号     a whole document or index number: also reported as `exact`, so the caller
 *                         can go straight to the item
 * "Search within results" is the earlier queries' terms added to the new ones (mergeQueries).
 */
import { exactRefOf, type ExactRef } from './docno.ts';
import { pieces } from './pieces.ts';
import { termPattern, type TermPattern } from './terms.ts';
import { searchWords } from './words.ts';

export const MAX_QUERY_LENGTH = 200;
export const MAX_TERMS = 10;
const MAX_TERM_CHARS = 60;

export interface QueryTerm {
  /** As the user typed it (normalised whitespace), for echoing the query. */
  text: string;
  phrase: boolean;
  pattern: TermPattern;
  /** jieba search-mode words of the term: a ranking signal, never a requirement. */
  words: string[];
}

export interface ParsedQuery {
  terms: QueryTerm[];
  excluded: QueryTerm[];
  /** The whole query is a document number or an index number. */
  exact: ExactRef | null;
}

const OPEN_QUOTES: Record<string, string> = { '"': '"', '“': '”', '「': '」', '『': '』', '”': '”' };

const HAN_GAP_RE = /(?<=\p{Script=Han})\s+(?=\p{Script=Han})/gu;

/**
 * Terms already parsed (jieba segmentation costs about 0.5 ms a query, as much as several index walks):
 * the same few thousand queries come back again and again. Bounded; emptied when full.
 */
const TERM_CACHE_SIZE = 2000;
const termCache = new Map<string, QueryTerm | null>();

function term(text: string, phrase: boolean): QueryTerm | null {
  const key = `${phrase ? '"' : ' '}${text}`;
  const hit = termCache.get(key);
  if (hit !== undefined) return hit;
  const made = makeTerm(text, phrase);
  if (made) {
    // shared between queries: frozen, so that no caller can change another query's term
    Object.freeze(made.pattern.tokens);
    Object.freeze(made.pattern);
    Object.freeze(made.words);
    Object.freeze(made);
  }
  if (termCache.size >= TERM_CACHE_SIZE) termCache.clear();
  termCache.set(key, made);
  return made;
}

function makeTerm(text: string, phrase: boolean): QueryTerm | null {
  const t = [...text].slice(0, MAX_TERM_CHARS).join('');
  // Chinese is written without spaces: inside a phrase, a space between two Han characters is nothing.
  const joined = phrase ? t.replace(HAN_GAP_RE, '') : t;
  const pattern = termPattern(pieces(joined));
  if (!pattern) return null;
  return { text: t, phrase, pattern, words: searchWords(joined) };
}

export function parseQuery(input: string | null | undefined): ParsedQuery {
  const q = [...(input ?? '')].slice(0, MAX_QUERY_LENGTH).join('').replace(/[\s\u3000]+/g, ' ').trim();
  const terms: QueryTerm[] = [];
  const excluded: QueryTerm[] = [];
  const seen = new Set<string>();
  const add = (text: string, phrase: boolean, negative: boolean) => {
    const t = term(text, phrase);
    if (!t) return;
    const key = `${negative ? '-' : '+'}${t.pattern.canonical}`;
    if (seen.has(key)) return;
    seen.add(key);
    if (negative) {
      if (excluded.length < MAX_TERMS) excluded.push(t);
    } else if (terms.length < MAX_TERMS) terms.push(t);
  };
  let i = 0;
  const chars = [...q];
  while (i < chars.length) {
    if (chars[i] === ' ') {
      i++;
      continue;
    }
    let negative = false;
    if ((chars[i] === '-' || chars[i] === '－') && i + 1 < chars.length && chars[i + 1] !== ' ') {
      negative = true;
      i++;
    }
    const close = OPEN_QUOTES[chars[i]];
    if (close) {
      let j = i + 1;
      while (j < chars.length && chars[j] !== close && !(close === '”' && chars[j] === '"')) j++;
      add(chars.slice(i + 1, j).join(''), true, negative);
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < chars.length && chars[j] !== ' ' && !OPEN_QUOTES[chars[j]]) j++;
    add(chars.slice(i, j).join(''), false, negative);
    i = j;
  }
  return { terms, excluded, exact: exactRefOf(q) };
}

/** Search within results: the earlier queries' terms and exclusions plus the new query's. */
export function mergeQueries(queries: ParsedQuery[]): ParsedQuery {
  const out: ParsedQuery = { terms: [], excluded: [], exact: queries.length ? queries[queries.length - 1].exact : null };
  const seen = new Set<string>();
  const push = (list: QueryTerm[], t: QueryTerm, key: string, max: number) => {
    if (seen.has(key) || list.length >= max) return;
    seen.add(key);
    list.push(t);
  };
  for (const p of queries) {
    for (const t of p.terms) push(out.terms, t, `+${t.pattern.canonical}`, MAX_TERMS);
    for (const t of p.excluded) push(out.excluded, t, `-${t.pattern.canonical}`, MAX_TERMS);
  }
  return out;
}
