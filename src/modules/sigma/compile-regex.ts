import { RE2JS } from 're2js';
import type { TextTest } from './compile-pattern.ts';
import { SigmaError } from './sigma-error.ts';

const flagBits = { i: RE2JS.CASE_INSENSITIVE, m: RE2JS.MULTILINE, s: RE2JS.DOTALL } as const;

/*
 * Rule regexes run on attacker-written log lines. A backtracking engine (V8's) turns a pattern
 * like `(a+)+$` into seconds of CPU for one crafted line, so rule regexes run on re2js, a
 * JavaScript port of RE2: linear in the line for every pattern, and its syntax is the spec's PCRE
 * subset plus `(?i)` groups, which SigmaHQ rules use and V8 on Node 20 lacks. Backreferences and
 * lookaround are refused, as the spec excludes them.
 */
export function compileRegex(source: string, flags: ReadonlySet<keyof typeof flagBits>): TextTest {
  let bits = 0;
  for (const flag of flags) bits |= flagBits[flag];
  let regex: RE2JS;
  try {
    regex = RE2JS.compile(source, bits);
  } catch (error) {
    throw new SigmaError(
      'regex_invalid',
      `regular expression ${JSON.stringify(source)}: ${(error as Error).message}`,
    );
  }
  return (text) => regex.test(text);
}
