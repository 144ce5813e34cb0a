/**
 * The applications benchmark's data: the benchmark city's first 500 agencies (bench/catalog-corpus.ts:
 * 衡水市人民政府, 40 city departments, 11 counties each with its government, 32 departments and 8
 * townships) and a JSONL ledger of N disclosure applications in the import format of issue 4
 * (src/modules/applications/import.ts), received over the five years up to `today`, in receipt order.
 *
 * The mix is that of real ledgers: land requisition and housing expropriation dominate (自然资源和规划局 and
 * 住房和城乡建设局 receive the most), most answers come within the 20 working days, about 3 % late; 4 %
 * correction requests (85 % corrected, the rest lapse), 3 % third-party consultations, 3 % extensions,
 * 0.5 % fees, 2 % withdrawals, 1 % reconsiderations or lawsuits; outcomes spread over table 三's rows.
 * The cases received in the last weeks are still open (a few percent: what a workbench queue holds), some of
 * them paused. Applicants are fictitious (张某甲; resident ID numbers in the unassigned region 139900, credit
 * codes carrying DEM: the demo's generators). Online cases carry a tracking code (as an export of a system
 * with an online form would); those codes start with L, a letter new codes never use, so they cannot collide.
 *
 * Deterministic (seeded) and streamed; the file is cached in the temp folder per version, size and end date.
 * Every event is placed by calendar-day offsets chosen so that no rule is broken whatever the holidays
 * (a correction notice within 3 calendar days, an extension within 14, …): the import's check pass would
 * reject the whole file otherwise.
 */
import { createWriteStream, existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, type IsoDate } from '../src/kernel/calendar/index.ts';
import type { ApplicationImportLine, ImportEvent, ImportProceeding } from '../src/modules/applications/index.ts';
import { demoCreditCode, demoResidentId } from '../src/demo/applications.ts';
import { benchAgencies, type BenchAgency } from './catalog-corpus.ts';
import { rng } from './search-corpus.ts';

/** Bump when the generated content changes (the file is cached per version, size and end date). */
const VERSION = 1;
export const APPLICATION_AGENCIES = 500;

/** The benchmark's agencies: the first 500 of the catalog benchmark's tree. */
export function applicationAgencies(): BenchAgency[] {
  return benchAgencies(APPLICATION_AGENCIES);
}

/** Cases per agency, relative: land, housing and the governments receive the most. */
function caseWeight(a: BenchAgency): number {
  if (a.name.includes('自然资源')) return a.parent === null || a.parent === 'HS' ? 60 : 12;
  if (a.name.includes('住房和城乡建设')) return a.parent === 'HS' ? 40 : 8;
  if (a.code === 'HS') return 30;
  if (a.kind === 'government') return 10;
  if (/财政|生态环境|市场监督|人力资源|教育|公安|城市管理|农业农村/.test(a.name)) return a.parent === 'HS' ? 10 : 3;
  if (a.kind === 'department') return a.parent === 'HS' ? 4 : 1.5;
  return 1.5; // townships: land and demolition
}

const surnames = ['张', '王', '李', '赵', '刘', '陈', '杨', '孙', '周', '吴', '郑', '冯', '高', '马', '韩', '田'];
const stems = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
const companies = ['衡水示例建材有限公司', '演示化工有限公司', '衡水某某房地产开发有限公司', '示例农业科技有限公司', '演示物流有限公司', '衡水示范食品有限公司', '示例机械制造有限公司', '演示商贸有限公司'];
const lawFirms = ['河北演示律师事务所', '衡水示例律师事务所'];
const villages = ['东王村', '西李庄', '北马村', '南关村', '大赵庄', '小侯村', '前屯村', '后刘村', '高家庄', '河东村', '新华村', '马家寨'];
const places = ['桃城区', '冀州区', '枣强县', '武邑县', '深州市', '安平县', '景县', '故城县', '饶阳县', '阜城县', '武强县'];
const streets = ['人民路', '胜利路', '和平街', '育才街', '中华大街', '永兴路', '红旗大街', '新华路'];
const ASKS: ((p: (xs: string[]) => string, y: number) => string)[] = [
  (p) => `申请公开${p(places)}${p(villages)}集体土地征收的征地批复文件、征地补偿安置方案及公告。`,
  (p, y) => `申请公开${y}年度${p(places)}建设用地报批材料中涉及${p(villages)}的勘测定界图。`,
  (p) => `申请公开${p(streets)}棚户区改造项目的房屋征收决定、征收补偿方案及社会稳定风险评估报告。`,
  (p) => `申请公开${p(streets)}片区国有土地上房屋征收补偿资金的拨付和使用情况。`,
  (p) => `申请公开${p(villages)}土地征收补偿款的发放明细和村集体留存情况。`,
  (p) => `申请公开${p(villages)}违法建设拆除的行政强制执行决定书。`,
  (_p, y) => `申请公开${y}年度部门预算中“三公”经费支出明细。`,
  (p) => `申请公开${p(companies)}建设项目的环境影响评价报告书及审批意见。`,
  (p) => `申请公开对${p(companies)}作出的行政处罚决定书。`,
  (p, y) => `申请公开${y}年${p(places)}农村危房改造补助对象名单及补助标准。`,
  (p, y) => `申请公开${y}年${p(villages)}最低生活保障对象名单及资金发放情况。`,
  (p) => `申请公开${p(streets)}道路改造工程的立项批复及可行性研究报告批复。`,
];

/** Outcomes with their share (table 三's rows as real ledgers spread them) and what the line carries. */
const OUTCOMES: [weight: number, outcome: string, detail: string | null, reasons: string | null][] = [
  [30, 'disclose', null, null],
  [10, 'disclose', 'alreadyPublished', null],
  [10, 'partial', null, '部分内容涉及个人隐私，已作区分处理。'],
  [2, 'withhold.thirdParty', null, '所申请信息涉及商业秘密，第三方不同意公开。'],
  [2, 'withhold.process', null, '所申请信息属于过程性信息。'],
  [1, 'withhold.internal', null, '所申请信息属于内部事务信息。'],
  [1, 'withhold.adminQuery', null, '所申请信息应通过不动产登记资料查询途径获取。'],
  [1, 'withhold.stateSecret', null, '所申请信息属于国家秘密。'],
  [15, 'unable.notHeld', 'notThisAgency', '所申请信息不属于本机关公开职责范围。'],
  [13, 'unable.notHeld', 'notExist', '经检索，本机关未制作或获取该信息。'],
  [2, 'unable.needsCreation', null, '所申请信息需要本机关对现有信息进行加工、分析。'],
  [2, 'decline.petition', null, '来信实为信访举报事项，已告知通过信访渠道反映。'],
  [2, 'decline.repeat', null, '申请人重复申请相同信息。'],
  [1, 'decline.publication', null, '所申请内容为公开出版物。'],
  [2, 'other.other', null, null],
];

export interface ApplicationsFileInfo {
  path: string;
  cases: number;
  bytes: number;
  from: IsoDate;
  until: IsoDate;
  /** Cases left open (no answer, not withdrawn), and per agency code the number of cases. */
  open: number;
  byAgency: Record<string, number>;
  largestAgency: string;
  events: number;
  proceedings: number;
  generateMs: number | null;
}

/**
 * Writes (once per version, size and end date, cached in the temp folder) the JSONL ledger of `cases`
 * cases received over `years` years up to `today` at `agencies` (default: the first 500 of the tree; the
 * reports benchmark passes all 1,000); returns its path and what it holds.
 */
export async function applicationsFile(cases: number, today: IsoDate, opts: { years?: number; log?: (s: string) => void; dir?: string; agencies?: BenchAgency[] } = {}): Promise<ApplicationsFileInfo> {
  const years = opts.years ?? 5;
  const dir = opts.dir ?? tmpdir();
  const agencies = opts.agencies ?? applicationAgencies();
  // Files over the default 500 agencies keep their old names (and caches); other trees are named by their size.
  const tree = agencies.length === APPLICATION_AGENCIES ? '' : `-a${agencies.length}`;
  const path = join(dir, `gongkai-applications-v${VERSION}-${cases}${tree}-${today}.jsonl`);
  const infoPath = `${path}.info.json`;
  if (existsSync(path) && existsSync(infoPath)) return { ...JSON.parse(readFileSync(infoPath, 'utf8')), generateMs: null };
  const log = opts.log ?? (() => undefined);
  const from = addDays(`${Number(today.slice(0, 4)) - years}${today.slice(4)}`, 1);
  const spanDays = Math.round((Date.parse(today) - Date.parse(from)) / 86400_000) + 1;
  const r = rng(2019);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const weights = agencies.map(caseWeight);
  const total = weights.reduce((s, w) => s + w, 0);
  const cumulative: number[] = [];
  weights.reduce((s, w, i) => (cumulative[i] = s + w), 0);
  const pickAgency = () => {
    const x = r() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const outcomeTotal = OUTCOMES.reduce((s, [w]) => s + w, 0);
  const pickOutcome = () => {
    let x = r() * outcomeTotal;
    for (const o of OUTCOMES) if ((x -= o[0]) < 0) return o;
    return OUTCOMES[0]!;
  };
  const serial = new Map<string, number>(); // agency|year → last case number
  const byAgency: Record<string, number> = {};
  let open = 0;
  let eventCount = 0;
  let proceedingCount = 0;

  const tmp = `${path}.part`;
  const out = createWriteStream(tmp);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((res) => out.once('drain', () => res())));
  const t0 = performance.now();
  let buf = '';
  for (let i = 0; i < cases; i++) {
    const a = agencies[pickAgency()]!;
    const receivedAt = addDays(from, Math.min(spanDays - 1, Math.floor(((i + r()) / cases) * spanDays)));
    const year = Number(receivedAt.slice(0, 4));
    const key = `${a.code}|${year}`;
    const n = (serial.get(key) ?? 0) + 1;
    serial.set(key, n);
    byAgency[a.code] = (byAgency[a.code] ?? 0) + 1;
    const channel = r() < 0.55 ? 'online' : pick(['inPerson', 'inPerson', 'post', 'letter', 'email', 'fax'] as const);
    const kind = r();
    const phone = `0318-09${String(int(0, 99999)).padStart(5, '0')}`;
    const address = `衡水市${pick(places)}${pick(streets)}${int(1, 300)}号（演示地址）`;
    let applicant: ApplicationImportLine['applicant'];
    if (kind < 0.84) {
      const birth = `${int(1950, 2000)}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`;
      applicant = { type: 'natural', name: `${pick(surnames)}某${pick(stems)}`, idType: 'residentId', idNumber: demoResidentId(birth, i), phone, address, ...(r() < 0.3 ? { email: `applicant${i % 100_000}@gongkai-demo.example` } : {}) };
    } else if (kind < 0.94) applicant = { type: 'commercial', name: pick(companies), creditCode: demoCreditCode(i), contactPerson: `${pick(surnames)}某${pick(stems)}`, phone, address };
    else applicant = { type: 'legalService', name: pick(lawFirms), creditCode: demoCreditCode(i), contactPerson: `${pick(surnames)}某${pick(stems)}`, phone, address };

    // The case's events by calendar-day offsets; the first one after today ends the list (the case is open there).
    const events: ImportEvent[] = [];
    let last = receivedAt;
    let stopped = false;
    const push = (e: ImportEvent) => {
      if (stopped || e.on > today) {
        stopped = true;
        return false;
      }
      events.push(e);
      last = e.on;
      return true;
    };
    const after = (d: IsoDate, lo: number, hi: number) => addDays(d, int(lo, hi));
    let outcome = pickOutcome();
    let answeredOn: IsoDate | null = null;
    let done = false;
    const x = r();
    if (x < 0.02) {
      push({ type: 'withdrawn', on: after(receivedAt, 3, 15), reason: '申请人撤回申请。' });
      done = true;
    } else if (x < 0.06) {
      const requested = after(receivedAt, 1, 3);
      const until = addDays(requested, 15);
      push({ type: 'correctionRequested', on: requested, until, what: '请明确所需信息的名称、文号或者便于查询的其他特征性描述。' });
      if (r() < 0.15) {
        outcome = [0, 'other.correctionLapsed', null, null];
        if (push({ type: 'answered', on: after(until, 1, 5), outcome: 'other.correctionLapsed' })) answeredOn = last;
        done = true;
      } else push({ type: 'corrected', on: after(requested, 3, 12) });
    } else if (x < 0.09) {
      push({ type: 'consultationStarted', on: after(receivedAt, 2, 8), party: 'thirdParty', with: pick(companies) });
      push({ type: 'consultationEnded', on: after(last, 5, 15), result: pick(['agreed', 'objected', 'silent'] as const) });
    } else if (x < 0.12) {
      push({ type: 'extended', on: after(receivedAt, 8, 14), days: pick([10, 15, 20]), reason: '所申请信息数量较大，需要检索、汇总。' });
    } else if (x < 0.125) {
      push({ type: 'feeNotified', on: after(receivedAt, 5, 10), amount: 100, basis: 'perCase', quantity: 1 });
      push({ type: 'feePaid', on: after(last, 2, 10) });
    }
    if (!done) {
      const late = r() < 0.03;
      const [, code, detail, reasons] = outcome;
      if (push({ type: 'answered', on: after(last, late ? 35 : 3, late ? 50 : 25), outcome: code, ...(detail ? { detail } : {}), ...(reasons ? { reasons } : {}) })) answeredOn = last;
    }
    if (answeredOn && r() < 0.3) push({ type: 'delivered', on: after(answeredOn, 1, 3), method: pick(['post', 'email', 'online', 'inPerson'] as const) });
    const proceedings: ImportProceeding[] = [];
    if (answeredOn && r() < 0.01) {
      const filedOn = after(answeredOn, 10, 50);
      if (filedOn <= today) {
        const decidedOn = after(filedOn, 30, 60);
        const decided = decidedOn <= today;
        proceedings.push({ kind: r() < 0.6 ? 'reconsideration' : 'litigationDirect', body: r() < 0.6 ? '衡水市人民政府' : '衡水市桃城区人民法院', filedOn, decidedOn: decided ? decidedOn : null, result: decided ? (r() < 0.85 ? 'upheld' : 'other') : 'pending' });
      }
    }
    if (!answeredOn && !events.some((e) => e.type === 'withdrawn')) open++;
    eventCount += events.length;
    proceedingCount += proceedings.length;
    const line: ApplicationImportLine = {
      ref: `${a.docPrefix}依申〔${year}〕${n}号`,
      agency: a.code,
      ...(channel === 'online' ? { trackingCode: `YS${year}L${i.toString(31).toUpperCase().padStart(7, '0').replace(/[0-9A-U]/g, (c) => 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'[parseInt(c, 31)]!)}` } : {}),
      applicant,
      channel,
      receivedAt,
      rules: receivedAt < '2019-05-15' ? 'cn-2007' : 'cn-2019',
      description: pick(ASKS)(pick, year),
      form: pick(['electronic', 'electronic', 'paper', 'inspect'] as const),
      delivery: pick(['online', 'post', 'email', 'collect'] as const),
      events,
      ...(proceedings.length ? { proceedings } : {}),
    };
    buf += `${JSON.stringify(line)}\n`;
    if (buf.length > 1 << 20) {
      await write(buf);
      buf = '';
    }
    if ((i + 1) % 100_000 === 0) log(`generated ${i + 1} cases (${((i + 1) / ((performance.now() - t0) / 1000)).toFixed(0)}/s)`);
  }
  await write(buf);
  await new Promise<void>((res, rej) => out.end((e?: Error | null) => (e ? rej(e) : res())));
  renameSync(tmp, path);
  const largestAgency = Object.entries(byAgency).sort((x, y) => y[1] - x[1])[0]![0];
  const info: ApplicationsFileInfo = { path, cases, bytes: statSync(path).size, from, until: today, open, byAgency, largestAgency, events: eventCount, proceedings: proceedingCount, generateMs: Math.round(performance.now() - t0) };
  writeFileSync(infoPath, JSON.stringify(info));
  return info;
}
