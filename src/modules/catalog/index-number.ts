/**
 * 索引号 index numbers. No national standard exists; the common form is
 * `{prefix}/{year}-{serial}` (e.g. 000014349/2017-00110). Each agency sets its pattern:
 * tokens {prefix}, {year}, {serial:N} (zero-padded to N digits), any other text literal.
 */
export const defaultIndexPattern = '{prefix}/{year}-{serial:5}';

// The pattern rules live in the kernel: the agencies module validates patterns with them too.
import { indexPatternTokenRe as tokenRe, validateIndexPattern } from '../../kernel/index-pattern.ts';
export { validateIndexPattern };

export function formatIndexNumber(pattern: string | null | undefined, v: { prefix: string; year: number; serial: number }): string {
  const p = pattern && !validateIndexPattern(pattern) ? pattern : defaultIndexPattern;
  return p.replace(tokenRe, (_m, name: string, width?: string) => {
    if (name === 'prefix') return v.prefix;
    if (name === 'year') return String(v.year);
    return String(v.serial).padStart(width ? Number(width) : 1, '0');
  });
}

/** The prefix an agency's numbers carry: its configured prefix, else its credit code, else its code. */
export function indexPrefixOf(agency: { indexPrefix: string | null; creditCode: string | null; code: string }): string {
  return agency.indexPrefix || agency.creditCode || agency.code;
}
