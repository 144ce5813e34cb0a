/**
 * The demo city's disclosure applications, loaded through the bulk import (src/modules/applications/import.ts),
 * the same path as `gongkai import applications` — so the demo proves the importer.
 *
 * 2017 reproduces the city report (hengshui-2017-annual-report.txt, part 三 and 五): 184 applications, all
 * answered, 3 after an extension; 31 already published, 38 disclosed, 6 partly disclosed, 8 withheld, 68 not
 * this agency's, 16 not existing, and the 17 the report leaves unexplained given real outcomes:
 *   7 告知作出更改补充 where the applicant never corrected → other.correctionLapsed,
 *   6 告知通过其他途径办理 (不动产登记、工商档案) → withhold.adminQuery,
 *   2 告知通过其他途径办理 (公开出版物) → decline.publication,
 *   2 信访举报 filed as applications → decline.petition.
 * The 8 withheld by the report's reasons: 国家秘密 1, 商业秘密 2, 个人隐私 2 (withhold.thirdParty), 三安全一稳定 1,
 * 不是《条例》所指政府信息 1 (withhold.process), 法律法规规定的其他情形 1 (withhold.lawProhibited).
 * 14 reconsiderations (12 upheld, 2 corrected) and 27 lawsuits (19 维持或驳回 → upheld, 3 corrected, 5 other),
 * all decided in 2017; a corrected answer is followed by a renewed answer. Rules cn-2007 (received before 2019-05-15).
 *
 * 2024 to today: a few hundred cases of the kinds real ledgers hold (征地补偿, 房屋征收, 预算, 环评, 招生,
 * 行政处罚决定书 …), closed ones with a realistic outcome mix (a few answered late), and open ones placed
 * relative to today so that the workbench shows overdue, due-soon, paused (correction, consultation, fee)
 * and fresh cases — many at the demo handler's agency (HS-JYJ).
 *
 * Applicants are obviously fictitious (张某甲, 李某乙 …); ID numbers pass the check character but use the
 * unassigned region code 139900; organisations' credit codes carry DEM; phones 0318-09xxxxx, e-mail on
 * gongkai-demo.example, addresses marked （演示地址）. Deterministic: a seeded generator; only the dates of
 * the recent cases move with today. A reload finds the demo cases by their case numbers and adds nothing.
 */
import { Readable } from 'node:stream';
import { addDays, type IsoDate, type WorkCalendar } from '../kernel/calendar/index.ts';
import { todayInShanghai } from '../kernel/calendar/index.ts';
import { cliActor } from '../modules/audit/index.ts';
import { createApplicationsRepository, foldCase, type CaseEvent } from '../modules/applications/index.ts';
import { importApplications, type ApplicationImportLine, type ApplicationImportSummary, type ImportEvent, type ImportProceeding } from '../modules/applications/index.ts';
import type { Services } from '../services.ts';
import { creditCodeCheck } from './city.ts';
import { prng, type Rng } from './prng.ts';
import { residentIdCheckChar } from '../kernel/text/index.ts';



// ---------------------------------------------------------------------------------------------
// Fictitious applicants

/** A resident ID number valid by its check character, in the unassigned region 139900 (so nobody's). */
export function demoResidentId(birth: IsoDate, seq: number): string {
  const first17 = `139900${birth.replaceAll('-', '')}${String(seq % 1000).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}
/** An enterprise's credit code with DEM in place of the organisation code. */
export function demoCreditCode(serial: number): string {
  // The organisation code (GB 11714): DEM, five digits and its check character.
  const body = `DEM${String(serial % 100000).padStart(5, '0')}`;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (body.charCodeAt(i) <= 57 ? body.charCodeAt(i) - 48 : body.charCodeAt(i) - 55) * [3, 7, 9, 10, 5, 8, 4, 2][i]!;
  const check = 11 - (sum % 11);
  const first17 = `91131100${body}${check === 10 ? 'X' : check === 11 ? '0' : String(check)}`;
  return first17 + creditCodeCheck(first17);
}

const surnames = ['张', '王', '李', '赵', '刘', '陈', '杨', '孙', '周', '吴', '郑', '冯', '高', '马', '韩', '田'];
const stems = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
const companies = ['衡水示例建材有限公司', '演示化工有限公司', '衡水某某房地产开发有限公司', '示例农业科技有限公司', '演示物流有限公司', '衡水示范食品有限公司'];
const lawFirms = ['河北演示律师事务所', '衡水示例律师事务所'];
const villages = ['东王村', '西李庄', '北马村', '南关村', '大赵庄', '小侯村', '前屯村', '后刘村'];
const places = ['桃城区', '冀州区', '枣强县', '武邑县', '深州市', '安平县', '景县', '故城县'];
const streets = ['人民路', '胜利路', '和平街', '育才街', '中华大街', '永兴路'];
const schools = ['衡水市第二中学', '衡水市育才小学', '衡水市实验中学', '桃城区第五小学'];

function applicant(r: Rng, n: number): ApplicationImportLine['applicant'] {
  const kind = r.next();
  const phone = `0318-09${String(r.int(0, 99999)).padStart(5, '0')}`;
  const address = `衡水市${r.pick(places)}${r.pick(streets)}${r.int(1, 300)}号（演示地址）`;
  if (kind < 0.84) {
    const birth = `${r.int(1950, 2000)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
    return { type: 'natural', name: `${r.pick(surnames)}某${r.pick(stems)}`, idType: 'residentId', idNumber: demoResidentId(birth, n), phone, address, email: r.chance(0.3) ? `applicant${n}@gongkai-demo.example` : null };
  }
  if (kind < 0.94) return { type: 'commercial', name: r.pick(companies), creditCode: demoCreditCode(n), contactPerson: `${r.pick(surnames)}某${r.pick(stems)}`, phone, address };
  return { type: 'legalService', name: r.pick(lawFirms), creditCode: demoCreditCode(n), contactPerson: `${r.pick(surnames)}某${r.pick(stems)}`, phone, address };
}

// ---------------------------------------------------------------------------------------------
// What people ask for, by agency

const asks: Record<string, ((r: Rng, year: number) => string)[]> = {
  'HS-ZRZYJ': [
    (r) => `申请公开${r.pick(places)}${r.pick(villages)}集体土地征收的征地批复文件、征地补偿安置方案及公告。`,
    (r, y) => `申请公开${y}年度${r.pick(places)}建设用地报批材料中涉及${r.pick(villages)}的勘测定界图。`,
  ],
  'HS-ZJJ': [
    (r) => `申请公开${r.pick(streets)}棚户区改造项目的房屋征收决定、征收补偿方案及社会稳定风险评估报告。`,
    (r) => `申请公开${r.pick(streets)}片区国有土地上房屋征收补偿资金的拨付和使用情况。`,
  ],
  'HS-CZJ': [
    (_r, y) => `申请公开${y}年度市级部门预算中“三公”经费支出明细。`,
    (r, y) => `申请公开${y}年${r.pick(places)}财政预算执行情况和政府债务余额情况。`,
  ],
  'HS-STHJJ': [
    (r) => `申请公开${r.pick(companies)}建设项目的环境影响评价报告书及审批意见。`,
    (r) => `申请公开对${r.pick(companies)}的环境监测数据和行政处罚决定书。`,
  ],
  'HS-JYJ': [
    (r, y) => `申请公开${y}年${r.pick(places)}义务教育阶段学校招生划片范围及其确定依据。`,
    (r, y) => `申请公开${r.pick(schools)}${y}年教师招聘考试成绩及拟聘用人员名单。`,
    (r, y) => `申请公开${y}年学生资助资金在${r.pick(schools)}的发放名单和标准。`,
  ],
  'HS-SCJGJ': [(r) => `申请公开对${r.pick(companies)}作出的行政处罚决定书。`, (r) => `申请公开${r.pick(companies)}食品抽检不合格的核查处置情况。`],
  'HS-RSJ': [(_r, y) => `申请公开${y}年度市直事业单位公开招聘拟聘用人员名单及考核结果。`, (r) => `申请公开${r.pick(companies)}工伤认定决定书。`],
  'HS-FGW': [(r) => `申请公开${r.pick(streets)}道路改造工程的立项批复及可行性研究报告批复。`, (_r, y) => `申请公开${y}年市重点建设项目计划。`],
  'HS-JTJ': [(r) => `申请公开${r.pick(streets)}与${r.pick(streets)}交叉口交通设施设置的审批文件。`],
  'HS-MZJ': [(r, y) => `申请公开${y}年${r.pick(places)}${r.pick(villages)}最低生活保障对象名单及资金发放情况。`],
  'HS-WJW': [(r) => `申请公开${r.pick(places)}某医疗机构的执业许可及校验情况。`],
  HS: [(r) => `申请公开市政府关于${r.pick(places)}${r.pick(villages)}土地征收的会议纪要和批复。`, (_r, y) => `申请公开${y}年市政府常务会议研究的城市更新项目相关文件。`],
  county: [
    (r) => `申请公开${r.pick(villages)}土地征收补偿款的发放明细和村集体留存情况。`,
    (r, y) => `申请公开${y}年本县农村危房改造补助对象名单及补助标准。`,
    (r) => `申请公开${r.pick(villages)}违法建设拆除的行政强制执行决定书。`,
  ],
};
const agencyWeights: [string, number][] = [
  ['HS-ZRZYJ', 16], ['HS-ZJJ', 14], ['HS', 10], ['HS-CZJ', 6], ['HS-STHJJ', 6], ['HS-JYJ', 10], ['HS-SCJGJ', 5], ['HS-RSJ', 5], ['HS-FGW', 4],
  ['HS-JTJ', 3], ['HS-MZJ', 4], ['HS-WJW', 3], ['HS-TC', 4], ['HS-JZ', 3], ['HS-ZQ', 2], ['HS-WY', 2], ['HS-SZ', 2], ['HS-AP', 1],
];
function pickAgency(r: Rng): string {
  const total = agencyWeights.reduce((s, [, w]) => s + w, 0);
  let x = r.next() * total;
  for (const [a, w] of agencyWeights) if ((x -= w) < 0) return a;
  return 'HS';
}
function describe(r: Rng, agency: string, year: number): string {
  return r.pick(asks[agency] ?? asks.county!)(r, year);
}
const rightAgencies = ['衡水市自然资源和规划局', '衡水市住房和城乡建设局', '桃城区人民政府', '衡水市市场监督管理局', '衡水市公安局'];

// ---------------------------------------------------------------------------------------------
// 2017: the report's figures

type Plan = { outcome: string; detail?: string; reasons?: string };
function plan2017(): Plan[] {
  const out: Plan[] = [];
  const add = (n: number, p: Plan) => {
    for (let i = 0; i < n; i++) out.push(p);
  };
  add(31, { outcome: 'disclose', detail: 'alreadyPublished' });
  add(38, { outcome: 'disclose' });
  add(6, { outcome: 'partial', reasons: '部分内容涉及个人隐私，已作区分处理。' });
  add(1, { outcome: 'withhold.stateSecret', reasons: '所申请信息属于国家秘密。' });
  add(4, { outcome: 'withhold.thirdParty', reasons: '所申请信息涉及商业秘密或个人隐私，第三方不同意公开。' });
  add(1, { outcome: 'withhold.security', reasons: '公开后可能危及社会稳定。' });
  add(1, { outcome: 'withhold.process', reasons: '所申请信息不是《条例》所指政府信息（内部讨论记录）。' });
  add(1, { outcome: 'withhold.lawProhibited', reasons: '法律法规规定不予公开的其他情形。' });
  add(68, { outcome: 'unable.notHeld', detail: 'notThisAgency', reasons: '所申请信息不属于本机关公开职责范围。' });
  add(16, { outcome: 'unable.notHeld', detail: 'notExist', reasons: '经检索，本机关未制作或获取该信息。' });
  add(7, { outcome: 'other.correctionLapsed' });
  add(6, { outcome: 'withhold.adminQuery', reasons: '所申请信息应通过不动产登记或企业档案查询途径获取。' });
  add(2, { outcome: 'decline.publication', reasons: '所申请内容为公开出版物，请通过公开渠道获取。' });
  add(2, { outcome: 'decline.petition', reasons: '来信实为信访举报事项，已告知通过信访渠道反映。' });
  return out;
}

function workingDay(cal: WorkCalendar, d: IsoDate): IsoDate {
  return cal.isWorkingDay(d) ? d : cal.addWorkingDays(d, 1).date;
}
const add = (cal: WorkCalendar, d: IsoDate, n: number) => cal.addWorkingDays(d, n).date;

function lines2017(cal: WorkCalendar): ApplicationImportLine[] {
  const r = prng(2017);
  const plans = plan2017();
  // Spread deterministically: shuffle the outcomes.
  for (let i = plans.length - 1; i > 0; i--) {
    const j = Math.floor(r.next() * (i + 1));
    [plans[i], plans[j]] = [plans[j]!, plans[i]!];
  }
  // The cases that lead to proceedings: early in the year, answered with a refusal of some kind.
  const contested = plans.map((p, i) => ({ p, i })).filter(({ p }) => p.outcome !== 'disclose' && p.outcome !== 'other.correctionLapsed').slice(0, 33).map(({ i }) => i);
  const contestedSet = new Set(contested);
  const extendedSet = new Set(plans.map((_, i) => i).filter((i) => !contestedSet.has(i) && plans[i]!.outcome !== 'other.correctionLapsed').slice(0, 3));
  const lines: ApplicationImportLine[] = [];
  plans.forEach((p, i) => {
    const agency = p.detail === 'notThisAgency' ? r.pick(['HS', 'HS-TC', 'HS-ZJJ', 'HS-CZJ', 'HS-JYJ', 'HS-JZ', 'HS-SZ']) : pickAgency(r);
    // Contested cases are received January to March, the rest through to early December.
    const start = contestedSet.has(i) ? addDays('2017-01-03', r.int(0, 80)) : addDays('2017-01-03', r.int(0, 330));
    const receivedAt = workingDay(cal, start);
    const events: ImportEvent[] = [];
    let answerOn: IsoDate;
    if (p.outcome === 'other.correctionLapsed') {
      const requested = add(cal, receivedAt, r.int(1, 3));
      const until = addDays(requested, 15);
      events.push({ type: 'correctionRequested', on: requested, until, what: '请补充所需信息的名称、文号或其他特征描述。' });
      answerOn = workingDay(cal, addDays(until, r.int(1, 5)));
    } else if (extendedSet.has(i)) {
      events.push({ type: 'extended', on: add(cal, receivedAt, 12), days: 15, reason: '所需信息涉及多个科室，需要汇总核实。' });
      answerOn = add(cal, receivedAt, r.int(18, 26));
    } else answerOn = add(cal, receivedAt, r.int(1, 14));
    events.push({ type: 'answered', on: answerOn, outcome: p.outcome, detail: p.detail ?? null, ...(p.reasons ? { reasons: p.reasons } : {}), ...(p.detail === 'notThisAgency' ? { rightAgency: r.pick(rightAgencies) } : {}) });
    lines.push({
      ref: `DEMO-2017-${String(i + 1).padStart(3, '0')}`,
      agency,
      trackingCode: trackingCode(r, 2017),
      applicant: applicant(r, i + 1),
      channel: r.pick(['inPerson', 'inPerson', 'letter', 'online', 'online', 'post', 'fax'] as const),
      receivedAt,
      rules: 'cn-2007',
      description: describe(r, agency, 2017),
      form: r.pick(['paper', 'paper', 'electronic', 'inspect'] as const),
      delivery: r.pick(['post', 'collect', 'collect'] as const),
      events,
      proceedings: [],
    });
  });

  // 14 reconsiderations (12 upheld, 2 corrected) on the first 14 contested cases; 8 of the upheld ones go on to
  // court (litigationAfterReconsideration); 19 more cases go to court directly. Lawsuits: 19 upheld, 3 corrected, 5 other.
  const lawsuitResults: ImportProceeding['result'][] = [...Array(19).fill('upheld'), ...Array(3).fill('corrected'), ...Array(5).fill('other')];
  const afterReconsideration = new Set([0, 1, 2, 3, 4, 5, 6, 7]); // reconsideration index → also sued (all upheld ones)
  let suit = 0;
  // Corrected lawsuits go to direct lawsuits (the last ones), so that a renewed answer follows a single decision.
  const directResults = [...lawsuitResults.slice(0, 11), ...lawsuitResults.slice(19, 27), ...lawsuitResults.slice(11, 19)];
  const suitResult = (k: number) => (k < 8 ? 'upheld' : directResults[k - 8]!) as ImportProceeding['result'];
  contested.slice(0, 14).forEach((idx, k) => {
    const line = lines[idx]!;
    const answered = line.events!.find((e) => e.type === 'answered')!;
    const filedOn = workingDay(cal, addDays(answered.on, r.int(10, 30)));
    const decidedOn = workingDay(cal, addDays(filedOn, r.int(40, 58)));
    const result: ImportProceeding['result'] = k < 12 ? 'upheld' : 'corrected';
    const body = line.agency === 'HS' ? '河北省人民政府' : '衡水市人民政府';
    line.proceedings!.push({ kind: 'reconsideration', body, filedOn, decidedOn, result });
    if (result === 'corrected') renewedAnswer(cal, r, line, decidedOn);
    if (afterReconsideration.has(k)) {
      const f2 = workingDay(cal, addDays(decidedOn, r.int(3, 14)));
      line.proceedings!.push({ kind: 'litigationAfterReconsideration', body: '衡水市中级人民法院', filedOn: f2, decidedOn: workingDay(cal, addDays(f2, r.int(50, 90))), result: suitResult(suit++) });
    }
  });
  contested.slice(14, 33).forEach((idx) => {
    const line = lines[idx]!;
    const answered = line.events!.find((e) => e.type === 'answered')!;
    const filedOn = workingDay(cal, addDays(answered.on, r.int(15, 45)));
    const decidedOn = workingDay(cal, addDays(filedOn, r.int(60, 150)));
    const result = suitResult(suit++);
    line.proceedings!.push({ kind: 'litigationDirect', body: '衡水市桃城区人民法院', filedOn, decidedOn, result });
    if (result === 'corrected') renewedAnswer(cal, r, line, decidedOn);
  });
  return lines;
}

/** After a corrected result: the renewed answer, within the rule set's period from the decision. */
function renewedAnswer(cal: WorkCalendar, r: Rng, line: ApplicationImportLine, decidedOn: IsoDate): void {
  line.events!.push({ type: 'answered', on: add(cal, decidedOn, r.int(5, 12)), outcome: r.pick(['disclose', 'partial']), detail: null, reasons: '根据复议决定（判决）重新答复，部分内容涉及个人隐私已作区分处理。', followUp: true });
}

function trackingCode(r: Rng, year: number): string {
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
  let s = '';
  for (let i = 0; i < 8; i++) s += alphabet[Math.floor(r.next() * alphabet.length)];
  return `YS${year}${s}`;
}

// ---------------------------------------------------------------------------------------------
// 2024 to today

const recentOutcomes: [Plan, number][] = [
  [{ outcome: 'disclose' }, 36],
  [{ outcome: 'disclose', detail: 'alreadyPublished' }, 16],
  [{ outcome: 'partial', reasons: '部分内容涉及第三方个人信息，已作区分处理。' }, 8],
  [{ outcome: 'unable.notHeld', detail: 'notThisAgency', reasons: '所申请信息不属于本机关负责公开。' }, 12],
  [{ outcome: 'unable.notHeld', detail: 'notExist', reasons: '经检索，本机关未制作或获取该信息。' }, 9],
  [{ outcome: 'withhold.thirdParty', reasons: '涉及商业秘密，第三方不同意公开。' }, 3],
  [{ outcome: 'withhold.process', reasons: '属于过程性信息。' }, 3],
  [{ outcome: 'withhold.enforcementFile', reasons: '属于行政执法案卷信息。' }, 2],
  [{ outcome: 'unable.needsCreation', reasons: '需要对现有信息进行加工、分析。' }, 3],
  [{ outcome: 'decline.petition', reasons: '属于信访举报事项。' }, 2],
  [{ outcome: 'decline.repeat', reasons: '重复申请，已于此前答复。' }, 2],
  [{ outcome: 'withhold.adminQuery', reasons: '属于不动产登记资料查询事项。' }, 2],
];
function pickOutcome(r: Rng): Plan {
  const total = recentOutcomes.reduce((s, [, w]) => s + w, 0);
  let x = r.next() * total;
  for (const [p, w] of recentOutcomes) if ((x -= w) < 0) return p;
  return recentOutcomes[0]![0];
}

/** How many closed cases 2024 to today, and how many open ones of each kind. */
export const RECENT_CLOSED = 300;
export const RECENT_OPEN = { overdue: 4, dueSoon: 6, correcting: 2, consulting: 2, awaitingFee: 1, fresh: 12, normal: 8 } as const;

function recentLines(cal: WorkCalendar, today: IsoDate): ApplicationImportLine[] {
  const r = prng(2024);
  const lines: ApplicationImportLine[] = [];
  let n = 0;
  const base = (agency: string, receivedAt: IsoDate, events: ImportEvent[], proceedings: ImportProceeding[] = []): ApplicationImportLine => {
    n++;
    const year = Number(receivedAt.slice(0, 4));
    return {
      ref: `DEMO-R-${String(n).padStart(4, '0')}`,
      agency,
      trackingCode: trackingCode(r, year),
      applicant: applicant(r, 500 + n),
      channel: r.pick(['online', 'online', 'online', 'online', 'inPerson', 'post', 'email'] as const),
      receivedAt,
      description: describe(r, agency, year),
      form: r.pick(['electronic', 'electronic', 'paper', 'inspect'] as const),
      delivery: r.pick(['online', 'online', 'email', 'post', 'collect'] as const),
      events,
      proceedings,
    };
  };
  const withContact = (l: ApplicationImportLine) => {
    if (l.delivery === 'email' && !l.applicant.email) l.applicant.email = `applicant${500 + n}@gongkai-demo.example`;
    return l;
  };

  // Closed cases: received 2024-01-02 up to about two months ago.
  const last = addDays(today, -60);
  const span = Math.max(1, (Date.parse(last) - Date.parse('2024-01-02')) / 86_400_000);
  for (let i = 0; i < RECENT_CLOSED; i++) {
    const receivedAt = workingDay(cal, addDays('2024-01-02', Math.floor((span * i) / RECENT_CLOSED) + r.int(0, 2)));
    if (receivedAt > last) break;
    const agency = pickAgency(r);
    const p = pickOutcome(r);
    const events: ImportEvent[] = [];
    let from = receivedAt;
    let budget = 20;
    if (r.chance(0.06)) {
      const requested = add(cal, receivedAt, r.int(2, 6));
      const corrected = addDays(requested, r.int(3, 10));
      events.push({ type: 'correctionRequested', on: requested, until: addDays(requested, 15), what: '请明确所需信息的具体名称或文号。' }, { type: 'corrected', on: corrected });
      from = corrected;
    }
    if (r.chance(0.05)) {
      const s = add(cal, from, r.int(3, 6));
      const e = add(cal, s, r.int(4, 12));
      events.push({ type: 'consultationStarted', on: s, party: 'thirdParty', with: r.pick(companies) }, { type: 'consultationEnded', on: e, result: r.pick(['agreed', 'objected', 'silent'] as const) });
      from = e;
      budget = 8;
    }
    const extended = r.chance(0.04);
    if (extended) {
      events.push({ type: 'extended', on: add(cal, from, 15), days: 20, reason: '申请内容复杂，需要调取多年档案。' });
      budget = 30;
    }
    // About one in a hundred is answered a few days late (the workbench's late marker, the report's 不按时).
    const late = !extended && i % 90 === 45;
    const answerOn = add(cal, from, late ? 24 : extended ? r.int(16, budget) : r.int(1, budget));
    if (answerOn > today) continue;
    events.push({ type: 'answered', on: answerOn, outcome: p.outcome, detail: p.detail ?? null, ...(p.reasons ? { reasons: p.reasons } : {}), ...(p.detail === 'notThisAgency' ? { rightAgency: r.pick(rightAgencies) } : {}) });
    events.push({ type: 'delivered', on: answerOn, method: 'online' });
    const proceedings: ImportProceeding[] = [];
    if (p.outcome !== 'disclose' && r.chance(0.08)) {
      const filedOn = workingDay(cal, addDays(answerOn, r.int(10, 40)));
      const decidedOn = workingDay(cal, addDays(filedOn, r.int(40, 58)));
      if (decidedOn < today) proceedings.push({ kind: 'reconsideration', body: '衡水市人民政府', filedOn, decidedOn, result: r.chance(0.85) ? 'upheld' : 'other' });
      else if (filedOn < today) proceedings.push({ kind: 'reconsideration', body: '衡水市人民政府', filedOn, decidedOn: null, result: 'pending' });
    }
    lines.push(withContact(base(agency, receivedAt, events, proceedings)));
  }

  // Open cases, placed by their due date relative to today.
  const agencyOf = () => (r.chance(0.45) ? 'HS-JYJ' : pickAgency(r));
  const fold = (l: ApplicationImportLine) => {
    const events: CaseEvent[] = [{ type: 'submitted', on: l.receivedAt, data: { channel: 'online' } }];
    for (const e of l.events ?? []) {
      if (e.type === 'correctionRequested') events.push({ type: e.type, on: e.on, data: { until: e.until!, what: '' } });
      if (e.type === 'consultationStarted') events.push({ type: e.type, on: e.on, data: { party: e.party! } });
      if (e.type === 'feeNotified') events.push({ type: e.type, on: e.on, data: { amount: e.amount!, basis: 'perPage', quantity: e.quantity ?? 0 } });
    }
    return foldCase(cal, events, { asOf: today }).state;
  };
  /** The receipt date (working days back from today) whose case has the wanted urgency. */
  const findBack = (want: 'overdue' | 'dueSoon' | 'normal', from: number) => {
    for (let back = from; back < from + 40; back++) {
      const receivedAt = workingDayBack(cal, today, back);
      const s = fold({ receivedAt, events: [] } as unknown as ApplicationImportLine);
      if (s.urgency === want) return receivedAt;
    }
    return workingDayBack(cal, today, from);
  };
  for (let i = 0; i < RECENT_OPEN.overdue; i++) lines.push(withContact(base(agencyOf(), findBack('overdue', 21 + i * 2), [])));
  for (let i = 0; i < RECENT_OPEN.dueSoon; i++) lines.push(withContact(base(agencyOf(), findBack('dueSoon', 17 + (i % 4)), [])));
  for (let i = 0; i < RECENT_OPEN.normal; i++) lines.push(withContact(base(agencyOf(), findBack('normal', 4 + i), [])));
  for (let i = 0; i < RECENT_OPEN.fresh; i++) lines.push(withContact(base(agencyOf(), workingDayBack(cal, today, i % 3), [])));
  for (let i = 0; i < RECENT_OPEN.correcting; i++) {
    const receivedAt = workingDayBack(cal, today, 4 + i);
    const requested = add(cal, receivedAt, 2);
    lines.push(withContact(base(agencyOf(), receivedAt, [{ type: 'correctionRequested', on: requested <= today ? requested : receivedAt, until: addDays(today, 10), what: '请补充所需信息的时间范围和具体名称。' }])));
  }
  for (let i = 0; i < RECENT_OPEN.consulting; i++) {
    const receivedAt = workingDayBack(cal, today, 10 + i);
    lines.push(withContact(base(agencyOf(), receivedAt, [{ type: 'consultationStarted', on: add(cal, receivedAt, 5), party: 'thirdParty', with: r.pick(companies) }])));
  }
  for (let i = 0; i < RECENT_OPEN.awaitingFee; i++) {
    const receivedAt = workingDayBack(cal, today, 8);
    lines.push(withContact(base(agencyOf(), receivedAt, [{ type: 'feeNotified', on: add(cal, receivedAt, 4), amount: 720, basis: 'perPage', quantity: 101 }])));
  }
  return lines;
}

/** The date `n` working days before `today` (0: today, or the last working day before it). */
function workingDayBack(cal: WorkCalendar, today: IsoDate, n: number): IsoDate {
  let d = today;
  let left = n;
  while (!cal.isWorkingDay(d)) d = addDays(d, -1);
  while (left > 0) {
    d = addDays(d, -1);
    if (cal.isWorkingDay(d)) left--;
  }
  return d;
}

/** Every demo case as import lines: the 2017 set, then 2024 to today. */
export function demoApplicationLines(cal: WorkCalendar, today: IsoDate): ApplicationImportLine[] {
  return [...lines2017(cal), ...recentLines(cal, today)];
}

/** Loads the demo cases through the import; a reload (the first demo case number already there) adds nothing. */
export async function loadDemoApplications(services: Services): Promise<{ applications: number; summary: ApplicationImportSummary | null }> {
  const repo = createApplicationsRepository(services.storage.db);
  const tree = await services.agencies.tree();
  const home = tree.byCode.get('HS');
  if (!home) return { applications: 0, summary: null };
  const cal = await services.calendar.current();
  const today = todayInShanghai(services.clock.now());
  const lines = demoApplicationLines(cal, today);
  const probe = lines[0]!;
  const probeAgency = tree.byCode.get(probe.agency);
  if (probeAgency && (await repo.byRef(probeAgency.id, probe.ref!))) return { applications: 0, summary: null };
  const summary = await importApplications(
    { repo, agencies: services.agencies, calendar: services.calendar, clock: services.clock, audit: services.audit },
    () => Readable.from(lines.map((l) => `${JSON.stringify(l)}\n`)),
    { actor: cliActor, mode: 'file', batchSize: 500, source: 'demo' },
  );
  if (!summary.complete) {
    const first3 = summary.issues.slice(0, 3).map((i) => `line ${i.line}: ${i.field}: ${i.message} ${JSON.stringify(i.params ?? {})}`);
    throw new Error(`the demo applications did not import: ${first3.join('; ')}`);
  }
  return { applications: summary.imported, summary };
}
