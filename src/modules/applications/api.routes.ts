/**
 * The JSON API of disclosure applications (/api/v1/applications…): the public form and status (no
 * account; rate-limited per IP), and the staff API (/api/v1/staff/applications…) for cases, events and
 * actions, authenticated by an API token (Authorization: Bearer gk_…, see http/app.ts) or a session.
 * Errors are the catalog API's shape: {error: {code, message, issues: [{field, message}]}}, messages in
 * the language of Accept-Language. Shapes are documented in ./openapi.ts.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorOf } from '../../http/context.ts';
import { requirePrincipal } from '../../http/guards.ts';
import { parseApiQuery as parseQuery } from '../../http/api-query.ts';
import { catalog, type T } from '../../http/i18n/index.ts';
import { AppError, errors, isAppError, type FieldIssue } from '../../kernel/errors.ts';
import type { Services } from '../../services.ts';
import type { Agency, AgencyTree } from '../agencies/index.ts';
import type { FileRow, LetterRow } from './applications.repository.ts';
import type { CaseState } from './case-state.ts';
import { deadlineStepMessages, type DeadlineResult } from './deadline.ts';
import type { LetterContent } from './letters.ts';
import {
  staffListQuerySchema,
  type ActionResultOut,
  type ApplicantViewOut,
  type CaseEventOut,
  type CaseListOut,
  type CaseOut,
  type CaseStateOut,
  type CaseSummaryOut,
  type DeadlineOut,
  type LetterOut,
  type SubmittedOut,
} from './openapi.ts';
import type { StoredEvent } from './types.ts';

/** Per client IP: the public form (a person files a few applications, not hundreds) and the status check (password guessing). */
export const submitRateLimit = { config: { rateLimit: { max: 10, timeWindow: '1 hour' } } };
export const statusRateLimit = { config: { rateLimit: { max: 20, timeWindow: '15 minutes' } } };
/** The staff API: generous, per IP. */
export const staffRateLimit = { config: { rateLimit: { max: 600, timeWindow: '1 minute' } } };

const isKey = (s: string) => /^[a-z][A-Za-z]*\.[A-Za-z][\w.]*$/.test(s) && s in catalog('zh-CN');

/** Field issues whose message is not a catalog key (zod's own text) become the generic "invalid"; the shape is the catalog API's. */
function cleanIssues(issues: FieldIssue[]): FieldIssue[] {
  return issues.map((i) => (isKey(i.message) ? i : { field: i.field, message: 'validation.invalid' }));
}
async function withCleanIssues<R>(fn: () => Promise<R>): Promise<R> {
  try {
    return await fn();
  } catch (e) {
    if (isAppError(e) && e.code === 'validation') throw new AppError('validation', e.message, { issues: cleanIssues(e.issues), params: e.params });
    throw e;
  }
}

/** The JSON body as an object ({} for none); anything else is one issue. */
function bodyObject(req: FastifyRequest): Record<string, unknown> {
  const b = req.body;
  if (b === undefined || b === null) return {};
  if (typeof b !== 'object' || Array.isArray(b)) throw errors.validation([{ field: '_', message: 'applicationsApi.issue.body' }], 'The body must be a JSON object');
  return b as Record<string, unknown>;
}

// ---------- presenters ----------

const agencyRef = (a: Pick<Agency, 'code' | 'name'> | undefined) => ({ code: a?.code ?? '', name: a?.name ?? '' });

export function deadlineOut(d: DeadlineResult, t: T): DeadlineOut {
  return {
    rules: d.rules,
    countFrom: d.countFrom,
    normalDueOn: d.normalDueOn,
    dueOn: d.dueOn,
    provisional: d.provisional,
    pausedDays: d.pausedDays,
    extensionDays: d.extensionDays,
    pausedNow: d.pausedNow,
    waitingForCorrection: d.waitingForCorrection,
    daysLeft: d.daysLeft,
    steps: d.steps.map((s) => ({ ...s, text: deadlineStepMessages(s).map((m) => t(m.key, m.params)).join('') })),
  };
}

function answerOut(state: CaseState, t: T) {
  const a = state.answer;
  return a ? { on: a.on, outcome: a.outcome, outcomeName: t(`applications.outcome.${a.outcome}`), detail: a.detail, late: a.late } : null;
}

export function stateOut(state: CaseState, t: T): CaseStateOut {
  return {
    status: state.status,
    statusName: t(`applications.status.${state.status}`),
    rules: state.rules,
    receivedOn: state.receivedOn,
    dueOn: state.dueOn,
    provisional: state.provisional,
    daysLeft: state.daysLeft,
    urgency: state.urgency,
    late: state.late,
    handler: state.handlerId ? { id: state.handlerId, name: state.handlerName } : null,
    answer: answerOut(state, t),
    withdrawnOn: state.withdrawnOn,
    duplicateOf: state.duplicateOf,
    deadline: state.deadline ? deadlineOut(state.deadline, t) : null,
  };
}

export function eventOut(e: StoredEvent, t: T): CaseEventOut {
  return { id: e.id, seq: e.seq, type: e.type, label: t(`applications.event.${e.type}`), on: e.on, at: e.at, data: { ...(e.data as Record<string, unknown>) }, actor: e.actorName };
}

function letterOut(l: LetterRow, withContent: boolean): LetterOut {
  const out: LetterOut = { id: l.id, kind: l.kind as LetterOut['kind'], number: l.number, issuedOn: l.issued_on };
  if (withContent) {
    const c = JSON.parse(l.content) as LetterContent;
    out.content = { title: c.title, number: c.number, addressee: c.addressee, paragraphs: c.paragraphs, agencyName: c.agencyName, issuedOn: c.issuedOn };
  }
  return out;
}

const fileOut = (f: FileRow) => ({ id: f.id, name: f.name, mime: f.mime, size: Number(f.size), role: f.role, createdAt: f.created_at });

/** What the applicant may read of an event: the staff's consultation partner is not theirs to know. */
function applicantEventData(e: StoredEvent): Record<string, unknown> {
  const { with: _with, ...rest } = e.data as Record<string, unknown>;
  void _with;
  return rest;
}

// ---------- routes ----------

export async function applicationsApiRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const apps = services.applications;

  async function requireAgency(code: unknown): Promise<Agency> {
    if (typeof code !== 'string' || !code.trim()) throw errors.validation([{ field: 'agency', message: 'validation.required' }]);
    const a = (await services.agencies.tree()).byCode.get(code.trim());
    if (!a || a.disabled) throw errors.validation([{ field: 'agency', message: 'applicationsApi.issue.agencyUnknown', params: { code: code.trim().slice(0, 64) } }]);
    return a;
  }

  // ---- public: the form and the status ----

  app.post('/api/v1/applications', submitRateLimit, async (req, reply) => {
    const { t } = req.ctx;
    const body = bodyObject(req);
    const r = await withCleanIssues(async () => {
      const agency = await requireAgency(body.agency);
      const { agency: _a, ...input } = body;
      void _a;
      return apps.submitOnline(agency.code, input, { ip: req.ip ?? null });
    });
    const out: SubmittedOut = {
      trackingCode: r.trackingCode,
      password: r.password,
      agency: agencyRef(r.agency),
      receivedOn: r.receivedOn,
      dueOn: r.deadline.dueOn,
      provisional: r.deadline.provisional,
      deadline: deadlineOut(r.deadline, t),
    };
    return reply.code(201).header('cache-control', 'no-store').send(out);
  });

  app.post('/api/v1/applications/status', statusRateLimit, async (req, reply) => {
    const { t } = req.ctx;
    const body = bodyObject(req);
    const issues: FieldIssue[] = [];
    const code = typeof body.trackingCode === 'string' ? body.trackingCode.trim() : '';
    const password = typeof body.password === 'string' ? body.password.trim() : '';
    if (!code || code.length > 40) issues.push({ field: 'trackingCode', message: 'validation.required' });
    if (!password || password.length > 100) issues.push({ field: 'password', message: 'validation.required' });
    if (issues.length) throw errors.validation(issues);
    const id = await apps.openForApplicant(code, password);
    // The same answer whether the code is unknown or the password wrong.
    if (!id) throw errors.notFound('application');
    const v = await apps.applicantView(id);
    const out: ApplicantViewOut = {
      trackingCode: v.row.trackingCode,
      agency: agencyRef(v.agency),
      status: v.state.status,
      statusName: t(`applications.status.${v.state.status}`),
      submittedOn: v.row.submittedOn,
      receivedOn: v.state.receivedOn,
      dueOn: v.state.dueOn,
      provisional: v.state.provisional,
      description: v.row.description,
      form: v.row.form as ApplicantViewOut['form'],
      delivery: v.row.delivery as ApplicantViewOut['delivery'],
      answer: answerOut(v.state, t),
      events: v.events.map((e) => ({ type: e.type, label: t(`applications.event.${e.type}`), on: e.on, at: e.at, data: applicantEventData(e) })),
      letters: v.letters.map((l) => letterOut(l, true)),
      files: v.files.map((f) => ({ name: f.name, size: Number(f.size), mime: f.mime })),
    };
    return reply.header('cache-control', 'no-store').send(out);
  });

  // ---- staff ----

  app.get('/api/v1/staff/applications', staffRateLimit, async (req, reply) => {
    const principal = requirePrincipal(req);
    const { t } = req.ctx;
    const q = parseQuery(staffListQuerySchema, req.query);
    let agencyId: string | undefined;
    let tree: AgencyTree | undefined;
    if (q.agency) {
      tree = await services.agencies.tree();
      const a = tree.byCode.get(q.agency);
      if (!a) throw errors.validation([{ field: 'agency', message: 'applicationsApi.issue.agencyUnknown', params: { code: q.agency } }]);
      agencyId = a.id;
    }
    const r = await apps.queue(principal, { state: q.state, status: q.status, urgency: q.urgency, year: q.year, q: q.q, limit: q.limit, offset: q.offset, agencyId });
    const urgencyOf = (row: (typeof r.rows)[number]): CaseSummaryOut['urgency'] => {
      if (!row.open || !row.due_on) return 'none';
      if (row.paused) return 'paused';
      if (row.due_on < r.today) return 'overdue';
      return row.due_on <= r.dueSoonUntil ? 'dueSoon' : 'normal';
    };
    const out: CaseListOut = {
      total: r.total,
      limit: q.limit,
      offset: q.offset,
      today: r.today,
      items: r.rows.map((row) => ({
        id: row.id,
        trackingCode: row.tracking_code,
        ref: row.ref,
        agency: agencyRef(r.tree.byId.get(row.agency_id)),
        channel: row.channel as CaseSummaryOut['channel'],
        submittedOn: row.submitted_on,
        receivedOn: row.received_on,
        status: row.status as CaseSummaryOut['status'],
        statusName: t(`applications.status.${row.status}`),
        open: !!row.open,
        dueOn: row.due_on,
        provisional: !!row.due_provisional,
        paused: !!row.paused,
        daysLeft: row.daysLeft,
        urgency: urgencyOf(row),
        handler: row.handler_id ? { id: row.handler_id, name: row.handler_name } : null,
        applicantType: row.applicant_type as CaseSummaryOut['applicantType'],
        applicantName: row.applicant_name,
        description: row.description,
        outcome: row.outcome as CaseSummaryOut['outcome'],
        answeredOn: row.answered_on,
        late: !!row.late,
        extended: !!row.extended,
        duplicateSuspected: !!row.duplicate_suspected,
      })),
      counts: r.counts.map((c) => ({ agency: agencyRef(r.tree.byId.get(c.agencyId)), open: c.open, overdue: c.overdue, dueSoon: c.dueSoon })),
    };
    return reply.header('cache-control', 'no-store').send(out);
  });

  app.get('/api/v1/staff/applications/:id', staffRateLimit, async (req, reply) => {
    const principal = requirePrincipal(req);
    const { t } = req.ctx;
    const v = await apps.view(principal, (req.params as { id: string }).id);
    const out: CaseOut = {
      id: v.row.id,
      trackingCode: v.row.tracking_code,
      ref: v.row.ref,
      agency: agencyRef(v.agency),
      channel: v.row.channel as CaseOut['channel'],
      submittedOn: v.row.submitted_on,
      description: v.row.description,
      form: v.row.form as CaseOut['form'],
      delivery: v.row.delivery as CaseOut['delivery'],
      applicant: v.applicant,
      state: stateOut(v.state, t),
      events: v.events.map((e) => eventOut(e, t)),
      letters: v.letters.map((l) => letterOut(l, false)),
      files: v.files.map(fileOut),
      may: v.may,
    };
    return reply.header('cache-control', 'no-store').send(out);
  });

  app.get('/api/v1/staff/applications/:id/events', staffRateLimit, async (req, reply) => {
    const principal = requirePrincipal(req);
    const v = await apps.view(principal, (req.params as { id: string }).id);
    return reply.header('cache-control', 'no-store').send({ events: v.events.map((e) => eventOut(e, req.ctx.t)) });
  });

  app.post('/api/v1/staff/applications/:id/actions', staffRateLimit, async (req, reply) => {
    const principal = requirePrincipal(req);
    const { t } = req.ctx;
    const body = bodyObject(req);
    const r = await withCleanIssues(() => apps.act(principal, actorOf(req), (req.params as { id: string }).id, body));
    const out: ActionResultOut = { events: r.events.map((e) => eventOut(e, t)), state: stateOut(r.state, t), letters: r.letters.map((l) => letterOut(l, true)) };
    return reply.code(201).header('cache-control', 'no-store').send(out);
  });
}
