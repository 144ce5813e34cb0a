/**
 * The registration form of a website (the office's): agency, name, homepage; the watched columns, interaction
 * columns and service-guide pages as repeated rows (the existing ones plus blank rows: blank rows are ignored, "save
 * and add more rows" brings more, no JavaScript needed); robots.txt and the crawl's bounds. Errors stand next to
 * their field (columns.2.url …) and everything typed comes back.
 */
import type { RequestContext } from '../../../http/context.ts';
import { CheckboxField, ProblemMessage } from '../../../http/views/AdminKit.tsx';
import { CsrfField, ErrorSummary, FormActions, SelectField, TextField, type FormErrors } from '../../../http/views/forms.tsx';
import { Layout } from '../../../http/views/Layout.tsx';
import type { Agency } from '../../agencies/index.ts';
import { columnKinds, defaultCrawlBounds, type DateSource, type SiteConfig } from '../monitor-types.ts';
import type { Site } from '../monitor.service.ts';
import { monitorCrumbs, paths } from './MonitorKit.tsx';
import { Done } from './MonitorPages.tsx';

/** How a date is found, as one select: the page's metadata, a selector (in the list item or on the item page), a pattern. */
export const dateTypes = ['meta', 'selector', 'selectorItemPage', 'pattern'] as const;
export type DateType = (typeof dateTypes)[number];

export interface ColumnRow {
  name: string;
  url: string;
  kind: string;
  itemSelector: string;
  dateType: string;
  dateValue: string;
}
export interface InteractionRow {
  name: string;
  url: string;
  itemSelector: string;
  dateType: string;
  dateValue: string;
  unanswered: string;
}
export interface GuideRow {
  name: string;
  url: string;
}
/** The form as typed: strings (and two checkboxes), so that nothing is lost when it comes back with errors. */
export interface SiteForm {
  agency: string;
  name: string;
  homepage: string;
  columns: ColumnRow[];
  interaction: InteractionRow[];
  guides: GuideRow[];
  ignoreRobots: boolean;
  active: boolean;
  maxDepth: string;
  maxPages: string;
  maxExternalLinks: string;
}

export const BLANK_ROWS = 3;
const blankColumn = (): ColumnRow => ({ name: '', url: '', kind: 'news', itemSelector: '', dateType: 'pattern', dateValue: '' });
const blankInteraction = (): InteractionRow => ({ name: '', url: '', itemSelector: '', dateType: 'pattern', dateValue: '', unanswered: '' });
const blankGuide = (): GuideRow => ({ name: '', url: '' });
const withBlanks = <R,>(rows: R[], blank: () => R): R[] => [...rows, ...Array.from({ length: BLANK_ROWS }, blank)];

function dateFields(d: DateSource): { dateType: DateType; dateValue: string } {
  if (d.type === 'meta') return { dateType: 'meta', dateValue: '' };
  if (d.type === 'selector') return { dateType: d.onItemPage ? 'selectorItemPage' : 'selector', dateValue: d.selector };
  return { dateType: 'pattern', dateValue: d.pattern ?? '' };
}

/** The blank form of a new site, for an agency. */
export function emptySiteForm(agency: string): SiteForm {
  return {
    agency,
    name: '',
    homepage: '',
    columns: withBlanks([], blankColumn),
    interaction: withBlanks([], blankInteraction),
    guides: withBlanks([], blankGuide),
    ignoreRobots: false,
    active: true,
    maxDepth: String(defaultCrawlBounds.maxDepth),
    maxPages: String(defaultCrawlBounds.maxPages),
    maxExternalLinks: String(defaultCrawlBounds.maxExternalLinks),
  };
}

/** A registered site as the form shows it: its rows plus blank ones. */
export function siteFormOf(site: Site, agencyCode: string): SiteForm {
  const c: SiteConfig = site.config;
  return {
    agency: agencyCode,
    name: site.name,
    homepage: site.homepage,
    columns: withBlanks(
      c.columns.map((x) => ({ name: x.name, url: x.url, kind: x.kind, itemSelector: x.itemSelector ?? '', ...dateFields(x.date) })),
      blankColumn,
    ),
    interaction: withBlanks(
      c.interaction.map((x) => ({ name: x.name, url: x.url, itemSelector: x.itemSelector ?? '', unanswered: x.unansweredPattern ?? '', ...dateFields(x.date) })),
      blankInteraction,
    ),
    guides: withBlanks(c.guides.map((g) => ({ name: g.name, url: g.url })), blankGuide),
    ignoreRobots: c.ignoreRobots,
    active: site.active,
    maxDepth: String(c.maxDepth),
    maxPages: String(c.maxPages),
    maxExternalLinks: String(c.maxExternalLinks),
  };
}

export interface SiteFormProps {
  ctx: RequestContext;
  /** null: a new site. */
  site: Site | null;
  /** The agencies the user is the office over (a new site's select); for a registered site, its agency. */
  agencies: { agency: Agency; depth: number }[];
  agency: Agency | null;
  form: SiteForm;
  errors: FormErrors;
  problem?: string | null;
  done?: string | null;
}

export function SiteFormPage({ ctx, site, agencies, agency, form, errors, problem, done }: SiteFormProps) {
  const { t } = ctx;
  const title = site ? t('oversight.monitor.form.editTitle', { name: site.name }) : t('oversight.monitor.form.newTitle');
  const action = site ? paths.editSite(site.id) : paths.newSite();
  const crumbs = site ? monitorCrumbs(ctx, { href: paths.site(site.id), label: site.name }, { label: t('oversight.monitor.form.edit') }) : monitorCrumbs(ctx, { label: title });
  const dateOptions = dateTypes.map((d) => ({ value: d, label: t(`oversight.monitor.form.date.${d}`) }));
  return (
    <Layout ctx={ctx} title={title} area="admin" crumbs={crumbs}>
      <h1>{title}</h1>
      <p class="lead">{t('oversight.monitor.form.intro')}</p>
      <Done ctx={ctx} done={done} />
      <ProblemMessage message={problem} />
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action={action} class="form site-form" novalidate>
        <CsrfField ctx={ctx} />
        <fieldset>
          <legend>{t('oversight.monitor.form.site')}</legend>
          {site ? (
            <p>
              {t('oversight.monitor.form.agency')}：{agency?.name ?? ''}
              <input type="hidden" name="agency" value={form.agency} />
            </p>
          ) : (
            <SelectField
              name="agency"
              label={t('oversight.monitor.form.agency')}
              value={form.agency}
              error={errors.agency}
              required
              options={agencies.map(({ agency: a, depth }) => ({ value: a.code, label: `${'　'.repeat(depth)}${a.name}` }))}
            />
          )}
          <TextField name="name" label={t('oversight.monitor.form.name')} value={form.name} error={errors.name} required maxLength={100} />
          <TextField name="homepage" type="url" label={t('oversight.monitor.form.homepage')} hint={t('oversight.monitor.form.homepageHint')} value={form.homepage} error={errors.homepage} required inputMode="url" />
          {site && <CheckboxField name="active" label={t('oversight.monitor.form.active')} checked={form.active} hint={t('oversight.monitor.form.activeHint')} />}
        </fieldset>

        <fieldset>
          <legend>{t('oversight.monitor.form.columns')}</legend>
          <p class="hint">{t('oversight.monitor.form.columnsHint')}</p>
          {form.columns.map((c, i) => (
            <fieldset key={`c${i}`} class="grant-row">
              <legend>{t('oversight.monitor.form.columnN', { n: i + 1 })}</legend>
              <TextField name={`columns.${i}.name`} label={t('oversight.monitor.form.rowName')} value={c.name} error={errors[`columns.${i}.name`]} />
              <TextField name={`columns.${i}.url`} type="url" label={t('oversight.monitor.form.rowUrl')} value={c.url} error={errors[`columns.${i}.url`]} inputMode="url" />
              <SelectField name={`columns.${i}.kind`} label={t('oversight.monitor.form.kind')} value={c.kind} error={errors[`columns.${i}.kind`]} options={columnKinds.map((k) => ({ value: k, label: t(`oversight.monitor.kind.${k}`) }))} />
              <TextField name={`columns.${i}.itemSelector`} label={t('oversight.monitor.form.itemSelector')} hint={i === 0 ? t('oversight.monitor.form.itemSelectorHint') : undefined} value={c.itemSelector} error={errors[`columns.${i}.itemSelector`]} />
              <SelectField name={`columns.${i}.dateType`} label={t('oversight.monitor.form.dateType')} value={c.dateType} options={dateOptions} />
              <TextField name={`columns.${i}.dateValue`} label={t('oversight.monitor.form.dateValue')} hint={i === 0 ? t('oversight.monitor.form.dateValueHint') : undefined} value={c.dateValue} error={errors[`columns.${i}.dateValue`]} />
            </fieldset>
          ))}
        </fieldset>

        <fieldset>
          <legend>{t('oversight.monitor.form.interaction')}</legend>
          <p class="hint">{t('oversight.monitor.form.interactionHint')}</p>
          {form.interaction.map((c, i) => (
            <fieldset key={`i${i}`} class="grant-row">
              <legend>{t('oversight.monitor.form.interactionN', { n: i + 1 })}</legend>
              <TextField name={`interaction.${i}.name`} label={t('oversight.monitor.form.rowName')} value={c.name} error={errors[`interaction.${i}.name`]} />
              <TextField name={`interaction.${i}.url`} type="url" label={t('oversight.monitor.form.rowUrl')} value={c.url} error={errors[`interaction.${i}.url`]} inputMode="url" />
              <TextField name={`interaction.${i}.itemSelector`} label={t('oversight.monitor.form.messageSelector')} value={c.itemSelector} error={errors[`interaction.${i}.itemSelector`]} />
              <SelectField name={`interaction.${i}.dateType`} label={t('oversight.monitor.form.dateType')} value={c.dateType} options={dateOptions} />
              <TextField name={`interaction.${i}.dateValue`} label={t('oversight.monitor.form.dateValue')} value={c.dateValue} error={errors[`interaction.${i}.dateValue`]} />
              <TextField name={`interaction.${i}.unanswered`} label={t('oversight.monitor.form.unanswered')} hint={i === 0 ? t('oversight.monitor.form.unansweredHint') : undefined} value={c.unanswered} error={errors[`interaction.${i}.unanswered`]} />
            </fieldset>
          ))}
        </fieldset>

        <fieldset>
          <legend>{t('oversight.monitor.form.guides')}</legend>
          <p class="hint">{t('oversight.monitor.form.guidesHint')}</p>
          {form.guides.map((g, i) => (
            <fieldset key={`g${i}`} class="grant-row">
              <legend>{t('oversight.monitor.form.guideN', { n: i + 1 })}</legend>
              <TextField name={`guides.${i}.name`} label={t('oversight.monitor.form.rowName')} value={g.name} error={errors[`guides.${i}.name`]} />
              <TextField name={`guides.${i}.url`} type="url" label={t('oversight.monitor.form.rowUrl')} value={g.url} error={errors[`guides.${i}.url`]} inputMode="url" />
            </fieldset>
          ))}
        </fieldset>

        <fieldset>
          <legend>{t('oversight.monitor.form.bounds')}</legend>
          <CheckboxField name="ignoreRobots" label={t('oversight.monitor.form.ignoreRobots')} checked={form.ignoreRobots} hint={t('oversight.monitor.form.ignoreRobotsHint')} />
          {errors.ignoreRobots && <p class="error-text">{errors.ignoreRobots}</p>}
          <TextField name="maxDepth" label={t('oversight.monitor.form.maxDepth')} hint={t('oversight.monitor.form.maxDepthHint')} value={form.maxDepth} error={errors.maxDepth} inputMode="numeric" />
          <TextField name="maxPages" label={t('oversight.monitor.form.maxPages')} hint={t('oversight.monitor.form.maxPagesHint')} value={form.maxPages} error={errors.maxPages} inputMode="numeric" />
          <TextField name="maxExternalLinks" label={t('oversight.monitor.form.maxExternalLinks')} hint={t('oversight.monitor.form.maxExternalLinksHint')} value={form.maxExternalLinks} error={errors.maxExternalLinks} inputMode="numeric" />
        </fieldset>

        <FormActions>
          <button type="submit" class="button">
            {t('oversight.monitor.form.save')}
          </button>
          <button type="submit" class="button button-secondary" name="more" value="1">
            {t('oversight.monitor.form.saveMore')}
          </button>
          <a href={site ? paths.site(site.id) : paths.list()}>{t('oversight.monitor.form.cancel')}</a>
        </FormActions>
      </form>
    </Layout>
  );
}
