import type { RequestContext } from '../context.ts';

/** Placeholder: the accessibility and elder-friendly toolbar (owned by the portal work). */
export function A11yToolbar({ ctx }: { ctx: RequestContext }) {
  void ctx;
  return null;
}
