import { addDays } from '../../kernel/calendar/index.ts';
import type { Cell } from '../../storage/counts.ts';
import type { Publication } from './publication.ts';

/**
 * The cells a published item adds to publication_counts and publication_in_force (storage/counts.ts), from which
 * the annual report's table 二 and the proactive counts are read (docs/design/reports.md, "Counts kept as records
 * change"). Migration 0012 fills the tables with the same cells in SQL; a test holds the two to agreement.
 *
 * - `published|kind` at the lead agency, in the year published;
 * - a rule or normative document, for each issuer — `own` for the lead agency, `joint` for each co-issuer:
 *   `role|kind|issued` in the year issued (written, else published), `role|kind|published` in the year published
 *   and `role|kind|repealed` in the year it ceased (the day after its last day in force), each when not before the
 *   year issued; and in publication_in_force `role|kind` +1 in the year issued and -1 in the year it ceased, so that
 *   its sum up to a year is the count in force on 31 December. A document repealed or expired without a date
 *   ceased at an unknown time: it is never counted in force, nor repealed in any year.
 */
export function publicationCells(p: Pick<Publication, 'status' | 'agencyId' | 'coIssuerIds' | 'kind' | 'writtenOn' | 'publishedOn' | 'validity'>): { counts: Cell[]; inForce: Cell[] } {
  const counts: Cell[] = [];
  const inForce: Cell[] = [];
  if (p.status !== 'published') return { counts, inForce };
  const yearOf = (day: string) => Number(day.slice(0, 4));
  if (p.publishedOn) counts.push({ agencyId: p.agencyId, year: yearOf(p.publishedOn), cell: `published|${p.kind}`, n: 1 });
  const issuedOn = p.writtenOn ?? p.publishedOn;
  if ((p.kind !== 'rule' && p.kind !== 'normativeDocument') || !issuedOn) return { counts, inForce };
  const issued = yearOf(issuedOn);
  const v = p.validity;
  const ends = v !== null && v.status !== 'amended' && (v.until !== null || v.status === 'repealed' || v.status === 'expired');
  const ceased = !ends ? null : v!.until ? yearOf(addDays(v!.until, 1)) : 0;
  const issuers = [{ agencyId: p.agencyId, role: 'own' }, ...[...new Set(p.coIssuerIds)].filter((a) => a !== p.agencyId).map((agencyId) => ({ agencyId, role: 'joint' }))];
  for (const { agencyId, role } of issuers) {
    const doc = `${role}|${p.kind}`;
    counts.push({ agencyId, year: issued, cell: `${doc}|issued`, n: 1 });
    if (p.publishedOn && yearOf(p.publishedOn) >= issued) counts.push({ agencyId, year: yearOf(p.publishedOn), cell: `${doc}|published`, n: 1 });
    if (ceased !== null && ceased >= issued) counts.push({ agencyId, year: ceased, cell: `${doc}|repealed`, n: 1 });
    inForce.push({ agencyId, year: issued, cell: doc, n: 1 });
    if (ceased !== null) inForce.push({ agencyId, year: Math.max(ceased, issued), cell: doc, n: -1 });
  }
  return { counts, inForce };
}
