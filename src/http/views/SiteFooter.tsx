import type { RequestContext } from '../context.ts';
import { renderedOnce } from '../render.ts';

/**
 * The footer of 国办发〔2017〕47号: organiser (主办单位) and contacts, 网站标识码, ICP 备案号 (linked to
 * the MIIT record), 公安机关备案号, the Party-and-government-site mark and the 我为政府网站找错 link —
 * all from the site settings; an empty setting is simply left out.
 */
export function SiteFooter({ ctx }: { ctx: RequestContext }) {
  // Rendered once per settings object and language (one translator per language: i18n `translator`): the
  // settings service hands out a new object whenever they change (site.service.ts), so a change shows on the next page.
  return renderedOnce(ctx.site, `footer ${ctx.locale}`, () => <FooterMarkup ctx={ctx} />);
}

function FooterMarkup({ ctx }: { ctx: RequestContext }) {
  const { t, site, locale } = ctx;
  const organiser = locale === 'en' && site.organiserEn ? site.organiserEn : site.organiser;
  const contacts: [string, string, string | undefined][] = [];
  if (site.contactPhone) contacts.push(['phone', site.contactPhone, undefined]);
  if (site.contactEmail) contacts.push(['email', site.contactEmail, `mailto:${site.contactEmail}`]);
  if (site.contactAddress) contacts.push(['address', site.contactAddress, undefined]);
  const ids = !!(site.siteIdCode || site.icp || site.policeRecord);
  return (
    <footer class="site-footer">
      <div class="wrap footer-grid">
        <div class="footer-info">
          <ul class="footer-links">
            <li><a href="/zwgk">{t('nav.disclosure')}</a></li>
            <li><a href="/zwgk/apply">{t('nav.apply')}</a></li>
            <li><a href="/agencies">{t('nav.agencies')}</a></li>
            <li><a href="/help/accessibility">{t('portal.footer.a11yHelp')}</a></li>
            <li><a href="/api">{t('portal.footer.api')}</a></li>
            <li><a href="/api#feeds">{t('portal.footer.feeds')}</a></li>
          </ul>
          {organiser && (
            <p class="footer-organiser">
              {t('portal.footer.organiser')}
              {organiser}
            </p>
          )}
          {contacts.length > 0 && (
            <p class="footer-contacts">
              {contacts.map(([k, v, href]) => (
                <span key={k} class="footer-item">
                  {t(`portal.footer.${k}`)}
                  {href ? <a href={href}>{v}</a> : v}
                </span>
              ))}
            </p>
          )}
          {ids && (
            <p class="footer-ids">
              {site.siteIdCode && (
                <span class="footer-item">
                  {t('portal.footer.siteIdCode')}
                  {site.siteIdCode}
                </span>
              )}
              {site.icp && (
                <span class="footer-item">
                  {site.icpUrl ? (
                    <a href={site.icpUrl} rel="noopener">
                      {site.icp}
                    </a>
                  ) : (
                    site.icp
                  )}
                </span>
              )}
              {site.policeRecord && (
                <span class="footer-item">
                  {site.policeRecordUrl ? (
                    <a href={site.policeRecordUrl} rel="noopener">
                      {site.policeRecord}
                    </a>
                  ) : (
                    site.policeRecord
                  )}
                </span>
              )}
            </p>
          )}
        </div>
        {(site.showPartyGovMark || site.errorReportUrl) && (
          <div class="footer-marks">
            {site.showPartyGovMark && <img class="party-gov-mark" src="/static/img/party-gov-mark.svg" width={110} height={55} alt={t('portal.footer.partyGovMark')} />}
            {site.errorReportUrl && (
              <a class="error-report-link" href={site.errorReportUrl} rel="noopener">
                {t('portal.footer.errorReport')}
              </a>
            )}
          </div>
        )}
      </div>
    </footer>
  );
}
