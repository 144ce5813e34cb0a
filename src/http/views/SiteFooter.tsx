import type { RequestContext } from '../context.ts';

/** Placeholder: footer with the configurable identifiers (owned by the portal work). */
export function SiteFooter({ ctx }: { ctx: RequestContext }) {
  return <footer class="site-footer"><div class="wrap">{ctx.site.organiser}</div></footer>;
}
