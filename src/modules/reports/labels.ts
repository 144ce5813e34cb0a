/**
 * The Chinese labels of the annual report's official tables and sections, exactly as the formats write them
 * (国办公开办函〔2021〕30号, 〔2019〕60号, and the 2007 regulation's statistics as in the 2017 city report).
 *
 * These are data, not message-catalog entries: the official report is a Chinese document in every one of its
 * forms (web page, Word, Excel, charts), whatever the reader's interface language. The renderers iterate the
 * structures below; the numbers sit in `ReportJson` under the same keys. Pure.
 */
import { outcomeRowsOf, table2Layouts, table3Columns, type LegacyStats, type ReportFormat, type ReportJson, type Table4Block } from './format.ts';

// ───────────────────────────── sections ─────────────────────────────

/** What a section holds: one of the texts people write, or a table / statistics block generated from the data. */
export type SectionContent = 'overview' | 'problems' | 'other' | 'table2' | 'table3' | 'table4' | 'legacyProactive' | 'legacyApplications' | 'legacyFees' | 'legacyProceedings';
export interface SectionHeading {
  content: SectionContent;
  heading: string;
}

/** The six sections 一…六 of a report in a format, in order. */
export function sectionHeadings(format: ReportFormat): SectionHeading[] {
  if (format === 'legacy') {
    return [
      { content: 'overview', heading: '一、概述' },
      { content: 'legacyProactive', heading: '二、主动公开政府信息情况' },
      { content: 'legacyApplications', heading: '三、政府信息依申请公开情况' },
      { content: 'legacyFees', heading: '四、政府信息公开收费及减免情况' },
      { content: 'legacyProceedings', heading: '五、行政复议和行政诉讼情况' },
      { content: 'problems', heading: '六、存在的主要问题和改进措施' },
    ];
  }
  return [
    { content: 'overview', heading: '一、总体情况' },
    { content: 'table2', heading: '二、主动公开政府信息情况' },
    { content: 'table3', heading: '三、收到和处理政府信息公开申请情况' },
    { content: 'table4', heading: '四、政府信息公开行政复议、行政诉讼情况' },
    { content: 'problems', heading: '五、存在的主要问题及改进情况' },
    { content: 'other', heading: '六、其他需要报告的事项' },
  ];
}

// ───────────────────────────── table 三 ─────────────────────────────

/** Column headings of table 三: the applicant columns under their two-level header. */
export const table3ColumnLabels = {
  natural: '自然人',
  organisations: '法人或其他组织',
  commercial: '商业企业',
  research: '科研机构',
  publicInterest: '社会公益组织',
  legalService: '法律服务机构',
  otherOrg: '其他',
  total: '总计',
  applicants: '申请人情况',
} as const;
/** The seven columns' labels in the order of `table3Columns`. */
export const table3ColumnOrder = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'] as const;
/** The note the official table carries in its corner: the balance of each column. */
export const table3BalanceNote = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

const table3Labels: Record<string, string> = {
  received: '一、本年新收政府信息公开申请数量',
  carriedOver: '二、上年结转政府信息公开申请数量',
  'heading.outcomes': '三、本年度办理结果',
  disclose: '（一）予以公开',
  partial: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
  'heading.withhold': '（三）不予公开',
  'withhold.stateSecret': '1.属于国家秘密',
  'withhold.lawProhibited': '2.其他法律行政法规禁止公开',
  'withhold.security': '3.危及“三安全一稳定”',
  'withhold.thirdParty': '4.保护第三方合法权益',
  'withhold.internal': '5.属于三类内部事务信息',
  'withhold.process': '6.属于四类过程性信息',
  'withhold.enforcementFile': '7.属于行政执法案卷',
  'withhold.adminQuery': '8.属于行政查询事项',
  'heading.unable': '（四）无法提供',
  'unable.notHeld': '1.本机关不掌握相关政府信息',
  'unable.needsCreation': '2.没有现成信息需要另行制作',
  'unable.stillUnclear': '3.补正后申请内容仍不明确',
  'heading.decline': '（五）不予处理',
  'decline.petition': '1.信访举报投诉类申请',
  'decline.repeat': '2.重复申请',
  'decline.publication': '3.要求提供公开出版物',
  'decline.excessive': '4.无正当理由大量反复申请',
  'decline.confirmation': '5.要求行政机关确认或重新出具已获取信息',
  'heading.other': '（六）其他处理',
  other: '（六）其他处理',
  'other.correctionLapsed': '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
  'other.feeUnpaid': '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
  'other.other': '3.其他',
  total: '（七）总计',
  carriedForward: '四、结转下年度继续办理',
};

/** The outcome groups of 三 (（一）…（六）), and their short names (charts, per-agency sheets). */
export const outcomeGroups = ['disclose', 'partial', 'withhold', 'unable', 'decline', 'other'] as const;
export type OutcomeGroupKey = (typeof outcomeGroups)[number];
export const outcomeGroupLabels: Record<OutcomeGroupKey, string> = {
  disclose: '予以公开',
  partial: '部分公开',
  withhold: '不予公开',
  unable: '无法提供',
  decline: '不予处理',
  other: '其他处理',
};
/** The group of an outcome row of table 三 ('withhold.stateSecret' → 'withhold'; 2019's 'other' → 'other'). */
export const outcomeGroupOf = (row: string): OutcomeGroupKey => row.split('.')[0] as OutcomeGroupKey;

/** One line of table 三 as printed: a row with numbers, or a heading (no numbers) over its numbered rows. */
export interface Table3Line {
  /** The row key in `Table3.rows` (for a heading: 'heading.<group>'). */
  key: string;
  label: string;
  /** 0: 一…四; 1: （一）…（七）; 2: 1.…8. — renderers indent by it. */
  level: 0 | 1 | 2;
  heading: boolean;
  /** The outcome group a row or heading belongs to. */
  group?: OutcomeGroupKey;
}

/** Every line of table 三 in a format, in the official order, headings included. */
export function table3Layout(format: ReportFormat): Table3Line[] {
  const lines: Table3Line[] = [
    { key: 'received', label: table3Labels.received!, level: 0, heading: false },
    { key: 'carriedOver', label: table3Labels.carriedOver!, level: 0, heading: false },
    { key: 'heading.outcomes', label: table3Labels['heading.outcomes']!, level: 0, heading: true },
  ];
  let group: string | null = null;
  for (const row of outcomeRowsOf(format)) {
    const g = outcomeGroupOf(row);
    if (row.includes('.') && g !== group) lines.push({ key: `heading.${g}`, label: table3Labels[`heading.${g}`]!, level: 1, heading: true, group: g });
    group = g;
    lines.push({ key: row, label: table3Labels[row]!, level: row.includes('.') ? 2 : 1, heading: false, group: g });
  }
  lines.push({ key: 'total', label: table3Labels.total!, level: 1, heading: false });
  lines.push({ key: 'carriedForward', label: table3Labels.carriedForward!, level: 0, heading: false });
  return lines;
}

/** The label of a row of table 三 (e.g. for a balance check's cells). */
export const table3RowLabel = (key: string): string => table3Labels[key] ?? key;

/** The 勾稽关系 line under table 三: 一 + 二 = 三（七） + 四 in the 总计 column, and whether every column balances. */
export function balanceLine(json: ReportJson): string {
  const cell = (k: string, i: number) => json.table3.rows[k]?.[i] ?? 0;
  const [a, b, c, d] = ['received', 'carriedOver', 'total', 'carriedForward'].map((k) => cell(k, 6)) as [number, number, number, number];
  const bad = table3Columns.map((_, i) => i).filter((i) => cell('received', i) + cell('carriedOver', i) !== cell('total', i) + cell('carriedForward', i));
  const status = bad.length ? `以下各列不相符：${bad.map((i) => table3ColumnOrder[i]).join('、')}` : '各列均相符';
  return `勾稽关系：第一项加第二项之和等于第三项加第四项之和，总计列 ${a} + ${b} = ${c} + ${d}${a + b === c + d ? ` = ${a + b}` : ''}（${status}）。`;
}

// ───────────────────────────── table 二 ─────────────────────────────

/** A block of table 二: the article it reports under, its column headings and its rows (keys of `Table2`). */
export interface Table2Block {
  heading: string;
  /** The first column's heading (信息内容) and the number columns' headings, in the order of the rows' values. */
  contentLabel: string;
  columns: { key: string; label: string }[];
  rows: { key: string; label: string }[];
}

const t2Columns: Record<string, string> = {
  issued: '本年制发件数',
  repealed: '本年废止件数',
  inForce: '现行有效件数',
  decisions: '本年处理决定数量',
  amount: '本年收费金额（单位：万元）',
  made: '本年新制作数量',
  published: '本年新公开数量',
  totalPublished: '对外公开总数量',
  lastYearItems: '上一年项目数量',
  change: '本年增/减',
  projects: '采购项目数量',
};
const t2Rows: Record<'2021' | '2019', Record<string, string>> = {
  '2021': { rules: '规章', normativeDocuments: '行政规范性文件', permits: '行政许可', penalties: '行政处罚', enforcement: '行政强制', fees: '行政事业性收费' },
  '2019': {
    rules: '规章',
    normativeDocuments: '规范性文件',
    permits: '行政许可',
    otherServices: '其他对外管理服务事项',
    penalties: '行政处罚',
    enforcement: '行政强制',
    fees: '行政事业性收费',
    procurement: '政府集中采购',
  },
};
const t2Blocks: Record<'2021' | '2019', [string, string[]][]> = {
  '2021': [
    ['第二十条第（一）项', ['rules', 'normativeDocuments']],
    ['第二十条第（五）项', ['permits']],
    ['第二十条第（六）项', ['penalties', 'enforcement']],
    ['第二十条第（八）项', ['fees']],
  ],
  '2019': [
    ['第二十条第（一）项', ['rules', 'normativeDocuments']],
    ['第二十条第（五）项', ['permits', 'otherServices']],
    ['第二十条第（六）项', ['penalties', 'enforcement']],
    ['第二十条第（八）项', ['fees']],
    ['第二十条第（九）项', ['procurement']],
  ],
};

/** The blocks of table 二 in a format (2021 or the 2019 trial layout), in order. */
export function table2Blocks(format: '2021' | '2019'): Table2Block[] {
  return t2Blocks[format].map(([heading, rows]) => {
    const first = table2Layouts[format].find((r) => r.key === rows[0])!;
    const columns = first.columns.map((c) => ({ key: c, label: format === '2019' && c === 'amount' ? '采购总金额' : t2Columns[c]! }));
    return { heading, contentLabel: '信息内容', columns, rows: rows.map((key) => ({ key, label: t2Rows[format][key]! })) };
  });
}

// ───────────────────────────── table 四 ─────────────────────────────

export const table4Labels = {
  reconsideration: '行政复议',
  litigation: '行政诉讼',
  litigationDirect: '未经复议直接起诉',
  litigationAfterReconsideration: '复议后起诉',
  /** The five columns of each block, in the order of `table4Columns`. */
  columns: ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'],
} as const satisfies Record<Table4Block | 'litigation', string> & { columns: readonly string[] };

// ───────────────────────────── legacy statistics ─────────────────────────────

/** One line of the legacy statistics: `key` is a path into `LegacyStats` ('byChannel.fax', 'reconsideration.0' …). */
export interface LegacyLine {
  key: string;
  label: string;
  level: 0 | 1 | 2;
  unit: string;
}

const legacyLines: LegacyLine[] = [
  { key: 'proactive.items', label: '主动公开政府信息数', level: 0, unit: '条' },
  { key: 'proactive.normativeDocuments', label: '其中：主动公开规范性文件数', level: 1, unit: '件' },
  { key: 'received', label: '受理申请数', level: 0, unit: '件' },
  { key: 'byChannel.inPerson', label: '当面申请数', level: 1, unit: '件' },
  { key: 'byChannel.fax', label: '传真申请数', level: 1, unit: '件' },
  { key: 'byChannel.online', label: '网络申请数', level: 1, unit: '件' },
  { key: 'byChannel.letter', label: '信函申请数', level: 1, unit: '件' },
  { key: 'carriedOver', label: '上年结转申请数', level: 0, unit: '件' },
  { key: 'completed', label: '办结数', level: 0, unit: '件' },
  { key: 'onTime', label: '按时办结数', level: 1, unit: '件' },
  { key: 'extended', label: '延期办结数', level: 1, unit: '件' },
  { key: 'answers.alreadyPublished', label: '属于已主动公开范围数', level: 1, unit: '件' },
  { key: 'answers.disclosed', label: '同意公开答复数', level: 1, unit: '件' },
  { key: 'answers.partial', label: '同意部分公开答复数', level: 1, unit: '件' },
  { key: 'answers.withheld', label: '不同意公开答复数', level: 1, unit: '件' },
  { key: 'withheldByReason.stateSecret', label: '涉及国家秘密', level: 2, unit: '件' },
  { key: 'withheldByReason.commercialOrPrivacy', label: '涉及商业秘密或个人隐私', level: 2, unit: '件' },
  { key: 'withheldByReason.security', label: '危及国家安全、公共安全、经济安全和社会稳定', level: 2, unit: '件' },
  { key: 'withheldByReason.notGovernmentInformation', label: '不是《条例》所指政府信息', level: 2, unit: '件' },
  { key: 'withheldByReason.otherLaw', label: '法律法规规定的其他情形', level: 2, unit: '件' },
  { key: 'answers.notThisAgency', label: '不属于本行政机关公开数', level: 1, unit: '件' },
  { key: 'answers.notExist', label: '申请信息不存在数', level: 1, unit: '件' },
  { key: 'answers.correction', label: '告知作出更改补充数', level: 1, unit: '件' },
  { key: 'answers.otherChannel', label: '告知通过其他途径办理数', level: 1, unit: '件' },
  { key: 'answers.other', label: '其他情形（撤回申请等）', level: 1, unit: '件' },
  { key: 'carriedForward', label: '结转下年度办理数', level: 0, unit: '件' },
  { key: 'reconsideration', label: '行政复议数', level: 0, unit: '件' },
  { key: 'reconsideration.0', label: '维持具体行政行为数', level: 1, unit: '件' },
  { key: 'reconsideration.1', label: '被依法纠错数', level: 1, unit: '件' },
  { key: 'reconsideration.2', label: '其他情形数', level: 1, unit: '件' },
  { key: 'litigation', label: '行政诉讼数', level: 0, unit: '件' },
  { key: 'litigation.0', label: '维持具体行政行为或者驳回原告诉讼请求数', level: 1, unit: '件' },
  { key: 'litigation.1', label: '被依法纠错数', level: 1, unit: '件' },
  { key: 'litigation.2', label: '其他情形数', level: 1, unit: '件' },
  { key: 'fees', label: '依申请提供政府信息收取的费用', level: 0, unit: '元' },
];

/** The legacy statistics table, line by line (the 2007 regulation's statistics, as in the 2017 city report). */
export function legacyLayout(): LegacyLine[] {
  return legacyLines.map((l) => ({ ...l }));
}

/** The number of a legacy line ('reconsideration' without an index is the sum of its three). */
export function legacyValue(stats: LegacyStats, key: string): number {
  const [a, b] = key.split('.') as [keyof LegacyStats, string | undefined];
  const v = stats[a] as unknown;
  if (Array.isArray(v)) return b === undefined ? (v as number[]).reduce((x, y) => x + y, 0) : ((v as number[])[Number(b)] ?? 0);
  if (v && typeof v === 'object') return Number((v as Record<string, number>)[b!] ?? 0);
  return Number(v ?? 0);
}

// ───────────────────────────── balance checks ─────────────────────────────

/** What each balance check rule verifies, in the report's own words (spreadsheet 勾稽关系, Word). */
export const checkRuleLabels: Record<string, string> = {
  'table3.balance': '表三各列：一 + 二 = 三（七） + 四',
  'table3.leafSum': '表三各列：三（七）总计 = 各项办理结果之和',
  'table3.rowTotal': '表三各行：总计 = 各类申请人之和',
  'table3.carriedOver': '表三各列：上年“结转下年度继续办理” = 本年“上年结转”',
  'table4.blockTotal': '表四各栏：总计 = 维持 + 纠正 + 其他 + 尚未审结',
  'rollup.sum': '汇总数 = 各单位数之和',
  'legacy.answers': '答复数之和 = 办结数',
  'legacy.completed': '按时办结 + 延期办结 = 办结数',
  'legacy.channels': '各渠道申请数之和 = 受理申请数',
  'legacy.withheld': '不同意公开的各项理由之和 = 不同意公开答复数',
  'legacy.balance': '受理 + 上年结转 = 办结 + 结转下年度',
};
