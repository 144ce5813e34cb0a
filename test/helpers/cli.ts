import { main } from '../../src/cli/main.ts';
import { loadConfig } from '../../src/config.ts';
import { openServices } from '../../src/main.ts';
import type { Services } from '../../src/services.ts';

export interface CliRun {
  code: number;
  /** Everything printed on stdout, lines joined with \n. */
  out: string;
  err: string;
}

/** Runs `gongkai ...args` in-process against the database `url`, capturing stdout and stderr. */
export async function cli(url: string | null, args: string[], opts: { stdin?: string } = {}): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main([...args, ...(url ? ['--db', url] : [])], {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    readStdin: async () => opts.stdin ?? '',
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Services over the same database the CLI used, to check what it stored (close with services.storage.close()). */
export function servicesFor(url: string): Services {
  return openServices(loadConfig({ LOG_LEVEL: 'silent' }, { databaseUrl: url }));
}
