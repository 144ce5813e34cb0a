import { cliActor } from '../../modules/audit/index.ts';
import { generatePassword, roles, type Role, type UserSummary } from '../../modules/agencies/index.ts';
import type { Services } from '../../services.ts';
import { optString, printJson, requireString, UsageError, type Command, type CommandContext } from '../framework.ts';
import { firstLine, formatTable, positionals, withServices } from './shared.ts';

/** A user as `user list --json` and the other user commands print it. */
export interface UserJson {
  username: string;
  name: string;
  disabled: boolean;
  locked: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  roles: { role: Role; agency: string | null }[];
}

export function userJson(u: UserSummary, now: Date): UserJson {
  return {
    username: u.username,
    name: u.displayName,
    disabled: u.disabled,
    locked: !!u.lockedUntil && u.lockedUntil > now.toISOString(),
    lockedUntil: u.lockedUntil,
    lastLoginAt: u.lastLoginAt,
    roles: u.grants.map((g) => ({ role: g.role, agency: g.agencyCode })),
  };
}

const rolesText = (u: UserJson) => u.roles.map((r) => (r.agency ? `${r.role}:${r.agency}` : r.role)).join(', ') || '(none)';

/** ROLE or ROLE:AGENCYCODE → a grant; an unknown role is bad usage. */
export function parseRole(spec: string): { role: Role; agency: string | null } {
  const i = spec.indexOf(':');
  const role = (i < 0 ? spec : spec.slice(0, i)).trim();
  const agency = i < 0 ? null : spec.slice(i + 1).trim() || null;
  if (!(roles as string[]).includes(role)) throw new UsageError(`--role: unknown role '${role}' (one of ${roles.join(', ')}; e.g. --role editor:HS-JYJ)`);
  if (role !== 'admin' && !agency) throw new UsageError(`--role ${role} needs an agency code: --role ${role}:CODE`);
  return { role: role as Role, agency: role === 'admin' ? null : agency };
}

/** The password from --password, --password-stdin, or a generated one (printed once). */
async function passwordFrom(ctx: CommandContext): Promise<{ password: string; generated: boolean }> {
  const given = optString(ctx, 'password');
  if (given !== undefined && ctx.values['password-stdin']) throw new UsageError('use either --password or --password-stdin, not both');
  if (given !== undefined) return { password: given, generated: false };
  if (ctx.values['password-stdin']) {
    const pw = firstLine(await ctx.readStdin());
    if (!pw) throw new UsageError('--password-stdin: standard input is empty');
    return { password: pw, generated: false };
  }
  return { password: generatePassword(), generated: true };
}

const passwordOptions = {
  password: { type: 'string' },
  'password-stdin': { type: 'boolean' },
} as const;

const passwordHelp = 'Without --password or --password-stdin a password is generated and printed once: pass it on to the user, it is not stored in clear text. Passwords have at least 10 characters with letters and digits. --password-stdin reads the first line of standard input (safer than --password, which other users of the machine can see in the process list).';

async function summary(services: Services, username: string): Promise<UserJson> {
  return userJson(await services.users.get(services.users.systemPrincipal(), username), services.clock.now());
}

export const userAddCommand: Command = {
  name: 'user add',
  summary: 'Create a staff account with one or more roles.',
  usage: '--username NAME --name "DISPLAY NAME" --role ROLE[:AGENCY] [--role …] [--password P | --password-stdin]',
  help: `Roles: ${roles.join(', ')}. Every role except admin is held at an agency, given by its code (--role editor:HS-JYJ); the authority role belongs to a government. --role may be repeated.\n${passwordHelp}`,
  options: { username: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', multiple: true }, ...passwordOptions },
  async run(ctx) {
    positionals(ctx, []);
    const username = requireString(ctx, 'username');
    const displayName = requireString(ctx, 'name');
    const specs = (ctx.values.role as string[] | undefined) ?? [];
    if (!specs.length) throw new UsageError('--role is required (at least one)');
    const grants = specs.map(parseRole);
    const { password, generated } = await passwordFrom(ctx);
    await withServices(ctx, async (services) => {
      await services.users.create(services.users.systemPrincipal(), cliActor, { username, displayName, password, grants });
      const u = await summary(services, username);
      if (ctx.json) printJson(ctx, { ...u, ...(generated ? { password } : {}) });
      else {
        ctx.out(`Created user ${u.username} (${u.name}) with roles ${rolesText(u)}.`);
        if (generated) ctx.out(`Password: ${password}\n(shown only this once)`);
      }
    });
  },
};

export const userPasswdCommand: Command = {
  name: 'user passwd',
  summary: "Set a user's password (and clear a temporary lock).",
  usage: 'USERNAME [--password P | --password-stdin]',
  help: `${passwordHelp}\nThe user's open sessions are ended.`,
  options: { ...passwordOptions },
  async run(ctx) {
    const [username] = positionals(ctx, ['USERNAME']);
    const { password, generated } = await passwordFrom(ctx);
    await withServices(ctx, async (services) => {
      await services.users.setPassword(services.users.systemPrincipal(), cliActor, username, password);
      if (ctx.json) printJson(ctx, { username, ...(generated ? { password } : {}) });
      else {
        ctx.out(`The password of ${username} has been changed.`);
        if (generated) ctx.out(`Password: ${password}\n(shown only this once)`);
      }
    });
  },
};

export const userListCommand: Command = {
  name: 'user list',
  summary: 'List the staff accounts with their roles.',
  usage: '[--json]',
  async run(ctx) {
    positionals(ctx, []);
    await withServices(ctx, async (services) => {
      const now = services.clock.now();
      const users = (await services.users.list(services.users.systemPrincipal())).map((u) => userJson(u, now)).sort((a, b) => a.username.localeCompare(b.username));
      if (ctx.json) return printJson(ctx, users);
      if (!users.length) return ctx.out('No users yet. Create one with gongkai user add.');
      const status = (u: UserJson) => (u.disabled ? 'disabled' : u.locked ? 'locked' : 'active');
      for (const line of formatTable(['USERNAME', 'NAME', 'STATUS', 'ROLES'], users.map((u) => [u.username, u.name, status(u), rolesText(u)]))) ctx.out(line);
    });
  },
};

function setDisabledCommand(disabled: boolean): Command {
  const verb = disabled ? 'disable' : 'enable';
  return {
    name: `user ${verb}`,
    summary: disabled ? 'Disable an account: it can no longer sign in, and its sessions end.' : 'Enable a disabled account again.',
    usage: 'USERNAME',
    async run(ctx) {
      const [username] = positionals(ctx, ['USERNAME']);
      await withServices(ctx, async (services) => {
        await services.users.setDisabled(services.users.systemPrincipal(), cliActor, username, disabled);
        const u = await summary(services, username);
        if (ctx.json) printJson(ctx, u);
        else ctx.out(`User ${username} is ${disabled ? 'disabled' : 'enabled'}.`);
      });
    },
  };
}

export const userDisableCommand = setDisabledCommand(true);
export const userEnableCommand = setDisabledCommand(false);

export const userCommands: Command[] = [userAddCommand, userPasswdCommand, userListCommand, userDisableCommand, userEnableCommand];
