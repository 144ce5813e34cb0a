/** Chinese text for search: pieces and canonical form, index tokens, query parsing, highlighting (pure). */
export { type Piece, pieces, normalizeText, canonicalOf, canonicalText, canonicalFields, isHan } from './pieces.ts';
export { FIELD_SEPARATOR, streamTokens, pairTokens, fieldStream, fieldsStream, primedStreams, tokenSet, termPattern, type TermPattern } from './terms.ts';
export { searchWords, primedWords } from './words.ts';
export { parseQuery, mergeQueries, MAX_QUERY_LENGTH, MAX_TERMS, type ParsedQuery, type QueryTerm } from './query.ts';
export { parseDocNo, formatDocNo, looksLikeIndexNo, exactRefOf, type DocNo, type ExactRef } from './docno.ts';
export { highlight, snippet, hitRanges, containsAny, type Segment } from './highlight.ts';
export { isValidResidentId, residentIdCheckChar, isValidCreditCode, maskIdNumber, maskName, maskPhone, maskEmail, maskAddress } from './identity.ts';
