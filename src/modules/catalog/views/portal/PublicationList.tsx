/** A list of catalog items as every public page shows it: title, publication date and key metadata. */
import type { RequestContext } from '../../../../http/context.ts';
import { attr, embed, html, type Html } from '../../../../http/html.ts';
import type { AgencyTree } from '../../../agencies/index.ts';
import type { ListedPublication, Publication } from '../../publication.ts';
import { agencyLabel, kindLabel, validityLabel } from './labels.ts';

/** The page of an item. */
export function publicationHref(p: Pick<Publication, 'id'>): string {
  return `/xxgk/${encodeURIComponent(p.id)}`;
}
/** The address of an item by index number (redirects to its page). */
export function indexNoHref(indexNo: string): string {
  return `/xxgk/by-index/${indexNo.split('/').map(encodeURIComponent).join('/')}`;
}
/** An agency's catalog page. */
export function agencyCatalogHref(code: string): string {
  return `/zwgk/${encodeURIComponent(code)}/catalog`;
}

/** The issuing agencies of an item, owner first, by name in the page's language. */
export function issuerNames(ctx: RequestContext, tree: AgencyTree, p: Pick<Publication, 'agencyId' | 'coIssuerIds'>): string[] {
  return [p.agencyId, ...p.coIssuerIds].map((id) => tree.byId.get(id)).filter((a) => !!a).map((a) => agencyLabel(ctx.locale, a!));
}

function validityBadge(ctx: RequestContext, p: Pick<ListedPublication, 'validity'>): Html | null {
  if (!p.validity) return null;
  return html`<span class="validity-badge validity-${p.validity.status}">${validityLabel(ctx.t, p.validity.status)}</span>`;
}

export interface PublicationListProps {
  ctx: RequestContext;
  tree: AgencyTree;
  items: ListedPublication[];
  /** Leave the issuing agency out (lists of one agency's items). */
  hideAgency?: boolean;
  /** An accessible name for the list. */
  label?: string;
}

/**
 * Newest first as given; every row shows its stored publication date. Written as a string (http/html.ts): a
 * list is a hundred-odd elements of one pattern on every browse, agency and home page.
 */
export function publicationListHtml({ ctx, tree, items, hideAgency, label }: PublicationListProps): Html {
  const { t } = ctx;
  const published = t('catalogPortal.meta.publishedOn');
  const sep = t('catalogPortal.listSep');
  const indexNo = `${t('catalogPortal.meta.indexNo')}${t('catalogPortal.colon')}`;
  return html`<ul class="pub-list"${attr('aria-label', label)}>${items.map(
    (p) =>
      html`<li><a class="pub-list-title" href="${publicationHref(p)}">${p.title}</a><p class="pub-list-meta"><span class="pub-list-date"><span class="visually-hidden">${published}</span><time${attr('datetime', p.publishedOn)}>${p.publishedOn}</time></span>${
        hideAgency ? null : html`<span>${issuerNames(ctx, tree, p).join(sep)}</span>`
      }${p.docNo ? html`<span>${p.docNo}</span>` : null}<span>${kindLabel(t, p.kind)}</span>${validityBadge(ctx, p)}${p.indexNo ? html`<span class="pub-list-index">${indexNo}${p.indexNo}</span>` : null}</p></li>`,
  )}</ul>`;
}

export function PublicationList(props: PublicationListProps) {
  return embed(publicationListHtml(props));
}
