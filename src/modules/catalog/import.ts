/**
 * Bulk import of already published items (`gongkai import publications FILE.jsonl`, and the demo content):
 * one JSON object per line in the format of issue 3, read as a stream (bounded memory: one line and one
 * chunk at a time, plus a small key per item — its ref and index number — to find duplicates and references
 * within the file), checked in batches with one look-up of the database per batch, and written in batches,
 * each inside one transaction through `publications.importPublishedMany` (multi-row statements; a batch that
 * fails is written again line by line, through `publications.importPublished`, to find the line at fault).
 *
 * Two modes:
 * - `file` (the default): all or nothing for the whole file. A first pass reads and checks every line; only a
 *   file without a single problem is written, in a second pass. A document may then name, as the one that
 *   replaced it (validity.replacedBy), a document defined further down the file: the link is set when that
 *   document is written.
 * - `batch`: one pass; each batch of lines is checked and then written as a whole or not at all. Batches
 *   without problems stay imported even when a later batch has some; references must point backwards.
 */
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Clock } from '../../kernel/clock.ts';
import { isAppError, type FieldIssue } from '../../kernel/errors.ts';
import { toFieldIssues } from '../../kernel/validation.ts';
import { isIsoDate, todayInShanghai, type WorkCalendar } from '../../kernel/calendar/index.ts';
import type { Database } from '../../storage/schema.ts';
import type { Actor, AuditService } from '../audit/index.ts';
import type { Agency, AgencyTree } from '../agencies/index.ts';
import { defaultIndexPattern, indexPrefixOf, validateIndexPattern } from './index-number.ts';
import type { PublicationsService } from './publications.service.ts';
import { publicationInputSchema, type PublicationData } from './publications.schemas.ts';
import { audiences, disclosureModes, genres, keyAreaCodes, kinds, validityKinds, validityStatuses, type DisclosureMode, type Kind, type ValidityStatus } from './taxonomy.ts';
import { createTransferRepository, type PublicationKey } from './transfer.repository.ts';
import type { Publication } from './publication.ts';
import { clearPrimedTexts, createTextPrep, primeTexts, textInputOf, type TextInput, type TextOutput, type TextPrep } from './import-prep.ts';
import { sanitizeBody } from './sanitize.ts';
import { optimizeSearchIndex, pauseSearchIndexMerging } from './search.repository.ts';
import { dialectOf } from '../../storage/search/index.ts';

/** One line of an import file (and of an export): the format of issue 3, plus disclosureMode and nonDisclosureReason. */
export interface ImportLine {
  /** External id, unique per agency: a line whose agency already has an item with this ref updates that item. */
  ref?: string | null;
  /** Code of the first issuing agency (the owner). */
  agency: string;
  coIssuers?: string[];
  title: string;
  docNo?: string | null;
  kind: Kind;
  topic?: string | null;
  genre?: string | null;
  audience?: string[];
  keywords?: string[];
  summary?: string | null;
  /** Plain text or HTML (sanitised on import). */
  body?: string;
  /** 成文日期, YYYY-MM-DD. */
  writtenAt?: string | null;
  /** When it was published: YYYY-MM-DD (midnight in Beijing) or an instant with its offset; default: now. */
  publishedAt?: string | null;
  validity?: { status: ValidityStatus; from?: string | null; until?: string | null; replacedBy?: string | null } | null;
  /** For an interpretation: ref (same agency) or index number of the document it interprets. */
  interprets?: string | null;
  columns?: string[];
  /** Keep this index number (it must not be used by another item); default: the agency's next number. */
  indexNo?: string | null;
  disclosureMode?: DisclosureMode;
  nonDisclosureReason?: string | null;
}

export const importFields: readonly (keyof ImportLine)[] = [
  'ref', 'agency', 'coIssuers', 'title', 'docNo', 'kind', 'topic', 'genre', 'audience', 'keywords', 'summary', 'body',
  'writtenAt', 'publishedAt', 'validity', 'interprets', 'columns', 'indexNo', 'disclosureMode', 'nonDisclosureReason',
];
const fieldSet = new Set<string>(importFields);

/** A problem with one line: `field` is a field of the format ('_' for the line as a whole); `message` a catalog key. */
export interface ImportIssue {
  line: number;
  field: string;
  message: string;
  params?: Record<string, string | number>;
}

/** As a field issue for describeIssue / the message catalog: field "line 12: writtenAt". */
export function issueAsFieldIssue(i: ImportIssue): FieldIssue {
  return { field: i.field === '_' ? `line ${i.line}` : `line ${i.line}: ${i.field}`, message: i.message, ...(i.params ? { params: i.params } : {}) };
}

export type ImportMode = 'file' | 'batch';

export interface ImportProgress {
  phase: 'check' | 'import';
  /** Non-blank lines read so far in this phase. */
  lines: number;
  /** Items written so far (import phase). */
  written: number;
  bytes: number;
  totalBytes: number | null;
  /** Known in the import phase of file mode (counted by the check). */
  totalLines: number | null;
  elapsedMs: number;
}

export interface ImportSummary {
  mode: ImportMode;
  /** Non-blank lines in the input. */
  lines: number;
  /** New items published. */
  imported: number;
  /** Existing items (same agency and ref) updated as a new version. */
  updated: number;
  /** Existing items (same agency and ref) the line would not change: left alone, no new version. */
  unchanged: number;
  /** Lines that were not imported because of a problem (their own, or another line's in the same batch or file). */
  failed: number;
  /** Lines with at least one problem. */
  badLines: number;
  /** The problems, in line order (at most maxIssues). */
  issues: ImportIssue[];
  /** Problems beyond maxIssues, counted but not kept. */
  moreIssues: number;
  /** Every line was imported. */
  complete: boolean;
  /** Stopped by `signal` before the end of the input. */
  interrupted: boolean;
  elapsedMs: number;
  /** When the import used a text worker (import-prep.ts): the batches it prepared, and why it stopped if it did (the main thread then prepared the rest). */
  textWorker?: { batches: number; stopped: string | null };
}

export interface ImportDeps {
  db: Kysely<Database>;
  publications: PublicationsService;
  clock: Clock;
  audit?: AuditService;
}

export interface ImportOptions {
  actor: Actor;
  mode?: ImportMode;
  /**
   * Lines per transaction: default 5,000 in file mode on SQLite (a larger transaction writes each index page
   * and full-text segment it touches once for more items: about a quarter faster than 1,000), else 1,000
   * (PostgreSQL measured no faster with 5,000; in batch mode a batch is also what one bad line rejects).
   */
  batchSize?: number;
  /** Size of the input in bytes, when known (for percentages). */
  totalBytes?: number | null;
  /** Called after each batch of each phase. */
  onProgress?: (p: ImportProgress) => void;
  /** Problems kept for the report (default 1,000); further ones are only counted. */
  maxIssues?: number;
  /** Label of the input for the audit log (a file name). */
  source?: string;
  /** Texts prepared a batch ahead in a worker thread (import-prep.ts; file mode): default for 10,000 lines or more. */
  textWorker?: boolean;
  /**
   * Stops the import before its next batch (the CLI: Ctrl-C). What earlier batches wrote stays (each is one
   * transaction), nothing of a batch is half written, and the full-text index's bulk-load settings are set back
   * (a killed import left them changed); the summary says `interrupted`.
   */
  signal?: AbortSignal;
}

// ---------------------------------------------------------------------------------------------
// Reading

/**
 * The non-blank lines of a UTF-8 byte stream, numbered from 1. Pulls the stream as it goes (so the stream's
 * backpressure holds), keeps at most one chunk and one unfinished line; strips a BOM and CR line endings.
 */
export async function* readLines(input: Readable | AsyncIterable<Buffer | string>, onBytes?: (n: number) => void): AsyncGenerator<{ line: number; text: string }> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let line = 0;
  const emit = function* (s: string) {
    line++;
    let t = s.endsWith('\r') ? s.slice(0, -1) : s;
    if (line === 1 && t.charCodeAt(0) === 0xfeff) t = t.slice(1);
    if (t.trim()) yield { line, text: t };
  };
  for await (const chunk of input) {
    const part = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    onBytes?.(typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length);
    let text = rest + part;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      yield* emit(text.slice(start, nl));
      start = nl + 1;
    }
    rest = text.slice(start);
    text = '';
  }
  rest += decoder.end();
  if (rest) yield* emit(rest);
}

// ---------------------------------------------------------------------------------------------
// Checking one line (no database)

/** A line that passed the checks that need no database. */
export interface ParsedLine {
  line: number;
  owner: Agency;
  ref: string | null;
  indexNo: string | null;
  publishedAt: Date;
  data: PublicationData;
  /** References the service will resolve: interprets (interpretations) and validity.replacedBy (rules, normative documents). */
  references: { field: 'interprets' | 'validity.replacedBy'; value: string }[];
}

const oneOf: Record<string, readonly string[]> = {
  kind: kinds,
  genre: genres,
  disclosureMode: disclosureModes,
  'validity.status': validityStatuses,
};
const oneOfItems: Record<string, readonly string[]> = { audience: audiences, columns: keyAreaCodes };
const instantRe = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** A publication date: YYYY-MM-DD is midnight in Beijing; an instant needs its offset (Z or +08:00). */
export function parsePublishedAt(v: string): Date | null {
  const s = v.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return isIsoDate(s) ? new Date(`${s}T00:00:00+08:00`) : null;
  if (!instantRe.test(s) || !isIsoDate(s.slice(0, 10))) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

const blank = (v: unknown) => v === undefined || v === null;

/** Checks one line on its own: JSON, known fields, types, agencies, the publication schema, dates. */
export function parseLine(line: number, text: string, ctx: { tree: AgencyTree; now: Date }): { ok: ParsedLine } | { issues: ImportIssue[] } {
  const issues: ImportIssue[] = [];
  const add = (field: string, message: string, params?: Record<string, string | number>) => issues.push({ line, field, message, ...(params ? { params } : {}) });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    add('_', 'catalogImport.notJson', { detail: (e as Error).message });
    return { issues };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    add('_', 'catalogImport.notObject');
    return { issues };
  }
  const v = value as Record<string, unknown>;
  for (const k of Object.keys(v)) if (!fieldSet.has(k)) add(k, k === 'writtenOn' ? 'catalogImport.writtenOn' : 'catalogImport.unknownField');

  let ref: string | null = null;
  if (!blank(v.ref)) {
    if (typeof v.ref === 'string' && v.ref.trim() && v.ref.trim().length <= 80) ref = v.ref.trim();
    else add('ref', 'catalogImport.ref');
  }
  let indexNo: string | null = null;
  if (!blank(v.indexNo)) {
    if (typeof v.indexNo === 'string' && /^\S{1,80}$/.test(v.indexNo.trim())) indexNo = v.indexNo.trim();
    else add('indexNo', 'catalogImport.indexNo');
  }
  let publishedAt: Date | null = ctx.now;
  if (!blank(v.publishedAt)) {
    publishedAt = typeof v.publishedAt === 'string' ? parsePublishedAt(v.publishedAt) : null;
    if (!publishedAt) add('publishedAt', 'catalogImport.publishedAt');
  }
  let owner: Agency | undefined;
  if (blank(v.agency) || (typeof v.agency === 'string' && !v.agency.trim())) add('agency', 'validation.required');
  else if (typeof v.agency !== 'string') add('agency', 'catalogImport.agencyUnknown', { code: String(v.agency) });
  else {
    owner = ctx.tree.byCode.get(v.agency.trim());
    if (!owner) add('agency', 'catalogImport.agencyUnknown', { code: v.agency.trim() });
  }
  if (Array.isArray(v.coIssuers)) {
    v.coIssuers.forEach((c, i) => {
      if (typeof c === 'string' && c.trim() && !ctx.tree.byCode.has(c.trim())) add(`coIssuers.${i}`, 'catalogImport.agencyUnknown', { code: c.trim() });
    });
  }

  const orUndefined = (x: unknown) => (x === null ? undefined : x);
  const input = {
    title: v.title,
    coIssuers: orUndefined(v.coIssuers),
    docNo: v.docNo,
    writtenOn: v.writtenAt,
    topic: v.topic,
    genre: v.genre,
    kind: v.kind,
    audience: orUndefined(v.audience),
    keywords: orUndefined(v.keywords),
    summary: v.summary,
    columns: orUndefined(v.columns),
    disclosureMode: orUndefined(v.disclosureMode),
    nonDisclosureReason: v.nonDisclosureReason,
    body: orUndefined(v.body),
    validity: v.validity,
    interprets: v.interprets,
  };
  const r = publicationInputSchema.safeParse(input);
  if (!r.success) {
    for (const issue of toFieldIssues(r.error)) {
      const field = issue.field === 'writtenOn' ? 'writtenAt' : issue.field;
      const listed = oneOf[field] ?? oneOfItems[field.replace(/\.\d+$/, '')];
      if (listed && issue.message === 'validation.invalid') add(field, 'catalogImport.oneOf', { values: listed.join(', ') });
      else add(field, issue.message, issue.params);
    }
  }
  if (r.success && publishedAt && r.data.writtenOn) {
    const publishedOn = todayInShanghai(publishedAt);
    if (r.data.writtenOn > publishedOn) add('writtenAt', 'catalogImport.writtenAfterPublished', { writtenAt: r.data.writtenOn, publishedOn });
  }
  if (issues.length || !r.success || !owner || !publishedAt) return { issues };

  const data = r.data;
  const references: ParsedLine['references'] = [];
  if (data.kind === 'interpretation' && data.interprets) references.push({ field: 'interprets', value: data.interprets });
  if (validityKinds.includes(data.kind) && data.validity?.replacedBy) references.push({ field: 'validity.replacedBy', value: data.validity.replacedBy });
  return { ok: { line, owner, ref, indexNo, publishedAt, data, references } };
}

// ---------------------------------------------------------------------------------------------
// Index numbers kept from an import

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** Reads year and serial back out of an index number made with the agency's pattern; null when it does not fit. */
export function parseIndexNumber(pattern: string | null | undefined, prefix: string, value: string): { year: number; serial: number } | null {
  const p = pattern && !validateIndexPattern(pattern) ? pattern : defaultIndexPattern;
  const order: ('year' | 'serial')[] = [];
  let re = '';
  let last = 0;
  for (const m of p.matchAll(/\{(prefix|year|serial)(?::\d{1,2})?\}/g)) {
    re += escapeRe(p.slice(last, m.index));
    if (m[1] === 'prefix') re += escapeRe(prefix);
    else {
      order.push(m[1] as 'year' | 'serial');
      re += m[1] === 'year' ? '(\\d{4})' : '(\\d+)';
    }
    last = m.index + m[0].length;
  }
  re += escapeRe(p.slice(last));
  const match = new RegExp(`^${re}$`).exec(value);
  if (!match) return null;
  const out: { year?: number; serial?: number } = {};
  order.forEach((name, i) => {
    out[name] = Number(match[i + 1]);
  });
  return out.year !== undefined && out.serial !== undefined ? { year: out.year, serial: out.serial } : null;
}

// ---------------------------------------------------------------------------------------------
// Checking against the rest of the file and the database

const uuidRe = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Key of a ref within its agency (`agency`: the agency's code in the file's keys — short — or its id in local look-ups). */
const refKey = (agency: string, ref: string) => `r\u0000${agency}\u0000${ref}`;
const noKey = (indexNo: string) => `n\u0000${indexNo}`;

interface Unresolved {
  line: number;
  field: 'interprets' | 'validity.replacedBy';
  agencyId: string;
  agencyCode: string;
  value: string;
}

/**
 * A set of strings with a number each, kept as 64-bit fingerprints in typed arrays (open addressing, linear
 * probing): 12 bytes a slot, about 25 bytes a key whatever the key's length, instead of the 100+ bytes of a
 * Map entry with its string. Two different keys share a fingerprint with a probability of about n²/2⁶⁵ —
 * below one in ten million for two million keys.
 */
export class FingerprintMap {
  private hi = new Uint32Array(1024);
  private lo = new Uint32Array(1024);
  /** 0 = empty, -1 = deleted, else the value (> 0). */
  private val = new Int32Array(1024);
  private used = 0; // live + deleted slots
  size = 0;

  private static hash(key: string): [number, number] {
    // cyrb53-style: two independently mixed 32-bit lanes.
    let h1 = 0xdeadbeef;
    let h2 = 0x41c6ce57;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return [h1 >>> 0, h2 >>> 0];
  }

  private find(a: number, b: number): number {
    const mask = this.val.length - 1;
    let firstFree = -1;
    for (let i = a & mask; ; i = (i + 1) & mask) {
      const v = this.val[i];
      if (v === 0) return firstFree >= 0 ? -2 - firstFree : -2 - i; // absent: where to insert, encoded
      if (v === -1) {
        if (firstFree < 0) firstFree = i;
      } else if (this.hi[i] === a && this.lo[i] === b) return i;
    }
  }

  get(key: string): number | undefined {
    const [a, b] = FingerprintMap.hash(key);
    const i = this.find(a, b);
    return i >= 0 ? this.val[i] : undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** `value` must be a positive whole number below 2³¹ (a line number). */
  set(key: string, value: number): void {
    const [a, b] = FingerprintMap.hash(key);
    const i = this.find(a, b);
    if (i >= 0) {
      this.val[i] = value;
      return;
    }
    const at = -2 - i;
    if (this.val[at] === 0) this.used++;
    this.hi[at] = a;
    this.lo[at] = b;
    this.val[at] = value;
    this.size++;
    if (this.used * 10 > this.val.length * 7) this.resize(this.size * 10 > this.val.length * 3 ? this.val.length * 2 : this.val.length);
  }

  delete(key: string): void {
    const [a, b] = FingerprintMap.hash(key);
    const i = this.find(a, b);
    if (i < 0) return;
    this.val[i] = -1;
    this.size--;
  }

  clear(): void {
    this.hi = new Uint32Array(1024);
    this.lo = new Uint32Array(1024);
    this.val = new Int32Array(1024);
    this.used = 0;
    this.size = 0;
  }

  private resize(capacity: number): void {
    const { hi, lo, val } = this;
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
    this.val = new Int32Array(capacity);
    this.used = 0;
    const mask = capacity - 1;
    for (let j = 0; j < val.length; j++) {
      if (val[j] <= 0) continue;
      let i = hi[j] & mask;
      while (this.val[i] !== 0) i = (i + 1) & mask;
      this.hi[i] = hi[j];
      this.lo[i] = lo[j];
      this.val[i] = val[j];
      this.used++;
    }
  }
}

/**
 * What the file has defined so far: each ref (per agency) and index number with its line, so that duplicates
 * are found and a line may refer to an earlier one. This is the only state that grows with the file — about
 * 25 bytes per key (FingerprintMap), never the bodies.
 */
class FileKeys {
  readonly keys = new FingerprintMap();

  has(agencyCode: string, value: string): number | undefined {
    return this.keys.get(noKey(value)) ?? this.keys.get(refKey(agencyCode, value));
  }

  /** The key a reference to `value` from `agencyCode` resolves to (index number first, as the service does). */
  keyOf(agencyCode: string, value: string): string | undefined {
    if (this.keys.has(noKey(value))) return noKey(value);
    if (this.keys.has(refKey(agencyCode, value))) return refKey(agencyCode, value);
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// The import

class IssueLog {
  issues: ImportIssue[] = [];
  more = 0;
  /** Line numbers with problems (grows with the bad lines only). */
  readonly badLines = new Set<number>();
  constructor(private readonly max: number) {}
  add(list: ImportIssue[]): void {
    for (const i of list) {
      this.badLines.add(i.line);
      if (this.issues.length < this.max) this.issues.push(i);
      else this.more++;
    }
  }
}

function sortIssues(list: ImportIssue[]): ImportIssue[] {
  return list.sort((a, b) => a.line - b.line);
}

/**
 * Imports publications from `open()` — called once per pass (twice in file mode), each time returning the
 * same input from its start (a file stream, or a generator for the demo). Never holds the input in memory.
 */
export async function importPublications(deps: ImportDeps, open: () => Readable | AsyncIterable<Buffer | string>, opts: ImportOptions): Promise<ImportSummary> {
  return createTransferRepository(deps.db).withImportCache(() => runImport(deps, open, opts));
}

async function runImport(deps: ImportDeps, open: () => Readable | AsyncIterable<Buffer | string>, opts: ImportOptions): Promise<ImportSummary> {
  const mode = opts.mode ?? 'file';
  const batchSize = Math.max(1, opts.batchSize ?? (mode === 'file' && dialectOf(deps.db) === 'sqlite' ? 5000 : 1000));
  const repo = createTransferRepository(deps.db);
  const started = performance.now();
  const now = deps.clock.now();
  // Read before any transaction opens: SQLite has one connection, and a transaction holds it.
  const ctx: { tree: AgencyTree; calendar: WorkCalendar } = await deps.publications.importContext();
  const log = new IssueLog(opts.maxIssues ?? 1000);
  const fileKeys = new FileKeys();
  const elapsed = () => performance.now() - started;

  /** Checks one batch against the file so far and the database; returns its problems and its unresolved references. */
  async function checkBatch(batch: ParsedLine[]): Promise<{ issues: ImportIssue[]; unresolved: Unresolved[]; keys: string[] }> {
    const issues: ImportIssue[] = [];
    const lookups: Unresolved[] = [];
    const added: string[] = [];
    for (const l of batch) {
      for (const r of l.references) {
        if (fileKeys.has(l.owner.code, r.value) === undefined) lookups.push({ line: l.line, field: r.field, agencyId: l.owner.id, agencyCode: l.owner.code, value: r.value });
      }
      if (l.indexNo) {
        const prev = fileKeys.keys.get(noKey(l.indexNo));
        if (prev !== undefined) issues.push({ line: l.line, field: 'indexNo', message: 'catalogImport.indexNoTwice', params: { indexNo: l.indexNo, line: prev } });
        else {
          fileKeys.keys.set(noKey(l.indexNo), l.line);
          added.push(noKey(l.indexNo));
        }
      }
      if (l.ref) {
        const prev = fileKeys.keys.get(refKey(l.owner.code, l.ref));
        if (prev !== undefined) issues.push({ line: l.line, field: 'ref', message: 'catalogImport.refTwice', params: { ref: l.ref, agency: l.owner.code, line: prev } });
        else {
          fileKeys.keys.set(refKey(l.owner.code, l.ref), l.line);
          added.push(refKey(l.owner.code, l.ref));
        }
      }
    }

    // One round of look-ups for the whole batch.
    const withNo = batch.filter((l) => l.indexNo);
    const taken = new Map<string, PublicationKey>();
    for (const k of await repo.byIndexNos(withNo.map((l) => l.indexNo!))) taken.set(k.indexNo!, k);
    for (const l of withNo) {
      const holder = taken.get(l.indexNo!);
      if (holder && !(holder.agencyId === l.owner.id && l.ref && holder.ref === l.ref)) issues.push({ line: l.line, field: 'indexNo', message: 'catalog.indexNoTaken', params: { indexNo: l.indexNo! } });
    }
    const values = lookups.map((u) => u.value);
    const found = new Set<string>();
    for (const k of await repo.byIds(values.filter((x) => uuidRe.test(x)))) found.add(`id\u0000${k.id}`);
    for (const k of await repo.byIndexNos(values)) found.add(noKey(k.indexNo!));
    for (const k of await repo.byRefs(lookups.map((u) => u.agencyId), values)) found.add(refKey(k.agencyId, k.ref!));
    const unresolved = lookups.filter((u) => !found.has(`id\u0000${u.value}`) && !found.has(noKey(u.value)) && !found.has(refKey(u.agencyId, u.value)));
    return { issues, unresolved, keys: added };
  }

  const summary: ImportSummary = { mode, lines: 0, imported: 0, updated: 0, unchanged: 0, failed: 0, badLines: 0, issues: [], moreIssues: 0, complete: false, interrupted: false, elapsedMs: 0 };
  /** Whether to stop before the next batch (opts.signal). */
  const stopping = () => (opts.signal?.aborted ? (summary.interrupted = true) : false);
  /** Lines dealt with: imported, updated or left unchanged. */
  const done = () => summary.imported + summary.updated + summary.unchanged;
  /** Forward validity links (file mode): line of the replaced document → key of the replacing one. */
  const forward = new Map<number, string>();
  /** Replaced documents already written, waiting for the document that replaces them: key → ids. */
  const waiting = new Map<string, string[]>();

  /** The highest serial per agency and year among index numbers the lines keep (those made with the agency's pattern). */
  function keptSerials(batch: ParsedLine[], into = new Map<string, { agencyId: string; year: number; serial: number }>()) {
    for (const l of batch) {
      if (!l.indexNo) continue;
      const parsed = parseIndexNumber(l.owner.indexPattern, indexPrefixOf(l.owner), l.indexNo);
      if (!parsed) continue;
      const k = `${l.owner.id}\u0000${parsed.year}`;
      const c = into.get(k);
      if (!c || c.serial < parsed.serial) into.set(k, { agencyId: l.owner.id, ...parsed });
    }
    return into;
  }
  async function raiseCounters(trx: Kysely<Database>, counters: Map<string, { agencyId: string; year: number; serial: number }>) {
    if (counters.size) await repo.raiseCounters(trx, [...counters.values()]);
  }
  /** File mode: kept numbers of the whole file (a few entries per agency and year), raised before anything is written. */
  const fileSerials = new Map<string, { agencyId: string; year: number; serial: number }>();

  /**
   * Writes one checked batch in one transaction; on failure nothing of it stays and the problem is returned.
   * The batch is written all together (publications.importPublishedMany: multi-row statements); when that
   * fails, it is rolled back and written again line by line, which stops at the line at fault and says
   * which it is (or, should the database have changed in between, succeeds).
   */
  async function writeBatch(batch: ParsedLine[]): Promise<ImportIssue[] | null> {
    // Read before the transaction opens: the items the batch's refs already name, to leave unchanged ones alone.
    const same = await unchangedLines(batch);
    try {
      return await writeLines(batch, same, true);
    } catch (e) {
      // Only a problem of the data (a validation error, a constraint of the database) is worth a second,
      // line-by-line try; a programming error of the batched path must surface, not slow every import down.
      const cause = (e as { cause?: unknown }).cause ?? e;
      if (cause instanceof TypeError || cause instanceof ReferenceError || cause instanceof RangeError) throw e;
      try {
        return await writeLines(batch, same, false);
      } catch (e) {
        const line = (e as { importLine?: ParsedLine }).importLine?.line ?? batch[0]?.line ?? 0;
        const cause = (e as { cause?: unknown }).cause ?? e;
        if (isAppError(cause) && cause.code === 'validation' && cause.issues.length) return cause.issues.map((i) => ({ line, field: i.field, message: i.message, ...(i.params ? { params: i.params } : {}) }));
        return [{ line, field: '_', message: 'catalogImport.writeFailed', params: { detail: ((cause as Error)?.message ?? String(cause)).split('\n')[0] } }];
      }
    }
  }

  /** writeBatch's transaction: all lines together, or one by one (an error then names its line as `importLine`). */
  async function writeLines(batch: ParsedLine[], same: Map<number, Publication>, together: boolean): Promise<null> {
    let current: ParsedLine | null = null;
    let imported = 0;
    let updated = 0;
    let unchanged = 0;
    // Changes to `waiting`, applied only once the transaction has committed.
    const added = new Map<string, string[]>();
    const linked = new Set<string>();
    const lines = batch.map((l) => {
      const fwd = forward.get(l.line);
      const data: PublicationData = fwd && l.data.validity ? { ...l.data, validity: { ...l.data.validity, replacedBy: null } } : l.data;
      return { l, fwd, data, kept: fwd ? undefined : same.get(l.line) };
    });
    try {
      await deps.db.transaction().execute(async (trx) => {
        // Index numbers kept from the batch: the agency's next numbers must come after them, also within this batch.
        await raiseCounters(trx, keptSerials(batch));
        const written = new Map<number, Publication>();
        if (together) {
          const items = lines.filter((x) => !x.kept);
          const ps = await deps.publications.importPublishedMany(trx, opts.actor, ctx, items.map(({ l, data }) => ({ owner: l.owner, data, ref: l.ref, publishedAt: l.publishedAt, indexNo: l.indexNo })));
          items.forEach((x, i) => written.set(x.l.line, ps[i]));
        }
        for (const { l, fwd, data, kept } of lines) {
          current = l;
          const p = kept ?? written.get(l.line) ?? (await deps.publications.importPublished(trx, opts.actor, ctx, l.owner, data, { ref: l.ref, publishedAt: l.publishedAt, indexNo: l.indexNo }));
          if (kept) unchanged++;
          else if (p.version === 1) imported++;
          else updated++;
          if (fwd) added.set(fwd, [...(added.get(fwd) ?? []), p.id]);
          for (const key of [l.indexNo ? noKey(l.indexNo) : null, l.ref ? refKey(l.owner.code, l.ref) : null]) {
            if (!key || linked.has(key)) continue;
            const ids = [...(waiting.get(key) ?? []), ...(added.get(key) ?? [])];
            if (!ids.length) continue;
            for (const id of ids) await repo.setReplacedBy(trx, id, p.id);
            linked.add(key);
            added.delete(key);
          }
        }
        current = null;
      });
    } catch (e) {
      throw Object.assign(new Error('batch failed', { cause: e }), { importLine: together ? null : current });
    }
    for (const key of linked) waiting.delete(key);
    for (const [key, ids] of added) waiting.set(key, [...(waiting.get(key) ?? []), ...ids]);
    summary.imported += imported;
    summary.updated += updated;
    summary.unchanged += unchanged;
    return null;
  }

  /**
   * Lines of the batch whose agency already has an item with the line's ref and whose content that item
   * already has (same fields as publications.importPublished would store): line → the existing item.
   */
  async function unchangedLines(batch: ParsedLine[]): Promise<Map<number, Publication>> {
    const out = new Map<number, Publication>();
    const withRef = batch.filter((l) => l.ref);
    if (!withRef.length) return out;
    const keys = await repo.byRefs(withRef.map((l) => l.owner.id), withRef.map((l) => l.ref!));
    if (!keys.length) return out;
    const byKey = new Map(keys.map((k) => [refKey(k.agencyId, k.ref!), k.id]));
    const existing = new Map((await deps.publications.byIds([...byKey.values()])).map((p) => [p.id, p]));
    const targets = new Map((await repo.byIds([...existing.values()].flatMap((p) => [p.interpretsId, p.validity?.replacedById ?? null]).filter((x): x is string => !!x))).map((k) => [k.id, k]));
    const refersTo = (id: string | null, value: string | null, agencyId: string) => {
      if (!id || !value) return !id && !value;
      const t = targets.get(id);
      return id === value || (!!t && (t.indexNo === value || (t.agencyId === agencyId && t.ref === value)));
    };
    for (const l of withRef) {
      const id = byKey.get(refKey(l.owner.id, l.ref!));
      const p = id ? existing.get(id) : undefined;
      if (p && sameContent(p, l, ctx.tree, refersTo)) out.set(l.line, p);
    }
    return out;
  }

  /**
   * Reads the input once, in batches: the lines that parsed, the problems of those that did not, the batch's line
   * count, and `report`, which the caller calls once it has dealt with the batch (the reader may be a batch ahead).
   */
  async function* batches(phase: 'check' | 'import', totalLines: number | null, written: () => number): AsyncGenerator<{ batch: ParsedLine[]; bad: ImportIssue[]; lines: number; report: () => void }> {
    let bytes = 0;
    let lines = 0;
    let batch: ParsedLine[] = [];
    let bad: ImportIssue[] = [];
    let count = 0;
    const progress = () => opts.onProgress?.({ phase, lines, written: written(), bytes, totalBytes: opts.totalBytes ?? null, totalLines, elapsedMs: elapsed() });
    for await (const { line, text } of readLines(open(), (n) => (bytes += n))) {
      lines++;
      count++;
      const r = parseLine(line, text, { tree: ctx.tree, now });
      if ('ok' in r) batch.push(r.ok);
      else bad.push(...r.issues);
      if (count >= batchSize) {
        yield { batch, bad, lines: count, report: progress };
        batch = [];
        bad = [];
        count = 0;
      }
    }
    if (count) yield { batch, bad, lines: count, report: progress };
    else progress();
  }

  const finish = async (): Promise<ImportSummary> => {
    summary.issues = sortIssues(log.issues);
    summary.moreIssues = log.more;
    summary.badLines = log.badLines.size;
    // A bulk import leaves the full-text index in many parts, which every search pays for: merge them (SQLite;
    // docs/design/search.md §4). The merge costs the whole index, hence only after large imports.
    if (summary.imported + summary.updated >= 10_000) await optimizeSearchIndex(deps.db);
    summary.elapsedMs = elapsed();
    summary.complete = summary.failed === 0 && !summary.interrupted && done() === summary.lines;
    if (deps.audit && summary.imported + summary.updated > 0) {
      await deps.audit.record(opts.actor, {
        action: 'publication.import',
        target: { type: 'import', id: opts.source ?? '-', label: opts.source ?? undefined },
        detail: { mode, lines: summary.lines, imported: summary.imported, updated: summary.updated, unchanged: summary.unchanged, failed: summary.failed, ...(summary.interrupted ? { interrupted: true } : {}) },
      });
    }
    return summary;
  };

  if (mode === 'batch') {
    for await (const { batch, bad, lines, report } of batches('import', null, done)) {
      if (stopping()) break;
      summary.lines += lines;
      const checked = await checkBatch(batch);
      const problems = [...bad, ...checked.issues, ...checked.unresolved.map((u) => unknownRef(u))];
      const failure = problems.length ? sortIssues(problems) : await writeBatch(batch);
      if (failure) {
        log.add(failure);
        summary.failed += lines;
        for (const k of checked.keys) fileKeys.keys.delete(k); // nothing of this batch exists
      }
      report();
    }
    return finish();
  }

  // File mode, first pass: check everything.
  const unresolved: Unresolved[] = [];
  for await (const { batch, bad, lines, report } of batches('check', null, () => 0)) {
    if (stopping()) return finish();
    summary.lines += lines;
    const checked = await checkBatch(batch);
    log.add(sortIssues([...bad, ...checked.issues]));
    unresolved.push(...checked.unresolved);
    keptSerials(batch, fileSerials);
    report();
  }
  const late: ImportIssue[] = [];
  for (const u of unresolved) {
    const key = fileKeys.keyOf(u.agencyCode, u.value);
    if (!key) late.push(unknownRef(u));
    else if (u.field === 'interprets') late.push({ line: u.line, field: u.field, message: 'catalogImport.interpretsLater', params: { ref: u.value, line: fileKeys.keys.get(key)! } });
    else forward.set(u.line, key);
  }
  log.add(sortIssues(late));
  if (log.badLines.size > 0) {
    summary.failed = summary.lines;
    return finish();
  }
  fileKeys.keys.clear();
  // So that no number the file keeps is handed out to a line without one, whichever batch it is in.
  if (fileSerials.size) await deps.db.transaction().execute((trx) => raiseCounters(trx, fileSerials));

  // Second pass: write, batch by batch. A large file is merged into the full-text index once, at the end
  // (finish: optimize), instead of merging as it goes (SQLite).
  const totalLines = summary.lines;
  const merging = totalLines >= 10_000 ? await pauseSearchIndexMerging(deps.db) : null;
  // A large file's texts are prepared a batch ahead in a worker thread (import-prep.ts); only SQLite's index
  // uses the token streams.
  const prep = (opts.textWorker ?? totalLines >= 10_000) ? createTextPrep({ streams: dialectOf(deps.db) === 'sqlite' }) : null;
  try {
    for await (const { batch, bad, texts, report } of preparedAhead(batches('import', totalLines, done), prep)) {
      if (stopping()) break;
      // The input changed between the passes (it should not): stop here.
      if (texts) primeTexts(texts.inputs, texts.outputs);
      const failure = bad.length ? bad : await writeBatch(batch);
      clearPrimedTexts();
      report();
      if (failure) {
        log.add(failure);
        summary.failed = summary.lines - done();
        break;
      }
    }
  } finally {
    clearPrimedTexts();
    await prep?.close();
    await merging?.resume();
  }
  if (prep) summary.textWorker = { batches: prep.answered, stopped: prep.stopped };
  return finish();
}

/**
 * The batches of `source`, each with its texts computed in the worker while the batch before it is written: the
 * next batch is read and sent to the worker before the current one is handed on. `texts` is absent when the
 * worker could not do it, or without a worker (`prep` null): the main thread then computes them itself.
 */
async function* preparedAhead<B extends { batch: ParsedLine[] }>(source: AsyncIterable<B>, prep: TextPrep | null): AsyncGenerator<B & { texts?: { inputs: TextInput[]; outputs: TextOutput[] } }> {
  if (!prep) return yield* source;
  let ahead: { item: B; inputs: TextInput[]; outputs: Promise<TextOutput[] | null> } | null = null;
  const handOn = async (a: NonNullable<typeof ahead>) => {
    const outputs = await a.outputs;
    return outputs ? { ...a.item, texts: { inputs: a.inputs, outputs } } : a.item;
  };
  for await (const item of source) {
    const inputs = item.batch.map((l) => textInputOf(l.data));
    const next = { item, inputs, outputs: prep.prepare(inputs) };
    if (ahead) yield await handOn(ahead);
    ahead = next;
  }
  if (ahead) yield await handOn(ahead);
}

function unknownRef(u: Unresolved): ImportIssue {
  return { line: u.line, field: u.field, message: 'catalog.refUnknown', params: { ref: u.value } };
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Whether storing the line would leave the item as it is (mirrors what importPublished stores). */
function sameContent(p: Publication, l: ParsedLine, tree: AgencyTree, refersTo: (id: string | null, value: string | null, agencyId: string) => boolean): boolean {
  const d = l.data;
  const coIssuers: string[] = [];
  for (const code of d.coIssuers) {
    const a = tree.byCode.get(code);
    if (a && a.id !== l.owner.id && !coIssuers.includes(a.id)) coIssuers.push(a.id);
  }
  const tracked = validityKinds.includes(d.kind);
  const validityOk = tracked
    ? !!p.validity &&
      p.validity.status === (d.validity?.status ?? 'inForce') &&
      p.validity.from === (d.validity?.from ?? null) &&
      p.validity.until === (d.validity?.until ?? null) &&
      refersTo(p.validity.replacedById, d.validity?.replacedBy ?? null, l.owner.id)
    : p.validity === null;
  return (
    p.status === 'published' &&
    p.title === d.title &&
    p.docNo === d.docNo &&
    p.writtenOn === d.writtenOn &&
    p.topic === d.topic &&
    p.genre === d.genre &&
    p.kind === d.kind &&
    sameList(p.audience, d.audience) &&
    sameList(p.keywords, d.keywords) &&
    p.summary === d.summary &&
    sameList(p.columns, d.columns) &&
    p.disclosureMode === d.disclosureMode &&
    p.nonDisclosureReason === (d.disclosureMode === 'proactive' ? null : d.nonDisclosureReason) &&
    sameList(p.coIssuerIds, coIssuers) &&
    validityOk &&
    refersTo(p.interpretsId, d.kind === 'interpretation' ? d.interprets : null, l.owner.id) &&
    p.bodyHtml === sanitizeBody(d.body).html
  );
}
