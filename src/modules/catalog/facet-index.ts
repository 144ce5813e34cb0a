/**
 * The browse page's totals and facet counts from memory (docs/design/catalog-reads.md, "Facet counts from
 * memory").
 *
 * Why: every browse page shows seven counts, each over the public items matching the page's other filters.
 * From the covering indexes a count over a year or a county's subtree reads tens of thousands of entries
 * (40–100 ms a facet at 1,000,000 items on SQLite), so a page of a filter set not seen before took 20–100 ms.
 * Here every public item is a few bytes in typed arrays — lead agency, kind, year, topic, genre, validity —
 * laid out by (year, kind), with each agency's items (led and co-issued) as sorted lists of positions; a
 * count visits only the items of the filters that narrow most (a year's range, an agency's items within
 * it), about 8 bytes an item in all (~10 MB at a million).
 *
 * The index is a picture of the catalog at one change stamp (public-read.repository.ts `catalogStamp`) and
 * is used only while the stamp is unchanged; otherwise the counts come from the database as before, and a
 * new picture is loaded in the background (`createFacetIndexHolder`). Filters it does not hold (a key-area
 * column, the timeliness flag) are counted in the database too.
 */
import type { PublicationQuery } from './publications.repository.ts';
import { kinds } from './taxonomy.ts';

/** One public item as the index needs it. */
export interface FacetRow {
  id: string;
  agencyId: string;
  kind: string;
  topic: string | null;
  genre: string | null;
  publishedOn: string | null;
  validity: string | null;
}

/** The filters of a public count (the service adds "published, proactive"). */
export type FacetQuery = Omit<PublicationQuery, 'limit' | 'offset' | 'statuses' | 'proactiveOnly'>;
export type FacetColumn = 'agency_id' | 'kind' | 'genre' | 'topic' | 'validity_status';
export interface FacetCount {
  value: string;
  count: number;
}
export interface CoIssueRow {
  publicationId: string;
  leadId: string;
  coId: string;
}

/** A growable typed array. */
class Column<T extends Uint8Array | Uint16Array | Uint32Array> {
  length = 0;
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}
  push(v: number) {
    if (this.length === this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  done(): T {
    return this.data.subarray(0, this.length) as T;
  }
}

/** Values to small numbers; 0 is null. */
class Dictionary {
  readonly values: (string | null)[] = [null];
  private readonly ids = new Map<string, number>();
  id(v: string | null): number {
    if (v === null) return 0;
    let i = this.ids.get(v);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(v);
      this.ids.set(v, i);
    }
    return i;
  }
  find(v: string): number | undefined {
    return this.ids.get(v);
  }
}

const kindIds = new Map<string, number>(kinds.map((k, i) => [k, i]));
/** Items are added in (year, kind) order; a null year (no publication date) is 0 and comes first. */
const groupKey = (year: number, kind: number) => year * 16 + kind;

export class FacetIndexBuilder {
  private readonly agency = new Column(new Uint32Array(1024), (n) => new Uint32Array(n));
  private readonly kind = new Column(new Uint8Array(1024), (n) => new Uint8Array(n));
  private readonly year = new Column(new Uint16Array(1024), (n) => new Uint16Array(n));
  private readonly topic = new Column(new Uint16Array(1024), (n) => new Uint16Array(n));
  private readonly genre = new Column(new Uint16Array(1024), (n) => new Uint16Array(n));
  private readonly validity = new Column(new Uint16Array(1024), (n) => new Uint16Array(n));
  private readonly agencies = new Dictionary();
  private readonly topics = new Dictionary();
  private readonly genres = new Dictionary();
  private readonly validities = new Dictionary();
  private readonly joint = new Map<number, number[]>();
  private readonly groups: { key: number; start: number }[] = [];

  /** @param coIssuers each jointly issued item's co-issuers (publication_issuers), by item id */
  constructor(private readonly coIssuers: Map<string, string[]>) {}

  add(r: FacetRow): void {
    const kind = kindIds.get(r.kind);
    if (kind === undefined) throw new Error(`facet index: unknown kind ${r.kind}`);
    const year = r.publishedOn ? Number(r.publishedOn.slice(0, 4)) : 0;
    const key = groupKey(year, kind);
    const last = this.groups.at(-1);
    if (!last || last.key !== key) {
      if (last && last.key > key) throw new Error('facet index: items must come in (year, kind) order');
      this.groups.push({ key, start: this.agency.length });
    }
    const slot = this.agency.length;
    this.agency.push(this.agencies.id(r.agencyId) - 1);
    this.kind.push(kind);
    this.year.push(year);
    this.topic.push(this.topics.id(r.topic));
    this.genre.push(this.genres.id(r.genre));
    this.validity.push(this.validities.id(r.validity));
    const co = this.coIssuers.get(r.id);
    if (co?.length) this.joint.set(slot, co.map((a) => this.agencies.id(a) - 1));
  }

  finish(): FacetIndex {
    return new FacetIndex({
      agency: this.agency.done(),
      kind: this.kind.done(),
      year: this.year.done(),
      topic: this.topic.done(),
      genre: this.genre.done(),
      validity: this.validity.done(),
      agencies: this.agencies.values.slice(1) as string[],
      agencyIds: this.agencies,
      topics: this.topics,
      genres: this.genres,
      validities: this.validities,
      joint: this.joint,
      groups: this.groups.map((g, i, all) => ({ year: Math.floor(g.key / 16), kind: g.key % 16, start: g.start, end: all[i + 1]?.start ?? this.agency.length })),
    });
  }
}

interface Parts {
  agency: Uint32Array;
  kind: Uint8Array;
  year: Uint16Array;
  topic: Uint16Array;
  genre: Uint16Array;
  validity: Uint16Array;
  agencies: string[];
  agencyIds: Dictionary;
  topics: Dictionary;
  genres: Dictionary;
  validities: Dictionary;
  joint: Map<number, number[]>;
  groups: { year: number; kind: number; start: number; end: number }[];
}

/** Per agency, its items' positions in ascending order (compressed rows: `at[a]` … `at[a + 1]`). */
interface Lists {
  at: Uint32Array;
  slots: Uint32Array;
}
function listsOf(nAgencies: number, pairs: (visit: (agency: number, slot: number) => void) => void): Lists {
  const at = new Uint32Array(nAgencies + 1);
  pairs((a) => at[a + 1]++);
  for (let a = 0; a < nAgencies; a++) at[a + 1] += at[a];
  const fill = at.slice(0, nAgencies);
  const slots = new Uint32Array(at[nAgencies]);
  pairs((a, s) => (slots[fill[a]++] = s)); // visited in ascending slot order: each list comes out sorted
  return { at, slots };
}
/** The first index in `xs[from, to)` whose value is ≥ v. */
function lowerBound(xs: Uint32Array, from: number, to: number, v: number): number {
  while (from < to) {
    const mid = (from + to) >>> 1;
    if (xs[mid] < v) from = mid + 1;
    else to = mid;
  }
  return from;
}

export class FacetIndex {
  /** How many public items it holds. */
  readonly size: number;
  private readonly lead: Lists;
  private readonly co: Lists;
  private seen: Uint32Array | null = null;
  private seenMark = 0;

  constructor(private readonly p: Parts) {
    this.size = p.agency.length;
    const n = p.agencies.length;
    this.lead = listsOf(n, (visit) => {
      for (let s = 0; s < this.size; s++) visit(p.agency[s], s);
    });
    const jointSlots = [...p.joint.keys()].sort((a, b) => a - b);
    this.co = listsOf(n, (visit) => {
      for (const s of jointSlots) for (const a of new Set(p.joint.get(s))) visit(a, s);
    });
  }

  /** Whether the index can count these filters (a key-area column and the timeliness flag are not held). */
  static holds(q: FacetQuery): boolean {
    return q.column === undefined && q.late === undefined;
  }

  /**
   * Calls `visit` once for every item matching `q`: within the (year, kind) ranges of its year and kinds,
   * through the agencies' lists when it names agencies (an item led by one of them, or co-issued by one of
   * them and led by none, once), checking topic, genre and validity on each.
   */
  private each(q: FacetQuery, visit: (slot: number) => void): void {
    const p = this.p;
    const ranges: [number, number][] = [];
    const kindSet = q.kinds?.length ? new Set(q.kinds.map((k) => kindIds.get(k))) : null;
    for (const g of p.groups) {
      if (q.year !== undefined && g.year !== q.year) continue;
      if (kindSet && !kindSet.has(g.kind)) continue;
      const last = ranges.at(-1);
      if (last && last[1] === g.start) last[1] = g.end;
      else ranges.push([g.start, g.end]);
    }
    if (!ranges.length) return;

    let topicOk: Uint8Array | null = null;
    if (q.topic !== undefined) {
      const t = q.topic;
      topicOk = new Uint8Array(p.topics.values.length);
      p.topics.values.forEach((v, i) => {
        if (v !== null && (v === t || (!t.includes('/') && v.startsWith(`${t}/`)))) topicOk![i] = 1;
      });
    }
    const wanted = (d: Dictionary, v: string | undefined) => (v === undefined ? 0 : (d.find(v) ?? -1));
    const genre = wanted(p.genres, q.genre);
    const validity = wanted(p.validities, q.validity);
    if (genre < 0 || validity < 0) return;
    const ok = (s: number) => (topicOk === null || topicOk[p.topic[s]] === 1) && (genre === 0 || p.genre[s] === genre) && (validity === 0 || p.validity[s] === validity);

    if (!q.agencyIds) {
      for (const [from, to] of ranges) for (let s = from; s < to; s++) if (ok(s)) visit(s);
      return;
    }
    const chosen = new Uint8Array(p.agencies.length);
    const agencies: number[] = [];
    for (const id of q.agencyIds) {
      const a = p.agencyIds.find(id);
      if (a !== undefined && !chosen[a - 1]) {
        chosen[a - 1] = 1;
        agencies.push(a - 1);
      }
    }
    for (const a of agencies) {
      const { at, slots } = this.lead;
      for (const [from, to] of ranges) {
        for (let i = lowerBound(slots, at[a], at[a + 1], from); i < at[a + 1] && slots[i] < to; i++) if (ok(slots[i])) visit(slots[i]);
      }
    }
    // Co-issued by a chosen agency and led by another: once, however many chosen agencies co-issued it.
    if (!this.seen) this.seen = new Uint32Array(this.size);
    if (++this.seenMark === 0xffffffff) {
      this.seen.fill(0);
      this.seenMark = 1;
    }
    for (const a of agencies) {
      const { at, slots } = this.co;
      for (const [from, to] of ranges) {
        for (let i = lowerBound(slots, at[a], at[a + 1], from); i < at[a + 1] && slots[i] < to; i++) {
          const s = slots[i];
          if (chosen[p.agency[s]] || this.seen[s] === this.seenMark) continue;
          this.seen[s] = this.seenMark;
          if (ok(s)) visit(s);
        }
      }
    }
  }

  /** How many items match. */
  count(q: FacetQuery): number {
    let n = 0;
    this.each(q, () => n++);
    return n;
  }

  /** Counts per value of a column over the matching items, largest first (the repository's `facet`). */
  facet(q: FacetQuery, column: FacetColumn): FacetCount[] {
    const p = this.p;
    const [codes, names]: [ArrayLike<number>, ArrayLike<string | null>] =
      column === 'agency_id'
        ? [p.agency, p.agencies]
        : column === 'kind'
          ? [p.kind, kinds]
          : column === 'topic'
            ? [p.topic, p.topics.values]
            : column === 'genre'
              ? [p.genre, p.genres.values]
              : [p.validity, p.validities.values];
    const n = new Uint32Array(names.length);
    this.each(q, (s) => n[codes[s]]++);
    const out: FacetCount[] = [];
    n.forEach((count, i) => {
      const value = names[i];
      if (count && value !== null) out.push({ value, count });
    });
    return out.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  }

  /** Counts per year published, newest year first (the repository's `yearFacet`). */
  yearFacet(q: FacetQuery): FacetCount[] {
    const n = new Map<number, number>();
    const year = this.p.year;
    this.each(q, (s) => n.set(year[s], (n.get(year[s]) ?? 0) + 1));
    n.delete(0);
    return [...n]
      .sort(([a], [b]) => b - a)
      .map(([y, count]) => ({ value: String(y).padStart(4, '0'), count }));
  }

  /**
   * The co-issuers other than the lead of the matching jointly issued items (the repository's `coIssuers`).
   * An item is named by its position in the index, which is all the agency facet needs (it groups by item).
   */
  coIssuers(q: FacetQuery): CoIssueRow[] {
    const p = this.p;
    const out: CoIssueRow[] = [];
    this.each(q, (s) => {
      const co = p.joint.get(s);
      if (!co) return;
      for (const a of co) if (a !== p.agency[s]) out.push({ publicationId: String(s), leadId: p.agencies[p.agency[s]], coId: p.agencies[a] });
    });
    return out;
  }
}

/** What loading an index reads (public-read.repository.ts). */
export interface FacetSource {
  /** The first and last year of publication of the public items (null: no dated item). */
  facetYears(): Promise<{ from: number; to: number } | null>;
  /** The public items of a kind published in a year (null: without a publication date). */
  facetRows(kind: string, year: number | null): Promise<FacetRow[]>;
  /** The co-issuers of the public items. */
  facetCoIssuers(): Promise<{ publicationId: string; agencyId: string }[]>;
}

/** Reads the public catalog into an index, a (year, kind) at a time: each read is short, and others run in between. */
export async function loadFacetIndex(source: FacetSource): Promise<FacetIndex> {
  const co = new Map<string, string[]>();
  for (const r of await source.facetCoIssuers()) {
    const list = co.get(r.publicationId);
    if (list) list.push(r.agencyId);
    else co.set(r.publicationId, [r.agencyId]);
  }
  const b = new FacetIndexBuilder(co);
  const span = await source.facetYears();
  const years: (number | null)[] = [null];
  if (span) for (let y = span.from; y <= span.to; y++) years.push(y);
  for (const y of years) for (const k of kinds) for (const r of await source.facetRows(k, y)) b.add(r);
  return b.finish();
}

export interface FacetIndexHolderOptions {
  /** A picture older than this is loaded again even if the stamp is unchanged (clock skew between processes). */
  ttlMs?: number;
  /** After a load, the next waits at least this long … */
  minPauseMs?: number;
  /** … and this many times the last load's duration (a catalog changing all the time is counted in the database). */
  pauseFactor?: number;
  onError?: (err: unknown) => void;
  now?: () => number;
}

/**
 * Keeps one index and loads a new one in the background when the catalog's stamp has moved. `at(stamp)`
 * gives the index only if it pictures the catalog at exactly that stamp: a load starts from the stamp a
 * request read and is kept only if the stamp read after it is still the same (nothing changed meanwhile).
 */
export function createFacetIndexHolder(load: () => Promise<FacetIndex>, readStamp: () => Promise<string>, opts: FacetIndexHolderOptions = {}) {
  const ttlMs = opts.ttlMs ?? 10 * 60_000;
  const minPauseMs = opts.minPauseMs ?? 10_000;
  const pauseFactor = opts.pauseFactor ?? 5;
  const now = opts.now ?? Date.now;
  let current: { stamp: string; at: number; index: FacetIndex } | null = null;
  let loading: Promise<void> | null = null;
  let nextLoadAt = 0;

  async function reload(stamp: string): Promise<void> {
    const started = now();
    try {
      const index = await load();
      current = (await readStamp()) === stamp ? { stamp, at: started, index } : null;
    } catch (err) {
      current = null;
      opts.onError?.(err);
    } finally {
      nextLoadAt = now() + Math.max(minPauseMs, pauseFactor * (now() - started));
      loading = null;
    }
  }

  return {
    /** The index of the catalog at `stamp`, or null (then count in the database); starts a load when due. */
    at(stamp: string): FacetIndex | null {
      if (current && current.stamp === stamp && now() - current.at < ttlMs) return current.index;
      if (!loading && now() >= nextLoadAt) loading = reload(stamp);
      return null;
    },
    /** The load under way, if any (tests, diagnostics). */
    loading: () => loading,
  };
}
export type FacetIndexHolder = ReturnType<typeof createFacetIndexHolder>;
