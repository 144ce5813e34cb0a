/** A list of catalog items as every public page shows it: title, publication date and key metadata. */
import type { RequestContext } from '../../../../http/context.ts';
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

export function ValidityBadge({ ctx, p }: { ctx: RequestContext; p: Pick<ListedPublication, 'validity'> }) {
  if (!p.validity) return null;
  return <span class={`validity-badge validity-${p.validity.status}`}>{validityLabel(ctx.t, p.validity.status)}</span>;
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

/** Newest first as given; every row shows its stored publication date. */
export function PublicationList({ ctx, tree, items, hideAgency, label }: PublicationListProps) {
  const { t } = ctx;
  return (
    <ul class="pub-list" aria-label={label}>
      {items.map((p) => (
        <li key={p.id}>
          <a class="pub-list-title" href={publicationHref(p)}>
            {p.title}
          </a>
          <p class="pub-list-meta">
            <span class="pub-list-date">
              <span class="visually-hidden">{t('catalogPortal.meta.publishedOn')}</span>
              <time dateTime={p.publishedOn ?? undefined}>{p.publishedOn}</time>
            </span>
            {!hideAgency && <span>{issuerNames(ctx, tree, p).join(t('catalogPortal.listSep'))}</span>}
            {p.docNo && <span>{p.docNo}</span>}
            <span>{kindLabel(t, p.kind)}</span>
            <ValidityBadge ctx={ctx} p={p} />
            {p.indexNo && (
              <span class="pub-list-index">
                {t('catalogPortal.meta.indexNo')}
                {t('catalogPortal.colon')}
                {p.indexNo}
              </span>
            )}
          </p>
        </li>
      ))}
    </ul>
  );
}
