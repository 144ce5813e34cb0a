import { cliActor } from '../../modules/audit/index.ts';
import { exportPublications, importFields, importPublications, issueAsFieldIssue, kinds, type ImportMode, type ImportProgress, type ImportSummary } from '../../modules/catalog/index.ts';
import { translator } from '../../http/i18n/index.ts';
import { describeIssue, optString, printJson, UsageError, type Command } from '../framework.ts';
import { batchSizeOption, inputOf, n, positionals, ProgressLine, rate, seconds, withServices } from './shared.ts';


function summaryLine(s: ImportSummary): string {
  const done = s.imported + s.updated + s.unchanged;
  return `Imported ${n(done)} of ${n(s.lines)} items: ${n(s.imported)} new, ${n(s.updated)} updated, ${n(s.unchanged)} unchanged, ${n(s.failed)} failed, in ${seconds(s.elapsedMs)} (${n(rate(done, s.elapsedMs))} items/s).`;
}

export const importPublicationsCommand: Command = {
  name: 'import publications',
  summary: 'Import already published items from a JSON-lines file: all or nothing, in batches, with progress.',
  usage: 'FILE.jsonl|- [--per-batch] [--batch-size N] [--json]',
  help: [
    'Each line is one item (UTF-8 JSON; blank lines are ignored; `-` reads standard input):',
    '  {"ref": "external id, unique per agency (optional)", "agency": "HS-CZJ", "coIssuers": ["HS-FGW"],',
    '   "title": "…", "docNo": "衡政办字〔2017〕12号", "kind": "normativeDocument", "topic": "综合政务/政务公开",',
    '   "genre": "通知", "audience": ["公民"], "keywords": ["…"], "summary": "…", "body": "plain text or HTML",',
    '   "writtenAt": "2017-03-01", "publishedAt": "2017-03-05",',
    '   "validity": {"status": "inForce|amended|expired|repealed", "from": "2017-04-01", "until": null, "replacedBy": "ref or index number"},',
    '   "interprets": "ref or index number of the document this interprets", "columns": ["fiscal"],',
    '   "indexNo": "optional: keep an existing index number", "disclosureMode": "proactive", "nonDisclosureReason": null}',
    `Fields: ${importFields.join(', ')}.`,
    `kind: ${kinds.join(', ')}.`,
    'publishedAt is a date (midnight in Beijing) or an instant with its offset; without it the item is published now.',
    'An item keeps its indexNo when one is given (it must not be used by another item); otherwise it gets its agency\'s',
    'next number. A ref (interprets, validity.replacedBy) is resolved within the line\'s agency; an index number anywhere.',
    'A line whose agency already has an item with the same ref updates that item (a new version; its index number and',
    'publication date stay) or, when nothing differs, leaves it alone (counted as unchanged): running a file again',
    'never duplicates items that carry a ref.',
    '',
    'All or nothing (the default): the file is read twice. The first pass checks every line — JSON, fields, agencies,',
    'duplicates, references, index numbers already in use — and reports every bad line with its line number, field',
    'and message; if there is any, nothing is imported (exit 1). Only a clean file is written, in the second pass,',
    'in batches of --batch-size lines (default 5,000 on SQLite, 1,000 on PostgreSQL), each in one transaction. A line',
    'may refer to a line above it; validity.replacedBy may also name a document further down. Memory stays bounded:',
    'lines are streamed, and only each item\'s ref and index number are remembered between batches. Standard input is',
    'copied to a temporary file for the second pass. Should writing still fail (the database changed between the',
    'passes), the import stops at that batch: that batch is rolled back, earlier batches stay, and the summary says so.',
    '',
    '--per-batch: one pass; each batch (default 1,000 lines) is checked and then written as a whole or not at all.',
    'A bad line rejects its own batch only: the other batches are imported (exit 1, with every problem reported).',
    'References must point to lines above or to items already in the database.',
    '',
    'Ctrl-C (or SIGTERM) stops the import before its next batch: the batches written before stay imported, nothing',
    'is half written, the summary says how far it got (exit 130); a second Ctrl-C quits at once.',
    '',
    'Progress goes to standard error (a bar on a terminal, else a line every 10,000 items); the summary',
    '(imported, updated, failed, time, rate) to standard output, or as JSON with --json.',
  ].join('\n'),
  options: { 'per-batch': { type: 'boolean' }, 'batch-size': { type: 'string' } },
  async run(ctx) {
    const [file] = positionals(ctx, ['FILE']);
    const mode: ImportMode = ctx.values['per-batch'] ? 'batch' : 'file';
    const batchSize = batchSizeOption(ctx);
    const input = await inputOf(ctx, file, mode === 'batch');
    try {
      return await withServices(ctx, async (services) => {
        const bar = new ProgressLine(ctx.err);
        let phase: ImportProgress['phase'] | null = null;
        const onProgress = (p: ImportProgress) => {
          if (phase !== p.phase) {
            bar.end();
            phase = p.phase;
          }
          if (p.phase === 'check') bar.update('Checking', p.lines, 'lines', p.totalBytes ? p.bytes / p.totalBytes : null, p.elapsedMs);
          else bar.update('Importing', p.written, 'items', p.totalLines ? p.written / p.totalLines : p.totalBytes ? p.bytes / p.totalBytes : null, p.elapsedMs);
        };
        // Ctrl-C (or SIGTERM) stops the import before its next batch: earlier batches stay, the search index's
        // settings are set back. A second one ends the process at once (the listeners are gone by then).
        const interrupt = new AbortController();
        const onSignal = () => {
          interrupt.abort();
          bar.end();
          ctx.err('Stopping after the batch being written (press Ctrl-C again to quit at once) …');
        };
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
        let s: ImportSummary;
        try {
          s = await importPublications({ db: services.storage.db, publications: services.publications, clock: services.clock, audit: services.audit }, input.open, {
            actor: cliActor,
            mode,
            batchSize,
            totalBytes: input.size,
            onProgress,
            source: input.label,
            signal: interrupt.signal,
          });
        } finally {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
        }
        bar.end();
        if (ctx.json) {
          const t = translator('en');
          printJson(ctx, { ...s, issues: s.issues.map((i) => ({ ...i, text: t(i.message, i.params) })) });
        } else {
          for (const i of s.issues) ctx.err(describeIssue(issueAsFieldIssue(i)));
          if (s.moreIssues) ctx.err(`… and ${n(s.moreIssues)} more problem(s) not shown.`);
          ctx.out(summaryLine(s));
          if (s.textWorker?.stopped) ctx.err(`Note: the text worker stopped (${s.textWorker.stopped}) after ${n(s.textWorker.batches)} batch(es); the rest of the texts were prepared on the main thread (same result, slower).`);
        }
        if (s.interrupted) {
          const kept = s.imported + s.updated + s.unchanged;
          ctx.err(kept ? `Interrupted: ${n(kept)} items of the batches written before stay imported. Run the file again to go on: items with a ref that are already there are left unchanged (lines without a ref would be imported again).` : 'Interrupted: nothing was imported.');
          return 130;
        }
        if (!s.lines) {
          ctx.err(`${input.label} has no items (expected one JSON object per line).`);
          return 1;
        }
        if (s.complete) return 0;
        if (mode === 'batch') ctx.err(`${n(s.failed)} line(s) in rejected batches were not imported (${n(s.badLines)} with problems); every other batch was imported.`);
        else if (s.imported + s.updated + s.unchanged === 0) ctx.err(`Nothing was imported: ${n(s.badLines)} bad line(s) in ${input.label}. Fix them and run the import again.`);
        else ctx.err(`The import stopped while writing: ${n(s.imported + s.updated + s.unchanged)} items of earlier batches stay imported, the failed batch was rolled back. Fix the problem and run the file again (items with a ref are updated, not duplicated).`);
        return 1;
      });
    } finally {
      input.cleanup();
    }
  },
};

export const exportPublicationsCommand: Command = {
  name: 'export publications',
  summary: 'Write every published item as JSON lines (the import format) to standard output.',
  usage: '[--agency CODE] > FILE.jsonl',
  help: [
    'One line per item, in the format `gongkai import publications` reads, so that an export imported into an empty',
    'database gives the same catalog: titles, index numbers, document numbers, dates, validity, interpretation links.',
    'Only published items: withdrawn items (tombstones) and drafts are not exported — the format has no withdrawn',
    'state, and importing a tombstone would publish again what its agency withdrew.',
    'Order: every item except interpretations, oldest first, then the interpretations, so that each interpreted',
    'document comes before its interpretation. References (interprets, validity.replacedBy) are index numbers.',
    '--agency CODE: only the items that agency issued as first issuer (jointly issued items appear once, under their',
    'first issuer); documents of other agencies they refer to must then exist where the file is imported.',
    'Streamed page by page (keyset pagination); progress and the count go to standard error.',
  ].join('\n'),
  options: { agency: { type: 'string' } },
  async run(ctx) {
    positionals(ctx, []);
    const agencyCode = optString(ctx, 'agency');
    if (agencyCode !== undefined && !agencyCode.trim()) throw new UsageError('--agency needs an agency code');
    await withServices(ctx, async (services) => {
      const bar = new ProgressLine(ctx.err);
      const r = await exportPublications(
        { db: services.storage.db, publications: services.publications },
        { agencyCode: agencyCode?.trim(), onProgress: (p) => bar.update('Exporting', p.written, 'items', p.total ? p.written / p.total : null, p.elapsedMs) },
        (line) => ctx.out(line),
      );
      bar.end();
      ctx.err(`Exported ${n(r.items)} published items${agencyCode ? ` of ${agencyCode.trim()}` : ''} in ${seconds(r.elapsedMs)}.`);
    });
  },
};

export const publicationCommands: Command[] = [importPublicationsCommand, exportPublicationsCommand];
