import { cliActor } from '../../modules/audit/index.ts';
import { issueAsFieldIssue } from '../../modules/catalog/index.ts';
import { createApplicationsRepository, exportApplications, importApplications, importEventTypes, importLineFields, UnknownAgencyError, type ApplicationImportMode, type ApplicationImportSummary } from '../../modules/applications/index.ts';
import { translator } from '../../http/i18n/index.ts';
import { describeIssue, optString, printJson, UsageError, type Command } from '../framework.ts';
import { batchSizeOption, formatTable, inputOf, n, positionals, ProgressLine, rate, seconds, withServices } from './shared.ts';


function summaryLines(s: ApplicationImportSummary): string[] {
  const lines = [
    `Imported ${n(s.imported)} of ${n(s.lines)} cases: ${n(s.rejected)} rejected, ${n(s.late)} answered late, ${n(s.open)} still open, in ${seconds(s.elapsedMs)} (${n(rate(s.imported, s.elapsedMs))} cases/s).`,
  ];
  const agencies = Object.entries(s.byAgency).sort(([a], [b]) => a.localeCompare(b));
  if (agencies.length) lines.push(...formatTable(['AGENCY', 'CASES'], agencies.map(([code, count]) => [code, n(count)])));
  return lines;
}

export const importApplicationsCommand: Command = {
  name: 'import applications',
  summary: 'Import disclosure-application cases (a ledger, 依申请公开登记簿) from a JSON-lines file: checked by the rules, all or nothing, with progress.',
  usage: 'FILE.jsonl|- [--per-batch] [--batch-size N] [--json]',
  help: [
    'Each line is one case (UTF-8 JSON; blank lines are ignored; `-` reads standard input):',
    '  {"ref": "the agency\'s case number", "agency": "HS-JYJ",',
    '   "applicant": {"type": "natural", "name": "…", "idType": "residentId", "idNumber": "…", "creditCode": null,',
    '                 "phone": "…", "email": "…", "address": "…"},',
    '   "channel": "online|inPerson|post|letter|email|fax", "receivedAt": "2025-03-03", "rules": "cn-2019",',
    '   "description": "…", "form": "paper|electronic|inspect", "delivery": "post|email|collect|online",',
    '   "events": [{"type": "correctionRequested", "on": "2025-03-05", "until": "2025-03-20"}, {"type": "corrected", "on": "2025-03-10"},',
    '              {"type": "consultationStarted", "on": "…", "party": "thirdParty|agency"}, {"type": "consultationEnded", "on": "…"},',
    '              {"type": "extended", "on": "…", "days": 20}, {"type": "feeNotified", "on": "…", "amount": 100}, {"type": "feePaid", "on": "…"},',
    '              {"type": "answered", "on": "2025-03-28", "outcome": "disclose", "detail": "alreadyPublished"}, {"type": "withdrawn", "on": "…"}],',
    '   "proceedings": [{"kind": "reconsideration|litigationDirect|litigationAfterReconsideration", "body": "…",',
    '                    "filedOn": "…", "decidedOn": null, "result": "upheld|corrected|other|pending"}]}',
    `Fields: ${importLineFields.join(', ')}. Event types: ${importEventTypes.join(', ')}.`,
    'Optional extras (exports write them): trackingCode (kept; default a new one), answered.reasons/rightAgency,',
    'correctionRequested.what, consultationStarted.with, extended.reason, feeNotified.basis/quantity, delivered {on, method},',
    'proceedings[].body/followUpDueOn; applicant.legalRepresentative/contactPerson/postcode.',
    '',
    'Applicant: type and name are required (ledgers often lack the rest); an ID number is checked by its check',
    'character when given (residentId), a credit code likewise; phone and e-mail by their form. Imported cases have',
    'no query password (no online access for the applicant).',
    'rules: optional; by default chosen by the receipt date (before 2019-05-15: cn-2007, else cn-2019).',
    'Post, letter and fax: the receipt date is receivedAt (confirmed that day). Each case\'s log is checked by the',
    'same rules the workbench applies: an answer before receipt, two outcomes, an extension longer than allowed, a',
    'pause the rule set does not know … reject the line with its number, the field (events[i], proceedings[i]) and',
    'the reason. An answer after the due date is accepted and counted as late. A ref the agency already has rejects',
    'the line (an import never changes an existing case).',
    '',
    'All or nothing (the default): the file is read twice; the first pass checks every line and reports every bad',
    'one; if there is any, nothing is imported (exit 1). A clean file is written in the second pass, in batches of',
    '--batch-size lines (default 500), each in one transaction.',
    '--per-batch: one pass; each batch is checked and written as a whole or not at all; a bad line rejects its own',
    'batch, the other batches are imported (exit 1, every problem reported).',
    '',
    'Progress on standard error; the summary (imported, rejected, late, open, per agency) on standard output, or',
    'as JSON with --json.',
  ].join('\n'),
  options: { 'per-batch': { type: 'boolean' }, 'batch-size': { type: 'string' } },
  async run(ctx) {
    const [file] = positionals(ctx, ['FILE']);
    const mode: ApplicationImportMode = ctx.values['per-batch'] ? 'batch' : 'file';
    const batchSize = batchSizeOption(ctx);
    const input = await inputOf(ctx, file, mode === 'batch');
    try {
      return await withServices(ctx, async (services) => {
        const bar = new ProgressLine(ctx.err);
        let phase: string | null = null;
        const s = await importApplications(
          { repo: createApplicationsRepository(services.storage.db), agencies: services.agencies, calendar: services.calendar, clock: services.clock, audit: services.audit },
          input.open,
          {
            actor: cliActor,
            mode,
            ...(batchSize ? { batchSize } : {}),
            totalBytes: input.size,
            source: input.label,
            onProgress: (p) => {
              if (phase !== p.phase) {
                bar.end();
                phase = p.phase;
              }
              if (p.phase === 'check') bar.update('Checking', p.lines, 'lines', p.totalBytes ? p.bytes / p.totalBytes : null, p.elapsedMs);
              else bar.update('Importing', p.written, 'cases', p.totalLines ? p.written / p.totalLines : p.totalBytes ? p.bytes / p.totalBytes : null, p.elapsedMs);
            },
          },
        );
        bar.end();
        if (ctx.json) {
          const t = translator('en');
          printJson(ctx, { ...s, issues: s.issues.map((i) => ({ ...i, text: t(i.message, i.params) })) });
        } else {
          for (const i of s.issues) ctx.err(describeIssue(issueAsFieldIssue(i)));
          if (s.moreIssues) ctx.err(`… and ${n(s.moreIssues)} more problem(s) not shown.`);
          for (const l of summaryLines(s)) ctx.out(l);
        }
        if (!s.lines) {
          ctx.err(`${input.label} has no cases (expected one JSON object per line).`);
          return 1;
        }
        if (s.complete) return 0;
        if (mode === 'batch') ctx.err(`${n(s.rejected)} line(s) in rejected batches were not imported (${n(s.badLines)} with problems); every other batch was imported.`);
        else if (s.imported === 0) ctx.err(`Nothing was imported: ${n(s.badLines)} bad line(s) in ${input.label}. Fix them and run the import again.`);
        else ctx.err(`The import stopped while writing: ${n(s.imported)} cases of earlier batches stay imported, the failed batch was rolled back.`);
        return 1;
      });
    } finally {
      input.cleanup();
    }
  },
};

export const exportApplicationsCommand: Command = {
  name: 'export applications',
  summary: 'Write disclosure-application cases as JSON lines (the import format) to standard output.',
  usage: '[--agency CODE] [--year YYYY] [--include-personal] > FILE.jsonl',
  help: [
    'One line per case, in the format `gongkai import applications` reads: an export imported into an empty database',
    '(with the same agencies) gives the same cases — tracking codes, case numbers, dates, outcomes, deadlines, proceedings.',
    'Internal notes, assignments, letters and files are not exported.',
    '--agency CODE: only that agency\'s own cases. --year YYYY: only cases received in that year.',
    '--include-personal: also the applicants\' ID numbers, phone numbers, e-mail and postal addresses and contact persons',
    '(personal information): the command acts as administrator and the export is recorded in the audit log. Without it',
    'those fields are null (names, types and organisations\' credit codes are kept).',
    'Streamed page by page; progress and the count go to standard error.',
  ].join('\n'),
  options: { agency: { type: 'string' }, year: { type: 'string' }, 'include-personal': { type: 'boolean' } },
  async run(ctx) {
    positionals(ctx, []);
    const agencyCode = optString(ctx, 'agency')?.trim();
    if (agencyCode !== undefined && !agencyCode) throw new UsageError('--agency needs an agency code');
    const yearOpt = optString(ctx, 'year');
    if (yearOpt !== undefined && !/^\d{4}$/.test(yearOpt)) throw new UsageError('--year must be a year (YYYY)');
    const includePersonal = !!ctx.values['include-personal'];
    await withServices(ctx, async (services) => {
      const bar = new ProgressLine(ctx.err);
      try {
        const r = await exportApplications(
          { repo: createApplicationsRepository(services.storage.db), agencies: services.agencies, calendar: services.calendar, audit: services.audit },
          {
            actor: cliActor,
            ...(agencyCode ? { agencyCode } : {}),
            ...(yearOpt ? { year: Number(yearOpt) } : {}),
            includePersonal,
            onProgress: (p) => bar.update('Exporting', p.written, 'cases', null, p.elapsedMs),
          },
          (line) => ctx.out(line),
        );
        bar.end();
        ctx.err(`Exported ${n(r.cases)} cases${agencyCode ? ` of ${agencyCode}` : ''}${yearOpt ? ` received in ${yearOpt}` : ''}${includePersonal ? ', with personal data (recorded in the audit log)' : ', without personal data'} in ${seconds(r.elapsedMs)}.`);
      } catch (e) {
        if (e instanceof UnknownAgencyError) throw new UsageError(e.message);
        throw e;
      }
    });
  },
};

export const applicationCommands: Command[] = [importApplicationsCommand, exportApplicationsCommand];
