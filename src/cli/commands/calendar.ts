import { cliActor } from '../../modules/audit/index.ts';
import { calendarNoticeSchema, isIsoDate, type WorkingDayResult } from '../../kernel/calendar/index.ts';
import { toFieldIssues } from '../../kernel/validation.ts';
import { describeIssue, printJson, requireInt, requireString, UsageError, type Command } from '../framework.ts';
import { positionals, readInput, withServices } from './shared.ts';

/** The plain-text warning printed on stderr for a provisional result. */
export function provisionalWarning(r: Pick<WorkingDayResult, 'unofficialYears'>): string {
  const years = r.unofficialYears.join(', ');
  const plural = r.unofficialYears.length > 1;
  return `Warning: provisional result. ${years} ${plural ? 'have' : 'has'} no official holiday data yet, so Monday to Friday were counted as working days in ${plural ? 'those years' : 'that year'}; the date may change once the State Council notice for ${years} is imported (gongkai calendar import).`;
}

export const calendarAddCommand: Command = {
  name: 'calendar add',
  summary: 'Print the N-th working day after a date (the date itself is not counted).',
  usage: '--from YYYY-MM-DD --days N [--json]',
  help: [
    'Uses the official holiday schedules (built in, plus notices imported with gongkai calendar import).',
    'If the count reaches into a year without official data, the result is provisional: a warning says so on stderr,',
    'and --json prints {from, days, date, provisional, unofficialYears}.',
  ].join('\n'),
  options: { from: { type: 'string' }, days: { type: 'string' } },
  async run(ctx) {
    positionals(ctx, []);
    const from = requireString(ctx, 'from');
    if (!isIsoDate(from)) throw new UsageError(`--from must be a date as YYYY-MM-DD (got '${from}')`);
    const days = requireInt(ctx, 'days', { min: 0, max: 10000 });
    await withServices(ctx, async (services) => {
      const calendar = await services.calendar.current();
      const r = calendar.addWorkingDays(from, days);
      if (ctx.json) printJson(ctx, { from, days, date: r.date, provisional: r.provisional, unofficialYears: r.unofficialYears });
      else ctx.out(r.date);
      if (r.provisional) ctx.err(provisionalWarning(r));
    });
  },
};

export const calendarCheckCommand: Command = {
  name: 'calendar check',
  summary: 'Say whether a year has official holiday data, and where it comes from.',
  usage: '--year YYYY [--json]',
  help: 'Exits 0 either way; --json prints {year, official, source} with source "builtin" (the package data), "imported" (a notice entered with gongkai calendar import) or null.',
  options: { year: { type: 'string' } },
  async run(ctx) {
    positionals(ctx, []);
    const year = requireInt(ctx, 'year', { min: 1, max: 9999 });
    await withServices(ctx, async (services) => {
      const calendar = await services.calendar.current();
      const from = calendar.yearSource(year);
      const source = from === 'builtin' ? 'builtin' : from === 'override' ? 'imported' : null;
      const reference = from === 'override' ? (await services.calendar.list()).find((n) => n.year === year)?.source ?? null : null;
      if (ctx.json) return printJson(ctx, { year, official: source !== null, source, ...(source === 'imported' ? { notice: reference } : {}) });
      if (source === 'builtin') ctx.out(`${year}: official holiday data (built into Gongkai, from the chinese-days package).`);
      else if (source === 'imported') ctx.out(`${year}: official holiday data (imported notice${reference ? ` ${reference}` : ''}).`);
      else ctx.out(`${year}: no official holiday data. Working days in ${year} are counted Monday to Friday and every result that reaches ${year} is provisional until its State Council notice is imported with gongkai calendar import.`);
    });
  },
};

export const calendarImportCommand: Command = {
  name: 'calendar import',
  summary: "Enter a year's State Council holiday notice (holidays and make-up working days) from a JSON file.",
  usage: 'FILE|-',
  help: [
    'The file holds one JSON object: {"year": 2027, "holidays": [{"from": "2027-01-01", "to": "2027-01-03", "name": "元旦"}, …],',
    '"workdays": ["2027-02-07", …], "source": "国办发明电〔2026〕…号"}. Holiday ranges are inclusive; workdays are the weekend days',
    'made working days (调休上班). A notice replaces any earlier data for its year, built-in or imported. `-` reads standard input.',
  ].join('\n'),
  async run(ctx) {
    const [file] = positionals(ctx, ['FILE']);
    const name = file === '-' ? 'standard input' : file;
    const text = await readInput(ctx, file);
    let value: unknown;
    try {
      value = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (e) {
      throw new Error(`${name} is not valid JSON (${(e as Error).message})`);
    }
    const r = calendarNoticeSchema.safeParse(value);
    if (!r.success) {
      const issues = toFieldIssues(r.error);
      for (const i of issues) ctx.err(describeIssue({ ...i, field: i.field === '_' ? '(top level)' : i.field }));
      throw new Error(`${name} is not a valid holiday notice: ${issues.length} problem(s); nothing was imported`);
    }
    await withServices(ctx, async (services) => {
      const before = (await services.calendar.current()).yearSource(r.data.year);
      const notice = await services.calendar.importNotice(services.users.systemPrincipal(), cliActor, r.data);
      const replaced = before === 'builtin' ? 'builtin' : before === 'override' ? 'imported' : null;
      if (ctx.json) return printJson(ctx, { year: notice.year, holidays: notice.holidays.length, workdays: notice.workdays.length, source: notice.source ?? null, replaced });
      const what = replaced === 'builtin' ? ' It replaces the built-in data for that year.' : replaced === 'imported' ? ' It replaces the notice imported before.' : '';
      ctx.out(`Imported the ${notice.year} holiday notice${notice.source ? ` (${notice.source})` : ''}: ${notice.holidays.length} holiday range(s), ${notice.workdays.length} make-up working day(s).${what}`);
    });
  },
};

export const calendarCommands: Command[] = [calendarAddCommand, calendarCheckCommand, calendarImportCommand];
