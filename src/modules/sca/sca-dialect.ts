import type { ScaRegexDialect } from '../../protocol/sca.ts';

/**
 * How a policy's rules are read. 4.x and 5.x differ in more than the regex engine: 5.x
 * matches regexes ignoring case but compares literals exactly, 4.x ignores case for OSRegex
 * and literals but not for PCRE2, and a lone `!r:X` means "some line does not match" in 4.x
 * but "no line matches" in 5.x (docs/audit.md, "Semantics").
 */
export interface ScaDialect {
  format: '4.x' | '5.x';
  regex: ScaRegexDialect;
}

export function regexCaseless(dialect: ScaDialect): boolean {
  return dialect.format === '5.x' || dialect.regex === 'osregex';
}

export function literalCaseless(dialect: ScaDialect): boolean {
  return dialect.format === '4.x';
}
