import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { closePdfBrowser } from '../../render/chromium.ts';
import {
  checkImported,
  failedChecks,
  isReportFormat,
  legacyAnswers,
  parseReportJson,
  table4Blocks,
  type BalanceCheck,
  type CompiledReport,
} from '../../modules/reports/index.ts';
import { reportDocx } from '../../modules/reports/docx.ts';
import { reportXlsx } from '../../modules/reports/xlsx.ts';
import { reportHtmlDocument } from '../../modules/reports/html-export.ts';
import { translator } from '../../http/i18n/index.ts';
import { describeIssue, optString, printJson, requireString, UsageError, type Command, type CommandContext } from '../framework.ts';
import { formatTable, n, positionals, readInput, withServices } from './shared.ts';

/** What each balance check verifies, in the CLI's language (English). */
const RULES: Record<string, string> = {
  'table3.balance': 'table 三, each column: received + carried over = handled (total) + carried forward',
  'table3.leafSum': 'table 三, each column: total handled = sum of the outcome rows',
  'table3.rowTotal': 'table 三, each row: total = sum of the six applicant columns',
  'table3.carriedOver': "table 三, each column: last year's carried forward = this year's carried over",
  'table4.blockTotal': 'table 四, each block: total = upheld + corrected + other + pending',
  'rollup.sum': 'roll-up = sum of the agencies, per cell',
  'legacy.answers': 'legacy: the answers add up to the completed cases',
  'legacy.completed': 'legacy: on time + extended = completed',
  'legacy.channels': 'legacy: the channels add up to the received cases',
  'legacy.withheld': 'legacy: the reasons add up to the withheld answers',
  'legacy.balance': 'legacy: received + carried over = completed + carried forward',
};

/** One failed check as a line: rule, what it verifies, the cells, left ≠ right. */
export function describeCheck(c: BalanceCheck): string {
  const sides = c.left !== undefined && c.right !== undefined ? `: ${c.left} ≠ ${c.right}` : '';
  return `FAILED ${c.rule} (${RULES[c.rule] ?? c.rule}) — ${c.cells.join(', ')}${sides}`;
}

function checkSummary(checks: BalanceCheck[]): string {
  const failed = failedChecks(checks).length;
  return failed ? `Checks: ${checks.length - failed} passed, ${failed} failed.` : `Checks: all ${checks.length} passed.`;
}

const OUT_KINDS = ['.docx', '.xlsx', '.html', '.json'] as const;
type OutKind = (typeof OUT_KINDS)[number];

const COLUMN_HEADS = ['natural', 'commercial', 'research', 'publicInt', 'legalSvc', 'otherOrg', 'total'];
const MAIN_ROWS: [string, string][] = [
  ['received', '一 received'],
  ['carriedOver', '二 carried over'],
  ['total', '三 handled (total)'],
  ['carriedForward', '四 carried forward'],
];
const OUTCOME_GROUPS: [string, string][] = [
  ['disclose', '（一）disclosed'],
  ['partial', '（二）partly disclosed'],
  ['withhold', '（三）withheld'],
  ['unable', '（四）cannot be provided'],
  ['decline', '（五）not processed'],
  ['other', '（六）other'],
];

/** The readable summary of a compiled report: title, table 三's main rows and outcome groups, table 四, legacy figures. */
export function summaryLines(report: CompiledReport): string[] {
  const { json } = report;
  const lines = [report.title, `Format ${json.format}, scope ${json.scope}${json.parts ? ` (${json.parts.length} agencies)` : ''}, ${report.status}.`, ''];
  lines.push('Table 三 (applications):');
  lines.push(...formatTable(['ROW', ...COLUMN_HEADS], MAIN_ROWS.map(([k, label]) => [label, ...(json.table3.rows[k] ?? []).map((x) => n(x))])));
  const groupTotal = (g: string) => Object.entries(json.table3.rows).filter(([k]) => k === g || k.startsWith(`${g}.`)).reduce((s, [, v]) => s + (v[6] ?? 0), 0);
  lines.push(`Outcomes: ${OUTCOME_GROUPS.map(([g, label]) => `${label} ${n(groupTotal(g))}`).join(', ')}.`);
  lines.push('', 'Table 四 (reconsideration and litigation):');
  const t4Labels: Record<string, string> = { reconsideration: 'reconsideration', litigationDirect: 'litigation, direct', litigationAfterReconsideration: 'litigation after reconsideration' };
  lines.push(...formatTable(['BLOCK', 'upheld', 'corrected', 'other', 'pending', 'total'], table4Blocks.map((b) => [t4Labels[b]!, ...(json.table4[b] ?? []).map((x) => n(x))])));
  if (json.legacy) {
    const l = json.legacy;
    lines.push('', 'Legacy statistics (2007 regulation):');
    lines.push(`Received ${n(l.received)}, carried over ${n(l.carriedOver)}, completed ${n(l.completed)} (on time ${n(l.onTime)}, extended ${n(l.extended)}), carried forward ${n(l.carriedForward)}.`);
    lines.push(`Answers: ${legacyAnswers.map((a) => `${a} ${n(l.answers[a])}`).join(', ')}.`);
    lines.push(`Reconsideration [upheld, corrected, other]: [${l.reconsideration.join(', ')}]; litigation: [${l.litigation.join(', ')}]; fees ${l.fees} yuan.`);
  } else if (report.feesCollected > 0) lines.push('', `Fees collected: ${report.feesCollected} yuan.`);
  lines.push('');
  return lines;
}

function reportAnnualOptions(ctx: CommandContext) {
  positionals(ctx, []);
  const agency = requireString(ctx, 'agency').trim();
  const yearText = requireString(ctx, 'year');
  if (!/^\d{4}$/.test(yearText)) throw new UsageError(`--year must be a year (YYYY; got '${yearText}')`);
  const format = optString(ctx, 'format');
  if (format !== undefined && !isReportFormat(format)) throw new UsageError(`--format must be 2021, 2019 or legacy (got '${format}')`);
  const out = optString(ctx, 'out');
  if (out !== undefined && ctx.json) throw new UsageError('give either --json or --out, not both');
  let kind: OutKind | null = null;
  if (out !== undefined) {
    const ext = extname(out).toLowerCase();
    if (!(OUT_KINDS as readonly string[]).includes(ext)) throw new UsageError(`--out must end in .docx, .xlsx, .html or .json (got '${out}')`);
    kind = ext as OutKind;
  }
  return { agency, year: Number(yearText), scope: ctx.values.rollup ? ('rollup' as const) : ('agency' as const), ...(format ? { format } : {}), out, kind };
}

async function render(report: CompiledReport, kind: OutKind): Promise<Buffer> {
  switch (kind) {
    case '.docx':
      try {
        return await reportDocx(report);
      } finally {
        await closePdfBrowser();
      }
    case '.xlsx':
      return reportXlsx(report);
    case '.html':
      return Buffer.from(reportHtmlDocument(report, translator('zh-CN')), 'utf8');
    case '.json':
      return Buffer.from(`${JSON.stringify(report.json, null, 2)}\n`, 'utf8');
  }
}

export const reportAnnualCommand: Command = {
  name: 'report annual',
  summary: 'Compile the annual report on government information disclosure (年度报告) of an agency, or its roll-up, from the records.',
  usage: '--agency CODE --year YYYY [--rollup] [--format 2021|2019|legacy] [--json | --out FILE.docx|FILE.xlsx|FILE.html|FILE.json]',
  help: [
    'Compiles the report as the published one would be (the published report itself when there is one): table 二 from',
    'the catalog and the entered figures, table 三 from the applications, table 四 from the proceedings, in the format',
    'of the year (2021 format from 2021, the 2019 trial format for 2019–2020, the legacy statistics before) unless',
    '--format names one. Without --rollup: the agency\'s own records; with it: the agency and everything below it,',
    'each agency\'s row alongside.',
    'Prints a summary (title, table 三\'s main rows and outcomes, table 四, the failed balance checks); --json prints',
    'the report\'s JSON (the shape `gongkai report check` reads); --out writes a Word document, a spreadsheet, a',
    'self-contained web page or the JSON, by the file\'s extension.',
    'Exit code 1 when a balance check fails (the output is written all the same), 0 otherwise.',
  ].join('\n'),
  options: { agency: { type: 'string' }, year: { type: 'string' }, rollup: { type: 'boolean' }, format: { type: 'string' }, out: { type: 'string' } },
  async run(ctx) {
    const o = reportAnnualOptions(ctx);
    return withServices(ctx, async (services) => {
      const principal = services.users.systemPrincipal();
      const wantsCharts = o.kind === '.docx' || o.kind === '.html';
      const report = await services.reports.compile(principal, { agency: o.agency, year: o.year, scope: o.scope, ...(o.format ? { format: o.format } : {}), trend: wantsCharts });
      const failed = failedChecks(report.json.checks);
      if (ctx.json) printJson(ctx, report.json);
      else if (o.out && o.kind) {
        const bytes = await render(report, o.kind);
        writeFileSync(o.out, bytes);
        ctx.out(`Wrote ${o.out} (${n(bytes.length)} bytes): ${report.title}.`);
        ctx.out(checkSummary(report.json.checks));
      } else {
        for (const line of summaryLines(report)) ctx.out(line);
        ctx.out(checkSummary(report.json.checks));
      }
      for (const c of failed) ctx.err(describeCheck(c));
      return failed.length ? 1 : 0;
    });
  },
};

export const reportCheckCommand: Command = {
  name: 'report check',
  summary: "Check a published annual report's tables (JSON in the shape `report annual --json` writes) against the balance checks.",
  usage: 'FILE.json|- [--json]',
  help: [
    'FILE holds one report or a list of them (`-` reads standard input). Blank cells are zeros: missing rows count as',
    'zeros. A malformed file (a row of the wrong length, an unknown row, a negative count …) is refused with the JSON',
    'path of each problem (exit 2). Otherwise every balance check of the spec runs (each column of table 三 balances,',
    'the outcome rows add up to the total, each row\'s total is the sum of its columns, table 四\'s blocks add up, a',
    'roll-up equals the sum of its parts; with two consecutive years in one file, last year\'s carried forward equals',
    'this year\'s carried over), and each failed check is printed with its cells and the two sides.',
    '--json prints the checks as JSON. Exit code 1 when a check fails, 0 when all pass. Needs no database.',
  ].join('\n'),
  async run(ctx) {
    const [file] = positionals(ctx, ['FILE']);
    const text = await readInput(ctx, file);
    let input: unknown;
    try {
      input = JSON.parse(text);
    } catch (e) {
      ctx.err(`gongkai report check: ${file === '-' ? 'standard input' : file} is not JSON: ${(e as Error).message}`);
      return 2;
    }
    const { reports, issues } = parseReportJson(input);
    if (issues.length) {
      for (const i of issues) ctx.err(describeIssue(i));
      ctx.err(`gongkai report check: ${issues.length} problem(s) in ${file === '-' ? 'standard input' : file}; nothing was checked.`);
      return 2;
    }
    const results = checkImported(reports);
    const anyFailed = results.some((r) => failedChecks(r.checks).length > 0);
    if (ctx.json) {
      const out = results.map(({ report: r, checks }) => ({ agency: r.agency, year: r.year, format: r.format, scope: r.scope, ok: !failedChecks(checks).length, checks }));
      printJson(ctx, Array.isArray(input) ? out : out[0]);
      return anyFailed ? 1 : 0;
    }
    for (const { report: r, checks } of results) {
      ctx.out(`${r.agency} ${r.year} (format ${r.format}, scope ${r.scope}):`);
      for (const c of failedChecks(checks)) ctx.out(`  ${describeCheck(c)}`);
      ctx.out(`  ${checkSummary(checks)}`);
    }
    return anyFailed ? 1 : 0;
  },
};

export const reportCommands: Command[] = [reportAnnualCommand, reportCheckCommand];
