import { FEE_BASIS_REFERENCE, feeFor, type FeeBand, type FeeBasis } from '../../modules/applications/fees.ts';
import { printJson, requireInt, UsageError, type Command } from '../framework.ts';
import { positionals } from './shared.ts';

const MAX_QUANTITY = 1_000_000;

/** One band as a line: "cases 1–10: free", "cases 11–30: 20 × 100 = 2000", "page 201: 1 × 40 = 40". */
export function describeBand(basis: FeeBasis, b: FeeBand): string {
  const noun = basis === 'perCase' ? 'case' : 'page';
  const range = b.from === b.to ? `${noun} ${b.from}` : `${noun}s ${b.from}–${b.to}`;
  return b.unit === 0 ? `${range}: free` : `${range}: ${b.count} × ${b.unit} = ${b.subtotal}`;
}

const BASIS_LINE: Record<FeeBasis, string> = {
  perCase: `Basis: ${FEE_BASIS_REFERENCE}, per case (按件): the applicant's cases in one calendar month, cases 1–10 free, 11–30 100 yuan each, then 100 yuan more per case for each further 10 cases.`,
  perPage: `Basis: ${FEE_BASIS_REFERENCE}, per page (按量): one application, pages 1–30 free, 31–100 10 yuan/page, 101–200 20 yuan/page, from 201 40 yuan/page.`,
};

export const feeCommand: Command = {
  name: 'fee',
  summary: 'Compute an information processing fee (信息处理费) under 国办函〔2020〕109号.',
  usage: '--per-case COUNT_IN_MONTH | --per-page PAGES [--json]',
  help: [
    'Give exactly one basis: --per-case with the number of cases of the same applicant in the calendar month',
    '(the total for cases 1..COUNT), or --per-page with the number of pages of one application. Both are progressive.',
    'Prints the total in yuan, then how each band adds up; --json prints {basis, quantity, total, bands, basisReference}.',
    'Needs no database.',
  ].join('\n'),
  options: { 'per-case': { type: 'string' }, 'per-page': { type: 'string' } },
  async run(ctx) {
    positionals(ctx, []);
    const given = (['per-case', 'per-page'] as const).filter((k) => ctx.values[k] !== undefined);
    if (given.length !== 1) throw new UsageError(given.length ? 'give either --per-case or --per-page, not both' : 'give --per-case COUNT_IN_MONTH or --per-page PAGES');
    const option = given[0];
    const basis: FeeBasis = option === 'per-case' ? 'perCase' : 'perPage';
    const quantity = requireInt(ctx, option, { min: 0, max: MAX_QUANTITY });
    const r = feeFor(basis, quantity);
    if (ctx.json) return printJson(ctx, { ...r, basisReference: FEE_BASIS_REFERENCE });
    ctx.out(`${r.total} yuan`);
    for (const b of r.bands) ctx.out(describeBand(basis, b));
    ctx.out(BASIS_LINE[basis]);
  },
};
