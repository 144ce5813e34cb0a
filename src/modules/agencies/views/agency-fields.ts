import type { Agency, AgencyTree } from '../agency-tree.ts';

/** The agency form's fields, in display order. */
export const identityFields = ['code', 'name', 'nameEn', 'shortName', 'parent', 'kind', 'creditCode', 'indexPrefix', 'indexPattern', 'sortOrder'] as const;
export const contactFields = ['officeName', 'address', 'postcode', 'officeHours', 'phone', 'fax', 'email', 'website'] as const;
export const allAgencyFields = [...identityFields, ...contactFields] as const;
export type AgencyField = (typeof allAgencyFields)[number];

/** What editors and the authority above an agency may change (the service's detail fields). */
export const detailFields: AgencyField[] = ['nameEn', 'shortName', ...contactFields];

export type AgencyValues = Record<AgencyField, string>;

export function emptyAgencyValues(): AgencyValues {
  const v = {} as AgencyValues;
  for (const f of allAgencyFields) v[f] = '';
  v.kind = 'department';
  v.sortOrder = '0';
  return v;
}

export function agencyValues(a: Agency, tree: AgencyTree): AgencyValues {
  const v = emptyAgencyValues();
  for (const f of allAgencyFields) {
    if (f === 'parent') v.parent = a.parentId ? tree.byId.get(a.parentId)?.code ?? '' : '';
    else if (f === 'sortOrder') v.sortOrder = String(a.sortOrder);
    else v[f] = (a[f] as string | null) ?? '';
  }
  return v;
}

/** Options for a select of agencies: the tree flattened, indented by depth with full-width spaces. */
export function agencyOptions(tree: AgencyTree, filter?: (a: Agency) => boolean): { value: string; label: string }[] {
  return tree
    .flatten()
    .filter(({ agency }) => !filter || filter(agency))
    .map(({ agency, depth }) => ({ value: agency.code, label: `${'\u3000'.repeat(depth)}${agency.name}（${agency.code}）` }));
}
