export interface AuditFilters {
  action: string;
  actor: string;
  from: string;
  to: string;
  page: number;
}

/** Filter values as a query string (for pagination links and the CSV link). */
export function filterQuery(f: Partial<AuditFilters>): string {
  const p = new URLSearchParams();
  for (const k of ['action', 'actor', 'from', 'to'] as const) if (f[k]) p.set(k, f[k]!);
  if (f.page && f.page > 1) p.set('page', String(f.page));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export function detailText(detail: Record<string, unknown> | null): string {
  if (!detail) return '';
  return Object.entries(detail)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('; ');
}

