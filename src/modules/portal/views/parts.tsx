/** Small pieces shared by the portal pages. */
import type { ComponentChildren } from 'preact';
import type { RequestContext } from '../../../http/context.ts';
import { translator } from '../../../http/i18n/index.ts';
import type { ColumnMeta, Crumb } from '../../../http/views/Layout.tsx';
import type { Agency } from '../../agencies/index.ts';
import { agencyCatalogHref } from '../../catalog/index.ts';
import { agencyColumnHref, agencyHref, applyHref, type SubColumn, subColumnHref, subColumnKey, subColumns } from '../columns.ts';
import { agencyName } from '../public-tree.ts';

/**
 * Column meta tags (国办发〔2017〕47号) are identifiers for the national website checks: always in Chinese,
 * whatever the page's language.
 */
const zh = translator('zh-CN');
export function columnMeta(nameKey: string, descriptionKey: string, params: Record<string, string> = {}, typeKey = 'portal.meta.typeDisclosure'): ColumnMeta {
  return {
    name: zh(nameKey, params),
    description: zh(descriptionKey, params),
    keywords: zh('portal.meta.keywords', { name: zh(nameKey, params), agency: params.agency ?? '' }).replace(/,,/g, ',').replace(/,$/, ''),
    type: zh(typeKey),
  };
}

export function nameOf(ctx: RequestContext, a: Pick<Agency, 'name' | 'nameEn'>): string {
  return agencyName(ctx.locale, a);
}

/** Breadcrumbs from the home page down through the 政府信息公开 column. */
export function disclosureCrumbs(ctx: RequestContext, agency?: Agency, last?: Crumb): Crumb[] {
  const { t } = ctx;
  const out: Crumb[] = [{ href: '/', label: t('nav.home') }, { href: '/zwgk', label: t('nav.disclosure') }];
  if (agency) out.push({ href: agencyColumnHref(agency.code), label: nameOf(ctx, agency) });
  if (last) out.push(last);
  return out;
}

function telHref(phone: string): string | undefined {
  return /^[0-9+\-() ]{5,30}$/.test(phone) ? `tel:${phone.replace(/[^0-9+]/g, '')}` : undefined;
}

/** The contact part of an agency's disclosure guide (Art. 12): office name, address, … web. */
export function ContactList({ ctx, agency }: { ctx: RequestContext; agency: Agency }) {
  const { t } = ctx;
  const none = <span class="muted">{t('portal.contact.none')}</span>;
  const tel = agency.phone ? telHref(agency.phone) : undefined;
  const rows: [string, ComponentChildren][] = [
    ['portal.contact.office', agency.officeName || none],
    ['portal.contact.address', agency.address || none],
    ['portal.contact.postcode', agency.postcode || none],
    ['portal.contact.hours', agency.officeHours || none],
    ['portal.contact.phone', agency.phone ? (tel ? <a href={tel}>{agency.phone}</a> : agency.phone) : none],
    ['portal.contact.fax', agency.fax || none],
    ['portal.contact.email', agency.email ? <a href={`mailto:${agency.email}`}>{agency.email}</a> : none],
    ['portal.contact.web', agency.website ? <a href={agency.website} rel="noopener">{agency.website}</a> : none],
  ];
  return (
    <dl class="contact-list">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{t(k)}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The four standard sub-columns of an agency plus the apply entry, as a list of links. */
export function SubColumnLinks({ ctx, agency, current, variant = 'cards' }: { ctx: RequestContext; agency: Agency; current?: SubColumn | 'apply'; variant?: 'cards' | 'compact' }) {
  const { t } = ctx;
  return (
    <ul class={variant === 'cards' ? 'subcolumn-cards' : 'subcolumn-links'}>
      {subColumns.map((c) => (
        <li key={c}>
          <a href={subColumnHref(agency.code, c)} aria-current={current === c ? 'page' : undefined}>
            <span class="subcolumn-name">{t(subColumnKey[c])}</span>
            {variant === 'cards' && <span class="subcolumn-desc">{t(`${subColumnKey[c]}.desc`)}</span>}
          </a>
        </li>
      ))}
      <li class="apply-entry">
        <a href={applyHref(agency.code)} aria-current={current === 'apply' ? 'page' : undefined}>
          <span class="subcolumn-name">{t('portal.col.apply')}</span>
          {variant === 'cards' && <span class="subcolumn-desc">{t('portal.col.apply.desc')}</span>}
        </a>
      </li>
    </ul>
  );
}

/** A column page of one agency: the sub-column navigation beside the content. */
export function ColumnFrame({ ctx, agency, current, children }: { ctx: RequestContext; agency: Agency; current?: SubColumn | 'apply' | 'catalog'; children: ComponentChildren }) {
  const { t } = ctx;
  return (
    <div class="column-frame">
      <nav class="column-nav" aria-label={t('portal.colnav.label')}>
        <p class="column-nav-title">
          <a href={agencyColumnHref(agency.code)}>{nameOf(ctx, agency)}</a>
        </p>
        <SubColumnLinks ctx={ctx} agency={agency} current={current === 'catalog' ? undefined : current} variant="compact" />
        <p class="column-nav-more">
          <a href={agencyCatalogHref(agency.code)} aria-current={current === 'catalog' ? 'page' : undefined}>{t('catalogPortal.browse.title')}</a>
        </p>
        <p class="column-nav-more">
          <a href={agencyHref(agency.code)}>{t('portal.colnav.agencyPage')}</a>
        </p>
      </nav>
      <div class="column-body">{children}</div>
    </div>
  );
}

/** A link to an agency's page. */
export function AgencyLink({ ctx, agency }: { ctx: RequestContext; agency: Agency }) {
  return <a href={agencyHref(agency.code)}>{nameOf(ctx, agency)}</a>;
}

/** A list of agencies as touch-friendly link tiles. */
export function AgencyTiles({ ctx, agencies, label }: { ctx: RequestContext; agencies: Agency[]; label?: string }) {
  return (
    <ul class="agency-tiles" aria-label={label}>
      {agencies.map((a) => (
        <li key={a.id}>
          <a href={agencyHref(a.code)}>{nameOf(ctx, a)}</a>
        </li>
      ))}
    </ul>
  );
}

/** A clearly marked "nothing here yet" state: never a blank column. */
export function EmptyState({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="empty-state">
      <p class="empty-state-title">{title}</p>
      {children}
    </div>
  );
}

/** "Legal basis" note under a section. */
export function LegalBasis({ children }: { children: ComponentChildren }) {
  return <p class="legal-basis">{children}</p>;
}
