import type { RequestContext } from '../../../http/context.ts';
import { Layout, type Crumb } from '../../../http/views/Layout.tsx';
import { CsrfField, ErrorSummary, FormActions, SelectField, TextField, type FormErrors } from '../../../http/views/forms.tsx';
import { ProblemMessage, StatusMessage } from '../../../http/views/AdminKit.tsx';
import { agencyKinds, type Agency, type AgencyTree } from '../agency-tree.ts';
import { agencyOptions, allAgencyFields, contactFields, detailFields, identityFields, type AgencyField, type AgencyValues } from './agency-fields.ts';

/** How much of an agency the viewer may change. */
export type AgencyAccess = 'full' | 'details' | 'readonly';

function labels(ctx: RequestContext): Record<AgencyField, string> {
  const out = {} as Record<AgencyField, string>;
  for (const f of allAgencyFields) out[f] = ctx.t(`admin.agency.field.${f}`);
  return out;
}

const hints: Partial<Record<AgencyField, string>> = {
  code: 'admin.agency.hint.code',
  creditCode: 'admin.agency.hint.creditCode',
  indexPrefix: 'admin.agency.hint.indexPrefix',
  indexPattern: 'admin.agency.hint.indexPattern',
  sortOrder: 'admin.agency.hint.sortOrder',
  officeHours: 'admin.agency.hint.officeHours',
  website: 'admin.agency.hint.website',
};

const maxLengths: Partial<Record<AgencyField, number>> = {
  code: 64,
  name: 100,
  nameEn: 200,
  shortName: 50,
  creditCode: 18,
  indexPrefix: 40,
  indexPattern: 80,
  officeName: 100,
  address: 200,
  postcode: 6,
  officeHours: 200,
  phone: 50,
  fax: 50,
  email: 100,
  website: 200,
};

function Field({ ctx, f, values, errors, tree, self }: { ctx: RequestContext; f: AgencyField; values: AgencyValues; errors: FormErrors; tree: AgencyTree; self?: Agency }) {
  const { t } = ctx;
  const label = t(`admin.agency.field.${f}`);
  const hint = hints[f] ? t(hints[f]!) : undefined;
  if (f === 'parent') {
    // An agency cannot be put under itself or anything below it.
    const below = self ? new Set(tree.subtree(self.id).map((a) => a.id)) : new Set<string>();
    const options = [{ value: '', label: t('admin.agency.noParent') }, ...agencyOptions(tree, (a) => !below.has(a.id))];
    return <SelectField name="parent" label={label} value={values.parent} error={errors.parent} hint={t('admin.agency.hint.parent')} options={options} />;
  }
  if (f === 'kind') {
    return <SelectField name="kind" label={label} value={values.kind} error={errors.kind} required options={agencyKinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />;
  }
  const type = f === 'email' ? 'email' : f === 'website' ? 'url' : f === 'phone' || f === 'fax' ? 'tel' : 'text';
  const inputMode = f === 'sortOrder' || f === 'postcode' ? 'numeric' : undefined;
  return <TextField name={f} label={label} value={values[f]} error={errors[f]} hint={hint} required={f === 'code' || f === 'name'} type={type} maxLength={maxLengths[f]} inputMode={inputMode} />;
}

function readOnlyValue(ctx: RequestContext, f: AgencyField, values: AgencyValues, tree: AgencyTree): string {
  if (f === 'kind') return ctx.t(`kind.${values.kind}`);
  if (f === 'parent') return values.parent ? tree.byCode.get(values.parent)?.name ?? values.parent : ctx.t('admin.agency.noParent');
  return values[f] || ctx.t('admin.none');
}

function ReadOnlyList({ ctx, fields, values, tree }: { ctx: RequestContext; fields: readonly AgencyField[]; values: AgencyValues; tree: AgencyTree }) {
  return (
    <dl class="details-list">
      {fields.map((f) => (
        <div key={f} class="details-row">
          <dt>{ctx.t(`admin.agency.field.${f}`)}</dt>
          <dd>{readOnlyValue(ctx, f, values, tree)}</dd>
        </div>
      ))}
    </dl>
  );
}

function FieldGroups({ ctx, editable, values, errors, tree, self }: { ctx: RequestContext; editable: readonly AgencyField[]; values: AgencyValues; errors: FormErrors; tree: AgencyTree; self?: Agency }) {
  const { t } = ctx;
  const ident = identityFields.filter((f) => editable.includes(f));
  const contact = contactFields.filter((f) => editable.includes(f));
  return (
    <>
      {ident.length > 0 && (
        <fieldset>
          <legend>{t('admin.agency.group.identity')}</legend>
          {ident.map((f) => (
            <Field key={f} ctx={ctx} f={f} values={values} errors={errors} tree={tree} self={self} />
          ))}
        </fieldset>
      )}
      {contact.length > 0 && (
        <fieldset>
          <legend>{t('admin.agency.group.contacts')}</legend>
          <p class="hint">{t('admin.agency.hint.contacts')}</p>
          {contact.map((f) => (
            <Field key={f} ctx={ctx} f={f} values={values} errors={errors} tree={tree} self={self} />
          ))}
        </fieldset>
      )}
    </>
  );
}

const baseCrumbs = (ctx: RequestContext): Crumb[] => [
  { href: '/admin', label: ctx.t('admin.nav.dashboard') },
  { href: '/admin/agencies', label: ctx.t('admin.agencies.title') },
];

export function AgencyNewPage({ ctx, tree, values, errors, problem }: { ctx: RequestContext; tree: AgencyTree; values: AgencyValues; errors: FormErrors; problem?: string }) {
  const { t } = ctx;
  const title = t('admin.agencies.new');
  return (
    <Layout ctx={ctx} title={title} area="admin" crumbs={[...baseCrumbs(ctx), { label: title }]}>
      <h1>{title}</h1>
      <ProblemMessage message={problem} />
      <ErrorSummary ctx={ctx} errors={errors} labels={labels(ctx)} />
      <form method="post" action="/admin/agencies/new" class="form" novalidate>
        <CsrfField ctx={ctx} />
        <FieldGroups ctx={ctx} editable={allAgencyFields} values={values} errors={errors} tree={tree} />
        <FormActions>
          <button type="submit" class="button primary">
            {t('admin.agencies.create')}
          </button>
          <a href="/admin/agencies">{t('admin.cancel')}</a>
        </FormActions>
      </form>
    </Layout>
  );
}

export function AgencyDetailPage(props: {
  ctx: RequestContext;
  tree: AgencyTree;
  agency: Agency;
  access: AgencyAccess;
  isAdmin: boolean;
  values: AgencyValues;
  errors: FormErrors;
  visibleChildren: Agency[];
  done?: string;
  problem?: string;
}) {
  const { ctx, tree, agency, access, isAdmin, values, errors, visibleChildren, done, problem } = props;
  const { t } = ctx;
  const editable: readonly AgencyField[] = access === 'full' ? allAgencyFields : access === 'details' ? detailFields : [];
  const fixed = allAgencyFields.filter((f) => !editable.includes(f));
  const path = tree.path(agency.id);
  const action = `/admin/agencies/${encodeURIComponent(agency.code)}`;
  return (
    <Layout ctx={ctx} title={agency.name} area="admin" crumbs={[...baseCrumbs(ctx), { label: agency.name }]}>
      <h1>{agency.name}</h1>
      <StatusMessage ctx={ctx} done={done} />
      <ProblemMessage message={problem} />
      <p class="muted">
        {t('admin.agency.path')}
        {path.map((a, i) => (
          <span key={a.id}>
            {i > 0 && ' › '}
            {a.id === agency.id ? a.name : <a href={`/admin/agencies/${encodeURIComponent(a.code)}`}>{a.name}</a>}
          </span>
        ))}
      </p>
      {agency.disabled && (
        <p class="notice">
          <strong>{t('admin.agency.disabledNotice')}</strong>
        </p>
      )}
      {access === 'readonly' && <p class="hint">{t('admin.agency.readOnlyHint')}</p>}
      {access === 'details' && <p class="hint">{t('admin.agency.detailsOnlyHint')}</p>}

      {fixed.length > 0 && (
        <section aria-labelledby="agency-fixed">
          <h2 id="agency-fixed">{access === 'readonly' ? t('admin.agency.info') : t('admin.agency.fixedInfo')}</h2>
          <ReadOnlyList ctx={ctx} fields={fixed} values={values} tree={tree} />
        </section>
      )}

      {editable.length > 0 && (
        <section aria-labelledby="agency-edit">
          <h2 id="agency-edit">{t('admin.agency.edit')}</h2>
          <ErrorSummary ctx={ctx} errors={errors} labels={labels(ctx)} />
          <form method="post" action={action} class="form" novalidate>
            <CsrfField ctx={ctx} />
            <FieldGroups ctx={ctx} editable={editable} values={values} errors={errors} tree={tree} self={agency} />
            <FormActions>
              <button type="submit" class="button primary">
                {t('admin.save')}
              </button>
              <a href="/admin/agencies">{t('admin.cancel')}</a>
            </FormActions>
          </form>
        </section>
      )}

      <section aria-labelledby="agency-children">
        <h2 id="agency-children">{t('admin.agency.children')}</h2>
        {visibleChildren.length ? (
          <ul>
            {visibleChildren.map((c) => (
              <li key={c.id}>
                <a href={`/admin/agencies/${encodeURIComponent(c.code)}`}>{c.name}</a> <span class="muted">（{t(`kind.${c.kind}`)}{c.disabled ? `，${t('admin.state.disabled')}` : ''}）</span>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('admin.agency.noChildren')}</p>
        )}
        {isAdmin && (
          <p>
            <a class="button" href={`/admin/agencies/new?parent=${encodeURIComponent(agency.code)}`}>
              {t('admin.agency.addChild')}
            </a>
          </p>
        )}
      </section>

      {isAdmin && (
        <section aria-labelledby="agency-state">
          <h2 id="agency-state">{t('admin.agency.state')}</h2>
          <p>{agency.disabled ? t('admin.agency.stateDisabled') : t('admin.agency.stateActive')}</p>
          <form method="post" action={`${action}/${agency.disabled ? 'enable' : 'disable'}`} class="inline-form">
            <CsrfField ctx={ctx} />
            <button type="submit" class="button">
              {agency.disabled ? t('admin.agency.enable') : t('admin.agency.disable')}
            </button>
          </form>
        </section>
      )}
    </Layout>
  );
}
