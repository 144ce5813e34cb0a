/**
 * Atom 1.0 and JSON Feed 1.1 of the catalog: the whole catalog, each agency (jointly issued items
 * included), each key-area column and each top-level topic. The latest 50 published items, newest first.
 * WeChat, Weibo and app channels republish from these.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errors } from '../../kernel/errors.ts';
import type { T } from '../../http/i18n/index.ts';
import type { Services } from '../../services.ts';
import type { AgencyTree } from '../agencies/index.ts';
import { publicTree } from '../portal/index.ts';
import { agencyUrl, allowAnyOrigin, isPublic, issuersOf, newestChange, publicationUrl, publicRateLimit, sendCacheable, siteBase, urlTranslator } from './api.routes.ts';
import type { JsonFeedItemOut, JsonFeedOut } from './openapi.ts';
import type { Publication } from './publication.ts';
import type { PublicationQuery } from './publications.repository.ts';
import { keyAreaCodes, keyAreaNames, type KeyArea, kindNames, topicTree } from './taxonomy.ts';

export const FEED_SIZE = 50;
/** Bodies longer than this are left out of the feed (the entry keeps its summary and link). */
const MAX_CONTENT = 200_000;
const SUMMARY_CHARS = 200;

export const ATOM_TYPE = 'application/atom+xml; charset=utf-8';
export const JSON_FEED_TYPE = 'application/feed+json; charset=utf-8';

type Format = 'atom' | 'json';

interface FeedSpec {
  /** path without the extension, e.g. /feeds/agency/HS */
  path: string;
  title: string;
  description: string;
  /** the HTML page with the same items */
  alternate: string;
  filter: Omit<PublicationQuery, 'limit' | 'offset' | 'statuses'>;
}

/** Text a summary is made of: the summary, else the start of the body text. */
export function summaryText(p: Publication): string {
  if (p.summary?.trim()) return p.summary.trim();
  const text = p.bodyText.replace(/\s+/g, ' ').trim();
  return text.length > SUMMARY_CHARS ? `${text.slice(0, SUMMARY_CHARS)}…` : text;
}

// Characters XML 1.0 does not allow, even escaped.
// eslint-disable-next-line no-control-regex
const invalidXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
export function xml(s: string): string {
  return s.replace(invalidXml, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function updatedOf(p: Publication): string {
  return p.publishedAt && p.publishedAt > p.updatedAt ? p.publishedAt : p.updatedAt;
}

interface Rendered {
  base: string;
  spec: FeedSpec;
  items: Publication[];
  tree: AgencyTree;
  t: T;
  siteName: string;
  updated: string;
}

function atom(r: Rendered): string {
  const { base, spec, t } = r;
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="utf-8"?>');
  out.push(`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN" xml:base="${xml(base)}/">`);
  out.push(`<id>${xml(`${base}${spec.path}.atom`)}</id>`);
  out.push(`<title type="text">${xml(spec.title)}</title>`);
  out.push(`<subtitle type="text">${xml(spec.description)}</subtitle>`);
  out.push(`<updated>${xml(r.updated)}</updated>`);
  out.push(`<link rel="self" type="application/atom+xml" href="${xml(`${base}${spec.path}.atom`)}"/>`);
  out.push(`<link rel="alternate" type="application/feed+json" href="${xml(`${base}${spec.path}.json`)}"/>`);
  out.push(`<link rel="alternate" type="text/html" href="${xml(base + spec.alternate)}"/>`);
  out.push(`<author><name>${xml(r.siteName)}</name><uri>${xml(`${base}/`)}</uri></author>`);
  out.push(`<generator uri="${xml(`${base}/api`)}">${xml(t('catalogApi.feed.generator'))}</generator>`);
  out.push(`<icon>${xml(`${base}/static/img/favicon.svg`)}</icon>`);
  for (const p of r.items) {
    out.push('<entry>');
    out.push(`<id>urn:uuid:${xml(p.id)}</id>`);
    out.push(`<title type="text">${xml(p.title)}</title>`);
    out.push(`<link rel="alternate" type="text/html" href="${xml(publicationUrl(base, p.id))}"/>`);
    if (p.publishedAt) out.push(`<published>${xml(p.publishedAt)}</published>`);
    out.push(`<updated>${xml(updatedOf(p))}</updated>`);
    for (const a of issuersOf(p, r.tree)) out.push(`<author><name>${xml(a.name)}</name><uri>${xml(agencyUrl(base, a.code))}</uri></author>`);
    out.push(`<category term="${xml(p.kind)}" label="${xml(kindNames[p.kind])}" scheme="${xml(`${base}/api#kind`)}"/>`);
    if (p.topic) out.push(`<category term="${xml(p.topic)}" label="${xml(p.topic)}" scheme="${xml(`${base}/api#topic`)}"/>`);
    for (const c of p.columns) out.push(`<category term="${xml(c)}" label="${xml(keyAreaNames[c] ?? c)}" scheme="${xml(`${base}/api#column`)}"/>`);
    const summary = summaryText(p);
    if (summary) out.push(`<summary type="text">${xml(summary)}</summary>`);
    if (p.bodyHtml && p.bodyHtml.length <= MAX_CONTENT) out.push(`<content type="html">${xml(p.bodyHtml)}</content>`);
    out.push('</entry>');
  }
  out.push('</feed>');
  return `${out.join('\n')}\n`;
}

function jsonFeed(r: Rendered): string {
  const { base, spec } = r;
  const items: JsonFeedItemOut[] = r.items.map((p) => {
    const summary = summaryText(p);
    const content: Pick<JsonFeedItemOut, 'content_html' | 'content_text'> = p.bodyHtml && p.bodyHtml.length <= MAX_CONTENT ? { content_html: p.bodyHtml } : { content_text: summary || p.title };
    const issuers = issuersOf(p, r.tree);
    return {
      id: `urn:uuid:${p.id}`,
      url: publicationUrl(base, p.id),
      title: p.title,
      ...(summary ? { summary } : {}),
      ...content,
      date_published: p.publishedAt ?? p.updatedAt,
      date_modified: updatedOf(p),
      authors: issuers.map((a) => ({ name: a.name, url: agencyUrl(base, a.code) })),
      tags: [kindNames[p.kind], ...(p.topic ? [p.topic] : []), ...p.columns.map((c) => keyAreaNames[c] ?? c)],
      language: 'zh-CN',
      _gongkai: {
        about: `${base}/api`,
        indexNo: p.indexNo ?? '',
        docNo: p.docNo,
        kind: p.kind,
        topic: p.topic,
        publishedOn: p.publishedOn ?? p.updatedAt.slice(0, 10),
        writtenOn: p.writtenOn,
        issuers,
      },
    };
  });
  const feed: JsonFeedOut = {
    version: 'https://jsonfeed.org/version/1.1',
    title: spec.title,
    home_page_url: base + spec.alternate,
    feed_url: `${base}${spec.path}.json`,
    description: spec.description,
    language: 'zh-CN',
    icon: `${base}/static/img/favicon.svg`,
    authors: [{ name: r.siteName, url: `${base}/` }],
    items,
  };
  return JSON.stringify(feed);
}

/** `CODE.atom` → ['CODE', 'atom']; anything else is not a feed. */
function splitFile(file: string): [string, Format] {
  const m = /^(.+)\.(atom|json)$/.exec(file);
  if (!m) throw errors.notFound('feed', file);
  return [m[1], m[2] as Format];
}

export async function feedRoutes(app: FastifyInstance, { services }: { services: Services }) {
  allowAnyOrigin(app, ['/feeds/']);

  async function send(req: FastifyRequest, reply: FastifyReply, spec: FeedSpec, format: Format, tree: AgencyTree) {
    const { items } = await services.publications.publicList({ ...spec.filter, limit: FEED_SIZE, offset: 0 });
    const visible = items.filter(isPublic);
    const base = siteBase(req);
    const changed = newestChange(visible);
    const r: Rendered = { base, spec, items: visible, tree, t: urlTranslator(req), siteName: req.ctx.site.siteName, updated: changed ?? services.clock.now().toISOString() };
    return format === 'atom' ? sendCacheable(req, reply, atom(r), ATOM_TYPE, changed) : sendCacheable(req, reply, jsonFeed(r), JSON_FEED_TYPE, changed);
  }

  const site = (req: FastifyRequest) => req.ctx.site.siteName;

  app.get('/feeds/catalog.:format', publicRateLimit, async (req, reply) => {
    const { format } = req.params as { format: string };
    if (format !== 'atom' && format !== 'json') throw errors.notFound('feed', format);
    const t = urlTranslator(req);
    const spec: FeedSpec = { path: '/feeds/catalog', title: t('catalogApi.feed.catalog.title', { site: site(req) }), description: t('catalogApi.feed.catalog.desc', { site: site(req) }), alternate: '/xxgk', filter: {} };
    return send(req, reply, spec, format, await services.agencies.tree());
  });

  app.get('/feeds/agency/:file', publicRateLimit, async (req, reply) => {
    const [code, format] = splitFile((req.params as { file: string }).file);
    const tree = await services.agencies.tree();
    const agency = publicTree(tree).byCode.get(code);
    if (!agency) throw errors.notFound('agency', code);
    const t = urlTranslator(req);
    const spec: FeedSpec = {
      path: `/feeds/agency/${encodeURIComponent(code)}`,
      title: t('catalogApi.feed.agency.title', { agency: agency.name }),
      description: t('catalogApi.feed.agency.desc', { agency: agency.name }),
      alternate: `/zwgk/${encodeURIComponent(code)}`,
      filter: { agencyIds: [agency.id] },
    };
    return send(req, reply, spec, format, tree);
  });

  app.get('/feeds/column/:file', publicRateLimit, async (req, reply) => {
    const [code, format] = splitFile((req.params as { file: string }).file);
    if (!keyAreaCodes.includes(code as KeyArea)) throw errors.notFound('column', code);
    const t = urlTranslator(req);
    const name = keyAreaNames[code as KeyArea];
    const spec: FeedSpec = {
      path: `/feeds/column/${code}`,
      title: t('catalogApi.feed.column.title', { column: name, site: site(req) }),
      description: t('catalogApi.feed.column.desc', { column: name }),
      alternate: `/xxgk?column=${code}`,
      filter: { column: code as KeyArea },
    };
    return send(req, reply, spec, format, await services.agencies.tree());
  });

  app.get('/feeds/topic/:file', publicRateLimit, async (req, reply) => {
    const [topic, format] = splitFile((req.params as { file: string }).file);
    if (!topicTree.some(([top]) => top === topic)) throw errors.notFound('topic', topic);
    const t = urlTranslator(req);
    const spec: FeedSpec = {
      path: `/feeds/topic/${encodeURIComponent(topic)}`,
      title: t('catalogApi.feed.topic.title', { topic, site: site(req) }),
      description: t('catalogApi.feed.topic.desc', { topic }),
      alternate: `/xxgk?topic=${encodeURIComponent(topic)}`,
      filter: { topic },
    };
    return send(req, reply, spec, format, await services.agencies.tree());
  });
}
