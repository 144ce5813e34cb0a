/**
 * The demo city's catalog: the documents the 2017 annual report names (with plausible metadata and short
 * bodies marked 演示内容), the 2017 annual report itself (its text, in hengshui-2017-annual-report.txt), and
 * a few thousand generated items spread over the agencies, kinds, topics and the years 2017–2026, built from
 * the report's vocabulary. Everything is deterministic (a seeded generator, no clock), so a reload produces
 * the same lines; every line carries a `ref`, which the import upserts per agency, so a reload updates the
 * items instead of duplicating them.
 *
 * The lines are loaded through the bulk import (`importPublications`), the same path as
 * `gongkai import publications`: checked, then written in batches through publications.importPublished.
 */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { addDays, dayOfWeek, type IsoDate } from '../kernel/calendar/index.ts';
import { cliActor } from '../modules/audit/index.ts';
import { importPublications, issueAsFieldIssue, type ImportLine, type KeyArea, type Kind } from '../modules/catalog/index.ts';
import type { Services } from '../services.ts';
import { demoAgencies, DEMO_HOME } from './city.ts';
import { prng, type Rng } from './prng.ts';

/** Every body starts with this line: the text is invented for the demo (except the annual report's). */
export const DEMO_MARK = '（演示内容）';

/** How many items the generator adds to the named documents. */
export const GENERATED_ITEMS = 3000;

/** The last day generated items are published on: fixed, so that reloads are identical whatever the date. */
const LAST_DAY = '2026-10-30';


// ---------------------------------------------------------------------------------------------
// The report's text and vocabulary

const reportText = readFileSync(new URL('./hengshui-2017-annual-report.txt', import.meta.url), 'utf8');

/** Sentences of the report (for the demo bodies), 20–110 characters each. */
const reportSentences: string[] = reportText
  .split(/\n+/)
  .flatMap((p) => p.split(/(?<=。)/))
  .map((s) => s.replace(/^（[一二三四五六七八]）/, '').replace(/^[一二三四五六]、/, '').trim())
  .filter((s) => s.length >= 20 && s.length <= 110 && s.endsWith('。') && !/^本报告|^本年度报告|联系/.test(s));

interface Theme {
  topic: string;
  topics?: string[];
  columns: KeyArea[];
  /** Subjects of work (工作事项), as the report and real portals phrase them. */
  subjects: string[];
  /** Words that pick matching sentences of the report for the bodies. */
  words: string[];
  /** What its statistics are about. */
  stats: string[];
  /** Its key-area items: title templates with {place} {year} {month} {quarter}. */
  keyItems: string[];
  /** Document-number abbreviation of a city department (衡 + this); county departments use the county's character. */
  abbr: string;
}

const themes: Record<string, Theme> = {
  GOV: {
    topic: '综合政务/政务公开',
    topics: ['综合政务/政务公开', '综合政务/政务督查', '综合政务/应急管理', '综合政务/电子政务', '国民经济管理、国有资产监管/宏观经济', '城乡建设、环境保护/城市规划', '市场监管、安全生产监管/安全生产监管'],
    columns: ['streamlining', 'majorProjects', 'fiscal'],
    subjects: ['政务公开', '优化营商环境', '安全生产', '防汛抗旱', '重大行政决策', '政务督查', '“互联网+政务服务”', '政府网站建设和管理', '新闻发布', '政策解读和舆情回应', '重点项目建设', '民生实事'],
    words: ['政务公开', '公开', '决策', '政府网站', '新闻发布'],
    stats: ['国民经济主要指标', '重点项目建设进展情况', '政务服务办件情况'],
    keyItems: ['{place}{year}年重点建设项目计划', '{place}{year}年民生实事项目进展情况', '{place}权责清单（{year}年调整）', '{place}{year}年政府债务限额和余额情况'],
    abbr: '政',
  },
  FGW: {
    topic: '国民经济管理、国有资产监管/宏观经济',
    topics: ['国民经济管理、国有资产监管/宏观经济', '国民经济管理、国有资产监管/重大建设项目', '国民经济管理、国有资产监管/物价', '财政、金融、审计/社会信用体系建设'],
    columns: ['majorProjects', 'ppp', 'feeReduction'],
    subjects: ['重点项目建设', '政府和社会资本合作（PPP）项目', '价格监测', '社会信用体系建设', '投资项目审批', '减税降费降成本', '国民经济和社会发展计划'],
    words: ['项目', 'PPP', '信用', '降成本', '投资'],
    stats: ['重要民生商品价格监测情况', '固定资产投资运行情况'],
    keyItems: ['{place}{year}年重点建设项目计划', '{place}{year}年政府和社会资本合作（PPP）项目库', '“信用衡水”{year}年第{quarter}季度信用红黑榜', '{place}执行的政府定价目录（{year}年版）'],
    abbr: '发改',
  },
  JYJ: {
    topic: '科技、教育/教育',
    columns: ['education'],
    subjects: ['义务教育均衡发展', '学前教育', '学生资助', '中小学招生入学', '教师队伍建设', '校园安全', '职业教育', '教育督导'],
    words: ['教育', '学校', '民生'],
    stats: ['教育事业发展统计情况', '学生资助资金发放情况'],
    keyItems: ['{place}{year}年义务教育阶段学校招生入学工作方案', '{place}{year}年学生资助政策及资金发放情况', '{place}{year}年民办学校年检结果公示', '{place}{year}年中小学教师招聘拟聘用人员公示'],
    abbr: '教',
  },
  KJJ: {
    topic: '科技、教育/科技',
    topics: ['科技、教育/科技', '科技、教育/知识产权'],
    columns: ['feeReduction'],
    subjects: ['科技创新', '高新技术企业认定', '科技型中小企业培育', '科技成果转化', '知识产权保护'],
    words: ['科技', '创新'],
    stats: ['科技型中小企业发展情况'],
    keyItems: ['{place}{year}年科技计划项目立项公示', '{place}{year}年高新技术企业认定名单'],
    abbr: '科',
  },
  GXJ: {
    topic: '工业、交通/信息产业（含电信）',
    topics: ['工业、交通/信息产业（含电信）', '工业、交通/机械制造与重工业', '工业、交通/轻工纺织'],
    columns: ['feeReduction'],
    subjects: ['工业转型升级', '减轻企业负担', '中小企业发展', '信息化建设', '工业节能'],
    words: ['企业', '减负', '降费'],
    stats: ['规模以上工业生产情况'],
    keyItems: ['{place}减轻企业负担政策汇编（{year}年）', '{place}{year}年涉企收费目录清单'],
    abbr: '工信',
  },
  GAJ: {
    topic: '公安、安全、司法/公安',
    columns: ['enforcement'],
    subjects: ['户籍管理', '道路交通安全', '出入境管理', '治安管理', '电信网络诈骗防范'],
    words: ['公安', '执法'],
    stats: ['道路交通事故情况'],
    keyItems: ['{place}{year}年第{quarter}季度行政处罚信息公示', '{place}{year}年{month}月交通违法曝光'],
    abbr: '公',
  },
  MZJ: {
    topic: '民政、扶贫、救灾/社会福利',
    topics: ['民政、扶贫、救灾/社会福利', '民政、扶贫、救灾/社团管理', '民政、扶贫、救灾/减灾救灾', '民政、扶贫、救灾/行政区划与地名'],
    columns: ['socialAssistance'],
    subjects: ['城乡低保', '特困人员救助供养', '临时救助', '养老服务', '社会组织管理', '殡葬管理'],
    words: ['民生', '救助', '民政'],
    stats: ['社会救助资金发放情况', '养老服务机构情况'],
    keyItems: ['{place}{year}年第{quarter}季度城乡低保资金发放情况', '{place}{year}年特困人员救助供养情况公示', '{place}{year}年社会组织年检结果公告'],
    abbr: '民',
  },
  CZJ: {
    topic: '财政、金融、审计/财政',
    columns: ['fiscal'],
    subjects: ['预算公开', '决算公开', '政府债务管理', '政府采购', '财政专项资金管理', '预算绩效管理'],
    words: ['预算', '决算', '债务', '财政'],
    stats: ['财政收支情况'],
    keyItems: ['{place}{year}年政府债务限额和余额情况', '{place}{year}年市级财政预算公开', '{place}{year}年政府采购意向公开', '{place}{year}年财政专项资金分配结果'],
    abbr: '财',
  },
  RSJ: {
    topic: '劳动、人事、监察/劳动就业',
    topics: ['劳动、人事、监察/劳动就业', '劳动、人事、监察/社会保障', '劳动、人事、监察/人事工作'],
    columns: ['socialAssistance'],
    subjects: ['就业创业', '社会保险', '职业技能培训', '人才引进', '劳动保障监察'],
    words: ['就业', '人力资源', '社会保障'],
    stats: ['城镇新增就业情况', '社会保险参保情况'],
    keyItems: ['{place}{year}年就业补助资金使用情况', '{place}{year}年重大劳动保障违法行为公布'],
    abbr: '人社',
  },
  ZRZYJ: {
    topic: '国土资源、能源/土地',
    topics: ['国土资源、能源/土地', '国土资源、能源/矿产', '城乡建设、环境保护/城市规划'],
    columns: ['agriculture'],
    subjects: ['土地征收', '国土空间规划', '不动产登记', '耕地保护', '地质灾害防治'],
    words: ['土地', '征收'],
    stats: ['建设用地供应情况'],
    keyItems: ['{place}{year}年征收土地预公告', '{place}{year}年国有建设用地供应计划'],
    abbr: '自然资规',
  },
  STHJJ: {
    topic: '城乡建设、环境保护/环境监测、保护与治理',
    columns: ['environment', 'enforcement'],
    subjects: ['大气污染防治', '排污许可', '环境影响评价', '水污染防治', '生态环境执法'],
    words: ['环保', '排污', '黑名单', '环境'],
    stats: ['环境空气质量状况'],
    keyItems: ['{year}年{month}月环保守法不良企业“黑名单”公示', '{place}{year}年{month}月环境空气质量排名', '{place}{year}年重点排污单位名录'],
    abbr: '环',
  },
  ZJJ: {
    topic: '城乡建设、环境保护/城乡建设（含住房）',
    columns: ['housing'],
    subjects: ['保障性住房', '老旧小区改造', '建筑市场监管', '房地产市场调控', '城镇燃气安全'],
    words: ['住建', '住房'],
    stats: ['商品房销售情况'],
    keyItems: ['{place}{year}年保障性住房分配结果公示', '{place}{year}年老旧小区改造计划'],
    abbr: '建',
  },
  JTJ: {
    topic: '工业、交通/公路',
    topics: ['工业、交通/公路', '工业、交通/铁路', '工业、交通/邮政'],
    columns: ['majorProjects'],
    subjects: ['农村公路建设', '道路运输管理', '城乡公交一体化', '交通运输安全'],
    words: ['交通', '物流'],
    stats: ['公路水路运输量'],
    keyItems: ['{place}{year}年农村公路建设计划', '{place}{year}年交通建设项目招标信息'],
    abbr: '交',
  },
  NYNCJ: {
    topic: '农业、林业、水利/农业、畜牧业、渔业',
    topics: ['农业、林业、水利/农业、畜牧业、渔业', '农业、林业、水利/水利', '农业、林业、水利/林业'],
    columns: ['agriculture'],
    subjects: ['农业补贴', '农村土地承包经营权确权登记颁证', '农产品质量安全', '高标准农田建设', '农村产权制度改革', '惠农政策宣传'],
    words: ['农', '土地承包', '惠农'],
    stats: ['农产品批发市场价格', '主要农作物播种情况'],
    keyItems: ['{year}年{month}月{place}农产品批发市场价格信息', '{place}{year}年耕地地力保护补贴发放情况', '{place}{year}年农机购置补贴资金使用情况'],
    abbr: '农',
  },
  SWJ: {
    topic: '商贸、海关、旅游/国内贸易（含供销）',
    topics: ['商贸、海关、旅游/国内贸易（含供销）', '商贸、海关、旅游/对外经贸合作', '商贸、海关、旅游/旅游'],
    columns: [],
    subjects: ['外贸稳增长', '电子商务进农村', '促进消费', '招商引资', '成品油市场监管'],
    words: ['商务', '企业'],
    stats: ['社会消费品零售总额', '进出口情况'],
    keyItems: ['{place}{year}年外经贸发展专项资金公示'],
    abbr: '商',
  },
  WJW: {
    topic: '卫生、体育/卫生',
    topics: ['卫生、体育/卫生', '卫生、体育/医药管理', '人口与计划生育、妇女儿童工作/人口与计划生育'],
    columns: ['health'],
    subjects: ['基本公共卫生服务', '家庭医生签约服务', '医疗机构监管', '传染病防控', '妇幼健康', '医疗卫生服务体系建设'],
    words: ['卫生', '医疗', '卫计'],
    stats: ['法定传染病疫情概况', '医疗服务情况'],
    keyItems: ['{place}{year}年{month}月法定传染病疫情概况', '{place}{year}年医疗机构“双随机”抽查结果'],
    abbr: '卫',
  },
  SJJ: {
    topic: '财政、金融、审计/审计',
    columns: ['fiscal'],
    subjects: ['审计整改', '经济责任审计', '政府投资项目审计'],
    words: ['审计'],
    stats: ['审计工作情况'],
    keyItems: ['关于{place}{year}年度市级预算执行和其他财政收支审计查出问题整改情况的报告'],
    abbr: '审',
  },
  SCJGJ: {
    topic: '市场监管、安全生产监管/食品药品监管',
    topics: ['市场监管、安全生产监管/食品药品监管', '市场监管、安全生产监管/工商', '市场监管、安全生产监管/质量监督', '市场监管、安全生产监管/标准'],
    columns: ['foodDrugSafety', 'enforcement'],
    subjects: ['食品安全监督抽检', '“双随机一公开”监管', '特种设备安全', '商事制度改革', '产品质量监督抽查', '行政许可标准化'],
    words: ['随机', '抽查', '监管', '许可'],
    stats: ['市场主体发展情况'],
    keyItems: ['{year}年第{quarter}期食品安全监督抽检信息公告', '{place}{year}年“双随机一公开”抽查结果', '{place}{year}年第{quarter}季度行政处罚信息公示'],
    abbr: '市监',
  },
  TJJ: {
    topic: '国民经济管理、国有资产监管/统计',
    columns: [],
    subjects: ['统计调查', '经济普查', '人口抽样调查', '统计执法检查'],
    words: ['统计', '数据'],
    stats: ['国民经济主要指标', '居民消费价格运行情况', '规模以上工业增加值'],
    keyItems: ['{place}{year}年国民经济和社会发展统计公报'],
    abbr: '统',
  },
  FPB: {
    topic: '民政、扶贫、救灾/扶贫',
    columns: ['poverty'],
    subjects: ['精准扶贫', '扶贫项目资金管理', '产业扶贫', '易地扶贫搬迁', '脱贫攻坚成果巩固'],
    words: ['扶贫', '脱贫', '贫困'],
    stats: ['扶贫资金使用情况'],
    keyItems: ['{place}{year}年扶贫项目资金实施计划公示', '{place}{year}年财政专项扶贫资金分配结果', '{place}{year}年扶贫项目库'],
    abbr: '扶贫',
  },
  XZSPJ: {
    topic: '综合政务/电子政务',
    topics: ['综合政务/电子政务', '国民经济管理、国有资产监管/经济体制改革'],
    columns: ['streamlining', 'publicResources'],
    subjects: ['“放管服”改革', '政务服务事项标准化', '“一枚印章管审批”', '“互联网+政务服务”', '行政审批中介服务', '公共资源交易'],
    words: ['审批', '政务服务', '一枚印章', '公共资源'],
    stats: ['政务服务办件情况', '公共资源交易情况'],
    keyItems: ['{place}政务服务事项目录清单（{year}年版）', '{year}年{month}月{place}公共资源交易项目信息汇总', '{place}行政审批中介服务事项清单（{year}年版）'],
    abbr: '审批',
  },
  JRJ: {
    topic: '财政、金融、审计/银行',
    topics: ['财政、金融、审计/银行', '财政、金融、审计/证券', '财政、金融、审计/保险'],
    columns: [],
    subjects: ['地方金融监管', '防范和处置非法集资', '企业上市', '普惠金融'],
    words: ['金融'],
    stats: ['金融运行情况'],
    keyItems: ['{place}{year}年小额贷款公司监管评级结果'],
    abbr: '金融',
  },
  TOWN: {
    topic: '综合政务/政务公开',
    topics: ['综合政务/政务公开', '民政、扶贫、救灾/社会福利', '农业、林业、水利/农业、畜牧业、渔业'],
    columns: ['socialAssistance', 'agriculture'],
    subjects: ['村务公开', '人居环境整治', '基层政务公开标准化规范化', '网格化管理', '农村低保'],
    words: ['基层', '村'],
    stats: ['低保户享受情况'],
    keyItems: ['{place}{year}年第{quarter}季度低保户享受情况公示', '{place}{year}年惠农补贴发放情况公示'],
    abbr: '政',
  },
};
/** County departments (code suffix → city theme). */
const countyDeptTheme: Record<string, string> = { FGJ: 'FGW', JYJ: 'JYJ', CZJ: 'CZJ', XZSPJ: 'XZSPJ' };
/** Document-number characters of the counties (桃政字〔2019〕3号). */
const countyChar: Record<string, string> = { TC: '桃', JZ: '冀', ZQ: '枣', WY: '武邑', WQ: '武强', RY: '饶', AP: '安', GC: '故', JX: '景', FC: '阜', SZ: '深' };

interface DemoAgency {
  code: string;
  name: string;
  /** The short name used in news titles (市教育局, 桃城区). */
  short: string;
  /** The place its documents speak for (衡水市, 桃城区). */
  place: string;
  theme: Theme;
  /** Document-number prefix, e.g. 衡教 or 桃财. */
  docPrefix: string;
  government: boolean;
  cityDepartment: boolean;
  weight: number;
}

function demoAgencyList(): DemoAgency[] {
  return demoAgencies.map((a) => {
    const parts = a.code.split('-');
    const county = parts[1] && countyChar[parts[1]] ? parts[1] : null;
    const place = county ? demoAgencies.find((x) => x.code === `HS-${county}`)!.name.replace('人民政府', '') : '衡水市';
    if (a.code === DEMO_HOME) return { code: a.code, name: a.name, short: '市政府', place, theme: themes.GOV, docPrefix: '衡政', government: true, cityDepartment: false, weight: 8 };
    if (a.kind === 'government') return { code: a.code, name: a.name, short: place, place, theme: themes.GOV, docPrefix: `${countyChar[county!]}政`, government: true, cityDepartment: false, weight: 3 };
    if (a.kind === 'township') return { code: a.code, name: a.name, short: a.name.replace('人民政府', '').replace('办事处', ''), place: a.name.replace('人民政府', '').replace('办事处', ''), theme: themes.TOWN, docPrefix: a.code === 'HS-TC-HXJD' ? '河西街办' : '郑家河沿政', government: false, cityDepartment: false, weight: 1 };
    if (!county) {
      const theme = themes[parts[1]] ?? themes.GOV;
      return { code: a.code, name: a.name, short: a.shortName ?? a.name, place, theme, docPrefix: `衡${theme.abbr}`, government: false, cityDepartment: true, weight: a.code === 'HS-JYJ' ? 4 : 3 };
    }
    const theme = themes[countyDeptTheme[parts[2]]] ?? themes.GOV;
    return { code: a.code, name: a.name, short: a.name, place, theme, docPrefix: `${countyChar[county]}${theme.abbr}`, government: false, cityDepartment: false, weight: 1 };
  });
}

// ---------------------------------------------------------------------------------------------
// Dates

/** A weekday (Monday–Friday) on or before `d`. */
function weekdayOnOrBefore(d: IsoDate): IsoDate {
  const w = dayOfWeek(d);
  return w === 0 ? addDays(d, -2) : w === 6 ? addDays(d, -1) : d;
}
function weekdayOnOrAfter(d: IsoDate): IsoDate {
  const w = dayOfWeek(d);
  return w === 0 ? addDays(d, 1) : w === 6 ? addDays(d, 2) : d;
}
/** Office hours in Beijing, as an instant with its offset. */
function instant(rng: Rng, d: IsoDate): string {
  const minutes = rng.int(8 * 60 + 30, 17 * 60 + 30);
  return `${d}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00+08:00`;
}

// ---------------------------------------------------------------------------------------------
// The documents the 2017 report names (and a few that follow from them)

interface Named {
  ref: string;
  agency: string;
  coIssuers?: string[];
  title: string;
  docNo?: string;
  kind: Kind;
  topic: string;
  genre: string;
  columns?: KeyArea[];
  keywords: string[];
  summary: string;
  body: string[];
  writtenAt: IsoDate;
  publishedAt: string;
  validity?: ImportLine['validity'];
  /** Refs of interpretations to add: [ref, title, body]. */
  interpretation?: { title: string; body: string[] };
  audience?: string[];
}

const at = (d: IsoDate, time = '10:00') => `${d}T${time}:00+08:00`;

function namedDocuments(): Named[] {
  const zwgk = '综合政务/政务公开';
  return [
    {
      ref: 'demo-2017-zwgk-fjfa', agency: 'HS', title: '衡水市人民政府办公室关于印发衡水市2017年政务公开工作任务分解方案的通知', docNo: '衡政办字〔2017〕21号',
      kind: 'plan', topic: zwgk, genre: '通知', keywords: ['政务公开', '任务分解'], summary: '对2017年全市政务公开工作进行全面安排部署，逐项明确责任单位和完成时限。',
      body: ['各县市区人民政府，市政府有关部门：', '《衡水市2017年政务公开工作任务分解方案》已经市政府同意，现印发给你们，请认真贯彻执行。', '各地各部门要按照任务分解要求，明确分管领导和具体承办人员，确保各项任务落实到位。'],
      writtenAt: '2017-04-14', publishedAt: at('2017-04-19'),
    },
    {
      ref: 'demo-2017-zwgk-xize', agency: 'HS', title: '衡水市人民政府办公室转发河北省人民政府办公厅关于印发河北省政务公开工作实施细则的通知', docNo: '衡政办字〔2017〕26号',
      kind: 'notice', topic: zwgk, genre: '通知', keywords: ['政务公开', '实施细则'], summary: '转发《河北省政务公开工作实施细则》，从工作机制、政策解读、平台建设、舆情回应、扩大公众参与等方面规范政务公开工作。',
      body: ['各县市区人民政府，市政府有关部门：', '现将《河北省人民政府办公厅关于印发河北省政务公开工作实施细则的通知》转发给你们，请结合实际，认真贯彻落实。', '各地各部门要严格按照实施细则开展工作，加快政务公开推进步伐，确保政务公开工作依法有序、顺利高效进行。'],
      writtenAt: '2017-05-08', publishedAt: at('2017-05-11'),
    },
    {
      ref: 'demo-2017-flgw', agency: 'HS', title: '衡水市政府法律顾问会议制度', docNo: '衡政办字〔2017〕30号',
      kind: 'normativeDocument', topic: '综合政务/其他', genre: '通知', keywords: ['法律顾问', '依法决策'], summary: '明确法律专家列席政府常务会议和有关专题会议、发表法律意见的程序，提高政府决策专业化、法制化水平。',
      body: ['第一条 为发挥政府法律顾问在推进依法行政中的作用，提高政府决策专业化、法制化水平，制定本制度。', '第二条 市政府法律专家咨询委员会成员列席市政府常务会议和有关专题会议，对会议议题发表法律意见。', '第三条 本制度自印发之日起施行。'],
      writtenAt: '2017-05-22', publishedAt: at('2017-05-26'), validity: { status: 'inForce', from: '2017-05-26', until: null },
    },
    {
      ref: 'demo-2017-zdjc-fxpg', agency: 'HS', title: '衡水市重大行政决策风险评估暂行办法', docNo: '衡政办字〔2017〕41号',
      kind: 'normativeDocument', topic: '综合政务/其他', genre: '通知', keywords: ['重大行政决策', '风险评估'], summary: '对涉及群众切身利益的重大政策措施、重点工程项目等重大行政决策，明确必须进行风险评估，形成书面评估报告。',
      body: ['第一条 为规范重大行政决策风险评估工作，增强决策透明度，防范和化解决策风险，制定本办法。', '第二条 对社会关注的热点、难点问题以及涉及群众切身利益的重大政策措施、重点工程项目等重大行政决策，必须进行风险评估。', '第三条 风险评估应当形成总体评估、合法性评估、合理性评估、可控性评估等方面的书面《重大行政决策风险评估报告》。', '第四条 本办法自2017年8月1日起施行，有效期2年。'],
      writtenAt: '2017-07-10', publishedAt: at('2017-07-14'), validity: { status: 'repealed', from: '2017-08-01', until: '2020-06-30', replacedBy: 'demo-2020-zdjc-chengxu' },
      interpretation: { title: '《衡水市重大行政决策风险评估暂行办法》政策解读', body: ['一、制定背景：为增强决策透明度，推进决策公开，防范决策风险。', '二、主要内容：明确风险评估的范围、主体、程序和评估报告的内容。', '三、适用范围：涉及群众切身利益的重大政策措施和重点工程项目。'] },
    },
    {
      ref: 'demo-2017-yqhy', agency: 'HS', title: '衡水市人民政府办公室关于在政务公开工作中进一步加强政务舆情回应的实施意见', docNo: '衡政办字〔2017〕18号',
      kind: 'normativeDocument', topic: zwgk, genre: '意见', keywords: ['政务舆情', '回应'], summary: '明确政务舆情回应的责任主体、回应时限和工作机制，提高政务舆情回应实效。',
      body: ['一、明确政务舆情回应责任。按照属地管理、分级负责、谁主管谁负责的原则，做好政务舆情回应工作。', '二、把握需重点回应的政务舆情标准。', '三、提高政务舆情回应实效，及时准确向公众传递政策意图。'],
      writtenAt: '2017-03-27', publishedAt: at('2017-03-31'), validity: { status: 'inForce', from: '2017-03-31', until: null },
    },
    {
      ref: 'demo-2017-xwfb-tz', agency: 'HS', title: '衡水市人民政府办公室关于进一步加强衡水市政务公开新闻发布工作的通知', docNo: '衡政办字〔2017〕35号',
      kind: 'notice', topic: zwgk, genre: '通知', keywords: ['新闻发布', '新闻发言人'], summary: '建立和完善新闻发布“4+2+1·N”工作机制，明确各部门每年举办新闻发布会的场次。',
      body: ['各县市区人民政府，市政府有关部门：', '为进一步加强全市政务公开新闻发布工作，现就有关事项通知如下：', '发改、教育、民政、扶贫等与宏观经济、民生关系密切以及社会关注事项较多的市政府部门，每年至少举办4次新闻发布会。'],
      writtenAt: '2017-06-12', publishedAt: at('2017-06-15'),
    },
    {
      ref: 'demo-2017-xwfb-khbf', agency: 'HS', title: '衡水市新闻发布工作考核办法', docNo: '衡政办字〔2017〕36号',
      kind: 'normativeDocument', topic: zwgk, genre: '通知', keywords: ['新闻发布', '考核'], summary: '对各县市区政府和市政府各部门新闻发布工作的考核内容、考核方式和结果运用作出规定。',
      body: ['第一条 为规范全市新闻发布工作，推动新闻发布制度化、常态化，制定本办法。', '第二条 考核对象为各县市区人民政府、市政府各部门。', '第三条 考核内容包括新闻发布会举办场次、发布内容质量、舆情回应及时性等。'],
      writtenAt: '2017-06-12', publishedAt: at('2017-06-15', '15:00'), validity: { status: 'inForce', from: '2017-07-01', until: null },
      interpretation: { title: '《衡水市新闻发布工作考核办法》解读', body: ['一、为什么要出台考核办法：推动新闻发布工作制度化、常态化。', '二、考核什么：新闻发布会场次、发布质量和舆情回应。', '三、考核结果如何运用：纳入政务公开年度绩效考核。'] },
    },
    {
      ref: 'demo-2017-xwfb-jh', agency: 'HS', title: '2017年衡水市新闻发布会发布计划', kind: 'plan', topic: zwgk, genre: '其他', keywords: ['新闻发布会', '发布计划'],
      summary: '计划全年举行25场常规性新闻发布会，明确各场发布会的发布单位和发布主题。',
      body: ['为切实发挥好新闻发布会这一权威发布平台作用，编制2017年衡水市新闻发布会发布计划。', '全年计划举行25场常规性新闻发布会，各县市区和市直各部门根据工作需要可另行策划和组织新闻发布会。'],
      writtenAt: '2017-02-20', publishedAt: at('2017-02-23'),
    },
    {
      ref: 'demo-2017-xwfyr', agency: 'HS', title: '衡水市2017年新闻发言人名单', kind: 'notice', topic: zwgk, genre: '公告', keywords: ['新闻发言人'],
      summary: '公布全市138个单位新闻发言人名单及联系方式（演示数据）。',
      body: ['对全市新闻发言人进行了重新登记，更新了全市138个单位新闻发言人档案库信息，现予以公布。', '（演示数据：名单从略。）'],
      writtenAt: '2017-07-03', publishedAt: at('2017-07-06'),
    },
    {
      ref: 'demo-2017-zwgk-khzb', agency: 'HS', title: '衡水市2017年度政务公开工作考核指标体系', docNo: '衡政办字〔2017〕52号',
      kind: 'normativeDocument', topic: zwgk, genre: '通知', keywords: ['政务公开', '考核'], summary: '将各县市区政府、市政府各部门政务公开考核工作全面细化、量化。',
      body: ['为切实增强各地各部门做好政务公开工作的责任意识，结合我市工作实际，制定本考核指标体系。', '考核指标包括组织领导、制度建设、主动公开、政策解读、回应关切、依申请公开、平台建设等方面。', '本指标体系适用于2017年度政务公开工作考核。'],
      writtenAt: '2017-09-11', publishedAt: at('2017-09-14'), validity: { status: 'expired', from: '2017-09-14', until: '2017-12-31' },
    },
    {
      ref: 'demo-2017-tzml', agency: 'HS', title: '衡水市政府核准的投资项目目录（2017年本）', docNo: '衡政字〔2017〕19号',
      kind: 'normativeDocument', topic: '国民经济管理、国有资产监管/重大建设项目', genre: '通知', columns: ['majorProjects', 'streamlining'], keywords: ['投资项目', '核准'],
      summary: '明确由市政府核准的投资项目范围，填补了全市没有政府核准的投资项目目录的空白。',
      body: ['一、企业投资建设本目录内的固定资产投资项目，须按照规定报送有关项目核准机关核准。', '二、本目录外的企业投资项目，实行备案管理。', '三、本目录自发布之日起执行。'],
      writtenAt: '2017-08-21', publishedAt: at('2017-08-25'), validity: { status: 'inForce', from: '2017-08-25', until: null },
      interpretation: { title: '《衡水市政府核准的投资项目目录（2017年本）》政策解读', body: ['一、出台目的：深化投资审批制度改革，进一步落实企业投资自主权。', '二、主要变化：大幅缩减核准范围，目录外项目一律实行备案。'] },
    },
    {
      ref: 'demo-2017-zdxm', agency: 'HS-FGW', title: '衡水市2017年重点项目名单', kind: 'keyArea', topic: '国民经济管理、国有资产监管/重大建设项目', genre: '其他', columns: ['majorProjects'], keywords: ['重点项目'],
      summary: '经市政府研究通过的246项重点项目名单，其中计划开工项目85项、续建保投产项目55项、前期项目106项。',
      body: ['对全市各县市区及市政府各部门上报的重点项目计划进行了现场核查、论证评估、征求意见和项目会审。', '共筛选出85项计划开工项目、55项续建保投产项目和106项前期项目，现将246项重点项目名单予以公示。'],
      writtenAt: '2017-02-27', publishedAt: at('2017-03-02'),
    },
    {
      ref: 'demo-2017-ppp', agency: 'HS-FGW', title: '衡水市政府和社会资本合作（PPP）项目库（2017年）', kind: 'keyArea', topic: '国民经济管理、国有资产监管/重大建设项目', genre: '其他', columns: ['ppp'], keywords: ['PPP', '项目库'],
      summary: '涉及城市基础设施、交通水利、环境保护、生态建设、公共服务等领域项目113项。',
      body: ['按照“既体现衡水实际需求，又兼顾合理投资回报”原则，发布政府和社会资本合作（PPP）项目库。', '项目库共涉及城市基础设施、交通水利、环境保护、生态建设、公共服务等领域项目113项。'],
      writtenAt: '2017-01-16', publishedAt: at('2017-01-19'),
    },
    ...([
      ['qgx', '衡水市执行的全国性行政事业性收费目录清单'],
      ['qgsq', '衡水市执行的全国涉企行政事业性收费目录清单'],
      ['hbs', '衡水市执行的河北省行政事业性收费目录清单'],
      ['hbsq', '衡水市执行的河北省涉企行政事业性收费目录清单'],
      ['kwf', '衡水市执行的河北省在收全国性考试考务费目录清单'],
      ['jj', '衡水市执行的政府性基金目录清单'],
    ] as const).map(([slug, title], i): Named => ({
      ref: `demo-2017-sf-${slug}`, agency: 'HS-CZJ', coIssuers: ['HS-FGW'], title, kind: 'keyArea', topic: '财政、金融、审计/财政', genre: '其他', columns: ['feeReduction'], keywords: ['收费目录清单', '减税降费'],
      summary: '经市政府研究确定，公布最新执行的收费目录清单，进一步推动涉企收费目录清单制度的落实。',
      body: ['按照中央和省关于减税、降费、降低要素成本的工作部署，现将最新执行的目录清单予以公布。', '目录清单以外的收费项目，一律不得执行。', '（演示数据：清单明细从略。）'],
      writtenAt: '2017-04-05', publishedAt: at(weekdayOnOrAfter(addDays('2017-04-10', i)), '09:30'),
    })),
    {
      ref: 'demo-2017-jfhb', agency: 'HS-GXJ', title: '减轻企业负担政策汇编', kind: 'keyArea', topic: '工业、交通/其他', genre: '其他', columns: ['feeReduction'], keywords: ['减轻企业负担', '政策汇编'],
      summary: '对国家、省、市减负有关政策进行梳理，编制政策汇编5000余册，免费向各县市区及企业发放。',
      body: ['对国家、省、市减负有关政策进行认真梳理，编制《减轻企业负担政策汇编》。', '先后组织财政、税务、发改、工信、科技等部门到各企业进行政策宣讲。'],
      writtenAt: '2017-06-01', publishedAt: at('2017-06-05'),
    },
    {
      ref: 'demo-2017-spj-clcl', agency: 'HS-XZSPJ', title: '衡水市行政审批局挂牌成立', kind: 'news', topic: '综合政务/电子政务', genre: '其他', columns: ['streamlining'], keywords: ['行政审批局', '一枚印章管审批'],
      summary: '市行政审批局挂牌成立，下设公共服务中心、公共资源交易中心、中介服务管理中心，形成“一局三中心”格局。',
      body: ['2017年2月24日，市行政审批局挂牌成立，积极构建为民、务实、高效的政务服务综合体系。', '市行政审批局下设公共服务中心、公共资源交易中心、中介服务管理中心，形成“一局三中心”格局。', '衡水市成为全省首个实现市县两级行政审批局全覆盖的设区市，进入全域“一枚印章管审批”的崭新时代。'],
      writtenAt: '2017-02-24', publishedAt: at('2017-02-24', '16:30'),
    },
    {
      ref: 'demo-2017-zwfw-ml', agency: 'HS-XZSPJ', title: '衡水市市本级政务服务事项目录清单', kind: 'keyArea', topic: '综合政务/电子政务', genre: '其他', columns: ['streamlining'], keywords: ['政务服务事项', '目录清单'],
      summary: '衡水市市本级政务服务事项目录清单536项（不包含县区），全部录入并进行公示。',
      body: ['完成了市编办提供的衡水市市本级政务服务事项目录清单536项（不包含县区）全部录入并进行公示。', '（演示数据：清单明细从略。）'],
      writtenAt: '2017-05-15', publishedAt: at('2017-05-18'),
    },
    {
      ref: 'demo-2017-zjfw', agency: 'HS-XZSPJ', title: '衡水市行政审批中介服务事项清单', kind: 'keyArea', topic: '综合政务/电子政务', genre: '其他', columns: ['streamlining'], keywords: ['中介服务', '清单'],
      summary: '公开行政审批中介服务项目名称、设置依据、服务时限、收费标准。',
      body: ['全面公开服务事项，公布行政审批中介服务事项清单。', '公开服务项目名称、设置依据、服务时限、收费标准，最大限度方便群众办事。'],
      writtenAt: '2017-06-19', publishedAt: at('2017-06-22'),
    },
    {
      ref: 'demo-2017-zwfww', agency: 'HS-XZSPJ', title: '河北省政务服务网衡水分站点正式上线运行', kind: 'news', topic: '综合政务/电子政务', genre: '其他', columns: ['streamlining'], keywords: ['政务服务网', '网上办事'],
      summary: '河北省政务服务网衡水分站点正式上线运行，方便群众网上办事。',
      body: ['12月5日，河北省政务服务网衡水分站点正式上线运行。', '群众可通过分站点查询办事指南、在线申报，实现“让数据多跑路、群众少跑腿”。'],
      writtenAt: '2017-12-05', publishedAt: at('2017-12-05', '17:00'),
    },
    {
      ref: 'demo-2017-xkbzh', agency: 'HS', coIssuers: ['HS-SCJGJ'], title: '衡水市行政许可标准化实施方案', docNo: '衡政办字〔2017〕47号',
      kind: 'normativeDocument', topic: '国民经济管理、国有资产监管/经济体制改革', genre: '通知', columns: ['streamlining'], keywords: ['行政许可', '标准化'],
      summary: '市审改办会同市质监局制定，推进行政许可事项、流程、服务标准化。',
      body: ['一、工作目标：实现行政许可事项名称、设定依据、申请材料、办理时限等要素标准化。', '二、主要任务：编制行政许可事项服务指南和审查工作细则。', '三、保障措施：加强组织领导，强化监督检查。'],
      writtenAt: '2017-08-07', publishedAt: at('2017-08-10'), validity: { status: 'inForce', from: '2017-08-10', until: null },
    },
    {
      ref: 'demo-2017-qzqd-glbf', agency: 'HS', title: '衡水市权责清单管理办法', docNo: '衡政办字〔2017〕49号',
      kind: 'normativeDocument', topic: '国民经济管理、国有资产监管/经济体制改革', genre: '通知', columns: ['powerLists', 'streamlining'], keywords: ['权责清单', '动态调整'],
      summary: '规范清单调整、公布程序，保证清单调整和运行法定化，构建权界清晰、分工合理、权责一致、运转高效的清单管理机制。',
      body: ['第一条 为规范权责清单管理，推进机构、职能、权限、程序、责任法定化，制定本办法。', '第二条 权责清单实行动态调整，调整结果应当及时在政府网站公布。', '第三条 本办法由市审改办负责解释。'],
      writtenAt: '2017-08-28', publishedAt: at('2017-08-31'), validity: { status: 'amended', from: '2017-09-01', until: null },
      interpretation: { title: '《衡水市权责清单管理办法》政策解读', body: ['一、出台背景：在调整完善原有14张清单基础上，进一步规范清单管理。', '二、主要内容：清单调整的情形、程序和公布要求。', '三、工作要求：清单调整结果及时在政府网站公布。'] },
    },
    ...([
      ['zfsx', 'HS', '衡水市行政执法事项清单', 'enforcement'],
      ['sjcc', 'HS-SCJGJ', '衡水市市场监管随机抽查事项清单', 'enforcement'],
      ['rcqz', 'HS-RSJ', '衡水市人才管理服务权责清单', 'powerLists'],
      ['sthj', 'HS-STHJJ', '衡水市生态环境保护监管责任清单', 'environment'],
      ['aqsc', 'HS', '衡水市安全生产监管责任清单', 'powerLists'],
    ] as const).map(([slug, agency, title, column], i): Named => ({
      ref: `demo-2017-qd-${slug}`, agency, title, kind: 'keyArea', topic: '国民经济管理、国有资产监管/经济体制改革', genre: '其他', columns: [column, 'powerLists'].filter((c, j, all) => all.indexOf(c) === j) as KeyArea[], keywords: ['清单管理', '权责清单'],
      summary: '在许可、服务、执法、处罚、监管等领域实现清单全覆盖，进一步增加清单覆盖范围和领域。',
      body: ['按照“放管服”改革要求，新编制本清单，并在政府网站公布。', '（演示数据：清单明细从略。）'],
      writtenAt: '2017-10-16', publishedAt: at(weekdayOnOrAfter(addDays('2017-10-19', i))),
    })),
    {
      ref: 'demo-2017-srgk', agency: 'HS-SCJGJ', title: '衡水市2017年“双随机一公开”跨部门联合抽查结果', kind: 'keyArea', topic: '市场监管、安全生产监管/工商', genre: '公告', columns: ['enforcement'], keywords: ['双随机一公开', '联合抽查'],
      summary: '全市共组织开展“双随机一公开”跨部门联合抽查17次，抽查结果全部对外公示。',
      body: ['2017年，全市共组织开展“双随机一公开”跨部门联合抽查17次，其中市级组织开展联合抽查4次，参与部门10个，检查户数130户。', '县级开展联合抽查13次、228户、230人次，抽查结果全部对外公示。'],
      writtenAt: '2017-12-22', publishedAt: at('2017-12-27'),
    },
    {
      ref: 'demo-2017-yusuan-bf', agency: 'HS-CZJ', title: '衡水市市级预算公开办法', docNo: '衡财预〔2017〕12号',
      kind: 'normativeDocument', topic: '财政、金融、审计/财政', genre: '通知', columns: ['fiscal'], keywords: ['预算公开', '预决算'], audience: ['公民', '法人', '社会组织', '政府机关'],
      summary: '对预算公开的主体、范围、时间和形式、内容、职责、舆情回应等六方面加以明确。',
      body: ['第一条 为规范市级预算公开工作，提高财政透明度，制定本办法。', '第二条 市级预算公开包括政府预算公开和部门预算公开。', '第三条 预算经本级人民代表大会或其常务委员会批准后二十日内，由财政部门向社会公开。'],
      writtenAt: '2017-05-02', publishedAt: at('2017-05-05'), validity: { status: 'inForce', from: '2017-06-01', until: null },
      interpretation: { title: '《衡水市市级预算公开办法》政策解读', body: ['一、为什么出台：深入推进预决算公开，方便公众查阅和监督。', '二、公开什么：政府预算、部门预算及“三公”经费预算。', '三、何时公开：批准后二十日内向社会公开。'] },
    },
    {
      ref: 'demo-2017-juesuan-gf', agency: 'HS-CZJ', title: '衡水市决算公开工作规范', docNo: '衡财预〔2017〕13号',
      kind: 'normativeDocument', topic: '财政、金融、审计/财政', genre: '通知', columns: ['fiscal'], keywords: ['决算公开', '预决算'], audience: ['公民', '法人', '社会组织', '政府机关'],
      summary: '规范市级决算公开的主体、范围、时间和形式，推进决算公开常态化。',
      body: ['一、决算公开的主体为市财政部门和各预算部门。', '二、决算经批准后二十日内向社会公开，部门决算在财政部门批复后二十日内公开。', '三、公开内容应当细化到功能分类的项级科目。'],
      writtenAt: '2017-05-02', publishedAt: at('2017-05-05', '11:00'), validity: { status: 'inForce', from: '2017-06-01', until: null },
      interpretation: { title: '《衡水市决算公开工作规范》解读', body: ['一、规范的主要内容：明确决算公开的主体、时限和内容。', '二、与预算公开办法的关系：二者共同构成预决算公开制度。'] },
    },
    {
      ref: 'demo-2017-yusuan-gk', agency: 'HS-CZJ', title: '衡水市2017年市级财政预算公开', kind: 'budget', topic: '财政、金融、审计/财政', genre: '报告', columns: ['fiscal'], keywords: ['预算', '政府债务'],
      summary: '公开2017年市级政府预算，政府债务余额随预决算文本一并公开。',
      body: ['在政府网站预决算公开统一栏目集中公开2017年市级政府预算。', '政府债务的规模、种类、利率、期限、还本付息、用途等内容一并公布。'],
      writtenAt: '2017-02-10', publishedAt: at('2017-02-15'),
    },
    {
      ref: 'demo-2017-pwxk', agency: 'HS-STHJJ', coIssuers: ['HS-JRJ'], title: '排污许可证“一证式”监督管理办法（试行）', docNo: '衡环发〔2017〕9号',
      kind: 'normativeDocument', topic: '城乡建设、环境保护/环境监测、保护与治理', genre: '通知', columns: ['environment'], keywords: ['排污许可', '黑名单'],
      summary: '在全省率先推行排污许可证“一证式”管理制度，实行环保守法不良企业“黑名单”月报送月公开制度。',
      body: ['第一条 为推行排污许可证“一证式”管理，建立环保诚信体系，制定本办法。', '第二条 被举报查实、督查发现、媒体曝光等证明非法排污的企业，一律列入“黑名单”。', '第三条 列入“黑名单”的企业收回排污许可证，不得享受政府补贴扶持等政策。'],
      writtenAt: '2017-03-20', publishedAt: at('2017-03-23'), validity: { status: 'inForce', from: '2017-04-01', until: null },
    },
    {
      ref: 'demo-2017-hmd-12', agency: 'HS-STHJJ', title: '2017年12月环保守法不良企业“黑名单”公示', kind: 'keyArea', topic: '城乡建设、环境保护/环境监测、保护与治理', genre: '公告', columns: ['environment', 'enforcement'], keywords: ['黑名单', '排污许可'],
      summary: '截至2017年12月，共有4家企业列入“黑名单”。',
      body: ['根据《排污许可证“一证式”监督管理办法（试行）》，现将列入环保守法不良企业“黑名单”的企业予以公示。', '（演示数据：企业名单从略。）'],
      writtenAt: '2017-12-28', publishedAt: at('2017-12-29'),
    },
    {
      ref: 'demo-2017-fpzj', agency: 'HS-FPB', title: '衡水市2017年扶贫项目资金实施计划公示', kind: 'keyArea', topic: '民政、扶贫、救灾/扶贫', genre: '公告', columns: ['poverty'], keywords: ['扶贫项目', '资金公示'],
      summary: '将扶贫项目资金实施计划在《衡水日报》和衡水市扶贫信息网上进行公示，接受社会各界监督。',
      body: ['落实“项目公开直通车”，在全部贫困县、乡、村制作了统一制式的公开公示牌。', '现将2017年扶贫项目资金实施计划予以公示，公示期10天。'],
      writtenAt: '2017-04-24', publishedAt: at('2017-04-27'),
    },
    {
      ref: 'demo-2017-ncpjg-12', agency: 'HS-NYNCJ', title: '2017年12月衡水市农产品批发市场价格形势分析报告', kind: 'statistics', topic: '农业、林业、水利/农业、畜牧业、渔业', genre: '报告', columns: ['agriculture'], keywords: ['农产品价格', '批发市场'],
      summary: '每月按时发布批发市场价格形势分析报告，及时反映市场供求关系。',
      body: ['本月全市农产品批发市场蔬菜价格季节性上涨，粮油价格基本稳定。', '（演示数据：价格明细从略。）'],
      writtenAt: '2017-12-29', publishedAt: at('2018-01-03'),
    },
    {
      ref: 'demo-2017-qqdj', agency: 'HS-NYNCJ', title: '衡水市农村土地承包经营权确权登记颁证工作进展情况', kind: 'keyArea', topic: '农业、林业、水利/农业、畜牧业、渔业', genre: '其他', columns: ['agriculture'], keywords: ['土地承包经营权', '确权登记'],
      summary: '全市4424个村的各类数据信息已入库并公开，4233个村已具备颁证条件并将颁证内容进行了公示。',
      body: ['将农村土地承包经营权确权登记颁证信息、集体资产核资等信息在每个村庄进行公开公示。', '目前全市4424个村的各类数据信息已入库并公开、4418个村已建立土地承包经营权登记簿。'],
      writtenAt: '2017-11-20', publishedAt: at('2017-11-23'),
    },
    {
      ref: 'demo-2017-xyhb', agency: 'HS-FGW', title: '“信用衡水”2017年信用红黑榜', kind: 'keyArea', topic: '财政、金融、审计/社会信用体系建设', genre: '公告', columns: ['enforcement'], keywords: ['信用衡水', '红黑榜'],
      summary: '截至2017年12月底，“信用衡水”网站公布信用红榜141条，信用黑榜60条。',
      body: ['全市社会信用信息共享平台初步建成，“信用衡水”网站已实现和“信用河北”网站互联互通。', '（演示数据：红黑榜名单从略。）'],
      writtenAt: '2017-12-27', publishedAt: at('2017-12-29', '15:00'),
    },
    {
      ref: 'demo-2020-zdjc-chengxu', agency: 'HS', title: '衡水市重大行政决策程序规定', docNo: '衡水市人民政府令〔2020〕第1号',
      kind: 'rule', topic: '综合政务/其他', genre: '命令（令）', keywords: ['重大行政决策', '决策程序'], summary: '规范重大行政决策的公众参与、专家论证、风险评估、合法性审查和集体讨论决定程序。',
      body: ['第一条 为规范重大行政决策程序，提高决策质量和效率，制定本规定。', '第二条 重大行政决策应当经过公众参与、专家论证、风险评估、合法性审查和集体讨论决定程序。', '第三条 本规定自2020年7月1日起施行。《衡水市重大行政决策风险评估暂行办法》同时废止。'],
      writtenAt: '2020-05-25', publishedAt: at('2020-05-29'), validity: { status: 'inForce', from: '2020-07-01', until: null },
      interpretation: { title: '《衡水市重大行政决策程序规定》政策解读', body: ['一、制定依据：《重大行政决策程序暂行条例》。', '二、主要内容：决策启动、公众参与、专家论证、风险评估、合法性审查、集体讨论决定。', '三、与原暂行办法的关系：本规定施行后，原《衡水市重大行政决策风险评估暂行办法》废止。'] },
    },
  ];
}

/** The 2017 annual report: its text from the reference, contact details replaced by the demo ones. */
function annualReport2017(): ImportLine {
  return {
    ref: 'demo-2017-ndbg',
    agency: DEMO_HOME,
    title: '衡水市2017年政府信息公开工作年度报告',
    kind: 'annualReport',
    topic: '综合政务/政务公开',
    genre: '报告',
    audience: ['公民', '法人', '社会组织', '政府机关'],
    keywords: ['政府信息公开', '年度报告'],
    summary: '由概述、政府信息主动公开情况、政府信息依申请公开情况、收费及减免情况、行政复议和行政诉讼情况、存在问题及改进措施等六部分组成。',
    body: [`${DEMO_MARK}本文为衡水市2017年政府信息公开工作年度报告原文，联系电话和网址已替换为演示数据。`, '（2018年2月）', reportText].join('\n'),
    writtenAt: '2018-02-05',
    publishedAt: at('2018-02-06', '09:00'),
    columns: [],
  };
}

// ---------------------------------------------------------------------------------------------
// Generated items

const kindWeights: readonly (readonly [Kind, number])[] = [
  ['news', 27],
  ['notice', 21],
  ['plan', 7],
  ['normativeDocument', 8],
  ['budget', 5],
  ['statistics', 8],
  ['personnel', 7],
  ['keyArea', 13],
  ['other', 2],
];

const ruleSubjects = ['城市市容和环境卫生管理', '城市绿化管理', '住宅专项维修资金管理', '烟花爆竹燃放管理', '养犬管理', '地下水管理', '城市供热管理', '物业管理', '衡水湖保护', '历史文化名城保护'];
const normativeForms = [['管理办法', '通知'], ['实施细则', '通知'], ['暂行办法', '通知'], ['实施意见', '意见'], ['管理规定', '通知']] as const;
const audiencesFor: Partial<Record<Kind, string[][]>> = {
  notice: [['公民'], ['公民', '法人'], ['法人'], ['政府机关']],
  normativeDocument: [['公民', '法人'], ['公民', '法人', '社会组织'], ['法人'], ['政府机关']],
  plan: [['政府机关'], ['公民', '法人']],
  personnel: [['公民']],
  budget: [['公民', '法人', '社会组织']],
  keyArea: [['公民'], ['公民', '法人'], ['法人']],
};

function fill(template: string, v: { place: string; year: number; month: number; quarter: number }): string {
  return template.replace('{place}', v.place).replace('{year}', String(v.year)).replace('{month}', String(v.month)).replace('{quarter}', ['一', '二', '三', '四'][v.quarter - 1]);
}

const relatedSentences = new Map<Theme, string[]>();

function bodyFor(rng: Rng, theme: Theme, first: string, last: string): string {
  let related = relatedSentences.get(theme);
  if (!related) relatedSentences.set(theme, (related = reportSentences.filter((s) => theme.words.some((w) => s.includes(w)))));
  const pool = related.length >= 2 ? related : reportSentences;
  const a = rng.pick(pool);
  let b = rng.pick(reportSentences);
  if (b === a) b = reportSentences[(reportSentences.indexOf(a) + 1) % reportSentences.length];
  return [DEMO_MARK, first, a, b, last].join('\n');
}

interface Draft extends ImportLine {
  /** Sort key: the publication instant in UTC. */
  sortAt: number;
}

function generated(rng: Rng, agencies: DemoAgency[]): Draft[] {
  const out: Draft[] = [];
  const weights = agencies.map((a) => [a, a.weight] as const);
  const push = (line: ImportLine) => out.push({ ...line, sortAt: new Date(line.publishedAt!).getTime() });
  const last = LAST_DAY;
  let serial = 0;
  const nextRef = () => `demo-g${String(++serial).padStart(5, '0')}`;

  // Annual reports: every government and city department, each year (the city's 2017 report is the real one).
  for (const a of agencies.filter((x) => x.government || x.cityDepartment)) {
    for (let year = 2017; year <= 2025; year++) {
      if (a.code === DEMO_HOME && year === 2017) continue;
      const day = weekdayOnOrBefore(year >= 2019 ? addDays(`${year + 1}-01-05`, rng.int(0, 24)) : addDays(`${year + 1}-02-01`, rng.int(0, 50)));
      const applications = rng.int(a.government ? 20 : 0, a.government ? 260 : 40);
      push({
        ref: nextRef(),
        agency: a.code,
        title: `${a.name}${year}年政府信息公开工作年度报告`,
        kind: 'annualReport',
        topic: '综合政务/政务公开',
        genre: '报告',
        audience: ['公民', '法人', '社会组织', '政府机关'],
        keywords: ['政府信息公开', '年度报告'],
        summary: `${a.name}${year}年政府信息公开工作情况，包括主动公开、依申请公开、复议诉讼和存在的问题及改进措施。`,
        body: [
          DEMO_MARK,
          `本报告依据《中华人民共和国政府信息公开条例》编制，统计期限自${year}年1月1日起至${year}年12月31日止。`,
          `一、总体情况。${year}年，${a.name}坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务和结果“五公开”。`,
          `二、主动公开政府信息情况。全年主动公开政府信息${rng.int(80, 2400)}条，其中规范性文件${rng.int(0, a.government ? 40 : 6)}件。`,
          `三、收到和处理政府信息公开申请情况。全年受理公开申请${applications}件，全部按期办结。`,
          `四、政府信息公开行政复议、行政诉讼情况。因政府信息公开引起行政复议${rng.int(0, Math.max(1, Math.floor(applications / 15)))}件、行政诉讼${rng.int(0, Math.max(1, Math.floor(applications / 12)))}件。`,
          '五、存在的主要问题及改进情况。公开内容的实用性有待增强，下一步将进一步规范政务公开和政府信息公开行为。',
        ].join('\n'),
        writtenAt: addDays(day, -rng.int(1, 4)),
        publishedAt: instant(rng, day),
        columns: [],
      });
    }
  }

  // One municipal rule (规章) a year, with its interpretation.
  for (let year = 2018; year <= 2026; year++) {
    const subject = ruleSubjects[year - 2017];
    const day = weekdayOnOrBefore(addDays(`${year}-03-01`, rng.int(0, 200)));
    const ref = nextRef();
    const publishedAt = instant(rng, day);
    const from = addDays(day, 30);
    push({
      ref,
      agency: DEMO_HOME,
      title: `衡水市${subject}规定`,
      docNo: `衡水市人民政府令〔${year}〕第${year === 2020 ? 2 : 1}号`,
      kind: 'rule',
      topic: year % 2 ? '城乡建设、环境保护/城乡建设（含住房）' : '城乡建设、环境保护/其他',
      genre: '命令（令）',
      audience: ['公民', '法人', '社会组织'],
      keywords: [subject, '政府规章'],
      summary: `为加强${subject}，根据有关法律法规，结合本市实际，制定本规定。`,
      body: [DEMO_MARK, `第一条 为加强${subject}，根据有关法律法规，结合本市实际，制定本规定。`, '第二条 本市行政区域内的有关活动，适用本规定。', `第三条 本规定自${from.slice(0, 4)}年${Number(from.slice(5, 7))}月${Number(from.slice(8, 10))}日起施行。`].join('\n'),
      writtenAt: addDays(day, -rng.int(3, 12)),
      publishedAt,
      validity: { status: 'inForce', from, until: null },
      columns: [],
    });
    push(interpretationOf(rng, { ref, agency: DEMO_HOME, title: `衡水市${subject}规定`, publishedAt, topic: '城乡建设、环境保护/其他' }, nextRef()));
  }

  const docCounters = new Map<string, number>();
  const docNo = (prefix: string, year: number, form: '字' | '发' | '规') => {
    const key = `${prefix}${form}${year}`;
    const next = (docCounters.get(key) ?? 0) + 1;
    docCounters.set(key, next);
    return `${prefix}${form}〔${year}〕${next + (prefix === '衡政' || prefix === '衡政办' ? 60 : 0)}号`;
  };
  const normative: Draft[] = [];
  while (out.length < GENERATED_ITEMS) {
    const a = rng.weighted(weights);
    const kind = rng.weighted(kindWeights);
    const theme = a.theme;
    // Years 2017–2026, the last one until LAST_DAY.
    const year = rng.int(2017, 2026);
    let day = addDays(`${year}-01-02`, rng.int(0, 360));
    if (day > last) day = addDays(last, -rng.int(0, 280));
    day = weekdayOnOrBefore(day);
    const y = Number(day.slice(0, 4));
    const month = Number(day.slice(5, 7));
    const quarter = Math.ceil(month / 3);
    const subject = rng.pick(theme.subjects);
    const topic = rng.chance(0.7) ? theme.topic : rng.pick(theme.topics ?? [theme.topic]);
    const vars = { place: a.place, year: y, month, quarter };
    const lateGap = rng.chance(0.05);
    const writtenAt = kind === 'news' ? day : addDays(day, -(lateGap ? rng.int(32, 60) : rng.int(1, 18)));
    const column = theme.columns.length && rng.chance(kind === 'keyArea' ? 1 : 0.25) ? [rng.pick(theme.columns)] : [];
    const base = { ref: nextRef(), agency: a.code, topic, writtenAt, publishedAt: instant(rng, day), columns: column as string[], audience: rng.pick(audiencesFor[kind] ?? [[]]) };
    const coIssuers = a.cityDepartment && (kind === 'notice' || kind === 'normativeDocument') && rng.chance(0.08) ? [rng.pick(agencies.filter((x) => x.cityDepartment && x.code !== a.code)).code] : [];
    const clean = subject.replace(/[“”]/g, '');
    switch (kind) {
      case 'news': {
        const title = rng.pick([
          `${a.short}召开${y}年${clean}工作会议`,
          `${a.short}扎实推进${subject}工作`,
          `${a.short}开展${subject}专项督导检查`,
          `${a.short}组织开展${subject}政策宣讲活动`,
          `${a.short}${subject}工作取得阶段性成效`,
          `${a.short}召开${subject}新闻发布会`,
          `${a.short}部署${subject}重点任务`,
        ]);
        push({ ...base, title, kind, genre: '其他', keywords: [clean.slice(0, 30)], summary: null, body: bodyFor(rng, theme, `${month}月${Number(day.slice(8, 10))}日，${title}。`, `会议要求，各单位要进一步提高认识，压实责任，确保${subject}各项任务落到实处。`) });
        break;
      }
      case 'notice': {
        const [title, genre] = rng.pick([
          [`${a.name}关于开展${y}年${subject}工作的通知`, '通知'],
          [`${a.name}关于做好${y}年${subject}有关工作的通知`, '通知'],
          [`${a.name}关于进一步加强${subject}工作的通知`, '通知'],
          [`${a.name}关于${y}年${subject}有关情况的通报`, '通报'],
          [`${a.name}关于${subject}有关事项的公告`, '公告'],
          [`${a.name}关于${subject}有关事项的通告`, '通告'],
        ] as const);
        push({ ...base, coIssuers, title, kind, genre, docNo: rng.chance(0.7) ? docNo(a.docPrefix, y, '字') : null, keywords: [clean.slice(0, 30), genre], summary: `就${y}年${subject}有关事项作出安排。`, body: bodyFor(rng, theme, `为深入贯彻落实上级有关部署，进一步做好${subject}工作，现就有关事项${genre}如下：`, `${a.name}\n${y}年${month}月${Number(writtenAt.slice(8, 10))}日`) });
        break;
      }
      case 'plan': {
        const title = rng.pick([`${a.name}${y}年${subject}工作要点`, `${a.name}关于印发${a.place}${y}年${subject}实施方案的通知`, y <= 2020 ? `${a.place}“十三五”${clean}规划` : `${a.place}“十四五”${clean}规划`]);
        push({ ...base, title, kind, genre: title.includes('通知') ? '通知' : '其他', docNo: title.includes('通知') ? docNo(a.docPrefix, y, '字') : null, keywords: [clean.slice(0, 30), '规划计划'], summary: `明确${subject}的指导思想、主要目标、重点任务和保障措施。`, body: bodyFor(rng, theme, `一、指导思想。以问题为导向，全面推进${subject}工作。`, '四、保障措施。加强组织领导，强化督导考核，确保各项任务落到实处。') });
        break;
      }
      case 'normativeDocument': {
        const [form, genre] = rng.pick(normativeForms);
        const inner = `${a.place}${clean}${form}`;
        const title = form === '实施意见' ? `${a.name}关于进一步规范${subject}的实施意见` : `${a.name}关于印发《${inner}》的通知`;
        const from = addDays(day, rng.chance(0.5) ? 0 : 30);
        const years = form === '暂行办法' ? 2 : 5;
        const until = rng.chance(0.6) ? addDays(from, years * 365) : null;
        const status = until && until < last ? 'expired' : rng.chance(0.06) ? 'amended' : 'inForce';
        const line: Draft = {
          ...base,
          coIssuers,
          title,
          kind,
          genre,
          docNo: docNo(a.docPrefix, y, a.government ? '规' : '字'),
          keywords: [clean.slice(0, 30), '规范性文件'],
          summary: `对${subject}的适用范围、职责分工、工作程序和监督管理作出规定。`,
          body: bodyFor(rng, theme, `第一条 为规范${subject}工作，根据有关法律法规和政策规定，结合${a.place}实际，制定本${form.slice(-2)}。`, `第十条 本${form.slice(-2)}自${from.slice(0, 4)}年${Number(from.slice(5, 7))}月${Number(from.slice(8, 10))}日起施行${until ? `，有效期${years}年` : ''}。`),
          validity: { status, from, until },
          sortAt: 0,
        };
        push(line);
        normative.push(out[out.length - 1]);
        if (rng.chance(0.65)) push(interpretationOf(rng, { ref: line.ref!, agency: a.code, title: form === '实施意见' ? `关于进一步规范${subject}的实施意见` : inner, publishedAt: line.publishedAt!, topic }, nextRef()));
        break;
      }
      case 'budget': {
        const [title, summary] = rng.pick([
          [`${a.name}${y}年部门预算公开`, `公开${a.name}${y}年部门收支预算、“三公”经费预算等情况。`],
          [`${a.name}${y - 1}年部门决算公开`, `公开${a.name}${y - 1}年部门收支决算、“三公”经费支出等情况。`],
          [`${a.name}${y}年“三公”经费预算情况说明`, `说明${y}年因公出国（境）费、公务用车购置及运行费、公务接待费预算安排情况。`],
        ]);
        push({ ...base, title, kind, topic: '财政、金融、审计/财政', genre: '报告', columns: ['fiscal'], keywords: ['预决算公开', '三公经费'], summary, body: [DEMO_MARK, summary, `一、收支总体情况。收入预算${rng.int(300, 90000)}万元，支出预算与收入预算相等。`, `二、“三公”经费情况。“三公”经费合计${rng.int(5, 300)}万元，比上年${rng.chance(0.7) ? '减少' : '持平'}。`, '三、其他重要事项的情况说明。'].join('\n') });
        break;
      }
      case 'statistics': {
        const what = rng.pick(theme.stats);
        const title = rng.chance(0.5) ? `${y}年${month}月${a.place}${what}` : `${a.place}${y}年第${['一', '二', '三', '四'][quarter - 1]}季度${what}`;
        push({ ...base, title, kind, genre: '其他', keywords: [what.slice(0, 30), '统计信息'], summary: `${title}（演示数据）。`, body: [DEMO_MARK, `${title}如下：`, `主要指标同比增长${rng.int(1, 12)}.${rng.int(0, 9)}%，运行总体平稳。`, '（演示数据：明细从略。）'].join('\n') });
        break;
      }
      case 'personnel': {
        const [title, genre] = rng.pick([
          [`${a.name}${y}年公开招聘工作人员公告`, '公告'],
          [`${a.name}${y}年拟任职干部任前公示`, '公告'],
          [`${a.name}${y}年公开遴选公务员公告`, '公告'],
          [`${a.name}${y}年度事业单位公开招聘拟聘用人员公示`, '公告'],
        ] as const);
        push({ ...base, title, kind, topic: '劳动、人事、监察/人事工作', genre, keywords: ['人事信息', '公开招聘'], summary: `${title}（演示数据）。`, body: [DEMO_MARK, `根据有关规定，现将${title.replace(a.name, '').replace(/公告$|公示$/, '')}有关事项公告如下：`, '一、公示（报名）时间：自发布之日起5个工作日。', `二、联系电话：${demoPhone(a.code)}（演示号码）。`].join('\n') });
        break;
      }
      case 'keyArea': {
        const title = fill(rng.pick(theme.keyItems), vars);
        push({ ...base, title, kind, genre: title.endsWith('公示') || title.endsWith('公告') ? '公告' : '其他', keywords: [clean.slice(0, 30), '重点领域'], summary: `${title}（演示数据）。`, body: bodyFor(rng, theme, `现将${title}予以公开，接受社会监督。`, '（演示数据：明细从略。）') });
        break;
      }
      default: {
        const title = rng.pick([`${a.name}政府信息公开指南（${y}年修订）`, `${a.name}主要职责和内设机构`, `${a.name}政务公开工作领导小组成员名单`]);
        push({ ...base, title, kind: 'other', topic: '综合政务/政务公开', genre: '其他', keywords: ['政务公开'], summary: null, body: [DEMO_MARK, `${title}。`, `${a.name}政府信息公开工作机构：${a.name}办公室，联系电话：${demoPhone(a.code)}（演示号码）。`].join('\n') });
      }
    }
  }

  // Some documents were repealed and replaced by a later one of the same agency and subject.
  const bySubject = new Map<string, Draft[]>();
  for (const d of normative) {
    const key = `${d.agency}|${d.keywords![0]}`;
    bySubject.set(key, [...(bySubject.get(key) ?? []), d]);
  }
  for (const list of bySubject.values()) {
    if (list.length < 2) continue;
    list.sort((x, y) => x.sortAt - y.sortAt);
    const [older, newer] = list;
    if (newer.sortAt - older.sortAt < 30 * 86_400_000 || !rng.chance(0.7)) continue;
    older.validity = { status: 'repealed', from: older.validity!.from, until: addDays(newer.validity!.from!, -1) < older.validity!.from! ? older.validity!.from : addDays(newer.validity!.from!, -1), replacedBy: newer.ref };
  }
  return out;
}

function demoPhone(code: string): string {
  return demoAgencies.find((a) => a.code === code)?.phone ?? '0318-0000100';
}

function interpretationOf(rng: Rng, doc: { ref: string; agency: string; title: string; publishedAt: string; topic: string }, ref: string): ImportLine {
  const publishedAt = new Date(new Date(doc.publishedAt).getTime() + 60 * 60 * 1000);
  const local = new Date(publishedAt.getTime() + 8 * 3_600_000).toISOString();
  const form = rng.pick(['《{t}》政策解读', '一图读懂《{t}》', '《{t}》解读']);
  return {
    ref,
    agency: doc.agency,
    title: form.replace('{t}', doc.title),
    kind: 'interpretation',
    topic: doc.topic,
    genre: '其他',
    keywords: ['政策解读'],
    summary: `解读《${doc.title}》的出台背景、主要内容和重点举措。`,
    body: [DEMO_MARK, `一、出台背景。为进一步规范有关工作，按照“谁起草、谁解读”的原则，对《${doc.title}》进行解读。`, '二、主要内容。明确了适用范围、职责分工、工作程序和监督管理等内容。', '三、重点举措。文件与解读材料同步组织、同步审签、同步公开。'].join('\n'),
    writtenAt: doc.publishedAt.slice(0, 10),
    publishedAt: `${local.slice(0, 19)}+08:00`,
    interprets: doc.ref,
    columns: [],
  };
}

// ---------------------------------------------------------------------------------------------
// All lines, in publication order (so index-number serials follow the dates)

let cached: ImportLine[] | null = null;

/** The demo catalog as import lines, oldest first (built once per process). */
export function demoPublicationLines(): ImportLine[] {
  return (cached ??= buildDemoPublicationLines());
}

/** Builds the demo catalog afresh: the same lines on every call (seeded), oldest first, documents before their interpretations. */
export function buildDemoPublicationLines(): ImportLine[] {
  const rng = prng(20170101);
  const named: Draft[] = [];
  for (const d of namedDocuments()) {
    const { interpretation, ...doc } = d;
    const line: ImportLine = { ...doc, audience: doc.audience ?? ['公民', '法人'], columns: doc.columns ?? [], body: [DEMO_MARK, ...doc.body].join('\n') };
    named.push({ ...line, sortAt: new Date(line.publishedAt!).getTime() });
    if (interpretation) {
      const i = interpretationOf(rng, { ref: d.ref, agency: d.agency, title: d.title.replace(/^.*印发|的通知$/g, ''), publishedAt: d.publishedAt, topic: d.topic }, `${d.ref}-jd`);
      const withText: ImportLine = { ...i, title: interpretation.title, body: [DEMO_MARK, ...interpretation.body].join('\n') };
      named.push({ ...withText, sortAt: new Date(withText.publishedAt!).getTime() });
    }
  }
  const report = annualReport2017();
  named.push({ ...report, sortAt: new Date(report.publishedAt!).getTime() });
  const all = [...named, ...generated(rng, demoAgencyList())].sort((a, b) => a.sortAt - b.sortAt || (a.ref! < b.ref! ? -1 : 1));
  return all.map(({ sortAt, ...line }) => {
    void sortAt;
    return line;
  });
}

export interface DemoCatalogResult {
  /** Items loaded (created + updated). */
  publications: number;
  created: number;
  updated: number;
  /** Items a reload found as they are (no new version). */
  unchanged: number;
  elapsedMs: number;
}

/**
 * Loads the demo catalog through the bulk import (all or nothing, in batches). Idempotent: every line has a
 * ref, so a reload finds the same items — unchanged ones are left alone (no new version), changed ones are
 * updated — and adds none.
 */
export async function loadDemoCatalog(services: Services): Promise<DemoCatalogResult> {
  const lines = demoPublicationLines();
  const summary = await importPublications(
    { db: services.storage.db, publications: services.publications, clock: services.clock },
    () => Readable.from((function* () {
      for (const l of lines) yield `${JSON.stringify(l)}\n`;
    })()),
    { actor: cliActor, mode: 'file', batchSize: 1000, source: 'demo' },
  );
  if (!summary.complete) {
    const first = summary.issues.slice(0, 5).map((i) => {
      const f = issueAsFieldIssue(i);
      return `${f.field}: ${f.message}${f.params ? ` ${JSON.stringify(f.params)}` : ''}`;
    });
    throw new Error(`the demo catalog could not be loaded: ${first.join('; ')}`);
  }
  return { publications: summary.imported + summary.updated + summary.unchanged, created: summary.imported, updated: summary.updated, unchanged: summary.unchanged, elapsedMs: summary.elapsedMs };
}
