/**
 * The publication form as the browser sends it (every field a string or a list of strings), and the
 * conversions between it, a stored publication and the service's input.
 */
import type { FieldIssue } from '../../../../kernel/errors.ts';
import type { AgencyTree } from '../../../agencies/index.ts';
import type { Publication } from '../../publication.ts';
import type { PublicationInput } from '../../publications.schemas.ts';
import { validityKinds, type Kind } from '../../taxonomy.ts';

export interface PublicationFormValues {
  agency: string; // code of the first issuing agency
  coIssuers: string[]; // one entry per select row, '' for an empty row
  title: string;
  docNo: string;
  writtenOn: string;
  topic: string;
  genre: string;
  kind: string;
  audience: string[];
  keywords: string;
  summary: string;
  columns: string[];
  disclosureMode: string;
  nonDisclosureReason: string;
  body: string;
  validityStatus: string;
  validityFrom: string;
  validityUntil: string;
  replacedBy: string;
  interprets: string;
  note: string; // the revision note (revise only)
}

export function emptyFormValues(agency = ''): PublicationFormValues {
  return {
    agency,
    coIssuers: [''],
    title: '',
    docNo: '',
    writtenOn: '',
    topic: '',
    genre: '',
    kind: '',
    audience: [],
    keywords: '',
    summary: '',
    columns: [],
    disclosureMode: 'proactive',
    nonDisclosureReason: '',
    body: '',
    validityStatus: 'inForce',
    validityFrom: '',
    validityUntil: '',
    replacedBy: '',
    interprets: '',
    note: '',
  };
}

/** The form prefilled from a stored item; `refs` gives the index number (or id) of linked items. */
export function formValuesOf(p: Publication, tree: AgencyTree, refs: Map<string, string>): PublicationFormValues {
  const codes = p.coIssuerIds.map((id) => tree.byId.get(id)?.code).filter((c): c is string => !!c);
  return {
    agency: tree.byId.get(p.agencyId)?.code ?? '',
    coIssuers: codes.length ? codes : [''],
    title: p.title,
    docNo: p.docNo ?? '',
    writtenOn: p.writtenOn ?? '',
    topic: p.topic ?? '',
    genre: p.genre ?? '',
    kind: p.kind,
    audience: [...p.audience],
    keywords: p.keywords.join('、'),
    summary: p.summary ?? '',
    columns: [...p.columns],
    disclosureMode: p.disclosureMode,
    nonDisclosureReason: p.nonDisclosureReason ?? '',
    body: p.bodyHtml,
    validityStatus: p.validity?.status ?? 'inForce',
    validityFrom: p.validity?.from ?? '',
    validityUntil: p.validity?.until ?? '',
    replacedBy: p.validity?.replacedById ? (refs.get(p.validity.replacedById) ?? p.validity.replacedById) : '',
    interprets: p.interpretsId ? (refs.get(p.interpretsId) ?? p.interpretsId) : '',
    note: '',
  };
}

function one(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
  return '';
}
function many(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}

/** What the browser sent, as form values (nothing is dropped: a failed submission shows it all again). */
export function formValuesFromBody(body: unknown, base: PublicationFormValues): PublicationFormValues {
  const b = (body ?? {}) as Record<string, unknown>;
  const rows = many(b.coIssuers);
  return {
    agency: 'agency' in b ? one(b.agency) : base.agency,
    coIssuers: rows.length ? rows : [''],
    title: one(b.title),
    docNo: one(b.docNo),
    writtenOn: one(b.writtenOn),
    topic: one(b.topic),
    genre: one(b.genre),
    kind: one(b.kind),
    audience: many(b.audience),
    keywords: one(b.keywords),
    summary: one(b.summary),
    columns: many(b.columns),
    disclosureMode: one(b.disclosureMode) || 'proactive',
    nonDisclosureReason: one(b.nonDisclosureReason),
    body: one(b.body),
    validityStatus: one(b['validity.status']) || 'inForce',
    validityFrom: one(b['validity.from']),
    validityUntil: one(b['validity.until']),
    replacedBy: one(b['validity.replacedBy']),
    interprets: one(b.interprets),
    note: one(b.note),
  };
}

/** 2017-3-1, 2017/03/01, 2017.3.1 and 2017年3月1日 become 2017-03-01; anything else is left for the validator. */
export function normaliseDate(s: string): string {
  const v = s.trim();
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(v);
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : v;
}

/** Keywords typed with commas, 、, semicolons or spaces between them. */
export function splitKeywords(s: string): string[] {
  return s
    .split(/[,，、;；\s]+/)
    .map((k) => k.trim())
    .filter(Boolean);
}

/** The service's input; validity and the interpreted document only for the kinds that carry them. */
export function toInput(v: PublicationFormValues): PublicationInput {
  const kind = v.kind as Kind;
  const tracked = validityKinds.includes(kind);
  return {
    title: v.title,
    coIssuers: v.coIssuers.map((c) => c.trim()).filter(Boolean),
    docNo: v.docNo,
    writtenOn: normaliseDate(v.writtenOn),
    topic: v.topic,
    genre: (v.genre || null) as PublicationInput['genre'],
    kind,
    audience: v.audience as PublicationInput['audience'],
    keywords: splitKeywords(v.keywords),
    summary: v.summary,
    columns: v.columns,
    disclosureMode: v.disclosureMode as PublicationInput['disclosureMode'],
    nonDisclosureReason: v.nonDisclosureReason,
    body: v.body,
    validity: tracked ? { status: (v.validityStatus || 'inForce') as 'inForce', from: normaliseDate(v.validityFrom), until: normaliseDate(v.validityUntil), replacedBy: v.replacedBy } : null,
    interprets: kind === 'interpretation' ? v.interprets : null,
  };
}

/**
 * The service's field issues, keyed by the form's fields: list items (audience.2, keywords.0) belong to
 * their group, co-issuer n to the n-th filled row; an empty 信息类别 reads "required", not "invalid".
 */
export function formIssues(issues: FieldIssue[], v: PublicationFormValues): FieldIssue[] {
  const filledRows = v.coIssuers.map((c, i) => (c.trim() ? i : -1)).filter((i) => i >= 0);
  return issues.map((i) => {
    const [head, idx] = i.field.split('.');
    if (head === 'coIssuers' && idx !== undefined) return { ...i, field: `coIssuers.${filledRows[Number(idx)] ?? 0}` };
    if (head === 'audience' || head === 'keywords' || head === 'columns') return { ...i, field: head };
    if (head === 'kind' && !v.kind) return { ...i, message: 'validation.required' };
    return i;
  });
}
