/**
 * Compiled reports for the renderers' tests (charts, Word, Excel), made by `compileReport` from synthetic counts:
 * the Shanghai 2019 report of the spec (2019 trial format, one agency), a 2021 roll-up of two agencies, and the
 * Hengshui 2017 figures in the legacy format. No database. Also the tools those tests share (unzip, LibreOffice).
 */
import type { ApplicantType, OutcomeCode } from '../applications/index.ts';
import type { CompiledReport } from './model.ts';
import { caseLine } from '../../../test/helpers/applications.ts';
import { compileReport, emptyAggregates, type Aggregates, type ReportSubject } from './tables.ts';
import type { ReportFormat } from './format.ts';

const closed = (agencyId: string, applicantType: ApplicantType, outcome: OutcomeCode | null, n: number, detail: string | null = null, extended = false) => ({
  agencyId,
  applicantType,
  outcome,
  detail,
  extended,
  n,
});

function compiled(format: ReportFormat, subject: ReportSubject, year: number, agg: Aggregates, opts: Partial<CompiledReport> & { agencies?: ReportSubject[] } = {}): CompiledReport {
  const scope = opts.agencies ? 'rollup' : 'agency';
  const json = compileReport({ format, subject, year, scope, agencies: opts.agencies ?? [subject], agg });
  const texts = { overview: '', problems: '', other: '' };
  return {
    json,
    subject: { ...subject, kind: 'government' },
    year,
    scope,
    title: `${subject.name}${year}年政府信息公开工作年度报告`,
    texts,
    resolved: texts,
    feesCollected: 0,
    trend: [],
    publishedByKind: [],
    figures: [],
    id: null,
    status: 'draft',
    returnReason: null,
    publishedOn: null,
    publication: null,
    frozen: false,
    ...opts,
  };
}

/** The spec's published 2019 report of the Shanghai Municipal People's Government General Office (2019 trial format). */
export function shanghai2019(): CompiledReport {
  const s = 's';
  const agg = emptyAggregates();
  const cols: ApplicantType[] = ['natural', 'commercial', 'research', 'publicInterest', 'legalService', 'otherOrg'];
  const spread = (values: number[], f: (t: ApplicantType, n: number) => void) => values.forEach((n, i) => n && f(cols[i]!, n));
  spread([821, 35, 0, 0, 2, 1], (t, n) => agg.received.push({ agencyId: s, applicantType: t, channel: 'online', n }));
  agg.openAtStart.push({ agencyId: s, applicantType: 'natural', n: 18 });
  agg.openAtEnd.push({ agencyId: s, applicantType: 'natural', n: 72 });
  const rows: [OutcomeCode, number[]][] = [
    ['disclose', [258, 12, 0, 0, 1, 1]],
    ['partial', [3]],
    ['withhold.stateSecret', [14]],
    ['withhold.internal', [5]],
    ['withhold.process', [3, 1]],
    ['withhold.adminQuery', [10, 2]],
    ['unable.notHeld', [252, 12, 0, 0, 1, 0]],
    ['unable.needsCreation', [44, 3]],
    ['unable.stillUnclear', [25]],
    ['decline.petition', [148, 1]],
    ['decline.repeat', [5, 4]],
  ];
  for (const [outcome, values] of rows) spread(values, (t, n) => agg.closed.push(closed(s, t, outcome, n)));
  agg.proceedingsDecided.push({ agencyId: s, kind: 'reconsideration', result: 'upheld', n: 5 }, { agencyId: s, kind: 'litigationDirect', result: 'upheld', n: 8 });
  agg.proceedingsPending.push({ agencyId: s, kind: 'reconsideration', n: 2 }, { agencyId: s, kind: 'litigationDirect', n: 1 });
  agg.documents.push(
    { agencyId: s, kind: 'rule', issued: 13, published: 13, repealed: 0, inForce: 524 },
    { agencyId: s, kind: 'normativeDocument', issued: 60, published: 60, repealed: 0, inForce: 368 },
  );
  agg.figures.push({ agencyId: s, key: 'procurement.projects', value: 6 }, { agencyId: s, key: 'procurement.amount', value: 25.1 });
  return compiled('2019', { id: s, code: 'SHBGT', name: '上海市人民政府办公厅' }, 2019, agg, {
    resolved: {
      overview: '2019年，市政府办公厅认真贯彻落实新修订的《中华人民共和国政府信息公开条例》。\n\n全年共收到政府信息公开申请859件。',
      problems: '政府信息公开工作仍存在一些不足。\n下一步将继续加强。',
      other: '本年度未收取信息处理费。',
    },
  });
}

const city: ReportSubject = { id: 'c', code: 'HS', name: '衡水市人民政府' };
const edu: ReportSubject = { id: 'a', code: 'HS-JY', name: '衡水市教育局' };
const police: ReportSubject = { id: 'b', code: 'HS-GA', name: '衡水市公安局' };

/**
 * A 2021-format roll-up of two agencies. 教育局: 12 received (10 自然人, 2 商业企业), 1 carried over, 11 answered,
 * 2 carried forward; 公安局: 8 received (7 自然人, 1 法律服务机构), 7 answered, 1 carried forward.
 * Whole: 20 + 1 = 18 + 3.
 */
export function rollup2021(): CompiledReport {
  const agg = emptyAggregates();
  agg.received.push(
    { agencyId: 'a', applicantType: 'natural', channel: 'online', n: 10 },
    { agencyId: 'a', applicantType: 'commercial', channel: 'letter', n: 2 },
    { agencyId: 'b', applicantType: 'natural', channel: 'inPerson', n: 7 },
    { agencyId: 'b', applicantType: 'legalService', channel: 'online', n: 1 },
  );
  agg.openAtStart.push({ agencyId: 'a', applicantType: 'natural', n: 1 });
  agg.openAtEnd.push({ agencyId: 'a', applicantType: 'natural', n: 2 }, { agencyId: 'b', applicantType: 'natural', n: 1 });
  agg.closed.push(
    closed('a', 'natural', 'disclose', 5),
    closed('a', 'natural', 'withhold.stateSecret', 1),
    closed('a', 'natural', 'unable.notHeld', 3),
    closed('a', 'commercial', 'partial', 2),
    closed('b', 'natural', 'disclose', 3),
    closed('b', 'natural', 'decline.repeat', 2),
    closed('b', 'natural', 'other.correctionLapsed', 1),
    closed('b', 'legalService', 'disclose', 1),
  );
  agg.proceedingsDecided.push(
    { agencyId: 'a', kind: 'reconsideration', result: 'upheld', n: 2 },
    { agencyId: 'a', kind: 'reconsideration', result: 'corrected', n: 1 },
    { agencyId: 'b', kind: 'litigationDirect', result: 'upheld', n: 1 },
  );
  agg.proceedingsPending.push({ agencyId: 'a', kind: 'reconsideration', n: 1 }, { agencyId: 'b', kind: 'litigationAfterReconsideration', n: 1 });
  agg.documents.push(
    { agencyId: 'a', kind: 'normativeDocument', issued: 5, published: 5, repealed: 1, inForce: 22 },
    { agencyId: 'b', kind: 'normativeDocument', issued: 4, published: 4, repealed: 1, inForce: 19 },
    { agencyId: 'b', kind: 'rule', issued: 2, published: 2, repealed: 1, inForce: 15 },
  );
  // One normative document was issued jointly by both: the whole counts it once.
  agg.documentsDistinct.push({ kind: 'normativeDocument', issued: 8, published: 8, repealed: 2, inForce: 40 }, { kind: 'rule', issued: 2, published: 2, repealed: 1, inForce: 15 });
  agg.figures.push({ agencyId: 'a', key: 'permits.decisions', value: 120 }, { agencyId: 'b', key: 'penalties.decisions', value: 30 }, { agencyId: 'b', key: 'fees.amount', value: 1.25 });
  return compiled('2021', city, 2025, agg, {
    agencies: [edu, police],
    resolved: {
      overview: '2025年，全市各级行政机关认真贯彻落实《中华人民共和国政府信息公开条例》。\n全年共收到政府信息公开申请20件。',
      problems: '一是部分单位公开意识有待加强。\n\n二是公开平台建设仍需完善。',
      other: '本年度共收取信息处理费0元。',
    },
    trend: [
      { year: 2023, received: 15, closed: 14, carriedForward: 2 },
      { year: 2024, received: 18, closed: 19, carriedForward: 1 },
      { year: 2025, received: 20, closed: 18, carriedForward: 3 },
    ],
    publishedByKind: [
      { kind: 'news', n: 300 },
      { kind: 'notice', n: 120 },
      { kind: 'normativeDocument', n: 8 },
      { kind: 'rule', n: 0 },
    ],
    publishedOn: '2026-03-20',
    status: 'published',
  });
}

/** The Hengshui 2017 figures (legacy format): 184 received and completed, 3 after an extension; where all 184 went. */
export function hengshui2017(): CompiledReport {
  const c = 'c';
  const agg = emptyAggregates();
  agg.received.push(
    { agencyId: c, applicantType: 'natural', channel: 'online', n: 120 },
    { agencyId: c, applicantType: 'natural', channel: 'inPerson', n: 50 },
    { agencyId: c, applicantType: 'commercial', channel: 'letter', n: 14 },
  );
  agg.closed.push(
    closed(c, 'natural', 'disclose', 31, 'alreadyPublished'),
    closed(c, 'natural', 'disclose', 35),
    closed(c, 'natural', 'disclose', 3, null, true),
    closed(c, 'natural', 'partial', 6),
    closed(c, 'natural', 'withhold.stateSecret', 2),
    closed(c, 'natural', 'withhold.thirdParty', 6),
    closed(c, 'natural', 'unable.notHeld', 68, 'notThisAgency'),
    closed(c, 'natural', 'unable.notHeld', 16),
    closed(c, 'natural', 'other.correctionLapsed', 3),
    closed(c, 'commercial', 'other.correctionLapsed', 7),
    closed(c, 'commercial', 'decline.publication', 7),
  );
  agg.proceedingsDecided.push(
    { agencyId: c, kind: 'reconsideration', result: 'upheld', n: 12 },
    { agencyId: c, kind: 'reconsideration', result: 'corrected', n: 2 },
    { agencyId: c, kind: 'litigationDirect', result: 'upheld', n: 19 },
    { agencyId: c, kind: 'litigationDirect', result: 'corrected', n: 3 },
    { agencyId: c, kind: 'litigationDirect', result: 'other', n: 5 },
  );
  agg.proactive.push({ agencyId: c, items: 81000, normativeDocuments: 464 });
  return compiled('legacy', { id: c, code: 'HS', name: '衡水市' }, 2017, agg, {
    resolved: {
      overview: '2017年，全市各级各部门紧紧围绕省委、省政府重大决策部署，全面推进“五公开”。',
      problems: '一是部分单位认识不足、重视不够。\n二是公开内容形式单一。',
      other: '',
    },
  });
}

/**
 * 2025 for 衡水市教育局 (HS-JYJ), as cases to import: 3 natural persons and 1 company new (2 disclosed, 1 partly,
 * 1 still open on 31 December), and 1 natural person's application of 2024 carried over and answered 不掌握 in January.
 */
export const educationBureau2025 = () => [
  caseLine('HS-JYJ', 'natural', '2025-03-03', { on: '2025-03-20', outcome: 'disclose' }),
  caseLine('HS-JYJ', 'natural', '2025-04-01', { on: '2025-04-15', outcome: 'disclose' }),
  caseLine('HS-JYJ', 'commercial', '2025-05-06', { on: '2025-05-20', outcome: 'partial' }),
  caseLine('HS-JYJ', 'natural', '2025-12-22', null),
  caseLine('HS-JYJ', 'natural', '2024-12-27', { on: '2025-01-08', outcome: 'unable.notHeld' }),
];
