/**
 * /robots.txt and /sitemap.xml: a sitemap index over pages of at most 50,000 addresses each — the
 * portal's own pages (home, columns, agencies, key-area columns) and every published catalog item,
 * streamed in chunks so that a million items never sit in memory at once.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errors } from '../../kernel/errors.ts';
import type { Services } from '../../services.ts';
import { agencyCatalogHref, browseHref, createPublicReadRepository, keyAreaCodes, publicationHref } from '../catalog/index.ts';
import { agencyColumnHref, agencyHref, applyHref, statutoryItemsFor, subColumnHref, subColumns } from './columns.ts';
import { publicTree } from './public-tree.ts';

/** The sitemaps protocol's limit of addresses per file. */
export const sitemapPageSize = 50_000;
const chunkSize = 5_000;

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
function originOf(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}`;
}
function urlEntry(loc: string, lastmod?: string): string {
  return `<url><loc>${xmlEscape(loc)}</loc>${lastmod ? `<lastmod>${xmlEscape(lastmod)}</lastmod>` : ''}</url>\n`;
}
const urlsetOpen = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n';
const urlsetClose = '</urlset>\n';

export async function sitemapRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const items = createPublicReadRepository(services.storage.db);

  /** The portal's own pages (not catalog items), in a stable order. */
  async function portalPages(): Promise<string[]> {
    const tree = publicTree(await services.agencies.tree());
    const out = ['/', '/zwgk', applyHref(), '/agencies', browseHref({ kinds: [], page: 1 })];
    for (const c of keyAreaCodes) out.push(browseHref({ kinds: [], column: c, page: 1 }));
    for (const { agency: a } of tree.flatten()) {
      out.push(agencyHref(a.code), agencyColumnHref(a.code), agencyCatalogHref(a.code));
      for (const c of subColumns) out.push(subColumnHref(a.code, c));
      for (const i of statutoryItemsFor(a.kind)) out.push(`${subColumnHref(a.code, 'statutory')}/${i.slug}`);
      out.push(applyHref(a.code));
    }
    return out;
  }

  app.get('/robots.txt', async (req, reply) => {
    const body = ['User-agent: *', 'Allow: /', 'Disallow: /admin', '', `Sitemap: ${originOf(req)}/sitemap.xml`, ''].join('\n');
    return reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=3600').send(body);
  });

  app.get('/sitemap.xml', async (req, reply) => {
    const origin = originOf(req);
    const pagesFiles = Math.max(1, Math.ceil((await portalPages()).length / sitemapPageSize));
    const itemFiles = Math.ceil((await items.sitemapCount()) / sitemapPageSize);
    const locs = [
      ...Array.from({ length: pagesFiles }, (_, i) => `${origin}/sitemap-pages-${i + 1}.xml`),
      ...Array.from({ length: itemFiles }, (_, i) => `${origin}/sitemap-items-${i + 1}.xml`),
    ];
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${locs.map((l) => `<sitemap><loc>${xmlEscape(l)}</loc></sitemap>\n`).join('')}</sitemapindex>\n`;
    return reply.type('application/xml; charset=utf-8').header('cache-control', 'public, max-age=3600').send(body);
  });

  app.get('/sitemap-pages-:n.xml', async (req, reply) => {
    const n = Number((req.params as { n: string }).n);
    const all = await portalPages();
    const slice = Number.isInteger(n) && n >= 1 ? all.slice((n - 1) * sitemapPageSize, n * sitemapPageSize) : [];
    if (!slice.length) throw errors.notFound('sitemap', String((req.params as { n: string }).n));
    const origin = originOf(req);
    const body = urlsetOpen + slice.map((p) => urlEntry(origin + p)).join('') + urlsetClose;
    return reply.type('application/xml; charset=utf-8').header('cache-control', 'public, max-age=3600').send(body);
  });

  app.get('/sitemap-items-:n.xml', async (req, reply) => {
    const raw = (req.params as { n: string }).n;
    const n = /^\d{1,6}$/.test(raw) ? Number(raw) : 0;
    const start = n >= 1 ? await items.sitemapPageStart(n - 1, sitemapPageSize) : undefined;
    if (start === undefined || (n > 1 && start === null)) throw errors.notFound('sitemap', raw);
    const first = await items.sitemapChunk(start, Math.min(chunkSize, sitemapPageSize));
    if (!first.length) throw errors.notFound('sitemap', raw);
    const origin = originOf(req);
    async function* lines() {
      yield urlsetOpen;
      let chunk = first;
      let sent = 0;
      while (chunk.length) {
        yield chunk.map((e) => urlEntry(origin + publicationHref(e), e.updatedAt)).join('');
        sent += chunk.length;
        if (sent >= sitemapPageSize || chunk.length < chunkSize) break;
        chunk = await items.sitemapChunk(chunk[chunk.length - 1].id, Math.min(chunkSize, sitemapPageSize - sent));
      }
      yield urlsetClose;
    }
    return reply.type('application/xml; charset=utf-8').header('cache-control', 'public, max-age=3600').send(Readable.from(lines()));
  });
}
