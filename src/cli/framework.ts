import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadConfig, type Config } from '../config.ts';
import { AppError, isAppError, type FieldIssue } from '../kernel/errors.ts';
import { translator } from '../http/i18n/index.ts';

/** Bad usage: exit code 2 with the command's usage line. */
export class UsageError extends Error {}

export type Options = NonNullable<ParseArgsConfig['options']>;

export interface CommandContext {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
  config: Config;
  out: (line: string) => void;
  err: (line: string) => void;
  json: boolean;
  /** All of standard input as text (`-` as a file name, --password-stdin). */
  readStdin: () => Promise<string>;
}

/** Where a command reads and writes; tests pass their own (readStdin defaults to process.stdin). */
export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  readStdin?: () => Promise<string>;
}

export async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

export interface Command {
  name: string; // e.g. 'user add'
  summary: string;
  usage: string; // after `gongkai <name>`
  help?: string; // longer text
  options?: Options;
  run(ctx: CommandContext): Promise<number | void>;
}

export const commonOptions: Options = {
  help: { type: 'boolean', short: 'h' },
  db: { type: 'string' },
  json: { type: 'boolean' },
};

export function commandHelp(c: Command): string {
  const opts = Object.entries({ ...commonOptions, ...(c.options ?? {}) })
    .map(([k, o]) => `  --${k}${o.type === 'string' ? ' VALUE' : ''}${o.short ? `, -${o.short}` : ''}${o.multiple ? '  (repeatable)' : ''}`)
    .join('\n');
  return `Usage: gongkai ${c.name} ${c.usage}\n\n${c.summary}${c.help ? `\n\n${c.help}` : ''}\n\nOptions:\n${opts}\n  (--db sqlite:PATH | postgres://…, or DATABASE_URL; default sqlite:./data/gongkai.db)\n`;
}

/** Runs one command: parses its options, maps failures to exit codes (0 ok, 1 failure, 2 bad usage). */
export async function runCommand(c: Command, args: string[], io: CliIo, env = process.env): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, options: { ...commonOptions, ...(c.options ?? {}) }, allowPositionals: true, strict: true });
  } catch (e) {
    io.err(`gongkai ${c.name}: ${(e as Error).message}`);
    io.err(`Usage: gongkai ${c.name} ${c.usage}  (see --help)`);
    return 2;
  }
  const values = parsed.values as CommandContext['values'];
  if (values.help) {
    io.out(commandHelp(c));
    return 0;
  }
  let config: Config;
  try {
    config = loadConfig(env, typeof values.db === 'string' ? { databaseUrl: values.db } : {});
  } catch (e) {
    io.err(`gongkai ${c.name}: ${(e as Error).message}`);
    return 1;
  }
  try {
    const code = await c.run({ values, positionals: parsed.positionals, config, out: io.out, err: io.err, json: !!values.json, readStdin: io.readStdin ?? readProcessStdin });
    return code ?? 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`gongkai ${c.name}: ${e.message}`);
      io.err(`Usage: gongkai ${c.name} ${c.usage}  (see --help)`);
      return 2;
    }
    io.err(`gongkai ${c.name}: ${describeError(e)}`);
    if (env.GONGKAI_DEBUG) io.err(String((e as Error)?.stack));
    return 1;
  }
}

/** One line: what went wrong, in English (the CLI's language), with field details for validation errors. */
export function describeError(e: unknown): string {
  if (isAppError(e)) {
    const t = translator('en');
    if (e.code === 'validation' && e.issues.length) return `${e.issues.map((i) => `${i.field}: ${t(i.message, i.params)}`).join('; ')}`;
    if (e.code === 'notFound') return `${e.params.what} not found${e.params.id ? `: ${e.params.id}` : ''}`;
    return e.message;
  }
  const err = e as { code?: string; message?: string };
  if (err?.code === 'ECONNREFUSED') return `cannot connect to the database (${err.message})`;
  return (err?.message ?? String(e)).split('\n')[0];
}

/** One field issue in English: `field: message`. */
export function describeIssue(i: FieldIssue): string {
  return `${i.field}: ${translator('en')(i.message, i.params)}`;
}

export function requireString(ctx: CommandContext, name: string): string {
  const v = ctx.values[name];
  if (typeof v !== 'string' || !v.trim()) throw new UsageError(`--${name} is required`);
  return v;
}

export function optString(ctx: CommandContext, name: string): string | undefined {
  const v = ctx.values[name];
  return typeof v === 'string' ? v : undefined;
}

export function requireInt(ctx: CommandContext, name: string, opts: { min?: number; max?: number } = {}): number {
  const s = requireString(ctx, name);
  if (!/^-?\d+$/.test(s)) throw new UsageError(`--${name} must be a whole number`);
  const n = Number(s);
  if ((opts.min !== undefined && n < opts.min) || (opts.max !== undefined && n > opts.max)) throw new UsageError(`--${name} must be between ${opts.min} and ${opts.max}`);
  return n;
}

export function printJson(ctx: CommandContext, value: unknown): void {
  ctx.out(JSON.stringify(value, null, 2));
}

export { AppError };
