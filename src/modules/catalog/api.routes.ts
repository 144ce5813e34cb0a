/**
 * The public JSON API (/api/v1/…), its OpenAPI document (/api/openapi.json) and the human-readable
 * API page (/api). Read-only, open to any origin, cacheable, rate-limited per IP.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { errors } from '../../kernel/errors.ts';
import { translator, type T } from '../../http/i18n/index.ts';
import { sendPage } from '../../http/render.ts';
import { parseApiQuery as parseQuery } from '../../http/api-query.ts';
import type { Services } from '../../services.ts';
import type { AgencyTree } from '../agencies/index.ts';
import { publicTree } from '../portal/index.ts';
import { clientCopyIsFresh, publicCacheControl } from './http-cache.ts';
import type { SearchItem, SearchService } from './search.service.ts';
import {
  buildOpenApiDocument,
  publicationListQuerySchema,
  searchQuerySchema,
  type SearchHitOut,
  type SearchResultOut,
  type AgencyListOut,
  type PublicationListOut,
  type PublicationOut,
  type PublicationSummaryOut,
  type WithdrawnPublicationOut,
} from './openapi.ts';
import type { Publication } from './publication.ts';
import type { Attachment } from './attachments.repository.ts';
import { publicAttachmentPath } from './attachments.ts';
import { keyAreaNames, kindNames, validityNames } from './taxonomy.ts';
import { ApiPage } from './views/api/ApiPage.tsx';

// ---------- shared by the API and the feeds ----------

/** Rate limit of every public machine-readable route, per client IP. */
export const publicRateLimit = { config: { rateLimit: { max: 300, timeWindow: '1 minute' } } };

export const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * The site's absolute base URL: https://{siteDomain} when the site settings name a domain,
 * else this request's protocol and host.
 */
export function siteBase(req: FastifyRequest): string {
  const domain = (req.ctx.site.siteDomain ?? '').trim().replace(/^https?:\/\//i, '').replace(/\/+$/, '');
  if (domain) return `https://${domain}`;
  const host = /^[A-Za-z0-9.\-:[\]]+$/.test(req.host ?? '') ? req.host : 'localhost';
  return `${req.protocol}://${host}`;
}

export function publicationUrl(base: string, id: string): string {
  return `${base}/xxgk/${encodeURIComponent(id)}`;
}
export function agencyUrl(base: string, code: string): string {
  return `${base}/agencies/${encodeURIComponent(code)}`;
}

/** Whether the public may open a publication (published or withdrawn, proactively disclosed). */
export function isPublic(p: Publication): boolean {
  return (p.status === 'published' || p.status === 'withdrawn') && p.disclosureMode === 'proactive';
}

export function issuersOf(p: Publication, tree: AgencyTree): { code: string; name: string }[] {
  return [p.agencyId, ...p.coIssuerIds].flatMap((id) => {
    const a = tree.byId.get(id);
    return a ? [{ code: a.code, name: a.name }] : [];
  });
}

/** The newest instant that shaped these items (for Last-Modified). */
export function newestChange(items: Publication[]): string | null {
  let max: string | null = null;
  for (const p of items) for (const at of [p.updatedAt, p.publishedAt, p.withdrawnAt]) if (at && (!max || at > max)) max = at;
  return max;
}

function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

/**
 * Sends a public, cacheable response with ETag (a hash of the body) and Last-Modified; answers 304 when
 * the client's copy is current (If-None-Match first; If-Modified-Since only without it, as RFC 9110 says).
 */
export function sendCacheable(req: FastifyRequest, reply: FastifyReply, body: string, type: string, lastModified: string | null): FastifyReply {
  const etag = etagOf(body);
  reply.header('etag', etag).header('cache-control', publicCacheControl());
  if (lastModified) reply.header('last-modified', new Date(lastModified).toUTCString());
  if (clientCopyIsFresh(req, etag, lastModified)) return reply.code(304).send();
  return reply.code(200).type(type).send(body);
}

/** Any origin may read the API and the feeds (they are public information). */
export function allowAnyOrigin(app: FastifyInstance, prefixes: string[]): void {
  app.addHook('onRequest', async (_req, reply) => {
    reply.header('access-control-allow-origin', '*');
    reply.header('access-control-expose-headers', 'ETag, Last-Modified, Cache-Control, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset');
    // helmet's default (same-origin) would stop other sites' pages from embedding the responses.
    reply.header('cross-origin-resource-policy', 'cross-origin');
  });
  for (const prefix of prefixes) {
    app.options(`${prefix}*`, async (_req, reply) =>
      reply
        .code(204)
        .header('access-control-allow-methods', 'GET, HEAD, OPTIONS')
        .header('access-control-allow-headers', 'Accept, Accept-Language, If-None-Match, If-Modified-Since')
        .header('access-control-max-age', '86400')
        .send(),
    );
  }
}

/** Texts of machine-readable output: zh-CN unless the URL asks for ?lang=en (never the cookie, so shared caches stay correct). */
export function urlTranslator(req: FastifyRequest): T {
  return translator((req.query as Record<string, unknown> | undefined)?.lang === 'en' ? 'en' : 'zh-CN');
}

// ---------- presenters ----------

interface Present {
  base: string;
  tree: AgencyTree; // the whole tree: names of issuers also when an agency was disabled later
  refs: Map<string, Publication>; // publications referred to (replaced by, interprets)
  attachments: Map<string, Attachment[]>; // files of each item's published version
}

function refOf(ctx: Present, id: string | null): PublicationOut['interprets'] {
  const p = id ? ctx.refs.get(id) : undefined;
  if (!p || !isPublic(p)) return null;
  return { id: p.id, indexNo: p.indexNo, title: p.title, publishedOn: p.publishedOn, url: publicationUrl(ctx.base, p.id) };
}

export function summaryOf(p: Publication, ctx: Present): PublicationSummaryOut {
  return {
    id: p.id,
    indexNo: p.indexNo ?? '',
    title: p.title,
    docNo: p.docNo,
    status: 'published',
    url: publicationUrl(ctx.base, p.id),
    issuers: issuersOf(p, ctx.tree),
    writtenOn: p.writtenOn,
    publishedOn: p.publishedOn ?? '',
    publishedAt: p.publishedAt ?? p.updatedAt,
    updatedAt: p.updatedAt,
    kind: p.kind,
    kindName: kindNames[p.kind],
    topic: p.topic,
    genre: p.genre as PublicationOut['genre'],
    audience: p.audience,
    keywords: p.keywords,
    summary: p.summary,
    columns: p.columns.map((code) => ({ code, name: keyAreaNames[code] ?? code })),
    validity: p.validity ? { status: p.validity.status, statusName: validityNames[p.validity.status], from: p.validity.from, until: p.validity.until, replacedBy: refOf(ctx, p.validity.replacedById) } : null,
    version: p.version,
    attachments: (ctx.attachments.get(p.id) ?? []).map((a) => ({ name: a.name, type: a.type, mime: a.mime, size: a.size, url: `${ctx.base}${publicAttachmentPath(p.id, a)}` })),
  };
}

function tombstoneOf(p: Publication, ctx: Present): WithdrawnPublicationOut {
  return {
    id: p.id,
    indexNo: p.indexNo,
    title: p.title,
    docNo: p.docNo,
    status: 'withdrawn',
    url: publicationUrl(ctx.base, p.id),
    issuers: issuersOf(p, ctx.tree),
    publishedOn: p.publishedOn,
    publishedAt: p.publishedAt,
    withdrawnAt: p.withdrawnAt,
    withdrawnReason: p.withdrawnReason,
  };
}

/** The agency ids a filter by agency code means (with everything below it when asked). Unknown codes are a field issue. */
function agencyFilter(tree: AgencyTree, code: string, subtree: boolean): string[] {
  const a = tree.byCode.get(code);
  if (!a) throw errors.validation([{ field: 'agency', message: 'catalogApi.issue.agencyUnknown', params: { code } }], `Unknown agency ${code}`);
  return subtree ? tree.subtree(a.id).map((x) => x.id) : [a.id];
}

// ---------- routes ----------

export async function apiRoutes(app: FastifyInstance, { services }: { services: Services }) {
  allowAnyOrigin(app, ['/api/v1/', '/api/openapi.json']);
  const pubs = services.publications;

  async function refsFor(items: Publication[], extra: (string | null)[] = []): Promise<Map<string, Publication>> {
    const ids = [...new Set([...items.map((p) => p.validity?.replacedById ?? null), ...extra].filter((x): x is string => !!x))];
    return new Map((await pubs.byIds(ids)).map((p) => [p.id, p]));
  }

  async function sendPublication(req: FastifyRequest, reply: FastifyReply, p: Publication) {
    const base = siteBase(req);
    const tree = await services.agencies.tree();
    if (p.status === 'withdrawn') return sendCacheable(req, reply, JSON.stringify(tombstoneOf(p, { base, tree, refs: new Map(), attachments: new Map() })), JSON_TYPE, newestChange([p]));
    const interpretations = (await pubs.interpretationsOf(p.id)).filter(isPublic);
    const ctx: Present = { base, tree, refs: await refsFor([p], [p.interpretsId]), attachments: await services.attachments.publicListMany([p]) };
    for (const i of interpretations) ctx.refs.set(i.id, i);
    const body: PublicationOut = {
      ...summaryOf(p, ctx),
      bodyHtml: p.bodyHtml,
      bodyText: p.bodyText,
      interprets: refOf(ctx, p.interpretsId),
      interpretations: interpretations.map((i) => refOf(ctx, i.id)!),
    };
    return sendCacheable(req, reply, JSON.stringify(body), JSON_TYPE, newestChange([p, ...interpretations]));
  }

  app.get('/api/v1/publications', publicRateLimit, async (req, reply) => {
    const q = parseQuery(publicationListQuerySchema, req.query);
    const tree = await services.agencies.tree();
    const { items, total } = await pubs.publicList({
      agencyIds: q.agency ? agencyFilter(publicTree(tree), q.agency, q.subtree === 'true') : undefined,
      kinds: q.kind?.length ? q.kind : undefined,
      topic: q.topic,
      genre: q.genre,
      year: q.year,
      validity: q.validity,
      column: q.column as Publication['columns'][number] | undefined,
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    const ctx: Present = { base: siteBase(req), tree, refs: await refsFor(items), attachments: await services.attachments.publicListMany(items) };
    const body: PublicationListOut = { items: items.map((p) => summaryOf(p, ctx)), total, page: q.page, pageSize: q.pageSize };
    return sendCacheable(req, reply, JSON.stringify(body), JSON_TYPE, newestChange(items));
  });

  app.get('/api/v1/publications/:id', publicRateLimit, async (req, reply) => {
    const { id } = req.params as { id: string };
    return sendPublication(req, reply, await pubs.publicGet(id));
  });

  // Index numbers contain '/': accepted as is or encoded as %2F.
  app.get('/api/v1/publications/by-index/*', publicRateLimit, async (req, reply) => {
    const indexNo = (req.params as { '*': string })['*'];
    const p = indexNo ? await pubs.publicGet(indexNo) : undefined;
    if (!p || p.indexNo !== indexNo) throw errors.notFound('publication', indexNo);
    return sendPublication(req, reply, p);
  });

  // The search engine: the composition root's when it provides one, else one over the same database.
  const search: SearchService = services.search;

  app.get('/api/v1/search', publicRateLimit, async (req, reply) => {
    const q = parseQuery(searchQuerySchema, req.query);
    const full = await services.agencies.tree();
    if (q.agency) agencyFilter(publicTree(full), q.agency, false);
    const r = await search.search({ ...q, subtree: q.subtree === 'true', kind: q.kind ?? [], within: q.within ?? [] });
    const base = siteBase(req);
    const hit = (i: SearchItem): SearchHitOut => ({
      id: i.id,
      indexNo: i.indexNo,
      title: i.title,
      titleHighlighted: i.titleSegments,
      snippet: i.snippet,
      docNo: i.docNo,
      url: publicationUrl(base, i.id),
      issuers: i.issuerIds.flatMap((id) => {
        const a = full.byId.get(id);
        return a ? [{ code: a.code, name: a.name }] : [];
      }),
      publishedOn: i.publishedOn,
      kind: i.kind,
      kindName: kindNames[i.kind],
      genre: i.genre,
      topic: i.topic,
      validity: (i.validityStatus as SearchHitOut['validity']) ?? null,
      interpretsId: i.interpretsId,
    });
    const group = (g: (typeof r.groups)['documents']) => ({ ...g, items: g.items.map(hit) });
    const body: SearchResultOut = {
      query: r.query,
      exactMatch: r.exactMatch ? hit(r.exactMatch) : null,
      total: r.total,
      totalIsEstimate: r.totalIsEstimate,
      groups: { documents: group(r.groups.documents), interpretations: group(r.groups.interpretations) },
      focus: r.focus,
      facets: {
        ...r.facets,
        agencies: r.facets.agencies.flatMap((f) => {
          const a = full.byId.get(f.value);
          return a ? [{ value: a.code, name: a.name, count: f.count }] : [];
        }),
      },
      facetsAreEstimate: r.facetsAreEstimate,
    };
    return sendCacheable(req, reply, JSON.stringify(body), JSON_TYPE, null);
  });

  app.get('/api/v1/agencies', publicRateLimit, async (req, reply) => {
    const base = siteBase(req);
    const tree = publicTree(await services.agencies.tree());
    const body: AgencyListOut = {
      items: tree.flatten().map(({ agency: a }) => ({
        code: a.code,
        name: a.name,
        nameEn: a.nameEn,
        shortName: a.shortName,
        parent: a.parentId ? (tree.byId.get(a.parentId)?.code ?? null) : null,
        kind: a.kind,
        url: agencyUrl(base, a.code),
        feeds: { atom: `${base}/feeds/agency/${encodeURIComponent(a.code)}.atom`, json: `${base}/feeds/agency/${encodeURIComponent(a.code)}.json` },
        contacts: { officeName: a.officeName, address: a.address, postcode: a.postcode, officeHours: a.officeHours, phone: a.phone, fax: a.fax, email: a.email, website: a.website },
      })),
    };
    return sendCacheable(req, reply, JSON.stringify(body), JSON_TYPE, tree.all().reduce<string | null>((m, a) => (!m || a.updatedAt > m ? a.updatedAt : m), null));
  });

  /** Real values for the examples (the newest item, the portal's own government), else placeholders. */
  async function samples(): Promise<Record<string, string>> {
    const [latest] = (await pubs.publicList({ limit: 1, offset: 0 })).items;
    const tree = publicTree(await services.agencies.tree());
    const agency = tree.roots().find((a) => a.kind === 'government') ?? tree.roots()[0];
    return { publication: latest?.id ?? '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', indexNo: latest?.indexNo ?? '000014349/2017-00110', agency: agency?.code ?? 'HS' };
  }

  function documentFor(req: FastifyRequest, t: T, sample: Record<string, string>) {
    return buildOpenApiDocument({ base: siteBase(req), t, siteName: req.ctx.site.siteName, samples: sample });
  }

  app.get('/api/openapi.json', publicRateLimit, async (req, reply) => {
    const doc = documentFor(req, urlTranslator(req), await samples());
    return sendCacheable(req, reply, JSON.stringify(doc), JSON_TYPE, null);
  });

  app.get('/api', async (req, reply) => {
    const sample = await samples();
    return sendPage(reply, h(ApiPage, { ctx: req.ctx, base: siteBase(req), doc: documentFor(req, req.ctx.t, sample) }));
  });
}
