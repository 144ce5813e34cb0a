/**
 * Bulk import of disclosure-application cases (`gongkai import applications FILE.jsonl`, and the demo data):
 * agencies migrate their paper and spreadsheet ledgers (依申请公开登记簿) through this. One case per line in
 * the format of issue 4 (see ApplicationImportLine). Each line is checked on its own (shape, applicant,
 * agency), then its event log is built and folded by the same rules the service applies (case-state.ts):
 * a log that breaks a rule (answer before receipt, two outcomes, an extension longer than allowed …) rejects
 * the line with the reason; an answer after the due date is accepted and counted as late.
 *
 * Read as a stream (bounded memory: one batch of lines at a time, plus a number per ref to find duplicates
 * within the file), and written in batches, each batch in one transaction through the repository.
 *
 * Two modes, as the catalog import (src/modules/catalog/import.ts):
 * - `file` (the default): all or nothing for the whole file. A first pass checks every line; only a file
 *   without a single problem is written, in a second pass.
 * - `batch`: one pass; each batch is checked, then written as a whole or not at all. A bad line rejects its
 *   own batch only; the following batches are still checked and written.
 *
 * What an imported applicant needs (ledgers often lack ID numbers): the type and the name. Every other
 * field is optional; what is given is checked — a resident ID number by its check character, a credit code
 * by its check character, e-mail and phone by their form. Imported cases have no online access (no query
 * password), so the applicant's contact is not required either.
 */
import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { Clock } from '../../kernel/clock.ts';
import { todayInShanghai, type IsoDate, type WorkCalendar } from '../../kernel/calendar/index.ts';
import { newId } from '../../kernel/ids.ts';
import { isValidCreditCode, isValidResidentId } from '../../kernel/text/index.ts';
import { toFieldIssues } from '../../kernel/validation.ts';
import type { Actor, AuditService } from '../audit/index.ts';
import type { AgencyTree } from '../agencies/index.ts';
import { readLines, type ImportMode, type ImportProgress } from '../catalog/index.ts';
import type { ApplicationsRepository } from './applications.repository.ts';
import { applicantSchema, DESCRIPTION_MAX, isoDate, TEXT_MAX } from './applications.schemas.ts';
import { applicantKeyOf, newTrackingCode, projectionOf } from './applications.service.ts';
import { channelsNeedingConfirmation, foldCase, type CaseState } from './case-state.ts';
import { isRuleSetId, ruleSetIds, type RuleSetId } from './rules.ts';
import { channels, consultationParties, deliveries, proceedingKinds, proceedingResults, provisionForms, type CaseEvent, type Channel, type ProceedingKind, type ProceedingResult } from './types.ts';

// ---------------------------------------------------------------------------------------------
// The format

/** The events a line may carry (the import format's vocabulary; each maps to one event of the case's log). */
export const importEventTypes = ['correctionRequested', 'corrected', 'consultationStarted', 'consultationEnded', 'extended', 'feeNotified', 'feePaid', 'answered', 'delivered', 'withdrawn'] as const;
export type ImportEventType = (typeof importEventTypes)[number];

export interface ImportEvent {
  type: ImportEventType;
  on: IsoDate;
  until?: IsoDate;
  what?: string;
  party?: 'thirdParty' | 'agency';
  with?: string;
  result?: 'agreed' | 'objected' | 'silent' | 'other';
  days?: number;
  reason?: string;
  amount?: number;
  basis?: 'perCase' | 'perPage';
  quantity?: number;
  outcome?: string;
  detail?: string | null;
  reasons?: string;
  rightAgency?: string;
  followUp?: boolean;
  method?: string;
  text?: string;
}

export interface ImportProceeding {
  kind: ProceedingKind;
  /** The reconsideration body or the court (optional in the format). */
  body?: string | null;
  filedOn: IsoDate;
  decidedOn: IsoDate | null;
  result: ProceedingResult;
  /** A corrected result: the date the decision sets for the renewed answer (optional). */
  followUpDueOn?: IsoDate | null;
}

/** One line of an import file, and of an export. */
export interface ApplicationImportLine {
  /** The agency's own case number; unique per agency (a line whose ref the agency already has is rejected). */
  ref?: string | null;
  agency: string;
  /** Keep this tracking code (exports carry it, so that an export imported again keeps the codes); default: a new one. */
  trackingCode?: string | null;
  applicant: {
    type: string;
    name: string;
    idType?: string | null;
    idNumber?: string | null;
    creditCode?: string | null;
    legalRepresentative?: string | null;
    contactPerson?: string | null;
    phone?: string | null;
    email?: string | null;
    address?: string | null;
    postcode?: string | null;
  };
  channel: Channel;
  /** The legal receipt date (Art. 31). */
  receivedAt: IsoDate;
  /** Optional: by default chosen by the receipt date (before 2019-05-15: cn-2007). */
  rules?: RuleSetId | null;
  description: string;
  form: string;
  delivery: string;
  events?: ImportEvent[];
  proceedings?: ImportProceeding[];
}

export const importLineFields = ['ref', 'agency', 'trackingCode', 'applicant', 'channel', 'receivedAt', 'rules', 'description', 'form', 'delivery', 'events', 'proceedings'] as const;
const applicantFields = ['type', 'name', 'idType', 'idNumber', 'creditCode', 'legalRepresentative', 'contactPerson', 'phone', 'email', 'address', 'postcode'];
const proceedingFields = ['kind', 'body', 'filedOn', 'decidedOn', 'result', 'followUpDueOn'];

const oneOf = (values: readonly string[]) => ({ message: 'applicationsImport.oneOf', params: { values: values.join(', ') } });
const optText = (max: number) => z.string({ message: 'applicationsImport.text' }).max(max, { message: 'validation.tooLong' }).nullable().optional();

/** The applicant of an imported case: the form's fields without the form's requirements (see the header). */
const importApplicantSchema = z.object(applicantSchema.shape).superRefine((a, ctx) => {
  if (a.idNumber && (a.idType === 'residentId' || (!a.idType && a.type === 'natural' && /^\d{17}[\dXx]$/.test(a.idNumber))) && !isValidResidentId(a.idNumber)) {
    ctx.addIssue({ code: 'custom', path: ['idNumber'], message: 'applications.validation.residentId' });
  }
  if (a.creditCode && !isValidCreditCode(a.creditCode)) ctx.addIssue({ code: 'custom', path: ['creditCode'], message: 'applications.validation.creditCode' });
});

const lineSchema = z.object({
  ref: z.preprocess((v) => (typeof v === 'string' ? v.trim() || null : v), z.string({ message: 'applicationsImport.text' }).max(80, { message: 'validation.tooLong' }).nullable().optional()),
  agency: z.string({ message: 'validation.required' }).trim().min(1, { message: 'validation.required' }),
  trackingCode: z.preprocess((v) => (typeof v === 'string' ? v.trim().toUpperCase() || null : v), z.string().regex(/^YS\d{4}[A-Z2-9]{8}$/, { message: 'applicationsImport.trackingCode' }).nullable().optional()),
  channel: z.string({ message: 'validation.required' }),
  receivedAt: isoDate,
  rules: z.string().nullable().optional(),
  description: z.string({ message: 'validation.required' }).trim().min(1, { message: 'validation.required' }).max(DESCRIPTION_MAX, { message: 'applications.validation.descriptionLong' }),
  form: z.string({ message: 'validation.required' }),
  delivery: z.string({ message: 'validation.required' }),
  events: z.array(z.unknown(), { message: 'applicationsImport.list' }).nullable().optional(),
  proceedings: z.array(z.unknown(), { message: 'applicationsImport.list' }).nullable().optional(),
});

const on = { on: isoDate };
const eventSchemas: Record<ImportEventType, z.ZodType> = {
  correctionRequested: z.object({ ...on, until: isoDate, what: optText(TEXT_MAX) }),
  corrected: z.object({ ...on, text: optText(DESCRIPTION_MAX) }),
  consultationStarted: z.object({ ...on, party: z.enum(consultationParties, oneOf(consultationParties)), with: optText(200) }),
  consultationEnded: z.object({ ...on, result: z.enum(['agreed', 'objected', 'silent', 'other'], oneOf(['agreed', 'objected', 'silent', 'other'])).nullable().optional() }),
  extended: z.object({ ...on, days: z.number({ message: 'applicationsImport.number' }).int({ message: 'applicationsImport.number' }), reason: optText(TEXT_MAX) }),
  feeNotified: z.object({
    ...on,
    amount: z.number({ message: 'applicationsImport.number' }),
    basis: z.enum(['perCase', 'perPage'], oneOf(['perCase', 'perPage'])).nullable().optional(),
    quantity: z.number({ message: 'applicationsImport.number' }).int({ message: 'applicationsImport.number' }).min(0).nullable().optional(),
  }),
  feePaid: z.object(on),
  answered: z.object({ ...on, outcome: z.string({ message: 'validation.required' }), detail: z.string().nullable().optional(), reasons: optText(TEXT_MAX), rightAgency: optText(200), followUp: z.boolean().optional() }),
  delivered: z.object({ ...on, method: z.enum([...deliveries, 'inPerson'], oneOf([...deliveries, 'inPerson'])), note: optText(500) }),
  withdrawn: z.object({ ...on, reason: optText(TEXT_MAX) }),
};
const eventFields: Record<ImportEventType, string[]> = Object.fromEntries(
  importEventTypes.map((t) => [t, ['type', ...Object.keys((eventSchemas[t] as z.ZodObject).shape)]]),
) as Record<ImportEventType, string[]>;

const proceedingSchema = z
  .object({
    kind: z.enum(proceedingKinds, oneOf(proceedingKinds)),
    body: optText(200),
    filedOn: isoDate,
    decidedOn: isoDate.nullable().optional(),
    result: z.enum(proceedingResults, oneOf(proceedingResults)),
    followUpDueOn: isoDate.nullable().optional(),
  })
  .superRefine((p, ctx) => {
    if (p.result === 'pending' && p.decidedOn) ctx.addIssue({ code: 'custom', path: ['decidedOn'], message: 'applicationsImport.pendingDecided' });
    if (p.result !== 'pending' && !p.decidedOn) ctx.addIssue({ code: 'custom', path: ['decidedOn'], message: 'applicationsImport.decidedOnRequired' });
  });

// ---------------------------------------------------------------------------------------------
// Checking one line (no database)

/** A problem with one line: `field` a field of the format ('_' for the line as a whole); `message` a catalog key. */
export interface ApplicationImportIssue {
  line: number;
  field: string;
  message: string;
  params?: Record<string, string | number>;
}

/** A line that passed every check that needs no database: its case, ready to write. */
export interface CheckedCase {
  line: number;
  agencyId: string;
  agencyCode: string;
  ref: string | null;
  trackingCode: string | null;
  applicant: z.output<typeof importApplicantSchema>;
  channel: Channel;
  receivedAt: IsoDate;
  description: string;
  form: string;
  delivery: string;
  events: CaseEvent[];
  state: CaseState;
}

function unknownKeys(obj: Record<string, unknown>, allowed: readonly string[], prefix: string, add: (field: string, message: string, params?: Record<string, string | number>) => void) {
  for (const k of Object.keys(obj)) if (!allowed.includes(k)) add(`${prefix}${k}`, 'applicationsImport.unknownField', { fields: allowed.join(', ') });
}
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks one line on its own and folds its event log: JSON, fields, agency, applicant, events and
 * proceedings, then the rules of the case's rule set (the same fold the service uses).
 */
export function checkLine(line: number, text: string, ctx: { tree: AgencyTree; calendar: WorkCalendar; today: IsoDate }): { ok: CheckedCase } | { issues: ApplicationImportIssue[] } {
  const issues: ApplicationImportIssue[] = [];
  const add = (field: string, message: string, params?: Record<string, string | number>) => issues.push({ line, field, message, ...(params ? { params } : {}) });
  const zodIssues = (prefix: string, error: z.ZodError) => {
    for (const i of toFieldIssues(error)) add(i.field === '_' ? prefix.replace(/\.$/, '') || '_' : `${prefix}${i.field}`, i.message, i.params);
  };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    add('_', 'applicationsImport.notJson', { detail: (e as Error).message });
    return { issues };
  }
  if (!isObject(value)) {
    add('_', 'applicationsImport.notObject');
    return { issues };
  }
  unknownKeys(value, importLineFields, '', add);
  const r = lineSchema.safeParse(value);
  if (!r.success) zodIssues('', r.error);

  // Vocabulary checked here (not by zod) to name the allowed values.
  const inList = (field: string, v: unknown, list: readonly string[]) => {
    if (typeof v === 'string' && list.includes(v)) return true;
    if (v !== undefined && v !== null && typeof v === 'string') add(field, 'applicationsImport.oneOf', { values: list.join(', ') });
    return false;
  };
  inList('channel', value.channel, channels);
  inList('form', value.form, provisionForms);
  inList('delivery', value.delivery, deliveries);
  if (value.rules !== undefined && value.rules !== null && !isRuleSetId(value.rules)) add('rules', 'applicationsImport.oneOf', { values: ruleSetIds.join(', ') });

  let agency: { id: string; code: string } | undefined;
  if (typeof value.agency === 'string' && value.agency.trim()) {
    agency = ctx.tree.byCode.get(value.agency.trim());
    if (!agency) add('agency', 'applicationsImport.agencyUnknown', { code: value.agency.trim() });
  }

  let applicant: z.output<typeof importApplicantSchema> | null = null;
  if (!isObject(value.applicant)) add('applicant', value.applicant === undefined || value.applicant === null ? 'validation.required' : 'applicationsImport.notObject');
  else {
    unknownKeys(value.applicant, applicantFields, 'applicant.', add);
    if (typeof value.applicant.type === 'string' || value.applicant.type === undefined) {
      const a = importApplicantSchema.safeParse(value.applicant);
      if (a.success) applicant = a.data;
      else {
        for (const i of toFieldIssues(a.error)) {
          if (i.field === 'type') add('applicant.type', 'applicationsImport.oneOf', { values: applicantTypeList });
          else if (i.field === 'idType') add('applicant.idType', 'applicationsImport.oneOf', { values: idTypeList });
          else add(`applicant.${i.field}`, i.message, i.params);
        }
      }
    } else add('applicant.type', 'applicationsImport.oneOf', { values: applicantTypeList });
  }

  const events: { type: ImportEventType; data: Record<string, unknown> }[] = [];
  const rawEvents = Array.isArray(value.events) ? value.events : [];
  rawEvents.forEach((e, i) => {
    const prefix = `events[${i}]`;
    if (!isObject(e)) return add(prefix, 'applicationsImport.notObject');
    if (typeof e.type !== 'string' || !(importEventTypes as readonly string[]).includes(e.type)) return add(`${prefix}.type`, 'applicationsImport.oneOf', { values: importEventTypes.join(', ') });
    const type = e.type as ImportEventType;
    unknownKeys(e, eventFields[type], `${prefix}.`, add);
    const p = eventSchemas[type].safeParse(e);
    if (!p.success) return zodIssues(`${prefix}.`, p.error);
    events.push({ type, data: p.data as Record<string, unknown> });
  });
  const proceedings: (z.output<typeof proceedingSchema> & { index: number })[] = [];
  const rawProceedings = Array.isArray(value.proceedings) ? value.proceedings : [];
  rawProceedings.forEach((p, i) => {
    const prefix = `proceedings[${i}]`;
    if (!isObject(p)) return add(prefix, 'applicationsImport.notObject');
    unknownKeys(p, proceedingFields, `${prefix}.`, add);
    const x = proceedingSchema.safeParse(p);
    if (!x.success) return zodIssues(`${prefix}.`, x.error);
    proceedings.push({ ...x.data, index: i });
  });

  if (issues.length || !r.success || !agency || !applicant) return { issues };
  const data = r.data;
  const channel = data.channel as Channel;
  const rules = (data.rules ?? undefined) as RuleSetId | undefined;
  if (data.receivedAt > ctx.today) add('receivedAt', 'applications.rule.future');

  // The case's log: submission (and receipt confirmation where Art. 31 needs one), the line's events, and
  // the proceedings merged in by date (a follow-up answer comes after the decision that called for it).
  const log: { event: CaseEvent; field: string }[] = [{ event: { type: 'submitted', on: data.receivedAt, data: { channel } }, field: 'receivedAt' }];
  if (channelsNeedingConfirmation.has(channel)) log.push({ event: { type: 'receiptConfirmed', on: data.receivedAt, data: {} }, field: 'receivedAt' });
  const lineEvents = events.map((e, i) => ({ event: toCaseEvent(e.type, e.data), field: `events[${i}]` }));
  const procEvents: { event: CaseEvent; field: string }[] = [];
  for (const p of proceedings) {
    const proceedingId = newId();
    const body = p.body ?? '';
    procEvents.push({ event: { type: 'proceedingFiled', on: p.filedOn, data: { proceedingId, kind: p.kind, body, filedOn: p.filedOn } }, field: `proceedings[${p.index}]` });
    if (p.result !== 'pending' && p.decidedOn) {
      procEvents.push({
        event: { type: 'proceedingDecided', on: p.decidedOn, data: { proceedingId, result: p.result, decidedOn: p.decidedOn, ...(p.followUpDueOn ? { followUpDueOn: p.followUpDueOn } : {}) } },
        field: `proceedings[${p.index}]`,
      });
    }
  }
  procEvents.sort((a, b) => (a.event.on < b.event.on ? -1 : a.event.on > b.event.on ? 1 : 0));
  let answered = false;
  let li = 0;
  let pi = 0;
  while (li < lineEvents.length || pi < procEvents.length) {
    const le = lineEvents[li];
    const pe = procEvents[pi];
    // Ties go to the line's own events, except a second answer, which follows the decision of the same day.
    const takeLine = le && (!pe || le.event.on < pe.event.on || (le.event.on === pe.event.on && !(le.event.type === 'answered' && answered)));
    const next = takeLine ? lineEvents[li++]! : procEvents[pi++]!;
    if (next.event.type === 'answered') answered = true;
    log.push(next);
  }

  const { state, violations } = foldCase(ctx.calendar, log.map((x) => x.event), { asOf: ctx.today, ...(rules ? { rules } : {}) });
  // An event before the receipt date is also "before the previous step": say the first only.
  const beforeReceipt = new Set(violations.filter((v) => v.code === 'beforeReceipt').map((v) => v.index));
  for (const v of violations) if (!(v.code === 'outOfOrder' && beforeReceipt.has(v.index))) add(log[v.index]?.field ?? '_', `applications.rule.${v.code}`, v.params);
  for (const x of log) if (x.event.on > ctx.today) add(x.field, 'applications.rule.future');
  if (issues.length) return { issues: dedupe(issues) };
  return {
    ok: {
      line,
      agencyId: agency.id,
      agencyCode: agency.code,
      ref: data.ref ?? null,
      trackingCode: data.trackingCode ?? null,
      applicant,
      channel,
      receivedAt: data.receivedAt,
      description: data.description,
      form: data.form,
      delivery: data.delivery,
      events: log.map((x) => x.event),
      state,
    },
  };
}

const applicantTypeList = 'natural, commercial, research, publicInterest, legalService, otherOrg';
const idTypeList = 'residentId, passport, hkMacauPermit, taiwanPermit, foreignPermanent, other';

function dedupe(list: ApplicationImportIssue[]): ApplicationImportIssue[] {
  const seen = new Set<string>();
  return list.filter((i) => {
    const k = `${i.field}\u0000${i.message}\u0000${JSON.stringify(i.params ?? {})}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function toCaseEvent(type: ImportEventType, d: Record<string, unknown>): CaseEvent {
  const on = d.on as IsoDate;
  const opt = <K extends string>(k: K, v: unknown) => (v === undefined || v === null || v === '' ? {} : ({ [k]: v } as Record<K, unknown>));
  switch (type) {
    case 'correctionRequested':
      return { type, on, data: { until: d.until as IsoDate, what: (d.what as string | null | undefined) ?? '' } };
    case 'corrected':
      return { type, on, data: { ...opt('text', d.text) } };
    case 'consultationStarted':
      return { type, on, data: { party: d.party as 'thirdParty' | 'agency', ...opt('with', d.with) } };
    case 'consultationEnded':
      return { type, on, data: { ...opt('result', d.result) } as { result?: 'agreed' } };
    case 'extended':
      return { type, on, data: { days: d.days as number, ...opt('reason', d.reason) } };
    case 'feeNotified':
      return { type, on, data: { amount: d.amount as number, basis: (d.basis as 'perCase' | 'perPage' | null | undefined) ?? 'perCase', quantity: (d.quantity as number | null | undefined) ?? 0 } };
    case 'feePaid':
      return { type, on, data: {} };
    case 'answered':
      return {
        type,
        on,
        data: { outcome: d.outcome as never, detail: (d.detail as string | null | undefined) ?? null, ...opt('reasons', d.reasons), ...opt('rightAgency', d.rightAgency), ...(d.followUp ? { followUp: true } : {}) },
      };
    case 'delivered':
      return { type, on, data: { method: d.method as 'post', ...opt('note', d.note) } };
    case 'withdrawn':
      return { type, on, data: { ...opt('reason', d.reason) } };
  }
}

// ---------------------------------------------------------------------------------------------
// The import

/** The same modes and progress reports as the catalog's import (`gongkai import publications`). */
export type ApplicationImportMode = ImportMode;
export type ApplicationImportProgress = ImportProgress;

export interface ApplicationImportSummary {
  mode: ApplicationImportMode;
  /** Non-blank lines in the input. */
  lines: number;
  imported: number;
  /** Lines not imported: their own problem, or another line's in the same batch (or file). */
  rejected: number;
  /** Lines with at least one problem. */
  badLines: number;
  /** Imported cases whose (first) answer came after the due date. */
  late: number;
  /** Imported cases still open (owing an answer). */
  open: number;
  /** Imported cases per agency code. */
  byAgency: Record<string, number>;
  issues: ApplicationImportIssue[];
  moreIssues: number;
  /** Every line was imported. */
  complete: boolean;
  elapsedMs: number;
}

export interface ApplicationImportDeps {
  repo: ApplicationsRepository;
  agencies: { tree(): Promise<AgencyTree> };
  calendar: { current(): Promise<WorkCalendar> };
  clock: Clock;
  audit?: AuditService;
}

export interface ApplicationImportOptions {
  actor: Actor;
  mode?: ApplicationImportMode;
  /** Lines per transaction (default 500). */
  batchSize?: number;
  totalBytes?: number | null;
  onProgress?: (p: ApplicationImportProgress) => void;
  /** Problems kept for the report (default 1,000); further ones are only counted. */
  maxIssues?: number;
  /** Label of the input for the audit log. */
  source?: string;
}

/** A 53-bit fingerprint of a key (cyrb53): the file's refs and tracking codes are remembered as numbers only. */
function fingerprint(key: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * Imports cases from `open()` — called once per pass (twice in file mode), each time returning the same
 * input from its start. Never holds the input in memory.
 */
export async function importApplications(deps: ApplicationImportDeps, open: () => Readable | AsyncIterable<Buffer | string>, opts: ApplicationImportOptions): Promise<ApplicationImportSummary> {
  const mode = opts.mode ?? 'file';
  const batchSize = Math.max(1, opts.batchSize ?? 500);
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  // Read before any transaction opens: SQLite has one connection, and a transaction holds it.
  const tree = await deps.agencies.tree();
  const calendar = await deps.calendar.current();
  const today = todayInShanghai(deps.clock.now());
  const maxIssues = opts.maxIssues ?? 1000;
  const summary: ApplicationImportSummary = { mode, lines: 0, imported: 0, rejected: 0, badLines: 0, late: 0, open: 0, byAgency: {}, issues: [], moreIssues: 0, complete: false, elapsedMs: 0 };
  const badLines = new Set<number>();
  const report = (list: ApplicationImportIssue[]) => {
    for (const i of list) {
      badLines.add(i.line);
      if (summary.issues.length < maxIssues) summary.issues.push(i);
      else summary.moreIssues++;
    }
  };

  /** Checks a batch against the file so far (refs and tracking codes seen) and the database (one look-up per batch, not per line). */
  async function checkBatch(cases: CheckedCase[], seen: Map<number, number>): Promise<ApplicationImportIssue[]> {
    const issues: ApplicationImportIssue[] = [];
    const withRef = cases.filter((c) => c.ref);
    const withCode = cases.filter((c) => c.trackingCode);
    const takenRefs = new Set(withRef.length ? (await deps.repo.byRefs(withRef.map((c) => ({ agencyId: c.agencyId, ref: c.ref! })))).map((r) => `${r.agency_id}\u0000${r.ref}`) : []);
    const takenCodes = new Set(withCode.length ? await deps.repo.byTrackingCodes(withCode.map((c) => c.trackingCode!)) : []);
    for (const c of cases) {
      if (c.ref) {
        const k = fingerprint(`r\u0000${c.agencyId}\u0000${c.ref}`);
        const prev = seen.get(k);
        if (prev !== undefined && prev !== c.line) issues.push({ line: c.line, field: 'ref', message: 'applicationsImport.refTwice', params: { ref: c.ref, agency: c.agencyCode, line: prev } });
        else seen.set(k, c.line);
        if (takenRefs.has(`${c.agencyId}\u0000${c.ref}`)) issues.push({ line: c.line, field: 'ref', message: 'applicationsImport.refTaken', params: { ref: c.ref, agency: c.agencyCode } });
      }
      if (c.trackingCode) {
        const k = fingerprint(`t\u0000${c.trackingCode}`);
        const prev = seen.get(k);
        if (prev !== undefined && prev !== c.line) issues.push({ line: c.line, field: 'trackingCode', message: 'applicationsImport.trackingTwice', params: { code: c.trackingCode, line: prev } });
        else seen.set(k, c.line);
        if (takenCodes.has(c.trackingCode)) issues.push({ line: c.line, field: 'trackingCode', message: 'applicationsImport.trackingTaken', params: { code: c.trackingCode } });
      }
    }
    return issues;
  }

  async function writeBatch(cases: CheckedCase[]): Promise<void> {
    const at = deps.clock.now().toISOString();
    const caseRows: Parameters<ApplicationsRepository['insertCases']>[0] = [];
    const eventRows: Parameters<ApplicationsRepository['insertEvents']>[0] = [];
    const proceedingRows: Parameters<ApplicationsRepository['insertProceedings']>[0] = [];
    for (const c of cases) {
      const id = newId();
      const a = c.applicant;
      caseRows.push({
        id,
        agency_id: c.agencyId,
        tracking_code: c.trackingCode ?? newTrackingCode(Number(c.receivedAt.slice(0, 4))),
        password_hash: null,
        ref: c.ref,
        channel: c.channel,
        submitted_at: new Date(`${c.receivedAt}T00:00:00+08:00`).toISOString(),
        submitted_on: c.receivedAt,
        applicant_type: a.type,
        applicant_name: a.name,
        applicant_id_type: a.idType,
        applicant_id_number: a.idNumber,
        applicant_credit_code: a.creditCode,
        applicant_legal_rep: a.legalRepresentative,
        applicant_contact_person: a.contactPerson,
        applicant_phone: a.phone,
        applicant_email: a.email,
        applicant_address: a.address,
        applicant_postcode: a.postcode,
        applicant_key: applicantKeyOf(a),
        description: c.description,
        form: c.form,
        delivery: c.delivery,
        flag: null,
        created_at: at,
        ...projectionOf(c.state, c.events.length, c.receivedAt, at),
      });
      c.events.forEach((e, i) => {
        eventRows.push({ id: newId(), application_id: id, seq: i + 1, type: e.type, on_date: e.on, at, actor_id: opts.actor.userId, actor_name: opts.actor.name, data: JSON.stringify(e.data) });
      });
      for (const x of c.state.proceedings) {
        proceedingRows.push({ id: x.id, application_id: id, agency_id: c.agencyId, kind: x.kind, body: x.body, filed_on: x.filedOn, decided_on: x.decidedOn, result: x.result });
      }
    }
    await deps.repo.transaction(async (trx) => {
      await deps.repo.insertCases(caseRows, trx);
      await deps.repo.insertEvents(eventRows, trx);
      // New cases: their proceedings are inserted, not replaced (setProceedings would delete first, case by case).
      await deps.repo.insertProceedings(proceedingRows, trx);
    });
  }

  /** One pass over the input. `write`: write each clean batch (batch mode, and the second pass of file mode). */
  async function pass(phase: 'check' | 'import', write: boolean): Promise<{ lines: number; failedWrite: boolean }> {
    const seen = new Map<number, number>();
    let bytes = 0;
    let lines = 0;
    let batch: { line: number; text: string }[] = [];
    let failedWrite = false;
    const progress = () =>
      opts.onProgress?.({ phase, lines, written: summary.imported, bytes, totalBytes: opts.totalBytes ?? null, totalLines: phase === 'import' && mode === 'file' ? summary.lines : null, elapsedMs: elapsed() });
    const flush = async () => {
      if (!batch.length) return;
      const cases: CheckedCase[] = [];
      const issues: ApplicationImportIssue[] = [];
      for (const l of batch) {
        const r = checkLine(l.line, l.text, { tree, calendar, today });
        if ('ok' in r) cases.push(r.ok);
        else issues.push(...r.issues);
      }
      issues.push(...(await checkBatch(cases, seen)));
      const size = batch.length;
      batch = [];
      if (issues.length) {
        report(issues.sort((a, b) => a.line - b.line));
        if (write) {
          summary.rejected += size;
          // File mode found a problem only when writing (the database changed since the check): stop here.
          if (mode === 'file') failedWrite = true;
        }
        return;
      }
      if (!write) return;
      try {
        await writeBatch(cases);
      } catch (e) {
        // The database refused (a constraint: a ref or tracking code taken meanwhile): nothing of the batch stays.
        report([{ line: cases[0]?.line ?? 0, field: '_', message: 'applicationsImport.writeFailed', params: { line: cases[0]?.line ?? 0, detail: ((e as Error)?.message ?? String(e)).split('\n')[0]!, last: cases[cases.length - 1]?.line ?? 0 } }]);
        summary.rejected += size;
        failedWrite = true;
        return;
      }
      summary.imported += cases.length;
      for (const c of cases) {
        summary.byAgency[c.agencyCode] = (summary.byAgency[c.agencyCode] ?? 0) + 1;
        if (c.state.late) summary.late++;
        if (c.state.answer === null && c.state.withdrawnOn === null) summary.open++;
      }
    };
    for await (const l of readLines(open(), (n) => (bytes += n))) {
      lines++;
      batch.push(l);
      if (batch.length >= batchSize) {
        await flush();
        progress();
        if (failedWrite && mode === 'file') break;
      }
    }
    if (!(failedWrite && mode === 'file')) await flush();
    progress();
    return { lines, failedWrite };
  }

  if (mode === 'batch') {
    summary.lines = (await pass('import', true)).lines;
  } else {
    summary.lines = (await pass('check', false)).lines;
    if (badLines.size === 0 && summary.lines > 0) {
      const r = await pass('import', true);
      if (r.failedWrite) summary.rejected = summary.lines - summary.imported;
    } else summary.rejected = summary.lines;
  }
  summary.badLines = badLines.size;
  summary.issues.sort((a, b) => a.line - b.line);
  summary.complete = summary.lines > 0 && summary.imported === summary.lines;
  summary.elapsedMs = elapsed();
  await deps.audit?.record(opts.actor, {
    action: 'application.import',
    detail: { source: opts.source ?? null, mode, lines: summary.lines, imported: summary.imported, rejected: summary.rejected, late: summary.late },
  });
  return summary;
}
