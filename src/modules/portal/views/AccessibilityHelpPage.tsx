import type { RequestContext } from '../../../http/context.ts';
import { a11yShortcut, a11yTools } from '../../../http/views/A11yToolbar.tsx';
import { Layout } from '../../../http/views/Layout.tsx';

/** /help/accessibility: what each tool of the toolbar does, and the keyboard shortcut. */
export function AccessibilityHelpPage({ ctx }: { ctx: RequestContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('a11y.help.title')} crumbs={[{ href: '/', label: t('nav.home') }, { label: t('a11y.help.title') }]}>
      <h1>{t('a11y.help.title')}</h1>
      <p class="lead">{t('a11y.help.intro')}</p>

      <h2>{t('a11y.help.openHeading')}</h2>
      <p>{t('a11y.help.open', { key: a11yShortcut })}</p>
      <p>{t('a11y.help.close')}</p>

      <h2>{t('a11y.help.toolsHeading')}</h2>
      <dl class="tool-list">
        {a11yTools.map((tool) => (
          <div key={tool}>
            <dt>{t(`a11y.${tool}`)}</dt>
            <dd>{t(`a11y.help.${tool}`)}</dd>
          </div>
        ))}
      </dl>

      <h2>{t('a11y.help.elderHeading')}</h2>
      <p>{t('a11y.help.elder')}</p>

      <h2>{t('a11y.help.keyboardHeading')}</h2>
      <ul class="spaced">
        <li>{t('a11y.help.kbSkip')}</li>
        <li>{t('a11y.help.kbTab')}</li>
        <li>{t('a11y.help.kbShortcut', { key: a11yShortcut })}</li>
        <li>{t('a11y.help.kbEscape')}</li>
      </ul>

      <h2>{t('a11y.help.privacyHeading')}</h2>
      <p>{t('a11y.help.privacy')}</p>
      <p>{t('a11y.help.speech')}</p>
      <p>{t('a11y.help.noScript')}</p>

      <h2>{t('a11y.help.feedbackHeading')}</h2>
      <p>{t('a11y.help.feedback')}</p>
    </Layout>
  );
}
