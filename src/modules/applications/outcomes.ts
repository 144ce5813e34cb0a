/**
 * The outcome codes of a closed case (spec disclosure-applications.md §3). Each case has exactly one;
 * the codes are the rows of table 三 of the 2021 annual-report format. Data, not ifs: the legal basis,
 * the report row and what the reply letter must say all come from this table.
 */
export const outcomeCodes = [
  'disclose',
  'partial',
  'withhold.stateSecret',
  'withhold.lawProhibited',
  'withhold.security',
  'withhold.thirdParty',
  'withhold.internal',
  'withhold.process',
  'withhold.enforcementFile',
  'withhold.adminQuery',
  'unable.notHeld',
  'unable.needsCreation',
  'unable.stillUnclear',
  'decline.petition',
  'decline.repeat',
  'decline.publication',
  'decline.excessive',
  'decline.confirmation',
  'other.correctionLapsed',
  'other.feeUnpaid',
  'other.other',
] as const;
export type OutcomeCode = (typeof outcomeCodes)[number];
export type OutcomeGroup = 'disclose' | 'partial' | 'withhold' | 'unable' | 'decline' | 'other';

export interface OutcomeRule {
  code: OutcomeCode;
  group: OutcomeGroup;
  /** The article of the 2019 regulation (empty where none applies). */
  article: string;
  /** The row of table 三 (2021 format), e.g. '三（三）1'. */
  reportRow: string;
  /** Allowed values of `detail` (null: no detail). */
  details: readonly string[] | null;
  /** Withheld, cannot provide, not processed: the letter must give reasons, basis and the right to appeal. */
  needsReasons: boolean;
  /** The answer form requires written reasons (those above, and "other", whose letter is nothing but them). */
  reasonsRequired: boolean;
}

const row = (code: OutcomeCode, article: string, reportRow: string, details: readonly string[] | null = null): OutcomeRule => {
  const group = code.split('.')[0] as OutcomeGroup;
  const needsReasons = group === 'withhold' || group === 'unable' || group === 'decline' || group === 'partial';
  return { code, group, article, reportRow, details, needsReasons, reasonsRequired: needsReasons || code === 'other.other' };
};

export const outcomeRules: Record<OutcomeCode, OutcomeRule> = Object.fromEntries(
  [
    row('disclose', '第三十六条第（一）（二）项', '（一）', ['alreadyPublished']),
    row('partial', '第三十七条', '（二）'),
    row('withhold.stateSecret', '第十四条', '（三）1'),
    row('withhold.lawProhibited', '第十四条', '（三）2'),
    row('withhold.security', '第十四条', '（三）3'),
    row('withhold.thirdParty', '第十五条', '（三）4'),
    row('withhold.internal', '第十六条第一款', '（三）5'),
    row('withhold.process', '第十六条第二款', '（三）6'),
    row('withhold.enforcementFile', '第十六条第二款', '（三）7'),
    row('withhold.adminQuery', '第三十六条第（七）项', '（三）8'),
    row('unable.notHeld', '第三十六条第（四）（五）项', '（四）1', ['notThisAgency', 'notExist']),
    row('unable.needsCreation', '第三十八条', '（四）2'),
    row('unable.stillUnclear', '第三十条', '（四）3'),
    row('decline.petition', '第三十九条第一款', '（五）1'),
    row('decline.repeat', '第三十六条第（六）项', '（五）2'),
    row('decline.publication', '第三十九条第二款', '（五）3'),
    row('decline.excessive', '第三十五条', '（五）4'),
    row('decline.confirmation', '', '（五）5'),
    row('other.correctionLapsed', '第三十条', '（六）1'),
    row('other.feeUnpaid', '', '（六）2'),
    row('other.other', '', '（六）3'),
  ].map((r) => [r.code, r]),
) as Record<OutcomeCode, OutcomeRule>;

const outcomeCodeSet: ReadonlySet<string> = new Set(outcomeCodes);
export function isOutcomeCode(s: unknown): s is OutcomeCode {
  return typeof s === 'string' && outcomeCodeSet.has(s);
}

/** Outcomes that only a lapse (a period that ran out) may produce; the answer form offers them only then. */
export const lapseOutcomes: ReadonlySet<OutcomeCode> = new Set(['other.correctionLapsed', 'other.feeUnpaid']);
