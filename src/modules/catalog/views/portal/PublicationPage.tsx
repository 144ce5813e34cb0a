/**
 * The page of one catalog item (/xxgk/:id): the metadata block as government portals show it above
 * the body, the validity banner, interpretations both ways, the version history, a print view; and
 * the tombstone of a withdrawn item, which keeps its index number so that links never break.
 */
import type { ComponentChildren } from 'preact';
import type { RequestContext } from '../../../../http/context.ts';
import { formatInstant } from '../../../../http/render.ts';
import { Layout, type Crumb } from '../../../../http/views/Layout.tsx';
import type { AgencyTree } from '../../../agencies/index.ts';
import type { Publication, PublicationVersion } from '../../publication.ts';
import { validityKinds } from '../../taxonomy.ts';
import { browseHref } from './browse-query.ts';
import { agencyLabel, audienceLabel, genreLabel, isPublicAgency, kindLabel, topicLabel, validityLabel } from './labels.ts';
import { agencyCatalogHref, publicationHref } from './PublicationList.tsx';
import type { Attachment } from '../../attachments.repository.ts';
import { attachmentTypeLabel, formatFileSize, publicAttachmentPath } from '../../attachments.ts';

export interface PublicationPageProps {
  ctx: RequestContext;
  tree: AgencyTree;
  p: Publication;
  /** Published interpretations of this document. */
  interpretations: Publication[];
  /** For an interpretation: the document it explains (when the public may open it). */
  interpreted: Publication | null;
  /** The document that replaces or amends this one (when the public may open it). */
  replacement: Publication | null;
  versions: PublicationVersion[];
  canonical: string;
  print?: boolean;
  /** The files of the published version (附件). */
  attachments?: Attachment[];
}

/** The issuing agencies (owner first) for meta tags: always the Chinese names. */
export function contentSource(tree: AgencyTree, p: Publication): string {
  return [p.agencyId, ...p.coIssuerIds]
    .map((id) => tree.byId.get(id)?.name)
    .filter(Boolean)
    .join('、');
}

function crumbsFor(ctx: RequestContext, tree: AgencyTree, p: Publication, last: Crumb[]): Crumb[] {
  const { t } = ctx;
  const owner = tree.byId.get(p.agencyId);
  const out: Crumb[] = [
    { href: '/', label: t('nav.home') },
    { href: '/zwgk', label: t('nav.disclosure') },
    { href: browseHref({ kinds: [], page: 1 }), label: t('catalogPortal.browse.title') },
  ];
  if (owner && isPublicAgency(tree, owner.id)) out.push({ href: agencyCatalogHref(owner.code), label: agencyLabel(ctx.locale, owner) });
  return out.concat(last);
}

/** The issuing agencies, each linked to its catalog page while the portal shows it. */
function Issuers({ ctx, tree, p }: { ctx: RequestContext; tree: AgencyTree; p: Publication }) {
  const ids = [p.agencyId, ...p.coIssuerIds];
  return (
    <>
      {ids.map((id, i) => {
        const a = tree.byId.get(id);
        if (!a) return null;
        const name = agencyLabel(ctx.locale, a);
        return (
          <span key={id}>
            {i > 0 && ctx.t('catalogPortal.listSep')}
            {isPublicAgency(tree, a.id) ? <a href={agencyCatalogHref(a.code)}>{name}</a> : name}
          </span>
        );
      })}
    </>
  );
}

/** The validity of a rule or normative document in words: status, dates and the replacing document. */
function validityDetail(ctx: RequestContext, v: NonNullable<Publication['validity']>): string[] {
  const { t } = ctx;
  const out: string[] = [];
  if (v.status === 'inForce') {
    if (v.from) out.push(t('catalogPortal.validity.from', { date: v.from }));
    if (v.until) out.push(t('catalogPortal.validity.until', { date: v.until }));
  } else if (v.status === 'amended') {
    out.push(t('catalogPortal.validity.amendedText'));
  } else if (v.status === 'expired') {
    out.push(v.until ? t('catalogPortal.validity.expiredOn', { date: v.until }) : t('catalogPortal.validity.expiredText'));
  } else if (v.status === 'repealed') {
    out.push(v.until ? t('catalogPortal.validity.repealedOn', { date: v.until }) : t('catalogPortal.validity.repealedText'));
  }
  return out;
}

/** The prominent 有效性 banner of rules and normative documents. */
export function ValidityBanner({ ctx, p, replacement }: { ctx: RequestContext; p: Pick<Publication, 'validity'>; replacement: Publication | null }) {
  const { t } = ctx;
  const v = p.validity;
  if (!v) return null;
  return (
    <div class={`validity-banner validity-${v.status}`} role="note" aria-labelledby="validity-banner-status">
      <p class="validity-banner-status" id="validity-banner-status">
        <strong>
          {t('catalogPortal.meta.validity')}
          {t('catalogPortal.colon')}
          {validityLabel(t, v.status)}
        </strong>
      </p>
      {validityDetail(ctx, v).map((s) => (
        <p key={s}>{s}</p>
      ))}
      {replacement && (
        <p>
          {t(v.status === 'amended' ? 'catalogPortal.validity.amendedBy' : 'catalogPortal.validity.replacedBy')}
          <a href={publicationHref(replacement)}>{t('catalogPortal.quoted', { title: replacement.title })}</a>
          {replacement.docNo && ` ${replacement.docNo}`}
        </p>
      )}
    </div>
  );
}

function Row({ label, wide, children }: { label: string; wide?: boolean; children: ComponentChildren }) {
  return (
    <div class={wide ? 'pub-meta-row wide' : 'pub-meta-row'}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

type MetaSource = Pick<
  Publication,
  'indexNo' | 'topic' | 'agencyId' | 'coIssuerIds' | 'writtenOn' | 'title' | 'docNo' | 'publishedAt' | 'publishedOn' | 'kind' | 'genre' | 'audience' | 'validity' | 'keywords' | 'summary'
>;

/**
 * The metadata block (索引号, 主题分类, 发布机构, 成文日期, 标题, 发文字号, 发布日期, 主题词, 有效性 …)
 * in the order and pairing of the national policy library; label and value stack on a phone.
 */
export function MetaTable({ ctx, tree, p }: { ctx: RequestContext; tree: AgencyTree; p: MetaSource }) {
  const { t } = ctx;
  const none = <span class="muted">{t('catalogPortal.meta.none')}</span>;
  const sep = t('catalogPortal.listSep');
  const published = formatInstant(p.publishedAt) || p.publishedOn;
  return (
    <dl class="pub-meta">
      <Row label={t('catalogPortal.meta.indexNo')}>{p.indexNo ?? none}</Row>
      <Row label={t('catalogPortal.meta.topic')}>{p.topic ? <a href={browseHref({ topic: p.topic, kinds: [], page: 1 })}>{topicLabel(t, p.topic)}</a> : none}</Row>
      <Row label={t('catalogPortal.meta.issuer')}>
        <Issuers ctx={ctx} tree={tree} p={p as Publication} />
      </Row>
      <Row label={t('catalogPortal.meta.writtenOn')}>{p.writtenOn ? <time dateTime={p.writtenOn}>{p.writtenOn}</time> : none}</Row>
      <Row label={t('catalogPortal.meta.title')} wide>
        {p.title}
      </Row>
      <Row label={t('catalogPortal.meta.docNo')}>{p.docNo ?? none}</Row>
      <Row label={t('catalogPortal.meta.publishedOn')}>{published ? <time dateTime={p.publishedAt ?? p.publishedOn ?? undefined}>{published}</time> : none}</Row>
      <Row label={t('catalogPortal.meta.kind')}>{kindLabel(t, p.kind)}</Row>
      <Row label={t('catalogPortal.meta.genre')}>{p.genre ? genreLabel(t, p.genre) : none}</Row>
      <Row label={t('catalogPortal.meta.audience')} wide={!p.validity}>
        {p.audience.length ? p.audience.map((a) => audienceLabel(t, a)).join(sep) : none}
      </Row>
      {p.validity && <Row label={t('catalogPortal.meta.validity')}>{validityLabel(t, p.validity.status)}</Row>}
      <Row label={t('catalogPortal.meta.keywords')} wide>
        {p.keywords.length ? p.keywords.join(sep) : none}
      </Row>
      {p.summary && (
        <Row label={t('catalogPortal.meta.summary')} wide>
          {p.summary}
        </Row>
      )}
    </dl>
  );
}

function Body({ ctx, html }: { ctx: RequestContext; html: string }) {
  const { t } = ctx;
  return (
    <section class="pub-body" aria-labelledby="pub-body-heading">
      <h2 id="pub-body-heading" class="visually-hidden">
        {t('catalogPortal.page.body')}
      </h2>
      {html ? <div class="pub-body-text" dangerouslySetInnerHTML={{ __html: html }} /> : <p class="muted">{t('catalogPortal.page.noBody')}</p>}
    </section>
  );
}

/**
 * 附件: each file of the version shown, with its type and size; a link to download it when it is a
 * file of the current published version (`linked`); files that only earlier versions had are listed
 * without one.
 */
function Attachments({ ctx, p, list, linked }: { ctx: RequestContext; p: Pick<Publication, 'id'>; list: Attachment[]; linked: (a: Attachment) => boolean }) {
  const { t } = ctx;
  if (!list.length) return null;
  return (
    <section class="pub-attachments" aria-labelledby="pub-attachments-heading">
      <h2 id="pub-attachments-heading">{t('attachments.heading')}</h2>
      <ol class="attachment-list">
        {list.map((a) => (
          <li key={a.id} class="attachment-item">
            {linked(a) ? (
              <a href={publicAttachmentPath(p.id, a)} download="">
                {a.name}
              </a>
            ) : (
              <span>{a.name}</span>
            )}{' '}
            <span class="muted">
              {t('attachments.typeAndSize', { type: attachmentTypeLabel[a.type], size: formatFileSize(a.size) })}
            </span>
            {!linked(a) && <span class="muted"> {t('attachments.notCurrent')}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}

function PrintScript() {
  return <script src="/static/js/catalog-print.js" defer></script>;
}

function versionNote(ctx: RequestContext, v: PublicationVersion): string {
  if (v.note) return v.note;
  return ctx.t(v.version === 1 ? 'catalogPortal.versions.first' : 'catalogPortal.versions.revised');
}

export function versionHref(p: Pick<Publication, 'id'>, n: number): string {
  return `${publicationHref(p)}/versions/${n}`;
}

function Related({ ctx, p, interpretations, interpreted }: { ctx: RequestContext; p: Publication; interpretations: Publication[]; interpreted: Publication | null }) {
  const { t } = ctx;
  const tracked = validityKinds.includes(p.kind);
  return (
    <>
      {p.kind === 'interpretation' && (
        <section class="pub-related" aria-labelledby="pub-interpreted">
          <h2 id="pub-interpreted">{t('catalogPortal.page.interpreted')}</h2>
          {interpreted ? (
            <p>
              <a href={publicationHref(interpreted)}>{t('catalogPortal.quoted', { title: interpreted.title })}</a>
              {interpreted.docNo && <span class="muted"> {interpreted.docNo}</span>}
              {interpreted.publishedOn && <span class="muted"> {interpreted.publishedOn}</span>}
            </p>
          ) : (
            <p class="muted">{t('catalogPortal.page.interpretedUnavailable')}</p>
          )}
        </section>
      )}
      {(tracked || interpretations.length > 0) && (
        <section class="pub-related" aria-labelledby="pub-interpretations">
          <h2 id="pub-interpretations">{t('catalogPortal.page.interpretations')}</h2>
          {interpretations.length ? (
            <ul class="pub-related-list">
              {interpretations.map((i) => (
                <li key={i.id}>
                  <a href={publicationHref(i)}>{i.title}</a> <span class="muted">{i.publishedOn}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">{t('catalogPortal.page.noInterpretation')}</p>
          )}
        </section>
      )}
    </>
  );
}

function Versions({ ctx, p, versions }: { ctx: RequestContext; p: Publication; versions: PublicationVersion[] }) {
  const { t } = ctx;
  if (!versions.length) return null;
  return (
    <section class="pub-versions" aria-labelledby="pub-versions-heading">
      <h2 id="pub-versions-heading">{t('catalogPortal.versions.heading')}</h2>
      <ol class="pub-version-list" reversed>
        {versions.map((v) => (
          <li key={v.version}>
            <span class="pub-version-no">{t('catalogPortal.versions.number', { n: v.version })}</span>
            <time dateTime={v.createdAt}>{formatInstant(v.createdAt)}</time>
            <span>{versionNote(ctx, v)}</span>
            {v.version === p.version ? (
              <span class="muted">{t('catalogPortal.versions.current')}</span>
            ) : (
              <a href={versionHref(p, v.version)}>{t('catalogPortal.versions.view', { n: v.version })}</a>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function PublicationPage({ ctx, tree, p, interpretations, interpreted, replacement, versions, canonical, print, attachments }: PublicationPageProps) {
  const { t } = ctx;
  const article = { title: p.title, pubDate: formatInstant(p.publishedAt), source: contentSource(tree, p) };
  return (
    <Layout ctx={ctx} title={p.title} article={article} canonical={canonical} crumbs={crumbsFor(ctx, tree, p, [{ label: p.title }])}>
      <article class={print ? 'pub pub-print-view' : 'pub'}>
        {print && (
          <div class="pub-print-note" role="note">
            <p>{t('catalogPortal.print.note')}</p>
            <p class="pub-actions">
              <a class="button primary" href="?print=1" data-print="">
                {t('catalogPortal.print.button')}
              </a>
              <a class="button" href={publicationHref(p)}>
                {t('catalogPortal.print.back')}
              </a>
            </p>
          </div>
        )}
        <h1>{p.title}</h1>
        <ValidityBanner ctx={ctx} p={p} replacement={replacement} />
        <section class="pub-meta-section" aria-labelledby="pub-meta-heading">
          <h2 id="pub-meta-heading" class="visually-hidden">
            {t('catalogPortal.page.metadata')}
          </h2>
          <MetaTable ctx={ctx} tree={tree} p={p} />
        </section>
        {!print && (
          <p class="pub-actions">
            <a class="button" href="?print=1" data-print="">
              {t('catalogPortal.print.button')}
            </a>
          </p>
        )}
        <Body ctx={ctx} html={p.bodyHtml} />
        <Attachments ctx={ctx} p={p} list={attachments ?? []} linked={() => true} />
        <Related ctx={ctx} p={p} interpretations={interpretations} interpreted={interpreted} />
        {!print && <Versions ctx={ctx} p={p} versions={versions} />}
      </article>
      <PrintScript />
    </Layout>
  );
}

/** An earlier version of an item, clearly marked as superseded, with a link to the current one. */
export function PublicationVersionPage({
  ctx,
  tree,
  p,
  version,
  canonical,
  attachments,
  currentAttachmentIds,
}: {
  ctx: RequestContext;
  tree: AgencyTree;
  p: Publication;
  version: PublicationVersion;
  canonical: string;
  /** The files of this version; those still in the current version are linked. */
  attachments?: Attachment[];
  currentAttachmentIds?: Set<string>;
}) {
  const { t } = ctx;
  const s = version.snapshot;
  const shown: MetaSource = { ...p, ...s, audience: p.audience };
  const label = t('catalogPortal.versions.number', { n: version.version });
  return (
    <Layout
      ctx={ctx}
      title={`${s.title} (${label})`}
      canonical={canonical}
      crumbs={crumbsFor(ctx, tree, p, [{ href: publicationHref(p), label: p.title }, { label }])}
    >
      <article class="pub">
        <div class="pub-superseded" role="note">
          <p>
            <strong>{t('catalogPortal.versions.historic', { n: version.version, date: formatInstant(version.createdAt) })}</strong>
          </p>
          <p>
            {t('catalogPortal.versions.currentIs', { n: p.version })}
            <a href={publicationHref(p)}>{t('catalogPortal.quoted', { title: p.title })}</a>
          </p>
        </div>
        <h1>{s.title}</h1>
        <section class="pub-meta-section" aria-labelledby="pub-meta-heading">
          <h2 id="pub-meta-heading" class="visually-hidden">
            {t('catalogPortal.page.metadata')}
          </h2>
          <MetaTable ctx={ctx} tree={tree} p={shown} />
        </section>
        <Body ctx={ctx} html={s.bodyHtml} />
        <Attachments ctx={ctx} p={p} list={attachments ?? []} linked={(a) => !!currentAttachmentIds?.has(a.id)} />
      </article>
    </Layout>
  );
}

/** A withdrawn item: 已撤回 with the date and reason; the index number stays (never reused). */
export function TombstonePage({ ctx, tree, p, canonical }: { ctx: RequestContext; tree: AgencyTree; p: Publication; canonical: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('catalogPortal.tombstone.title', { title: p.title })} canonical={canonical} crumbs={crumbsFor(ctx, tree, p, [{ label: p.title }])}>
      <article class="pub pub-tombstone">
        <h1>{p.title}</h1>
        <div class="tombstone-banner" role="note" aria-labelledby="tombstone-status">
          <p id="tombstone-status" class="tombstone-status">
            <strong>{t('catalogPortal.tombstone.status')}</strong>
          </p>
          <p>{t('catalogPortal.tombstone.when', { date: formatInstant(p.withdrawnAt) })}</p>
          {p.withdrawnReason && <p>{t('catalogPortal.tombstone.reason', { reason: p.withdrawnReason })}</p>}
        </div>
        <dl class="pub-meta">
          <Row label={t('catalogPortal.meta.indexNo')}>{p.indexNo}</Row>
          <Row label={t('catalogPortal.meta.issuer')}>
            <Issuers ctx={ctx} tree={tree} p={p} />
          </Row>
          <Row label={t('catalogPortal.meta.docNo')}>{p.docNo ?? <span class="muted">{t('catalogPortal.meta.none')}</span>}</Row>
          <Row label={t('catalogPortal.meta.publishedOn')}>{formatInstant(p.publishedAt) || p.publishedOn}</Row>
          <Row label={t('catalogPortal.tombstone.withdrawnOn')} wide>
            {formatInstant(p.withdrawnAt)}
          </Row>
        </dl>
        <p>{t('catalogPortal.tombstone.explain')}</p>
        <ul class="inline-links">
          <li>
            <a href={browseHref({ kinds: [], page: 1 })}>{t('catalogPortal.browse.title')}</a>
          </li>
          <li>
            <a href="/search">{t('nav.search')}</a>
          </li>
          <li>
            <a href="/zwgk/apply">{t('nav.apply')}</a>
          </li>
        </ul>
      </article>
    </Layout>
  );
}
