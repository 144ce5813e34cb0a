/**
 * Feed discovery for the public catalog pages: the feeds of src/modules/catalog/feeds.routes.ts
 * (/feeds/catalog, /feeds/agency/CODE, /feeds/column/CODE, /feeds/topic/TOP, each as .atom and .json)
 * that match what a page shows — as <link rel="alternate"> in the head (feed readers find them) and
 * as visible 订阅 links on browse pages.
 */
import type { RequestContext } from '../../../../http/context.ts';
import type { T } from '../../../../http/i18n/index.ts';
import type { Alternate } from '../../../../http/views/Layout.tsx';
import type { Agency, AgencyTree } from '../../../agencies/index.ts';
import type { KeyArea } from '../../taxonomy.ts';
import type { BrowseFilters } from './browse-query.ts';
import { agencyLabel, keyAreaLabel, topicTopLabel } from './labels.ts';

export interface Feed {
  /** Without the extension: /feeds/agency/HS */
  path: string;
  /** What the feed carries, in the page's language. */
  name: string;
}

export const ATOM_MEDIA_TYPE = 'application/atom+xml';
export const JSON_FEED_MEDIA_TYPE = 'application/feed+json';

export function catalogFeed(t: T): Feed {
  return { path: '/feeds/catalog', name: t('catalogPortal.feeds.catalog') };
}

/** Items the agency issued, alone or jointly. */
export function agencyFeed(ctx: RequestContext, agency: Pick<Agency, 'code' | 'name' | 'nameEn'>): Feed {
  return { path: `/feeds/agency/${encodeURIComponent(agency.code)}`, name: ctx.t('catalogPortal.feeds.agency', { agency: agencyLabel(ctx.locale, agency) }) };
}

export function columnFeed(t: T, column: KeyArea): Feed {
  return { path: `/feeds/column/${column}`, name: t('catalogPortal.feeds.column', { column: keyAreaLabel(t, column) }) };
}

/** Topic feeds exist for the top levels; a second-level topic gets its top level's feed. */
export function topicFeed(t: T, topic: string): Feed {
  const top = topic.split('/')[0];
  return { path: `/feeds/topic/${encodeURIComponent(top)}`, name: t('catalogPortal.feeds.topic', { topic: topicTopLabel(t, top) }) };
}

/**
 * The feeds of a /xxgk view: the chosen agency's, key-area column's and topic's (most specific first),
 * then the whole catalog's. Other filters (kind, genre, year, validity) have no feed of their own.
 */
export function browseFeeds(ctx: RequestContext, tree: AgencyTree, f: BrowseFilters): Feed[] {
  const out: Feed[] = [];
  const agency = f.agency ? tree.byCode.get(f.agency) : undefined;
  if (agency) out.push(agencyFeed(ctx, agency));
  if (f.column) out.push(columnFeed(ctx.t, f.column));
  if (f.topic) out.push(topicFeed(ctx.t, f.topic));
  out.push(catalogFeed(ctx.t));
  return out;
}

/** <link rel="alternate"> entries for the page head: Atom and JSON Feed of each feed. */
export function feedAlternates(t: T, feeds: Feed[]): Alternate[] {
  return feeds.flatMap((f) => [
    { type: ATOM_MEDIA_TYPE, href: `${f.path}.atom`, title: t('catalogPortal.feeds.atomTitle', { name: f.name }) },
    { type: JSON_FEED_MEDIA_TYPE, href: `${f.path}.json`, title: t('catalogPortal.feeds.jsonTitle', { name: f.name }) },
  ]);
}

/** The visible 订阅 links: each feed's name with its Atom (RSS readers) and JSON Feed links. */
export function FeedLinks({ ctx, feeds }: { ctx: RequestContext; feeds: Feed[] }) {
  const { t } = ctx;
  if (!feeds.length) return null;
  return (
    <div class="feed-links">
      <p class="feed-links-title" id="feed-links-title">
        {t('catalogPortal.feeds.heading')}
      </p>
      <ul aria-labelledby="feed-links-title">
        {feeds.map((f) => (
          <li key={f.path}>
            <span class="feed-name">{f.name}</span>{' '}
            <a href={`${f.path}.atom`} type={ATOM_MEDIA_TYPE}>
              {t('catalogPortal.feeds.atom')}
              <span class="visually-hidden">{t('catalogPortal.feeds.of', { name: f.name })}</span>
            </a>{' '}
            <a href={`${f.path}.json`} type={JSON_FEED_MEDIA_TYPE}>
              {t('catalogPortal.feeds.json')}
              <span class="visually-hidden">{t('catalogPortal.feeds.of', { name: f.name })}</span>
            </a>
          </li>
        ))}
      </ul>
      <p class="feed-links-help">
        <a href="/api#feeds">{t('catalogPortal.feeds.help')}</a>
      </p>
    </div>
  );
}
