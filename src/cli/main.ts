import { commandHelp, runCommand, type CliIo, type Command } from './framework.ts';
import { migrateCommand, serveCommand, startCommand } from './commands/server.ts';
import { extraCommands } from './commands/index.ts';

export const commands: Command[] = [serveCommand, startCommand, migrateCommand, ...extraCommands];

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `Gongkai (公开) — government information disclosure platform\n\nUsage: gongkai <command> [options]\n\nCommands:\n${commands
    .map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`)
    .join('\n')}\n\nEvery command takes --help, --db URL (or DATABASE_URL) and, where it prints data, --json.\n`;
}

/** Finds the longest command name matching the arguments ('user add' before 'user'). */
export async function main(argv: string[], io: CliIo = { out: (s: string) => process.stdout.write(`${s}\n`), err: (s: string) => process.stderr.write(`${s}\n`) }): Promise<number> {
  if (!argv.length || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.out(overview());
    return argv.length ? 0 : 2;
  }
  const match = [...commands].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length).find((c) => c.name.split(' ').every((w, i) => argv[i] === w));
  if (!match) {
    const group = commands.filter((c) => c.name.split(' ')[0] === argv[0]);
    if (group.length && (argv.length === 1 || argv[1] === '--help' || argv[1] === '-h')) {
      io.out(group.map((c) => commandHelp(c)).join('\n'));
      return argv.length === 1 ? 2 : 0;
    }
    const words = argv.slice(0, 2);
    const firstOption = words.findIndex((a) => a.startsWith('-'));
    io.err(`gongkai: unknown command '${words.slice(0, firstOption < 0 ? 2 : Math.max(firstOption, 1)).join(' ')}'. Run gongkai --help for the list.`);
    return 2;
  }
  return runCommand(match, argv.slice(match.name.split(' ').length), io);
}
