/**
 * A case's state, derived from its event log (the only record). `foldCase` walks the events in order,
 * checks each against the rules of the case's rule set and the state so far, and returns the state
 * and every rule the log breaks. The service appends an event only when the fold of the log plus that
 * event breaks nothing; imports reject a line whose log breaks a rule; lateness is not a violation.
 */
import type { IsoDate, WorkCalendar } from '../../kernel/calendar/index.ts';
import { computeDeadline, type DeadlinePause, type DeadlineResult } from './deadline.ts';
import { isOutcomeCode, outcomeRules, type OutcomeCode } from './outcomes.ts';
import { ruleSetFor, ruleSets, type RuleSetId } from './rules.ts';
import type { CaseEvent, Channel, ConsultationParty, ProceedingKind, ProceedingResult } from './types.ts';

export const caseStatuses = ['awaitingReceipt', 'inProgress', 'correcting', 'consulting', 'awaitingFee', 'reopened', 'answered', 'withdrawn'] as const;
export type CaseStatus = (typeof caseStatuses)[number];
/** Statuses in which the agency still owes an answer (the workbench queue). */
export const openStatuses: ReadonlySet<CaseStatus> = new Set(['awaitingReceipt', 'inProgress', 'correcting', 'consulting', 'awaitingFee', 'reopened']);

export type Urgency = 'overdue' | 'dueSoon' | 'normal' | 'paused' | 'none';
/** Cases due within this many working days are flagged (the queue puts them on top; the daily job reports them). */
export const DUE_SOON_DAYS = 3;

/** Channels whose receipt date staff must confirm (Art. 31): signed-for post, unsigned letters, fax. */
export const channelsNeedingConfirmation: ReadonlySet<Channel> = new Set(['post', 'letter', 'fax']);

export interface Answer {
  on: IsoDate;
  outcome: OutcomeCode;
  detail: string | null;
  late: boolean;
  dueOn: IsoDate | null;
  followUp: boolean;
}

export interface Proceeding {
  id: string;
  kind: ProceedingKind;
  body: string;
  filedOn: IsoDate;
  decidedOn: IsoDate | null;
  result: ProceedingResult;
  followUpDueOn: IsoDate | null;
}

export interface CaseState {
  status: CaseStatus;
  channel: Channel | null;
  submittedOn: IsoDate | null;
  receivedOn: IsoDate | null;
  rules: RuleSetId | null;
  correction: { requestedOn: IsoDate; until: IsoDate; correctedOn: IsoDate | null } | null;
  consultations: { party: ConsultationParty; from: IsoDate; to: IsoDate | null }[];
  extension: { requestedOn: IsoDate | null; days: number; approvedOn: IsoDate | null; refused: boolean; reason: string | null } | null;
  fee: { notifiedOn: IsoDate; amount: number; basis: 'perCase' | 'perPage'; quantity: number; paidOn: IsoDate | null; lapsesAfter: IsoDate } | null;
  /** The deadline of the first answer, as of `asOf` (or of the answer, once answered). */
  deadline: DeadlineResult | null;
  dueOn: IsoDate | null;
  provisional: boolean;
  daysLeft: number | null;
  urgency: Urgency;
  /** The first answer (the one the annual report counts), then follow-up answers after corrected proceedings. */
  answer: Answer | null;
  followUps: Answer[];
  deliveredOn: IsoDate | null;
  withdrawnOn: IsoDate | null;
  proceedings: Proceeding[];
  handlerId: string | null;
  handlerName: string | null;
  duplicateOf: string[];
  /** A follow-up answer is owed: a proceeding corrected the answer; due by this date. */
  followUpDueOn: IsoDate | null;
  late: boolean;
  /** The clock stands still now: a correction awaited, or a consultation or fee notice still within its legal period. */
  paused: boolean;
}

export interface Violation {
  /** Index of the offending event in the log. */
  index: number;
  /** Message key suffix: applications.rule.<code>. */
  code: string;
  params: Record<string, string | number>;
}

const caseChanging = new Set<CaseEvent['type']>([
  'receiptConfirmed', 'correctionRequested', 'corrected', 'consultationStarted', 'consultationEnded', 'extensionRequested',
  'extended', 'extensionRefused', 'feeNotified', 'feePaid', 'withdrawn',
]);

const bookkeeping = new Set<CaseEvent['type']>(['note', 'assigned', 'duplicateSuspected', 'applicantMessage']);

/** Urgency of a case the agency owes an answer on: paused, or by the working days left (null: no due date yet). */
export function urgencyOf(owing: boolean, paused: boolean, daysLeft: number | null): Urgency {
  if (!owing) return 'none';
  if (paused) return 'paused';
  if (daysLeft === null) return 'none';
  if (daysLeft < 0) return 'overdue';
  if (daysLeft <= DUE_SOON_DAYS) return 'dueSoon';
  return 'normal';
}

export function emptyState(): CaseState {
  return {
    status: 'awaitingReceipt', channel: null, submittedOn: null, receivedOn: null, rules: null, correction: null, consultations: [],
    extension: null, fee: null, deadline: null, dueOn: null, provisional: false, daysLeft: null, urgency: 'none', answer: null,
    followUps: [], deliveredOn: null, withdrawnOn: null, proceedings: [], handlerId: null, handlerName: null, duplicateOf: [],
    followUpDueOn: null, late: false, paused: false,
  };
}

/** The deadline inputs the log holds so far, computed as of `asOf`. */
/**
 * The pauses as they count: each ends at its reply (or payment), or when its legal period lapses
 * (rules.pauseLimits), whichever is first — an unanswered letter or an unpaid notice stops the clock only
 * for the period the law gives. Open pauses still within their period stay open.
 */
export function effectivePauses(calendar: WorkCalendar, s: Pick<CaseState, 'rules' | 'consultations' | 'fee'>, asOf: IsoDate | undefined): (DeadlinePause & { lapsesOn: IsoDate | null })[] {
  const limits = s.rules ? ruleSets[s.rules].pauseLimits : {};
  const raw: DeadlinePause[] = s.consultations.map((c) => ({ kind: c.party, from: c.from, to: c.to }));
  if (s.fee) raw.push({ kind: 'fee', from: s.fee.notifiedOn, to: s.fee.paidOn });
  return raw.map((p) => {
    const limit = limits[p.kind];
    const lapsesOn = limit ? calendar.addWorkingDays(p.from, limit).date : null;
    let to = p.to;
    if (lapsesOn && ((to !== null && to > lapsesOn) || (to === null && asOf !== undefined && asOf > lapsesOn))) to = lapsesOn;
    return { ...p, to, lapsesOn };
  });
}

function deadlineOf(calendar: WorkCalendar, s: CaseState, asOf: IsoDate | undefined): DeadlineResult | null {
  if (!s.receivedOn || !s.rules) return null;
  const pauses: DeadlinePause[] = effectivePauses(calendar, s, asOf).map(({ kind, from, to }) => ({ kind, from, to }));
  return computeDeadline(calendar, {
    receivedOn: s.receivedOn,
    rules: s.rules,
    ...(s.correction ? { correction: { requestedOn: s.correction.requestedOn, correctedOn: s.correction.correctedOn } } : {}),
    pauses,
    extensionDays: s.extension?.approvedOn ? s.extension.days : 0,
    ...(asOf ? { asOf } : {}),
  });
}

export interface FoldOptions {
  /** Legal date "today": open pauses count up to it; daysLeft and urgency are computed from it. */
  asOf?: IsoDate;
  /** Rule set named by an import line; default: chosen by the receipt date. */
  rules?: RuleSetId;
}

export function foldCase(calendar: WorkCalendar, events: readonly CaseEvent[], opts: FoldOptions = {}): { state: CaseState; violations: Violation[] } {
  const s = emptyState();
  const violations: Violation[] = [];
  let lastOn: IsoDate | null = null;
  events.forEach((e, index) => {
    const fail = (code: string, params: Record<string, string | number> = {}) => violations.push({ index, code, params });
    if (index === 0 && e.type !== 'submitted') return fail('firstNotSubmitted');
    if (index > 0 && e.type === 'submitted') return fail('submittedTwice');
    // Notes, assignments and flags are dated when made; they never constrain the legal dates of the steps.
    if (!bookkeeping.has(e.type)) {
      if (lastOn && e.on < lastOn) fail('outOfOrder', { on: e.on, previous: lastOn });
      lastOn = lastOn && lastOn > e.on ? lastOn : e.on;
    }
    if (e.type !== 'submitted' && s.receivedOn && e.on < s.receivedOn && e.type !== 'note' && e.type !== 'assigned') {
      return fail('beforeReceipt', { on: e.on, receivedOn: s.receivedOn });
    }
    const closed = s.answer !== null || s.withdrawnOn !== null;
    if (caseChanging.has(e.type)) {
      if (closed) return fail('alreadyClosed');
      if (!s.receivedOn && e.type !== 'receiptConfirmed' && e.type !== 'withdrawn') return fail('notReceived');
    }
    const rules = s.rules ? ruleSets[s.rules] : null;
    switch (e.type) {
      case 'submitted': {
        s.channel = e.data.channel;
        s.submittedOn = e.on;
        if (!channelsNeedingConfirmation.has(e.data.channel)) receive(s, e.on, opts.rules);
        break;
      }
      case 'receiptConfirmed':
        if (s.receivedOn) return fail('alreadyReceived');
        if (s.submittedOn && e.on < s.submittedOn) return fail('beforeSubmission');
        receive(s, e.on, opts.rules);
        break;
      case 'correctionRequested': {
        if (s.correction) return fail('correctionTwice');
        if (e.data.until <= e.on) return fail('correctionPeriod');
        const within = rules?.correctionNoticeDays;
        if (within != null && s.receivedOn && calendar.workingDaysBetween(s.receivedOn, e.on).days > within) {
          return fail('correctionTooLate', { days: within });
        }
        s.correction = { requestedOn: e.on, until: e.data.until, correctedOn: null };
        break;
      }
      case 'corrected':
        if (!s.correction || s.correction.correctedOn) return fail('noCorrectionPending');
        s.correction.correctedOn = e.on;
        break;
      case 'consultationStarted':
        if (rules && !rules.pauses.includes(e.data.party)) return fail('pauseNotInRules', { rules: rules.id });
        if (s.consultations.some((c) => c.to === null && c.party === e.data.party)) return fail('consultationOpen');
        s.consultations.push({ party: e.data.party, from: e.on, to: null });
        break;
      case 'consultationEnded': {
        const open = s.consultations.find((c) => c.to === null && (!e.data.party || c.party === e.data.party));
        if (!open) return fail('noConsultationOpen');
        open.to = e.on;
        break;
      }
      case 'extensionRequested':
      case 'extended': {
        const days = e.data.days;
        if (s.extension?.approvedOn) return fail('extensionTwice');
        if (e.type === 'extensionRequested' && s.extension && !s.extension.refused) return fail('extensionPending');
        if (!rules) return fail('notReceived');
        if (!Number.isInteger(days) || days < 1 || days > rules.maxExtensionDays) return fail('extensionTooLong', { max: rules.maxExtensionDays });
        const d = deadlineOf(calendar, s, e.on);
        if (d?.normalDueOn && e.on > d.normalDueOn) return fail('extensionAfterDeadline', { normalDueOn: d.normalDueOn });
        if (e.type === 'extensionRequested') s.extension = { requestedOn: e.on, days, approvedOn: null, refused: false, reason: e.data.reason };
        else s.extension = { requestedOn: s.extension?.requestedOn ?? null, days, approvedOn: e.on, refused: false, reason: e.data.reason ?? s.extension?.reason ?? null };
        break;
      }
      case 'extensionRefused':
        if (!s.extension || s.extension.approvedOn || s.extension.refused) return fail('noExtensionPending');
        s.extension.refused = true;
        break;
      case 'feeNotified': {
        if (s.fee) return fail('feeTwice');
        if (rules && !rules.pauses.includes('fee')) return fail('pauseNotInRules', { rules: rules.id });
        // The notice goes out within the answer period (国办函〔2020〕109号).
        const due = deadlineOf(calendar, s, e.on)?.dueOn;
        if (due && e.on > due) return fail('feeAfterDeadline', { dueOn: due });
        if (!(e.data.amount > 0)) return fail('feeAmount');
        const lapsesAfter = calendar.addWorkingDays(e.on, ruleSets['cn-2019'].feePaymentDays).date;
        s.fee = { notifiedOn: e.on, amount: e.data.amount, basis: e.data.basis, quantity: e.data.quantity, paidOn: null, lapsesAfter };
        break;
      }
      case 'feePaid':
        if (!s.fee || s.fee.paidOn) return fail('noFeeNotice');
        if (e.on > s.fee.lapsesAfter) return fail('feePaidLate', { until: s.fee.lapsesAfter });
        s.fee.paidOn = e.on;
        break;
      case 'answered': {
        const { outcome } = e.data;
        if (!isOutcomeCode(outcome)) return fail('badOutcome', { outcome: String(outcome) });
        const rule = outcomeRules[outcome];
        const detail = e.data.detail ?? null;
        if (detail !== null && !(rule.details ?? []).includes(detail)) return fail('badDetail', { detail, outcome });
        if (s.withdrawnOn) return fail('alreadyClosed');
        if (!s.receivedOn) return fail('notReceived');
        if (s.answer) {
          // A second answer is a follow-up, owed only after a proceeding corrected the answer.
          if (!s.followUpDueOn) return fail('twoOutcomes');
          s.followUps.push({ on: e.on, outcome, detail, late: e.on > s.followUpDueOn, dueOn: s.followUpDueOn, followUp: true });
          s.followUpDueOn = null;
          break;
        }
        if (outcome === 'other.correctionLapsed') {
          if (!s.correction || s.correction.correctedOn) return fail('correctionNotPending');
          if (e.on <= s.correction.until) return fail('correctionNotLapsed', { until: s.correction.until });
        }
        if (outcome === 'other.feeUnpaid') {
          if (!s.fee || s.fee.paidOn) return fail('feeNotPending');
          if (e.on <= s.fee.lapsesAfter) return fail('feeNotLapsed', { until: s.fee.lapsesAfter });
        }
        if (outcome === 'unable.stillUnclear' && !s.correction) return fail('stillUnclearNeedsCorrection');
        // Open pauses end with the answer.
        for (const c of s.consultations) if (c.to === null) c.to = e.on;
        const d = deadlineOf(calendar, s, e.on);
        const late = !!d?.dueOn && e.on > d.dueOn;
        s.answer = { on: e.on, outcome, detail, late, dueOn: d?.dueOn ?? null, followUp: false };
        s.late = late;
        break;
      }
      case 'delivered':
        if (!s.answer) return fail('notAnswered');
        s.deliveredOn = e.on;
        break;
      case 'withdrawn':
        s.withdrawnOn = e.on;
        break;
      case 'assigned':
        s.handlerId = e.data.handlerId;
        s.handlerName = e.data.handlerName;
        break;
      case 'duplicateSuspected':
        if (!s.duplicateOf.includes(e.data.of)) s.duplicateOf.push(e.data.of);
        break;
      case 'proceedingFiled':
        if (!s.answer) return fail('notAnswered');
        if (e.data.filedOn < s.answer.on) return fail('proceedingBeforeAnswer');
        if (s.proceedings.some((p) => p.id === e.data.proceedingId)) return fail('proceedingExists');
        s.proceedings.push({ id: e.data.proceedingId, kind: e.data.kind, body: e.data.body, filedOn: e.data.filedOn, decidedOn: null, result: 'pending', followUpDueOn: null });
        break;
      case 'proceedingDecided': {
        const p = s.proceedings.find((x) => x.id === e.data.proceedingId);
        if (!p || p.result !== 'pending') return fail('noProceeding');
        if (e.data.decidedOn < p.filedOn) return fail('decidedBeforeFiled');
        p.decidedOn = e.data.decidedOn;
        p.result = e.data.result;
        if (e.data.result === 'corrected') {
          // The decision sets the period; without one, the rule set's normal answer period from the decision.
          const due = e.data.followUpDueOn ?? calendar.addWorkingDays(e.data.decidedOn, ruleSets[s.rules ?? 'cn-2019'].answerDays).date;
          p.followUpDueOn = due;
          s.followUpDueOn = due;
        }
        break;
      }
      case 'note':
      case 'applicantMessage':
        break;
    }
  });
  finish(calendar, s, opts.asOf);
  return { state: s, violations };
}

function receive(s: CaseState, on: IsoDate, rules?: RuleSetId): void {
  s.receivedOn = on;
  s.rules = rules ?? ruleSetFor(on).id;
}

function finish(calendar: WorkCalendar, s: CaseState, asOf: IsoDate | undefined): void {
  if (s.withdrawnOn) s.status = 'withdrawn';
  else if (s.followUpDueOn) s.status = 'reopened';
  else if (s.answer) s.status = 'answered';
  else if (!s.receivedOn) s.status = 'awaitingReceipt';
  else if (s.correction && !s.correction.correctedOn) s.status = 'correcting';
  else if (s.fee && !s.fee.paidOn) s.status = 'awaitingFee';
  else if (s.consultations.some((c) => c.to === null)) s.status = 'consulting';
  else s.status = 'inProgress';

  if (s.status === 'reopened') {
    s.dueOn = s.followUpDueOn;
    s.provisional = false;
    s.daysLeft = asOf && s.dueOn ? calendar.workingDaysBetween(asOf, s.dueOn).days : null;
  } else {
    const d = s.answer ? deadlineOf(calendar, s, s.answer.on) : deadlineOf(calendar, s, asOf);
    s.deadline = d;
    s.dueOn = s.answer ? s.answer.dueOn : (d?.dueOn ?? null);
    s.provisional = d?.provisional ?? false;
    s.daysLeft = openStatuses.has(s.status) && asOf && d?.dueOn ? calendar.workingDaysBetween(asOf, d.dueOn).days : null;
  }
  const pauseRunning = !s.answer && !s.withdrawnOn && effectivePauses(calendar, s, asOf).some((p) => p.to === null);
  s.paused = s.status === 'correcting' || ((s.status === 'consulting' || s.status === 'awaitingFee') && pauseRunning);
  const owing = openStatuses.has(s.status) && s.status !== 'awaitingReceipt';
  // Without a "today" (asOf) an owed case is simply running.
  s.urgency = owing && !s.paused && s.daysLeft === null ? 'normal' : urgencyOf(owing, s.paused, s.daysLeft);
}
