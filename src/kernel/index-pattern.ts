/**
 * 索引号 index-number patterns, as agencies configure them: tokens {prefix}, {year}, {serial:N}
 * (zero-padded to N digits); any other text is literal. The rules live in the kernel because both
 * the agencies module (validating an agency's pattern) and the catalog module (formatting numbers)
 * need them, and neither may import the other's internals.
 */

/** The tokens of a pattern (global: use with String.replace, which resets lastIndex). */
export const indexPatternTokenRe = /\{(prefix|year|serial)(?::(\d{1,2}))?\}/g;

/** A message-catalog key (catalog.indexPattern.*) describing what is wrong with a pattern, or null when it is valid. */
export function validateIndexPattern(pattern: string): string | null {
  if (!pattern.includes('{serial')) return 'catalog.indexPattern.noSerial';
  if (!pattern.includes('{year}')) return 'catalog.indexPattern.noYear';
  const stripped = pattern.replace(indexPatternTokenRe, '');
  if (/[{}]/.test(stripped)) return 'catalog.indexPattern.unknownToken';
  if (/\s/.test(pattern)) return 'catalog.indexPattern.whitespace';
  return null;
}
