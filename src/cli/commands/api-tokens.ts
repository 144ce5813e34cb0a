import { cliActor } from '../../modules/audit/index.ts';
import { API_TOKEN_DEFAULT_DAYS, API_TOKEN_MAX_DAYS, type ApiTokenSummary } from '../../modules/agencies/index.ts';
import { optString, printJson, requireString, UsageError, type Command } from '../framework.ts';
import { formatTable, positionals, withServices } from './shared.ts';

/** gongkai user token create|list|revoke: API tokens for the staff JSON API (the same as My account → API tokens). */

const tokenJson = (username: string, k: ApiTokenSummary) => ({ id: k.id, user: username, name: k.name, prefix: k.prefix, state: k.state, createdAt: k.createdAt, expiresAt: k.expiresAt, lastUsedAt: k.lastUsedAt, revokedAt: k.revokedAt });

export const userTokenCreateCommand: Command = {
  name: 'user token create',
  summary: 'Create an API token for a user (printed once).',
  usage: `USERNAME --name NAME [--days D]`,
  help: `The token acts as the user on the staff JSON API (Authorization: Bearer gk_…), with the user's roles. It expires after --days days (default ${API_TOKEN_DEFAULT_DAYS}, at most ${API_TOKEN_MAX_DAYS}). Only a digest is stored: the token is printed this once.`,
  options: { name: { type: 'string' }, days: { type: 'string' } },
  async run(ctx) {
    const [username] = positionals(ctx, ['USERNAME']);
    const name = requireString(ctx, 'name');
    const daysText = optString(ctx, 'days');
    if (daysText !== undefined && (!/^\d+$/.test(daysText) || Number(daysText) < 1 || Number(daysText) > API_TOKEN_MAX_DAYS)) throw new UsageError(`--days must be a whole number from 1 to ${API_TOKEN_MAX_DAYS}`);
    await withServices(ctx, async (services) => {
      const r = await services.apiTokens.create(services.users.systemPrincipal(), cliActor, username, { name, days: daysText });
      if (ctx.json) return printJson(ctx, { ...tokenJson(r.username, r.summary), token: r.token });
      ctx.out(`Created API token "${r.summary.name}" for ${r.username} (id ${r.summary.id}), valid until ${r.summary.expiresAt}.`);
      ctx.out(`Token: ${r.token}\n(shown only this once)`);
    });
  },
};

export const userTokenListCommand: Command = {
  name: 'user token list',
  summary: "List a user's API tokens (never the tokens themselves).",
  usage: 'USERNAME [--json]',
  async run(ctx) {
    const [username] = positionals(ctx, ['USERNAME']);
    await withServices(ctx, async (services) => {
      const list = await services.apiTokens.list(services.users.systemPrincipal(), username);
      if (ctx.json) return printJson(ctx, list.map((k) => tokenJson(username, k)));
      if (!list.length) return ctx.out(`${username} has no API tokens. Create one with gongkai user token create.`);
      for (const line of formatTable(['ID', 'NAME', 'PREFIX', 'STATE', 'EXPIRES', 'LAST USED'], list.map((k) => [k.id, k.name, `${k.prefix}…`, k.state, k.expiresAt, k.lastUsedAt ?? '-']))) ctx.out(line);
    });
  },
};

export const userTokenRevokeCommand: Command = {
  name: 'user token revoke',
  summary: 'Revoke an API token (by the id that user token list shows).',
  usage: 'ID',
  async run(ctx) {
    const [id] = positionals(ctx, ['ID']);
    await withServices(ctx, async (services) => {
      const k = await services.apiTokens.revoke(services.users.systemPrincipal(), cliActor, id);
      if (ctx.json) return printJson(ctx, { id: k.id, name: k.name, state: k.state, revokedAt: k.revokedAt });
      ctx.out(`API token "${k.name}" (${k.id}) is revoked.`);
    });
  },
};

export const userTokenCommands: Command[] = [userTokenCreateCommand, userTokenListCommand, userTokenRevokeCommand];
