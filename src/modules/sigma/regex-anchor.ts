import { foldCase } from './fold-case.ts';

/*
 * A literal that every match of a rule regex contains, found conservatively from the source so
 * that the literal prefilter can skip the regex (see literal-prefilter.ts). Only top-level text
 * counts: nothing inside groups or classes, no character a quantifier makes optional, and no
 * literal at all when the pattern has a top-level alternation or flags other than a leading
 * `(?i)`. When unsure, there is no anchor and the regex always runs.
 */

const plainEscapes = new Set('.\\/*+?()[]{}|^$-#&~ "\'=:<>@%!,;`_'.split(''));
/** Escapes that stand for one character or position and take no argument: they only cut a run. */
const cuttingEscapes = new Set('sSdDwWbBAznrtfv'.split(''));
const quantifierStart = new Set(['*', '+', '?', '{']);

export interface RegexAnchor {
  literal: string;
  /** The regex ignores case: match the literal on lowercased text. */
  caseless: boolean;
}

export function regexAnchor(source: string, caseInsensitiveFlag: boolean): RegexAnchor | undefined {
  let pattern = source;
  let caseless = caseInsensitiveFlag;
  if (pattern.startsWith('(?i)')) {
    caseless = true;
    pattern = pattern.slice(4);
  }
  const runs: string[] = [];
  let run = '';
  const breakRun = (): void => {
    if (run !== '') runs.push(run);
    run = '';
  };
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] as string;
    if (char === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) return undefined;
      i++;
      if (inClass || depth > 0) continue;
      if (plainEscapes.has(next)) run += next;
      else if (cuttingEscapes.has(next)) breakRun();
      else return undefined;
    } else if (inClass) {
      if (char === ']') inClass = false;
      continue;
    } else if (char === '[') {
      inClass = true;
      // A `]` right after `[` or `[^` is a member, not the end.
      if (pattern[i + 1] === '^') i++;
      if (pattern[i + 1] === ']') i++;
      if (depth === 0) breakRun();
      continue;
    } else if (char === '(') {
      if (pattern[i + 1] === '?' && pattern[i + 2] !== ':') return undefined;
      if (depth === 0) breakRun();
      depth++;
      continue;
    } else if (char === ')') {
      depth--;
      continue;
    } else if (depth > 0) {
      continue;
    } else if (char === '|') {
      return undefined;
    } else if (quantifierStart.has(char)) {
      // The quantified atom was the run's last character, or a group or class already cut off.
      run = run.slice(0, -1);
      breakRun();
      if (char === '{') i = pattern.indexOf('}', i);
      if (i < 0) return undefined;
      continue;
    } else if (char === '.' || char === '^' || char === '$') {
      breakRun();
      continue;
    } else {
      run += char;
    }
    // A literal followed by a quantifier is optional: handled when the quantifier comes.
  }
  breakRun();
  if (depth !== 0 || inClass) return undefined;
  const literal = runs.reduce(
    (longest, candidate) => (candidate.length > longest.length ? candidate : longest),
    '',
  );
  if (literal === '') return undefined;
  return { literal: caseless ? foldCase(literal) : literal, caseless };
}
