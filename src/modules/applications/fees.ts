/**
 * Information processing fees (信息处理费) under 国办函〔2020〕109号 (disclosure-applications.md §5),
 * pure. No fee is the rule (Art. 42); where an agency does charge, it charges one application either
 * per case (按件, by the applicant's cumulative count in the calendar month) or per page (按量),
 * never both, each progressive (超额累进). Amounts are whole yuan.
 */

export const FEE_BASIS_REFERENCE = '国办函〔2020〕109号';

export type FeeBasis = 'perCase' | 'perPage';

export interface FeeBand {
  /** First and last case/page of the band that this quantity reaches (inclusive). */
  from: number;
  to: number;
  count: number;
  /** Yuan per case/page in this band; 0 for the free band. */
  unit: number;
  subtotal: number;
}

export interface FeeResult {
  basis: FeeBasis;
  quantity: number;
  total: number;
  /** Every band the quantity reaches, in order, the free band included (empty for quantity 0). */
  bands: FeeBand[];
}

function checkQuantity(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a whole number ≥ 0 (got ${n})`);
}

/**
 * The fee in yuan for the n-th case (n ≥ 1) of the same applicant in one calendar month:
 * 1–10 free, 11–30 100, then 100 more for each further band of 10 (31–40 200, 41–50 300, …).
 */
export function perCaseUnitFee(n: number): number {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`the case number must be a whole number ≥ 1 (got ${n})`);
  if (n <= 10) return 0;
  if (n <= 30) return 100;
  return 100 * (Math.floor((n - 31) / 10) + 2);
}

/** The per-case bands as [from, to]: 1–10, 11–30, then blocks of 10 from 31. */
function perCaseBandOf(n: number): [number, number] {
  if (n <= 10) return [1, 10];
  if (n <= 30) return [11, 30];
  const from = 31 + Math.floor((n - 31) / 10) * 10;
  return [from, from + 9];
}

/** The total for cases 1..countInMonth of one applicant in one calendar month. */
export function perCaseFee(countInMonth: number): FeeResult {
  checkQuantity(countInMonth, 'the number of cases');
  const bands: FeeBand[] = [];
  for (let from = 1; from <= countInMonth; ) {
    const [, end] = perCaseBandOf(from);
    const to = Math.min(end, countInMonth);
    const unit = perCaseUnitFee(from);
    bands.push({ from, to, count: to - from + 1, unit, subtotal: (to - from + 1) * unit });
    from = end + 1;
  }
  return result('perCase', countInMonth, bands);
}

const PAGE_BANDS: { from: number; to: number; unit: number }[] = [
  { from: 1, to: 30, unit: 0 },
  { from: 31, to: 100, unit: 10 },
  { from: 101, to: 200, unit: 20 },
  { from: 201, to: Infinity, unit: 40 },
];

/** The total for one application of `pages` pages: 1–30 free, 31–100 10/page, 101–200 20/page, from 201 40/page. */
export function perPageFee(pages: number): FeeResult {
  checkQuantity(pages, 'the number of pages');
  const bands = PAGE_BANDS.filter((b) => b.from <= pages).map((b) => {
    const to = Math.min(b.to, pages);
    const count = to - b.from + 1;
    return { from: b.from, to, count, unit: b.unit, subtotal: count * b.unit };
  });
  return result('perPage', pages, bands);
}

function result(basis: FeeBasis, quantity: number, bands: FeeBand[]): FeeResult {
  return { basis, quantity, total: bands.reduce((sum, b) => sum + b.subtotal, 0), bands };
}

/** The fee on either basis; RangeError for a quantity that is not a whole number ≥ 0 or an unknown basis. */
export function feeFor(basis: FeeBasis, quantity: number): FeeResult {
  if (basis === 'perCase') return perCaseFee(quantity);
  if (basis === 'perPage') return perPageFee(quantity);
  throw new RangeError(`unknown fee basis: ${String(basis)}`);
}
