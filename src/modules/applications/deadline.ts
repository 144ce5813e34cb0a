/**
 * The one answer-deadline computation (spec disclosure-applications.md §2), used by the case page,
 * the queue, imports and the CLI. Pure: the working-day calendar is passed in.
 *
 *   due = addWorkingDays(countFrom, answerDays + extensionDays + pausedDays)
 *
 * - countFrom is the receipt date, or — after a correction (补正, a RESTART) — the day the corrected
 *   application arrived; while the correction is awaited there is no due date.
 * - A pause from A to B takes out the working days d with A < d <= B, and only days after countFrom
 *   (a pause before the restart is irrelevant). Overlapping pauses are merged: each day counts once.
 * - An open pause (to = null) counts up to `asOf` when given. Without `asOf` it counts nothing yet
 *   (as if it ended on its own start day): pausedNow is true and dueOn is then the EARLIEST the due
 *   date can be — it moves later by every working day the pause stays open. The same holds with
 *   asOf: while paused, dueOn is "at least", as of asOf.
 * - Every result says how it was reached (steps), so the date can be explained in one view.
 */
import { isIsoDate, type IsoDate, type WorkCalendar, type WorkingDayResult } from '../../kernel/calendar/index.ts';
import { isRuleSetId, ruleSetFor, ruleSets, type PauseKind, type RuleSet, type RuleSetId } from './rules.ts';

export interface DeadlinePause {
  kind: PauseKind;
  from: IsoDate;
  /** null = still open. */
  to: IsoDate | null;
}

export interface DeadlineInput {
  receivedOn: IsoDate;
  /** Default: ruleSetFor(receivedOn). */
  rules?: RuleSetId;
  /** Restart: the count runs from correctedOn; null = still waiting for the corrected application. */
  correction?: { requestedOn: IsoDate; correctedOn: IsoDate | null };
  pauses?: DeadlinePause[];
  /** 0 if none; more than the rule set's maxExtensionDays → RangeError. */
  extensionDays?: number;
  /** Legal date "today": an open pause counts up to it, and daysLeft is computed from it. */
  asOf?: IsoDate;
}

export type DeadlineStep =
  | { kind: 'receipt'; on: IsoDate }
  | { kind: 'rules'; rules: RuleSetId; answerDays: number }
  | { kind: 'correction'; requestedOn: IsoDate; correctedOn: IsoDate | null }
  | {
      kind: 'pause';
      pause: PauseKind;
      from: IsoDate;
      to: IsoDate | null;
      /** Working days this pause takes out on its own (after countFrom; an open one up to asOf). */
      workingDays: number;
      /** It shares days with a pause listed before it (those days are counted once). */
      overlapsEarlier: boolean;
      /** Working days it adds to pausedDays beyond the pauses before it (= workingDays unless it overlaps). */
      addedDays: number;
      /** to = null: counted up to this date (asOf, or `from` when there is no asOf). */
      countedUpTo: IsoDate | null;
    }
  | { kind: 'extension'; days: number }
  | { kind: 'due'; on: IsoDate | null; provisional: boolean };

export interface DeadlineResult {
  rules: RuleSetId;
  /** The day after which working days are counted (receipt, or the corrected date); null while waiting for a correction. */
  countFrom: IsoDate | null;
  /** answerDays + paused days, without extension: the date by which an extension must be decided and notified. */
  normalDueOn: IsoDate | null;
  /** null while waiting for a correction. */
  dueOn: IsoDate | null;
  /** Some day counted lies in a year without official holiday data (Monday–Friday assumed). */
  provisional: boolean;
  unofficialYears: number[];
  /** Working days taken out, overlapping pauses counted once. */
  pausedDays: number;
  extensionDays: number;
  /** A pause is open (at asOf, when given): dueOn is then the earliest possible due date. */
  pausedNow: boolean;
  waitingForCorrection: boolean;
  /** Working days from asOf to dueOn; negative when overdue (-(working days after dueOn up to asOf)); null without dueOn or asOf. */
  daysLeft: number | null;
  steps: DeadlineStep[];
}

function checkDate(value: unknown, what: string): asserts value is IsoDate {
  if (typeof value !== 'string' || !isIsoDate(value)) throw new RangeError(`${what} must be a date as YYYY-MM-DD (got ${JSON.stringify(value)})`);
}

/** The rule set named by id, or chosen by the receipt date. */
function ruleSetOf(id: RuleSetId | undefined, receivedOn: IsoDate): RuleSet {
  if (id === undefined) return ruleSetFor(receivedOn);
  if (!isRuleSetId(id)) throw new RangeError(`Unknown rule set: ${String(id)}`);
  return ruleSets[id];
}

export function computeDeadline(calendar: WorkCalendar, input: DeadlineInput): DeadlineResult {
  const { receivedOn, correction, asOf } = input;
  checkDate(receivedOn, 'receivedOn');
  if (asOf !== undefined) checkDate(asOf, 'asOf');
  const rules = ruleSetOf(input.rules, receivedOn);

  const extensionDays = input.extensionDays ?? 0;
  if (!Number.isInteger(extensionDays) || extensionDays < 0) throw new RangeError(`Extension must be a whole number of working days (got ${extensionDays})`);
  if (extensionDays > rules.maxExtensionDays) {
    throw new RangeError(`Extension of ${extensionDays} working days exceeds the maximum of ${rules.maxExtensionDays} under ${rules.id}`);
  }

  if (correction) {
    checkDate(correction.requestedOn, 'correction.requestedOn');
    if (correction.requestedOn < receivedOn) throw new RangeError(`Correction requested (${correction.requestedOn}) before receipt (${receivedOn})`);
    if (correction.correctedOn !== null) {
      checkDate(correction.correctedOn, 'correction.correctedOn');
      if (correction.correctedOn < correction.requestedOn) {
        throw new RangeError(`Corrected application (${correction.correctedOn}) before the correction was requested (${correction.requestedOn})`);
      }
    }
  }

  const pauses = [...(input.pauses ?? [])];
  for (const p of pauses) {
    if (!rules.pauses.includes(p.kind)) throw new RangeError(`A ${p.kind} pause does not stop the clock under ${rules.id}`);
    checkDate(p.from, 'pause.from');
    if (p.to !== null) {
      checkDate(p.to, 'pause.to');
      if (p.to < p.from) throw new RangeError(`Pause ends (${p.to}) before it starts (${p.from})`);
    }
  }
  // Explained in date order (stable for equal starts).
  pauses.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));

  const years = new Set<number>();
  const note = (r: { unofficialYears: number[] }): void => r.unofficialYears.forEach((y) => years.add(y));

  const waitingForCorrection = !!correction && correction.correctedOn === null;
  const countFrom = !correction ? receivedOn : correction.correctedOn;

  const steps: DeadlineStep[] = [{ kind: 'receipt', on: receivedOn }, { kind: 'rules', rules: rules.id, answerDays: rules.answerDays }];
  if (correction) steps.push({ kind: 'correction', requestedOn: correction.requestedOn, correctedOn: correction.correctedOn });

  // Each pause as the interval (lo, hi] of days it takes out, clipped to after countFrom.
  let pausedNow = false;
  const counted: { lo: IsoDate; hi: IsoDate }[] = [];
  let pausedDays = 0;
  for (const p of pauses) {
    let end: IsoDate;
    if (p.to !== null) end = p.to;
    else {
      if (asOf === undefined || p.from <= asOf) pausedNow = true;
      end = asOf !== undefined && asOf > p.from ? asOf : p.from;
    }
    let workingDays = 0;
    let addedDays = 0;
    let overlapsEarlier = false;
    if (countFrom !== null) {
      const lo = p.from > countFrom ? p.from : countFrom;
      if (end > lo) {
        const own = calendar.workingDaysBetween(lo, end);
        note(own);
        workingDays = own.days;
        // Days not already taken out by earlier pauses: walk the part of (lo, end] after every earlier interval.
        overlapsEarlier = counted.some((c) => c.lo < end && lo < c.hi);
        // Earlier pauses start no later (sorted), so the new days are those after the furthest earlier end.
        const furthest = counted.reduce<IsoDate | null>((m, c) => (c.hi > lo && (m === null || c.hi > m) ? c.hi : m), null);
        const newFrom = furthest !== null && furthest > lo ? furthest : lo;
        addedDays = end > newFrom ? calendar.workingDaysBetween(newFrom, end).days : 0;
        pausedDays += addedDays;
        counted.push({ lo, hi: end });
      }
    }
    steps.push({ kind: 'pause', pause: p.kind, from: p.from, to: p.to, workingDays, overlapsEarlier, addedDays, countedUpTo: p.to === null ? end : null });
  }

  if (extensionDays > 0) steps.push({ kind: 'extension', days: extensionDays });

  let normalDueOn: IsoDate | null = null;
  let dueOn: IsoDate | null = null;
  let daysLeft: number | null = null;
  if (countFrom !== null) {
    const normal = calendar.addWorkingDays(countFrom, rules.answerDays + pausedDays);
    note(normal);
    normalDueOn = normal.date;
    const due = extensionDays > 0 ? calendar.addWorkingDays(countFrom, rules.answerDays + extensionDays + pausedDays) : normal;
    note(due);
    dueOn = due.date;
    if (asOf !== undefined) {
      const left = calendar.workingDaysBetween(asOf, dueOn);
      note(left);
      daysLeft = left.days;
    }
  }
  const unofficialYears = [...years].sort((a, b) => a - b);
  const provisional = unofficialYears.length > 0;
  steps.push({ kind: 'due', on: dueOn, provisional });

  return {
    rules: rules.id,
    countFrom,
    normalDueOn,
    dueOn,
    provisional,
    unofficialYears,
    pausedDays,
    extensionDays,
    pausedNow,
    waitingForCorrection,
    daysLeft,
    steps,
  };
}

/** The last day for the one correction notice (Art. 30: 7 working days after receipt); null when the rule set sets no period (cn-2007). */
export function correctionNoticeDueOn(calendar: WorkCalendar, receivedOn: IsoDate, rules?: RuleSetId): WorkingDayResult | null {
  checkDate(receivedOn, 'receivedOn');
  const days = ruleSetOf(rules, receivedOn).correctionNoticeDays;
  return days === null ? null : calendar.addWorkingDays(receivedOn, days);
}

/**
 * The day a pause lapses: `days` working days counted from the day after `from` (the notice or letter),
 * e.g. a consultation (15, Art. 32/34) or a fee notice (20, 国办函〔2020〕109号).
 */
export function pauseLapseOn(calendar: WorkCalendar, from: IsoDate, days: number): IsoDate {
  checkDate(from, 'from');
  return calendar.addWorkingDays(from, days).date;
}

/** A message-catalog key and its parameters (locales/<locale>/applications-deadline.json). */
export interface DeadlineMessage {
  key: string;
  params: Record<string, string | number>;
}

/**
 * The messages that explain one step, for the web (rendered through the message catalog and joined).
 * A pause that is still open gets its kind's message with `to` = the date it is counted up to, then
 * the `deadline.step.pauseOpen` note; a pause overlapping an earlier one gets `deadline.step.pauseOverlap`.
 */
export function deadlineStepMessages(step: DeadlineStep): DeadlineMessage[] {
  switch (step.kind) {
    case 'receipt':
      return [{ key: 'deadline.step.receipt', params: { on: step.on } }];
    case 'rules':
      return [{ key: 'deadline.step.rules', params: { rules: step.rules, answerDays: step.answerDays } }];
    case 'correction':
      return step.correctedOn
        ? [{ key: 'deadline.step.correction', params: { requestedOn: step.requestedOn, correctedOn: step.correctedOn } }]
        : [{ key: 'deadline.step.correctionPending', params: { requestedOn: step.requestedOn } }];
    case 'pause': {
      const out: DeadlineMessage[] = [
        { key: `deadline.step.pause.${step.pause}`, params: { from: step.from, to: step.to ?? step.countedUpTo ?? step.from, workingDays: step.workingDays } },
      ];
      if (step.to === null) out.push({ key: 'deadline.step.pauseOpen', params: { countedUpTo: step.countedUpTo ?? step.from } });
      if (step.overlapsEarlier) out.push({ key: 'deadline.step.pauseOverlap', params: { addedDays: step.addedDays } });
      return out;
    }
    case 'extension':
      return [{ key: 'deadline.step.extension', params: { days: step.days } }];
    case 'due':
      if (step.on === null) return [{ key: 'deadline.step.dueWaiting', params: {} }];
      return [{ key: step.provisional ? 'deadline.step.dueProvisional' : 'deadline.step.due', params: { on: step.on } }];
  }
}

/** The explanation shown with a provisional result: which years have no official holiday data yet. */
export function deadlineProvisionalMessage(r: Pick<DeadlineResult, 'unofficialYears'>): DeadlineMessage {
  return { key: 'deadline.provisional', params: { years: r.unofficialYears.join(', ') } };
}
