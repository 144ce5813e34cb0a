/** Pieces shared by the back-office publication pages: labels, status tag, timeliness, messages after a redirect. */
import type { RequestContext } from '../../../../http/context.ts';
import type { Crumb } from '../../../../http/views/Layout.tsx';
import { hasMessage } from '../../../../http/views/AdminKit.tsx';
import type { AgencyTree } from '../../../agencies/index.ts';
import type { Publication } from '../../publication.ts';

export const listPath = '/admin/publications';
export const itemPath = (id: string) => `${listPath}/${encodeURIComponent(id)}`;
/** The public page of a published (or withdrawn) item, built by the portal. */
export const publicPath = (id: string) => `/xxgk/${encodeURIComponent(id)}`;

export const statusLabel = (ctx: RequestContext, status: string) => ctx.t(`catalogAdmin.status.${status}`);
export const kindLabel = (ctx: RequestContext, kind: string) => ctx.t(`catalogAdmin.kind.${kind}`);
export const modeLabel = (ctx: RequestContext, mode: string) => ctx.t(`catalogAdmin.mode.${mode}`);
export const validityLabel = (ctx: RequestContext, status: string) => ctx.t(`catalogAdmin.validity.${status}`);
export const keyAreaLabel = (ctx: RequestContext, code: string) => ctx.t(`catalogAdmin.keyArea.${code}`);

export function agencyName(tree: AgencyTree, id: string): string {
  return tree.byId.get(id)?.name ?? '';
}

/** All issuing agencies of an item, the owner first. */
export function issuerNames(tree: AgencyTree, p: Pick<Publication, 'agencyId' | 'coIssuerIds'>): string {
  return [p.agencyId, ...p.coIssuerIds].map((id) => agencyName(tree, id)).filter(Boolean).join('、');
}

export function crumbs(ctx: RequestContext, ...rest: Crumb[]): Crumb[] {
  const list: Crumb = { href: listPath, label: ctx.t('catalogAdmin.list.title') };
  return [{ href: '/admin', label: ctx.t('admin.nav.dashboard') }, rest.length ? list : { label: list.label }, ...rest];
}

export function StatusTag({ ctx, status }: { ctx: RequestContext; status: string }) {
  return <span class={`status-tag status-${status}`}>{statusLabel(ctx, status)}</span>;
}

/** "12 个工作日" and, past the Art. 26 limit, a 超期 badge. */
export function Timeliness({ ctx, p }: { ctx: RequestContext; p: Pick<Publication, 'timelinessDays' | 'late'> }) {
  const { t } = ctx;
  if (p.timelinessDays === null) return <span class="muted">{t('catalogAdmin.none')}</span>;
  return (
    <>
      <span class="nowrap">{t('catalogAdmin.timeliness.days', { days: p.timelinessDays })}</span>
      {p.late && (
        <>
          {' '}
          <strong class="badge badge-late">
            {t('catalogAdmin.timeliness.late')}
          </strong>
        </>
      )}
    </>
  );
}

/**
 * The confirmation after a redirect (?done=published), with the approver's warnings
 * (?warn=catalog.warning.missingInterpretation) — both in one polite live region.
 */
export function DoneMessage({ ctx, done, warnings }: { ctx: RequestContext; done?: string; warnings: string[] }) {
  const key = done && /^[a-zA-Z]+$/.test(done) ? `catalogAdmin.done.${done}` : '';
  const ok = key && hasMessage(ctx, key);
  const warn = warnings.filter((w) => /^catalog\.warning\.[a-zA-Z]+$/.test(w) && hasMessage(ctx, w));
  if (!ok && !warn.length) return null;
  return (
    <div class="status-message" role="status">
      {ok && <p>{ctx.t(key)}</p>}
      {warn.length > 0 && (
        <div class="warning-box">
          <p class="warning-title">{ctx.t('catalogAdmin.warnings')}</p>
          <ul>
            {warn.map((w) => (
              <li key={w}>{ctx.t(w)}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
