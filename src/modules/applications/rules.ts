/**
 * The versioned rule sets for disclosure applications (spec disclosure-applications.md §2): the
 * periods and article numbers that changed between the 2007 regulation (国务院令第492号) and the
 * 2019 revision (国务院令第711号). A case's rule set is chosen by its receipt date; code reads the
 * numbers from here and never branches on the regulation's version.
 */
import type { IsoDate } from '../../kernel/calendar/index.ts';

export const ruleSetIds = ['cn-2019', 'cn-2007'] as const;
export type RuleSetId = (typeof ruleSetIds)[number];

/** What may stop the answer clock (spec §2): consulting a third party, another agency, or a fee notice until payment. */
export type PauseKind = 'thirdParty' | 'agency' | 'fee';

export interface RuleSet {
  id: RuleSetId;
  regulation: string;
  /** The first receipt date the rule set governs. */
  effectiveFrom: IsoDate;
  /** Working days to answer, counted from the day after receipt (or after the corrected application arrives). */
  answerDays: number;
  /** The one extension may add at most this many working days. */
  maxExtensionDays: number;
  /** Working days after receipt within which the one correction notice must go out; null = the regulation set no period. */
  correctionNoticeDays: number | null;
  /** Working days a consulted third party (or agency) has to reply, from the day after it receives the letter. */
  consultationDays: number;
  /** Working days the applicant has to pay a fee, from the day after the fee notice; null = no such fee under this rule set. */
  feePaymentDays: number | null;
  /** The pauses whose working days are NOT counted in the answer period under this rule set. */
  pauses: readonly PauseKind[];
  /**
   * Legal length of each pause in working days from the day after it starts: past it the pause ends
   * even if nobody records a reply or a payment (silence lets the agency decide; an unpaid fee lapses).
   * A kind missing here has no legal limit under this rule set.
   */
  pauseLimits: Partial<Record<PauseKind, number>>;
  /** Article references in the regulation's own numbering; null = the regulation has no such provision. */
  articles: {
    answer: string;
    extension: string;
    correction: string;
    thirdParty: string;
    interAgency: string | null;
    receipt: string | null;
    fee: string | null;
  };
}

const cn2019 = {
  id: 'cn-2019',
  regulation: '《中华人民共和国政府信息公开条例》（国务院令第711号）',
  effectiveFrom: '2019-05-15',
  answerDays: 20, // Art. 33 ¶2
  maxExtensionDays: 20, // Art. 33 ¶2
  correctionNoticeDays: 7, // Art. 30
  consultationDays: 15, // Art. 32 (third party), Art. 34 (other agency)
  // 国办函〔2020〕109号 (信息处理费, in force 2021-01-01, under Art. 42): 20 working days from the day after the notice.
  feePaymentDays: 20,
  pauses: ['thirdParty', 'agency', 'fee'], // Art. 33 ¶3; the fee pause per 国办函〔2020〕109号
  pauseLimits: { thirdParty: 15, agency: 15, fee: 20 }, // Art. 32, Art. 34, 国办函〔2020〕109号
  articles: {
    answer: '第三十三条',
    extension: '第三十三条第二款',
    correction: '第三十条',
    thirdParty: '第三十二条',
    interAgency: '第三十四条',
    receipt: '第三十一条',
    fee: '第四十二条',
  },
} as const satisfies RuleSet;

/**
 * The 2007 regulation (in force 2008-05-01 to 2019-05-14). Its text is not in shared/reference/laws/
 * (only the 2019 text is), so the 2007 article numbers below are from the published text of Order 492:
 * Art. 24 (15 + at most 15 working days; only third-party consultation time not counted, ¶3),
 * Art. 21(四) (告知作出更改、补充 — no period for the notice, hence correctionNoticeDays null),
 * Art. 23 (third-party consultation).
 * - consultationDays: Art. 23 of 2007 gave the third party NO fixed period; 15 (the 2019 period) is
 *   kept only as the platform's default for reminders and lapse dates, not as a 2007 legal period.
 * - Inter-agency consultation (2019 Art. 34) and the information-processing fee (2019 Art. 42,
 *   国办函〔2020〕109号) do not exist under 2007: those pauses are not allowed (computeDeadline throws)
 *   and feePaymentDays is null. (Art. 27 of 2007 allowed cost fees for search, copying and post, with
 *   no payment period and no pause.)
 * - The receipt-date rules of 2019 Art. 31 had no 2007 article (receipt: null).
 */
const cn2007 = {
  id: 'cn-2007',
  regulation: '《中华人民共和国政府信息公开条例》（国务院令第492号）',
  effectiveFrom: '2008-05-01',
  answerDays: 15,
  maxExtensionDays: 15,
  correctionNoticeDays: null,
  consultationDays: 15,
  feePaymentDays: null,
  pauses: ['thirdParty'],
  pauseLimits: {}, // 2007 Art. 23 set the third party no period
  articles: {
    answer: '第二十四条',
    extension: '第二十四条第二款',
    correction: '第二十一条第（四）项',
    thirdParty: '第二十三条',
    interAgency: null,
    receipt: null,
    fee: null,
  },
} as const satisfies RuleSet;

/** Typed per id, so `ruleSets['cn-2019'].feePaymentDays` is a number (not null). */
export const ruleSets: { readonly 'cn-2019': typeof cn2019; readonly 'cn-2007': typeof cn2007 } & Readonly<Record<RuleSetId, RuleSet>> = {
  'cn-2019': cn2019,
  'cn-2007': cn2007,
};

export function isRuleSetId(s: unknown): s is RuleSetId {
  return typeof s === 'string' && (ruleSetIds as readonly string[]).includes(s);
}

/** The rule set governing a case received on `receivedOn`: before 2019-05-15 → cn-2007, else cn-2019. */
export function ruleSetFor(receivedOn: IsoDate): RuleSet {
  return receivedOn < cn2019.effectiveFrom ? ruleSets['cn-2007'] : ruleSets['cn-2019'];
}

const DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** A Chinese numeral below 1000 (三十三, 二十, 十四, 一百零五) as a number; NaN if it is not one. */
function chineseNumber(s: string): number {
  let total = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch in DIGITS) digit = DIGITS[ch]!;
    else if (ch === '十' || ch === '百') {
      total += (digit || 1) * (ch === '十' ? 10 : 100);
      digit = 0;
    } else return NaN;
  }
  return total + digit;
}

/**
 * An article reference in English: '第三十三条第二款' → 'Art. 33(2)', '第二十一条第（四）项' → 'Art. 21(4)'.
 * Unrecognised text is returned unchanged.
 */
export function articleRefEn(ref: string): string {
  const m = /^第([零一二三四五六七八九十百]+)条(?:第([零一二三四五六七八九十百]+)款)?(?:第[（(]?([零一二三四五六七八九十百]+)[）)]?项)?$/.exec(ref);
  if (!m) return ref;
  const parts = [m[2], m[3]].filter((x): x is string => !!x).map((x) => `(${chineseNumber(x)})`);
  return `Art. ${chineseNumber(m[1]!)}${parts.join('')}`;
}
