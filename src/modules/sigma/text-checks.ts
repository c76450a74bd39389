import { anchorLiteral, compilePattern, type TextTest } from './compile-pattern.ts';
import type { LiteralSource } from './literal-prefilter.ts';
import type { FieldText, MatchContext } from './match-context.ts';
import type { Pattern } from './sigma-pattern.ts';

/** A test on one text, with the id of a literal the text must contain for it to pass (or -1). */
export interface Check {
  literal: number;
  test: TextTest;
}

/**
 * Checks indexed by their literal, so that an event runs only the checks whose literal occurred
 * (and those without one) instead of walking every check of a long keyword list.
 */
export interface CheckList {
  readonly all: readonly Check[];
  /** Checks without a literal: they always run. */
  readonly always: readonly Check[];
  /** Literal id → the checks needing it (`none` for ids no check needs), up to the largest id. */
  readonly byLiteral: readonly (readonly Check[])[];
  /** The ids that have checks. */
  readonly literals: readonly number[];
}

const none: readonly Check[] = [];

export function checkList(checks: readonly Check[]): CheckList {
  const always: Check[] = [];
  const literals = [...new Set(checks.filter((c) => c.literal >= 0).map((c) => c.literal))];
  const byLiteral: Check[][] = Array.from({ length: Math.max(-1, ...literals) + 1 }, () => none as Check[]);
  for (const check of checks) {
    if (check.literal < 0) always.push(check);
    else {
      const list = byLiteral[check.literal] as Check[];
      if (list === none) byLiteral[check.literal] = [check];
      else list.push(check);
    }
  }
  return { all: checks, always, byLiteral, literals };
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
 * Whether any check passes on `text`, the source field's text as written (undefined when it is
 * not searched). A scalar text is scanned for the source's literals once per event (folding
 * case for a lowercased source) and only the checks whose literal occurred run, on the
 * lowercased text when the source is lowercased; that text is made only when a check runs. An
 * array field's elements are tested one by one.
 */
export function anyCheck(
  ctx: MatchContext,
  source: LiteralSource,
  text: FieldText,
  list: CheckList,
): boolean {
  if (text === undefined) return false;
  if (typeof text !== 'string') {
    const items = source.lowered ? (ctx.lowerText(source.field) as readonly string[]) : text;
    for (const item of items) if (runAll(item, list.all)) return true;
    return false;
  }
  if (!ctx.scan(source, text)) return runAll(lowered(ctx, source, text), list.all);
  const found = ctx.foundOf(source);
  const { always, byLiteral, literals } = list;
  if (always.length === 0 && (found.length === 0 || literals.length === 0)) return false;
  let subject: string | undefined;
  if (always.length > 0) {
    subject = lowered(ctx, source, text);
    if (runAll(subject, always)) return true;
  }
  if (found.length <= literals.length) {
    const limit = byLiteral.length;
    for (let i = 0; i < found.length; i++) {
      const id = found[i] as number;
      if (id >= limit) continue;
      const checks = byLiteral[id] as readonly Check[];
      if (checks === none) continue;
      subject ??= lowered(ctx, source, text);
      if (runAll(subject, checks)) return true;
    }
  } else {
    const seen = ctx.seenOf(source);
    const generation = ctx.generation;
    for (let i = 0; i < literals.length; i++) {
      const id = literals[i] as number;
      if (seen[id] !== generation) continue;
      subject ??= lowered(ctx, source, text);
      if (runAll(subject, byLiteral[id] as readonly Check[])) return true;
    }
  }
  return false;
}

const lowered = (ctx: MatchContext, source: LiteralSource, text: string): string =>
  source.lowered ? (ctx.lowerText(source.field) as string) : text;

function runAll(text: string, checks: readonly Check[]): boolean {
  for (const check of checks) if (check.test(text)) return true;
  return false;
}
