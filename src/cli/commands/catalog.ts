import { cliActor } from '../../modules/audit/index.ts';
import { reindexCatalog } from '../../modules/catalog/index.ts';
import { todayInShanghai } from '../../kernel/calendar/index.ts';
import { optString, printJson, UsageError, type Command } from '../framework.ts';
import { ProgressLine } from './shared.ts';
import { positionals, withServices } from './shared.ts';

const n = (x: number) => Math.round(x).toLocaleString('en-US');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const rate = (count: number, ms: number) => (ms > 0 ? count / (ms / 1000) : 0);

export const applyValidityCommand: Command = {
  name: 'catalog apply-validity',
  summary: 'Expire documents whose validity end date has passed (what the daily job does), now.',
  usage: '[--json]',
  help: [
    'Rules and normative documents that are in force (有效) with an end date (有效期至) before today in Beijing',
    'become expired (失效). Each change is recorded in the item\'s history and in the audit log (actor "cli"),',
    'the search index is updated and public pages show the new status at once.',
    'The server runs the same job at start and every day at 00:05 Asia/Shanghai (actor "system"); running it',
    'again changes nothing. Prints how many documents changed (--json: {"today", "expired"}).',
  ].join('\n'),
  async run(ctx) {
    positionals(ctx, []);
    await withServices(ctx, async (services) => {
      const today = todayInShanghai(services.clock.now());
      const expired = await services.publications.applyValidityEndDates(cliActor);
      if (ctx.json) printJson(ctx, { today, expired });
      else ctx.out(expired ? `Expired ${n(expired)} document(s) whose validity ended before ${today}.` : `No document in force has a validity end date before ${today}; nothing changed.`);
    });
  },
};

export const reindexCommand: Command = {
  name: 'search reindex',
  summary: 'Rebuild the search index from the published items, with progress.',
  usage: '[--batch-size N] [--json]',
  help: [
    'Indexes every published item again (segmentation, filters, ranking data) and drops the entries of items that',
    'are no longer published. Needed after an upgrade that changes segmentation or indexing, after agencies move in',
    'the tree, or when the index is suspected to be out of step. Search keeps working meanwhile.',
    'Items are read in primary-key order and written --batch-size at a time (default 500), each batch in one',
    'transaction; memory stays bounded. Progress goes to standard error (a bar on a terminal, else a line every',
    '10 % or 10,000 items, whichever comes first); the summary (count, time, rate) to standard output, or as JSON with --json.',
  ].join('\n'),
  options: { 'batch-size': { type: 'string' } },
  async run(ctx) {
    positionals(ctx, []);
    const sizeOpt = optString(ctx, 'batch-size');
    if (sizeOpt !== undefined && (!/^\d+$/.test(sizeOpt) || Number(sizeOpt) < 1 || Number(sizeOpt) > 10_000)) throw new UsageError('--batch-size must be a whole number from 1 to 10000');
    await withServices(ctx, async (services) => {
      // Made at the first report, when the total is known: in logs, a line every 10 % or 10,000 items.
      let bar: ProgressLine | undefined;
      const s = await reindexCatalog(services.storage.db, {
        batch: sizeOpt ? Number(sizeOpt) : undefined,
        onProgress: (p) => {
          bar ??= new ProgressLine(ctx.err, { every: Math.max(1, Math.min(10_000, Math.ceil(p.total / 10))) });
          if (p.indexed) bar.update('Indexing', p.indexed, 'items', p.total ? p.indexed / p.total : null, p.elapsedMs);
        },
      });
      bar?.end();
      if (ctx.json) printJson(ctx, { indexed: s.indexed, elapsedMs: Math.round(s.elapsedMs), itemsPerSecond: Math.round(rate(s.indexed, s.elapsedMs)) });
      else ctx.out(`Indexed ${n(s.indexed)} published items in ${seconds(s.elapsedMs)} (${n(rate(s.indexed, s.elapsedMs))} items/s).`);
    });
  },
};

export const catalogCommands: Command[] = [applyValidityCommand, reindexCommand];
