/**
 * Filter tokens: facts about a document (issuing agency, kind, topic …) stored in the index next to
 * its text, so that a filtered search is one index intersection instead of a scan. They start with
 * `_`, which typed queries never produce (kernel/text/pieces.ts keeps only letters and digits), and
 * live in their own FTS5 column on SQLite.
 */
import { parseDocNo, pieces } from '../../kernel/text/index.ts';

function compact(s: string): string {
  return pieces(s)
    .map((p) => p.text)
    .join('');
}

export const ALL_TOKEN = '_all';

export const filterToken = {
  /** An issuing agency (owner or co-issuer). */
  issuer: (agencyId: string) => `_a_${compact(agencyId)}`,
  /** An issuing agency or any agency above it: "this agency and everything below it". */
  within: (agencyId: string) => `_s_${compact(agencyId)}`,
  kind: (kind: string) => `_k_${compact(kind)}`,
  topicTop: (top: string) => `_tt_${compact(top)}`,
  topic: (topic: string) => `_ts_${compact(topic)}`,
  genre: (genre: string) => `_g_${compact(genre)}`,
  validity: (status: string) => `_v_${compact(status)}`,
  docNoPrefix: (prefix: string) => `_dp_${compact(prefix)}`,
  docNoYear: (year: number) => `_dy_${year}`,
  docNoNumber: (n: number) => `_dn_${n}`,
};

export interface FilterFacts {
  issuerIds: string[];
  /** The issuers and every agency above them. */
  withinIds: string[];
  kind: string;
  topic: string | null;
  genre: string | null;
  validityStatus: string | null;
  docNo: string | null;
}

export function filterTokensOf(f: FilterFacts): string[] {
  const out = new Set<string>([ALL_TOKEN, filterToken.kind(f.kind)]);
  for (const id of f.issuerIds) out.add(filterToken.issuer(id));
  for (const id of f.withinIds) out.add(filterToken.within(id));
  if (f.topic) {
    out.add(filterToken.topic(f.topic));
    out.add(filterToken.topicTop(f.topic.split('/')[0]));
  }
  if (f.genre) out.add(filterToken.genre(f.genre));
  if (f.validityStatus) out.add(filterToken.validity(f.validityStatus));
  const d = parseDocNo(f.docNo);
  if (d) {
    out.add(filterToken.docNoPrefix(d.prefix));
    out.add(filterToken.docNoYear(d.year));
    out.add(filterToken.docNoNumber(d.number));
  }
  return [...out].filter((t) => !t.endsWith('_'));
}
