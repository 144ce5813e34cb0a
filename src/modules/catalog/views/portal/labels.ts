/**
 * Names of the catalog's controlled vocabularies on public pages, in the page's language.
 * Stored values are the codes (and the Chinese genre and topic names) of taxonomy.ts; the message
 * catalog (catalogPortal.*) holds their names in both languages — the zh-CN names are exactly the
 * taxonomy's (a test keeps them equal).
 */
import type { T } from '../../../../http/i18n/index.ts';
import type { Agency, AgencyTree } from '../../../agencies/index.ts';
import { type Audience, audiences, type Genre, genres, type KeyArea, type Kind, topicTree, type ValidityStatus } from '../../taxonomy.ts';

/** Stable English slugs of the genres (message keys cannot depend on Chinese text). */
export const genreSlugs: Record<Genre, string> = {
  决议: 'resolution',
  决定: 'decision',
  '命令（令）': 'order',
  公报: 'communique',
  公告: 'announcement',
  通告: 'publicNotice',
  意见: 'opinion',
  通知: 'notice',
  通报: 'circular',
  报告: 'report',
  请示: 'request',
  批复: 'reply',
  议案: 'motion',
  函: 'letter',
  纪要: 'minutes',
  其他: 'other',
};

/** Slugs of the 22 top-level topics, in the order of topicTree. */
export const topicSlugs: string[] = [
  'stateCouncil',
  'generalAffairs',
  'economy',
  'finance',
  'landEnergy',
  'agriculture',
  'industryTransport',
  'tradeCustomsTourism',
  'marketSafety',
  'urbanEnvironment',
  'scienceEducation',
  'cultureMedia',
  'healthSports',
  'populationFamily',
  'labourPersonnel',
  'securityJustice',
  'civilAffairs',
  'ethnicReligion',
  'foreignAffairs',
  'hkMacaoTaiwan',
  'defence',
  'other',
];
const topicSlugOf = new Map(topicTree.map(([top], i) => [top, topicSlugs[i]]));

export const audienceSlugs: Record<Audience, string> = { 公民: 'citizens', 法人: 'legalPersons', 社会组织: 'socialOrganisations', 政府机关: 'governmentAgencies' };

export function kindLabel(t: T, kind: Kind): string {
  return t(`catalogPortal.kind.${kind}`);
}
export function validityLabel(t: T, s: ValidityStatus): string {
  return t(`catalogPortal.validity.${s}`);
}
export function keyAreaLabel(t: T, a: KeyArea): string {
  return t(`catalogPortal.keyArea.${a}`);
}
export function genreLabel(t: T, g: string): string {
  const slug = genreSlugs[g as Genre];
  return slug ? t(`catalogPortal.genre.${slug}`) : g;
}
export function audienceLabel(t: T, a: string): string {
  const slug = audienceSlugs[a as Audience];
  return slug ? t(`catalogPortal.audience.${slug}`) : a;
}
/** A top-level topic's name. */
export function topicTopLabel(t: T, top: string): string {
  const slug = topicSlugOf.get(top);
  return slug ? t(`catalogPortal.topic.${slug}`) : top;
}
/** A stored topic ('一级/二级' or a top level): the top level's name, then the second level as stored. */
export function topicLabel(t: T, topic: string): string {
  const [top, sub] = topic.split('/');
  return sub ? `${topicTopLabel(t, top)} / ${sub}` : topicTopLabel(t, top);
}

/** The agency's name in the page's language (the English name where there is one). */
export function agencyLabel(locale: string, a: Pick<Agency, 'name' | 'nameEn'>): string {
  return locale === 'en' && a.nameEn ? a.nameEn : a.name;
}

/** Whether the public portal shows the agency's pages (not disabled, nothing above it disabled). */
export function isPublicAgency(tree: AgencyTree, id: string): boolean {
  return tree.byId.has(id) && !tree.path(id).some((a) => a.disabled);
}

/** Every genre and audience, for tests and forms. */
export const allGenres = genres;
export const allAudiences = audiences;
