/**
 * The browse page's filters as a query string: parsed leniently (unknown values are dropped, so an
 * old or hand-edited link still opens), written in one canonical order (shareable, cacheable URLs).
 * Pure; no I/O.
 */
import type { AgencyTree } from '../../../agencies/index.ts';
import type { PublicationQuery } from '../../publications.repository.ts';
import { genres, isTopic, keyAreaCodes, type KeyArea, type Kind, kinds, topicTree, validityStatuses, type ValidityStatus } from '../../taxonomy.ts';

export const browsePath = '/xxgk';
export const pageSize = 20;
/** Deep offsets are slow and useless to people; beyond this the page says to narrow the filters. */
export const maxPage = 500;

export interface BrowseFilters {
  agency?: string; // agency code: the agency and everything below it
  topic?: string; // a top level, or '一级/二级'
  genre?: string;
  kinds: Kind[];
  year?: number;
  validity?: ValidityStatus;
  column?: KeyArea; // key-area column (重点领域)
  page: number;
}
export type FilterName = 'agency' | 'topic' | 'genre' | 'kind' | 'year' | 'validity' | 'column';

const topLevels = new Set(topicTree.map(([top]) => top));

function first(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (Array.isArray(v)) return first(v[0]);
  return undefined;
}
function all(v: unknown): string[] {
  if (typeof v === 'string') return v.split(',').map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(v)) return v.flatMap(all);
  return [];
}

/** Reads the filters from a parsed query string; values that are not in the vocabularies are ignored. */
export function parseBrowseQuery(q: Record<string, unknown>, tree: AgencyTree): BrowseFilters {
  const f: BrowseFilters = { kinds: [], page: 1 };
  const agency = first(q.agency);
  if (agency && tree.byCode.has(agency)) f.agency = agency;
  const topic = first(q.topic);
  if (topic && (topLevels.has(topic) || isTopic(topic))) f.topic = topic;
  const genre = first(q.genre);
  if (genre && (genres as readonly string[]).includes(genre)) f.genre = genre;
  f.kinds = [...new Set(all(q.kind).filter((k): k is Kind => (kinds as readonly string[]).includes(k)))];
  const year = first(q.year);
  if (year && /^\d{4}$/.test(year)) f.year = Number(year);
  const validity = first(q.validity);
  if (validity && (validityStatuses as readonly string[]).includes(validity)) f.validity = validity as ValidityStatus;
  const column = first(q.column);
  if (column && (keyAreaCodes as string[]).includes(column)) f.column = column as KeyArea;
  const page = first(q.page);
  if (page && /^\d{1,6}$/.test(page)) f.page = Math.max(1, Number(page));
  return f;
}

/** A query-string value encoded exactly as URLSearchParams does (application/x-www-form-urlencoded). */
function formEncoded(v: string): string {
  if (/^[\w.*-]*$/.test(v)) return v; // codes, kinds, years: nothing to encode
  const e = encodeURIComponent(v);
  return /%20|[!'()~]/.test(e) ? e.replace(/%20|[!'()~]/g, (c) => (c === '%20' ? '+' : `%${c.charCodeAt(0).toString(16).toUpperCase()}`)) : e;
}

/** The query-string parameters of a set of filters in canonical order (page left out), each as [name, `name=value`]. */
function params(f: BrowseFilters): [FilterName, string][] {
  const out: [FilterName, string][] = [];
  const add = (name: FilterName, value: string) => out.push([name, `${name}=${formEncoded(value)}`]);
  if (f.agency) add('agency', f.agency);
  if (f.topic) add('topic', f.topic);
  if (f.genre) add('genre', f.genre);
  for (const k of f.kinds) add('kind', k);
  if (f.year) add('year', String(f.year));
  if (f.validity) add('validity', f.validity);
  if (f.column) add('column', f.column);
  return out;
}
const filterOrder: FilterName[] = ['agency', 'topic', 'genre', 'kind', 'year', 'validity', 'column'];

/**
 * The canonical URL of a set of filters (page 1 is left out). Written out by hand rather than through
 * URLSearchParams, with the same encoding: a browse page links to a couple of hundred filter sets.
 */
export function browseHref(f: BrowseFilters): string {
  const p = params(f).map(([, s]) => s);
  if (f.page > 1) p.push(`page=${f.page}`);
  return p.length ? `${browsePath}?${p.join('&')}` : browsePath;
}

/**
 * The links that set one filter to each of many values (a facet's list): `filterHrefs(f, name)(v)` is
 * `browseHref(withFilter(f, name, v))`, with the rest of the address written once for the whole list.
 */
export function filterHrefs(f: BrowseFilters, name: FilterName): (value: string) => string {
  const at = filterOrder.indexOf(name);
  const rest = params(without(f, name));
  const before = rest.filter(([n]) => filterOrder.indexOf(n) < at).map(([, s]) => `${s}&`);
  const after = rest.filter(([n]) => filterOrder.indexOf(n) > at).map(([, s]) => `&${s}`);
  const head = `${browsePath}?${before.join('')}${name}=`;
  const tail = after.join('');
  return name === 'year' ? (v) => head + formEncoded(String(Number(v))) + tail : (v) => head + formEncoded(v) + tail;
}

/** The filters with one of them removed (back to page 1). */
export function without(f: BrowseFilters, name: FilterName, kind?: Kind): BrowseFilters {
  const next: BrowseFilters = { ...f, kinds: [...f.kinds], page: 1 };
  if (name === 'kind') next.kinds = kind ? f.kinds.filter((k) => k !== kind) : [];
  else delete next[name];
  return next;
}

/** The filters with one set (replacing the value of that filter; back to page 1). */
export function withFilter(f: BrowseFilters, name: FilterName, value: string): BrowseFilters {
  const next: BrowseFilters = { ...without(f, name) };
  if (name === 'kind') next.kinds = [value as Kind];
  else if (name === 'year') next.year = Number(value);
  else (next as unknown as Record<string, string>)[name] = value;
  return next;
}

export function hasFilters(f: BrowseFilters): boolean {
  return !!(f.agency || f.topic || f.genre || f.kinds.length || f.year || f.validity || f.column);
}

/** The repository query of the filters, optionally leaving one out (for that facet's counts). */
export function toQuery(f: BrowseFilters, tree: AgencyTree, leaveOut?: FilterName): Omit<PublicationQuery, 'limit' | 'offset' | 'statuses'> {
  const q: Omit<PublicationQuery, 'limit' | 'offset' | 'statuses'> = {};
  if (f.agency && leaveOut !== 'agency') {
    const a = tree.byCode.get(f.agency);
    const below = a ? tree.subtree(a.id) : [];
    // The whole tree (the city government at its root): every item is issued by agencies of the tree, so the
    // filter changes nothing — leaving it out gives the same items and counts without checking every
    // entry against a list of all the agencies' ids (1,000 in the benchmark's city).
    if (below.length < tree.byId.size) q.agencyIds = below.map((x) => x.id);
  }
  if (f.topic && leaveOut !== 'topic') q.topic = f.topic;
  if (f.genre && leaveOut !== 'genre') q.genre = f.genre;
  if (f.kinds.length && leaveOut !== 'kind') q.kinds = f.kinds;
  if (f.year && leaveOut !== 'year') q.year = f.year;
  if (f.validity && leaveOut !== 'validity') q.validity = f.validity;
  if (f.column && leaveOut !== 'column') q.column = f.column;
  return q;
}
