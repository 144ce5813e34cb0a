/**
 * Counts over the public catalog — browse facets and totals — kept in memory per filter set while the
 * catalog's change stamp (public-read.repository.ts `catalogStamp`: a counter moved by every change of any
 * item) stays the same, like the rendered pages (public-pages.ts).
 *
 * Why (docs/design/catalog-reads.md): every browse page shows seven facets, each a count over the items
 * matching the page's other filters. With covering indexes (migration 0005) each count reads index entries
 * only, but a count over the whole catalog still visits every public item's entry — ~15–250 ms per facet
 * at 200k items on SQLite, more at 1M and on PostgreSQL. A facet's counts do not depend on the page number
 * nor on the facet's own filter, so one computation serves many addresses (all pages of a filter set; the
 * agency facet of every agency in a year); and after a change the next request counts afresh, so counts
 * are always exact for the stamp read before counting. A maintained counts table was not chosen: it would
 * have to be kept right by every write path (publish, revise, withdraw, validity job, import) and could
 * still not answer the combined filters without scanning. Most counts are now taken from the in-memory
 * facet index (facet-index.ts) while it is current; they are kept here all the same, whichever way counted.
 */
export interface CatalogCountsOptions {
  /** Upper bound of what is kept, in counted values (one per facet value, one per total). */
  maxValues?: number;
  /** Entries older than this are counted again even if the stamp is unchanged (clock skew between processes). */
  ttlMs?: number;
}

interface Entry {
  stamp: string;
  at: number;
  weight: number;
  value: Promise<unknown>;
}

export function createCatalogCounts(opts: CatalogCountsOptions = {}) {
  const maxValues = opts.maxValues ?? 200_000;
  const ttlMs = opts.ttlMs ?? 10 * 60_000;
  const entries = new Map<string, Entry>(); // insertion order = least recently used first
  let weight = 0;

  function drop(key: string) {
    const e = entries.get(key);
    if (!e) return;
    entries.delete(key);
    weight -= e.weight;
  }

  return {
    /**
     * The counts named `key` (what is counted and the filters, e.g. JSON) under `stamp`: kept ones, or
     * `count()` run once (concurrent requests for the same counts share the one computation).
     */
    async get<T>(stamp: string, key: string, count: () => Promise<T>): Promise<T> {
      const hit = entries.get(key);
      if (hit && hit.stamp === stamp && Date.now() - hit.at < ttlMs) {
        entries.delete(key);
        entries.set(key, hit);
        return hit.value as Promise<T>;
      }
      drop(key);
      const value = count();
      const e: Entry = { stamp, at: Date.now(), weight: 0, value }; // weighed once counted
      entries.set(key, e);
      try {
        const v = await value;
        if (entries.get(key) === e) {
          e.weight = 1 + (Array.isArray(v) ? v.length : v instanceof Map ? v.size : 0);
          weight += e.weight;
          for (const k of entries.keys()) {
            if (weight <= maxValues) break;
            drop(k);
          }
        }
        return v;
      } catch (err) {
        if (entries.get(key) === e) entries.delete(key);
        throw err;
      }
    },
    /** For tests and diagnostics. */
    size: () => ({ entries: entries.size, values: weight }),
  };
}
export type CatalogCounts = ReturnType<typeof createCatalogCounts>;
