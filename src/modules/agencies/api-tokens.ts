/**
 * API tokens: a staff member's key to the JSON API (Authorization: Bearer gk_…). A token acts as its
 * user (same roles, same scope); it has a name, an expiry of at most a year, and can be revoked.
 * Only the SHA-256 of a token is stored: the token is shown once, when it is created.
 * Every creation and revocation is in the audit log.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import type { Clock } from '../../kernel/clock.ts';
import { errors } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { parseInput } from '../../kernel/validation.ts';
import type { ApiTokenTable, Database } from '../../storage/schema.ts';
import type { Actor, AuditService } from '../audit/index.ts';
import { isAdmin, type Principal } from './agency-tree.ts';
import type { UsersRepository } from './users.repository.ts';

export const API_TOKEN_PREFIX = 'gk_';
/** Longest life of a token, and the default. */
export const API_TOKEN_MAX_DAYS = 365;
export const API_TOKEN_DEFAULT_DAYS = 90;
/** last_used_at is written at most this often per token (a busy client would otherwise write on every call). */
export const LAST_USED_EVERY_MS = 60_000;

export type ApiTokenRow = Selectable<ApiTokenTable>;

/** A token as lists show it (never its secret or hash). */
export interface ApiTokenSummary {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** active | expired | revoked, at the time of listing */
  state: 'active' | 'expired' | 'revoked';
}

export const apiTokenInputSchema = z.object({
  name: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string({ message: 'validation.required' }).min(1, { message: 'validation.required' }).max(100, { message: 'validation.tooLong' })),
  days: z.preprocess(
    (v) => (v === undefined || v === null || v === '' ? API_TOKEN_DEFAULT_DAYS : v),
    z.coerce.number({ message: 'apiTokens.validation.days' }).int({ message: 'apiTokens.validation.days' }).min(1, { message: 'apiTokens.validation.days' }).max(API_TOKEN_MAX_DAYS, { message: 'apiTokens.validation.days' }),
  ),
});
export type ApiTokenInput = z.output<typeof apiTokenInputSchema>;

export const hashApiToken = (token: string) => createHash('sha256').update(token).digest('hex');
/** Whether a string has the shape of one of our tokens (cheap check before a lookup). */
export const looksLikeApiToken = (s: string) => /^gk_[A-Za-z0-9_-]{43}$/.test(s);

export function createApiTokensRepository(db: Kysely<Database>) {
  return {
    insert: (row: ApiTokenRow) => db.insertInto('api_tokens').values(row).execute(),
    byHash: (hash: string) => db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst(),
    byId: (id: string) => db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst(),
    ofUser: (userId: string) => db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('id', 'desc').execute(),
    async revoke(id: string, at: string): Promise<boolean> {
      const r = await db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    /** Sets last_used_at unless it was set less than a minute before `at` (one cheap conditional write). */
    touch: (id: string, at: string, notAfter: string) =>
      db
        .updateTable('api_tokens')
        .set({ last_used_at: at })
        .where('id', '=', id)
        .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', notAfter)]))
        .execute(),
  };
}
export type ApiTokensRepository = ReturnType<typeof createApiTokensRepository>;

export function createApiTokensService(deps: { repo: ApiTokensRepository; users: UsersRepository; audit: AuditService; clock: Clock }) {
  const { repo, users, audit, clock } = deps;

  function summaryOf(r: ApiTokenRow, now: string): ApiTokenSummary {
    const state = r.revoked_at ? 'revoked' : r.expires_at <= now ? 'expired' : 'active';
    return { id: r.id, name: r.name, prefix: r.prefix, createdAt: r.created_at, expiresAt: r.expires_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at, state };
  }

  /** The user whose tokens `principal` manages: their own, or anyone's for an administrator. Others' do not exist for them. */
  async function ownerFor(principal: Principal, username: string) {
    const u = await users.byUsername(username);
    if (!u || (u.id !== principal.userId && !isAdmin(principal))) throw errors.notFound('user', username);
    return u;
  }

  return {
    /** Creates a token for `username` (oneself, or anyone for an administrator). The token is in the result only. */
    async create(principal: Principal, actor: Actor, username: string, input: unknown): Promise<{ token: string; summary: ApiTokenSummary; username: string }> {
      const data = parseInput(apiTokenInputSchema, input);
      const u = await ownerFor(principal, username);
      if (u.disabled) throw errors.validation([{ field: 'username', message: 'apiTokens.validation.userDisabled' }], `User ${username} is disabled`);
      const now = clock.now();
      const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
      const row: ApiTokenRow = {
        id: newId(now.getTime()),
        user_id: u.id,
        name: data.name,
        token_hash: hashApiToken(token),
        prefix: token.slice(0, API_TOKEN_PREFIX.length + 4),
        created_at: now.toISOString(),
        created_by: principal.userId === 'system' ? null : principal.userId,
        expires_at: new Date(now.getTime() + data.days * 24 * 3600 * 1000).toISOString(),
        last_used_at: null,
        revoked_at: null,
      };
      await repo.insert(row);
      await audit.record(actor, { action: 'apiToken.create', target: { type: 'apiToken', id: row.id, label: `${u.username}: ${row.name}` }, detail: { user: u.username, expiresAt: row.expires_at } });
      return { token, summary: summaryOf(row, now.toISOString()), username: u.username };
    },

    async list(principal: Principal, username: string): Promise<ApiTokenSummary[]> {
      const u = await ownerFor(principal, username);
      const now = clock.now().toISOString();
      return (await repo.ofUser(u.id)).map((r) => summaryOf(r, now));
    },

    /** Revokes a token of one's own (an administrator: anyone's). Revoking twice is harmless. */
    async revoke(principal: Principal, actor: Actor, id: string): Promise<ApiTokenSummary> {
      const r = await repo.byId(id);
      if (!r || (r.user_id !== principal.userId && !isAdmin(principal))) throw errors.notFound('apiToken', id);
      const now = clock.now().toISOString();
      if (await repo.revoke(id, now)) {
        const owner = await users.byId(r.user_id);
        await audit.record(actor, { action: 'apiToken.revoke', target: { type: 'apiToken', id, label: `${owner?.username ?? r.user_id}: ${r.name}` }, detail: { user: owner?.username ?? null } });
        return summaryOf({ ...r, revoked_at: now }, now);
      }
      return summaryOf(r, now);
    },

    /**
     * The principal a bearer token stands for, or null when the token is unknown, expired, revoked or its
     * user disabled. Records the use (at most once a minute).
     */
    async principalForToken(token: string): Promise<Principal | null> {
      if (!looksLikeApiToken(token)) return null;
      const r = await repo.byHash(hashApiToken(token));
      const now = clock.now();
      const iso = now.toISOString();
      if (!r || r.revoked_at || r.expires_at <= iso) return null;
      const u = await users.byId(r.user_id);
      if (!u || u.disabled) return null;
      if (!r.last_used_at || r.last_used_at < new Date(now.getTime() - LAST_USED_EVERY_MS).toISOString()) {
        await repo.touch(r.id, iso, new Date(now.getTime() - LAST_USED_EVERY_MS).toISOString());
      }
      return { userId: u.id, username: u.username, displayName: u.displayName, grants: await users.grants(u.id) };
    },
  };
}
export type ApiTokensService = ReturnType<typeof createApiTokensService>;
