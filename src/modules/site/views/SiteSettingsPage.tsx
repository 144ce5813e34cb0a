import type { RequestContext } from '../../../http/context.ts';
import { Layout } from '../../../http/views/Layout.tsx';
import { CsrfField, ErrorSummary, FormActions, SelectField, TextField, type FormErrors } from '../../../http/views/forms.tsx';
import { CheckboxField, StatusMessage } from '../../../http/views/AdminKit.tsx';
import type { AgencyTree } from '../../agencies/index.ts';

export const siteTextFields = [
  'siteName',
  'siteNameEn',
  'siteDomain',
  'siteIdCode',
  'organiser',
  'organiserEn',
  'contactPhone',
  'contactEmail',
  'contactAddress',
  'icp',
  'icpUrl',
  'policeRecord',
  'policeRecordUrl',
  'errorReportUrl',
  'homeAgency',
] as const;
export type SiteTextField = (typeof siteTextFields)[number];
export type SiteValues = Record<SiteTextField, string> & { showPartyGovMark: boolean };

const groups: { legend: string; fields: SiteTextField[] }[] = [
  { legend: 'admin.site.group.identity', fields: ['siteName', 'siteNameEn', 'siteDomain', 'siteIdCode', 'homeAgency'] },
  { legend: 'admin.site.group.organiser', fields: ['organiser', 'organiserEn', 'contactPhone', 'contactEmail', 'contactAddress'] },
  { legend: 'admin.site.group.records', fields: ['icp', 'icpUrl', 'policeRecord', 'policeRecordUrl', 'errorReportUrl'] },
];

const maxLengths: Record<SiteTextField, number> = {
  siteName: 100,
  siteNameEn: 200,
  siteDomain: 200,
  siteIdCode: 20,
  organiser: 100,
  organiserEn: 200,
  contactPhone: 50,
  contactEmail: 100,
  contactAddress: 200,
  icp: 60,
  icpUrl: 200,
  policeRecord: 60,
  policeRecordUrl: 300,
  errorReportUrl: 300,
  homeAgency: 64,
};

const hinted = new Set<SiteTextField>(['siteDomain', 'siteIdCode', 'homeAgency', 'icp', 'icpUrl', 'policeRecord', 'policeRecordUrl', 'errorReportUrl']);

export function SiteSettingsPage({ ctx, tree, values, errors, done }: { ctx: RequestContext; tree: AgencyTree; values: SiteValues; errors: FormErrors; done?: string }) {
  const { t } = ctx;
  const title = t('admin.site.title');
  const labels = Object.fromEntries(siteTextFields.map((f) => [f, t(`admin.site.field.${f}`)]));
  const agencyOptions = [
    { value: '', label: t('admin.site.noHomeAgency') },
    ...tree
      .flatten()
      .filter(({ agency }) => agency.kind === 'government' || agency.code === values.homeAgency)
      .map(({ agency, depth }) => ({ value: agency.code, label: `${'\u3000'.repeat(depth)}${agency.name}（${agency.code}）` })),
  ];
  return (
    <Layout ctx={ctx} title={title} area="admin" crumbs={[{ href: '/admin', label: t('admin.nav.dashboard') }, { label: title }]}>
      <h1>{title}</h1>
      <StatusMessage ctx={ctx} done={done} />
      <p>{t('admin.site.intro')}</p>
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <form method="post" action="/admin/site" class="form" novalidate>
        <CsrfField ctx={ctx} />
        {groups.map((g) => (
          <fieldset key={g.legend}>
            <legend>{t(g.legend)}</legend>
            {g.fields.map((f) =>
              f === 'homeAgency' ? (
                <SelectField key={f} name={f} label={labels[f]} value={values[f]} error={errors[f]} hint={t('admin.site.hint.homeAgency')} options={agencyOptions} />
              ) : (
                <TextField
                  key={f}
                  name={f}
                  label={labels[f]}
                  value={values[f]}
                  error={errors[f]}
                  hint={hinted.has(f) ? t(`admin.site.hint.${f}`) : undefined}
                  required={f === 'siteName'}
                  maxLength={maxLengths[f]}
                  type={f.endsWith('Url') ? 'url' : f === 'contactEmail' ? 'email' : f === 'contactPhone' ? 'tel' : 'text'}
                />
              ),
            )}
            {g.legend === 'admin.site.group.records' && (
              <>
                <input type="hidden" name="showPartyGovMark" value="0" />
                <CheckboxField name="showPartyGovMark" label={t('admin.site.field.showPartyGovMark')} checked={values.showPartyGovMark} hint={t('admin.site.hint.showPartyGovMark')} />
              </>
            )}
          </fieldset>
        ))}
        <FormActions>
          <button type="submit" class="button primary">
            {t('admin.save')}
          </button>
        </FormActions>
      </form>
    </Layout>
  );
}
