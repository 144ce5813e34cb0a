export * from './taxonomy.ts';
export type { Publication, PublicationEvent, PublicationVersion, Validity } from './publication.ts';
export { statuses, type Status, canTransition } from './workflow.ts';
export { formatIndexNumber, validateIndexPattern, indexPrefixOf, defaultIndexPattern } from './index-number.ts';
export { timeliness, timelinessLimit } from './timeliness.ts';
export { publicationInputSchema, normaliseDocNo, type PublicationInput, type PublicationData } from './publications.schemas.ts';
export { createPublicationsRepository, type PublicationsRepository, type PublicationQuery, type CatalogReportCounts } from './publications.repository.ts';
export { createPublicationsService, type PublicationsService, type PublishResult, type SearchIndexer } from './publications.service.ts';
export { sanitizeBody } from './sanitize.ts';
// Bulk import and export (gongkai import|export publications, demo content).
export { importPublications, readLines, parseLine, parseIndexNumber, issueAsFieldIssue, importFields, type ImportLine, type ImportIssue, type ImportSummary, type ImportProgress, type ImportOptions, type ImportMode } from './import.ts';
export { exportPublications, toImportLine, type ExportProgress } from './export.ts';
// The public catalog's pages, for the portal module (lists, links, caching of public pages).
export * from './views/portal/index.ts';
export { sendCachedPage, newest, publicCacheControl, createPageCache, type PageCache, type BuiltPage } from './http-cache.ts';
export { createPublicPageCache } from './public-pages.ts';
export { createPublicReadRepository, type PublicReadRepository, type SitemapEntry } from './public-read.repository.ts';
export { searchIndexer, rebuildIndex } from './search.repository.ts';
export { reindexCatalog, type ReindexProgress, type ReindexSummary } from './reindex.ts';
export { createSearchService, searchInputSchema, type SearchService, type SearchResult, type SearchItem, type SearchInput, type SearchParams } from './search.service.ts';
// File rules shared with other modules' uploads (type by content, names).
export { sniffAttachmentType, attachmentMime, type AttachmentType } from './attachment-content.ts';
export { cleanFileName, downloadName } from './attachments.ts';
export { createAttachmentsRepository, type Attachment, type AttachmentsRepository } from './attachments.repository.ts';
export { createAttachmentsService, editingVersion, type AttachmentsService, type UploadedFile } from './attachments.service.ts';
