/*
 * SemVer 2.0 (npm). Precedence as semver.org §11: major, minor, patch by value, then a
 * pre-release sorts before its release, identifiers compared one by one (numeric by value and
 * before alphanumeric, alphanumeric in ASCII order, more identifiers after fewer); build metadata
 * never counts. `parseSemver` accepts exactly the grammar (with node-semver's optional "v" and
 * surrounding white space). `compareSemver` also orders what is not SemVer, as osv-scalibr does
 * (google/osv-scalibr semantic/version-semver.go and version-semver-like.go), since feeds and
 * lockfiles hold such versions: see parseLenient.
 */
import { compareDigitRuns, isAsciiLetter, isDigit } from './digit-run.ts';
import { createParseCache } from './parse-cache.ts';
import { invalidVersion } from './version-error.ts';
import { checkVersionInput, type Ordering } from './version-input.ts';

export interface SemverVersion {
  major: string;
  minor: string;
  patch: string;
  prerelease: string[];
  build: string[];
}

function isIdentifierCharacter(c: number): boolean {
  return isDigit(c) || isAsciiLetter(c) || c === 0x2d;
}

function isDigits(text: string): boolean {
  if (text === '') return false;
  for (let i = 0; i < text.length; i += 1) if (!isDigit(text.charCodeAt(i))) return false;
  return true;
}

/** Parses a SemVer 2.0 version; throws VersionError (`version_invalid`) for anything the grammar refuses. */
export function parseSemver(version: string): SemverVersion {
  const text = checkVersionInput('semver', version);
  const trimmed = text.trim();
  const body = trimmed.startsWith('v') ? trimmed.slice(1) : trimmed;
  const plus = body.indexOf('+');
  const build = plus < 0 ? [] : body.slice(plus + 1).split('.');
  const withoutBuild = plus < 0 ? body : body.slice(0, plus);
  const hyphen = withoutBuild.indexOf('-');
  const prerelease = hyphen < 0 ? [] : withoutBuild.slice(hyphen + 1).split('.');
  const core = (hyphen < 0 ? withoutBuild : withoutBuild.slice(0, hyphen)).split('.');
  if (core.length !== 3) throw invalidVersion('semver', text, 'expected MAJOR.MINOR.PATCH');
  for (const number of core) {
    if (!isDigits(number)) throw invalidVersion('semver', text, 'MAJOR, MINOR and PATCH must be numbers');
    if (number.length > 1 && number.startsWith('0')) {
      throw invalidVersion('semver', text, 'a number must not have leading zeros');
    }
  }
  for (const identifiers of [prerelease, build]) {
    for (const identifier of identifiers) {
      if (identifier === '') throw invalidVersion('semver', text, 'empty identifier');
      for (let i = 0; i < identifier.length; i += 1) {
        if (!isIdentifierCharacter(identifier.charCodeAt(i))) {
          throw invalidVersion(
            'semver',
            text,
            `identifier ${JSON.stringify(identifier)} has a character outside [0-9A-Za-z-]`,
          );
        }
      }
    }
  }
  for (const identifier of prerelease) {
    if (identifier.length > 1 && identifier.startsWith('0') && isDigits(identifier)) {
      throw invalidVersion('semver', text, 'a numeric pre-release identifier must not have leading zeros');
    }
  }
  const [major = '', minor = '', patch = ''] = core;
  return { major, minor, patch, prerelease, build };
}

interface Comparable {
  /** At most three, leading zeros removed; missing ones count as 0. */
  components: string[];
  prerelease: string[] | undefined;
}

function normalizeNumber(text: string, start: number, stop: number): string {
  while (start < stop - 1 && text.charCodeAt(start) === 0x30) start += 1;
  return text.slice(start, stop);
}

/**
 * osv-scalibr's reading of a version that may not be SemVer: an optional "v"; then numbers
 * separated by dots (any count, empty ones skipped); the first other character starts the tail.
 * Numbers past the third move to the end of the tail as ".N" (1.1.3.4.5 has the pre-release
 * ".4.5"). The tail loses everything from the first "+" (build metadata) and one leading "-";
 * what remains, if anything, is the pre-release, split on dots. For SemVer versions this is
 * exactly SemVer.
 */
function parseLenient(version: string): Comparable {
  const text = checkVersionInput('semver', version);
  const components: string[] = [];
  let i = text.startsWith('v') ? 1 : 0;
  let run = -1;
  let tailStart = -1;
  for (; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (isDigit(c)) {
      if (run < 0) run = i;
      continue;
    }
    if (run >= 0) components.push(normalizeNumber(text, run, i));
    run = -1;
    if (c === 0x2e) continue;
    tailStart = i;
    break;
  }
  if (run >= 0) components.push(normalizeNumber(text, run, text.length));
  let tail = tailStart < 0 ? '' : text.slice(tailStart);
  for (const extra of components.splice(3)) tail += `.${extra}`;
  const plus = tail.indexOf('+');
  let prerelease = plus < 0 ? tail : tail.slice(0, plus);
  if (prerelease.startsWith('-')) prerelease = prerelease.slice(1);
  return { components, prerelease: prerelease === '' ? undefined : prerelease.split('.') };
}

const comparable = createParseCache(parseLenient);

function compareIdentifiers(a: string, b: string): Ordering {
  const aNumeric = isDigits(a);
  const bNumeric = isDigits(b);
  if (aNumeric && bNumeric) return compareDigitRuns(a, 0, a.length, b, 0, b.length);
  if (aNumeric !== bNumeric) return aNumeric ? -1 : 1;
  return a === b ? 0 : a < b ? -1 : 1;
}

/** Orders two npm versions by SemVer precedence (build metadata ignored; see parseLenient for non-SemVer). */
export function compareSemver(a: string, b: string): Ordering {
  const x = comparable(a);
  const y = comparable(b);
  for (let i = 0; i < 3; i += 1) {
    const p = x.components[i] ?? '0';
    const q = y.components[i] ?? '0';
    const result = compareDigitRuns(p, 0, p.length, q, 0, q.length);
    if (result !== 0) return result;
  }
  if (x.prerelease === undefined || y.prerelease === undefined) {
    if (x.prerelease === y.prerelease) return 0;
    return x.prerelease === undefined ? 1 : -1;
  }
  const length = Math.min(x.prerelease.length, y.prerelease.length);
  for (let i = 0; i < length; i += 1) {
    const result = compareIdentifiers(x.prerelease[i] ?? '', y.prerelease[i] ?? '');
    if (result !== 0) return result;
  }
  const rest = x.prerelease.length - y.prerelease.length;
  return rest === 0 ? 0 : rest > 0 ? 1 : -1;
}
