/** The 政府信息公开 column: its index, an agency's column and the four standard sub-columns. */
import type { RequestContext } from '../../../http/context.ts';
import { formatInstant } from '../../../http/render.ts';
import { Layout } from '../../../http/views/Layout.tsx';
import type { Agency, AgencyTree } from '../../agencies/index.ts';
import {
  agencyColumnHref,
  agencyHref,
  annualReportRule,
  applyHref,
  chineseNumber,
  organisationSlug,
  type StatutoryItem,
  statutoryItemKey,
  statutoryItemsFor,
  subColumnHref,
} from '../columns.ts';
import { agencyCatalogHref, agencyFeed, catalogFeed, feedAlternates } from '../../catalog/index.ts';
import { reportDueOn } from '../../reports/index.ts';
import { childGroups, supervisingGovernment } from '../public-tree.ts';
import { type SourcedItems, SourcedItemList } from './CatalogParts.tsx';
import { ColumnFrame, columnMeta, ContactList, disclosureCrumbs, EmptyState, LegalBasis, nameOf, SubColumnLinks } from './parts.tsx';

/** /zwgk: the column for the whole site, with every agency's four sub-columns and the apply entry. */
export function DisclosureIndexPage({ ctx, tree, home }: { ctx: RequestContext; tree: AgencyTree; home: Agency | undefined }) {
  const { t } = ctx;
  const groups = home ? childGroups(tree, home.id) : undefined;
  const otherRoots = tree.roots().filter((r) => r.id !== home?.id);
  return (
    <Layout
      ctx={ctx}
      title={t('nav.disclosure')}
      column={columnMeta('portal.zwgk.columnName', 'portal.zwgk.columnDescription', { agency: home?.name ?? '' })}
      crumbs={[{ href: '/', label: t('nav.home') }, { label: t('nav.disclosure') }]}
    >
      <h1>{t('nav.disclosure')}</h1>
      <p class="lead">{t('portal.zwgk.lead')}</p>
      <div class="apply-callout">
        <p>
          <strong>{t('portal.col.apply')}</strong>
          {' '}
          {t('portal.zwgk.applyCallout')}
        </p>
        <p>
          <a class="button primary" href={applyHref()}>{t('portal.zwgk.applyButton')}</a>
        </p>
      </div>
      {!home && (
        <EmptyState title={t('portal.home.noAgencies')}>
          <p>{t('portal.home.noAgenciesHint')}</p>
        </EmptyState>
      )}
      {home && (
        <section aria-labelledby="zwgk-home">
          <h2 id="zwgk-home">{nameOf(ctx, home)}</h2>
          <SubColumnLinks ctx={ctx} agency={home} />
        </section>
      )}
      {groups && groups.governments.length > 0 && <AgencyColumnGroup ctx={ctx} id="zwgk-counties" title={t('portal.home.counties')} agencies={groups.governments} />}
      {groups && groups.departments.length > 0 && (
        <AgencyColumnGroup ctx={ctx} id="zwgk-departments" title={t('portal.home.departments', { name: nameOf(ctx, home!) })} agencies={groups.departments} />
      )}
      {groups && groups.townships.length > 0 && <AgencyColumnGroup ctx={ctx} id="zwgk-townships" title={t('portal.home.townships')} agencies={groups.townships} />}
      {otherRoots.length > 0 && <AgencyColumnGroup ctx={ctx} id="zwgk-others" title={t('portal.zwgk.otherAgencies')} agencies={otherRoots} />}
    </Layout>
  );
}

function AgencyColumnGroup({ ctx, id, title, agencies }: { ctx: RequestContext; id: string; title: string; agencies: Agency[] }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <ul class="agency-columns">
        {agencies.map((a) => (
          <li key={a.id}>
            <h3 class="agency-columns-name">
              <a href={agencyColumnHref(a.code)}>{nameOf(ctx, a)}</a>
            </h3>
            <SubColumnLinks ctx={ctx} agency={a} variant="compact" />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** /zwgk/:code: one agency's column. */
export function AgencyColumnPage({ ctx, tree, agency }: { ctx: RequestContext; tree: AgencyTree; agency: Agency }) {
  const { t } = ctx;
  const name = nameOf(ctx, agency);
  const kids = tree.children(agency.id);
  return (
    <Layout
      ctx={ctx}
      title={t('portal.zwgk.agencyTitle', { name })}
      alternates={feedAlternates(t, [agencyFeed(ctx, agency), catalogFeed(t)])}
      column={columnMeta('portal.zwgk.columnName', 'portal.zwgk.agencyDescription', { agency: agency.name })}
      crumbs={disclosureCrumbs(ctx).concat({ label: name })}
    >
      <h1>{t('portal.zwgk.agencyTitle', { name })}</h1>
      <p class="lead">{t('portal.zwgk.agencyLead', { name })}</p>
      <SubColumnLinks ctx={ctx} agency={agency} />
      <p class="more-link">
        <a href={agencyCatalogHref(agency.code)}>{t('catalogPortal.agency.title', { name })}</a>
      </p>
      {kids.length > 0 && (
        <section aria-labelledby="zwgk-below">
          <h2 id="zwgk-below">{t('portal.zwgk.below', { name })}</h2>
          <ul class="agency-columns">
            {kids.map((a) => (
              <li key={a.id}>
                <h3 class="agency-columns-name">
                  <a href={agencyColumnHref(a.code)}>{nameOf(ctx, a)}</a>
                </h3>
                <SubColumnLinks ctx={ctx} agency={a} variant="compact" />
              </li>
            ))}
          </ul>
        </section>
      )}
    </Layout>
  );
}

/** Who supervises the agency's disclosure work (named with a link), or a generic description at the top. */
function Authority({ ctx, tree, agency }: { ctx: RequestContext; tree: AgencyTree; agency: Agency }) {
  const gov = supervisingGovernment(tree, agency);
  if (!gov) return <>{ctx.t('portal.guide.authorityGeneric')}</>;
  return <a href={agencyHref(gov.code)}>{gov.officeName && ctx.locale !== 'en' ? gov.officeName : ctx.t('portal.guide.authorityOf', { name: nameOf(ctx, gov) })}</a>;
}

/** 政府信息公开指南: generated from the agency's data (Art. 12). */
export function GuidePage({ ctx, tree, agency }: { ctx: RequestContext; tree: AgencyTree; agency: Agency }) {
  const { t } = ctx;
  const name = nameOf(ctx, agency);
  const title = t('portal.guide.title', { name });
  const art21 = agency.kind !== 'department';
  return (
    <Layout
      ctx={ctx}
      title={title}
      column={columnMeta('portal.col.guide', 'portal.col.guide.meta', { agency: agency.name })}
      crumbs={disclosureCrumbs(ctx, agency, { label: t('portal.col.guide') })}
    >
      <ColumnFrame ctx={ctx} agency={agency} current="guide">
        <h1>{title}</h1>
        <p>{t('portal.guide.intro', { name })}</p>

        <h2>{t('portal.guide.s1')}</h2>
        <p>{t('portal.guide.s1.lead', { name })}</p>
        <ul class="spaced">
          <li><a href={subColumnHref(agency.code, 'guide')}>{t('portal.col.guide')}</a>{t('portal.sep')}{t('portal.col.guide.desc')}</li>
          <li><a href={subColumnHref(agency.code, 'rules')}>{t('portal.col.rules')}</a>{t('portal.sep')}{t('portal.col.rules.desc')}</li>
          <li>
            <a href={subColumnHref(agency.code, 'statutory')}>{t('portal.col.statutory')}</a>
            {t('portal.sep')}
            {art21 ? t('portal.guide.s1.statutory21') : t('portal.guide.s1.statutory20')}
          </li>
          <li><a href={subColumnHref(agency.code, 'annual-reports')}>{t('portal.col.annualReports')}</a>{t('portal.sep')}{t('portal.col.annualReports.desc')}</li>
        </ul>
        <p>{t('portal.guide.s1.catalog')}</p>

        <h2>{t('portal.guide.s2')}</h2>
        <h3>{t('portal.guide.s2.proactive')}</h3>
        <p>{t('portal.guide.s2.proactiveLead')}</p>
        <ul class="spaced">
          <li>{t('portal.guide.s2.channel.site')}</li>
          <li>{t('portal.guide.s2.channel.gazette')}</li>
          <li>{t('portal.guide.s2.channel.media')}</li>
          <li>{t('portal.guide.s2.channel.reading')}</li>
        </ul>
        <h3>{t('portal.guide.s2.apply')}</h3>
        <p>{t('portal.guide.s2.applyLead', { name })}</p>
        <p>{t('portal.guide.s2.applyHow')}</p>
        <p>{t('portal.guide.s2.applyFee')}</p>
        <p>
          <a href={applyHref(agency.code)}>{t('portal.guide.s2.applyLink')}</a>
        </p>
        <p>
          <a class="button primary" href={`/agencies/${encodeURIComponent(agency.code)}/apply`}>{t('applyPortal.guideLink')}</a>
        </p>

        <h2>{t('portal.guide.s3')}</h2>
        <p>{t('portal.guide.s3.lead', { name })}</p>
        <ContactList ctx={ctx} agency={agency} />

        <h2>{t('portal.guide.s4')}</h2>
        <p>
          {t('portal.guide.s4.complaint')}
          <Authority ctx={ctx} tree={tree} agency={agency} />
          {t('portal.guide.s4.complaintEnd')}
        </p>
        <p>{t('portal.guide.s4.remedy')}</p>

        <LegalBasis>{t('portal.guide.basis')}</LegalBasis>
        <p class="muted">{t('portal.guide.updated', { date: formatInstant(agency.updatedAt).slice(0, 10) })}</p>
      </ColumnFrame>
    </Layout>
  );
}

/** 政府信息公开制度: the regulation and the work rules it requires. */
export function RulesPage({ ctx, tree, agency, documents }: { ctx: RequestContext; tree: AgencyTree; agency: Agency; documents: SourcedItems }) {
  const { t } = ctx;
  const name = nameOf(ctx, agency);
  const title = t('portal.rules.title', { name });
  const rules = ['office', 'review', 'coordination', 'release', 'adjustment', 'applications', 'reports', ...(agency.kind === 'government' ? ['assessment'] : [])];
  return (
    <Layout
      ctx={ctx}
      title={title}
      column={columnMeta('portal.col.rules', 'portal.col.rules.meta', { agency: agency.name })}
      crumbs={disclosureCrumbs(ctx, agency, { label: t('portal.col.rules') })}
    >
      <ColumnFrame ctx={ctx} agency={agency} current="rules">
        <h1>{title}</h1>
        <p>{t('portal.rules.intro', { name })}</p>
        <h2>{t('portal.rules.lawHeading')}</h2>
        <dl class="rule-list">
          <div>
            <dt>{t('portal.rules.law')}</dt>
            <dd>{t('portal.rules.lawDesc')}</dd>
          </div>
        </dl>
        <h2>{t('portal.rules.workHeading')}</h2>
        <p>{t('portal.rules.workLead')}</p>
        <dl class="rule-list">
          {rules.map((r) => (
            <div key={r}>
              <dt>{t(`portal.rules.${r}`)}</dt>
              <dd>{t(`portal.rules.${r}.desc`)}</dd>
            </div>
          ))}
        </dl>
        <h2>{t('portal.rules.documentsTitle')}</h2>
        <SourcedItemList ctx={ctx} tree={tree} agency={agency} data={documents} emptyTitle={t('catalogPortal.rules.none')} emptyHint={t('portal.rules.documentsNone', { name })} />
      </ColumnFrame>
    </Layout>
  );
}

function itemLabel(ctx: RequestContext, item: StatutoryItem): string {
  return ctx.t(statutoryItemKey(item));
}

/** 法定主动公开内容: one sub-column per item of Art. 20 (and Art. 21 for governments). */
export function StatutoryPage({ ctx, agency }: { ctx: RequestContext; agency: Agency }) {
  const { t } = ctx;
  const name = nameOf(ctx, agency);
  const title = t('portal.statutory.title', { name });
  const items = statutoryItemsFor(agency.kind);
  const a20 = items.filter((i) => i.article === 'art20');
  const a21 = items.filter((i) => i.article !== 'art20');
  return (
    <Layout
      ctx={ctx}
      title={title}
      column={columnMeta('portal.col.statutory', 'portal.col.statutory.meta', { agency: agency.name })}
      crumbs={disclosureCrumbs(ctx, agency, { label: t('portal.col.statutory') })}
    >
      <ColumnFrame ctx={ctx} agency={agency} current="statutory">
        <h1>{title}</h1>
        <p>{t(a21.length ? 'portal.statutory.intro21' : 'portal.statutory.intro20', { name })}</p>
        <h2>{t('portal.statutory.art20')}</h2>
        <ul class="statutory-list">
          {a20.map((i) => (
            <li key={i.slug}>
              <a href={`${subColumnHref(agency.code, 'statutory')}/${i.slug}`}>
                <span class="ordinal">{t('portal.statutory.ordinal', { n: ctx.locale === 'en' ? String(i.number) : chineseNumber(i.number) })}</span>
                {itemLabel(ctx, i)}
              </a>
            </li>
          ))}
        </ul>
        {a21.length > 0 && (
          <>
            <h2>{t('portal.statutory.art21')}</h2>
            <p>{t(agency.kind === 'township' ? 'portal.statutory.art21TownLead' : 'portal.statutory.art21Lead')}</p>
            <ul class="statutory-list">
              {a21.map((i) => (
                <li key={i.slug}>
                  <a href={`${subColumnHref(agency.code, 'statutory')}/${i.slug}`}>{itemLabel(ctx, i)}</a>
                </li>
              ))}
            </ul>
          </>
        )}
        <LegalBasis>{t('portal.statutory.basis')}</LegalBasis>
      </ColumnFrame>
    </Layout>
  );
}

/** One statutory item of an agency. Filled by the catalog later; until then it says so and what will appear. */
export function StatutoryItemPage({ ctx, tree, agency, item, items }: { ctx: RequestContext; tree: AgencyTree; agency: Agency; item: StatutoryItem; items: SourcedItems }) {
  const { t } = ctx;
  const name = nameOf(ctx, agency);
  const label = itemLabel(ctx, item);
  const basis =
    item.article === 'art20'
      ? t('portal.statutory.basis20', { n: ctx.locale === 'en' ? String(item.number) : chineseNumber(item.number) })
      : t('portal.statutory.basis21');
  const statutoryHref = subColumnHref(agency.code, 'statutory');
  return (
    <Layout
      ctx={ctx}
      title={`${label} - ${name}`}
      column={columnMeta(statutoryItemKey(item), 'portal.statutory.itemMeta', { agency: agency.name, item: t(statutoryItemKey(item)) })}
      crumbs={disclosureCrumbs(ctx, agency, { href: statutoryHref, label: t('portal.col.statutory') }).concat({ label })}
    >
      <ColumnFrame ctx={ctx} agency={agency} current="statutory">
        <h1>{label}</h1>
        <p class="muted">{name}</p>
        <LegalBasis>{basis}</LegalBasis>
        {item.slug === organisationSlug && (
          <section aria-labelledby="statutory-contacts">
            <h2 id="statutory-contacts">{t('portal.statutory.organisationContacts')}</h2>
            <ContactList ctx={ctx} agency={agency} />
            <p>
              <a href={agencyHref(agency.code)}>{t('portal.colnav.agencyPage')}</a>
            </p>
          </section>
        )}
        <h2>{t('portal.statutory.published')}</h2>
        <SourcedItemList ctx={ctx} tree={tree} agency={agency} data={items} emptyTitle={t('portal.statutory.none')} emptyHint={t('portal.statutory.noneHint')} />
        <p class="more-link">
          <a href={statutoryHref}>{t('portal.statutory.back')}</a>
        </p>
      </ColumnFrame>
    </Layout>
  );
}

/** 政府信息公开年报: none published yet, with the statutory deadlines. */
export function AnnualReportsPage({ ctx, tree, agency, today, reports }: { ctx: RequestContext; tree: AgencyTree; agency: Agency; today: string; reports: SourcedItems }) {
  const { t } = ctx;
  const name = nameOf(ctx, agency);
  const title = t('portal.reports.title', { name });
  const year = Number(today.slice(0, 4)) - 1;
  const deadline = reportDueOn(agency, year);
  const rule = annualReportRule(agency);
  const fmt = (d: string) => t('date.format', { y: d.slice(0, 4), m: String(Number(d.slice(5, 7))), d: String(Number(d.slice(8, 10))) });
  return (
    <Layout
      ctx={ctx}
      title={title}
      column={columnMeta('portal.col.annualReports', 'portal.col.annualReports.meta', { agency: agency.name })}
      crumbs={disclosureCrumbs(ctx, agency, { label: t('portal.col.annualReports') })}
    >
      <ColumnFrame ctx={ctx} agency={agency} current="annual-reports">
        <h1>{title}</h1>
        <p>{t('portal.reports.intro')}</p>
        <p>{deadline ? t(`portal.reports.deadline.${rule}`, { name, year, date: fmt(deadline) }) : t('portal.reports.deadline.township', { name })}</p>
        <h2>{t('portal.reports.listHeading')}</h2>
        <SourcedItemList ctx={ctx} tree={tree} agency={agency} data={reports} emptyTitle={t('portal.reports.none')} emptyHint={t('portal.reports.noneHint', { name })} />
        <h2>{t('portal.reports.contentsHeading')}</h2>
        <ul class="spaced">
          <li>{t('portal.reports.c1')}</li>
          <li>{t('portal.reports.c2')}</li>
          <li>{t('portal.reports.c3')}</li>
          <li>{t(agency.kind === 'government' ? 'portal.reports.c4gov' : 'portal.reports.c4')}</li>
          <li>{t('portal.reports.c5')}</li>
        </ul>
        <LegalBasis>{t('portal.reports.basis')}</LegalBasis>
      </ColumnFrame>
    </Layout>
  );
}

/** How to apply (Art. 27–33): the same text on the site-wide and the agency apply page. */
function ApplyGuide({ ctx }: { ctx: RequestContext }) {
  const { t } = ctx;
  return (
    <>
      <section class="notice-box" aria-labelledby="apply-online">
        <h2 id="apply-online">{t('portal.apply.onlineHeading')}</h2>
        <p>{t('portal.apply.onlineOpen')}</p>
        <p>
          <a href="/apply">{t('portal.apply.onlineApply')}</a> · <a href="/track">{t('portal.apply.onlineTrack')}</a>
        </p>
      </section>
      <h2>{t('portal.apply.whoHeading')}</h2>
      <p>{t('portal.apply.who')}</p>
      <p>
        <strong>{t('portal.apply.noAccount')}</strong>
      </p>
      <h2>{t('portal.apply.howHeading')}</h2>
      <p>{t('portal.apply.how')}</p>
      <h2>{t('portal.apply.formHeading')}</h2>
      <p>{t('portal.apply.formLead')}</p>
      <ol class="spaced">
        <li>{t('portal.apply.form1')}</li>
        <li>{t('portal.apply.form2')}</li>
        <li>{t('portal.apply.form3')}</li>
      </ol>
      <h2>{t('portal.apply.receiptHeading')}</h2>
      <ul class="spaced">
        <li>{t('portal.apply.receipt1')}</li>
        <li>{t('portal.apply.receipt2')}</li>
        <li>{t('portal.apply.receipt3')}</li>
      </ul>
      <p>{t('portal.apply.receiptKeep')}</p>
      <h2>{t('portal.apply.deadlineHeading')}</h2>
      <ul class="spaced">
        <li>{t('portal.apply.deadline1')}</li>
        <li>{t('portal.apply.deadline2')}</li>
        <li>{t('portal.apply.deadline3')}</li>
        <li>{t('portal.apply.deadline4')}</li>
      </ul>
      <h2>{t('portal.apply.feeHeading')}</h2>
      <p>{t('portal.apply.fee')}</p>
      <p>{t('portal.apply.help')}</p>
    </>
  );
}

/** /zwgk/apply: how to apply, and every agency's disclosure office. */
export function ApplyPage({ ctx, tree }: { ctx: RequestContext; tree: AgencyTree }) {
  const { t } = ctx;
  const all = tree.flatten();
  return (
    <Layout
      ctx={ctx}
      title={t('portal.col.apply')}
      column={columnMeta('portal.col.apply', 'portal.col.apply.meta', {}, 'portal.meta.typeService')}
      crumbs={disclosureCrumbs(ctx, undefined, { label: t('portal.col.apply') })}
    >
      <h1>{t('portal.col.apply')}</h1>
      <p class="lead">{t('portal.apply.intro')}</p>
      <ApplyGuide ctx={ctx} />
      <h2 id="apply-offices">{t('portal.apply.officesHeading')}</h2>
      <p>{t('portal.apply.officesLead')}</p>
      {all.length === 0 ? (
        <EmptyState title={t('portal.home.noAgencies')} />
      ) : (
        <ul class="office-list">
          {all.map(({ agency: a, depth }) => (
            <li key={a.id} class={`depth-${Math.min(depth, 3)}`}>
              <details>
                <summary>
                  <span class="office-agency">{nameOf(ctx, a)}</span>
                  {a.officeName && <span class="office-name">{a.officeName}</span>}
                </summary>
                <ContactList ctx={ctx} agency={a} />
                <p>
                  <a href={applyHref(a.code)}>{t('portal.apply.agencyPage', { name: nameOf(ctx, a) })}</a>
                </p>
              </details>
            </li>
          ))}
        </ul>
      )}
      <LegalBasis>{t('portal.apply.basis')}</LegalBasis>
    </Layout>
  );
}

/** /zwgk/:code/apply: applying to one agency. */
export function AgencyApplyPage({ ctx, agency }: { ctx: RequestContext; agency: Agency }) {
  const { t } = ctx;
  const name = nameOf(ctx, agency);
  const title = t('portal.apply.agencyTitle', { name });
  return (
    <Layout
      ctx={ctx}
      title={title}
      column={columnMeta('portal.col.apply', 'portal.col.apply.agencyMeta', { agency: agency.name }, 'portal.meta.typeService')}
      crumbs={disclosureCrumbs(ctx, agency, { label: t('portal.col.apply') })}
    >
      <ColumnFrame ctx={ctx} agency={agency} current="apply">
        <h1>{title}</h1>
        <p>
          <a class="button primary" href={`/agencies/${encodeURIComponent(agency.code)}/apply`}>{t('applyPortal.guideLink')}</a>
        </p>
        <h2>{t('portal.apply.thisOffice', { name })}</h2>
        <ContactList ctx={ctx} agency={agency} />
        <ApplyGuide ctx={ctx} />
        <p>
          <a href={`${applyHref()}#apply-offices`}>{t('portal.apply.otherOffices')}</a>
        </p>
        <LegalBasis>{t('portal.apply.basis')}</LegalBasis>
      </ColumnFrame>
    </Layout>
  );
}
