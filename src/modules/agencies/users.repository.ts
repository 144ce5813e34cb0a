import type { Kysely, Selectable } from 'kysely';
import type { Database, UserTable } from '../../storage/schema.ts';
import type { Role, RoleGrant } from './agency-tree.ts';

export interface User {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  disabled: boolean;
  failedCount: number;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
}

function toUser(r: Selectable<UserTable>): User {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    passwordHash: r.password_hash,
    disabled: !!r.disabled,
    failedCount: Number(r.failed_count),
    lockedUntil: r.locked_until,
    lastLoginAt: r.last_login_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function createUsersRepository(db: Kysely<Database>) {
  return {
    async byUsername(username: string): Promise<User | undefined> {
      const r = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
      return r ? toUser(r) : undefined;
    },
    async byId(id: string): Promise<User | undefined> {
      const r = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toUser(r) : undefined;
    },
    async all(): Promise<User[]> {
      return (await db.selectFrom('users').selectAll().orderBy('username').execute()).map(toUser);
    },
    async insert(u: User, grants: RoleGrant[], ids: () => string, trx: Kysely<Database> = db): Promise<void> {
      await trx
        .insertInto('users')
        .values({
          id: u.id,
          username: u.username,
          display_name: u.displayName,
          password_hash: u.passwordHash,
          disabled: u.disabled ? 1 : 0,
          failed_count: u.failedCount,
          locked_until: u.lockedUntil,
          last_login_at: u.lastLoginAt,
          created_at: u.createdAt,
          updated_at: u.updatedAt,
        })
        .execute();
      for (const g of grants) await trx.insertInto('user_roles').values({ id: ids(), user_id: u.id, role: g.role, agency_id: g.agencyId, created_at: u.createdAt }).execute();
    },
    async update(id: string, patch: Partial<Pick<User, 'displayName' | 'passwordHash' | 'disabled' | 'failedCount' | 'lockedUntil' | 'lastLoginAt' | 'updatedAt'>>): Promise<void> {
      const set: Record<string, unknown> = {};
      if (patch.displayName !== undefined) set.display_name = patch.displayName;
      if (patch.passwordHash !== undefined) set.password_hash = patch.passwordHash;
      if (patch.disabled !== undefined) set.disabled = patch.disabled ? 1 : 0;
      if (patch.failedCount !== undefined) set.failed_count = patch.failedCount;
      if (patch.lockedUntil !== undefined) set.locked_until = patch.lockedUntil;
      if (patch.lastLoginAt !== undefined) set.last_login_at = patch.lastLoginAt;
      if (patch.updatedAt !== undefined) set.updated_at = patch.updatedAt;
      if (Object.keys(set).length) await db.updateTable('users').set(set).where('id', '=', id).execute();
    },
    async grants(userId: string): Promise<RoleGrant[]> {
      const rows = await db.selectFrom('user_roles').select(['role', 'agency_id']).where('user_id', '=', userId).orderBy('created_at').execute();
      return rows.map((r) => ({ role: r.role as Role, agencyId: r.agency_id }));
    },
    async allGrants(): Promise<{ userId: string; role: Role; agencyId: string | null }[]> {
      const rows = await db.selectFrom('user_roles').select(['user_id', 'role', 'agency_id']).execute();
      return rows.map((r) => ({ userId: r.user_id, role: r.role as Role, agencyId: r.agency_id }));
    },
    async replaceGrants(userId: string, grants: RoleGrant[], ids: () => string, at: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('user_roles').where('user_id', '=', userId).execute();
        for (const g of grants) await trx.insertInto('user_roles').values({ id: ids(), user_id: userId, role: g.role, agency_id: g.agencyId, created_at: at }).execute();
      });
    },
    // sessions
    async insertSession(s: { id: string; userId: string; createdAt: string; expiresAt: string; ip: string | null; userAgent: string | null }): Promise<void> {
      await db.insertInto('sessions').values({ id: s.id, user_id: s.userId, created_at: s.createdAt, expires_at: s.expiresAt, ip: s.ip, user_agent: s.userAgent }).execute();
    },
    async sessionById(id: string): Promise<{ userId: string; expiresAt: string } | undefined> {
      const r = await db.selectFrom('sessions').select(['user_id', 'expires_at']).where('id', '=', id).executeTakeFirst();
      return r ? { userId: r.user_id, expiresAt: r.expires_at } : undefined;
    },
    async deleteSession(id: string): Promise<void> {
      await db.deleteFrom('sessions').where('id', '=', id).execute();
    },
    async deleteSessionsOf(userId: string): Promise<void> {
      await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
    },
    async deleteExpiredSessions(now: string): Promise<void> {
      await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
    },
  };
}
export type UsersRepository = ReturnType<typeof createUsersRepository>;
