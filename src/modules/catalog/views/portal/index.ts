/** What other modules (the portal) use of the catalog's public views. */
export { PublicationList, publicationHref, indexNoHref, agencyCatalogHref, issuerNames } from './PublicationList.tsx';
export { browseHref, browsePath, pageSize, type BrowseFilters } from './browse-query.ts';
export { kindLabel, keyAreaLabel, validityLabel, topicLabel, genreLabel, agencyLabel } from './labels.ts';
export { catalogColumnMeta } from './BrowsePage.tsx';
export { FeedLinks, browseFeeds, catalogFeed, agencyFeed, columnFeed, topicFeed, feedAlternates, type Feed } from './FeedLinks.tsx';
