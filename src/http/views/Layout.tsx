import type { ComponentChildren } from 'preact';
import type { RequestContext } from '../context.ts';
import { isAdmin } from '../../modules/agencies/index.ts';
import { A11yLauncher, A11yToolbar } from './A11yToolbar.tsx';
import { SiteFooter } from './SiteFooter.tsx';

export interface ColumnMeta {
  name: string;
  description: string;
  keywords: string;
  /** 国办发〔2017〕47号 ColumnType: e.g. 信息公开, 机构职能, 政策文件, 互动交流, 首页 */
  type: string;
}
export interface ArticleMeta {
  title: string;
  /** YYYY-MM-DD HH:MM */
  pubDate: string;
  source: string;
}
/** A <link rel="alternate"> in the head, e.g. a feed of what the page lists (type application/atom+xml). */
export interface Alternate {
  type: string;
  href: string;
  title: string;
}
export interface Crumb {
  href?: string;
  label: string;
}

export interface LayoutProps {
  ctx: RequestContext;
  title: string;
  column?: ColumnMeta;
  article?: ArticleMeta;
  area?: 'portal' | 'admin';
  crumbs?: Crumb[];
  /** Absolute URL of the page's canonical address (<link rel="canonical">). */
  canonical?: string;
  /** Feeds (or other formats) of what the page shows: feed readers discover them here. */
  alternates?: Alternate[];
  children: ComponentChildren;
}

/** Switches ?lang= in the current URL (keeps the rest of the query). */
export function langHref(url: string, lang: string): string {
  const u = new URL(url, 'http://x');
  u.searchParams.set('lang', lang);
  return `${u.pathname}${u.search}`;
}

type Section = 'home' | 'disclosure' | 'agencies' | 'apply' | null;

/** The main-navigation section a path belongs to. */
export function sectionOf(url: string): Section {
  const path = new URL(url, 'http://x').pathname;
  if (path === '/') return 'home';
  if (path === '/zwgk/apply' || /^\/zwgk\/[^/]+\/apply$/.test(path) || path === '/apply' || path.startsWith('/apply/') || path === '/track' || path.startsWith('/track/') || /^\/agencies\/[^/]+\/apply$/.test(path)) return 'apply';
  if (path === '/zwgk' || path.startsWith('/zwgk/')) return 'disclosure';
  if (path === '/agencies' || path.startsWith('/agencies/')) return 'agencies';
  return null;
}

function NavItem({ href, label, section, current, exact }: { href: string; label: string; section: Section; current: Section; exact: boolean }) {
  const here = section === current;
  return (
    <li>
      <a href={href} class={here ? 'active' : undefined} aria-current={here ? (exact ? 'page' : 'true') : undefined}>
        {label}
      </a>
    </li>
  );
}

export function Layout({ ctx, title, column, article, area = 'portal', crumbs, canonical, alternates, children }: LayoutProps) {
  const { t, site, locale } = ctx;
  const siteName = locale === 'en' && site.siteNameEn ? site.siteNameEn : site.siteName;
  const other = locale === 'en' ? 'zh-CN' : 'en';
  const current = sectionOf(ctx.url);
  const path = new URL(ctx.url, 'http://x').pathname;
  const exact = (href: string) => path === href;
  return (
    <html lang={locale === 'en' ? 'en' : 'zh-CN'}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} - ${siteName}`}</title>
        <meta name="SiteName" content={site.siteName} />
        <meta name="SiteDomain" content={site.siteDomain} />
        <meta name="SiteIDCode" content={site.siteIdCode} />
        {column && <meta name="ColumnName" content={column.name} />}
        {column && <meta name="ColumnDescription" content={column.description} />}
        {column && <meta name="ColumnKeywords" content={column.keywords} />}
        {column && <meta name="ColumnType" content={column.type} />}
        {article && <meta name="ArticleTitle" content={article.title} />}
        {article && <meta name="PubDate" content={article.pubDate} />}
        {article && <meta name="ContentSource" content={article.source} />}
        {canonical && <link rel="canonical" href={canonical} />}
        {alternates?.map((a) => <link key={a.href} rel="alternate" type={a.type} href={a.href} title={a.title} />)}
        <link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/css/site.css" />
        <script src="/static/js/a11y-init.js"></script>
        <script src="/static/js/a11y.js" defer></script>
      </head>
      <body class={`area-${area}`}>
        <div class="page" id="page">
          <a class="skip-link" href="#main">
            {t('nav.skip')}
          </a>
          <header class="site-header">
            <div class="top-bar">
              <div class="wrap top-bar-row">
                <a class="lang-switch" href={langHref(ctx.url, other)} lang={other === 'en' ? 'en' : 'zh-CN'} hrefLang={other}>
                  {t('lang.switch')}
                </a>
                <A11yLauncher ctx={ctx} />
              </div>
            </div>
            <A11yToolbar ctx={ctx} />
            {ctx.demo && (
              <div class="demo-banner" role="note">
                <p class="wrap">
                  <strong>{t('demo.notice')}</strong> <span>{t('demo.noticeLong')}</span>
                </p>
              </div>
            )}
            <div class="wrap header-row">
              <a class="site-title" href="/">
                <span class="site-mark" aria-hidden="true"></span>
                <span class="site-name">{siteName}</span>
              </a>
              <form class="site-search" role="search" action="/search" method="get" aria-label={t('search.label')}>
                <label for="site-search-q" class="visually-hidden">
                  {t('search.label')}
                </label>
                <input id="site-search-q" type="search" name="q" placeholder={t('search.placeholder')} maxLength={200} />
                <button type="submit">{t('search.submit')}</button>
              </form>
            </div>
            <nav class="main-nav" aria-label={t('nav.main')}>
              <ul class="wrap">
                {area === 'admin' ? (
                  <AdminNav ctx={ctx} />
                ) : (
                  <>
                    <NavItem href="/" label={t('nav.home')} section="home" current={current} exact={exact('/')} />
                    <NavItem href="/zwgk" label={t('nav.disclosure')} section="disclosure" current={current} exact={exact('/zwgk')} />
                    <NavItem href="/agencies" label={t('nav.agencies')} section="agencies" current={current} exact={exact('/agencies')} />
                    <NavItem href="/zwgk/apply" label={t('nav.apply')} section="apply" current={current} exact={exact('/zwgk/apply')} />
                  </>
                )}
              </ul>
            </nav>
          </header>
          {crumbs && crumbs.length > 0 && (
            <nav class="wrap breadcrumbs" aria-label={t('nav.breadcrumbs')}>
              <ol>
                {crumbs.map((c, i) => (
                  <li key={i}>{c.href && i < crumbs.length - 1 ? <a href={c.href}>{c.label}</a> : <span aria-current={i === crumbs.length - 1 ? 'page' : undefined}>{c.label}</span>}</li>
                ))}
              </ol>
            </nav>
          )}
          <main id="main" class="wrap" tabIndex={-1}>
            {children}
          </main>
          <SiteFooter ctx={ctx} />
        </div>
      </body>
    </html>
  );
}

function AdminNav({ ctx }: { ctx: RequestContext }) {
  const { t, principal } = ctx;
  if (!principal) return <li><a href="/">{t('nav.home')}</a></li>;
  // Links by role; the routes enforce the same rules on the server.
  const admin = isAdmin(principal);
  const supervises = admin || principal.grants.some((g) => g.role === 'authority' || g.role === 'inspector');
  const publishes = admin || principal.grants.some((g) => g.role === 'editor' || g.role === 'approver' || g.role === 'authority');
  const handlesApplications = admin || principal.grants.some((g) => g.role === 'handler' || g.role === 'approver' || g.role === 'authority' || g.role === 'inspector');
  return (
    <>
      <li><a href="/admin">{t('admin.nav.dashboard')}</a></li>
      {publishes && <li><a href="/admin/publications">{t('catalogAdmin.nav')}</a></li>}
      {handlesApplications && <li><a href="/admin/applications">{t('applicationsAdmin.nav')}</a></li>}
      {(publishes || supervises) && <li><a href="/admin/reports">{t('reports.list.title')}</a></li>}
      <li><a href="/admin/oversight">{t('oversight.nav.dashboard')}</a></li>
      {supervises && <li><a href="/admin/monitor">{t('oversight.nav.monitor')}</a></li>}
      <li><a href="/admin/monitor/rectifications">{t('oversight.nav.rectifications')}</a></li>
      <li><a href="/admin/agencies">{t('admin.nav.agencies')}</a></li>
      {admin && <li><a href="/admin/users">{t('admin.nav.users')}</a></li>}
      {supervises && <li><a href="/admin/audit">{t('admin.nav.audit')}</a></li>}
      <li><a href="/admin/calendar">{t('admin.nav.calendar')}</a></li>
      {admin && <li><a href="/admin/site">{t('admin.nav.site')}</a></li>}
      <li><a href="/admin/account">{t('admin.account.title')}</a></li>
      <li><a href="/">{t('admin.nav.portal')}</a></li>
      <li>
        <form method="post" action="/admin/sign-out" class="inline-form">
          <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
          <button type="submit" class="link-button">{t('admin.signOut', { name: principal.displayName })}</button>
        </form>
      </li>
    </>
  );
}
