import type { LineTest } from './parse-rule.ts';
import { literalCaseless, type ScaDialect } from './sca-dialect.ts';

export type ContentMatch =
  | { state: 'found'; number: number; line: string }
  /** `how` says what was looked for, for the evidence. */
  | { state: 'not_found' }
  | { state: 'invalid'; reason: string };

/** A numeric capture that is no number: the rule cannot be decided (as in both Wazuh versions). */
class NotANumber extends Error {}

/**
 * Whether some line satisfies every test, and which. Empty content never matches, even a
 * negated test. A lone negated test in a 5.x policy means no line matches it; in 4.x, some line
 * does not.
 */
export function matchContent(
  lines: readonly string[],
  tests: readonly LineTest[],
  dialect: ScaDialect,
): ContentMatch {
  if (lines.length === 0) return { state: 'not_found' };
  const only = tests.length === 1 ? tests[0] : undefined;
  try {
    if (dialect.format === '5.x' && only?.negated) {
      const positive = { ...only, negated: false };
      for (let index = 0; index < lines.length; index += 1)
        if (lineMatches(lines[index] ?? '', [positive], dialect)) return { state: 'not_found' };
      return { state: 'found', number: 0, line: `no line matches ${only.source.slice(1)}` };
    }
    for (let index = 0; index < lines.length; index += 1) {
      const line = lines[index] ?? '';
      if (lineMatches(line, tests, dialect)) return { state: 'found', number: index + 1, line };
    }
  } catch (error) {
    if (error instanceof NotANumber) return { state: 'invalid', reason: error.message };
    throw error;
  }
  return { state: 'not_found' };
}

/** Every test holds on this one line (a file name, for a `d:` rule's name part). */
export function lineMatches(line: string, tests: readonly LineTest[], dialect: ScaDialect): boolean {
  return tests.every((test) => lineTest(line, test, dialect) !== test.negated);
}

function lineTest(line: string, test: LineTest, dialect: ScaDialect): boolean {
  switch (test.kind) {
    case 'literal':
      return literalCaseless(dialect) ? line.toLowerCase() === test.text.toLowerCase() : line === test.text;
    case 'regex':
      return test.pattern.test(line);
    case 'numeric': {
      const captured = test.pattern.capture(line);
      if (captured === undefined) return false;
      // As strtol/stoi read it: leading blanks and a sign, digits, anything after ignored.
      const number = /^\s*([+-]?\d+)/.exec(captured)?.[1];
      if (number === undefined)
        throw new NotANumber(`${test.source}: captured "${captured.slice(0, 40)}", not a number`);
      return compare(Number(number), test.operator, test.value);
    }
  }
}

function compare(left: number, operator: string, right: number): boolean {
  switch (operator) {
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '==':
      return left === right;
    case '!=':
      return left !== right;
    case '>=':
      return left >= right;
    default:
      return left > right;
  }
}
