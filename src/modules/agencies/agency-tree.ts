/** Pure rules about the agency hierarchy and who may see what. No I/O. */

export type AgencyKind = 'government' | 'department' | 'township';
export const agencyKinds: AgencyKind[] = ['government', 'department', 'township'];

export interface Agency {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  shortName: string | null;
  parentId: string | null;
  kind: AgencyKind;
  creditCode: string | null;
  indexPrefix: string | null;
  indexPattern: string | null;
  sortOrder: number;
  officeName: string | null;
  address: string | null;
  postcode: string | null;
  officeHours: string | null;
  phone: string | null;
  fax: string | null;
  email: string | null;
  website: string | null;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export class AgencyTree {
  readonly byId = new Map<string, Agency>();
  readonly byCode = new Map<string, Agency>();
  private readonly kids = new Map<string | null, Agency[]>();

  constructor(agencies: Agency[]) {
    for (const a of agencies) {
      this.byId.set(a.id, a);
      this.byCode.set(a.code, a);
    }
    for (const a of agencies) {
      const p = a.parentId && this.byId.has(a.parentId) ? a.parentId : null;
      const list = this.kids.get(p) ?? [];
      list.push(a);
      this.kids.set(p, list);
    }
    for (const list of this.kids.values()) list.sort((x, y) => x.sortOrder - y.sortOrder || x.code.localeCompare(y.code));
  }

  all(): Agency[] {
    return [...this.byId.values()];
  }
  roots(): Agency[] {
    return this.kids.get(null) ?? [];
  }
  children(id: string): Agency[] {
    return this.kids.get(id) ?? [];
  }
  parent(id: string): Agency | undefined {
    const a = this.byId.get(id);
    return a?.parentId ? this.byId.get(a.parentId) : undefined;
  }
  /** From the root down to (and including) the agency. */
  path(id: string): Agency[] {
    const out: Agency[] = [];
    let cur = this.byId.get(id);
    const seen = new Set<string>();
    while (cur && !seen.has(cur.id)) {
      seen.add(cur.id);
      out.unshift(cur);
      cur = cur.parentId ? this.byId.get(cur.parentId) : undefined;
    }
    return out;
  }
  /** The agency and everything below it, depth first in display order. */
  subtree(id: string): Agency[] {
    const out: Agency[] = [];
    const walk = (a: Agency) => {
      out.push(a);
      for (const c of this.children(a.id)) walk(c);
    };
    const a = this.byId.get(id);
    if (a) walk(a);
    return out;
  }
  isWithin(id: string, ancestorId: string): boolean {
    return this.path(id).some((a) => a.id === ancestorId);
  }
  /** The government an agency belongs to (itself, if it is one). */
  governmentOf(id: string): Agency | undefined {
    return [...this.path(id)].reverse().find((a) => a.kind === 'government');
  }
  /** Flattened depth-first list with depth, for trees in pages and selects. */
  flatten(): { agency: Agency; depth: number }[] {
    const out: { agency: Agency; depth: number }[] = [];
    const walk = (a: Agency, depth: number) => {
      out.push({ agency: a, depth });
      for (const c of this.children(a.id)) walk(c, depth + 1);
    };
    for (const r of this.roots()) walk(r, 0);
    return out;
  }
}

/** Whether making `parentId` the parent of `id` would create a cycle. */
export function wouldCycle(tree: AgencyTree, id: string, parentId: string | null): boolean {
  if (!parentId) return false;
  if (parentId === id) return true;
  return tree.isWithin(parentId, id);
}

export type Role = 'admin' | 'authority' | 'editor' | 'handler' | 'approver' | 'inspector';
export const roles: Role[] = ['admin', 'authority', 'editor', 'handler', 'approver', 'inspector'];

export interface RoleGrant {
  role: Role;
  agencyId: string | null; // null only for admin
}

export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  grants: RoleGrant[];
}

export function isAdmin(p: Principal | null | undefined): boolean {
  return !!p?.grants.some((g) => g.role === 'admin');
}

/** Roles whose reach is the agency and everything below it (supervision); the others reach their own agency only. */
const subtreeRoles: Role[] = ['authority', 'inspector'];
/** Roles that may only look. */
const readOnlyRoles: Role[] = ['inspector'];

/** Agencies a principal may see: 'all' for administrators. */
export function visibleAgencyIds(p: Principal, tree: AgencyTree): Set<string> | 'all' {
  if (isAdmin(p)) return 'all';
  const out = new Set<string>();
  for (const g of p.grants) {
    if (!g.agencyId) continue;
    if (subtreeRoles.includes(g.role)) for (const a of tree.subtree(g.agencyId)) out.add(a.id);
    else out.add(g.agencyId);
  }
  return out;
}

export function canSeeAgency(p: Principal, tree: AgencyTree, agencyId: string): boolean {
  const v = visibleAgencyIds(p, tree);
  return v === 'all' || v.has(agencyId);
}

/** Agencies whose records a principal may change (any role but read-only ones). */
export function canChangeAgency(p: Principal, tree: AgencyTree, agencyId: string, role?: Role): boolean {
  if (isAdmin(p)) return true;
  return p.grants.some((g) => {
    if (!g.agencyId || readOnlyRoles.includes(g.role)) return false;
    if (role && g.role !== role && g.role !== 'authority') return false;
    return subtreeRoles.includes(g.role) ? tree.isWithin(agencyId, g.agencyId) : g.agencyId === agencyId;
  });
}

/** Who may edit an agency's own details (contacts, guide): administrators, the authority above it, its editors. */
export function canEditAgencyDetails(p: Principal, tree: AgencyTree, agencyId: string): boolean {
  if (isAdmin(p)) return true;
  return p.grants.some(
    (g) => !!g.agencyId && ((g.role === 'authority' && tree.isWithin(agencyId, g.agencyId)) || (g.role === 'editor' && g.agencyId === agencyId)),
  );
}

/** Whether a principal may see the audit log, and of which agencies. */
export function auditScope(p: Principal, tree: AgencyTree): Set<string> | 'all' | null {
  if (isAdmin(p)) return 'all';
  const ids = new Set<string>();
  for (const g of p.grants) {
    if ((g.role === 'authority' || g.role === 'inspector') && g.agencyId) for (const a of tree.subtree(g.agencyId)) ids.add(a.id);
  }
  return ids.size ? ids : null;
}
