import type { ComponentChildren } from 'preact';
import type { RequestContext } from '../context.ts';
import { A11yToolbar } from './A11yToolbar.tsx';
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
  children: ComponentChildren;
}

/** Switches ?lang= in the current URL (keeps the rest of the query). */
export function langHref(url: string, lang: string): string {
  const u = new URL(url, 'http://x');
  u.searchParams.set('lang', lang);
  return `${u.pathname}${u.search}`;
}

export function Layout({ ctx, title, column, article, area = 'portal', crumbs, children }: LayoutProps) {
  const { t, site, locale } = ctx;
  const siteName = locale === 'en' && site.siteNameEn ? site.siteNameEn : site.siteName;
  const other = locale === 'en' ? 'zh-CN' : 'en';
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
        <link rel="stylesheet" href="/static/css/site.css" />
        <script src="/static/js/a11y-init.js"></script>
        <script src="/static/js/a11y.js" defer></script>
      </head>
      <body class={`area-${area}`}>
        <a class="skip-link" href="#main">{t('nav.skip')}</a>
        <A11yToolbar ctx={ctx} />
        {ctx.demo && (
          <div class="demo-banner" role="note">
            <strong>{t('demo.notice')}</strong> <span>{t('demo.noticeLong')}</span>
          </div>
        )}
        <header class="site-header">
          <div class="wrap header-row">
            <a class="site-title" href="/">
              {siteName}
            </a>
            <div class="header-tools">
              <form class="site-search" role="search" action="/search" method="get">
                <label for="site-search-q" class="visually-hidden">
                  {t('search.label')}
                </label>
                <input id="site-search-q" type="search" name="q" placeholder={t('search.placeholder')} />
                <button type="submit">{t('search.submit')}</button>
              </form>
              <a class="lang-switch" href={langHref(ctx.url, other)} lang={other === 'en' ? 'en' : 'zh-CN'} hrefLang={other}>
                {t('lang.switch')}
              </a>
            </div>
          </div>
          <nav class="main-nav" aria-label={t('nav.main')}>
            <ul class="wrap">
              {area === 'admin' ? (
                <AdminNav ctx={ctx} />
              ) : (
                <>
                  <li><a href="/">{t('nav.home')}</a></li>
                  <li><a href="/zwgk">{t('nav.disclosure')}</a></li>
                  <li><a href="/agencies">{t('nav.agencies')}</a></li>
                  <li><a href="/zwgk/apply">{t('nav.apply')}</a></li>
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
      </body>
    </html>
  );
}

function AdminNav({ ctx }: { ctx: RequestContext }) {
  const { t, principal } = ctx;
  if (!principal) return <li><a href="/">{t('nav.home')}</a></li>;
  return (
    <>
      <li><a href="/admin">{t('admin.nav.dashboard')}</a></li>
      <li><a href="/admin/agencies">{t('admin.nav.agencies')}</a></li>
      <li><a href="/admin/users">{t('admin.nav.users')}</a></li>
      <li><a href="/admin/audit">{t('admin.nav.audit')}</a></li>
      <li><a href="/admin/calendar">{t('admin.nav.calendar')}</a></li>
      <li><a href="/admin/site">{t('admin.nav.site')}</a></li>
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
