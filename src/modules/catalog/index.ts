export * from './taxonomy.ts';
export type { Publication, PublicationEvent, PublicationVersion, Validity } from './publication.ts';
export { statuses, type Status, canTransition } from './workflow.ts';
export { formatIndexNumber, validateIndexPattern, indexPrefixOf, defaultIndexPattern } from './index-number.ts';
export { timeliness, timelinessLimit } from './timeliness.ts';
export { publicationInputSchema, normaliseDocNo, type PublicationInput, type PublicationData } from './publications.schemas.ts';
export { createPublicationsRepository, type PublicationsRepository, type PublicationQuery } from './publications.repository.ts';
export { createPublicationsService, type PublicationsService, type PublishResult, type SearchIndexer } from './publications.service.ts';
export { sanitizeBody } from './sanitize.ts';
