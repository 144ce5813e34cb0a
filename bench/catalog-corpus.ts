/**
 * The catalog benchmark's data: a city of 1,000 agencies in a tree (the city government, its departments,
 * eleven counties with their departments and townships) and a JSONL import file of N items over ten years,
 * built from the vocabulary of real government text (clauses of the 2017 Hengshui annual report plus the set
 * phrases and boilerplate of notices, plans, budgets and interpretations). Deterministic (seeded) and streamed:
 * memory stays bounded whatever N (a few counters per agency and year).
 */
import { createWriteStream, existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImportLine } from '../src/modules/catalog/import.ts';
import { topics as allTopics, type Kind, type KeyArea } from '../src/modules/catalog/taxonomy.ts';
import { rng } from './search-corpus.ts';

/** Bump when the generated content changes (the file is cached per version and size). */
const VERSION = 1;

const REPORT_PATHS = [new URL('../../shared/reference/hengshui-2017-annual-report.txt', import.meta.url), new URL('../src/demo/hengshui-2017-annual-report.txt', import.meta.url)];

/** Clauses (4–40 characters with Han text) of the 2017 annual report. */
function clauses(): string[] {
  const path = REPORT_PATHS.find((p) => existsSync(p))!;
  return readFileSync(path, 'utf8')
    .split(/[，。；：！？、,;:!?\n（）()“”"《》〈〉【】\s]+/u)
    .map((s) => s.trim())
    .filter((s) => /\p{Script=Han}/u.test(s) && [...s].length >= 4 && [...s].length <= 40 && !/[a-z]{3,}|http|\d{5,}/i.test(s));
}

// ---------------------------------------------------------------------------------------------
// Agencies

export interface BenchAgency {
  code: string;
  name: string;
  kind: 'government' | 'department' | 'township';
  parent: string | null;
  /** Document number prefix (衡财预, 枣政办字 …). */
  docPrefix: string;
  /** Preferred topic. */
  topic: string;
  /** How much it publishes, relative. */
  weight: number;
}

const DEPARTMENTS: [name: string, short: string, topic: string][] = [
  ['人民政府办公室', '政办字', '综合政务/政务公开'], ['发展和改革局', '发改', '国民经济管理、国有资产监管/宏观经济'], ['教育局', '教', '科技、教育/教育'], ['科学技术局', '科', '科技、教育/科技'],
  ['工业和信息化局', '工信', '工业、交通/信息产业（含电信）'], ['公安局', '公', '公安、安全、司法/公安'], ['民政局', '民字', '民政、扶贫、救灾/社会福利'], ['司法局', '司', '公安、安全、司法/司法'],
  ['财政局', '财预', '财政、金融、审计/财政'], ['人力资源和社会保障局', '人社', '劳动、人事、监察/社会保障'], ['自然资源和规划局', '自然资', '国土资源、能源/土地'], ['生态环境局', '环', '城乡建设、环境保护/环境监测、保护与治理'],
  ['住房和城乡建设局', '建', '城乡建设、环境保护/城乡建设（含住房）'], ['交通运输局', '交', '工业、交通/公路'], ['水务局', '水', '农业、林业、水利/水利'], ['农业农村局', '农', '农业、林业、水利/农业、畜牧业、渔业'],
  ['商务局', '商', '商贸、海关、旅游/国内贸易（含供销）'], ['文化广电和旅游局', '文旅', '文化、广电、新闻出版/文化'], ['卫生健康委员会', '卫健', '卫生、体育/卫生'], ['退役军人事务局', '退役', '劳动、人事、监察/军转安置'],
  ['应急管理局', '应急', '综合政务/应急管理'], ['审计局', '审', '财政、金融、审计/审计'], ['市场监督管理局', '市监', '市场监管、安全生产监管/质量监督'], ['统计局', '统', '国民经济管理、国有资产监管/统计'],
  ['医疗保障局', '医保', '劳动、人事、监察/社会保障'], ['行政审批局', '审批', '综合政务/电子政务'], ['扶贫开发办公室', '扶贫办', '民政、扶贫、救灾/扶贫'], ['信访局', '信访', '综合政务/信访'],
  ['体育局', '体', '卫生、体育/体育'], ['林业局', '林', '农业、林业、水利/林业'], ['城市管理综合行政执法局', '城管', '城乡建设、环境保护/城市规划'], ['国有资产监督管理委员会', '国资', '国民经济管理、国有资产监管/国有资产监管'],
  ['地方金融监督管理局', '金融', '财政、金融、审计/银行'], ['粮食和物资储备局', '粮', '商贸、海关、旅游/国内贸易（含供销）'], ['民族宗教事务局', '民宗', '民族、宗教/民族事务'], ['外事办公室', '外办', '对外事务/外交、外事'],
  ['数据和政务服务局', '数据', '综合政务/电子政务'], ['住房公积金管理中心', '公积金', '城乡建设、环境保护/城乡建设（含住房）'], ['气象局', '气', '城乡建设、环境保护/气象、水文、测绘、地震'], ['档案馆', '档', '综合政务/文秘工作'],
];
const COUNTIES: [name: string, short: string][] = [
  ['桃城区', '桃'], ['冀州区', '冀'], ['枣强县', '枣'], ['武邑县', '武邑'], ['武强县', '武强'], ['饶阳县', '饶'], ['安平县', '安'], ['故城县', '故'], ['景县', '景'], ['阜城县', '阜'], ['深州市', '深'],
];
const TOWN_WORDS = ['城关', '东关', '西关', '南关', '北关', '大营', '马庄', '王家', '李家', '张村', '河东', '河西', '新华', '建设', '胜利', '前进', '红星', '太平', '安乐', '永安', '兴隆', '高庄', '赵家', '刘庄', '孙家', '杨庄', '周村', '吴家', '郑庄', '冯家', '陈庄', '褚家', '卫庄', '蒋家', '沈庄', '韩家', '朱庄', '秦家', '尤庄', '许家', '何庄', '吕家', '施庄', '孔家', '曹庄', '严家', '华庄', '金家', '魏庄', '陶家'];

/** The tree: 衡水市人民政府 (HS), 40 city departments, 11 counties each with a government, departments and townships: 1,000 in all. */
export function benchAgencies(total = 1000): BenchAgency[] {
  const out: BenchAgency[] = [];
  out.push({ code: 'HS', name: '衡水市人民政府', kind: 'government', parent: null, docPrefix: '衡政字', topic: '综合政务/政务公开', weight: 40 });
  DEPARTMENTS.forEach(([name, short, topic], i) => out.push({ code: `HS-D${String(i + 1).padStart(2, '0')}`, name: `衡水市${name}`, kind: 'department', parent: 'HS', docPrefix: `衡${short}`, topic, weight: 8 }));
  const perCounty = Math.floor((total - out.length) / COUNTIES.length);
  COUNTIES.forEach(([county, short], c) => {
    const base = `HS-C${String(c + 1).padStart(2, '0')}`;
    out.push({ code: base, name: `${county}人民政府`, kind: 'government', parent: 'HS', docPrefix: `${short}政字`, topic: '综合政务/政务公开', weight: 10 });
    const depts = Math.min(DEPARTMENTS.length, 32);
    for (let d = 0; d < depts; d++) out.push({ code: `${base}-D${String(d + 1).padStart(2, '0')}`, name: `${county}${DEPARTMENTS[d][0]}`, kind: 'department', parent: base, docPrefix: `${short}${DEPARTMENTS[d][1]}`, topic: DEPARTMENTS[d][2], weight: 2 });
    const towns = (c === COUNTIES.length - 1 ? total - out.length : perCounty - 1 - depts);
    for (let t = 0; t < towns; t++) {
      const word = TOWN_WORDS[t % TOWN_WORDS.length] + (t >= TOWN_WORDS.length ? String(Math.floor(t / TOWN_WORDS.length) + 1) : '');
      out.push({ code: `${base}-T${String(t + 1).padStart(2, '0')}`, name: `${county}${word}${t % 3 === 0 ? '乡' : '镇'}人民政府`, kind: 'township', parent: base, docPrefix: `${short}${word.slice(0, 1)}政`, topic: '综合政务/其他', weight: 1 });
    }
  });
  return out.slice(0, total);
}

// ---------------------------------------------------------------------------------------------
// Items

/** Set phrases of budget, poverty-relief, social-assistance and disclosure documents (two-character terms inside longer words). */
const PHRASES = [
  '衡水市市级预算公开办法', '部门预算和决算公开', '一般公共预算收入', '预算执行情况', '政府性基金预算', '市级预算单位', '预算调整方案', '国有资本经营预算',
  '财政预算绩效管理', '预算公开工作规范', '决算公开工作规范', '三公经费预算', '预算管理一体化', '部门决算报表',
  '精准扶贫精准脱贫', '扶贫资金使用情况', '扶贫开发工作', '扶贫项目公示', '产业扶贫', '易地扶贫搬迁', '扶贫对象动态管理', '脱贫攻坚责任制',
  '城乡低保对象', '农村低保标准', '低保金发放', '低保家庭', '最低生活保障', '特困人员救助供养', '临时救助',
  '政务公开', '信息公开', '依申请公开', '政策解读', '舆情回应', '新闻发布会', '权责清单', '双随机一公开', '放管服改革',
  '重大行政决策', '风险评估', '投资项目目录', '考核指标体系', '任务分解方案', '安全生产', '环境保护督察', '营商环境', '行政审批制度改革',
  '义务教育', '基本医疗保险', '住房保障', '乡村振兴', '河长制', '大气污染防治', '食品安全', '疫情防控', '招商引资', '重点项目建设',
];
const SUBJECTS = [
  '政务公开工作要点', '政府信息公开工作', '重大行政决策程序', '预算公开工作', '决算公开工作', '扶贫资金管理', '农村低保工作', '安全生产大检查', '大气污染防治攻坚',
  '优化营商环境', '双随机一公开监管', '行政执法公示制度', '权责清单动态管理', '新闻发布工作', '政策解读工作', '政务舆情回应', '乡村振兴战略', '河长制工作',
  '义务教育均衡发展', '城乡居民基本医疗保险', '保障性住房分配', '食品安全监督抽检', '重点项目建设', '招商引资工作', '冬季清洁取暖', '防汛抗旱工作', '森林防火工作',
  '人才引进工作', '事业单位公开招聘', '社会救助工作', '困难群众基本生活保障', '退役军人优待抚恤', '疫情防控工作', '公共资源交易管理', '政府采购管理', '国有资产管理',
];
const ACTIONS = ['印发', '做好', '进一步加强', '开展', '推进', '深入推进', '调整', '公布', '加快推进', '规范'];
const NOTICE_TAILS = ['的通知', '的通知', '的通知', '的实施意见', '的意见', '的决定', '的通报', '的公告', '的批复', '的函'];
const DOC_TAILS = ['管理办法', '实施办法', '暂行办法', '工作规范', '实施细则', '实施方案', '考核办法', '若干规定'];
const NEWS_HEADS = ['召开', '举行', '部署', '推进', '开展', '督导', '调研', '观摩'];
const NEWS_TAILS = ['工作会议', '专题会议', '推进会', '现场会', '培训班', '专项检查', '工作座谈会', '动员大会'];
const OPENINGS = ['各县市区人民政府，市政府各部门：', '各乡镇人民政府，县直各部门：', '各有关单位：', '各科室、各直属单位：'];
const CLOSINGS = ['特此通知。', '请结合实际，认真贯彻执行。', '执行中遇到的问题，请及时报告。', '本办法自印发之日起施行。', '以上意见，请认真贯彻落实。'];
const KEYWORDS = ['预算', '决算', '扶贫', '低保', '政务公开', '信息公开', '救助', '财政', '考核', '项目', '教育', '环境', '安全生产', '营商环境', '医疗保险', '住房', '乡村振兴', '审批', '执法', '招聘'];
const KIND_WEIGHTS: [Kind, number][] = [
  ['notice', 24], ['news', 26], ['normativeDocument', 6], ['rule', 1], ['interpretation', 5], ['plan', 6], ['budget', 6], ['statistics', 5], ['annualReport', 1], ['personnel', 6], ['keyArea', 5], ['other', 9],
];
const GENRE_OF: Record<Kind, string[]> = {
  rule: ['命令（令）', '决定'], normativeDocument: ['通知', '意见', '决定', '通告'], interpretation: ['其他'], notice: ['通知', '通知', '通报', '公告', '函', '批复'], news: ['其他'],
  plan: ['通知', '意见'], budget: ['报告', '其他'], statistics: ['公报', '报告', '其他'], annualReport: ['报告'], personnel: ['公告', '通知', '决定'], keyArea: ['通知', '公告', '其他'], other: ['其他', '函', '纪要'],
};
const COLUMN_OF: Partial<Record<Kind, KeyArea[]>> = { budget: ['fiscal'], keyArea: ['majorProjects', 'publicResources', 'poverty', 'education', 'health', 'housing', 'environment', 'socialAssistance', 'foodDrugSafety', 'enforcement', 'streamlining', 'powerLists', 'feeReduction', 'ppp', 'agriculture'] };
const AUDIENCES = ['公民', '法人', '社会组织', '政府机关'] as const;

export interface CatalogFileInfo {
  path: string;
  items: number;
  bytes: number;
  /** Share of items whose searchable text contains the term (substring), for the query mix's common terms. */
  termShare: Record<string, number>;
  avgBodyChars: number;
  kinds: Record<string, number>;
  interpretations: number;
  generateMs: number | null;
}

export const SHARE_TERMS = ['工作', '公开', '通知', '预算', '扶贫', '低保', '政务公开'];

/**
 * Writes (once per version and size, cached in the temp folder) the JSONL import file of `items` items;
 * returns its path and what it holds.
 */
export async function catalogFile(items: number, opts: { agencies?: BenchAgency[]; fromYear?: number; years?: number; log?: (s: string) => void; dir?: string } = {}): Promise<CatalogFileInfo> {
  const dir = opts.dir ?? tmpdir();
  const path = join(dir, `gongkai-catalog-v${VERSION}-${items}.jsonl`);
  const infoPath = `${path}.info.json`;
  if (existsSync(path) && existsSync(infoPath)) return { ...JSON.parse(readFileSync(infoPath, 'utf8')), generateMs: null };
  const log = opts.log ?? (() => undefined);
  const agencies = opts.agencies ?? benchAgencies();
  const from = opts.fromYear ?? 2016;
  const years = opts.years ?? 10;
  const r = rng(2017);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const cl = clauses();
  const totalWeight = agencies.reduce((s, a) => s + a.weight, 0);
  const cumulative: number[] = [];
  agencies.reduce((s, a, i) => (cumulative[i] = s + a.weight), 0);
  const pickAgency = () => {
    const x = r() * totalWeight;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const kindTotal = KIND_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  const pickKind = (): Kind => {
    let x = r() * kindTotal;
    for (const [k, w] of KIND_WEIGHTS) if ((x -= w) < 0) return k;
    return 'other';
  };
  const sentence = () => (r() < 0.3 ? pick(PHRASES) : pick(cl));
  const paragraph = () => {
    const n = 3 + Math.floor(r() * 6);
    const parts: string[] = [];
    for (let j = 0; j < n; j++) parts.push(sentence() + (j === n - 1 ? '。' : '，'));
    return parts.join('');
  };

  const serial = new Map<string, number>(); // agency|year → last document number
  const lastRule = new Map<number, { ref: string; title: string }>(); // agency → its latest rule / normative document
  const counts: Record<string, number> = Object.fromEntries(SHARE_TERMS.map((t) => [t, 0]));
  const kinds: Record<string, number> = {};
  let bodyChars = 0;
  let interpretations = 0;

  const tmp = `${path}.part`;
  const out = createWriteStream(tmp);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((res) => out.once('drain', () => res())));
  const t0 = performance.now();
  let buf = '';
  // Items are written in publication order (as an export of a live catalog would be), spread evenly over the years.
  const spanDays = years * 365;
  for (let i = 0; i < items; i++) {
    const a = pickAgency();
    const ag = agencies[a];
    const dayIndex = Math.floor(((i + r()) / items) * spanDays);
    const published = new Date(Date.UTC(from, 0, 1) + dayIndex * 86400_000);
    const publishedOn = published.toISOString().slice(0, 10);
    const year = published.getUTCFullYear();
    const written = new Date(published.getTime() - Math.floor(r() * r() * 40) * 86400_000).toISOString().slice(0, 10);
    let kind = pickKind();
    const prev = lastRule.get(a);
    if (kind === 'interpretation' && !prev) kind = 'notice';
    const subject = r() < 0.6 ? pick(SUBJECTS) : pick(cl).slice(0, 16);
    let title: string;
    let interprets: string | undefined;
    switch (kind) {
      case 'rule':
      case 'normativeDocument':
        title = `${ag.name}关于印发《${ag.name.replace(/人民政府$/, '')}${subject}${pick(DOC_TAILS)}》的通知`;
        break;
      case 'interpretation':
        title = `《${prev!.title.replace(/^.*《|》.*$/g, '')}》政策解读`;
        interprets = prev!.ref;
        interpretations++;
        break;
      case 'news':
        title = `${ag.name.replace(/人民政府$/, '')}${pick(NEWS_HEADS)}${subject}${pick(NEWS_TAILS)}`;
        break;
      case 'plan':
        title = `${ag.name}关于印发${year}年${subject}实施方案的通知`;
        break;
      case 'budget':
        title = `${ag.name}${year}年部门${r() < 0.5 ? '预算' : '决算'}公开`;
        break;
      case 'statistics':
        title = `${year}年${1 + Math.floor(r() * 12)}月${subject.slice(0, 8)}统计数据`;
        break;
      case 'annualReport':
        title = `${ag.name}${year - 1}年政府信息公开工作年度报告`;
        break;
      case 'personnel':
        title = `${ag.name}${year}年${pick(['公开招聘工作人员', '干部任前公示', '事业单位公开招聘', '人事任免'])}${pick(['公告', '公示', '的通知'])}`;
        break;
      default:
        title = `${ag.name}关于${pick(ACTIONS)}${subject}${pick(NOTICE_TAILS)}`;
    }
    const numbered = kind !== 'news' && kind !== 'statistics' && r() < 0.75;
    let docNo: string | null = null;
    if (numbered) {
      const key = `${a}|${year}`;
      const n = (serial.get(key) ?? 0) + 1;
      serial.set(key, n);
      docNo = `${ag.docPrefix}〔${year}〕${n}号`;
    }
    const paras: string[] = [];
    if (kind !== 'news' && kind !== 'statistics') paras.push(pick(OPENINGS));
    if (kind === 'notice' || kind === 'plan' || kind === 'normativeDocument' || kind === 'rule') paras.push(`现将${subject}有关事项通知如下：`);
    const np = 2 + Math.floor(r() * 5);
    for (let p = 0; p < np; p++) paras.push(`${p ? `${'一二三四五六七八'[p - 1]}、` : ''}${paragraph()}`);
    if (kind !== 'news' && kind !== 'statistics') paras.push(pick(CLOSINGS));
    const bodyText = paras.join('\n');
    const body = r() < 0.5 ? paras.map((p) => `<p>${p}</p>`).join('') : bodyText;
    bodyChars += bodyText.length;
    const keywords = r() < 0.7 ? [...new Set([pick(KEYWORDS), pick(KEYWORDS), pick(KEYWORDS)])].slice(0, 1 + Math.floor(r() * 3)) : [];
    const summary = r() < 0.6 ? `${sentence()}，${sentence()}。` : null;
    const topic = r() < 0.7 ? ag.topic : pick(allTopics);
    const ref = `r${i}`;
    const line: ImportLine = {
      ref,
      agency: ag.code,
      ...(r() < 0.05 ? { coIssuers: [agencies[(a + 1 + Math.floor(r() * (agencies.length - 1))) % agencies.length].code] } : {}),
      title,
      docNo,
      kind,
      topic,
      genre: pick(GENRE_OF[kind]),
      audience: r() < 0.5 ? [pick(AUDIENCES)] : [],
      keywords,
      summary,
      body,
      writtenAt: written,
      publishedAt: publishedOn,
      ...(kind === 'rule' || kind === 'normativeDocument' ? { validity: validityOf(r(), publishedOn, year, from + years) } : {}),
      ...(interprets ? { interprets } : {}),
      ...(COLUMN_OF[kind] ? { columns: [pick(COLUMN_OF[kind]!)] } : r() < 0.04 ? { columns: [pick(COLUMN_OF.keyArea!)] } : {}),
    };
    if (kind === 'rule' || kind === 'normativeDocument') lastRule.set(a, { ref, title });
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    const hay = `${title}\n${docNo ?? ''}\n${keywords.join(' ')}\n${summary ?? ''}\n${bodyText}`;
    for (const t of SHARE_TERMS) if (hay.includes(t)) counts[t]++;
    buf += `${JSON.stringify(line)}\n`;
    if (buf.length > 1 << 20) {
      await write(buf);
      buf = '';
    }
    if ((i + 1) % 100_000 === 0) log(`generated ${i + 1} items (${((i + 1) / ((performance.now() - t0) / 1000)).toFixed(0)}/s)`);
  }
  await write(buf);
  await new Promise<void>((res, rej) => out.end((e?: Error | null) => (e ? rej(e) : res())));
  renameSync(tmp, path);
  const info: CatalogFileInfo = {
    path,
    items,
    bytes: statSync(path).size,
    termShare: Object.fromEntries(Object.entries(counts).map(([t, c]) => [t, +(c / items).toFixed(3)])),
    avgBodyChars: Math.round(bodyChars / items),
    kinds,
    interpretations,
    generateMs: Math.round(performance.now() - t0),
  };
  writeFileSync(infoPath, JSON.stringify(info));
  return info;
}

function validityOf(x: number, publishedOn: string, year: number, endYear: number): NonNullable<ImportLine['validity']> {
  if (x < 0.8 || year >= endYear - 2) return { status: 'inForce', from: publishedOn, until: null, replacedBy: null };
  if (x < 0.9) return { status: 'amended', from: publishedOn, until: null, replacedBy: null };
  const until = `${year + 2}${publishedOn.slice(4)}`;
  return { status: x < 0.95 ? 'expired' : 'repealed', from: publishedOn, until: until.endsWith('02-29') ? until.replace('02-29', '02-28') : until, replacedBy: null };
}
