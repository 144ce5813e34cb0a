/** Staff log an application that came by post, letter, fax, e-mail or in person; the code and password are shown once. */
import type { RequestContext } from '../../../../http/context.ts';
import { ErrorSummary, CsrfField, type FormErrors } from '../../../../http/views/forms.tsx';
import { Layout } from '../../../../http/views/Layout.tsx';
import type { Agency } from '../../../agencies/index.ts';
import { DESCRIPTION_MAX } from '../../applications.schemas.ts';
import { channelsNeedingConfirmation } from '../../case-state.ts';
import { applicantTypes, channels, deliveries, idTypes, provisionForms } from '../../types.ts';
import { Area, basePath, casePath, crumbs, fid, Input, Select } from './kit.tsx';

/** Every field of the form, by its name (the same names the service's issues use). */
export const registerFields = [
  'agency', 'channel', 'on', 'ref',
  'applicant.type', 'applicant.name', 'applicant.idType', 'applicant.idNumber', 'applicant.creditCode', 'applicant.legalRepresentative',
  'applicant.contactPerson', 'applicant.phone', 'applicant.email', 'applicant.address', 'applicant.postcode',
  'description', 'form', 'delivery',
] as const;
export type RegisterValues = Record<(typeof registerFields)[number], string>;

export const staffChannels = channels.filter((c) => c !== 'online');

export function emptyRegisterValues(agency: string, today: string): RegisterValues {
  const v = Object.fromEntries(registerFields.map((f) => [f, ''])) as RegisterValues;
  return { ...v, agency, channel: 'post', on: today, 'applicant.type': 'natural', 'applicant.idType': 'residentId', form: 'paper', delivery: 'post' };
}

const F = 'reg';

export function RegisterPage({ ctx, agencies, values, errors }: { ctx: RequestContext; agencies: Agency[]; values: RegisterValues; errors: FormErrors }) {
  const { t } = ctx;
  const title = t('applicationsAdmin.register.title');
  const e = (f: string) => errors[f];
  const label = (f: string) => t(`applicationsAdmin.field.${f}`);
  const labels = Object.fromEntries(registerFields.map((f) => [f, label(f)]));
  // ErrorSummary links to #f-<field>; our ids carry the form prefix, so the summary gets prefixed names.
  const summaryErrors = Object.fromEntries(Object.entries(errors).map(([k, v]) => [`${F}-${k}`, v]));
  const summaryLabels = Object.fromEntries(Object.entries(labels).map(([k, v]) => [`${F}-${k}`, v]));
  const opts = (prefix: string, list: readonly string[]) => list.map((x) => ({ value: x, label: t(`${prefix}.${x}`) }));
  const v = values;
  return (
    <Layout ctx={ctx} title={title} area="admin" crumbs={crumbs(ctx, { label: title })}>
      <h1>{title}</h1>
      <p class="lead">{t('applicationsAdmin.register.intro')}</p>
      <ErrorSummary ctx={ctx} errors={summaryErrors} labels={summaryLabels} />
      <form method="post" action={`${basePath}/new`} novalidate>
        <CsrfField ctx={ctx} />
        <fieldset>
          <legend>{t('applicationsAdmin.register.receipt')}</legend>
          <Select form={F} name="agency" label={label('agency')} value={v.agency} error={e('agency')} required options={agencies.map((a) => ({ value: a.code, label: a.name }))} />
          <Select form={F} name="channel" label={label('channel')} value={v.channel} error={e('channel')} required hint={t('applicationsAdmin.register.channelHint', { channels: staffChannels.filter((c) => channelsNeedingConfirmation.has(c)).map((c) => t(`applications.channel.${c}`)).join('、') })} options={opts('applications.channel', staffChannels)} />
          <Input form={F} name="on" type="date" label={label('on')} value={v.on} error={e('on')} required hint={t('applicationsAdmin.register.onHint')} />
          <Input form={F} name="ref" label={label('ref')} value={v.ref} error={e('ref')} maxLength={80} hint={t('applicationsAdmin.register.refHint')} />
        </fieldset>
        <fieldset>
          <legend>{t('applicationsAdmin.register.applicant')}</legend>
          <Select form={F} name="applicant.type" label={label('applicant.type')} value={v['applicant.type']} error={e('applicant.type')} required options={opts('applications.applicantType', applicantTypes)} />
          <Input form={F} name="applicant.name" label={label('applicant.name')} value={v['applicant.name']} error={e('applicant.name')} required maxLength={100} hint={t('applicationsAdmin.register.nameHint')} />
          <Select form={F} name="applicant.idType" label={label('applicant.idType')} value={v['applicant.idType']} error={e('applicant.idType')} hint={t('applicationsAdmin.register.naturalOnly')} options={[{ value: '', label: t('applicationsAdmin.none') }, ...opts('applications.idType', idTypes)]} />
          <Input form={F} name="applicant.idNumber" label={label('applicant.idNumber')} value={v['applicant.idNumber']} error={e('applicant.idNumber')} maxLength={40} hint={t('applicationsAdmin.register.naturalOnly')} />
          <Input form={F} name="applicant.creditCode" label={label('applicant.creditCode')} value={v['applicant.creditCode']} error={e('applicant.creditCode')} maxLength={18} hint={t('applicationsAdmin.register.orgOnly')} />
          <Input form={F} name="applicant.legalRepresentative" label={label('applicant.legalRepresentative')} value={v['applicant.legalRepresentative']} error={e('applicant.legalRepresentative')} maxLength={100} hint={t('applicationsAdmin.register.orgOnly')} />
          <Input form={F} name="applicant.contactPerson" label={label('applicant.contactPerson')} value={v['applicant.contactPerson']} error={e('applicant.contactPerson')} maxLength={100} hint={t('applicationsAdmin.register.orgOnly')} />
          <Input form={F} name="applicant.phone" type="tel" label={label('applicant.phone')} value={v['applicant.phone']} error={e('applicant.phone')} maxLength={30} hint={t('applicationsAdmin.register.contactHint')} />
          <Input form={F} name="applicant.email" type="email" label={label('applicant.email')} value={v['applicant.email']} error={e('applicant.email')} maxLength={200} />
          <Input form={F} name="applicant.address" label={label('applicant.address')} value={v['applicant.address']} error={e('applicant.address')} maxLength={300} />
          <Input form={F} name="applicant.postcode" label={label('applicant.postcode')} value={v['applicant.postcode']} error={e('applicant.postcode')} maxLength={6} />
        </fieldset>
        <fieldset>
          <legend>{t('applicationsAdmin.register.request')}</legend>
          <Area form={F} name="description" label={label('description')} value={v.description} error={e('description')} required rows={6} hint={t('applicationsAdmin.register.descriptionHint', { max: DESCRIPTION_MAX })} />
          <Select form={F} name="form" label={label('form')} value={v.form} error={e('form')} required options={opts('applications.form', provisionForms)} />
          <Select form={F} name="delivery" label={label('delivery')} value={v.delivery} error={e('delivery')} required options={opts('applications.delivery', deliveries)} />
        </fieldset>
        <div class="form-actions">
          <button type="submit" class="button primary">
            {t('applicationsAdmin.register.submit')}
          </button>{' '}
          <a href={basePath}>{t('applicationsAdmin.cancel')}</a>
        </div>
      </form>
    </Layout>
  );
}

/** After registering: the tracking code and query password, shown this once (the acknowledgement tells the applicant). */
export function RegisteredPage({ ctx, id, trackingCode, password, agency }: { ctx: RequestContext; id: string; trackingCode: string; password: string; agency: string }) {
  const { t } = ctx;
  const title = t('applicationsAdmin.registered.title');
  return (
    <Layout ctx={ctx} title={title} area="admin" crumbs={crumbs(ctx, { label: title })}>
      <h1>{title}</h1>
      <div class="status-message" role="status">
        <p>{t('applicationsAdmin.registered.lead', { agency })}</p>
      </div>
      <dl class="details-list">
        <div>
          <dt>{t('applicationsAdmin.col.tracking')}</dt>
          <dd>
            <strong id={fid(F, 'tracking')}>{trackingCode}</strong>
          </dd>
        </div>
        <div>
          <dt>{t('applicationsAdmin.registered.password')}</dt>
          <dd>
            <strong>{password}</strong>
          </dd>
        </div>
      </dl>
      <div class="warning-box">
        <p>{t('applicationsAdmin.registered.once')}</p>
      </div>
      <p>
        <a class="button primary" href={casePath(id)}>
          {t('applicationsAdmin.registered.open')}
        </a>{' '}
        <a href={`${basePath}/new`}>{t('applicationsAdmin.registered.another')}</a>
      </p>
    </Layout>
  );
}
