import type { Kysely, RawBuilder } from 'kysely';
import type { TermPattern } from '../../kernel/text/index.ts';
import type { DialectName } from '../db.ts';
import type { KeyRange } from './keys.ts';

/** One row per searchable (published) publication; both dialects. */
export type SearchDocTable = {
  doc_key: number; // keys.ts; also the FTS5 rowid on SQLite
  publication_id: string;
  kind: string;
  agency_id: string;
  issuers: string; // the issuing agencies' ids (owner first), space-separated: the agency facet
  topic: string | null;
  genre: string | null;
  published_on: string;
  words: string; // jieba words of title, keywords and summary, space-separated: a ranking signal
  // PostgreSQL only (null on SQLite):
  title_norm?: string | null; // canonical title (kernel/text/pieces.ts)
  rest_norm?: string | null; // canonical doc no | index no | keywords | summary | body
  tsv?: string | null; // tsvector of every index token and filter token (no positions)
};

// (type aliases, not interfaces: Kysely's withTables wants an index-signature-compatible record)
export type SearchTables = {
  search_docs: SearchDocTable;
};

/** Anything that runs queries: the database or a transaction, of any table typing. */
export type AnyDb = Kysely<any>;

/** What the index holds for one publication (built by the catalog's search repository). */
export interface IndexDocument {
  publicationId: string;
  /** Wall-clock second of publication (keys.ts publicationSecond). */
  second: number;
  kind: string;
  agencyId: string;
  issuers: string[];
  topic: string | null;
  genre: string | null;
  publishedOn: string;
  words: string[];
  title: string;
  /** Short fields searched as full text besides the title: document number, index number, keywords, summary. */
  meta: (string | null)[];
  body: string;
  /** Text extracted from attachments (PDF, DOCX …), searched like the body. */
  attachments: string | null;
  /** Tokens for filters (filters.ts), never matched by typed queries. */
  filterTokens: string[];
}

/** A search as the index understands it: every part is required. */
export interface MatchSpec {
  /** Which fields the terms are matched in. */
  scope: 'all' | 'title';
  terms: TermPattern[];
  excluded: TermPattern[];
  /** AND of OR-groups of filter tokens (each group non-empty). */
  require: string[][];
  /** Filter tokens that must be absent. */
  forbid: string[];
  /** Also require every term in the title (the ranking window's title matches). */
  inTitle?: boolean;
  /** The index holds pair tokens (kernel/text/terms.ts `pairTokens`; SQLite: `indexHoldsPairs`): terms with a `pair` use it. */
  pairs?: boolean;
}

/** The dialect-specific half of the index. */
export interface SearchBackend {
  readonly dialect: DialectName;
  /** Engine-specific columns of the document's search_docs row (written with it). */
  columns(doc: IndexDocument): Record<string, unknown>;
  /** Writes the engine's index entry for a document whose search_docs row (doc_key = key) exists. */
  write(db: AnyDb, key: number, doc: IndexDocument): Promise<void>;
  /** write() for many documents (their search_docs rows exist): multi-row statements. */
  writeMany(db: AnyDb, entries: { key: number; doc: IndexDocument }[]): Promise<void>;
  /** Removes the engine's index entry of the key (the caller deletes the search_docs row). */
  erase(db: AnyDb, key: number): Promise<void>;
  /**
   * A query selecting column `k`: the keys of matches within the range, newest first (or oldest
   * first: FTS5 seeks forward to a lower bound faster than backward to an upper one).
   */
  keys(m: MatchSpec, range: KeyRange | null, limit: number, offset?: number, order?: 'desc' | 'asc'): RawBuilder<{ k: number }>;
  /**
   * The keys of `keys(m, range, limit, offset)` (newest first), read the engine's cheapest way. `openEnded`: the
   * range reaches the newest indexed document; `expected`: about how many matches the range holds, when known.
   */
  newest(db: AnyDb, m: MatchSpec, range: KeyRange | null, limit: number, offset: number, opts: { openEnded: boolean; expected?: number }): Promise<number[]>;
  /**
   * The keys of the newest `limit` matches of `m` within the range that have every term in the title
   * (the ranking window's title matches), newest first: the same keys as `keys({ ...m, inTitle: true }, …)`,
   * found without reading the positions of every match where the engine keeps titles apart (SQLite).
   */
  titled(db: AnyDb, m: MatchSpec, range: KeyRange, limit: number): Promise<number[]>;
}
