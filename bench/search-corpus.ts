/**
 * A deterministic catalog of generated government documents for the search recall test and the search
 * benchmark: clauses of the 2017 Hengshui annual report plus common phrases of budget, poverty-relief
 * and social-assistance documents (so that 预算, 扶贫, 低保 occur inside differently segmented phrases).
 */
import { readFileSync } from 'node:fs';

const REPORT = new URL('../src/demo/hengshui-2017-annual-report.txt', import.meta.url);

/** Extra phrases: the two-character terms appear at word boundaries and inside longer words. */
const PHRASES = [
  '衡水市市级预算公开办法', '部门预算和决算公开', '一般公共预算收入', '预算执行情况', '政府性基金预算', '市级预算单位', '预算调整方案', '国有资本经营预算',
  '财政预算绩效管理', '预算公开工作规范', '决算公开工作规范', '三公经费预算', '预算管理一体化',
  '精准扶贫精准脱贫', '扶贫资金使用情况', '扶贫开发工作', '扶贫项目公示', '产业扶贫', '易地扶贫搬迁', '扶贫对象动态管理', '脱贫攻坚责任制',
  '城乡低保对象', '农村低保标准', '低保金发放', '低保家庭', '最低生活保障', '特困人员救助供养', '临时救助',
  '政务公开', '信息公开', '依申请公开', '政策解读', '舆情回应', '新闻发布会', '权责清单', '双随机一公开', '放管服改革',
  '重大行政决策', '风险评估', '投资项目目录', '考核指标体系', '任务分解方案', '工作通知', '关于印发', '的通知', '实施意见',
];
const SUFFIXES = ['的通知', '实施方案', '管理办法', '工作规范', '情况的报告', '的实施意见', '工作要点', '的公告', '政策解读', '考核办法'];
const PREFIXES = ['衡水市', '市政府办公室关于', '关于印发', '关于做好', '关于进一步加强', '市财政局关于', '市民政局关于', '市扶贫办关于'];
const DOC_PREFIXES = ['衡政办字', '衡政字', '衡政办函', '衡财预', '衡民字', '衡扶贫办', '衡政发'];
const KEYWORDS = ['预算', '决算', '扶贫', '低保', '政务公开', '信息公开', '救助', '财政', '考核', '项目', '教育', '环境'];
const TOPICS = ['综合政务/政务公开', '财政、金融、审计/财政', '民政、扶贫、救灾/扶贫', '民政、扶贫、救灾/社会福利', '国民经济管理、国有资产监管/重大建设项目', '城乡建设、环境保护/城市规划', '科技、教育/教育'];
const GENRES = ['通知', '意见', '公告', '报告', '决定', '函', '其他'];
const KINDS = ['notice', 'notice', 'news', 'news', 'normativeDocument', 'interpretation', 'plan', 'budget', 'statistics', 'other'] as const;

export interface CorpusDoc {
  title: string;
  docNo: string | null;
  keywords: string[];
  summary: string | null;
  body: string;
  kind: (typeof KINDS)[number];
  topic: string;
  genre: string;
  publishedOn: string;
  /** Index into the caller's agency list; co-issuers likewise. */
  agency: number;
  coIssuers: number[];
}

/** Mulberry32: small, fast, deterministic. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let clausesCache: string[] | null = null;
/** Clauses of the report (4–40 characters with Han text). */
export function reportClauses(): string[] {
  if (clausesCache) return clausesCache;
  const text = readFileSync(REPORT, 'utf8');
  clausesCache = text
    .split(/[，。；：！？、,;:!?\n（）()“”"《》〈〉【】\s]+/u)
    .map((s) => s.trim())
    .filter((s) => /\p{Script=Han}/u.test(s) && [...s].length >= 4 && [...s].length <= 40);
  return clausesCache;
}

export function generateCorpus(opts: { count: number; seed?: number; agencies: number; fromYear?: number; toYear?: number; bodyClauses?: [number, number] }): CorpusDoc[] {
  const r = rng(opts.seed ?? 2017);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const clauses = reportClauses();
  const phraseOrClause = () => (r() < 0.35 ? pick(PHRASES) : pick(clauses));
  const from = opts.fromYear ?? 2015;
  const to = opts.toYear ?? 2024;
  const [bMin, bMax] = opts.bodyClauses ?? [6, 20];
  const out: CorpusDoc[] = [];
  for (let i = 0; i < opts.count; i++) {
    const year = from + Math.floor(r() * (to - from + 1));
    const month = 1 + Math.floor(r() * 12);
    const day = 1 + Math.floor(r() * 28);
    const kind = pick(KINDS);
    const core = r() < 0.5 ? pick(PHRASES) : pick(clauses).slice(0, 14);
    const title = kind === 'interpretation' ? `《${pick(PREFIXES)}${core}${pick(SUFFIXES)}》政策解读` : `${pick(PREFIXES)}${core}${pick(SUFFIXES)}`;
    const bodyParts: string[] = [];
    const n = bMin + Math.floor(r() * (bMax - bMin + 1));
    for (let j = 0; j < n; j++) bodyParts.push(phraseOrClause());
    const body = bodyParts.map((c, j) => c + (j % 3 === 2 ? '。' : '，')).join('');
    const agency = Math.floor(r() * opts.agencies);
    out.push({
      title,
      docNo: r() < 0.6 ? `${pick(DOC_PREFIXES)}〔${year}〕${1 + Math.floor(r() * 120)}号` : null,
      keywords: r() < 0.7 ? [...new Set([pick(KEYWORDS), pick(KEYWORDS)])].slice(0, 1 + Math.floor(r() * 2)) : [],
      summary: r() < 0.8 ? `${phraseOrClause()}，${phraseOrClause()}。` : null,
      body,
      kind,
      topic: pick(TOPICS),
      genre: pick(GENRES),
      publishedOn: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      agency,
      coIssuers: r() < 0.1 ? [(agency + 1 + Math.floor(r() * (opts.agencies - 1))) % opts.agencies].filter((a) => a !== agency) : [],
    });
  }
  return out;
}

/** Whether a document contains the term (characters in order) in any searchable field: the recall reference. */
export function containsTerm(d: { title: string; docNo: string | null; keywords: string[]; summary: string | null; body: string }, term: string, scope: 'all' | 'title' = 'all'): boolean {
  if (scope === 'title') return d.title.includes(term);
  return d.title.includes(term) || (d.docNo ?? '').includes(term) || d.keywords.some((k) => k.includes(term)) || (d.summary ?? '').includes(term) || d.body.includes(term);
}
