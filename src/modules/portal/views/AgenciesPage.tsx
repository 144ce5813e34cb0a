import type { RequestContext } from '../../../http/context.ts';
import { Layout } from '../../../http/views/Layout.tsx';
import type { Agency, AgencyTree } from '../../agencies/index.ts';
import { agencyCatalogHref, agencyFeed, catalogFeed, feedAlternates } from '../../catalog/index.ts';
import { agencyHref, applyHref, subColumnHref } from '../columns.ts';
import { childGroups } from '../public-tree.ts';
import { columnMeta, ContactList, EmptyState, nameOf, SubColumnLinks } from './parts.tsx';

/** The whole agency tree: government → counties → departments → townships. */
export function AgenciesPage({ ctx, tree }: { ctx: RequestContext; tree: AgencyTree }) {
  const { t } = ctx;
  const roots = tree.roots();
  return (
    <Layout
      ctx={ctx}
      title={t('portal.agencies.title')}
      column={columnMeta('portal.agencies.columnName', 'portal.agencies.columnDescription', {}, 'portal.meta.typeOrganisation')}
      crumbs={[{ href: '/', label: t('nav.home') }, { label: t('portal.agencies.title') }]}
    >
      <h1>{t('portal.agencies.title')}</h1>
      <p class="lead">{t('portal.agencies.lead')}</p>
      {roots.length === 0 ? (
        <EmptyState title={t('portal.home.noAgencies')}>
          <p>{t('portal.home.noAgenciesHint')}</p>
        </EmptyState>
      ) : (
        <div class="public-tree">
          {roots.map((r) => (
            <section key={r.id} class="agency-tree-root" aria-labelledby={`tree-${r.id}`}>
              <h2 id={`tree-${r.id}`}>
                <a href={agencyHref(r.code)}>{nameOf(ctx, r)}</a>
              </h2>
              <TreeGroups ctx={ctx} tree={tree} agency={r} level={3} />
            </section>
          ))}
        </div>
      )}
    </Layout>
  );
}

/** Children of an agency, grouped by kind, recursively (headings for the first two levels, nested lists below). */
function TreeGroups({ ctx, tree, agency, level }: { ctx: RequestContext; tree: AgencyTree; agency: Agency; level: 3 | 4 }) {
  const { t } = ctx;
  const g = childGroups(tree, agency.id);
  const H = level === 3 ? 'h3' : 'h4';
  const block = (key: string, list: Agency[], label: string) =>
    list.length > 0 && (
      <div class="tree-group" key={key}>
        <H>{label}</H>
        <ul class="tree-list">
          {list.map((a) => (
            <li key={a.id}>
              <a href={agencyHref(a.code)}>{nameOf(ctx, a)}</a>
              {a.kind === 'government' && level === 3 && tree.children(a.id).length > 0 ? (
                <details class="tree-details">
                  <summary>{t('portal.agencies.showBelow', { name: nameOf(ctx, a), count: tree.subtree(a.id).length - 1 })}</summary>
                  <TreeGroups ctx={ctx} tree={tree} agency={a} level={4} />
                </details>
              ) : (
                <NestedList ctx={ctx} tree={tree} agency={a} />
              )}
            </li>
          ))}
        </ul>
      </div>
    );
  return (
    <>
      {block('gov', g.governments, level === 3 ? t('portal.home.counties') : t('portal.agencies.governments'))}
      {block('dep', g.departments, t('portal.agencies.departmentsOf', { name: nameOf(ctx, agency) }))}
      {block('town', g.townships, t('portal.home.townships'))}
    </>
  );
}

function NestedList({ ctx, tree, agency }: { ctx: RequestContext; tree: AgencyTree; agency: Agency }) {
  const kids = tree.children(agency.id);
  if (!kids.length) return null;
  return (
    <ul class="tree-list nested">
      {kids.map((a) => (
        <li key={a.id}>
          <a href={agencyHref(a.code)}>{nameOf(ctx, a)}</a>
          <NestedList ctx={ctx} tree={tree} agency={a} />
        </li>
      ))}
    </ul>
  );
}

/** One agency: its contacts (the contact part of its guide), its place in the tree, its column. */
export function AgencyPage({ ctx, tree, agency }: { ctx: RequestContext; tree: AgencyTree; agency: Agency }) {
  const { t } = ctx;
  const parent = tree.parent(agency.id);
  const g = childGroups(tree, agency.id);
  const name = nameOf(ctx, agency);
  const path = tree.path(agency.id);
  return (
    <Layout
      ctx={ctx}
      title={name}
      alternates={feedAlternates(t, [agencyFeed(ctx, agency), catalogFeed(t)])}
      column={columnMeta('portal.agency.columnName', 'portal.agency.columnDescription', { agency: agency.name }, 'portal.meta.typeOrganisation')}
      crumbs={[{ href: '/', label: t('nav.home') }, { href: '/agencies', label: t('portal.agencies.title') }, ...path.slice(0, -1).map((a) => ({ href: agencyHref(a.code), label: nameOf(ctx, a) })), { label: name }]}
    >
      <h1>{name}</h1>
      <p class="agency-kind">
        {t(`kind.${agency.kind}`)}
        {parent && (
          <>
            {' · '}
            {t('portal.agency.parent')}
            <a href={agencyHref(parent.code)}>{nameOf(ctx, parent)}</a>
          </>
        )}
      </p>

      <section aria-labelledby="agency-disclosure">
        <h2 id="agency-disclosure">{t('nav.disclosure')}</h2>
        <SubColumnLinks ctx={ctx} agency={agency} />
        <p class="more-link">
          <a href={agencyCatalogHref(agency.code)}>{t('catalogPortal.agency.title', { name })}</a>
        </p>
      </section>

      <section aria-labelledby="agency-contacts">
        <h2 id="agency-contacts">{t('portal.contact.heading')}</h2>
        <p>{t('portal.agency.contactsLead')}</p>
        <ContactList ctx={ctx} agency={agency} />
        <p>
          <a class="button primary" href={applyHref(agency.code)}>{t('portal.agency.applyHere', { name })}</a>
        </p>
      </section>

      {(g.governments.length > 0 || g.departments.length > 0 || g.townships.length > 0) && (
        <section aria-labelledby="agency-children">
          <h2 id="agency-children">{t('portal.agency.children')}</h2>
          {[
            ['gov', g.governments, 'portal.agencies.governments'],
            ['dep', g.departments, 'portal.agency.departments'],
            ['town', g.townships, 'portal.home.townships'],
          ].map(([k, list, label]) =>
            (list as Agency[]).length ? (
              <div key={k as string} class="tree-group">
                <h3>{t(label as string)}</h3>
                <ul class="agency-tiles">
                  {(list as Agency[]).map((a) => (
                    <li key={a.id}>
                      <a href={agencyHref(a.code)}>{nameOf(ctx, a)}</a>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null,
          )}
        </section>
      )}
      <p class="more-link">
        <a href={subColumnHref(agency.code, 'guide')}>{t('portal.agency.readGuide')}</a>
      </p>
    </Layout>
  );
}
