import type { Kysely } from 'kysely';
import type { Clock } from '../../kernel/clock.ts';
import { errors } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { parseInput } from '../../kernel/validation.ts';
import type { Database } from '../../storage/schema.ts';
import type { Actor, AuditService } from '../audit/index.ts';
import type { AgenciesRepository } from './agencies.repository.ts';
import { agencyInputSchema, type AgencyData, type AgencyInput } from './agencies.schemas.ts';
import { type Agency, AgencyTree, canEditAgencyDetails, isAdmin, type Principal, wouldCycle } from './agency-tree.ts';

/** The fields of an agency that its editors and the authority above it may change (not its place in the tree). */
const detailFields = ['nameEn', 'shortName', 'officeName', 'address', 'postcode', 'officeHours', 'phone', 'fax', 'email', 'website'] as const;

export function createAgenciesService(deps: { db: Kysely<Database>; repo: AgenciesRepository; audit: AuditService; clock: Clock }) {
  const { repo, audit, clock } = deps;

  /**
   * The agency tree, kept in memory and read again only when the agencies' change counter moved
   * (agencies.repository.ts bumps it in the transaction of every change, by any process): one
   * primary-key read per call instead of reading and building the whole tree (8–23 ms for 1,000
   * agencies, docs/benchmarks.md). The counter is read before the rows, so a kept tree is never older
   * than its counter says; a newer one is merely read again on the next call. The tree is shared:
   * callers must not change it.
   */
  let kept: { version: number; tree: Promise<AgencyTree> } | null = null;
  async function tree(): Promise<AgencyTree> {
    const version = await repo.version();
    if (!kept || kept.version < version) {
      const built = repo.all().then((rows) => new AgencyTree(rows));
      const entry = { version, tree: built };
      kept = entry;
      built.catch(() => {
        if (kept === entry) kept = null;
      });
    }
    return kept.tree;
  }

  async function requireByCode(code: string): Promise<Agency> {
    const a = await repo.byCode(code);
    if (!a) throw errors.notFound('agency', code);
    return a;
  }

  function resolveParent(t: AgencyTree, data: AgencyData): string | null {
    if (!data.parent) return null;
    const p = t.byCode.get(data.parent);
    if (!p) throw errors.validation([{ field: 'parent', message: 'agency.parentUnknown', params: { code: data.parent } }], `Unknown parent agency ${data.parent}`);
    return p.id;
  }

  function build(data: AgencyData, parentId: string | null, base: Pick<Agency, 'id' | 'createdAt' | 'disabled'>): Agency {
    return {
      ...base,
      code: data.code,
      name: data.name,
      nameEn: data.nameEn,
      shortName: data.shortName,
      parentId,
      kind: data.kind,
      creditCode: data.creditCode,
      indexPrefix: data.indexPrefix,
      indexPattern: data.indexPattern,
      sortOrder: data.sortOrder,
      officeName: data.officeName,
      address: data.address,
      postcode: data.postcode,
      officeHours: data.officeHours,
      phone: data.phone,
      fax: data.fax,
      email: data.email,
      website: data.website,
      updatedAt: clock.now().toISOString(),
    };
  }

  function requireAdmin(p: Principal): void {
    if (!isAdmin(p)) throw errors.forbidden('Only system administrators manage the agency tree');
  }

  return {
    tree,
    requireByCode,
    byCode: (code: string) => repo.byCode(code),
    count: () => repo.count(),

    async create(principal: Principal, actor: Actor, input: AgencyInput): Promise<Agency> {
      requireAdmin(principal);
      const data = parseInput(agencyInputSchema, input);
      const t = await tree();
      if (t.byCode.has(data.code)) throw errors.validation([{ field: 'code', message: 'agency.codeTaken', params: { code: data.code } }], `Agency code ${data.code} exists`);
      const parentId = resolveParent(t, data);
      const now = clock.now();
      const agency = build(data, parentId, { id: newId(now.getTime()), createdAt: now.toISOString(), disabled: false });
      await repo.insert(agency);
      await audit.record(actor, { action: 'agency.create', target: { type: 'agency', id: agency.id, label: `${agency.code} ${agency.name}` }, agencyId: agency.id, detail: { code: agency.code, parent: data.parent } });
      return agency;
    },

    /** Full update by an administrator; editors and authorities may change the contact details only. */
    async update(principal: Principal, actor: Actor, code: string, input: AgencyInput): Promise<Agency> {
      const current = await requireByCode(code);
      const t = await tree();
      if (!canEditAgencyDetails(principal, t, current.id)) throw errors.forbidden();
      const data = parseInput(agencyInputSchema, input);
      let next: Agency;
      if (isAdmin(principal)) {
        if (data.code !== current.code && t.byCode.has(data.code)) throw errors.validation([{ field: 'code', message: 'agency.codeTaken', params: { code: data.code } }]);
        const parentId = resolveParent(t, data);
        if (wouldCycle(t, current.id, parentId)) throw errors.validation([{ field: 'parent', message: 'agency.parentCycle' }], 'An agency cannot be placed under itself');
        next = build(data, parentId, { id: current.id, createdAt: current.createdAt, disabled: current.disabled });
      } else {
        next = { ...current, updatedAt: clock.now().toISOString() };
        for (const f of detailFields) (next as any)[f] = data[f];
      }
      const changed = Object.keys(next).filter((k) => k !== 'updatedAt' && (next as any)[k] !== (current as any)[k]);
      await repo.update(next);
      await audit.record(actor, { action: 'agency.update', target: { type: 'agency', id: next.id, label: `${next.code} ${next.name}` }, agencyId: next.id, detail: { changed } });
      return next;
    },

    async setDisabled(principal: Principal, actor: Actor, code: string, disabled: boolean): Promise<Agency> {
      requireAdmin(principal);
      const current = await requireByCode(code);
      const next = { ...current, disabled, updatedAt: clock.now().toISOString() };
      await repo.update(next);
      await audit.record(actor, { action: disabled ? 'agency.disable' : 'agency.enable', target: { type: 'agency', id: next.id, label: `${next.code} ${next.name}` }, agencyId: next.id });
      return next;
    },

    /**
     * Import agencies (one object per JSON line), all or nothing. A line may name as parent an existing
     * agency or one defined on an earlier line; an existing code is updated. Errors carry the line number.
     */
    async importMany(principal: Principal, actor: Actor, lines: { line: number; value: unknown }[]): Promise<{ created: number; updated: number }> {
      requireAdmin(principal);
      const t = await tree();
      const known = new Map(t.all().map((a) => [a.code, a]));
      const issues: { field: string; message: string; params?: Record<string, string | number> }[] = [];
      const plan: { agency: Agency; isNew: boolean }[] = [];
      const now = clock.now();
      for (const { line, value } of lines) {
        const r = agencyInputSchema.safeParse(value);
        if (!r.success) {
          for (const i of r.error.issues) issues.push({ field: `line ${line}: ${i.path.join('.') || '_'}`, message: i.message });
          continue;
        }
        const data = r.data;
        const parent = data.parent ? known.get(data.parent) : null;
        if (data.parent && !parent) {
          issues.push({ field: `line ${line}: parent`, message: 'agency.parentUnknown', params: { code: data.parent } });
          continue;
        }
        const existing = known.get(data.code);
        const agency = build(data, parent?.id ?? null, existing ? { id: existing.id, createdAt: existing.createdAt, disabled: existing.disabled } : { id: newId(now.getTime()), createdAt: now.toISOString(), disabled: false });
        if (existing && parent && (parent.id === existing.id || new AgencyTree([...known.values()]).isWithin(parent.id, existing.id))) {
          issues.push({ field: `line ${line}: parent`, message: 'agency.parentCycle' });
          continue;
        }
        known.set(agency.code, agency);
        plan.push({ agency, isNew: !existing && !plan.some((p) => p.agency.code === agency.code) });
      }
      if (issues.length) throw errors.validation(issues, `Import rejected: ${issues.length} problem(s); nothing was imported`);
      let created = 0;
      let updated = 0;
      await deps.db.transaction().execute(async (trx) => {
        const done = new Set<string>();
        for (const { agency } of plan) {
          const exists = done.has(agency.id) || t.byId.has(agency.id);
          if (exists) {
            await repo.update(agency, trx);
            updated++;
          } else {
            await repo.insert(agency, trx);
            created++;
          }
          done.add(agency.id);
        }
      });
      await audit.record(actor, { action: 'agency.import', detail: { created, updated, lines: lines.length } });
      return { created, updated };
    },
  };
}
export type AgenciesService = ReturnType<typeof createAgenciesService>;
