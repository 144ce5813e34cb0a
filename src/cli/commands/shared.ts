import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openServices } from '../../main.ts';
import type { Services } from '../../services.ts';
import { parseDatabaseUrl } from '../../storage/db.ts';
import { assertSchemaCurrent } from '../../storage/migrate.ts';
import { UsageError, type CommandContext } from '../framework.ts';

/**
 * Opens the services on the configured database, checks that its schema is current (else:
 * run `gongkai migrate`), runs `fn`, and always closes the connection.
 * A SQLite file that does not exist is not created here: that is `gongkai migrate`'s job.
 */
export async function withServices<T>(ctx: CommandContext, fn: (services: Services) => Promise<T>): Promise<T> {
  const target = parseDatabaseUrl(ctx.config.databaseUrl);
  if (target.dialect === 'sqlite' && target.path !== ':memory:' && !existsSync(resolve(target.path))) {
    throw new Error(`There is no database at sqlite:${resolve(target.path)}; run \`gongkai migrate\` first (or pass --db).`);
  }
  const services = openServices(ctx.config);
  try {
    await assertSchemaCurrent(services.storage);
    return await fn(services);
  } finally {
    await services.storage.close();
  }
}

/** Exactly `count` positional arguments (after the command name), named for the usage message. */
export function positionals(ctx: CommandContext, names: string[]): string[] {
  if (ctx.positionals.length < names.length) throw new UsageError(`missing ${names.slice(ctx.positionals.length).join(' ')}`);
  if (ctx.positionals.length > names.length) throw new UsageError(`unexpected argument '${ctx.positionals[names.length]}'`);
  return ctx.positionals;
}

/** A file's text, or standard input for `-`. */
export async function readInput(ctx: CommandContext, file: string): Promise<string> {
  if (file === '-') return ctx.readStdin();
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT') throw new Error(`cannot read ${file}: no such file`);
    if (code === 'EISDIR') throw new Error(`cannot read ${file}: it is a directory`);
    throw new Error(`cannot read ${file}: ${(e as Error).message}`);
  }
}

/** Display width in a terminal: CJK and full-width characters take two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x20000 && c <= 0x3fffd) ? 2 : 1;
  }
  return w;
}

function pad(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

/** A plain-text table: a header row, then the rows, columns aligned (CJK-aware). */
export function formatTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : pad(c, widths[i]))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

/** The first line of a text (a password read from standard input), without its line ending. */
export function firstLine(text: string): string {
  return text.split(/\r?\n/)[0];
}
