import { isIsoDate } from '../../kernel/calendar/index.ts';
import { computeDeadline, type DeadlineInput, type DeadlinePause, type DeadlineResult, type DeadlineStep } from '../../modules/applications/deadline.ts';
import { articleRefEn, isRuleSetId, ruleSetFor, ruleSets, type RuleSetId } from '../../modules/applications/rules.ts';
import { optString, printJson, requireString, UsageError, type Command, type CommandContext } from '../framework.ts';
import { provisionalWarning } from './calendar.ts';
import { positionals, withServices } from './shared.ts';

const PAUSE_NAMES: Record<DeadlinePause['kind'], string> = {
  thirdParty: 'Third-party consultation',
  agency: 'Consultation of another agency',
  fee: 'Fee notice until payment',
};

/** One step of the explanation, in English (the CLI's language; the web uses the message catalog). */
function describeStep(step: DeadlineStep): string {
  switch (step.kind) {
    case 'receipt':
      return `Received ${step.on} (counting starts the next day)`;
    case 'rules': {
      const rs = ruleSets[step.rules];
      return `Rule set ${step.rules}: ${step.answerDays} working days (${articleRefEn(rs.articles.answer)}${step.rules === 'cn-2007' ? ' of the 2007 regulation' : ''})`;
    }
    case 'correction':
      return step.correctedOn
        ? `Correction requested ${step.requestedOn}; corrected application received ${step.correctedOn}: counting restarts the next day`
        : `Correction requested ${step.requestedOn}; waiting for the corrected application (no due date until it arrives)`;
    case 'pause': {
      const name = PAUSE_NAMES[step.pause];
      const overlap = step.overlapsEarlier ? ` (overlaps an earlier pause: ${step.addedDays} more)` : '';
      if (step.to === null) return `${name} since ${step.from}, still open: ${step.workingDays} working days not counted up to ${step.countedUpTo}${overlap}`;
      return `${name} ${step.from} – ${step.to}: ${step.workingDays} working days not counted${overlap}`;
    }
    case 'extension':
      return `Extension: ${step.days} working days`;
    case 'due':
      return step.on ? `Due ${step.on}${step.provisional ? ' (provisional)' : ''}` : 'No due date yet';
  }
}

function date(ctx: CommandContext, name: string, value: string): string {
  if (!isIsoDate(value)) throw new UsageError(`--${name} must be a date as YYYY-MM-DD (got '${value}')`);
  return value;
}

/** `FROM:TO`, `FROM:` (still open), or with a kind first: `agency:FROM:TO`, `fee:FROM:TO` (default third party). */
function parsePause(ctx: CommandContext, raw: string): DeadlinePause {
  const m = /^(?:(thirdParty|agency|fee):)?([^:]*):([^:]*)$/.exec(raw);
  if (!m) throw new UsageError(`--pause must be FROM:TO (dates as YYYY-MM-DD, optionally KIND: first with KIND thirdParty, agency or fee; got '${raw}')`);
  const kind = (m[1] ?? 'thirdParty') as DeadlinePause['kind'];
  const from = m[2]!;
  const to = m[3]!;
  if (!isIsoDate(from) || (to !== '' && !isIsoDate(to))) throw new UsageError(`--pause must be FROM:TO with dates as YYYY-MM-DD (got '${raw}')`);
  if (to !== '' && to < from) throw new UsageError(`--pause ${raw}: TO (${to}) is before FROM (${from})`);
  return { kind, from, to: to === '' ? null : to };
}

function strings(ctx: CommandContext, name: string): string[] {
  const v = ctx.values[name];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];
}

/** Reads the options into a DeadlineInput; every bad value is a UsageError (exit 2) before the database is touched. */
export function deadlineInput(ctx: CommandContext): DeadlineInput {
  const receivedOn = date(ctx, 'received', requireString(ctx, 'received'));
  const rulesOpt = optString(ctx, 'rules');
  if (rulesOpt !== undefined && !isRuleSetId(rulesOpt)) throw new UsageError(`--rules must be cn-2019 or cn-2007 (got '${rulesOpt}')`);
  const rules: RuleSetId = rulesOpt ?? ruleSetFor(receivedOn).id;

  const input: DeadlineInput = { receivedOn, rules };
  const requested = optString(ctx, 'correction-requested');
  const corrected = optString(ctx, 'corrected');
  if (corrected !== undefined && requested === undefined) throw new UsageError('--corrected needs --correction-requested (the date the correction notice went out)');
  if (requested !== undefined) {
    const requestedOn = date(ctx, 'correction-requested', requested);
    if (requestedOn < receivedOn) throw new UsageError(`--correction-requested (${requestedOn}) is before --received (${receivedOn})`);
    const correctedOn = corrected === undefined ? null : date(ctx, 'corrected', corrected);
    if (correctedOn !== null && correctedOn < requestedOn) throw new UsageError(`--corrected (${correctedOn}) is before --correction-requested (${requestedOn})`);
    input.correction = { requestedOn, correctedOn };
  }

  const pauses = strings(ctx, 'pause').map((p) => parsePause(ctx, p));
  const rs = ruleSets[rules];
  for (const p of pauses) {
    if (!(rs.pauses as readonly string[]).includes(p.kind)) throw new UsageError(`--pause ${p.kind}: such a pause does not stop the clock under ${rules}`);
  }
  if (pauses.length) input.pauses = pauses;

  const extend = optString(ctx, 'extend');
  if (extend !== undefined) {
    if (!/^\d+$/.test(extend)) throw new UsageError(`--extend must be a whole number of working days (got '${extend}')`);
    const days = Number(extend);
    if (days > rs.maxExtensionDays) throw new UsageError(`--extend ${days} is more than the ${rs.maxExtensionDays} working days ${rules} allows`);
    input.extensionDays = days;
  }
  const asOf = optString(ctx, 'as-of');
  if (asOf !== undefined) input.asOf = date(ctx, 'as-of', asOf);
  return input;
}

/** The plain-text answer: `Due: …`, then the numbered steps, then the state as of --as-of. */
export function describeDeadline(r: DeadlineResult, asOf?: string): string[] {
  const head = r.dueOn
    ? `Due: ${r.dueOn}${r.provisional ? ' (provisional)' : ''}${r.pausedNow ? ' at the earliest (a pause is still open)' : ''}`
    : 'Due: not yet known (waiting for the corrected application)';
  const lines = [head, ...r.steps.map((s, i) => `${i + 1}. ${describeStep(s)}`)];
  if (asOf && r.daysLeft !== null) {
    const n = r.daysLeft;
    lines.push(n > 0 ? `As of ${asOf}: ${n} working day${n === 1 ? '' : 's'} left` : n === 0 ? `As of ${asOf}: due today` : `As of ${asOf}: overdue by ${-n} working day${n === -1 ? '' : 's'}`);
  }
  return lines;
}

export const deadlineCommand: Command = {
  name: 'deadline',
  summary: 'Compute the answer deadline of a disclosure application and explain each step.',
  usage: '--received YYYY-MM-DD [--rules cn-2019|cn-2007] [--correction-requested D --corrected D] [--pause FROM:TO]… [--extend DAYS] [--as-of D] [--json]',
  help: [
    'Working days are counted from the day after receipt (Art. 33: 20, plus at most 20 on extension; cn-2007: 15 + 15).',
    'The rule set follows from the receipt date (before 2019-05-15: cn-2007) unless --rules names one.',
    '--correction-requested/--corrected: the count restarts the day after the corrected application arrived;',
    'with --correction-requested alone there is no due date yet.',
    '--pause FROM:TO (repeatable): a third-party consultation; the working days after FROM up to and including TO',
    'are not counted (overlapping pauses once). Prefix agency: or fee: for an inter-agency consultation or a fee',
    'notice until payment (agency:2025-10-09:2025-10-16). FROM: with no TO is a pause still open: it counts up to',
    '--as-of, and the due date is then the earliest possible. --as-of also prints the working days left.',
    'Uses the official holiday schedules plus notices imported with gongkai calendar import; a result reaching a year',
    'without official data is provisional (warning on stderr). --json prints the full computation.',
  ].join('\n'),
  options: {
    received: { type: 'string' },
    rules: { type: 'string' },
    'correction-requested': { type: 'string' },
    corrected: { type: 'string' },
    pause: { type: 'string', multiple: true },
    extend: { type: 'string' },
    'as-of': { type: 'string' },
  },
  async run(ctx) {
    positionals(ctx, []);
    const input = deadlineInput(ctx);
    await withServices(ctx, async (services) => {
      const calendar = await services.calendar.current();
      const r = computeDeadline(calendar, input);
      if (ctx.json) printJson(ctx, r);
      else for (const line of describeDeadline(r, input.asOf)) ctx.out(line);
      if (r.provisional) ctx.err(provisionalWarning(r));
    });
  },
};

export const deadlineCommands: Command[] = [deadlineCommand];
