/** The public portal's API for other modules: the column structure and what the public sees of the tree. */
export {
  subColumns,
  subColumnKey,
  subColumnHref,
  applyHref,
  agencyHref,
  agencyColumnHref,
  statutoryItemsFor,
  statutoryItem,
  statutoryItemKey,
  type SubColumn,
  type StatutoryItem,
} from './columns.ts';
export { publicTree, homeAgencyOf, agencyName, childGroups, supervisingGovernment } from './public-tree.ts';
