/*
 * RPM versions ([epoch:]version[-release], Red Hat and its rebuilds, SUSE), ordered by rpm's
 * rpmvercmp (rpm-software-management/rpm rpmio/rpmvercmp.c) part by part, as rpmverCmp
 * (rpmio/rpmver.c) does. rpmvercmp orders any string, so comparing refuses only what every
 * scheme refuses (version-input.ts); `parseRpm` applies rpmbuild's rules for what a package
 * may carry. The compare walks the strings in place with no allocation.
 */
import { compareDigitRuns, compareRanges, isAsciiLetter, isDigit } from './digit-run.ts';
import { invalidVersion } from './version-error.ts';
import { checkVersionInput, type Ordering } from './version-input.ts';

const tilde = 0x7e;
const caret = 0x5e;

function isSegmentCharacter(c: number): boolean {
  return isDigit(c) || isAsciiLetter(c) || c === tilde || c === caret;
}

/**
 * rpmvercmp over a[ai, ae) and b[bi, be). Anything but ASCII letters, digits, `~` and `^`
 * separates segments and is otherwise ignored (so 2.0 = 2_0, and non-ASCII letters count for
 * nothing). `~` sorts before everything, even the end (1.0~rc1 < 1.0); `^` sorts after the end
 * but before anything else (1.0 < 1.0^git1 < 1.0.1). A digit segment beats a letter segment;
 * digit segments compare by value, letter segments with strcmp.
 */
function segmentCompare(a: string, ai: number, ae: number, b: string, bi: number, be: number): Ordering {
  while (ai < ae || bi < be) {
    while (ai < ae && !isSegmentCharacter(a.charCodeAt(ai))) ai += 1;
    while (bi < be && !isSegmentCharacter(b.charCodeAt(bi))) bi += 1;
    const ca = ai < ae ? a.charCodeAt(ai) : 0;
    const cb = bi < be ? b.charCodeAt(bi) : 0;
    if (ca === tilde || cb === tilde) {
      if (ca !== tilde) return 1;
      if (cb !== tilde) return -1;
      ai += 1;
      bi += 1;
      continue;
    }
    // rpmvercmp.c: "if one of the strings ends (base version), the other is considered as higher".
    if (ca === caret || cb === caret) {
      if (ai >= ae) return -1;
      if (bi >= be) return 1;
      if (ca !== caret) return 1;
      if (cb !== caret) return -1;
      ai += 1;
      bi += 1;
      continue;
    }
    if (ai >= ae || bi >= be) break;
    // The segment's kind is taken from `a`; `b` contributes a run of the same kind, maybe empty.
    const numeric = isDigit(ca);
    let aEnd = ai;
    let bEnd = bi;
    if (numeric) {
      while (aEnd < ae && isDigit(a.charCodeAt(aEnd))) aEnd += 1;
      while (bEnd < be && isDigit(b.charCodeAt(bEnd))) bEnd += 1;
    } else {
      while (aEnd < ae && isAsciiLetter(a.charCodeAt(aEnd))) aEnd += 1;
      while (bEnd < be && isAsciiLetter(b.charCodeAt(bEnd))) bEnd += 1;
    }
    // Different kinds: "numeric segments are always newer than alpha segments".
    if (bEnd === bi) return numeric ? 1 : -1;
    const result = numeric
      ? compareDigitRuns(a, ai, aEnd, b, bi, bEnd)
      : compareRanges(a, ai, aEnd, b, bi, bEnd);
    if (result !== 0) return result;
    ai = aEnd;
    bi = bEnd;
  }
  if (ai >= ae && bi >= be) return 0;
  return ai >= ae ? -1 : 1;
}

/** rpm's rpmvercmp on two whole strings (one version or one release). */
export function rpmvercmp(a: string, b: string): Ordering {
  checkVersionInput('rpm', a);
  checkVersionInput('rpm', b);
  if (a === b) return 0;
  return segmentCompare(a, 0, a.length, b, 0, b.length);
}

interface Parts {
  /** -1 when there is no epoch, or it is empty (":1"); rpm compares both as "0". */
  epochEnd: number;
  versionStart: number;
  versionEnd: number;
  /** -1 without a release. */
  releaseStart: number;
}

/**
 * rpm's parseEVR (rpmio/rpmver.c): the epoch is the leading digits when a colon follows them
 * (so "a:1" has none and is all version), the release follows the last hyphen.
 */
function locate(version: string, into: Parts): void {
  let s = 0;
  while (s < version.length && isDigit(version.charCodeAt(s))) s += 1;
  const hasEpoch = s < version.length && version.charCodeAt(s) === 0x3a;
  into.epochEnd = hasEpoch && s > 0 ? s : -1;
  into.versionStart = hasEpoch ? s + 1 : 0;
  const hyphen = version.lastIndexOf('-');
  if (hyphen >= into.versionStart) {
    into.versionEnd = hyphen;
    into.releaseStart = hyphen + 1;
  } else {
    into.versionEnd = version.length;
    into.releaseStart = -1;
  }
}

const left: Parts = { epochEnd: -1, versionStart: 0, versionEnd: 0, releaseStart: -1 };
const right: Parts = { epochEnd: -1, versionStart: 0, versionEnd: 0, releaseStart: -1 };
const zero = '0';

/**
 * Orders two EVR strings: epoch, then version, then release, each with rpmvercmp. When only one
 * side has a release, that side is the newer: rpm's dependency check would skip the release
 * (1.2 "matches" every 1.2-N), but an order must be total, and a bare version in a feed means
 * "before any build of it" (osv-scalibr's redhat-versions.txt: 1 < 1-0 < 1-1).
 */
export function compareRpm(a: string, b: string): Ordering {
  checkVersionInput('rpm', a);
  checkVersionInput('rpm', b);
  if (a === b) return 0;
  locate(a, left);
  locate(b, right);
  const epoch = segmentCompare(
    left.epochEnd < 0 ? zero : a,
    0,
    left.epochEnd < 0 ? 1 : left.epochEnd,
    right.epochEnd < 0 ? zero : b,
    0,
    right.epochEnd < 0 ? 1 : right.epochEnd,
  );
  if (epoch !== 0) return epoch;
  const version = segmentCompare(
    a,
    left.versionStart,
    left.versionEnd,
    b,
    right.versionStart,
    right.versionEnd,
  );
  if (version !== 0) return version;
  if (left.releaseStart < 0 || right.releaseStart < 0) {
    if (left.releaseStart === right.releaseStart) return 0;
    return left.releaseStart < 0 ? -1 : 1;
  }
  return segmentCompare(a, left.releaseStart, a.length, b, right.releaseStart, b.length);
}

export interface RpmVersion {
  epoch: number;
  version: string;
  /** undefined when the EVR has no release. */
  release: string | undefined;
}

const maxEpoch = 4294967295; // rpm stores the epoch as an unsigned 32-bit number

/** rpmbuild's rpmCharCheck (build/parsePreamble.c): letters, digits and "._+%{}~^", never "..". */
function checkField(text: string, field: string, value: string): void {
  if (value === '') throw invalidVersion('rpm', text, `empty ${field}`);
  for (let i = 0; i < value.length; i += 1) {
    const c = value.charCodeAt(i);
    if (!isDigit(c) && !isAsciiLetter(c) && !'._+%{}~^'.includes(value.charAt(i))) {
      throw invalidVersion(
        'rpm',
        text,
        `illegal character ${JSON.stringify(value.charAt(i))} in the ${field}`,
      );
    }
  }
  if (value.includes('..')) throw invalidVersion('rpm', text, `illegal sequence ".." in the ${field}`);
}

/** Splits an EVR string, applying the rules rpmbuild applies to a package's Epoch, Version and Release. */
export function parseRpm(version: string): RpmVersion {
  const text = checkVersionInput('rpm', version);
  const parts: Parts = { epochEnd: -1, versionStart: 0, versionEnd: 0, releaseStart: -1 };
  locate(text, parts);
  if (parts.versionStart > 0 && parts.epochEnd < 0) throw invalidVersion('rpm', text, 'empty epoch');
  let epoch = 0;
  for (let i = 0; i < parts.epochEnd; i += 1) {
    epoch = epoch * 10 + (text.charCodeAt(i) - 0x30);
    if (epoch > maxEpoch) throw invalidVersion('rpm', text, 'epoch is too big');
  }
  const versionPart = text.slice(parts.versionStart, parts.versionEnd);
  checkField(text, 'version', versionPart);
  const release = parts.releaseStart < 0 ? undefined : text.slice(parts.releaseStart);
  if (release !== undefined) checkField(text, 'release', release);
  return { epoch, version: versionPart, release };
}
