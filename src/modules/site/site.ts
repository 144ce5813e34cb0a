import { z } from 'zod';

/**
 * Site identity: the meta tags and footer identifiers of 国办发〔2017〕47号, configurable per deployment
 * by administrators. Stored in the settings table under `site.*`.
 */
export const siteSettingsSchema = z.object({
  siteName: z.string().trim().min(1, { message: 'validation.required' }).max(100, { message: 'validation.tooLong' }),
  siteNameEn: z.string().trim().max(200, { message: 'validation.tooLong' }).default(''),
  siteDomain: z.string().trim().max(200, { message: 'validation.tooLong' }).default(''),
  siteIdCode: z.string().trim().max(20, { message: 'validation.tooLong' }).default(''), // 网站标识码
  organiser: z.string().trim().max(100, { message: 'validation.tooLong' }).default(''), // 主办单位
  organiserEn: z.string().trim().max(200, { message: 'validation.tooLong' }).default(''),
  contactPhone: z.string().trim().max(50, { message: 'validation.tooLong' }).default(''),
  contactEmail: z.string().trim().max(100, { message: 'validation.tooLong' }).default(''),
  contactAddress: z.string().trim().max(200, { message: 'validation.tooLong' }).default(''),
  icp: z.string().trim().max(60, { message: 'validation.tooLong' }).default(''), // ICP备案号
  icpUrl: z.string().trim().max(200, { message: 'validation.tooLong' }).default('https://beian.miit.gov.cn/'),
  policeRecord: z.string().trim().max(60, { message: 'validation.tooLong' }).default(''), // 公安机关备案号
  policeRecordUrl: z.string().trim().max(300, { message: 'validation.tooLong' }).default(''),
  errorReportUrl: z.string().trim().max(300, { message: 'validation.tooLong' }).default(''), // 我为政府网站找错
  showPartyGovMark: z.boolean().default(true), // 党政机关网站标识
  homeAgency: z.string().trim().max(64, { message: 'validation.tooLong' }).default(''), // code of the government the portal belongs to
});
export type SiteSettings = z.output<typeof siteSettingsSchema>;

export const defaultSiteSettings: SiteSettings = siteSettingsSchema.parse({ siteName: '政府信息公开平台' });
