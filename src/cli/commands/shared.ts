import { createReadStream, createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { openServices } from '../../main.ts';
import type { Services } from '../../services.ts';
import { parseDatabaseUrl } from '../../storage/db.ts';
import { assertSchemaCurrent } from '../../storage/migrate.ts';
import { optString, readProcessStdin, UsageError, type CommandContext } from '../framework.ts';

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

/** `--batch-size N` of the import commands, checked (1 to 100,000); undefined when not given. */
export function batchSizeOption(ctx: CommandContext): number | undefined {
  const v = optString(ctx, 'batch-size');
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 100_000) throw new UsageError('--batch-size must be a whole number from 1 to 100000');
  return Number(v);
}

/** Counts, durations and rates as the import commands print them. */
export const n = (x: number) => Math.round(x).toLocaleString('en-US');
export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
export const rate = (count: number, ms: number) => (ms > 0 ? count / (ms / 1000) : 0);

/** Where the import reads from: a file opened once per pass, with its size for percentages. */
export async function inputOf(ctx: CommandContext, file: string, singlePass: boolean): Promise<{ open: () => Readable; size: number | null; label: string; cleanup: () => void }> {
  if (file === '-') {
    if (ctx.readStdin !== readProcessStdin) {
      // Standard input supplied by the caller (tests, embedding): already text.
      const text = await ctx.readStdin();
      return { open: () => Readable.from([Buffer.from(text)]), size: Buffer.byteLength(text), label: 'standard input', cleanup: () => undefined };
    }
    if (singlePass) return { open: () => process.stdin, size: null, label: 'standard input', cleanup: () => undefined };
    // Two passes need the input twice: spool standard input to a temporary file (streamed, never in memory).
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-import-'));
    const path = join(dir, 'stdin.jsonl');
    await pipeline(process.stdin, createWriteStream(path));
    return { open: () => createReadStream(path, { highWaterMark: 256 * 1024 }), size: statSync(path).size, label: 'standard input', cleanup: () => rmSync(dir, { recursive: true, force: true }) };
  }
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new Error(`cannot read ${file}: it is a directory`);
    size = st.size;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT') throw new Error(`cannot read ${file}: no such file`);
    if (code) throw new Error(`cannot read ${file}: ${(e as Error).message}`);
    throw e;
  }
  return { open: () => createReadStream(file, { highWaterMark: 256 * 1024 }), size, label: file, cleanup: () => undefined };
}


/**
 * Progress on standard error: a bar redrawn in place when stderr is a terminal (count, percent when the
 * total is known, rate), otherwise one line every `every` items so that logs stay readable.
 */
export class ProgressLine {
  private lastDraw = 0;
  private lastLogged = 0;
  private drawn = false;
  private readonly tty: boolean;
  private readonly every: number;
  constructor(
    private readonly err: (line: string) => void,
    opts: { tty?: boolean; every?: number } = {},
  ) {
    this.tty = opts.tty ?? !!process.stderr.isTTY;
    this.every = opts.every ?? 10_000;
  }

  /** `fraction` null when the total is unknown. */
  update(label: string, count: number, unit: string, fraction: number | null, elapsedMs: number): void {
    const r = `${n(rate(count, elapsedMs))} ${unit}/s`;
    const pct = fraction === null ? null : `${Math.min(100, Math.floor(fraction * 100))}%`;
    if (this.tty) {
      const now = performance.now();
      if (now - this.lastDraw < 100) return;
      this.lastDraw = now;
      const width = 24;
      const bar = fraction === null ? '' : `[${'#'.repeat(Math.round(Math.min(1, fraction) * width)).padEnd(width, '.')}] ${pct!.padStart(4)}  `;
      process.stderr.write(`\r\x1b[K${label.padEnd(10)} ${bar}${n(count)} ${unit}  ${r}`);
      this.drawn = true;
      return;
    }
    if (Math.floor(count / this.every) > Math.floor(this.lastLogged / this.every)) {
      this.lastLogged = count;
      this.err(`${label}: ${n(count)} ${unit}${pct ? ` (${pct})` : ''}, ${r}`);
    }
  }

  /** Ends the in-place line (terminal) before other output; starts counting afresh. */
  end(): void {
    if (this.tty && this.drawn) process.stderr.write('\n');
    this.drawn = false;
    this.lastLogged = 0;
  }
}

