import { ScaPatternError } from './sca-pattern-error.ts';

/*
 * OSRegex, the dialect of 4.x policies (Wazuh's os_regex): a small language, not a subset of
 * PCRE. Escapes name character classes (`\w` is letters, digits, `-`, `@` and `_`; `\.` is any
 * character; `\p` punctuation; matching ignores case), `*` and `+` repeat only the escape right before them, `^`, `$`,
 * `|` and `( )` keep their meaning, and every other character is itself: `.` is a dot, `[` a
 * bracket. Translated into RE2 syntax here, so both dialects run on the same linear engine.
 */

const classes: Record<string, string> = {
  w: '[A-Za-z0-9@_-]',
  W: '[^A-Za-z0-9@_-]',
  d: '[0-9]',
  D: '[^0-9]',
  s: '[ ]',
  S: '[^ ]',
  t: '\\t',
  p: '[()*+,\\-.:;<=>?\\[\\]!"\'#$%&|{}]',
  P: '[^()*+,\\-.:;<=>?\\[\\]!"\'#$%&|{}]',
  '.': '(?s:.)',
};

/** The only escapes that stand for their own character; any other is a compile error, as in Wazuh. */
const literalEscapes = new Set(['\\', '(', ')', '$', '|', '<']);

const re2Special = /[\\^$.|?*+()[\]{}]/;

export function osRegexToRe2(source: string): string {
  let out = '';
  let afterClass = false;
  for (let index = 0; index < source.length; index += 1) {
    const char = source[index] ?? '';
    if (char === '\\' && index + 1 < source.length) {
      const next = source[index + 1] ?? '';
      index += 1;
      const cls = classes[next];
      if (cls === undefined && !literalEscapes.has(next))
        throw new ScaPatternError(
          `"\\${next}" is not an OSRegex escape (\\w \\W \\d \\D \\s \\S \\t \\p \\P \\. or a literal \\\\ \\( \\) \\$ \\| \\<)`,
        );
      out += cls ?? literal(next);
      afterClass = cls !== undefined;
      continue;
    }
    if ((char === '*' || char === '+') && afterClass) {
      // Lazy: OSRegex stops repeating as soon as the rest can match, which decides what `n:` captures.
      // With nothing but optional tokens left it repeats to the end: `(\d+)` at the end takes
      // every digit of 99999, not the first one.
      out += onlyOptionalFollows(source, index + 1) ? char : `${char}?`;
      afterClass = false;
      continue;
    }
    afterClass = false;
    if (char === '^' && (index === 0 || source[index - 1] === '|' || source[index - 1] === '(')) out += '^';
    else if (
      char === '$' &&
      (index === source.length - 1 || source[index + 1] === '|' || source[index + 1] === ')')
    )
      out += '$';
    else if (char === '|' || char === '(' || char === ')') out += char;
    else out += literal(char);
  }
  return out;
}

/** Whether the rest of this alternative can only match empty: `)`, an end `$`, `\X*` tokens. */
function onlyOptionalFollows(source: string, from: number): boolean {
  let index = from;
  while (index < source.length) {
    const char = source[index];
    const next = source[index + 1];
    if (char === '|') return true;
    if (char === ')' || (char === '$' && (next === undefined || next === '|' || next === ')'))) index += 1;
    else if (char === '\\' && classes[next ?? ''] !== undefined && source[index + 2] === '*') index += 3;
    else return false;
  }
  return true;
}

function literal(char: string): string {
  return re2Special.test(char) ? `\\${char}` : char;
}
