/**
 * The public JSON API's schemas (zod) and the OpenAPI 3.1 document built from them.
 *
 * The routes parse query parameters with these schemas and shape their responses to the inferred types;
 * the document's parameter and response schemas are generated from the same objects
 * (`z.toJSONSchema`), so the document and the API cannot drift apart (a test validates every
 * response against the document). Descriptions are message-catalog keys, translated when the
 * document is built.
 */
import { z } from 'zod';
import type { T } from '../../http/i18n/index.ts';
import { agencyKinds } from '../agencies/index.ts';
import { genres, keyAreaCodes, kinds, topicTree, topics, validityStatuses } from './taxonomy.ts';
import { applicationsOpenApi } from '../applications/openapi.ts';

// ---------- query parameters ----------

/** Top-level topics and '一级/二级' topics: what the `topic` filter accepts. */
export const topicFilterValues: string[] = [...topicTree.map(([top]) => top), ...topics.filter((tp) => tp.includes('/'))];

const int = (min: number, max: number) => z.coerce.number().int({ message: 'api.issue.integer' }).min(min).max(max);

/** Filters of the catalog (the same as the browse page's) with pagination. */
export const publicationListQuerySchema = z
  .object({
    agency: z.string().trim().min(1).max(64).optional().describe('catalogApi.param.agency'),
    subtree: z.enum(['true', 'false']).optional().describe('catalogApi.param.subtree'),
    kind: z
      .preprocess((v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()) : v), z.array(z.enum(kinds)).max(kinds.length))
      .optional()
      .describe('catalogApi.param.kind'),
    topic: z.enum(topicFilterValues as [string, ...string[]], { message: 'catalog.topicUnknown' }).optional().describe('catalogApi.param.topic'),
    genre: z.enum(genres).optional().describe('catalogApi.param.genre'),
    year: int(1949, 2100).optional().describe('catalogApi.param.year'),
    validity: z.enum(validityStatuses).optional().describe('catalogApi.param.validity'),
    column: z.enum(keyAreaCodes as [string, ...string[]]).optional().describe('catalogApi.param.column'),
    page: int(1, 10000).default(1).describe('catalogApi.param.page'),
    pageSize: int(1, 100).default(20).describe('catalogApi.param.pageSize'),
    lang: z.enum(['zh-CN', 'en']).optional().describe('catalogApi.param.lang'),
  })
  .strict();
export type PublicationListQuery = z.output<typeof publicationListQuerySchema>;

const toList = (v: unknown) => (typeof v === 'string' ? [v] : v);

/** Catalog search: the search page's parameters, checked strictly (a bad value is an error, not ignored). */
export const searchQuerySchema = z
  .object({
    q: z.string().trim().max(400).optional().describe('catalogApi.param.q'),
    within: z.preprocess(toList, z.array(z.string().trim().min(1).max(400)).max(5)).optional().describe('catalogApi.param.within'),
    scope: z.enum(['all', 'title']).default('all').describe('catalogApi.param.scope'),
    agency: z.string().trim().min(1).max(64).optional().describe('catalogApi.param.agency'),
    subtree: z.enum(['true', 'false']).optional().describe('catalogApi.param.subtree'),
    docNoPrefix: z.string().trim().max(50).optional().describe('catalogApi.param.docNoPrefix'),
    docNoYear: int(1949, 2999).optional().describe('catalogApi.param.docNoYear'),
    docNoNumber: int(0, 999999).optional().describe('catalogApi.param.docNoNumber'),
    topic: z.enum(topicFilterValues as [string, ...string[]], { message: 'catalog.topicUnknown' }).optional().describe('catalogApi.param.topic'),
    genre: z.enum(genres).optional().describe('catalogApi.param.genre'),
    kind: z
      .preprocess((v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()) : v), z.array(z.enum(kinds)).max(kinds.length))
      .optional()
      .describe('catalogApi.param.kind'),
    from: z.iso.date({ message: 'validation.date' }).optional().describe('catalogApi.param.from'),
    to: z.iso.date({ message: 'validation.date' }).optional().describe('catalogApi.param.to'),
    validity: z.enum(validityStatuses).optional().describe('catalogApi.param.validity'),
    sort: z.enum(['relevance', 'date']).optional().describe('catalogApi.param.sort'),
    group: z.enum(['documents', 'interpretations']).default('documents').describe('catalogApi.param.group'),
    page: int(1, 10000).default(1).describe('catalogApi.param.page'),
    pageSize: int(1, 50).default(20).describe('catalogApi.param.searchPageSize'),
    lang: z.enum(['zh-CN', 'en']).optional().describe('catalogApi.param.lang'),
  })
  .strict();
export type SearchQuery = z.output<typeof searchQuerySchema>;

/** Path parameters, documented only (the routes read them as strings). */
const pathParams = {
  id: z.string().describe('catalogApi.param.id'),
  indexNo: z.string().describe('catalogApi.param.indexNo'),
  code: z.string().describe('catalogApi.param.code'),
  column: z.enum(keyAreaCodes as [string, ...string[]]).describe('catalogApi.param.columnPath'),
  topic: z.enum(topicTree.map(([top]) => top) as [string, ...string[]]).describe('catalogApi.param.topicPath'),
};

// ---------- responses ----------

const registry = z.registry<{ id: string }>();
function component<S extends z.ZodType>(id: string, schema: S): S {
  registry.add(schema, { id });
  return schema;
}

const url = z.url().describe('catalogApi.field.url');
const instant = z.iso.datetime();
const date = z.iso.date();

export const issuerSchema = component(
  'Issuer',
  z.object({
    code: z.string().describe('catalogApi.field.issuer.code'),
    name: z.string().describe('catalogApi.field.issuer.name'),
  }),
);

export const publicationRefSchema = component(
  'PublicationRef',
  z.object({
    id: z.string(),
    indexNo: z.string().nullable(),
    title: z.string(),
    publishedOn: date.nullable(),
    url,
  }),
);

export const columnRefSchema = component('Column', z.object({ code: z.enum(keyAreaCodes as [string, ...string[]]), name: z.string() }));

export const validitySchema = component(
  'Validity',
  z.object({
    status: z.enum(validityStatuses).describe('catalogApi.field.validity.status'),
    statusName: z.string(),
    from: date.nullable().describe('catalogApi.field.validity.from'),
    until: date.nullable().describe('catalogApi.field.validity.until'),
    replacedBy: publicationRefSchema.nullable().describe('catalogApi.field.validity.replacedBy'),
  }),
);

export const attachmentSchema = component(
  'Attachment',
  z.object({
    name: z.string().describe('attachments.api.name'),
    type: z.enum(['pdf', 'docx', 'xlsx', 'png', 'jpeg', 'gif', 'webp']).describe('attachments.api.type'),
    mime: z.string().describe('attachments.api.mime'),
    size: z.int().min(1).describe('attachments.api.size'),
    url: url.describe('attachments.api.url'),
  }),
);

const publicationFields = {
  id: z.string().describe('catalogApi.field.id'),
  indexNo: z.string().describe('catalogApi.field.indexNo'),
  title: z.string().describe('catalogApi.field.title'),
  docNo: z.string().nullable().describe('catalogApi.field.docNo'),
  status: z.literal('published'),
  url,
  issuers: z.array(issuerSchema).describe('catalogApi.field.issuers'),
  writtenOn: date.nullable().describe('catalogApi.field.writtenOn'),
  publishedOn: date.describe('catalogApi.field.publishedOn'),
  publishedAt: instant.describe('catalogApi.field.publishedAt'),
  updatedAt: instant.describe('catalogApi.field.updatedAt'),
  kind: z.enum(kinds).describe('catalogApi.field.kind'),
  kindName: z.string(),
  topic: z.string().nullable().describe('catalogApi.field.topic'),
  genre: z.enum(genres).nullable().describe('catalogApi.field.genre'),
  audience: z.array(z.string()).describe('catalogApi.field.audience'),
  keywords: z.array(z.string()).describe('catalogApi.field.keywords'),
  summary: z.string().nullable().describe('catalogApi.field.summary'),
  columns: z.array(columnRefSchema).describe('catalogApi.field.columns'),
  validity: validitySchema.nullable().describe('catalogApi.field.validity'),
  version: z.int().min(1).describe('catalogApi.field.version'),
  attachments: z.array(attachmentSchema).describe('attachments.api.list'),
};

export const publicationSummarySchema = component('PublicationSummary', z.object(publicationFields));
export type PublicationSummaryOut = z.output<typeof publicationSummarySchema>;

export const publicationSchema = component(
  'Publication',
  z.object({
    ...publicationFields,
    bodyHtml: z.string().describe('catalogApi.field.bodyHtml'),
    bodyText: z.string().describe('catalogApi.field.bodyText'),
    interprets: publicationRefSchema.nullable().describe('catalogApi.field.interprets'),
    interpretations: z.array(publicationRefSchema).describe('catalogApi.field.interpretations'),
  }),
);
export type PublicationOut = z.output<typeof publicationSchema>;

export const withdrawnPublicationSchema = component(
  'WithdrawnPublication',
  z.object({
    id: z.string(),
    indexNo: z.string().nullable(),
    title: z.string(),
    docNo: z.string().nullable(),
    status: z.literal('withdrawn'),
    url,
    issuers: z.array(issuerSchema),
    publishedOn: date.nullable(),
    publishedAt: instant.nullable(),
    withdrawnAt: instant.nullable().describe('catalogApi.field.withdrawnAt'),
    withdrawnReason: z.string().nullable().describe('catalogApi.field.withdrawnReason'),
  }),
);
export type WithdrawnPublicationOut = z.output<typeof withdrawnPublicationSchema>;

export const publicationResponseSchema = component('PublicationResponse', z.discriminatedUnion('status', [publicationSchema, withdrawnPublicationSchema]));

export const publicationListSchema = component(
  'PublicationList',
  z.object({
    items: z.array(publicationSummarySchema),
    total: z.int().min(0).describe('catalogApi.field.total'),
    page: z.int().min(1),
    pageSize: z.int().min(1).max(100),
  }),
);
export type PublicationListOut = z.output<typeof publicationListSchema>;

const segmentsSchema = component('TextSegments', z.array(z.object({ text: z.string(), hit: z.boolean() })).describe('catalogApi.field.segments'));
export const searchHitSchema = component(
  'SearchHit',
  z.object({
    id: z.string(),
    indexNo: z.string().nullable(),
    title: z.string(),
    titleHighlighted: segmentsSchema,
    snippet: segmentsSchema.describe('catalogApi.field.snippet'),
    docNo: z.string().nullable(),
    url,
    issuers: z.array(issuerSchema),
    publishedOn: date,
    kind: z.enum(kinds),
    kindName: z.string(),
    genre: z.string().nullable(),
    topic: z.string().nullable(),
    validity: z.enum(validityStatuses).nullable(),
    interpretsId: z.string().nullable().describe('catalogApi.field.interpretsId'),
  }),
);
export type SearchHitOut = z.output<typeof searchHitSchema>;
const searchGroupSchema = component(
  'SearchGroup',
  z.object({
    total: z.int().min(0),
    totalIsEstimate: z.boolean().describe('catalogApi.field.estimate'),
    items: z.array(searchHitSchema),
    page: z.int().min(1),
    pageSize: z.int().min(1),
    pages: z.int().min(0),
  }),
);
const facetSchema = z.array(z.object({ value: z.string(), count: z.int().min(0) }));
export const searchResultSchema = component(
  'SearchResult',
  z.object({
    query: z.object({ q: z.string(), within: z.array(z.string()), terms: z.array(z.string()), excluded: z.array(z.string()), scope: z.enum(['all', 'title']), sort: z.enum(['relevance', 'date']) }),
    exactMatch: searchHitSchema.nullable().describe('catalogApi.field.exactMatch'),
    total: z.int().min(0),
    totalIsEstimate: z.boolean(),
    groups: z.object({ documents: searchGroupSchema, interpretations: searchGroupSchema }).describe('catalogApi.field.groups'),
    focus: z.enum(['documents', 'interpretations']),
    facets: z.object({
      agencies: z.array(z.object({ value: z.string().describe('catalogApi.field.agency.code'), name: z.string(), count: z.int().min(0) })),
      topics: facetSchema,
      genres: facetSchema,
      kinds: facetSchema,
      years: facetSchema,
    }),
    facetsAreEstimate: z.boolean(),
  }),
);
export type SearchResultOut = z.output<typeof searchResultSchema>;

const nullableText = z.string().nullable();
export const agencySchema = component(
  'Agency',
  z.object({
    code: z.string().describe('catalogApi.field.agency.code'),
    name: z.string(),
    nameEn: nullableText,
    shortName: nullableText,
    parent: z.string().nullable().describe('catalogApi.field.agency.parent'),
    kind: z.enum(agencyKinds as ['government', 'department', 'township']).describe('catalogApi.field.agency.kind'),
    url,
    feeds: z.object({ atom: url, json: url }),
    contacts: z
      .object({
        officeName: nullableText,
        address: nullableText,
        postcode: nullableText,
        officeHours: nullableText,
        phone: nullableText,
        fax: nullableText,
        email: nullableText,
        website: nullableText,
      })
      .describe('catalogApi.field.agency.contacts'),
  }),
);
export type AgencyOut = z.output<typeof agencySchema>;
export const agencyListSchema = component('AgencyList', z.object({ items: z.array(agencySchema) }));
export type AgencyListOut = z.output<typeof agencyListSchema>;

export const errorSchema = component(
  'Error',
  z.object({
    error: z.object({
      code: z.string().describe('catalogApi.field.error.code'),
      message: z.string(),
      issues: z.array(z.object({ field: z.string(), message: z.string() })).describe('catalogApi.field.error.issues'),
      reference: z.string().optional(),
    }),
  }),
);

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) as the feeds produce it. */
const feedAuthor = z.object({ name: z.string(), url: z.url().optional() });
export const jsonFeedItemSchema = component(
  'JsonFeedItem',
  z.object({
    id: z.string(),
    url,
    title: z.string(),
    summary: z.string().optional(),
    content_html: z.string().optional(),
    content_text: z.string().optional(),
    date_published: instant,
    date_modified: instant,
    authors: z.array(feedAuthor),
    tags: z.array(z.string()),
    language: z.string(),
    _gongkai: z.object({
      about: z.url(),
      indexNo: z.string(),
      docNo: z.string().nullable(),
      kind: z.enum(kinds),
      topic: z.string().nullable(),
      publishedOn: date,
      writtenOn: date.nullable(),
      issuers: z.array(issuerSchema),
    }),
  }),
);
export type JsonFeedItemOut = z.output<typeof jsonFeedItemSchema>;
export const jsonFeedSchema = component(
  'JsonFeed',
  z.object({
    version: z.literal('https://jsonfeed.org/version/1.1'),
    title: z.string(),
    home_page_url: z.url(),
    feed_url: z.url(),
    description: z.string(),
    language: z.string(),
    icon: z.url(),
    authors: z.array(feedAuthor),
    items: z.array(jsonFeedItemSchema),
  }),
);
export type JsonFeedOut = z.output<typeof jsonFeedSchema>;

// ---------- operations ----------

type JsonSchema = Record<string, unknown>;

export interface ParameterDoc {
  name: string;
  in: 'query' | 'path';
  required: boolean;
  description: string;
  schema: JsonSchema;
}

interface OperationDef {
  path: string;
  id: string;
  tag: 'publications' | 'agencies' | 'feeds' | 'meta';
  query?: z.ZodObject;
  path_?: (keyof typeof pathParams)[];
  /** status → component id (JSON), or a content type with a string body, or another JSON type with a component id */
  responses: Record<number, string | { type: string; schema?: string }>;
  /** example request (path and query), shown as a curl line */
  example: string;
  cached?: boolean;
}

const feedOps = (kind: 'catalog' | 'agency' | 'column' | 'topic'): OperationDef[] => {
  const seg = kind === 'catalog' ? '/feeds/catalog' : `/feeds/${kind}/{${kind === 'agency' ? 'code' : kind}}`;
  const param = kind === 'agency' ? 'code' : kind === 'catalog' ? undefined : kind;
  const example = kind === 'catalog' ? '/feeds/catalog' : kind === 'agency' ? '/feeds/agency/{agency}' : kind === 'column' ? '/feeds/column/fiscal' : `/feeds/topic/${encodeURIComponent('财政、金融、审计')}`;
  const notFound: OperationDef['responses'] = param ? { 404: { type: 'text/html' } } : {};
  return [
    { path: `${seg}.atom`, id: `${kind}FeedAtom`, tag: 'feeds', path_: param ? [param as keyof typeof pathParams] : undefined, responses: { 200: { type: 'application/atom+xml' }, ...notFound }, example: `${example}.atom`, cached: true },
    { path: `${seg}.json`, id: `${kind}FeedJson`, tag: 'feeds', path_: param ? [param as keyof typeof pathParams] : undefined, responses: { 200: { type: 'application/feed+json', schema: 'JsonFeed' }, ...notFound }, example: `${example}.json`, cached: true },
  ];
};

export const operations: OperationDef[] = [
  { path: '/api/v1/publications', id: 'listPublications', tag: 'publications', query: publicationListQuerySchema, responses: { 200: 'PublicationList', 400: 'Error', 429: 'Error' }, example: '/api/v1/publications?kind=normativeDocument&pageSize=10', cached: true },
  { path: '/api/v1/publications/{id}', id: 'getPublication', tag: 'publications', path_: ['id'], responses: { 200: 'PublicationResponse', 404: 'Error', 429: 'Error' }, example: '/api/v1/publications/{publication}', cached: true },
  { path: '/api/v1/publications/by-index/{indexNo}', id: 'getPublicationByIndexNo', tag: 'publications', path_: ['indexNo'], responses: { 200: 'PublicationResponse', 404: 'Error', 429: 'Error' }, example: '/api/v1/publications/by-index/{indexNo}', cached: true },
  { path: '/api/v1/search', id: 'searchPublications', tag: 'publications', query: searchQuerySchema, responses: { 200: 'SearchResult', 400: 'Error', 429: 'Error' }, example: `/api/v1/search?q=${encodeURIComponent('预算 公开')}&pageSize=10`, cached: true },
  { path: '/api/v1/agencies', id: 'listAgencies', tag: 'agencies', responses: { 200: 'AgencyList', 429: 'Error' }, example: '/api/v1/agencies', cached: true },
  ...feedOps('catalog'),
  ...feedOps('agency'),
  ...feedOps('column'),
  ...feedOps('topic'),
  { path: '/api/openapi.json', id: 'openApiDocument', tag: 'meta', responses: { 200: { type: 'application/json' } }, example: '/api/openapi.json' },
];

export type { OperationDef };

// ---------- the document ----------

function strip(schema: JsonSchema): JsonSchema {
  const { $schema, $id, ...rest } = schema;
  void $schema;
  void $id;
  return rest;
}

/** Replaces description keys (catalogApi.*, catalog.*) with their text, recursively. */
function translate(node: unknown, t: T): unknown {
  if (Array.isArray(node)) return node.map((n) => translate(n, t));
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = k === 'description' && typeof v === 'string' ? t(v) : translate(v, t);
    return out;
  }
  return node;
}

let cachedComponents: Record<string, JsonSchema> | undefined;
function componentSchemas(): Record<string, JsonSchema> {
  if (!cachedComponents) {
    const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}` }) as { schemas: Record<string, JsonSchema> };
    cachedComponents = Object.fromEntries(Object.entries(schemas).map(([k, v]) => [k, strip(v)]));
  }
  return cachedComponents;
}

/** The parameters of an operation, with JSON schemas from the zod schemas (input side: what a client sends). */
export function parametersOf(op: OperationDef): ParameterDoc[] {
  const out: ParameterDoc[] = [];
  for (const name of op.path_ ?? []) {
    const schema = strip(z.toJSONSchema(pathParams[name], { io: 'input' }) as JsonSchema);
    const { description, ...rest } = schema;
    out.push({ name, in: 'path', required: true, description: String(description ?? ''), schema: rest });
  }
  if (op.query) {
    for (const [name, field] of Object.entries(op.query.shape as Record<string, z.ZodType>)) {
      const schema = strip(z.toJSONSchema(field, { io: 'input' }) as JsonSchema);
      const { description, ...rest } = schema;
      // The maximum safe integer zod adds to every int says nothing to a reader.
      if (rest.maximum === Number.MAX_SAFE_INTEGER) delete rest.maximum;
      out.push({ name, in: 'query', required: !field.safeParse(undefined).success, description: String(description ?? ''), schema: rest });
    }
  }
  return out;
}

const cacheHeaders = {
  ETag: { description: 'catalogApi.header.etag', schema: { type: 'string' } },
  'Last-Modified': { description: 'catalogApi.header.lastModified', schema: { type: 'string' } },
  'Cache-Control': { description: 'catalogApi.header.cacheControl', schema: { type: 'string' } },
};

/** The OpenAPI 3.1 document for this site (absolute server URL), described in the given language. */
export function buildOpenApiDocument(opts: { base: string; t: T; siteName: string; version?: string; samples?: Record<string, string> }): Record<string, any> {
  const { base, t } = opts;
  const fill = (example: string) => example.replace(/\{(\w+)\}/g, (m, k: string) => opts.samples?.[k] ?? m);
  const paths: Record<string, unknown> = {};
  for (const op of operations) {
    const responses: Record<string, unknown> = {};
    for (const [status, r] of Object.entries(op.responses)) {
      const [type, schema] = typeof r === 'string' ? ['application/json', { $ref: `#/components/schemas/${r}` }] : [r.type, r.schema ? { $ref: `#/components/schemas/${r.schema}` } : r.type === 'application/json' ? { type: 'object' } : { type: 'string' }];
      const content = { [type]: { schema } };
      responses[status] = {
        description: `catalogApi.response.${status}`,
        content,
        ...(status === '200' && op.cached ? { headers: cacheHeaders } : {}),
      };
    }
    if (op.cached) responses['304'] = { description: 'catalogApi.response.304' };
    paths[op.path] = {
      get: {
        operationId: op.id,
        tags: [op.tag],
        summary: `catalogApi.op.${op.id}`,
        description: `catalogApi.op.${op.id}.desc`,
        parameters: parametersOf(op),
        responses,
        'x-codeSamples': [{ lang: 'Shell', label: 'curl', source: `curl '${base}${fill(op.example)}'` }],
      },
    };
  }
  const doc = {
    openapi: '3.1.0',
    info: {
      title: t('catalogApi.doc.title', { site: opts.siteName }),
      version: opts.version ?? '1.0.0',
      description: 'catalogApi.doc.description',
      license: { name: 'catalogApi.doc.license' },
    },
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    servers: [{ url: base }],
    tags: ['publications', 'agencies', 'feeds', 'meta'].map((name) => ({ name, description: `catalogApi.tag.${name}` })),
    paths,
    components: { schemas: componentSchemas() },
  };
  const translated = translate(doc, t) as Record<string, any>;
  // summaries are translated too (they are keys)
  for (const item of Object.values(translated.paths as Record<string, { get: { summary: string } }>)) item.get.summary = t(item.get.summary);
  translated.info.license.name = t('catalogApi.doc.license');
  // Disclosure applications: the public form and status, and the staff API (applications/openapi.ts).
  const apps = applicationsOpenApi({ base, t, samples: opts.samples });
  Object.assign(translated.paths, apps.paths);
  Object.assign(translated.components.schemas, apps.schemas);
  translated.components.securitySchemes = apps.securitySchemes;
  translated.tags.push(...apps.tags);
  return translated;
}
