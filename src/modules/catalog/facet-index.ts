/**
 * The browse page's totals, facet counts and page of ids from memory (docs/design/catalog-reads.md, "Facet
 * counts and pages from memory").
 *
 * Why: every browse page shows seven counts, each over the public items matching the page's other filters.
 * From the covering indexes a count over a year or a county's subtree reads tens of thousands of entries
 * (40–100 ms a facet at 1,000,000 items on SQLite), so a page of a filter set not seen before took 20–100 ms.
 * Here every public item is a few bytes in typed arrays — lead agency, kind, year, topic, genre, validity,
 * its id — laid out by year and the catalog's order, with each agency's items (led and co-issued) and each
 * kind's as sorted lists of positions; a count visits only the items of the filters that narrow most (a
 * year's range, an agency's items within it), about 41 bytes an item in all (~40 MB at a million, twice
 * that while the next picture loads).
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
  /** coalesce(published_at, updated_at): the catalog's newest-first order, with the id. */
  order: string;
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

/** Values to small numbers; 0 is null. */
class Dictionary {
  readonly values: (string | null)[] = [null];
  private readonly ids = new Map<string, number>();
  /** The dictionary of these values (`values` of another one, e.g. sent from another thread). */
  static of(values: (string | null)[]): Dictionary {
    const d = new Dictionary();
    for (const v of values.slice(1)) d.id(v);
    return d;
  }
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
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Per key (agency, kind), its items' positions in ascending order (compressed rows: `at[k]` … `at[k + 1]`). */
interface Lists {
  at: Uint32Array;
  slots: Uint32Array;
}
function listsOf(nKeys: number, pairs: (visit: (key: number, slot: number) => void) => void): Lists {
  const at = new Uint32Array(nKeys + 1);
  pairs((k) => at[k + 1]++);
  for (let k = 0; k < nKeys; k++) at[k + 1] += at[k];
  const fill = at.slice(0, nKeys);
  const slots = new Uint32Array(at[nKeys]);
  pairs((k, s) => (slots[fill[k]++] = s)); // visited in ascending slot order: each list comes out sorted
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

/** A growable typed array. */
class Column<T extends Uint8Array | Uint16Array | Uint32Array> {
  length = 0;
  constructor(
    private data: T,
    private readonly make: (n: number) => T,
  ) {}
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  done(): T {
    return this.data.slice(0, this.length) as T;
  }
}
const u8 = () => new Column(new Uint8Array(1024), (n) => new Uint8Array(n));
const u16 = () => new Column(new Uint16Array(1024), (n) => new Uint16Array(n));
const u32 = () => new Column(new Uint32Array(1024), (n) => new Uint32Array(n));

/**
 * Builds the index from the public items given a year at a time (`addRows` as often as needed, then
 * `endYear`), in ascending years (those without a publication date first, as year 0): items are laid out by
 * year, and within a year in the catalog's order. Into typed arrays: no object is kept per item.
 */
export class FacetIndexBuilder {
  private readonly agency = u32();
  private readonly kind = u8();
  private readonly year = u16();
  private readonly topic = u16();
  private readonly genre = u16();
  private readonly validity = u16();
  private ids = Buffer.alloc(16 * 1024);
  private readonly joint = u32();
  private readonly jointCo: number[][] = [];
  private readonly years = new Map<number, [number, number]>();
  private readonly agencies = new Dictionary();
  private readonly topics = new Dictionary();
  private readonly genres = new Dictionary();
  private readonly validities = new Dictionary();
  private lastYear = -1;
  private lastOrder: [string, string] | null = null;
  /** Whether the layout is also the catalog's order across years (see FacetIndex `ordered`). */
  private ordered = true;

  /** @param coIssuers each jointly issued item's co-issuers (publication_issuers), by item id */
  constructor(private readonly coIssuers: Map<string, string[]>) {}

  /**
   * The year being added: each item's codes as it comes, and its order and id to sort by (~120 bytes an item
   * instead of the rows themselves: a province's year of several hundred thousand items must fit the heap).
   */
  private pending = { year: -1, agency: u32(), kind: u8(), topic: u16(), genre: u16(), validity: u16(), order: [] as string[], id: [] as string[] };

  /** Public items of one year (null: without a publication date), in any order; years in ascending order. */
  addRows(year: number | null, rows: FacetRow[]): void {
    const y = year ?? 0;
    const p = this.pending;
    if (y !== p.year) {
      if (y <= this.lastYear || p.order.length) throw new Error('facet index: years must come in ascending order, each ended');
      p.year = y;
    }
    for (const r of rows) {
      const kind = kindIds.get(r.kind);
      if (kind === undefined) throw new Error(`facet index: unknown kind ${r.kind}`);
      if (r.publishedOn ? Number(r.publishedOn.slice(0, 4)) !== y : y !== 0) throw new Error('facet index: an item given in another year than its own');
      p.agency.push(this.agencies.id(r.agencyId) - 1);
      p.kind.push(kind);
      p.topic.push(this.topics.id(r.topic));
      p.genre.push(this.genres.id(r.genre));
      p.validity.push(this.validities.id(r.validity));
      p.order.push(r.order);
      p.id.push(r.id);
    }
  }

  /**
   * Lays out the year's items in the catalog's order. Gives way to other work every 10,000 items (a year of a
   * large catalog takes about half a second).
   */
  async endYear(): Promise<void> {
    const p = this.pending;
    const y = p.year;
    const n = p.order.length;
    this.pending = { year: -1, agency: u32(), kind: u8(), topic: u16(), genre: u16(), validity: u16(), order: [], id: [] };
    this.lastYear = Math.max(this.lastYear, y);
    if (!n) return;
    const { order, id } = p;
    const [agency, kind, topic, genre, validity] = [p.agency.done(), p.kind.done(), p.topic.done(), p.genre.done(), p.validity.done()];
    // A plain array: V8 sorts it several times faster than a typed one with a comparator.
    const sorted = Array.from({ length: n }, (_, i) => i).sort((a, b) => (order[a] === order[b] ? (id[a] < id[b] ? -1 : id[a] > id[b] ? 1 : 0) : order[a] < order[b] ? -1 : 1));
    const from = this.agency.length;
    for (let i = 0; i < n; i++) {
      if (i % 10_000 === 9_999) await new Promise((resolve) => setImmediate(resolve));
      const k = sorted[i];
      const prev = this.lastOrder;
      if (prev && (prev[0] > order[k] || (prev[0] === order[k] && prev[1] > id[k]))) this.ordered = false;
      this.lastOrder = [order[k], id[k]];
      const slot = this.agency.length;
      if (this.ordered && uuid.test(id[k])) {
        if (this.ids.length < (slot + 1) * 16) this.ids = Buffer.concat([this.ids, Buffer.alloc(this.ids.length)]);
        this.ids.write(id[k].replaceAll('-', ''), slot * 16, 'hex');
      } else this.ordered = false;
      this.agency.push(agency[k]);
      this.kind.push(kind[k]);
      this.year.push(y);
      this.topic.push(topic[k]);
      this.genre.push(genre[k]);
      this.validity.push(validity[k]);
      const co = this.coIssuers.get(id[k]);
      if (co?.length) {
        this.joint.push(slot);
        this.jointCo.push([...new Set(co.map((a) => this.agencies.id(a) - 1))]);
      }
    }
    this.years.set(y, [from, this.agency.length]);
  }

  finish(): FacetIndex {
    const n = this.agency.length;
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
      joint: this.joint.done(),
      jointCo: listsOf(this.jointCo.length, (visit) => this.jointCo.forEach((co, j) => co.forEach((a) => visit(j, a)))),
      years: this.years,
      ids: this.ordered ? Buffer.from(this.ids.subarray(0, n * 16)) : null,
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
  /** The jointly issued items' positions, ascending, and each one's co-issuers (by the item's place in `joint`). */
  joint: Uint32Array;
  jointCo: Lists;
  /** Each year's positions [from, to). */
  years: Map<number, [number, number]>;
  /** The items' ids, 16 bytes each; null when the layout is not the catalog's order (then no pages). */
  ids: Buffer | null;
}

/** A FacetIndex as plain data (structured-cloneable): `FacetIndex.toData` / `fromData`. */
export type FacetIndexData = Omit<Parts, 'agencyIds' | 'topics' | 'genres' | 'validities' | 'ids'> & {
  topics: (string | null)[];
  genres: (string | null)[];
  validities: (string | null)[];
  ids: Uint8Array | null;
  lead: Lists;
  co: Lists;
  byKind: Lists;
};

/** A run of positions in ascending order: `list[from, to)`, or the positions `from … to - 1` themselves. */
interface Run {
  list: Uint32Array | null;
  from: number;
  to: number;
}
const at = (r: Run, i: number) => (r.list ? r.list[i] : i);

/** What a query asks, prepared for checking positions. */
interface Plan {
  /** The positions of its year (all when none). */
  from: number;
  to: number;
  runs: Run[];
  /** The chosen agencies, when it names agencies (then the runs are theirs). */
  chosen: Uint8Array | null;
  /** Checks the filters other than the year and the agencies. */
  ok: (s: number) => boolean;
}

export class FacetIndex {
  /** How many public items it holds. */
  readonly size: number;
  /** Whether `page` can answer: the layout is the catalog's newest-first order reversed, and every id was kept. */
  readonly ordered: boolean;
  private readonly lead: Lists;
  private readonly co: Lists;
  private readonly byKind: Lists;
  private readonly firstYear: number;
  private readonly lastYear: number;
  /** Marks of the items already visited by one `each` (a fresh mark per call). */
  private seen: Uint32Array | null = null;
  private seenMark = 0;

  constructor(
    private readonly p: Parts,
    lists?: { lead: Lists; co: Lists; byKind: Lists },
  ) {
    this.size = p.agency.length;
    this.ordered = p.ids !== null;
    const n = p.agencies.length;
    this.lead = lists?.lead ?? listsOf(n, (visit) => p.agency.forEach((a, s) => visit(a, s)));
    this.co = lists?.co ?? listsOf(n, (visit) => p.joint.forEach((s, j) => this.coOf(j, (a) => visit(a, s))));
    this.byKind = lists?.byKind ?? listsOf(kinds.length, (visit) => p.kind.forEach((k, s) => visit(k, s)));
    const dated = [...p.years.keys()].filter((y) => y > 0);
    this.firstYear = Math.min(...dated, 9999);
    this.lastYear = Math.max(...dated, 0);
  }

  /**
   * The index as plain data, and the buffers to hand over with it (postMessage's transfer list): another
   * thread gets the arrays themselves, not a copy (facet-index-thread.ts). This index must not be used after.
   */
  toData(): { data: FacetIndexData; transfer: ArrayBuffer[] } {
    const { agencyIds, topics, genres, validities, ...arrays } = this.p;
    void agencyIds; // rebuilt from `agencies`
    const data: FacetIndexData = { ...arrays, topics: topics.values, genres: genres.values, validities: validities.values, lead: this.lead, co: this.co, byKind: this.byKind };
    const views = [data.agency, data.kind, data.year, data.topic, data.genre, data.validity, data.joint, data.jointCo.at, data.jointCo.slots, data.ids, ...[data.lead, data.co, data.byKind].flatMap((l) => [l.at, l.slots])];
    // Only a buffer a view has to itself: a small Buffer is a slice of a pool shared with others, copied instead.
    const transfer = views.filter((v): v is NonNullable<typeof v> => !!v && v.byteOffset === 0 && v.byteLength === v.buffer.byteLength).map((v) => v.buffer as ArrayBuffer);
    return { data, transfer: [...new Set(transfer)] };
  }

  /** The index `toData` gave (in this thread or another). */
  static fromData(d: FacetIndexData): FacetIndex {
    const { topics, genres, validities, lead, co, byKind, ids, ...arrays } = d;
    return new FacetIndex(
      {
        ...arrays,
        agencyIds: Dictionary.of([null, ...d.agencies]),
        topics: Dictionary.of(topics),
        genres: Dictionary.of(genres),
        validities: Dictionary.of(validities),
        ids: ids ? Buffer.from(ids.buffer, ids.byteOffset, ids.byteLength) : null,
      },
      { lead, co, byKind },
    );
  }

  private coOf(j: number, visit: (agency: number) => void): void {
    const { at: from, slots } = this.p.jointCo;
    for (let i = from[j]; i < from[j + 1]; i++) visit(slots[i]);
  }

  /** Whether the index can count these filters (a key-area column and the timeliness flag are not held). */
  static holds(q: FacetQuery): boolean {
    return q.column === undefined && q.late === undefined;
  }

  /**
   * The runs of positions that may match `q` and the check of the rest: the year is a range of positions;
   * within it, the named agencies' lists (items they lead, items they co-issue: an item may be in several
   * runs) or else the kinds' lists, or else the range itself.
   */
  private plan(q: FacetQuery): Plan | null {
    const p = this.p;
    const [from, to] = q.year === undefined ? [0, this.size] : (p.years.get(q.year) ?? [0, 0]);
    if (from === to) return null;
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
    if (genre < 0 || validity < 0) return null;
    const kindList = [...new Set(q.kinds ?? [])];
    const kindOk = kindList.length ? new Uint8Array(kinds.length) : null;
    for (const k of kindList) kindOk![kindIds.get(k)!] = 1;
    const rest = (s: number) => (kindOk === null || kindOk[p.kind[s]] === 1) && (topicOk === null || topicOk[p.topic[s]] === 1) && (genre === 0 || p.genre[s] === genre) && (validity === 0 || p.validity[s] === validity);
    const within = (lists: Lists, key: number): Run => ({ list: lists.slots, from: lowerBound(lists.slots, lists.at[key], lists.at[key + 1], from), to: lowerBound(lists.slots, lists.at[key], lists.at[key + 1], to) });

    if (q.agencyIds) {
      const chosen = new Uint8Array(p.agencies.length);
      const runs: Run[] = [];
      for (const id of q.agencyIds) {
        const a = (p.agencyIds.find(id) ?? 0) - 1;
        if (a < 0 || chosen[a]) continue;
        chosen[a] = 1;
        runs.push(within(this.lead, a), within(this.co, a));
      }
      return { from, to, chosen, runs: runs.filter((r) => r.from < r.to), ok: rest };
    }
    if (kindOk) return { from, to, chosen: null, runs: kindList.map((k) => within(this.byKind, kindIds.get(k)!)).filter((r) => r.from < r.to), ok: rest };
    return { from, to, chosen: null, runs: [{ list: null, from, to }], ok: rest };
  }

  /**
   * Calls `visit` once for every matching item. With agencies, runs overlap (an item led by one chosen
   * agency and co-issued by another, or co-issued by two): an item of a co-issuer's run is skipped when its
   * lead is chosen (its lead's run has it) or when an earlier run of this query had it.
   */
  private each(q: FacetQuery, visit: (slot: number) => void): void {
    const plan = this.plan(q);
    if (!plan) return;
    const { runs, ok, chosen } = plan;
    if (!chosen) {
      for (const r of runs) for (let i = r.from; i < r.to; i++) if (ok(at(r, i))) visit(at(r, i));
      return;
    }
    const p = this.p;
    if (!this.seen) this.seen = new Uint32Array(this.size);
    if (++this.seenMark === 0xffffffff) {
      this.seen.fill(0);
      this.seenMark = 1;
    }
    const seen = this.seen;
    const mark = this.seenMark;
    for (const r of runs) {
      const lead = r.list === this.lead.slots;
      for (let i = r.from; i < r.to; i++) {
        const s = r.list![i];
        if (!lead) {
          if (chosen[p.agency[s]] || seen[s] === mark) continue;
          seen[s] = mark;
        }
        if (ok(s)) visit(s);
      }
    }
  }

  /** How many items match. */
  count(q: FacetQuery): number {
    return this.counts(q, []).total;
  }

  /** Counts per value of a column over the matching items, largest first (the repository's `facet`). */
  facet(q: FacetQuery, column: FacetColumn): FacetCount[] {
    return this.counts(q, [column]).facets.get(column)!;
  }

  /** Counts per year published, newest year first (the repository's `yearFacet`). */
  yearFacet(q: FacetQuery): FacetCount[] {
    return this.counts(q, [], true).years!;
  }

  /**
   * The total, the facets of `columns` and (with `years`) the year facet of the matching items, in one visit of
   * them: a browse page's facets whose own filter is not set all count the page's own items (at a million
   * items, four or five passes over the same thousands of items became one).
   */
  counts(q: FacetQuery, columns: readonly FacetColumn[], years = false): { total: number; facets: Map<FacetColumn, FacetCount[]>; years: FacetCount[] | null } {
    const p = this.p;
    const cols = columns.map((column) => {
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
      return { column, codes, names, n: new Uint32Array(names.length) };
    });
    const year = p.year;
    const first = this.firstYear;
    const perYear = years ? new Uint32Array(Math.max(0, this.lastYear - first + 1)) : null;
    let total = 0;
    this.each(q, (s) => {
      total++;
      for (const { n, codes } of cols) n[codes[s]]++;
      if (perYear && year[s]) perYear[year[s] - first]++;
    });
    const facets = new Map<FacetColumn, FacetCount[]>();
    for (const { column, names, n } of cols) {
      const out: FacetCount[] = [];
      n.forEach((count, i) => {
        const value = names[i];
        if (count && value !== null) out.push({ value, count });
      });
      facets.set(column, out.sort((x, y) => y.count - x.count || (x.value < y.value ? -1 : x.value > y.value ? 1 : 0)));
    }
    let yearCounts: FacetCount[] | null = null;
    if (perYear) {
      yearCounts = [];
      for (let i = perYear.length - 1; i >= 0; i--) if (perYear[i]) yearCounts.push({ value: String(first + i).padStart(4, '0'), count: perYear[i] });
    }
    return { total, facets, years: yearCounts };
  }

  /**
   * The co-issuers other than the lead of the matching jointly issued items (the repository's `coIssuers`).
   * An item is named by its position in the index, which is all the agency facet needs (it groups by item).
   * Only the jointly issued items are visited.
   */
  coIssuers(q: FacetQuery): CoIssueRow[] {
    const p = this.p;
    const plan = this.plan(q);
    if (!plan) return [];
    const { from, to, chosen, ok } = plan;
    const out: CoIssueRow[] = [];
    for (let j = lowerBound(p.joint, 0, p.joint.length, from); j < p.joint.length && p.joint[j] < to; j++) {
      const s = p.joint[j];
      const lead = p.agency[s];
      const { at: start, slots: co } = p.jointCo;
      if (chosen && !chosen[lead]) {
        let any = false;
        for (let i = start[j]; i < start[j + 1] && !any; i++) any = chosen[co[i]] === 1;
        if (!any) continue;
      }
      if (!ok(s)) continue;
      for (let i = start[j]; i < start[j + 1]; i++) if (co[i] !== lead) out.push({ publicationId: String(s), leadId: p.agencies[lead], coId: p.agencies[co[i]] });
    }
    return out;
  }

  /**
   * The ids of one page of the matching items, newest first (the repository's `page`), or null when the
   * index does not keep the catalog's order (`ordered`). The runs are merged from their ends, largest
   * position first; an item in several runs comes out of them one after another and is taken once.
   */
  page(q: FacetQuery, offset: number, limit: number): string[] | null {
    const ids = this.p.ids;
    if (!ids) return null;
    const plan = this.plan(q);
    if (!plan) return [];
    const { runs, ok } = plan;
    const next = runs.map((r) => r.to - 1); // each run's next index, walking down
    const key = (k: number) => at(runs[k], next[k]);
    const heap: number[] = []; // run numbers, a max-heap by their next position
    const down = (i: number) => {
      for (;;) {
        const l = 2 * i + 1;
        let m = i;
        if (l < heap.length && key(heap[l]) > key(heap[m])) m = l;
        if (l + 1 < heap.length && key(heap[l + 1]) > key(heap[m])) m = l + 1;
        if (m === i) return;
        [heap[m], heap[i]] = [heap[i], heap[m]];
        i = m;
      }
    };
    runs.forEach((_, k) => heap.push(k));
    for (let i = (heap.length >> 1) - 1; i >= 0; i--) down(i);
    const out: string[] = [];
    let skipped = 0;
    let last = -1;
    while (heap.length && out.length < limit) {
      const k = heap[0];
      const s = key(k);
      if (--next[k] < runs[k].from) heap[0] = heap[heap.length - 1], heap.pop();
      if (heap.length) down(0);
      if (s === last) continue;
      last = s;
      if (!ok(s)) continue;
      if (skipped < offset) skipped++;
      else out.push(ids.toString('hex', s * 16, s * 16 + 16).replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-'));
    }
    return out;
  }
}

/** What loading an index reads (public-read.repository.ts). */
export interface FacetSource {
  /** The first and last year of publication of the public items (null: no dated item). */
  facetYears(): Promise<{ from: number; to: number } | null>;
  /** The public items of a kind published in a year (null: without a publication date). */
  facetRows(kind: string, year: number | null): Promise<FacetRow[]>;
  /** The co-issuers of (at least) the public items. */
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
  for (const y of years) {
    for (const k of kinds) b.addRows(y, await source.facetRows(k, y));
    await b.endYear();
  }
  return b.finish();
}

export interface FacetIndexHolderOptions {
  /** A picture older than this is loaded again even if the stamp is unchanged (clock skew between processes); it serves until then. */
  ttlMs?: number;
  /** After a load, the next waits at least this long … */
  minPauseMs?: number;
  /** … and this many times the last load's duration (a catalog changing all the time is counted in the database). */
  pauseFactor?: number;
  onError?: (err: unknown) => void;
  now?: () => number;
}

/**
 * Keeps one index and loads a new one in the background when a request's stamp is not the kept picture's.
 * `at(stamp)` gives the index only if it pictures the catalog at exactly that stamp: a load reads the stamp
 * before and after, and is kept only if both are the same (nothing changed meanwhile).
 */
export function createFacetIndexHolder(load: () => Promise<FacetIndex>, readStamp: () => Promise<string>, opts: FacetIndexHolderOptions = {}) {
  const ttlMs = opts.ttlMs ?? 10 * 60_000;
  const minPauseMs = opts.minPauseMs ?? 10_000;
  const pauseFactor = opts.pauseFactor ?? 5;
  const now = opts.now ?? Date.now;
  let current: { stamp: string; at: number; index: FacetIndex } | null = null;
  let loading: Promise<void> | null = null;
  let nextLoadAt = 0;

  // The stamp is read by the load itself, before and after: a picture is kept only if nothing changed while
  // it was taken. A failed or overtaken load leaves the kept picture as it was (used only at its own stamp).
  async function reload(): Promise<void> {
    const started = now();
    try {
      const stamp = await readStamp();
      const index = await load();
      if ((await readStamp()) === stamp) current = { stamp, at: started, index };
    } catch (err) {
      opts.onError?.(err);
    } finally {
      nextLoadAt = now() + Math.max(minPauseMs, pauseFactor * (now() - started));
      loading = null;
    }
  }

  return {
    /** The index of the catalog at `stamp`, or null (then count in the database); starts a load when due. */
    at(stamp: string): FacetIndex | null {
      const fresh = current?.stamp === stamp;
      if (fresh && now() - current!.at < ttlMs) return current!.index;
      if (!loading && now() >= nextLoadAt) loading = reload();
      // Past its age at an unchanged stamp: still used while the next picture loads (the age only bounds how
      // long a change hidden by clock skew between processes can go unseen).
      return fresh ? current!.index : null;
    },
    /** The load under way, if any (tests, diagnostics). */
    loading: () => loading,
  };
}
export type FacetIndexHolder = ReturnType<typeof createFacetIndexHolder>;

/** The browse route's index of each database (catalog.routes.ts), for tests and diagnostics. */
export const browseFacetIndexes = new WeakMap<object, FacetIndexHolder>();
