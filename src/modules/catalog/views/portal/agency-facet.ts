import type { AgencyTree } from '../../../agencies/index.ts';

/** One co-issuer of one item (other than its lead agency). */
export interface CoIssue {
  publicationId: string;
  leadId: string;
  coId: string;
}

/**
 * The browse page's agency facet: for every agency, how many of the filtered items it or any agency
 * below it issued — as lead or as co-issuer (joint documents, 联合发文) — each item once. That is
 * exactly what choosing the agency then lists (the agency filter takes the subtree, owner or co-issuer).
 *
 * `leadCounts`: items per lead agency; `coIssued`: the co-issuers of the joint items among them.
 * Lead counts are summed up the tree; a joint item then adds one to every agency at or above one of
 * its co-issuers that is not already at or above its lead (where it was counted).
 */
export function agencyFacetTotals(tree: AgencyTree, leadCounts: { value: string; count: number }[], coIssued: CoIssue[] = []): Map<string, number> {
  const own = new Map(leadCounts.map((c) => [c.value, c.count]));
  const total = new Map<string, number>();
  for (const { agency } of [...tree.flatten()].reverse()) {
    total.set(agency.id, (own.get(agency.id) ?? 0) + tree.children(agency.id).reduce((s, c) => s + (total.get(c.id) ?? 0), 0));
  }
  const items = new Map<string, { leadId: string; coIds: string[] }>();
  for (const r of coIssued) {
    const item = items.get(r.publicationId);
    if (item) item.coIds.push(r.coId);
    else items.set(r.publicationId, { leadId: r.leadId, coIds: [r.coId] });
  }
  for (const { leadId, coIds } of items.values()) {
    const counted = new Set(tree.path(leadId).map((a) => a.id));
    const extra = new Set<string>();
    for (const co of coIds) for (const a of tree.path(co)) if (!counted.has(a.id)) extra.add(a.id);
    for (const id of extra) total.set(id, (total.get(id) ?? 0) + 1);
  }
  return total;
}
