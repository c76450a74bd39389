import { RE2JS } from 're2js';
import type { ScaRegexDialect } from '../../protocol/sca.ts';
import { osRegexToRe2 } from './os-regex.ts';
import { ScaPatternError } from './sca-pattern-error.ts';

/** A compiled `r:`/`n:` pattern. */
export interface ScaPattern {
  test(line: string): boolean;
  /** What `n:` compares: the first match's first group; undefined when the line does not match. */
  capture(line: string): string | undefined;
}

/*
 * Policies are the admin's, but the lines they are matched against are not: a log-like file or
 * a command's output can hold anything. Patterns therefore run on re2js (linear time in the
 * line, like the Sigma engine's). RE2's syntax is PCRE2's without backtracking-only features;
 * the few PCRE2 escapes RE2 lacks are rewritten, and lookaround and backreferences are refused
 * with a reason (docs/audit.md lists the differences).
 */
export function compilePattern(source: string, dialect: ScaRegexDialect, caseless: boolean): ScaPattern {
  const translated = dialect === 'osregex' ? osRegexToRe2(source) : pcre2ToRe2(source);
  let regex: RE2JS;
  try {
    regex = RE2JS.compile(translated, caseless ? RE2JS.CASE_INSENSITIVE : 0);
  } catch (error) {
    throw new ScaPatternError(
      `${JSON.stringify(source)} is not a valid ${dialect} pattern: ${(error as Error).message}`,
    );
  }
  return {
    test: (line) => regex.test(line),
    capture: (line) => {
      const matcher = regex.matcher(line);
      if (!matcher.find()) return undefined;
      // The first group, or the whole match when there is none (as 5.x does).
      return (matcher.groupCount() >= 1 ? matcher.group(1) : matcher.group(0)) ?? '';
    },
  };
}

/** PCRE2-only escapes RE2 does not know, outside and inside a character class. */
const outside: Record<string, string> = { h: '[\\t ]', H: '[^\\t ]', Z: '\\z', e: '\\x1b' };
const inside: Record<string, string> = { h: '\\t ', e: '\\x1b' };

function pcre2ToRe2(source: string): string {
  let out = '';
  let inClass = false;
  for (let index = 0; index < source.length; index += 1) {
    const char = source[index] ?? '';
    if (char === '\\') {
      const next = source[index + 1] ?? '';
      if (next === 'Q') {
        // Quoted text is RE2's business too; copy it through untouched.
        const end = source.indexOf('\\E', index + 2);
        const stop = end < 0 ? source.length : end + 2;
        out += source.slice(index, stop);
        index = stop - 1;
        continue;
      }
      if (/[1-9]/.test(next) && !inClass)
        throw new ScaPatternError(
          `${JSON.stringify(source)}: backreferences are not supported (linear-time matching)`,
        );
      const replacement = (inClass ? inside : outside)[next];
      out += replacement ?? `\\${next}`;
      index += 1;
      continue;
    }
    if (inClass) {
      if (char === ']' && !out.endsWith('[') && !out.endsWith('[^')) inClass = false;
      out += char;
      continue;
    }
    if (char === '[') {
      inClass = true;
      out += char;
      if (source[index + 1] === ']' || (source[index + 1] === '^' && source[index + 2] === ']')) {
        // A `]` right after `[` or `[^` is a literal member.
        const take = source[index + 1] === '^' ? 2 : 1;
        out += source.slice(index + 1, index + 1 + take);
        index += take;
      }
      continue;
    }
    if (char === '(' && source[index + 1] === '?') {
      const kind = source[index + 2] ?? '';
      if (kind === '>') {
        // Atomic group: the same matches as a plain group but for backtracking-dependent cases.
        out += '(?:';
        index += 2;
        continue;
      }
      if (kind === '=' || kind === '!' || (kind === '<' && /[=!]/.test(source[index + 3] ?? ''))) {
        throw new ScaPatternError(
          `${JSON.stringify(source)}: lookaround is not supported (linear-time matching)`,
        );
      }
    }
    if (
      char === '+' &&
      /[*+?}]$/.test(out) &&
      !out.endsWith('\\+') &&
      !out.endsWith('\\*') &&
      !out.endsWith('\\?') &&
      !out.endsWith('\\}')
    ) {
      // Possessive quantifier, run as the plain one: it can match where PCRE2 would give up
      // (`a*+a`), never the other way round. docs/audit.md lists it.
      continue;
    }
    out += char;
  }
  return out;
}
