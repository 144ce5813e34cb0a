/**
 * The 政府信息公开 column (国办公开办函〔2019〕61号): its four standard sub-columns per agency and the
 * statutory proactive-disclosure items (《政府信息公开条例》 Art. 20, Art. 21). Pure data, no I/O.
 * Names are message keys (portal.*); the slugs are stable URL parts the catalog will file publications under.
 */
import type { Agency, AgencyKind } from '../agencies/index.ts';
import { type KeyArea, type Kind, kinds } from '../catalog/index.ts';

export type SubColumn = 'guide' | 'rules' | 'statutory' | 'annual-reports';

/** The four standard sub-columns, in the order every agency's column shows them. */
export const subColumns: readonly SubColumn[] = ['guide', 'rules', 'statutory', 'annual-reports'];

/** Message key of a sub-column's exact name (政府信息公开指南 …). */
export const subColumnKey: Record<SubColumn, string> = {
  guide: 'portal.col.guide',
  rules: 'portal.col.rules',
  statutory: 'portal.col.statutory',
  'annual-reports': 'portal.col.annualReports',
};

export function subColumnHref(code: string, col: SubColumn): string {
  return `/zwgk/${encodeURIComponent(code)}/${col}`;
}
export function applyHref(code?: string): string {
  return code ? `/zwgk/${encodeURIComponent(code)}/apply` : '/zwgk/apply';
}
export function agencyHref(code: string): string {
  return `/agencies/${encodeURIComponent(code)}`;
}
export function agencyColumnHref(code: string): string {
  return `/zwgk/${encodeURIComponent(code)}`;
}

export interface StatutoryItem {
  slug: string;
  /** 'art20' | 'art21' (governments) | 'art21t' (townships) */
  article: 'art20' | 'art21' | 'art21t';
  /** item number within Art. 20 (1–15); 0 for the Art. 21 areas */
  number: number;
}

/** Art. 20: every agency proactively discloses these 15 kinds of information. */
const art20: StatutoryItem[] = [
  'regulations',
  'organisation',
  'plans',
  'statistics',
  'licensing',
  'enforcement',
  'budgets',
  'fees',
  'procurement',
  'projects',
  'livelihood',
  'emergencies',
  'inspections',
  'civil-service',
  'other',
].map((slug, i) => ({ slug, article: 'art20' as const, number: i + 1 }));

/** Art. 21: city- and county-level governments also disclose these areas. */
const art21: StatutoryItem[] = ['urban-construction', 'public-services', 'public-welfare', 'land-expropriation', 'housing-expropriation', 'public-security', 'social-assistance'].map(
  (slug) => ({ slug, article: 'art21' as const, number: 0 }),
);

/** Art. 21: township governments also disclose these areas. */
const art21Township: StatutoryItem[] = [
  'rural-policy',
  'irrigation',
  'land-contracting',
  'homesteads',
  'land-expropriation',
  'housing-expropriation',
  'village-funding',
  'social-assistance',
].map((slug) => ({ slug, article: 'art21t' as const, number: 0 }));

/** The statutory items of an agency: Art. 20 for all, plus the Art. 21 areas of its level of government. */
export function statutoryItemsFor(kind: AgencyKind): StatutoryItem[] {
  if (kind === 'government') return [...art20, ...art21];
  if (kind === 'township') return [...art20, ...art21Township];
  return [...art20];
}

export function statutoryItem(kind: AgencyKind, slug: string): StatutoryItem | undefined {
  return statutoryItemsFor(kind).find((i) => i.slug === slug);
}

/** Message key of the item's name (the wording of the regulation). */
export function statutoryItemKey(item: StatutoryItem): string {
  return `portal.statutory.${item.article === 'art21t' ? 'town' : item.article}.${item.slug}`;
}

/** Chinese ordinal of an Art. 20 item, as written in the regulation: （一） … （十五）. */
export function chineseNumber(n: number): string {
  const digits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (n < 10) return digits[n];
  if (n === 10) return '十';
  if (n < 20) return `十${digits[n - 10]}`;
  return `${digits[Math.floor(n / 10)]}十${n % 10 ? digits[n % 10] : ''}`;
}

/** The Art. 20 item that covers an agency's organisation and contacts (shown from the agency's own data). */
export const organisationSlug = 'organisation';

/** The deadline rule of Art. 49 for the agency's annual report. */
export function annualReportRule(a: Pick<Agency, 'kind'>): 'department' | 'government' | 'township' {
  return a.kind === 'department' ? 'department' : a.kind === 'government' ? 'government' : 'township';
}

/**
 * Where a statutory sub-column's items come from in the catalog. An item is listed when it matches
 * any of the sources; within a source the conditions combine (kinds: any of them; topic: a top level
 * or '一级/二级'; column: a key-area column).
 */
export interface CatalogSource {
  kinds?: Kind[];
  column?: KeyArea;
  topic?: string;
}

const sourcesBySlug: Record<StatutoryItem['article'], Record<string, CatalogSource[]>> = {
  art20: {
    regulations: [{ kinds: ['rule', 'normativeDocument', 'interpretation'] }],
    organisation: [],
    plans: [{ kinds: ['plan'] }],
    statistics: [{ kinds: ['statistics'] }],
    licensing: [{ column: 'streamlining' }, { column: 'powerLists' }],
    enforcement: [{ column: 'enforcement' }],
    budgets: [{ kinds: ['budget'] }, { column: 'fiscal' }],
    fees: [{ column: 'feeReduction' }],
    procurement: [{ column: 'publicResources' }],
    projects: [{ column: 'majorProjects' }, { column: 'ppp' }],
    livelihood: [{ column: 'poverty' }, { column: 'education' }, { column: 'health' }, { column: 'socialAssistance' }, { topic: '劳动、人事、监察/劳动就业' }, { topic: '劳动、人事、监察/社会保障' }],
    emergencies: [{ topic: '综合政务/应急管理' }],
    inspections: [{ column: 'environment' }, { column: 'foodDrugSafety' }, { topic: '市场监管、安全生产监管/安全生产监管' }, { topic: '市场监管、安全生产监管/质量监督' }],
    'civil-service': [{ kinds: ['personnel'] }],
    other: [{ kinds: ['other'] }],
  },
  art21: {
    'urban-construction': [{ topic: '城乡建设、环境保护/城乡建设（含住房）' }, { topic: '城乡建设、环境保护/城市规划' }],
    'public-services': [{ topic: '卫生、体育' }, { topic: '科技、教育/教育' }, { topic: '文化、广电、新闻出版/文化' }],
    'public-welfare': [{ topic: '民政、扶贫、救灾/社会福利' }],
    'land-expropriation': [{ topic: '国土资源、能源/土地' }],
    'housing-expropriation': [],
    'public-security': [{ topic: '公安、安全、司法/公安' }],
    'social-assistance': [{ column: 'socialAssistance' }, { topic: '民政、扶贫、救灾/减灾救灾' }],
  },
  art21t: {
    'rural-policy': [{ column: 'agriculture' }, { topic: '农业、林业、水利/农业、畜牧业、渔业' }],
    irrigation: [{ topic: '农业、林业、水利/水利' }],
    'land-contracting': [{ column: 'agriculture' }],
    homesteads: [],
    'land-expropriation': [{ topic: '国土资源、能源/土地' }],
    'housing-expropriation': [],
    'village-funding': [],
    'social-assistance': [{ column: 'socialAssistance' }],
  },
};

/**
 * What a source without kinds of its own lists: everything but work news (工作动态) — the 政府信息公开
 * column carries statutory content only ("专栏姓专"), even where news is filed under a key area.
 */
export const statutoryContentKinds: Kind[] = kinds.filter((k) => k !== 'news');

/** The catalog sources of a statutory sub-column (empty: the sub-column shows its "no items yet" state). */
export function statutorySources(item: StatutoryItem): CatalogSource[] {
  return sourcesBySlug[item.article][item.slug] ?? [];
}

/** 政府信息公开制度: the agency's own documents on disclosure work. */
export const disclosureRulesSource: CatalogSource = { topic: '综合政务/政务公开', kinds: ['rule', 'normativeDocument', 'interpretation', 'plan', 'notice', 'other'] };

/** 政府信息公开年报: the agency's annual reports, newest first. */
export const annualReportSource: CatalogSource = { kinds: ['annualReport'] };
