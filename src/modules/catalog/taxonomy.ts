/**
 * The catalog's controlled vocabularies (catalog.md), as data. Stored values are the codes below;
 * pages show the Chinese names (zh-CN) or the message catalog's English names.
 */

/** 信息类别 kind. */
export const kinds = ['rule', 'normativeDocument', 'interpretation', 'notice', 'news', 'plan', 'budget', 'statistics', 'annualReport', 'personnel', 'keyArea', 'other'] as const;
export type Kind = (typeof kinds)[number];
export const kindNames: Record<Kind, string> = {
  rule: '规章',
  normativeDocument: '行政规范性文件',
  interpretation: '政策解读',
  notice: '通知公告',
  news: '工作动态',
  plan: '规划计划',
  budget: '财政预决算',
  statistics: '统计信息',
  annualReport: '政府信息公开年报',
  personnel: '人事信息',
  keyArea: '重点领域信息',
  other: '其他',
};
/** Kinds whose validity (有效性) is tracked and which need an interpretation published with them. */
export const validityKinds: Kind[] = ['rule', 'normativeDocument'];

/** 体裁分类 genre: the official document types (党政机关公文处理工作条例) and 其他. */
export const genres = ['决议', '决定', '命令（令）', '公报', '公告', '通告', '意见', '通知', '通报', '报告', '请示', '批复', '议案', '函', '纪要', '其他'] as const;
export type Genre = (typeof genres)[number];

/** 服务对象 audience. */
export const audiences = ['公民', '法人', '社会组织', '政府机关'] as const;
export type Audience = (typeof audiences)[number];

/** 公开方式 disclosure mode. */
export const disclosureModes = ['proactive', 'onApplication', 'notDisclosed'] as const;
export type DisclosureMode = (typeof disclosureModes)[number];
export const disclosureModeNames: Record<DisclosureMode, string> = { proactive: '主动公开', onApplication: '依申请公开', notDisclosed: '不予公开' };

/** 有效性 validity of rules and normative documents. */
export const validityStatuses = ['inForce', 'amended', 'expired', 'repealed'] as const;
export type ValidityStatus = (typeof validityStatuses)[number];
export const validityNames: Record<ValidityStatus, string> = { inForce: '有效', amended: '已修改', expired: '失效', repealed: '废止' };

/** 重点领域 key-area columns named in the 2017 city report. */
export const keyAreas = [
  ['feeReduction', '减税降费'],
  ['majorProjects', '重大建设项目'],
  ['publicResources', '公共资源配置'],
  ['ppp', 'PPP项目'],
  ['streamlining', '放管服改革'],
  ['powerLists', '权责清单'],
  ['agriculture', '农业供给侧结构性改革'],
  ['fiscal', '财政预决算和政府债务'],
  ['poverty', '脱贫攻坚'],
  ['education', '教育'],
  ['health', '医疗卫生'],
  ['housing', '保障性住房'],
  ['environment', '生态环境'],
  ['socialAssistance', '社会救助'],
  ['foodDrugSafety', '食品药品安全'],
  ['enforcement', '行政执法公示'],
] as const;
export type KeyArea = (typeof keyAreas)[number][0];
export const keyAreaCodes = keyAreas.map(([c]) => c) as KeyArea[];
export const keyAreaNames = Object.fromEntries(keyAreas) as Record<KeyArea, string>;

/** 主题分类 topic: the national policy library's two-level list; stored as '一级/二级' (or '其他'). */
export const topicTree: [string, string[]][] = [
  ['国务院组织机构', ['国务院', '国务院办公厅', '国务院组成部门', '国务院直属特设机构', '国务院直属机构', '国务院办事机构', '国务院直属事业单位', '国务院部委管理的国家局', '国务院议事协调机构', '其他']],
  ['综合政务', ['政务公开', '政务督查', '应急管理', '电子政务', '文秘工作', '保密工作', '信访', '参事、文史', '其他']],
  ['国民经济管理、国有资产监管', ['宏观经济', '经济体制改革', '统计', '物价', '国有资产监管', '重大建设项目', '其他']],
  ['财政、金融、审计', ['财政', '税务', '银行', '货币（含外汇）', '证券', '保险', '社会信用体系建设', '审计', '其他']],
  ['国土资源、能源', ['土地', '矿产', '水资源', '海洋', '煤炭', '石油与天然气', '电力', '其他']],
  ['农业、林业、水利', ['农业、畜牧业、渔业', '林业', '水利', '其他']],
  ['工业、交通', ['机械制造与重工业', '轻工纺织', '化工', '国防工业', '航天、航空', '信息产业（含电信）', '公路', '水运', '铁路', '民航', '邮政', '其他']],
  ['商贸、海关、旅游', ['对外经贸合作', '国内贸易（含供销）', '海关', '检验、检疫', '旅游', '其他']],
  ['市场监管、安全生产监管', ['工商', '质量监督', '标准', '食品药品监管', '安全生产监管', '其他']],
  ['城乡建设、环境保护', ['城市规划', '城乡建设（含住房）', '环境监测、保护与治理', '节能与资源综合利用', '气象、水文、测绘、地震', '其他']],
  ['科技、教育', ['科技', '教育', '知识产权', '其他']],
  ['文化、广电、新闻出版', ['文化', '文物', '新闻出版', '广播、电影、电视', '其他']],
  ['卫生、体育', ['卫生', '医药管理', '体育', '其他']],
  ['人口与计划生育、妇女儿童工作', ['人口与计划生育', '妇女儿童', '其他']],
  ['劳动、人事、监察', ['劳动就业', '社会保障', '人事工作', '军转安置', '监察', '纠正行业不正之风', '其他']],
  ['公安、安全、司法', ['公安', '国家安全', '司法', '其他']],
  ['民政、扶贫、救灾', ['减灾救灾', '优抚安置', '社会福利', '行政区划与地名', '社团管理', '扶贫', '其他']],
  ['民族、宗教', ['民族事务', '宗教事务']],
  ['对外事务', ['外交、外事', '国际条约、国际组织', '其他']],
  ['港澳台侨工作', ['港澳工作', '对台工作', '侨务工作']],
  ['国防', ['国防建设', '国防动员']],
  ['其他', []],
];

/** Every valid stored topic value: '一级/二级', or a top level that has no second level ('其他'). */
export const topics: string[] = topicTree.flatMap(([top, subs]) => (subs.length ? subs.map((s) => `${top}/${s}`) : [top]));
const topicSet = new Set(topics);
export function isTopic(s: string): boolean {
  return topicSet.has(s);
}
export function topicTop(topic: string): string {
  return topic.split('/')[0];
}
