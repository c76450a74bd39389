import { anchorLiteral, compilePattern, type TextTest } from './compile-pattern.ts';
import type { LiteralSource } from './literal-prefilter.ts';
import type { FieldText, MatchContext } from './match-context.ts';
import type { Pattern } from './sigma-pattern.ts';

/** A test on one text, with the id of a literal the text must contain for it to pass (or -1). */
export interface Check {
  literal: number;
  test: TextTest;
}

/** Checks for a value's pattern variants, their literals registered with the source. */
export function patternChecks(
  patterns: readonly Pattern[],
  lowered: boolean,
  source: LiteralSource,
): Check[] {
  return patterns.map((pattern) => {
    const literal = anchorLiteral(pattern, lowered);
    return {
      literal: literal === undefined ? -1 : source.register(literal),
      test: compilePattern(pattern, lowered),
    };
  });
}

/** A check without a literal: it always runs (regular expressions, CIDR). */
export const unfiltered = (test: TextTest): Check => ({ literal: -1, test });

/**
 * Whether any check passes on the text. A scalar text is scanned for the source's literals once
 * per event and checks whose literal is absent are skipped; an array field's elements are tested
 * one by one.
 */
export function anyCheck(
  ctx: MatchContext,
  source: LiteralSource,
  text: FieldText,
  checks: readonly Check[],
): boolean {
  if (text === undefined) return false;
  if (typeof text !== 'string') {
    for (const item of text) if (checksPass(item, checks, undefined, 0)) return true;
    return false;
  }
  return checksPass(text, checks, ctx.literals(source, text), ctx.generation);
}

function checksPass(
  text: string,
  checks: readonly Check[],
  seen: Float64Array | undefined,
  generation: number,
): boolean {
  for (const check of checks) {
    if ((check.literal < 0 || seen === undefined || seen[check.literal] === generation) && check.test(text))
      return true;
  }
  return false;
}
