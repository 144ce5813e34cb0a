import type { Clock } from '../../kernel/clock.ts';
import { newId } from '../../kernel/ids.ts';
import type { AuditQuery, AuditRepository, AuditRow } from './audit.repository.ts';

/** Who did something and from where; the CLI acts as actor "cli" with no principal. */
export interface Actor {
  userId: string | null;
  name: string;
  ip: string | null;
}

export const cliActor: Actor = { userId: null, name: 'cli', ip: null };
export const systemActor: Actor = { userId: null, name: 'system', ip: null };

export interface AuditEntry {
  action: string; // e.g. 'auth.signIn', 'user.create', 'agency.update'
  target?: { type: string; id: string; label?: string };
  agencyId?: string | null;
  detail?: Record<string, unknown>;
}

/** The append-only audit log: every module records its events through this one service. */
export function createAuditService(deps: { repo: AuditRepository; clock: Clock }) {
  return {
    async record(actor: Actor, e: AuditEntry): Promise<void> {
      const now = deps.clock.now();
      await deps.repo.insert({
        id: newId(now.getTime()),
        at: now.toISOString(),
        actorId: actor.userId,
        actorName: actor.name,
        action: e.action,
        targetType: e.target?.type ?? null,
        targetId: e.target?.id ?? null,
        targetLabel: e.target?.label ?? null,
        agencyId: e.agencyId ?? null,
        ip: actor.ip,
        detail: e.detail ?? null,
      });
    },
    /** Callers decide the scope (agencyIds) from the principal's rights. */
    list(q: AuditQuery): Promise<{ rows: AuditRow[]; total: number }> {
      return deps.repo.list(q);
    },
    actions: () => deps.repo.distinctActions(),
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
