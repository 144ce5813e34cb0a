import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.ts';

export interface AuditRow {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  targetLabel: string | null;
  agencyId: string | null;
  ip: string | null;
  detail: Record<string, unknown> | null;
}

export interface AuditQuery {
  action?: string; // exact, or a prefix ending with '.' (e.g. 'user.')
  actor?: string; // actor name contains
  agencyIds?: string[] | 'all';
  from?: string; // ISO instant, inclusive
  to?: string; // ISO instant, exclusive
  targetId?: string;
  /** With a list of agencyIds: also the entries about these users (target type 'user'), e.g. their sign-ins. */
  alsoUserTargets?: string[];
  limit: number;
  offset: number;
}

export function createAuditRepository(db: Kysely<Database>) {
  return {
    async insert(row: AuditRow): Promise<void> {
      await db
        .insertInto('audit_log')
        .values({
          id: row.id,
          at: row.at,
          actor_id: row.actorId,
          actor_name: row.actorName,
          action: row.action,
          target_type: row.targetType,
          target_id: row.targetId,
          target_label: row.targetLabel,
          agency_id: row.agencyId,
          ip: row.ip,
          detail: row.detail ? JSON.stringify(row.detail) : null,
        })
        .execute();
    },

    async list(q: AuditQuery): Promise<{ rows: AuditRow[]; total: number }> {
      let base = db.selectFrom('audit_log');
      if (q.action) base = q.action.endsWith('.') ? base.where('action', 'like', `${q.action}%`) : base.where('action', '=', q.action);
      if (q.actor) base = base.where('actor_name', 'like', `%${q.actor}%`);
      if (q.from) base = base.where('at', '>=', q.from);
      if (q.to) base = base.where('at', '<', q.to);
      if (q.targetId) base = base.where('target_id', '=', q.targetId);
      if (q.agencyIds && q.agencyIds !== 'all') {
        const ids = q.agencyIds;
        const users = q.alsoUserTargets ?? [];
        if (!ids.length && !users.length) return { rows: [], total: 0 };
        base = base.where((eb) =>
          eb.or([
            ...(ids.length ? [eb('agency_id', 'in', ids)] : []),
            ...(users.length ? [eb.and([eb('target_type', '=', 'user'), eb('target_id', 'in', users)])] : []),
          ]),
        );
      }
      const [{ n }] = await base.select((eb) => eb.fn.countAll<number>().as('n')).execute();
      const rows = await base.selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(q.limit).offset(q.offset).execute();
      return {
        total: Number(n),
        rows: rows.map((r) => ({
          id: r.id,
          at: r.at,
          actorId: r.actor_id,
          actorName: r.actor_name,
          action: r.action,
          targetType: r.target_type,
          targetId: r.target_id,
          targetLabel: r.target_label,
          agencyId: r.agency_id,
          ip: r.ip,
          detail: r.detail ? JSON.parse(r.detail) : null,
        })),
      };
    },

    async distinctActions(): Promise<string[]> {
      const rows = await db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute();
      return rows.map((r) => r.action);
    },
  };
}
export type AuditRepository = ReturnType<typeof createAuditRepository>;
