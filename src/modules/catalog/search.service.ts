/**
 * Catalog search (portal.md "Search"): query language, filters, ranking, facets, groups, highlights.
 * Design and reasoning: docs/design/search.md. SQL lives in search.repository.ts.
 *
 *   createSearchService({ db, clock?, agencies?, tuning? }) → { search(input) }
 *   searchInputSchema: parses a search page's / API's query parameters leniently (bad values are
 *                      dropped, never an error page)
 *
 * Speed: every step is bounded, whatever the number of matches. Candidates are walked newest first
 * (the index's own order) with a LIMIT; relevance is computed in JavaScript over a window of the
 * newest matches plus the newest title matches; totals and facets are exact up to caps and
 * estimated (`totalIsEstimate`, `facetsAreEstimate`) beyond them.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { todayInShanghai } from '../../kernel/calendar/index.ts';
import { toDayNumber } from '../../kernel/calendar/dates.ts';
import { type Clock, systemClock } from '../../kernel/clock.ts';
import { canonicalText, highlight, mergeQueries, normalizeText, parseQuery, parseDocNo, snippet, type ParsedQuery, type Segment } from '../../kernel/text/index.ts';
import { createChangeStampsReader } from '../../storage/change-stamps.ts';
import type { Database } from '../../storage/schema.ts';
import { estimateFromSample, filterToken, keyRangeOfDates, yearRanges, type KeyRange, type MatchSpec } from '../../storage/search/index.ts';
import type { AgencyTree } from '../agencies/index.ts';
import { createSearchDocCounts } from './search-doc-counts.ts';
import { createSearchRepository, type CandidateRow, type FacetRow, type RankRow } from './search.repository.ts';
import { genres, isTopic, kinds, topicTree, validityStatuses, type Kind } from './taxonomy.ts';

// ---------------------------------------------------------------------------------------------
// Input

const one = (v: unknown) => (Array.isArray(v) ? v[v.length - 1] : v);
const many = (v: unknown) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]);
const optString = (max: number) =>
  z.preprocess(one, z.string().trim().max(max).optional()).transform((v) => (v ? v : undefined)).catch(undefined);
const optInt = (min: number, max: number) =>
  z.preprocess((v) => {
    const s = one(v);
    return s === undefined || s === '' ? undefined : Number(s);
  }, z.number().int().min(min).max(max).optional()).catch(undefined);
const optDate = z.preprocess(one, z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional()).refine((v) => v === undefined || !Number.isNaN(safeDay(v))).catch(undefined);
const flag = z.preprocess((v) => ['1', 'true', 'on', 'yes', true].includes(one(v) as never), z.boolean()).catch(false);
const topLevels = new Set(topicTree.map(([top]) => top));

function safeDay(d: string): number {
  try {
    return toDayNumber(d);
  } catch {
    return Number.NaN;
  }
}

export const searchInputSchema = z.object({
  /** The query typed (terms, "phrases", -exclusions, or a document/index number). */
  q: optString(400),
  /** Earlier queries, for "search within results": their terms are required too. */
  within: z.preprocess(many, z.array(z.string().max(400)).max(5)).catch([]),
  /** 'title': titles only; 'all': full text (title, document number, index number, keywords, summary, body). */
  scope: z.preprocess(one, z.enum(['all', 'title'])).catch('all'),
  /** Issuing agency (id or code), owner or co-issuer. */
  agency: optString(100),
  /** With `agency`: also everything issued by agencies below it. */
  subtree: flag,
  docNoPrefix: optString(50),
  docNoYear: optInt(1949, 2999),
  docNoNumber: optInt(0, 999999),
  /** A top-level topic (综合政务) or a second-level one (综合政务/政务公开). */
  topic: z.preprocess(one, z.string().refine((t) => topLevels.has(t) || isTopic(t)).optional()).catch(undefined),
  genre: z.preprocess(one, z.enum(genres).optional()).catch(undefined),
  kind: z.preprocess(many, z.array(z.enum(kinds))).catch([]),
  /** Published on or after / on or before (YYYY-MM-DD). */
  from: optDate,
  to: optDate,
  validity: z.preprocess(one, z.enum(validityStatuses).optional()).catch(undefined),
  /** Relevance (with a recency boost; the default when there are terms) or newest first. */
  sort: z.preprocess(one, z.enum(['relevance', 'date']).optional()).catch(undefined),
  page: optInt(1, 100000),
  /** At most 50 (larger values are reduced to 50). */
  pageSize: z.preprocess((v) => {
    const n = Number(one(v));
    return one(v) === undefined || one(v) === '' || !Number.isFinite(n) ? undefined : Math.min(50, Math.max(1, Math.trunc(n)));
  }, z.number().int().optional()).catch(undefined),
  /** Which group `page` pages through; the other group shows its first few items. */
  group: z.preprocess(one, z.enum(['documents', 'interpretations'])).catch('documents'),
});
/** What a caller may pass: typed values or query-string strings (parsed leniently by searchInputSchema). */
export interface SearchInput {
  q?: string;
  within?: string | string[];
  scope?: 'all' | 'title' | string;
  agency?: string;
  subtree?: boolean | string;
  docNoPrefix?: string;
  docNoYear?: number | string;
  docNoNumber?: number | string;
  topic?: string;
  genre?: string;
  kind?: string | string[];
  from?: string;
  to?: string;
  validity?: string;
  sort?: 'relevance' | 'date' | string;
  page?: number | string;
  pageSize?: number | string;
  group?: 'documents' | 'interpretations' | string;
}
export type SearchParams = z.output<typeof searchInputSchema>;

// ---------------------------------------------------------------------------------------------
// Result

export interface SearchItem {
  id: string;
  indexNo: string | null;
  title: string;
  /** The title with hits marked; the view escapes each segment. */
  titleSegments: Segment[];
  /** An excerpt of the summary or body around the first hit, hits marked. */
  snippet: Segment[];
  docNo: string | null;
  agencyId: string;
  /** Owner first, then co-issuers. */
  issuerIds: string[];
  publishedOn: string;
  kind: Kind;
  genre: string | null;
  topic: string | null;
  validityStatus: string | null;
  interpretsId: string | null;
}

export interface SearchGroup {
  total: number;
  totalIsEstimate: boolean;
  items: SearchItem[];
  page: number;
  pageSize: number;
  /** Pages that can be opened (results beyond `tuning.maxResults` are not reachable: refine the search). */
  pages: number;
}

export interface FacetValue {
  value: string;
  count: number;
}

export interface SearchResult {
  /** The query as understood, for echoing and for "search within results". */
  query: { q: string; within: string[]; terms: string[]; excluded: string[]; scope: 'all' | 'title'; sort: 'relevance' | 'date' };
  /** The single published item a typed document or index number names: go straight to it. */
  exactMatch: SearchItem | null;
  /** Documents and interpretations together. */
  total: number;
  totalIsEstimate: boolean;
  groups: { documents: SearchGroup; interpretations: SearchGroup };
  /** The group `page` applies to. */
  focus: 'documents' | 'interpretations';
  /** Counts over everything matched (both groups), largest first; years newest first. */
  facets: { agencies: FacetValue[]; topics: FacetValue[]; genres: FacetValue[]; kinds: FacetValue[]; years: FacetValue[] };
  facetsAreEstimate: boolean;
}

// ---------------------------------------------------------------------------------------------
// Service

export interface SearchTuning {
  /** Matches counted (and read for facets) exactly per calendar year; beyond it the year's count and facets are estimated. */
  yearCap: number;
  /** Newest matches ranked by relevance … */
  window: number;
  /** … plus the newest title matches, looked for among the newest `titleSpan` matches. */
  titleWindow: number;
  titleSpan: number;
  /** Results reachable by paging. */
  maxResults: number;
  /** Items shown of the group that is not being paged, ranked within this many newest matches. */
  sideSize: number;
  sideWindow: number;
}
export const defaultTuning: SearchTuning = { yearCap: 100, window: 120, titleWindow: 60, titleSpan: 1000, maxResults: 5000, sideSize: 5, sideWindow: 30 };

/**
 * "Does this text contain the pattern" (the index's rule, kernel/text): a plain substring test of the
 * normalised text for a single Han run (the common case), the canonical form otherwise.
 */
function textOf(text: string | null | undefined) {
  const norm = text ? normalizeText(text) : '';
  let canon: string | null = null;
  return {
    has(pattern: string): boolean {
      if (!pattern.includes(' ')) return norm.includes(pattern);
      canon ??= canonicalText(text);
      return canon.includes(pattern);
    },
  };
}

const EMPTY_GROUP = (pageSize: number): SearchGroup => ({ total: 0, totalIsEstimate: false, items: [], page: 1, pageSize, pages: 0 });

export function createSearchService(deps: { db: Kysely<Database>; clock?: Clock; agencies?: { tree(): Promise<AgencyTree> }; tuning?: Partial<SearchTuning> }) {
  const repo = createSearchRepository(deps.db);
  const stamps = createChangeStampsReader(deps.db);
  const docCounts = createSearchDocCounts({ repo, stamp: async () => (await stamps.read()).catalog });
  const clock = deps.clock ?? systemClock;
  const tuning: SearchTuning = { ...defaultTuning, ...deps.tuning };

  async function agencyId(codeOrId: string): Promise<string> {
    if (!deps.agencies) return codeOrId;
    const tree = await deps.agencies.tree();
    return tree.byId.get(codeOrId)?.id ?? tree.byCode.get(codeOrId)?.id ?? codeOrId;
  }

  /** Filter tokens that must all be present (AND of OR-groups). */
  async function requiredTokens(p: SearchParams): Promise<string[][]> {
    const req: string[][] = [];
    if (p.agency) {
      const id = await agencyId(p.agency);
      req.push([p.subtree ? filterToken.within(id) : filterToken.issuer(id)]);
    }
    if (p.docNoPrefix) {
      // typed as the prefix (衡政办字) or as a whole number
      const prefix = (parseDocNo(p.docNoPrefix) ?? parseDocNo(`${p.docNoPrefix}〔2000〕1号`))?.prefix ?? p.docNoPrefix;
      req.push([filterToken.docNoPrefix(prefix)]);
    }
    if (p.docNoYear !== undefined) req.push([filterToken.docNoYear(p.docNoYear)]);
    if (p.docNoNumber !== undefined) req.push([filterToken.docNoNumber(p.docNoNumber)]);
    if (p.topic) req.push([p.topic.includes('/') ? filterToken.topic(p.topic) : filterToken.topicTop(p.topic)]);
    if (p.genre) req.push([filterToken.genre(p.genre)]);
    if (p.kind.length) req.push(p.kind.map((k) => filterToken.kind(k)));
    if (p.validity) req.push([filterToken.validity(p.validity)]);
    return req;
  }

  /**
   * One statement over the calendar years of the range: in each, the oldest yearCap + 1 matches with
   * the facts facets count. A year with at most yearCap matches is counted exactly; otherwise its
   * count is estimated from the share of the year's indexed documents that those matches span
   * (estimateFromSample: a ratio over documents, counted — not over days, which saturated when a
   * year's sample fell within one day), and they are its facet sample, weighted to the year's count.
   * (Oldest first: FTS5 seeks forward to a year's start faster than backward to its end.)
   */
  async function survey(m: MatchSpec, range: KeyRange) {
    const years = yearRanges(range);
    const rows = await repo.facetRows(
      m,
      years.map((y) => y.range),
      tuning.yearCap + 1,
    );
    const samples = years.map(() => [] as FacetRow[]);
    for (const r of rows) samples[r.stratum].push(r);
    const over = years.flatMap((y, i) => (samples[i].length > tuning.yearCap ? [i] : []));
    // per year over its cap: the documents its sample spans (from the year's start to its newest sampled key), then all of the year's
    const docs = over.length ? await docCounts.docsIn([...over.map((i) => ({ lo: years[i].range.lo, hi: lastKey(samples[i]) + 1 })), ...over.map((i) => years[i].range)]) : [];
    const stats = years.map((y, i) => {
      const sample = samples[i];
      const n = sample.length;
      const j = over.indexOf(i);
      if (j < 0) return { ...y, count: n, estimate: false, sample, weight: 1 };
      const count = estimateFromSample(n, docs[j], docs[over.length + j]);
      return { ...y, count, estimate: true, sample, weight: count / n };
    });
    const estimate = stats.some((y) => y.estimate);
    return { total: stats.reduce((sum, y) => sum + y.count, 0), totalIsEstimate: estimate, facetsAreEstimate: estimate, years: stats };
  }

  function lastKey(sample: FacetRow[]): number {
    let k = -Infinity;
    for (const r of sample) if (r.key > k) k = r.key;
    return k;
  }

  /** The most recent part of the range holding about `span` matches (by the years' counts, uniform within a year). */
  function recentRange(years: { range: KeyRange; count: number }[], range: KeyRange, span: number): KeyRange {
    let seen = 0;
    for (const y of years) {
      if (seen + y.count >= span && y.count > 0) {
        const part = (span - seen) / y.count;
        return { lo: Math.max(range.lo, Math.floor(y.range.hi - part * (y.range.hi - y.range.lo))), hi: range.hi };
      }
      seen += y.count;
    }
    return range;
  }

  /** Matches of `m` in the range: exact up to `cap`, else estimated from the newest cap + 1 (as in survey). */
  async function countAll(m: MatchSpec, range: KeyRange, cap: number, openEnded: boolean): Promise<{ total: number; estimate: boolean }> {
    const keys = await repo.keys(m, range, cap + 1, 0, { openEnded });
    if (keys.length <= cap) return { total: keys.length, estimate: false };
    const [span, all] = await docCounts.docsIn([{ lo: keys[keys.length - 1], hi: range.hi }, range]);
    return { total: estimateFromSample(keys.length, span, all), estimate: true };
  }

  function facetsOf(years: { year: number; count: number; sample: FacetRow[]; weight: number }[]) {
    const agencies = new Map<string, number>();
    const topics = new Map<string, number>();
    const genresT = new Map<string, number>();
    const kindsT = new Map<string, number>();
    const add = (m: Map<string, number>, k: string | null, w: number) => {
      if (k) m.set(k, (m.get(k) ?? 0) + w);
    };
    for (const y of years) {
      const w = y.weight;
      for (const r of y.sample) {
        for (const a of r.issuers.split(' ')) add(agencies, a, w);
        if (r.topic) add(topics, r.topic.slice(0, r.topic.includes('/') ? r.topic.indexOf('/') : undefined), w);
        add(genresT, r.genre, w);
        add(kindsT, r.kind, w);
      }
    }
    const list = (m: Map<string, number>): FacetValue[] => {
      const out: FacetValue[] = [];
      for (const [value, c] of m) if (Math.round(c) > 0) out.push({ value, count: Math.round(c) });
      return out.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    };
    return {
      agencies: list(agencies),
      topics: list(topics),
      genres: list(genresT),
      kinds: list(kindsT),
      years: years.filter((y) => y.count > 0).map((y) => ({ value: String(y.year), count: y.count })),
    };
  }

  function daysOld(publishedOn: string, today: number): number {
    const d = safeDay(publishedOn);
    return Number.isNaN(d) ? 3650 : Math.max(0, today - d);
  }

  /**
   * Relevance: per term, 10 for a title hit, 6 for document/index number or keywords, 3 for the
   * summary, up to 3 when the term's jieba words are words of the title/keywords/summary, up to 2 for
   * how often it occurs in the body (dampened); times a recency factor from 1 (today) falling towards
   * 0.5 (half-life two years), so an old title hit still ranks above a new passing mention.
   */
  function rank(cands: RankRow[], parsed: ParsedQuery, today: number): number[] {
    const scored = cands.map((c) => {
      const title = textOf(c.title);
      const meta = textOf([c.docNo, c.indexNo, ...c.keywords].filter(Boolean).join('|'));
      const summary = textOf(c.summary);
      const words = new Set(c.words);
      let rel = 0;
      parsed.terms.forEach((t, i) => {
        const pat = t.pattern.canonical;
        if (title.has(pat)) rel += 10;
        if (meta.has(pat)) rel += 6;
        if (summary.has(pat)) rel += 3;
        if (t.words.length) rel += (3 * t.words.filter((w) => words.has(w)).length) / t.words.length;
        rel += Math.min(2, Math.log1p(c.tf[i] ?? 0) / Math.log(8)); // 7 occurrences reach the cap
      });
      const recency = 0.5 + 0.5 * Math.exp(-daysOld(c.publishedOn, today) / 730);
      return { c, score: rel * recency };
    });
    scored.sort((a, b) => b.score - a.score || b.c.key - a.c.key);
    return scored.map((s) => s.c.key);
  }

  /** What term frequency is counted by: the longest piece of each term (all of it for plain Chinese). */
  function needles(parsed: ParsedQuery): string[] {
    return parsed.terms.map((t) =>
      t.pattern.canonical
        .trim()
        .split(' ')
        .reduce((a, b) => ([...b].length > [...a].length ? b : a), ''),
    );
  }

  /** The keys of one page of a group: newest first, or ranked (a bounded window, then the rest newest first). */
  async function pageKeys(m: MatchSpec, range: KeyRange, titleRange: KeyRange, parsed: ParsedQuery, sort: 'relevance' | 'date', offset: number, limit: number, windows: { window: number; titleWindow: number }, how: { openEnded: boolean; expected: number }): Promise<number[]> {
    if (limit <= 0) return [];
    if (sort === 'date' || !parsed.terms.length) return repo.keys(m, range, limit, offset, how);
    const newest = await repo.keys(m, range, windows.window, 0, how);
    // Title hits among the newest titleSpan matches (titleRange), to keep the cost bounded (on SQLite a
    // walk of the title-only index, checked against the matches: storage/search/sqlite.ts `titled`).
    const titled = m.scope === 'all' ? await repo.titled(m, titleRange, windows.titleWindow) : [];
    const windowKeys = [...new Set([...newest, ...titled])];
    const ranked = rank(await repo.rankRows(windowKeys, needles(parsed)), parsed, safeDay(todayInShanghai(clock.now())));
    if (offset + limit <= ranked.length || newest.length < windows.window) return ranked.slice(offset, offset + limit);
    // Past the ranked window: the remaining matches, newest first.
    const inWindow = new Set(windowKeys);
    const skip = Math.max(0, offset - ranked.length);
    const rest = (await repo.keys(m, range, skip + limit + windowKeys.length, 0, how)).filter((k) => !inWindow.has(k)).slice(skip, skip + limit);
    return [...ranked.slice(offset, offset + limit), ...rest].slice(0, limit);
  }

  /** The items of these keys, in this order. */
  async function itemsOf(keys: number[]): Promise<CandidateRow[]> {
    const byKey = new Map((await repo.candidates(keys)).map((c) => [c.key, c]));
    return keys.map((k) => byKey.get(k)).filter((c): c is CandidateRow => !!c);
  }

  async function present(rows: CandidateRow[], patterns: string[]): Promise<SearchItem[]> {
    const needBody = rows.filter((r) => !patterns.length || !r.summary || !highlight(r.summary, patterns).some((s) => s.hit)).map((r) => r.id);
    const bodies = await repo.bodies(needBody);
    return rows.map((r) => {
      let excerpt: Segment[];
      const body = bodies.get(r.id) ?? '';
      if (r.summary && !needBody.includes(r.id)) excerpt = snippet(r.summary, patterns);
      else {
        const fromBody = snippet(body, patterns);
        excerpt = patterns.length && fromBody.some((s) => s.hit) ? fromBody : r.summary ? snippet(r.summary, patterns) : fromBody;
      }
      return {
        id: r.id,
        indexNo: r.indexNo,
        title: r.title,
        titleSegments: highlight(r.title, patterns),
        snippet: excerpt,
        docNo: r.docNo,
        agencyId: r.agencyId,
        issuerIds: r.issuerIds,
        publishedOn: r.publishedOn,
        kind: r.kind as Kind,
        genre: r.genre,
        topic: r.topic,
        validityStatus: r.validityStatus,
        interpretsId: r.interpretsId,
      };
    });
  }

  return {
    tuning,

    async search(input: SearchInput = {}): Promise<SearchResult> {
      const p = searchInputSchema.parse(input);
      const typed = parseQuery(p.q);
      const parsed = mergeQueries([...p.within.map((w) => parseQuery(w)), typed]);
      const sort = p.sort ?? (parsed.terms.length ? 'relevance' : 'date');
      const pageSize = p.pageSize ?? 20;
      const patterns = parsed.terms.map((t) => t.pattern.canonical);
      const result: SearchResult = {
        query: { q: p.q ?? '', within: p.within, terms: parsed.terms.map((t) => t.text), excluded: parsed.excluded.map((t) => t.text), scope: p.scope, sort },
        exactMatch: null,
        total: 0,
        totalIsEstimate: false,
        groups: { documents: EMPTY_GROUP(pageSize), interpretations: EMPTY_GROUP(pageSize) },
        focus: p.group,
        facets: { agencies: [], topics: [], genres: [], kinds: [], years: [] },
        facetsAreEstimate: false,
      };
      if (typed.exact && !p.within.length) {
        const hit = await repo.exact(typed.exact);
        if (hit) result.exactMatch = (await present([hit], patterns))[0];
      }

      const bounds = await repo.bounds();
      const wanted = keyRangeOfDates(p.from ?? null, p.to ?? null);
      const range: KeyRange | null = bounds ? { lo: Math.max(bounds.lo, wanted.lo), hi: Math.min(bounds.hi, wanted.hi) } : null;
      if (!range || range.hi <= range.lo) return result;
      // Whether the range reaches the newest indexed document (else it is read the engine's way for a range in the past).
      const openEnded = !bounds || range.hi >= bounds.hi;
      const m: MatchSpec = { scope: p.scope, terms: parsed.terms.map((t) => t.pattern), excluded: parsed.excluded.map((t) => t.pattern), require: await requiredTokens(p), forbid: [], pairs: await repo.pairs() };

      // Totals and facets: bounded passes (survey).
      const sv = await survey(m, range);
      result.total = sv.total;
      result.totalIsEstimate = sv.totalIsEstimate;
      if (!result.total) return result;
      result.facets = facetsOf(sv.years);
      result.facetsAreEstimate = sv.facetsAreEstimate;
      const titleRange = recentRange(sv.years, range, tuning.titleSpan);

      // The interpretations group; documents are the rest.
      const interp = filterToken.kind('interpretation');
      const wantsInterp = !p.kind.length || p.kind.includes('interpretation');
      const wantsDocs = !p.kind.length || p.kind.some((k) => k !== 'interpretation');
      const mInterp: MatchSpec = { ...m, require: [...m.require, [interp]] };
      const mDocs: MatchSpec = { ...m, forbid: [interp] };
      let interpCount = { total: 0, estimate: false };
      if (wantsInterp && !wantsDocs) interpCount = { total: result.total, estimate: result.totalIsEstimate };
      else if (wantsInterp && !result.facetsAreEstimate) interpCount = { total: sv.years.reduce((sum, y) => sum + y.sample.filter((r) => r.kind === 'interpretation').length, 0), estimate: false };
      else if (wantsInterp) interpCount = await countAll(mInterp, range, tuning.yearCap, openEnded);
      const docsTotal = Math.max(0, result.total - interpCount.total);

      // The two groups: the focused one paged, the other its first few items.
      const groupOf = async (name: 'documents' | 'interpretations', spec: MatchSpec, total: number, estimate: boolean, wanted: boolean): Promise<SearchGroup> => {
        if (!wanted || total <= 0) return EMPTY_GROUP(pageSize);
        const focused = p.group === name;
        const size = focused ? pageSize : tuning.sideSize;
        const pages = Math.max(1, Math.ceil(Math.min(total, tuning.maxResults) / size));
        const page = focused ? Math.min(p.page ?? 1, pages) : 1;
        const windows = focused ? tuning : { window: tuning.sideWindow, titleWindow: tuning.sideWindow / 2 };
        const rows = await itemsOf(await pageKeys(spec, range, titleRange, parsed, sort, (page - 1) * size, size, windows, { openEnded, expected: total }));
        return { total, totalIsEstimate: estimate, items: await present(rows, patterns), page, pageSize: size, pages };
      };
      result.groups.documents = await groupOf('documents', mDocs, docsTotal, result.totalIsEstimate || interpCount.estimate, wantsDocs);
      result.groups.interpretations = await groupOf('interpretations', mInterp, interpCount.total, interpCount.estimate, wantsInterp);
      return result;
    },
  };
}
export type SearchService = ReturnType<typeof createSearchService>;
