/*
 * The order of Alpine versions that apk 3 calls invalid. apk 3 compares them only up to their
 * first invalid token and calls the rest equal, so "6.0.2p1-r0" = "6.0.2p1-r1". Such versions
 * were accepted by apk 2 and live on in the secdb and OSV feeds; OSV's own matcher (google/
 * osv-scalibr semantic/version-alpine.go at 3abce093, the commit of the conformance files)
 * orders them by reading what it can, which is what Vigil follows:
 *
 *   numbers    digit runs joined by ".", up to the first digit run not followed by "."
 *              (a lone trailing "." is read; "0..1" stops after "0.")
 *   letter     one lower-case letter after them
 *   suffixes   every "_alpha|beta|pre|rc|cvs|svn|git|hg|p" + digits anywhere in the rest
 *              (each one removed from the front only while they are at the front)
 *   hash       "~" + lower-case hex
 *   revision   "-r" + digits (none reads as 0)
 *   remainder  what is left; a version whose rest after the hash is neither empty nor
 *              starts with "-r" is "invalid"
 *
 * Two "invalid" versions compare as plain text. Otherwise numbers (the first by value, later
 * ones as text when either starts with 0, as apk does), the letter (none first), the suffixes
 * (a missing one weighs as no suffix; osv-scalibr weighs it as _cvs, which no vector relies
 * on), the revision, then a version with no remainder is newer. Commit hashes are not compared.
 */
import { compareDigitRuns, isDigit } from './digit-run.ts';
import type { Ordering } from './version-input.ts';

const suffixWeights = ['alpha', 'beta', 'pre', 'rc', '', 'cvs', 'svn', 'git', 'hg', 'p'] as const;
// Go's regexp alternation is leftmost-first, so "_pre1" is pre (not p) and "_preview" is pre.
const suffixAlternatives = ['alpha', 'beta', 'pre', 'rc', 'cvs', 'svn', 'git', 'hg', 'p'] as const;
const noSuffixWeight = 4;

interface Lenient {
  text: string;
  numbers: { original: string; index: number }[];
  letter: string;
  suffixes: { weight: number; number: string }[];
  revision: string;
  remainder: string;
  invalid: boolean;
}

function digitsEnd(text: string, start: number): number {
  let end = start;
  while (end < text.length && isDigit(text.charCodeAt(end))) end += 1;
  return end;
}

function isLower(c: number): boolean {
  return c >= 0x61 && c <= 0x7a;
}

function isLowerHex(c: number): boolean {
  return isDigit(c) || (c >= 0x61 && c <= 0x66);
}

/** Every non-overlapping `_suffix(\d*)` in `text`, left to right, as [start, end, weight, number]. */
function findSuffixes(text: string): [number, number, number, string][] {
  const found: [number, number, number, string][] = [];
  let at = text.indexOf('_');
  while (at >= 0) {
    const name = suffixAlternatives.find((alternative) => text.startsWith(alternative, at + 1));
    if (name === undefined) {
      at = text.indexOf('_', at + 1);
      continue;
    }
    const numberStart = at + 1 + name.length;
    const end = digitsEnd(text, numberStart);
    const number = end > numberStart ? text.slice(numberStart, end) : '0';
    found.push([at, end, suffixWeights.indexOf(name), number]);
    at = text.indexOf('_', end);
  }
  return found;
}

function read(text: string): Lenient {
  const numbers: Lenient['numbers'] = [];
  let position = 0;
  while (position < text.length && isDigit(text.charCodeAt(position))) {
    const end = digitsEnd(text, position);
    numbers.push({ original: text.slice(position, end), index: numbers.length });
    position = end;
    if (text.charCodeAt(position) !== 0x2e) break;
    position += 1;
  }
  let letter = '';
  if (position < text.length && isLower(text.charCodeAt(position))) {
    letter = text.charAt(position);
    position += 1;
  }
  let rest = text.slice(position);
  const suffixes: Lenient['suffixes'] = [];
  let trimmed = 0; // how much of `rest` the suffixes removed from its front
  for (const [start, end, weight, number] of findSuffixes(rest)) {
    suffixes.push({ weight, number });
    if (start === trimmed) trimmed = end;
  }
  rest = rest.slice(trimmed);
  if (rest.charCodeAt(0) === 0x7e && isLowerHex(rest.charCodeAt(1))) {
    let end = 2;
    while (end < rest.length && isLowerHex(rest.charCodeAt(end))) end += 1;
    rest = rest.slice(end);
  }
  let revision = '0';
  let invalid = false;
  if (rest !== '') {
    if (rest.startsWith('-r')) {
      const end = digitsEnd(rest, 2);
      if (end > 2) revision = rest.slice(2, end);
      rest = rest.slice(end);
    } else {
      invalid = true;
    }
  }
  return { text, numbers, letter, suffixes, revision, remainder: rest, invalid };
}

/** Go's strings.Compare: UTF-8 byte order, which is code point order. */
function compareCodePoints(a: string, b: string): Ordering {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a.codePointAt(i) ?? 0;
    const y = b.codePointAt(j) ?? 0;
    if (x !== y) return x > y ? 1 : -1;
    i += x > 0xffff ? 2 : 1;
    j += y > 0xffff ? 2 : 1;
  }
  const rest = a.length - i - (b.length - j);
  return rest === 0 ? 0 : rest > 0 ? 1 : -1;
}

function compareText(a: string, b: string): Ordering {
  return a === b ? 0 : a < b ? -1 : 1;
}

const missingNumber = { original: '0', index: 0 };
const missingSuffix = { weight: noSuffixWeight, number: '0' };

function compareNumber(
  a: { original: string; index: number },
  b: { original: string; index: number },
): Ordering {
  if (a.index !== 0 && b.index !== 0 && (a.original.startsWith('0') || b.original.startsWith('0'))) {
    return compareText(a.original, b.original);
  }
  return compareDigitRuns(a.original, 0, a.original.length, b.original, 0, b.original.length);
}

/** Orders two Alpine versions of which at least one is invalid for apk 3. */
export function compareApkLeniently(a: string, b: string): Ordering {
  const x = read(a);
  const y = read(b);
  if (x.invalid && y.invalid) return compareCodePoints(x.text, y.text);
  for (let i = 0; i < Math.max(x.numbers.length, y.numbers.length); i += 1) {
    const result = compareNumber(x.numbers[i] ?? missingNumber, y.numbers[i] ?? missingNumber);
    if (result !== 0) return result;
  }
  if (x.letter !== y.letter) {
    if (x.letter === '' || y.letter === '') return x.letter === '' ? -1 : 1;
    return compareText(x.letter, y.letter);
  }
  for (let i = 0; i < Math.max(x.suffixes.length, y.suffixes.length); i += 1) {
    const p = x.suffixes[i] ?? missingSuffix;
    const q = y.suffixes[i] ?? missingSuffix;
    if (p.weight !== q.weight) return p.weight > q.weight ? 1 : -1;
    const result = compareDigitRuns(p.number, 0, p.number.length, q.number, 0, q.number.length);
    if (result !== 0) return result;
  }
  const revision = compareDigitRuns(x.revision, 0, x.revision.length, y.revision, 0, y.revision.length);
  if (revision !== 0) return revision;
  if ((x.remainder === '') !== (y.remainder === '')) return x.remainder === '' ? 1 : -1;
  return 0;
}
