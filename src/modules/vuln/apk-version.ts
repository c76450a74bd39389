/*
 * Alpine versions, digit{.digit}...{letter}{_suffix{number}}...{~hash}{-r#}, ordered and
 * validated as apk-tools 3 does (alpinelinux/apk-tools src/version.c): a tokenizer whose token
 * kinds are ordered, compared token by token, allocating nothing. `parseApk` refuses what
 * apk_version_validate refuses. Feeds also hold versions apk 3 calls invalid (apk 2 accepted
 * "6.0.2p1-r0"); apk 3 compares those only up to the first invalid token, so `compareApk` orders
 * any pair with an invalid version as OSV's own matcher does (apk-lenient-order.ts).
 */
import { compareApkLeniently } from './apk-lenient-order.ts';
import { compareDigitRuns, compareRanges, isDigit } from './digit-run.ts';
import { invalidVersion } from './version-error.ts';
import { checkVersionInput, type Ordering } from './version-input.ts';

// Token kinds in apk's order. A kind may only be followed by kinds at or after it (DIGIT after
// LETTER is invalid). When two versions are equal up to where their next tokens differ in kind,
// the one whose next kind sorts lower is the newer (END sorts after every kind, so 1.0.1 > 1.0),
// except before a pre-release suffix (1.0_rc1 < 1.0).
const initialDigit = 0;
const digit = 1;
const letter = 2;
const suffix = 3;
const suffixNumber = 4;
const commitHash = 5;
const revisionNumber = 6;
const end = 7;
const invalid = 8;

// Suffix weights: the pre-release ones sort before "no suffix", the others after it.
const apkSuffixes = ['alpha', 'beta', 'pre', 'rc', '', 'cvs', 'svn', 'git', 'hg', 'p'] as const;
const noSuffix = 5; // index of '' plus one, as suffix values start at 1 (0 is invalid)

export type ApkSuffix = Exclude<(typeof apkSuffixes)[number], ''>;

interface Token {
  kind: number;
  /** 1 + index in apkSuffixes for a suffix token, 0 when not a known suffix. */
  suffix: number;
  /** The token's text is version[start, end). */
  start: number;
  end: number;
  /** Where the next token begins. */
  position: number;
}

function isLower(c: number): boolean {
  return c >= 0x61 && c <= 0x7a;
}

function isLowerHex(c: number): boolean {
  return isDigit(c) || (c >= 0x61 && c <= 0x66);
}

function suffixValue(version: string, start: number, stop: number): number {
  for (let i = 0; i < apkSuffixes.length; i += 1) {
    const name = apkSuffixes[i] ?? '';
    if (name !== '' && name.length === stop - start && version.startsWith(name, start)) return i + 1;
  }
  return 0;
}

function takeDigits(token: Token, version: string): void {
  token.start = token.position;
  while (token.position < version.length && isDigit(version.charCodeAt(token.position))) token.position += 1;
  token.end = token.position;
  if (token.end === token.start) token.kind = invalid;
}

function firstToken(token: Token, version: string): void {
  token.kind = initialDigit;
  token.suffix = 0;
  token.position = 0;
  takeDigits(token, version);
}

/** apk's token_next: the kind comes from the first character and must not go back in the order. */
function nextToken(token: Token, version: string): void {
  if (token.position >= version.length) {
    token.kind = end;
    return;
  }
  const c = version.charCodeAt(token.position);
  if (isLower(c)) {
    if (token.kind > digit) {
      token.kind = invalid;
      return;
    }
    token.kind = letter;
    token.start = token.position;
    token.position += 1;
    token.end = token.position;
  } else if (c === 0x2e || isDigit(c)) {
    if (c === 0x2e) {
      if (token.kind > digit) {
        token.kind = invalid;
        return;
      }
      token.position += 1;
    }
    if (token.kind === initialDigit || token.kind === digit) token.kind = digit;
    else if (token.kind === suffix) token.kind = suffixNumber;
    else {
      token.kind = invalid;
      return;
    }
    takeDigits(token, version);
  } else if (c === 0x5f) {
    // _suffix
    if (token.kind > suffixNumber) {
      token.kind = invalid;
      return;
    }
    token.position += 1;
    token.start = token.position;
    while (token.position < version.length && isLower(version.charCodeAt(token.position)))
      token.position += 1;
    token.end = token.position;
    token.suffix = suffixValue(version, token.start, token.end);
    token.kind = token.suffix === 0 ? invalid : suffix;
  } else if (c === 0x7e) {
    // ~commit hash, lower-case hex only (apk's APK_CTYPE_HEXDIGIT)
    if (token.kind >= commitHash) {
      token.kind = invalid;
      return;
    }
    token.position += 1;
    token.start = token.position;
    while (token.position < version.length && isLowerHex(version.charCodeAt(token.position)))
      token.position += 1;
    token.end = token.position;
    token.kind = token.end === token.start ? invalid : commitHash;
  } else if (c === 0x2d) {
    // -r<number>
    if (token.kind >= revisionNumber || version.charCodeAt(token.position + 1) !== 0x72) {
      token.kind = invalid;
      return;
    }
    token.position += 2;
    token.kind = revisionNumber;
    takeDigits(token, version);
  } else {
    token.kind = invalid;
  }
}

/** apk's token_cmp, for two tokens of the same kind. */
function compareToken(a: string, ta: Token, b: string, tb: Token): Ordering {
  switch (ta.kind) {
    case digit:
      // "if either of the digits have a leading zero, use raw string comparison similar to
      // Gentoo spec" (so 1.01 < 1.1, and 8.2.0 < 8.2.001)
      if (a.charCodeAt(ta.start) === 0x30 || b.charCodeAt(tb.start) === 0x30) {
        return compareRanges(a, ta.start, ta.end, b, tb.start, tb.end);
      }
      return compareDigitRuns(a, ta.start, ta.end, b, tb.start, tb.end);
    case initialDigit:
    case suffixNumber:
    case revisionNumber:
      return compareDigitRuns(a, ta.start, ta.end, b, tb.start, tb.end);
    case letter:
      return compareRanges(a, ta.start, ta.end, b, tb.start, tb.end);
    case suffix:
      return ta.suffix === tb.suffix ? 0 : ta.suffix > tb.suffix ? 1 : -1;
    default:
      // commit hashes: apk orders them as strings
      return compareRanges(a, ta.start, ta.end, b, tb.start, tb.end);
  }
}

const left: Token = { kind: end, suffix: 0, start: 0, end: 0, position: 0 };
const right: Token = { kind: end, suffix: 0, start: 0, end: 0, position: 0 };

/** apk_version_compare_fuzzy. */
function compareTokens(a: string, b: string, fuzzy: boolean): Ordering {
  firstToken(left, a);
  firstToken(right, b);
  while (left.kind === right.kind && left.kind < end) {
    const result = compareToken(a, left, b, right);
    if (result !== 0) return result;
    nextToken(left, a);
    nextToken(right, b);
  }
  if (left.kind === right.kind) return 0;
  if (right.kind === end && fuzzy) return 0;
  // Equal so far and one goes on: it is newer, unless what follows is a pre-release suffix.
  if (left.kind === suffix && left.suffix < noSuffix) return -1;
  if (right.kind === suffix && right.suffix < noSuffix) return 1;
  if (left.kind > right.kind) return -1;
  if (right.kind > left.kind) return 1;
  return 0;
}

function isValid(version: string, token: Token): boolean {
  firstToken(token, version);
  while (token.kind < end) nextToken(token, version);
  return token.kind === end;
}

/**
 * Orders two Alpine versions as apk 3 does (`apk version -t`) when both are valid, and as
 * compareApkLeniently does when either is not.
 */
export function compareApk(a: string, b: string): Ordering {
  checkVersionInput('apk', a);
  checkVersionInput('apk', b);
  if (!isValid(a, left) || !isValid(b, right)) return compareApkLeniently(a, b);
  return compareTokens(a, b, false);
}

/**
 * apk's fuzzy comparison (the `~` operator of `apk add 'pkg~3.6'`): `a` equals `b` when `b`'s
 * tokens are a prefix of `a`'s. Not an order (3.6.1 ~ 3.6 but not 3.6 ~ 3.6.1).
 */
export function compareApkFuzzy(a: string, b: string): Ordering {
  checkVersionInput('apk', a);
  checkVersionInput('apk', b);
  return compareTokens(a, b, true);
}

export interface ApkVersion {
  /** The dot-separated numbers, as written (leading zeros matter to apk). */
  numbers: string[];
  letter: string | undefined;
  suffixes: { name: ApkSuffix; number: string | undefined }[];
  hash: string | undefined;
  /** The number after -r, undefined without one. */
  revision: string | undefined;
}

/** Splits an Alpine version; throws VersionError (`version_invalid`) where apk_version_validate fails. */
export function parseApk(version: string): ApkVersion {
  const text = checkVersionInput('apk', version);
  const parsed: ApkVersion = {
    numbers: [],
    letter: undefined,
    suffixes: [],
    hash: undefined,
    revision: undefined,
  };
  const token: Token = { kind: end, suffix: 0, start: 0, end: 0, position: 0 };
  let at = 0;
  for (firstToken(token, text); token.kind < end; at = token.position, nextToken(token, text)) {
    const value = text.slice(token.start, token.end);
    if (token.kind === initialDigit || token.kind === digit) parsed.numbers.push(value);
    else if (token.kind === letter) parsed.letter = value;
    else if (token.kind === suffix) parsed.suffixes.push({ name: value as ApkSuffix, number: undefined });
    else if (token.kind === suffixNumber) {
      const last = parsed.suffixes.at(-1);
      if (last) last.number = value;
    } else if (token.kind === commitHash) parsed.hash = value;
    else parsed.revision = value;
  }
  if (token.kind === invalid) {
    throw invalidVersion(
      'apk',
      text,
      `not of the form digit{.digit}...{letter}{_suffix{number}}...{~hash}{-r#} (at offset ${at})`,
    );
  }
  return parsed;
}
