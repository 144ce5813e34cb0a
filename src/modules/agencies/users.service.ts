import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../kernel/clock.ts';
import { AppError, errors } from '../../kernel/errors.ts';
import { newId, randomToken } from '../../kernel/ids.ts';
import { parseInput } from '../../kernel/validation.ts';
import type { Database } from '../../storage/schema.ts';
import type { Actor, AuditService } from '../audit/index.ts';
import type { AgenciesRepository } from './agencies.repository.ts';
import { passwordSchema, userInputSchema, type UserInput } from './agencies.schemas.ts';
import { AgencyTree, isAdmin, type Principal, type Role, type RoleGrant } from './agency-tree.ts';
import { hashPassword, verifyPassword } from './password.ts';
import type { User, UsersRepository } from './users.repository.ts';

export const lockout = { maxFailures: 5, minutes: 15 };

/** A user as shown in lists: no hash. */
export interface UserSummary {
  id: string;
  username: string;
  displayName: string;
  disabled: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  grants: (RoleGrant & { agencyCode: string | null; agencyName: string | null })[];
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function createUsersService(deps: { db: Kysely<Database>; repo: UsersRepository; agencies: AgenciesRepository; audit: AuditService; clock: Clock; sessionTtlMs: number }) {
  const { repo, audit, clock } = deps;
  const ids = () => newId(clock.now().getTime());

  function requireAdmin(p: Principal): void {
    if (!isAdmin(p)) throw errors.forbidden('Only system administrators manage users');
  }

  async function resolveGrants(grants: { role: Role; agency: string | null }[]): Promise<RoleGrant[]> {
    const tree = new AgencyTree(await deps.agencies.all());
    const out: RoleGrant[] = [];
    grants.forEach((g, i) => {
      if (g.role === 'admin') return out.push({ role: 'admin', agencyId: null });
      if (!g.agency) throw errors.validation([{ field: `grants.${i}.agency`, message: 'user.grantNeedsAgency' }], `Role ${g.role} needs an agency`);
      const a = tree.byCode.get(g.agency);
      if (!a) throw errors.validation([{ field: `grants.${i}.agency`, message: 'agency.parentUnknown', params: { code: g.agency } }], `Unknown agency ${g.agency}`);
      if (g.role === 'authority' && a.kind !== 'government') throw errors.validation([{ field: `grants.${i}.agency`, message: 'user.authorityNeedsGovernment' }], 'The disclosure authority role belongs to a government');
      out.push({ role: g.role, agencyId: a.id });
    });
    const seen = new Set<string>();
    return out.filter((g) => {
      const k = `${g.role}|${g.agencyId}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  }

  async function summarize(users: User[]): Promise<UserSummary[]> {
    const tree = new AgencyTree(await deps.agencies.all());
    const grants = await repo.allGrants();
    return users.map((u) => ({
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      disabled: u.disabled,
      lockedUntil: u.lockedUntil,
      lastLoginAt: u.lastLoginAt,
      grants: grants
        .filter((g) => g.userId === u.id)
        .map((g) => ({ role: g.role, agencyId: g.agencyId, agencyCode: g.agencyId ? tree.byId.get(g.agencyId)?.code ?? null : null, agencyName: g.agencyId ? tree.byId.get(g.agencyId)?.name ?? null : null })),
    }));
  }

  async function requireUser(username: string): Promise<User> {
    const u = await repo.byUsername(username);
    if (!u) throw errors.notFound('user', username);
    return u;
  }

  async function principalOf(u: User): Promise<Principal> {
    return { userId: u.id, username: u.username, displayName: u.displayName, grants: await repo.grants(u.id) };
  }

  return {
    async list(principal: Principal): Promise<UserSummary[]> {
      requireAdmin(principal);
      return summarize(await repo.all());
    },

    async get(principal: Principal, username: string): Promise<UserSummary> {
      if (!isAdmin(principal) && principal.username !== username) throw errors.forbidden();
      return (await summarize([await requireUser(username)]))[0];
    },

    async create(principal: Principal, actor: Actor, input: UserInput): Promise<UserSummary> {
      requireAdmin(principal);
      const data = parseInput(userInputSchema, input);
      if (await repo.byUsername(data.username)) throw errors.validation([{ field: 'username', message: 'user.usernameTaken', params: { username: data.username } }], `User ${data.username} exists`);
      const grants = await resolveGrants(data.grants);
      const now = clock.now().toISOString();
      const user: User = { id: ids(), username: data.username, displayName: data.displayName, passwordHash: await hashPassword(data.password), disabled: false, failedCount: 0, lockedUntil: null, lastLoginAt: null, createdAt: now, updatedAt: now };
      await deps.db.transaction().execute((trx) => repo.insert(user, grants, ids, trx));
      await audit.record(actor, { action: 'user.create', target: { type: 'user', id: user.id, label: user.username }, detail: { grants: data.grants } });
      return (await summarize([user]))[0];
    },

    async update(principal: Principal, actor: Actor, username: string, input: { displayName: string; grants: { role: Role; agency: string | null }[] }): Promise<UserSummary> {
      requireAdmin(principal);
      const u = await requireUser(username);
      const data = parseInput(userInputSchema.pick({ displayName: true, grants: true }), input);
      const grants = await resolveGrants(data.grants);
      if (u.id === principal.userId && !grants.some((g) => g.role === 'admin')) throw errors.conflict('You cannot remove your own administrator role', { detail: 'user.cannotDemoteSelf' });
      const now = clock.now().toISOString();
      await repo.update(u.id, { displayName: data.displayName, updatedAt: now });
      await repo.replaceGrants(u.id, grants, ids, now);
      await audit.record(actor, { action: 'user.update', target: { type: 'user', id: u.id, label: u.username }, detail: { displayName: data.displayName, grants: data.grants } });
      return (await summarize([(await repo.byId(u.id))!]))[0];
    },

    /** Administrators set anyone's password; a user changes their own (with the current one). */
    async setPassword(principal: Principal, actor: Actor, username: string, password: string, currentPassword?: string): Promise<void> {
      const u = await requireUser(username);
      const self = principal.userId === u.id;
      if (!isAdmin(principal) && !self) throw errors.forbidden();
      if (self && !isAdmin(principal) && !(currentPassword && (await verifyPassword(currentPassword, u.passwordHash)))) {
        throw errors.validation([{ field: 'currentPassword', message: 'user.currentPasswordWrong' }]);
      }
      const pw = parseInput(passwordSchema, password);
      await repo.update(u.id, { passwordHash: await hashPassword(pw), failedCount: 0, lockedUntil: null, updatedAt: clock.now().toISOString() });
      if (!self) await repo.deleteSessionsOf(u.id);
      await audit.record(actor, { action: 'user.passwordSet', target: { type: 'user', id: u.id, label: u.username } });
    },

    async setDisabled(principal: Principal, actor: Actor, username: string, disabled: boolean): Promise<void> {
      requireAdmin(principal);
      const u = await requireUser(username);
      if (u.id === principal.userId && disabled) throw errors.conflict('You cannot disable your own account', { detail: 'user.cannotDisableSelf' });
      await repo.update(u.id, { disabled, failedCount: 0, lockedUntil: null, updatedAt: clock.now().toISOString() });
      if (disabled) await repo.deleteSessionsOf(u.id);
      await audit.record(actor, { action: disabled ? 'user.disable' : 'user.enable', target: { type: 'user', id: u.id, label: u.username } });
    },

    /** Lifts a temporary lock (after too many failed sign-ins) without waiting for it to expire. */
    async unlock(principal: Principal, actor: Actor, username: string): Promise<void> {
      requireAdmin(principal);
      const u = await requireUser(username);
      await repo.update(u.id, { failedCount: 0, lockedUntil: null, updatedAt: clock.now().toISOString() });
      await audit.record(actor, { action: 'user.unlock', target: { type: 'user', id: u.id, label: u.username } });
    },

    /** A user changes their own password; the current one is always required, for administrators too. */
    async changeOwnPassword(principal: Principal, actor: Actor, currentPassword: string, password: string): Promise<void> {
      const u = await repo.byId(principal.userId);
      if (!u) throw errors.notFound('user', principal.username);
      if (!currentPassword || !(await verifyPassword(currentPassword, u.passwordHash))) {
        throw errors.validation([{ field: 'currentPassword', message: 'user.currentPasswordWrong' }]);
      }
      const pw = parseInput(passwordSchema, password);
      await repo.update(u.id, { passwordHash: await hashPassword(pw), failedCount: 0, lockedUntil: null, updatedAt: clock.now().toISOString() });
      await audit.record(actor, { action: 'user.passwordChanged', target: { type: 'user', id: u.id, label: u.username } });
    },

    /** Ids of the users holding any role in one of the agencies (e.g. to show an authority its users' sign-ins). */
    async userIdsInAgencies(agencyIds: Iterable<string>): Promise<string[]> {
      const ids = new Set(agencyIds);
      return [...new Set((await repo.allGrants()).filter((g) => g.agencyId && ids.has(g.agencyId)).map((g) => g.userId))];
    },

    /** Enabled users holding a role in one agency, with those roles (e.g. the handlers a case can be assigned to). */
    async staffOf(agencyId: string): Promise<{ id: string; username: string; displayName: string; roles: Role[] }[]> {
      const byUser = new Map<string, Role[]>();
      for (const g of await repo.allGrants()) if (g.agencyId === agencyId) byUser.set(g.userId, [...(byUser.get(g.userId) ?? []), g.role]);
      const out = [];
      for (const [id, roles] of byUser) {
        const u = await repo.byId(id);
        if (u && !u.disabled) out.push({ id: u.id, username: u.username, displayName: u.displayName, roles });
      }
      return out.sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN'));
    },

    // ---- authentication ----

    /** Checks the password; counts failures and locks the account temporarily after too many. */
    async signIn(username: string, password: string, ctx: { ip: string | null; userAgent: string | null }): Promise<{ token: string; principal: Principal; expiresAt: string }> {
      const actor: Actor = { userId: null, name: username.slice(0, 64), ip: ctx.ip };
      const u = await repo.byUsername(username);
      const now = clock.now();
      if (!u) {
        await verifyPassword(password, 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA'); // same cost as a real check
        await audit.record(actor, { action: 'auth.signInFailed', detail: { reason: 'unknownUser' } });
        throw new AppError('badCredentials', 'Wrong user name or password');
      }
      const uActor: Actor = { userId: u.id, name: u.username, ip: ctx.ip };
      if (u.disabled) {
        await audit.record(uActor, { action: 'auth.signInFailed', target: { type: 'user', id: u.id, label: u.username }, detail: { reason: 'disabled' } });
        throw new AppError('accountDisabled', 'Account disabled');
      }
      if (u.lockedUntil && u.lockedUntil > now.toISOString()) {
        await audit.record(uActor, { action: 'auth.signInFailed', target: { type: 'user', id: u.id, label: u.username }, detail: { reason: 'locked' } });
        throw new AppError('accountLocked', 'Account locked', { params: { until: u.lockedUntil } });
      }
      if (!(await verifyPassword(password, u.passwordHash))) {
        const failed = (u.lockedUntil ? 0 : u.failedCount) + 1;
        const lock = failed >= lockout.maxFailures;
        const lockedUntil = lock ? new Date(now.getTime() + lockout.minutes * 60_000).toISOString() : null;
        await repo.update(u.id, { failedCount: lock ? 0 : failed, lockedUntil });
        await audit.record(uActor, { action: 'auth.signInFailed', target: { type: 'user', id: u.id, label: u.username }, detail: { reason: 'password', failures: failed } });
        if (lock) {
          await audit.record(uActor, { action: 'auth.locked', target: { type: 'user', id: u.id, label: u.username }, detail: { until: lockedUntil } });
          throw new AppError('accountLocked', 'Account locked', { params: { until: lockedUntil! } });
        }
        throw new AppError('badCredentials', 'Wrong user name or password');
      }
      const token = randomToken(32);
      const expiresAt = new Date(now.getTime() + deps.sessionTtlMs).toISOString();
      await repo.insertSession({ id: hashToken(token), userId: u.id, createdAt: now.toISOString(), expiresAt, ip: ctx.ip, userAgent: ctx.userAgent?.slice(0, 300) ?? null });
      await repo.update(u.id, { failedCount: 0, lockedUntil: null, lastLoginAt: now.toISOString() });
      await audit.record(uActor, { action: 'auth.signIn', target: { type: 'user', id: u.id, label: u.username } });
      return { token, principal: await principalOf(u), expiresAt };
    },

    /** The principal behind a session cookie, or null if the session is unknown, expired or the user disabled. */
    async principalForToken(token: string): Promise<Principal | null> {
      if (!token) return null;
      const s = await repo.sessionById(hashToken(token));
      if (!s || s.expiresAt <= clock.now().toISOString()) return null;
      const u = await repo.byId(s.userId);
      if (!u || u.disabled) return null;
      return principalOf(u);
    },

    async signOut(token: string, actor: Actor): Promise<void> {
      const id = hashToken(token);
      const s = await repo.sessionById(id);
      await repo.deleteSession(id);
      if (s) await audit.record(actor, { action: 'auth.signOut', target: { type: 'user', id: s.userId, label: actor.name } });
    },

    purgeExpiredSessions: () => repo.deleteExpiredSessions(clock.now().toISOString()),

    /** For the CLI and demo loader: a principal with every right. */
    systemPrincipal(): Principal {
      return { userId: 'system', username: 'system', displayName: 'system', grants: [{ role: 'admin', agencyId: null }] };
    },

    userCount: async () => (await repo.all()).length,
  };
}
export type UsersService = ReturnType<typeof createUsersService>;
