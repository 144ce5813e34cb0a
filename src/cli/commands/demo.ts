import { loadDemo, type DemoResult } from '../../demo/index.ts';
import { printJson, type Command } from '../framework.ts';
import { formatTable, positionals, withServices } from './shared.ts';

/** The demo accounts as `gongkai demo` prints them (the README shows the same table). */
export function credentialsTable(users: DemoResult['users'], agencyName: (code: string) => string | undefined): string[] {
  return formatTable(
    ['USERNAME', 'PASSWORD', 'ROLE', 'AGENCY'],
    users.map((u) => [u.username, u.password, u.role, u.agency ? `${u.agency} ${agencyName(u.agency) ?? ''}`.trim() : '-']),
  );
}

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Load (or reload) the demo city of the 2017 report: Hengshui, its counties and departments, one demo account per role.',
  usage: '[--force] [--json]',
  help: [
    'Safe to run again: agencies are updated by code, the demo accounts are reset to their demo passwords and roles, nothing is duplicated.',
    'It also sets the site identity (name, organiser, footer identifiers) to the demo values and shows the "演示数据" notice on every page.',
    'On a database that already holds agencies which are not demo data it refuses unless --force is given.',
  ].join('\n'),
  options: { force: { type: 'boolean' } },
  async run(ctx) {
    positionals(ctx, []);
    await withServices(ctx, async (services) => {
      if (!ctx.values.force && (await services.agencies.count()) > 0 && !(await services.site.demoLoaded())) {
        throw new Error('this database already holds agencies that are not demo data; loading the demo would add demo accounts and replace the site identity. Use --force to load it anyway.');
      }
      const result = await loadDemo(services);
      if (ctx.json) return printJson(ctx, result);
      const tree = await services.agencies.tree();
      ctx.out(`Demo city loaded: ${result.agencies} agencies (${result.created} created, ${result.updated} updated), ${result.users.length} demo accounts.`);
      ctx.out('');
      ctx.out('Demo accounts (sign in at /admin). These passwords are public: never use the demo accounts with real data.');
      for (const line of credentialsTable(result.users, (code) => tree.byCode.get(code)?.name)) ctx.out(line);
    });
  },
};
