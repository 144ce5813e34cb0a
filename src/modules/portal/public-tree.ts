/** What the public sees of the agency hierarchy. Pure rules, no I/O. */
import { type Agency, AgencyTree } from '../agencies/index.ts';

const publicOf = new WeakMap<AgencyTree, AgencyTree>();

/**
 * The tree without disabled agencies (and without anything below a disabled agency). Computed once per
 * tree object (agencies.tree() hands out the same tree until an agency changes; trees are not changed).
 */
export function publicTree(tree: AgencyTree): AgencyTree {
  let pub = publicOf.get(tree);
  if (!pub) {
    pub = new AgencyTree(tree.all().filter((a) => !tree.path(a.id).some((p) => p.disabled)));
    publicOf.set(tree, pub);
  }
  return pub;
}

/**
 * The government the portal belongs to: the site setting `homeAgency` if it names a visible agency,
 * else the first root government, else the first root.
 */
export function homeAgencyOf(tree: AgencyTree, homeCode: string | undefined | null): Agency | undefined {
  const configured = homeCode ? tree.byCode.get(homeCode) : undefined;
  if (configured) return configured;
  const roots = tree.roots();
  return roots.find((a) => a.kind === 'government') ?? roots[0];
}

export interface ChildGroups {
  /** county-level governments (县、县级市、区) under a government, or any government below */
  governments: Agency[];
  departments: Agency[];
  townships: Agency[];
}

export function childGroups(tree: AgencyTree, id: string): ChildGroups {
  const kids = tree.children(id);
  return {
    governments: kids.filter((a) => a.kind === 'government'),
    departments: kids.filter((a) => a.kind === 'department'),
    townships: kids.filter((a) => a.kind === 'township'),
  };
}

/** The agency's name in the page's language (English name when there is one). */
export function agencyName(locale: string, a: Pick<Agency, 'name' | 'nameEn'>): string {
  return locale === 'en' && a.nameEn ? a.nameEn : a.name;
}

/**
 * The disclosure authority an agency answers to (Art. 3, 47): the office of its own government for a
 * department or township, the government above for a government. Undefined at the top of the tree.
 */
export function supervisingGovernment(tree: AgencyTree, a: Agency): Agency | undefined {
  if (a.kind === 'government') {
    const up = a.parentId ? tree.byId.get(a.parentId) : undefined;
    return up ? tree.governmentOf(up.id) : undefined;
  }
  return tree.governmentOf(a.id);
}
