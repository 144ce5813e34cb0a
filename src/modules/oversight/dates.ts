/**
 * Publication dates on government web pages (spec oversight.md §1): the formats Chinese sites print
 * (2026-11-27, 2026/11/27, 2026.11.27, 2026年11月27日, "2026-11-27 10:30", [2026-11-27]) and the metadata they
 * carry (<meta name="PubDate">, article:published_time, <time datetime>). Pure: no I/O.
 */
import type { CheerioAPI } from 'cheerio';
import { isIsoDate, todayInShanghai } from '../../kernel/calendar/index.ts';

/** Year, separator, month, the same separator, day — or 年 月 日 — not glued to other digits. */
const DEFAULT_DATE = /(?<!\d)((?:19|20)\d{2})\s*(?:([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?)(?!\d)/g;

function iso(y: string | number, m: string | number, d: string | number): string | null {
  let year = String(y).trim();
  if (year.length === 2) year = `20${year}`;
  const s = `${year.padStart(4, '0')}-${String(m).trim().padStart(2, '0')}-${String(d).trim().padStart(2, '0')}`;
  return isIsoDate(s) ? s : null;
}

function findDefault(text: string): string | null {
  DEFAULT_DATE.lastIndex = 0;
  for (let m = DEFAULT_DATE.exec(text); m; m = DEFAULT_DATE.exec(text)) {
    const date = m[3] !== undefined ? iso(m[1]!, m[3], m[4]!) : iso(m[1]!, m[5]!, m[6]!);
    if (date) return date;
  }
  return null;
}

const compiled = new Map<string, RegExp | null>();
function compile(pattern: string): RegExp | null {
  let re = compiled.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(pattern, 'g');
    } catch {
      re = null;
    }
    if (compiled.size > 100) compiled.clear();
    compiled.set(pattern, re);
  }
  return re;
}

/**
 * The first real date in `text` as YYYY-MM-DD, or null. With `pattern` (a regular expression): its named groups
 * y, m, d when it has them, otherwise the text of its first match read with the default formats. An invalid
 * pattern falls back to the default formats. Impossible dates (2026-02-30) are not dates.
 */
export function findDate(text: string, pattern?: string): string | null {
  if (!text) return null;
  if (!pattern) return findDefault(text);
  const re = compile(pattern);
  if (!re) return findDefault(text);
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] === '') {
      re.lastIndex++;
      continue;
    }
    const g = m.groups;
    const date = g && g.y !== undefined && g.m !== undefined && g.d !== undefined ? iso(g.y, g.m, g.d) : findDefault(m[0]);
    if (date) return date;
  }
  return null;
}

const META_NAMES = new Set(['pubdate', 'firstpublishedtime', 'publishdate', 'articlepublishtime']);
const META_PROPERTIES = new Set(['article:published_time']);
/** An instant with a zone (2026-11-26T20:00:00Z, …+08:00): its date in Asia/Shanghai. */
const INSTANT = /^\s*\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})\s*$/i;

function dateOfValue(value: string | undefined): string | null {
  if (!value) return null;
  if (INSTANT.test(value)) {
    const t = new Date(value.trim());
    if (!Number.isNaN(t.getTime())) return todayInShanghai(t);
  }
  return findDefault(value);
}

/** The page's own publication date from its metadata, or null. */
export function metaDate($: CheerioAPI): string | null {
  for (const el of $('meta').toArray()) {
    const name = (el.attribs.name ?? '').trim().toLowerCase();
    const property = (el.attribs.property ?? '').trim().toLowerCase();
    if (META_NAMES.has(name) || META_PROPERTIES.has(property)) {
      const d = dateOfValue(el.attribs.content);
      if (d) return d;
    }
  }
  for (const el of $('time[datetime]').toArray()) {
    const d = dateOfValue(el.attribs.datetime);
    if (d) return d;
  }
  return null;
}
