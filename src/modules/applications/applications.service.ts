import { createHash, randomInt } from 'node:crypto';
import type { Clock } from '../../kernel/clock.ts';
import { addDays, todayInShanghai, type IsoDate, type WorkCalendar } from '../../kernel/calendar/index.ts';
import { AppError, errors, type FieldIssue } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { parseInput } from '../../kernel/validation.ts';
import { maskAddress, maskEmail, maskIdNumber, maskName, maskPhone } from '../../kernel/text/index.ts';
import type { FileStore } from '../../storage/files/index.ts';
import { attachmentMime, cleanFileName, downloadName, sniffAttachmentType } from '../catalog/index.ts';
import type { Actor, AuditService } from '../audit/index.ts';
import { hashPassword, isAdmin, verifyPassword, type Agency, type AgenciesService, type AgencyTree, type Principal, type Role } from '../agencies/index.ts';
import type { CalendarService } from '../calendar/index.ts';
import type { ApplicationsRepository, CaseProjection, CaseRow, EventRow, FileRow, LetterRow, QueueQuery } from './applications.repository.ts';
import { actionSchema, applicationInputSchema, registrationSchema, type ActionInput, type ApplicationInput } from './applications.schemas.ts';
import { DUE_SOON_DAYS, foldCase, openStatuses, urgencyOf, type CaseState } from './case-state.ts';
import { isRuleSetId } from './rules.ts';
import { perCaseUnitFee, perPageFee } from './fees.ts';
import { composeLetter, letterKindFor, type LetterContent, type LetterKind } from './letters.ts';
import { outcomeRules } from './outcomes.ts';
import { applicantVisibleEvents, type Applicant, type CaseEvent, type Channel, type StoredEvent } from './types.ts';

export interface ApplicationLimits {
  /** Applications one applicant may submit online per day (all agencies). */
  perApplicantPerDay: number;
  /** Bytes per uploaded file, and files per upload. */
  maxFileBytes: number;
  maxFiles: number;
}
export const defaultApplicationLimits: ApplicationLimits = { perApplicantPerDay: 5, maxFileBytes: 20 * 1024 * 1024, maxFiles: 5 };

export interface UploadedCaseFile {
  name: string;
  bytes: Uint8Array;
}

/** Who may see an agency's cases: its handlers and approvers; the authority and inspectors above it; administrators. */
const caseViewerRoles: Role[] = ['handler', 'approver'];
const supervisorRoles: Role[] = ['authority', 'inspector'];

export function caseScope(p: Principal, tree: AgencyTree): Set<string> | 'all' {
  if (isAdmin(p)) return 'all';
  const ids = new Set<string>();
  for (const g of p.grants) {
    if (!g.agencyId) continue;
    if (caseViewerRoles.includes(g.role)) ids.add(g.agencyId);
    if (supervisorRoles.includes(g.role)) for (const a of tree.subtree(g.agencyId)) ids.add(a.id);
  }
  return ids;
}
/** Handling a case (every action but approving an extension): the agency's own handlers and approvers. */
export function canHandle(p: Principal, agencyId: string): boolean {
  return p.grants.some((g) => g.agencyId === agencyId && caseViewerRoles.includes(g.role));
}
/** Approving an extension (Art. 33: the head of the disclosure office): the agency's approver. */
export function canApprove(p: Principal, agencyId: string): boolean {
  return p.grants.some((g) => g.agencyId === agencyId && g.role === 'approver');
}
/** The applicant's identity in full: the handling agency's staff, and administrators (exports); always logged. */
export function canReveal(p: Principal, agencyId: string): boolean {
  return isAdmin(p) || canHandle(p, agencyId);
}

export function applicantOf(row: CaseRow): Applicant {
  return {
    type: row.applicant_type as Applicant['type'],
    name: row.applicant_name,
    idType: row.applicant_id_type as Applicant['idType'],
    idNumber: row.applicant_id_number,
    creditCode: row.applicant_credit_code,
    legalRepresentative: row.applicant_legal_rep,
    contactPerson: row.applicant_contact_person,
    phone: row.applicant_phone,
    email: row.applicant_email,
    address: row.applicant_address,
    postcode: row.applicant_postcode,
  };
}
/** The applicant as lists and unrevealed case pages show it (spec §4: ID first 6 + last 4 at most). */
export function maskedApplicant(a: Applicant): Applicant {
  const org = a.type !== 'natural';
  return {
    ...a,
    // An organisation's name and credit code are public facts; its contact person is personal information.
    name: org ? a.name : maskName(a.name),
    idNumber: a.idNumber ? maskIdNumber(a.idNumber) : null,
    legalRepresentative: a.legalRepresentative,
    contactPerson: a.contactPerson ? maskName(a.contactPerson) : null,
    phone: a.phone ? maskPhone(a.phone) : null,
    email: a.email ? maskEmail(a.email) : null,
    address: a.address ? maskAddress(a.address) : null,
    postcode: a.postcode ? '******' : null,
  };
}

export function applicantKeyOf(a: Pick<Applicant, 'type' | 'name' | 'idNumber' | 'creditCode' | 'phone' | 'email'>): string {
  const id = a.type === 'natural' ? a.idNumber?.toUpperCase() : a.creditCode?.toUpperCase();
  const basis = id ? `id:${id}` : `nc:${a.name.trim()}|${(a.phone ?? '').replace(/\D/g, '')}|${(a.email ?? '').toLowerCase()}`;
  return createHash('sha256').update(basis).digest('hex');
}

const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
function randomCode(n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return s;
}
/** Tracking codes: YS + year + 8 random characters (unambiguous letters), e.g. YS2026K7M3Q9PX. */
export function newTrackingCode(year: number): string {
  return `YS${year}${randomCode(8)}`;
}

/** Character-bigram overlap (Dice) of two descriptions: ≥ 0.6 is "similar" for the duplicate flag. */
export function similarity(a: string, b: string): number {
  const grams = (s: string) => {
    const t = s.replace(/\s+/g, '');
    const m = new Map<string, number>();
    for (let i = 0; i < t.length - 1; i++) m.set(t.slice(i, i + 2), (m.get(t.slice(i, i + 2)) ?? 0) + 1);
    return m;
  };
  const x = grams(a);
  const y = grams(b);
  let common = 0;
  let nx = 0;
  let ny = 0;
  for (const v of x.values()) nx += v;
  for (const v of y.values()) ny += v;
  for (const [k, v] of x) common += Math.min(v, y.get(k) ?? 0);
  return nx + ny === 0 ? 0 : (2 * common) / (nx + ny);
}
export const DUPLICATE_SIMILARITY = 0.6;

/** Files the applicant sees: what they sent (with the application or a correction) and what was released to them. */
export const applicantFileRoles: ReadonlySet<string> = new Set(['application', 'correction', 'released']);

export function toStoredEvent(r: EventRow): StoredEvent {
  return { id: r.id, seq: Number(r.seq), type: r.type, on: r.on_date, data: JSON.parse(r.data), at: r.at, actorId: r.actor_id, actorName: r.actor_name } as StoredEvent;
}

/** The projection columns of a case from its state. */
export function projectionOf(state: CaseState, eventCount: number, submittedOn: IsoDate, at: string): CaseProjection {
  return {
    event_count: eventCount,
    status: state.status,
    open: openStatuses.has(state.status) ? 1 : 0,
    received_on: state.receivedOn,
    rules: state.rules,
    year: Number((state.receivedOn ?? submittedOn).slice(0, 4)),
    due_on: state.dueOn,
    due_provisional: state.provisional ? 1 : 0,
    paused: state.paused ? 1 : 0,
    handler_id: state.handlerId,
    handler_name: state.handlerName,
    outcome: state.answer?.outcome ?? null,
    outcome_detail: state.answer?.detail ?? null,
    answered_on: state.answer?.on ?? null,
    late: state.late ? 1 : 0,
    extended: state.extension?.approvedOn ? 1 : 0,
    withdrawn_on: state.withdrawnOn,
    closed_on: state.answer?.on ?? state.withdrawnOn,
    closed_year: state.receivedOn && (state.answer?.on ?? state.withdrawnOn) ? Number((state.answer?.on ?? state.withdrawnOn)!.slice(0, 4)) : null,
    fee_amount: state.fee?.amount ?? null,
    fee_paid_on: state.fee?.paidOn ?? null,
    duplicate_suspected: state.duplicateOf.length ? 1 : 0,
    updated_at: at,
  };
}

/** Violations of the rules, as field issues for forms and import lines (message keys applications.rule.<code>). */
export function violationIssues(vs: { code: string; params: Record<string, string | number> }[], field = 'on'): FieldIssue[] {
  return vs.map((v) => ({ field, message: `applications.rule.${v.code}`, params: v.params }));
}

export interface CaseView {
  row: CaseRow;
  agency: Agency;
  applicant: Applicant;
  revealed: boolean;
  state: CaseState;
  events: StoredEvent[];
  files: FileRow[];
  letters: LetterRow[];
  /** What this principal may do here. */
  may: { handle: boolean; approve: boolean; reveal: boolean };
}

export function createApplicationsService(deps: {
  repo: ApplicationsRepository;
  agencies: AgenciesService;
  calendar: CalendarService;
  audit: AuditService;
  clock: Clock;
  files: FileStore;
  staffOf: (agencyId: string) => Promise<{ id: string; username: string; displayName: string; roles: Role[] }[]>;
  limits?: Partial<ApplicationLimits>;
}) {
  const { repo, clock, audit } = deps;
  const limits: ApplicationLimits = { ...defaultApplicationLimits, ...deps.limits };
  const today = (): IsoDate => todayInShanghai(clock.now());
  const nowIso = () => clock.now().toISOString();

  /** The state of a case from its log, under the rule set its record names (an import may name one). */
  async function fold(events: readonly CaseEvent[], rules: string | null, cal?: WorkCalendar) {
    return foldCase(cal ?? (await deps.calendar.current()), events, { asOf: today(), ...(isRuleSetId(rules) ? { rules } : {}) });
  }

  async function requireCase(id: string): Promise<CaseRow> {
    const row = await repo.byId(id);
    if (!row) throw errors.notFound('application', id);
    return row;
  }
  async function requireVisible(p: Principal, id: string): Promise<{ row: CaseRow; tree: AgencyTree }> {
    const row = await requireCase(id);
    const tree = await deps.agencies.tree();
    const scope = caseScope(p, tree);
    // Not "forbidden": whether a case exists is itself not for others to learn.
    if (scope !== 'all' && !scope.has(row.agency_id)) throw errors.notFound('application', id);
    return { row, tree };
  }

  async function storeFiles(caseId: string, role: string, files: UploadedCaseFile[], actorId: string | null, eventId: string | null) {
    if (files.length > limits.maxFiles) throw errors.validation([{ field: 'files', message: 'applications.validation.tooManyFiles', params: { max: limits.maxFiles } }]);
    const rows = [];
    for (const f of files) {
      if (f.bytes.byteLength > limits.maxFileBytes) {
        throw errors.validation([{ field: 'files', message: 'applications.validation.fileTooLarge', params: { name: f.name, max: Math.round(limits.maxFileBytes / 1024 / 1024) } }]);
      }
      // The type from the bytes, never from the name (the same formats as the catalog's attachments).
      const type = sniffAttachmentType(f.bytes);
      if (!type) throw errors.validation([{ field: 'files', message: 'applications.validation.fileType', params: { name: f.name } }]);
      const stored = await deps.files.put(f.bytes);
      rows.push({ id: newId(), application_id: caseId, event_id: eventId, role, name: downloadName(cleanFileName(f.name), type), mime: attachmentMime[type], size: f.bytes.byteLength, sha256: stored.sha256, storage_key: stored.key, created_at: nowIso(), created_by: actorId });
    }
    return rows;
  }

  /**
   * Appends events to a case in one transaction: folds the whole log with the new events, refuses any
   * that breaks a rule (nothing is written), writes the events, the letters they call for and the projection.
   */
  async function append(
    caseId: string,
    actor: Actor,
    make: (ctx: { row: CaseRow; state: CaseState; events: StoredEvent[]; calendar: WorkCalendar }) => CaseEvent[] | Promise<CaseEvent[]>,
    opts: { files?: { role: string; files: UploadedCaseFile[] } } = {},
  ): Promise<{ events: StoredEvent[]; state: CaseState; letters: LetterRow[] }> {
    const calendar = await deps.calendar.current();
    const pendingFiles = opts.files?.files.length ? opts.files : null;
    const fileRows = pendingFiles ? await storeFiles(caseId, pendingFiles.role, pendingFiles.files, actor.userId, null) : [];
    // Read before the transaction: on SQLite a query outside it would wait for the one connection it holds.
    const tree = await deps.agencies.tree();
    const result = await repo.transaction(async (trx) => {
      const row = await repo.byId(caseId, trx);
      if (!row) throw errors.notFound('application', caseId);
      const stored = (await repo.events(caseId, trx)).map(toStoredEvent);
      const before = (await fold(stored, row.rules, calendar)).state;
      const added = await make({ row, state: before, events: stored, calendar });
      const all = [...stored, ...added];
      const { state, violations } = await fold(all, row.rules, calendar);
      const mine = violations.filter((v) => v.index >= stored.length);
      if (mine.length) throw errors.validation(violationIssues(mine), `Refused by the rules: ${mine.map((v) => v.code).join(', ')}`);
      const at = nowIso();
      const newEvents: StoredEvent[] = added.map((e, i) => ({ ...e, id: newId(), seq: stored.length + i + 1, at, actorId: actor.userId, actorName: actor.name }) as StoredEvent);
      await repo.insertEvents(
        newEvents.map((e) => ({ id: e.id, application_id: caseId, seq: e.seq, type: e.type, on_date: e.on, at, actor_id: e.actorId, actor_name: e.actorName, data: JSON.stringify(e.data) })),
        trx,
      );
      if (fileRows.length) await repo.insertFiles(fileRows.map((f) => ({ ...f, event_id: newEvents[newEvents.length - 1]?.id ?? null })), trx);
      const letters: LetterRow[] = [];
      const agency = tree.byId.get(row.agency_id)!;
      for (const e of newEvents) {
        const kind = letterKindFor(e);
        if (!kind) continue;
        letters.push(await issueLetter(trx, tree, kind, row, state, e, agency, at, actor));
      }
      const ok = await repo.updateProjection(caseId, stored.length, projectionOf(state, all.length, row.submitted_on, at), trx);
      if (!ok) throw errors.conflict('The case changed meanwhile; reload and try again', { what: 'application' });
      if (newEvents.some((e) => e.type === 'proceedingFiled' || e.type === 'proceedingDecided')) {
        await repo.setProceedings(
          caseId,
          state.proceedings.map((p) => ({ id: p.id, application_id: caseId, agency_id: row.agency_id, kind: p.kind, body: p.body, filed_on: p.filedOn, decided_on: p.decidedOn, result: p.result })),
          trx,
        );
      }
      return { events: newEvents, state, letters };
    });
    return result;
  }

  type Trx = Parameters<Parameters<ApplicationsRepository['transaction']>[0]>[0];
  async function issueLetter(trx: Trx, tree: AgencyTree, kind: LetterKind, row: CaseRow, state: CaseState, e: StoredEvent, agency: Agency, at: string, actor: Actor): Promise<LetterRow> {
    const year = Number(e.on.slice(0, 4));
    const serial = await repo.nextLetterSerial(agency.id, year, trx);
    const scopes = [...tree.path(agency.id).map((a) => a.id), '*'];
    const templates = new Map<string, { scope: string; body: string }[]>();
    for (const t of await repo.templates(scopes, trx)) templates.set(t.kind, [...(templates.get(t.kind) ?? []), { scope: t.scope, body: t.body }]);
    const pick = (key: string): string | null => {
      const list = templates.get(key) ?? [];
      for (const s of [...scopes.slice(0, -1)].reverse().concat('*')) {
        const hit = list.find((t) => t.scope === s);
        if (hit) return hit.body;
      }
      return null;
    };
    const parent = agency.parentId ? tree.byId.get(agency.parentId) : undefined;
    const parentGovernment = agency.kind === 'government' ? (parent ? (tree.governmentOf(parent.id)?.name ?? null) : null) : (tree.governmentOf(agency.id)?.name ?? null);
    const content: LetterContent = composeLetter({ kind, row, applicant: applicantOf(row), state, event: e, agency, parentGovernment, serial, year, template: pick });
    const letter = { id: newId(), application_id: row.id, event_id: e.id, agency_id: agency.id, kind, number: content.number, issued_on: e.on, content: JSON.stringify(content), created_at: at, created_by: actor.userId };
    await repo.insertLetter(letter, trx);
    return letter;
  }

  async function requireAgencyByCode(code: string): Promise<Agency> {
    const a = (await deps.agencies.tree()).byCode.get(code);
    if (!a || a.disabled) throw errors.notFound('agency', code);
    return a;
  }

  /** Creates a case with its first events (submitted, and a duplicate flag when the applicant asked much the same before). */
  async function create(agency: Agency, data: ApplicationInput, channel: Channel, on: IsoDate, actor: Actor, extra: { ref?: string | null; password?: boolean; files?: UploadedCaseFile[] }) {
    const at = nowIso();
    const id = newId();
    const key = applicantKeyOf(data.applicant);
    const previous = (await repo.byApplicantSince(key, addDays(on, -730))).filter((p) => p.agency_id === agency.id && similarity(p.description, data.description) >= DUPLICATE_SIMILARITY);
    const events: CaseEvent[] = [{ type: 'submitted', on, data: { channel } }];
    for (const p of previous.slice(0, 3)) events.push({ type: 'duplicateSuspected', on, data: { of: p.id, trackingCode: p.tracking_code } });
    const calendar = await deps.calendar.current();
    const { state, violations } = foldCase(calendar, events, { asOf: today() });
    if (violations.length) throw errors.validation(violationIssues(violations));
    const password = extra.password ? randomCode(10) : null;
    let trackingCode = newTrackingCode(Number(on.slice(0, 4)));
    const a = data.applicant;
    const fileRows = extra.files?.length ? await storeFiles(id, 'application', extra.files, actor.userId, null) : [];
    for (let attempt = 0; ; attempt++) {
      try {
        await repo.transaction(async (trx) => {
          await repo.insertCases(
            [
              {
                id, agency_id: agency.id, tracking_code: trackingCode, password_hash: password ? await hashPassword(password) : null, ref: extra.ref ?? null, channel,
                submitted_at: at, submitted_on: on, applicant_type: a.type, applicant_name: a.name, applicant_id_type: a.idType, applicant_id_number: a.idNumber?.toUpperCase() ?? null,
                applicant_credit_code: a.creditCode, applicant_legal_rep: a.legalRepresentative, applicant_contact_person: a.contactPerson, applicant_phone: a.phone,
                applicant_email: a.email, applicant_address: a.address, applicant_postcode: a.postcode, applicant_key: key, description: data.description, form: data.form,
                delivery: data.delivery, created_at: at, ...projectionOf(state, events.length, on, at),
              },
            ],
            trx,
          );
          await repo.insertEvents(events.map((e, i) => ({ id: newId(), application_id: id, seq: i + 1, type: e.type, on_date: e.on, at, actor_id: actor.userId, actor_name: actor.name, data: JSON.stringify(e.data) })), trx);
          if (fileRows.length) await repo.insertFiles(fileRows, trx);
        });
        break;
      } catch (e) {
        // A tracking-code collision (1 in 31^8 per pair) gets a new code; anything else is real.
        if (attempt < 3 && /tracking_code|unique/i.test(String((e as Error).message)) && !(extra.ref && /ref/i.test(String((e as Error).message)))) {
          trackingCode = newTrackingCode(Number(on.slice(0, 4)));
          continue;
        }
        throw e;
      }
    }
    await audit.record(actor, { action: 'application.submit', target: { type: 'application', id, label: trackingCode }, agencyId: agency.id, detail: { channel, duplicates: previous.length } });
    return { id, trackingCode, password, state };
  }

  /**
   * Re-projects open cases whose stored due date may be out of date although no event happened: `all` after the
   * holiday data changed, else the paused and provisional ones (the daily job). Returns how many changed.
   */
  async function refreshStoredDeadlines(all: boolean): Promise<number> {
    const calendar = await deps.calendar.current();
    let refreshed = 0;
    for (const r of await repo.openToRefresh(all)) {
      const events = (await repo.events(r.id)).map(toStoredEvent);
      const { state } = await fold(events, r.rules, calendar);
      const p = projectionOf(state, events.length, r.submitted_on, nowIso());
      if (p.due_on === r.due_on && p.paused === Number(r.paused) && p.due_provisional === Number(r.due_provisional)) continue;
      // A case that changed meanwhile was re-projected by its own event.
      if (await repo.updateProjection(r.id, Number(r.event_count), p)) refreshed++;
    }
    return refreshed;
  }

  return {
    limits,
    today,
    refreshStoredDeadlines,

    /**
     * The public online form (Art. 29, 31): no account; the submission is the receipt (双方确认), so the
     * receipt date is today and the deadline starts tomorrow. Returns the query password once.
     */
    async submitOnline(agencyCode: string, input: unknown, meta: { ip: string | null }, files: UploadedCaseFile[] = []) {
      const agency = await requireAgencyByCode(agencyCode);
      const data = parseInput(applicationInputSchema, input);
      const on = today();
      const key = applicantKeyOf(data.applicant);
      const todays = await repo.byApplicantSince(key, on);
      if (todays.length >= limits.perApplicantPerDay) throw new AppError('rateLimited', 'Too many applications today from this applicant', { params: { max: limits.perApplicantPerDay } });
      const actor: Actor = { userId: null, name: 'applicant', ip: meta.ip };
      const r = await create(agency, data, 'online', on, actor, { password: true, files });
      return { id: r.id, trackingCode: r.trackingCode, password: r.password!, agency, receivedOn: r.state.receivedOn!, deadline: r.state.deadline!, state: r.state };
    },

    /** Staff log an application that came by post, letter, fax, e-mail or in person. */
    async register(principal: Principal, actor: Actor, agencyCode: string, input: unknown, registration: unknown) {
      const agency = await requireAgencyByCode(agencyCode);
      if (!canHandle(principal, agency.id)) throw errors.forbidden('Only the agency’s handlers register applications');
      const reg = parseInput(registrationSchema, registration);
      if (reg.on > today()) throw errors.validation([{ field: 'on', message: 'applications.rule.future' }]);
      const data = parseInput(applicationInputSchema, input);
      if (reg.ref && (await repo.byRef(agency.id, reg.ref))) throw errors.validation([{ field: 'ref', message: 'applications.validation.refTaken', params: { ref: reg.ref } }]);
      const r = await create(agency, data, reg.channel, reg.on, actor, { ref: reg.ref, password: true });
      return { id: r.id, trackingCode: r.trackingCode, password: r.password! };
    },

    /** The applicant's key to their case: tracking code + password. Null when either is wrong (no hint which). */
    async openForApplicant(trackingCode: string, password: string): Promise<string | null> {
      const row = await repo.byTracking(trackingCode.trim().toUpperCase());
      if (!row?.password_hash) {
        await hashPassword(password); // same time whether or not the code exists
        return null;
      }
      return (await verifyPassword(password.trim().toUpperCase(), row.password_hash)) ? row.id : null;
    },

    /** What the applicant sees: their own case, events meant for them, letters and files sent to them. Never staff notes. */
    async applicantView(caseId: string) {
      const row = await requireCase(caseId);
      const events = (await repo.events(caseId)).map(toStoredEvent);
      const { state } = await fold(events, row.rules);
      const agency = (await deps.agencies.tree()).byId.get(row.agency_id)!;
      const files = (await repo.files(caseId)).filter((f) => applicantFileRoles.has(f.role));
      return {
        row: { id: row.id, trackingCode: row.tracking_code, channel: row.channel, submittedOn: row.submitted_on, description: row.description, form: row.form, delivery: row.delivery, applicantType: row.applicant_type },
        applicant: applicantOf(row),
        agency,
        state,
        events: events.filter((e) => applicantVisibleEvents.has(e.type)),
        // Letters to the applicant only: a consultation letter is addressed to (and names) the third party.
        letters: (await repo.letters(caseId)).filter((l) => l.kind !== 'consultation'),
        files,
      };
    },

    /** The applicant answers a correction request online (with files): the deadline restarts from today. */
    async applicantCorrection(caseId: string, text: string, files: UploadedCaseFile[], meta: { ip: string | null }) {
      const body = text.trim();
      if (!body && !files.length) throw errors.validation([{ field: 'text', message: 'validation.required' }]);
      if (body.length > 5000) throw errors.validation([{ field: 'text', message: 'applications.validation.descriptionLong' }]);
      const actor: Actor = { userId: null, name: 'applicant', ip: meta.ip };
      const r = await append(caseId, actor, () => [{ type: 'corrected', on: today(), data: body ? { text: body } : {} }], { files: { role: 'correction', files } });
      await audit.record(actor, { action: 'application.corrected', target: { type: 'application', id: caseId } });
      return r;
    },

    /** The case page: masked applicant, the log, deadline, letters, files; what the principal may do. */
    async view(principal: Principal, id: string): Promise<CaseView> {
      const { row, tree } = await requireVisible(principal, id);
      const events = (await repo.events(id)).map(toStoredEvent);
      const { state } = await fold(events, row.rules);
      return {
        row,
        agency: tree.byId.get(row.agency_id)!,
        applicant: maskedApplicant(applicantOf(row)),
        revealed: false,
        state,
        events,
        files: await repo.files(id),
        letters: await repo.letters(id),
        may: { handle: canHandle(principal, row.agency_id), approve: canApprove(principal, row.agency_id), reveal: canReveal(principal, row.agency_id) },
      };
    },

    /** The applicant in full, for the handling agency's staff: every reveal is in the audit log. */
    async revealApplicant(principal: Principal, actor: Actor, id: string): Promise<Applicant> {
      const { row } = await requireVisible(principal, id);
      if (!canReveal(principal, row.agency_id)) throw errors.forbidden('Only the handling agency’s staff see the applicant in full');
      await audit.record(actor, { action: 'application.revealApplicant', target: { type: 'application', id, label: row.tracking_code }, agencyId: row.agency_id });
      return applicantOf(row);
    },

    /** Staff who may be assigned a case of an agency (its handlers and approvers). */
    async assignableStaff(agencyId: string) {
      return (await deps.staffOf(agencyId)).filter((u) => u.roles.some((r) => caseViewerRoles.includes(r)));
    },

    /** One staff action: checked against the principal's rights and the rules, then recorded as an event. */
    async act(principal: Principal, actor: Actor, id: string, input: unknown, files: UploadedCaseFile[] = []) {
      const { row } = await requireVisible(principal, id);
      // Rights first: someone who may not act learns nothing from validating their input.
      const name = (input as { action?: unknown } | null)?.action;
      if (name === 'approveExtension' || name === 'refuseExtension') {
        if (!canApprove(principal, row.agency_id)) throw errors.forbidden('Only the agency’s approver decides on an extension');
      } else if (!canHandle(principal, row.agency_id)) {
        throw errors.forbidden('Only the handling agency’s staff act on a case');
      }
      const a = parseInput(actionSchema, input) as ActionInput;
      const t0 = today();
      for (const field of ['on', 'filedOn', 'decidedOn'] as const) {
        const v = (a as Record<string, unknown>)[field];
        if (typeof v === 'string' && v > t0) throw errors.validation([{ field, message: 'applications.rule.future' }]);
      }
      // Withheld, partly disclosed, cannot provide, not processed: the letter must give the reasons (Art. 36).
      if (a.action === 'answer' && outcomeRules[a.outcome].reasonsRequired && !a.reasons) throw errors.validation([{ field: 'reasons', message: 'applications.validation.reasons' }]);
      const staff = a.action === 'assign' && a.handlerId ? (await this.assignableStaff(row.agency_id)).find((u) => u.id === a.handlerId) : null;
      if (a.action === 'assign' && a.handlerId && !staff) throw errors.validation([{ field: 'handlerId', message: 'applications.validation.handler' }]);
      // The case's place among the applicant's applications in its calendar month (国办函〔2020〕109号 per-case fees).
      let feeCaseCount = 0;
      if (a.action === 'notifyFee' && a.basis === 'perCase') {
        const month = row.submitted_on.slice(0, 7);
        const mine = await repo.byApplicantSince(row.applicant_key, `${month}-01`);
        feeCaseCount = mine.filter((m) => m.submitted_on.slice(0, 7) === month && (m.submitted_on < row.submitted_on || (m.submitted_on === row.submitted_on && m.id <= row.id))).length;
      }
      // Files staff attach: released with an answer (the applicant gets them), a correction received on paper, else internal.
      const fileRole = a.action === 'answer' ? 'released' : a.action === 'recordCorrection' ? 'correction' : a.action === 'fileProceeding' || a.action === 'decideProceeding' ? 'proceeding' : 'internal';
      const r = await append(
        id,
        actor,
        async ({ state }) => {
          switch (a.action) {
            case 'confirmReceipt':
              return [{ type: 'receiptConfirmed', on: a.on, data: {} }];
            case 'requestCorrection':
              return [{ type: 'correctionRequested', on: a.on, data: { until: a.until, what: a.what } }];
            case 'recordCorrection':
              return [{ type: 'corrected', on: a.on, data: a.text ? { text: a.text } : {} }];
            case 'startConsultation':
              return [{ type: 'consultationStarted', on: a.on, data: { party: a.party, ...(a.with ? { with: a.with } : {}) } }];
            case 'endConsultation':
              return [{ type: 'consultationEnded', on: a.on, data: { ...(a.result ? { result: a.result } : {}), ...(a.party ? { party: a.party } : {}) } }];
            case 'requestExtension':
              return [{ type: 'extensionRequested', on: a.on, data: { days: a.days, reason: a.reason } }];
            case 'approveExtension':
              if (!state.extension || state.extension.approvedOn || state.extension.refused) throw errors.validation(violationIssues([{ code: 'noExtensionPending', params: {} }]));
              return [{ type: 'extended', on: a.on, data: { days: state.extension.days } }];
            case 'refuseExtension':
              return [{ type: 'extensionRefused', on: a.on, data: a.reason ? { reason: a.reason } : {} }];
            case 'notifyFee': {
              let quantity = a.quantity;
              let amount: number;
              if (a.basis === 'perCase') {
                quantity = feeCaseCount;
                amount = perCaseUnitFee(quantity);
              } else amount = perPageFee(quantity).total;
              if (amount <= 0) throw errors.validation([{ field: 'quantity', message: 'applications.validation.feeNotDue', params: { quantity } }]);
              return [{ type: 'feeNotified', on: a.on, data: { amount, basis: a.basis, quantity } }];
            }
            case 'recordPayment':
              return [{ type: 'feePaid', on: a.on, data: {} }];
            case 'answer':
              return [{ type: 'answered', on: a.on, data: { outcome: a.outcome, detail: a.detail, ...(a.reasons ? { reasons: a.reasons } : {}), ...(a.rightAgency ? { rightAgency: a.rightAgency } : {}), ...(state.followUpDueOn ? { followUp: true } : {}) } }];
            case 'recordDelivery':
              return [{ type: 'delivered', on: a.on, data: { method: a.method, ...(a.note ? { note: a.note } : {}) } }];
            case 'withdraw':
              return [{ type: 'withdrawn', on: a.on, data: a.reason ? { reason: a.reason } : {} }];
            case 'assign':
              return [{ type: 'assigned', on: today(), data: { handlerId: staff?.id ?? null, handlerName: staff?.displayName ?? null } }];
            case 'note':
              return [{ type: 'note', on: today(), data: { text: a.text } }];
            case 'fileProceeding':
              return [{ type: 'proceedingFiled', on: a.filedOn, data: { proceedingId: newId(), kind: a.kind, body: a.body, filedOn: a.filedOn } }];
            case 'decideProceeding':
              return [{ type: 'proceedingDecided', on: a.decidedOn, data: { proceedingId: a.proceedingId, result: a.result, decidedOn: a.decidedOn, followUpDueOn: a.followUpDueOn } }];
          }
        },
        { files: { role: fileRole, files } },
      );
      await audit.record(actor, { action: `application.${a.action}`, target: { type: 'application', id, label: row.tracking_code }, agencyId: row.agency_id, detail: { events: r.events.map((e) => e.type) } });
      return r;
    },

    /** The workbench queue: cases in the principal's scope; per-agency open/due-soon/overdue counts for supervisors. */
    async queue(principal: Principal, q: Omit<QueueQuery, 'agencyIds' | 'today' | 'dueSoonUntil'> & { agencyId?: string; agencyOnly?: boolean }) {
      const tree = await deps.agencies.tree();
      const scope = caseScope(principal, tree);
      // A scope that covers the whole tree (the top authority) is 'all': no list of every agency in the SQL.
      const everything = scope === 'all' || tree.flatten().every(({ agency }) => scope.has(agency.id));
      let agencyIds: string[] | 'all' = everything ? 'all' : [...scope];
      if (q.agencyId) {
        const inScope = scope === 'all' || scope.has(q.agencyId);
        agencyIds = !inScope ? [] : q.agencyOnly ? [q.agencyId] : tree.subtree(q.agencyId).map((a) => a.id).filter((x) => scope === 'all' || scope.has(x));
      }
      const calendar = await deps.calendar.current();
      const t = today();
      const dueSoonUntil = calendar.addWorkingDays(t, DUE_SOON_DAYS).date;
      const { agencyId: _omit, agencyOnly: _only, ...rest } = q;
      const page = await repo.queue({ ...rest, agencyIds, today: t, dueSoonUntil });
      const counts = await repo.openCounts(everything ? 'all' : [...scope], t, dueSoonUntil);
      return {
        today: t,
        dueSoonUntil,
        total: page.total,
        rows: page.rows.map((r) => {
          const daysLeft = r.open && r.due_on && !r.paused ? calendar.workingDaysBetween(t, r.due_on).days : null;
          return { ...r, applicant_name: r.applicant_type === 'natural' ? maskName(r.applicant_name) : r.applicant_name, daysLeft, urgency: urgencyOf(!!r.open, !!r.paused, daysLeft) };
        }),
        counts,
        tree,
        scope,
      };
    },

    /** The stored row, for the applicant's session check only (routes never show it to anyone). */
    caseRow: (id: string) => repo.byId(id),
    /** The back-office home's figures: open cases in the principal's scope, due soon and overdue; null without a case scope. */
    async summary(principal: Principal): Promise<{ open: number; dueSoon: number; overdue: number } | null> {
      const scope = caseScope(principal, await deps.agencies.tree());
      if (scope !== 'all' && scope.size === 0) return null;
      const t = today();
      const counts = await repo.openCounts(scope === 'all' ? 'all' : [...scope], t, (await deps.calendar.current()).addWorkingDays(t, DUE_SOON_DAYS).date);
      return counts.reduce((sum, c) => ({ open: sum.open + c.open, dueSoon: sum.dueSoon + c.dueSoon, overdue: sum.overdue + c.overdue }), { open: 0, dueSoon: 0, overdue: 0 });
    },
    letter: async (caseId: string, letterId: string) => repo.letter(caseId, letterId),

    /**
     * A case file for staff. What the applicant sent (application, correction) often carries their identity
     * documents: only the handling agency's staff open it, and every opening is in the audit log, as a reveal.
     */
    async staffFile(principal: Principal, actor: Actor, caseId: string, fileId: string): Promise<{ file: FileRow; bytes: Buffer }> {
      const { row } = await requireVisible(principal, caseId);
      const file = await repo.file(row.id, fileId);
      if (!file) throw errors.notFound('file', fileId);
      if (file.role === 'application' || file.role === 'correction') {
        if (!canReveal(principal, row.agency_id)) throw errors.forbidden('Only the handling agency’s staff open what the applicant sent');
        await audit.record(actor, { action: 'application.openApplicantFile', target: { type: 'application', id: row.id, label: row.tracking_code }, agencyId: row.agency_id, detail: { file: file.name } });
      }
      return { file, bytes: await deps.files.get(file.storage_key) };
    },

    /** A file the applicant may download from their own case (what they sent, what was released to them); else null. */
    async applicantFile(caseId: string, fileId: string): Promise<{ file: FileRow; bytes: Buffer } | null> {
      const file = await repo.file(caseId, fileId);
      if (!file || !applicantFileRoles.has(file.role)) return null;
      return { file, bytes: await deps.files.get(file.storage_key) };
    },
    requireVisible,

    /**
     * The daily job: flags open cases due within DUE_SOON_DAYS working days or overdue (and clears
     * flags that no longer hold). Never closes a case: only the lapse rules close one, by a handler's act.
     */
    async flagDeadlines(actor: Actor) {
      const calendar = await deps.calendar.current();
      const t = today();
      const until = calendar.addWorkingDays(t, DUE_SOON_DAYS).date;
      // First bring stored deadlines up to date where time alone changes them (a lapsed pause, new holiday data).
      const refreshed = await refreshStoredDeadlines(false);
      const rows = await repo.openDueBy(until);
      const changes: { id: string; flag: string | null }[] = [];
      let overdue = 0;
      let dueSoon = 0;
      for (const r of rows) {
        const flag = r.paused || !r.due_on ? null : r.due_on < t ? 'overdue' : r.due_on <= until ? 'dueSoon' : null;
        if (flag === 'overdue') overdue++;
        if (flag === 'dueSoon') dueSoon++;
        if (flag !== r.flag) changes.push({ id: r.id, flag });
      }
      if (changes.length) await repo.transaction((trx) => repo.setFlags(changes, trx));
      await audit.record(actor, { action: 'application.flagDeadlines', detail: { today: t, overdue, dueSoon, changed: changes.length, refreshed } });
      return { today: t, overdue, dueSoon, changed: changes.length, refreshed };
    },
  };
}
export type ApplicationsService = ReturnType<typeof createApplicationsService>;
