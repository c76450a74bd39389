/*
 * Debian and Ubuntu versions: [epoch:]upstream[-revision], ordered as dpkg orders them
 * (guillemj/dpkg lib/dpkg/version.c, verrevcmp) and refused where dpkg's parseversion
 * (lib/dpkg/parsehelp.c) refuses. The compare walks the strings in place with no allocation: it
 * runs once per installed package and affected range, so it is the hot path of matching.
 */
import { isAsciiLetter, isDigit } from './digit-run.ts';
import { invalidVersion } from './version-error.ts';
import { checkVersionInput, maxVersionLength, type Ordering } from './version-input.ts';

export interface DpkgVersion {
  epoch: number;
  upstream: string;
  /** '' when the version has none; dpkg compares a missing revision as '' (so 1.0 = 1.0-0). */
  revision: string;
  /**
   * What dpkg only warns about (`version number does not start with digit`, `invalid character
   * in …`): `dpkg --compare-versions` still compares such versions, and apt's own test cases
   * order them, so Vigil does too and reports them here.
   */
  warnings: string[];
}

/** Where the parts of a version are, as offsets into it, so comparing allocates nothing. */
interface Parts {
  epoch: number;
  upstreamStart: number;
  upstreamEnd: number;
  revisionStart: number;
  revisionEnd: number;
}

const maxEpoch = 2147483647; // dpkg refuses an epoch above INT_MAX

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

function locate(version: string, into: Parts): void {
  // One pass does the checks of checkVersionInput too: this runs twice per comparison.
  if (typeof version !== 'string' || version.length > maxVersionLength) checkVersionInput('dpkg', version);
  const text = version;
  // dpkg trims leading and trailing blanks and refuses any inside.
  let start = 0;
  let end = text.length;
  while (start < end && isBlank(text.charCodeAt(start))) start += 1;
  while (end > start && isBlank(text.charCodeAt(end - 1))) end -= 1;
  if (start === end) throw invalidVersion('dpkg', text, 'version string is empty');
  let colon = -1;
  let lastHyphen = -1;
  for (let i = start; i < end; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x2d) lastHyphen = i;
    else if (c === 0x3a) {
      if (colon < 0) colon = i;
    } else if (c <= 0x20 || c > 0x7e) {
      if (isBlank(c)) throw invalidVersion('dpkg', text, 'version string has embedded spaces');
      // dpkg only warns about other characters, but orders bytes above 0x7f by the sign of C's
      // char; no Debian version holds one (nor a control character), so Vigil refuses them.
      throw invalidVersion('dpkg', text, `control or non-ASCII character at offset ${i}`);
    }
  }
  let epoch = 0;
  let upstreamStart = start;
  // The epoch ends at the first colon; later colons belong to the upstream version.
  if (colon >= 0) {
    if (colon === start) throw invalidVersion('dpkg', text, 'epoch in version is empty');
    for (let i = start; i < colon; i += 1) {
      const c = text.charCodeAt(i);
      if (!isDigit(c)) throw invalidVersion('dpkg', text, 'epoch in version is not number');
      epoch = epoch * 10 + (c - 0x30);
      if (epoch > maxEpoch) throw invalidVersion('dpkg', text, 'epoch in version is too big');
    }
    upstreamStart = colon + 1;
    if (upstreamStart === end) throw invalidVersion('dpkg', text, 'nothing after colon in version number');
  }
  // The revision follows the last hyphen. A hyphen that starts the upstream version separates
  // nothing: apt reads "-" as the upstream version "-" (its compareversion tests order it),
  // where dpkg would refuse it with an empty upstream version.
  let upstreamEnd = end;
  let revisionStart = end;
  if (lastHyphen > upstreamStart) {
    upstreamEnd = lastHyphen;
    revisionStart = lastHyphen + 1;
    if (revisionStart === end) throw invalidVersion('dpkg', text, 'revision number is empty');
  }
  into.epoch = epoch;
  into.upstreamStart = upstreamStart;
  into.upstreamEnd = upstreamEnd;
  into.revisionStart = revisionStart;
  into.revisionEnd = end;
}

/** dpkg's weights: `~` before everything (even the end), then the end and digits, letters, the rest. */
function order(c: number): number {
  if (isDigit(c)) return 0;
  if (isAsciiLetter(c)) return c;
  if (c === 0x7e) return -1;
  if (c !== 0) return c + 256;
  return 0;
}

/**
 * dpkg's verrevcmp over text[start, end): alternately a non-digit run compared character by
 * character with `order` (the end weighs 0), then a digit run compared by value. Offsets past
 * the end read as C's terminating NUL.
 */
function verrevcmp(a: string, ai: number, ae: number, b: string, bi: number, be: number): Ordering {
  while (ai < ae || bi < be) {
    while ((ai < ae && !isDigit(a.charCodeAt(ai))) || (bi < be && !isDigit(b.charCodeAt(bi)))) {
      const ac = order(ai < ae ? a.charCodeAt(ai) : 0);
      const bc = order(bi < be ? b.charCodeAt(bi) : 0);
      if (ac !== bc) return ac > bc ? 1 : -1;
      ai += 1;
      bi += 1;
    }
    while (ai < ae && a.charCodeAt(ai) === 0x30) ai += 1;
    while (bi < be && b.charCodeAt(bi) === 0x30) bi += 1;
    let firstDiff = 0;
    while (ai < ae && bi < be && isDigit(a.charCodeAt(ai)) && isDigit(b.charCodeAt(bi))) {
      if (firstDiff === 0) firstDiff = a.charCodeAt(ai) - b.charCodeAt(bi);
      ai += 1;
      bi += 1;
    }
    if (ai < ae && isDigit(a.charCodeAt(ai))) return 1;
    if (bi < be && isDigit(b.charCodeAt(bi))) return -1;
    if (firstDiff !== 0) return firstDiff > 0 ? 1 : -1;
  }
  return 0;
}

// Reused by every compare: JS runs one compare at a time and nothing inside it yields.
const left: Parts = { epoch: 0, upstreamStart: 0, upstreamEnd: 0, revisionStart: 0, revisionEnd: 0 };
const right: Parts = { epoch: 0, upstreamStart: 0, upstreamEnd: 0, revisionStart: 0, revisionEnd: 0 };

/** Orders two Debian versions as `dpkg --compare-versions` does; throws VersionError for what dpkg refuses. */
export function compareDpkg(a: string, b: string): Ordering {
  locate(a, left);
  if (a === b) return 0;
  locate(b, right);
  const x = a;
  const y = b;
  if (left.epoch !== right.epoch) return left.epoch > right.epoch ? 1 : -1;
  const upstream = verrevcmp(
    x,
    left.upstreamStart,
    left.upstreamEnd,
    y,
    right.upstreamStart,
    right.upstreamEnd,
  );
  if (upstream !== 0) return upstream;
  return verrevcmp(x, left.revisionStart, left.revisionEnd, y, right.revisionStart, right.revisionEnd);
}

function isUpstreamCharacter(c: number): boolean {
  // . + - ~ :
  return isDigit(c) || isAsciiLetter(c) || c === 0x2e || c === 0x2b || c === 0x2d || c === 0x7e || c === 0x3a;
}

function isRevisionCharacter(c: number): boolean {
  // . + ~
  return isDigit(c) || isAsciiLetter(c) || c === 0x2e || c === 0x2b || c === 0x7e;
}

/** Splits a Debian version into its parts; throws VersionError (`version_invalid`) for what dpkg refuses. */
export function parseDpkg(version: string): DpkgVersion {
  const parts: Parts = { epoch: 0, upstreamStart: 0, upstreamEnd: 0, revisionStart: 0, revisionEnd: 0 };
  locate(version, parts);
  const text = version;
  const upstream = text.slice(parts.upstreamStart, parts.upstreamEnd);
  const revision = text.slice(parts.revisionStart, parts.revisionEnd);
  const warnings: string[] = [];
  if (!isDigit(upstream.charCodeAt(0))) warnings.push('version number does not start with digit');
  for (let i = 0; i < upstream.length; i += 1) {
    if (!isUpstreamCharacter(upstream.charCodeAt(i))) {
      warnings.push('invalid character in version number');
      break;
    }
  }
  for (let i = 0; i < revision.length; i += 1) {
    if (!isRevisionCharacter(revision.charCodeAt(i))) {
      warnings.push('invalid character in revision number');
      break;
    }
  }
  return { epoch: parts.epoch, upstream, revision, warnings };
}
