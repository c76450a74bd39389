/*
 * Python versions (PyPI), PEP 440 as pypa/packaging's version.py reads and orders them:
 * [N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local], case-insensitive, with the alternate spellings
 * packaging accepts (alpha, beta, c, pre, preview; rev, r, "-N" for post; separators "-", "_",
 * "." or none; implicit 0 numbers; a leading "v"; surrounding white space). The grammar is
 * walked by hand, not with packaging's regex, so no input can make it backtrack.
 *
 * `parsePep440` refuses what packaging >= 22 refuses. `comparePep440` orders those too, as
 * packaging < 22's LegacyVersion did and osv-scalibr still does (its pypi-versions.txt orders
 * "0.1-bulbasaur < 0.1-charmander"): a legacy version sorts before every PEP 440 version.
 */
import { compareDigitRuns, isDigit } from './digit-run.ts';
import { createParseCache } from './parse-cache.ts';
import { invalidVersion } from './version-error.ts';
import { checkVersionInput, type Ordering } from './version-input.ts';

export interface Pep440Version {
  /** Numbers as decimal digits without leading zeros (they are unbounded). */
  epoch: string;
  release: string[];
  pre: { label: 'a' | 'b' | 'rc'; number: string } | undefined;
  post: string | undefined;
  dev: string | undefined;
  /** Lower-cased segments; all-digit ones without leading zeros. */
  local: string[] | undefined;
  /** packaging's str(Version(…)): 1.0-r1 → 1.0.post1, 2.0ALPHA → 2.0a0. */
  normalized: string;
}

const preLabels = [
  ['alpha', 'a'],
  ['a', 'a'],
  ['beta', 'b'],
  ['b', 'b'],
  ['preview', 'rc'],
  ['pre', 'rc'],
  ['c', 'rc'],
  ['rc', 'rc'],
] as const;
const postLabels = ['post', 'rev', 'r'] as const;

function isSeparator(c: number): boolean {
  return c === 0x2d || c === 0x5f || c === 0x2e; // - _ .
}

function isLowerAlnum(c: number): boolean {
  return isDigit(c) || (c >= 0x61 && c <= 0x7a);
}

function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

function lowerAscii(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    out += c >= 0x41 && c <= 0x5a ? String.fromCharCode(c + 32) : text.charAt(i);
  }
  return out;
}

function isNumber(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (!isDigit(text.charCodeAt(i))) return false;
  return text !== '';
}

function stripZeros(digits: string): string {
  let i = 0;
  while (i < digits.length - 1 && digits.charCodeAt(i) === 0x30) i += 1;
  return digits.slice(i);
}

/** A cursor over the lower-cased version; every step is one character, so parsing is linear. */
class Reader {
  position = 0;
  constructor(readonly text: string) {}

  peek(offset = 0): number {
    const at = this.position + offset;
    return at < this.text.length ? this.text.charCodeAt(at) : -1;
  }

  digits(): string | undefined {
    const start = this.position;
    while (isDigit(this.peek())) this.position += 1;
    return this.position > start ? stripZeros(this.text.slice(start, this.position)) : undefined;
  }

  /** The longest of `words` at the cursor, without moving. */
  word<W extends string>(words: readonly W[], at = this.position): W | undefined {
    let found: W | undefined;
    for (const word of words) {
      if (this.text.startsWith(word, at) && (found === undefined || word.length > found.length)) found = word;
    }
    return found;
  }

  skipSeparator(): void {
    if (isSeparator(this.peek())) this.position += 1;
  }
}

/*
 * Each optional part is "[sep]label[sep][N]". Taking the longest label and any separator
 * eagerly accepts exactly what packaging's regex accepts: a shorter label leaves letters (the
 * "lpha" of alpha) that nothing after it may start with, and every later part begins with its own
 * optional separator, so eating one early never starves it. The one part that needs a particular
 * separator, post's "-N", loses "-N" to a pre-release just before it ("1.0a-1" is 1.0a1), as it
 * does to the regex's greedy pre-release number.
 */
function parseStrict(text: string): Omit<Pep440Version, 'normalized'> | undefined {
  let start = 0;
  let end = text.length;
  while (start < end && isSpace(text.charCodeAt(start))) start += 1;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end -= 1;
  const reader = new Reader(lowerAscii(text.slice(start, end)));
  if (reader.peek() === 0x76) reader.position += 1; // v
  let epoch = '0';
  let first = reader.digits();
  if (first !== undefined && reader.peek() === 0x21) {
    // N! is the epoch
    reader.position += 1;
    epoch = first;
    first = reader.digits();
  }
  if (first === undefined) return undefined;
  const release = [first];
  while (reader.peek() === 0x2e && isDigit(reader.peek(1))) {
    reader.position += 1;
    release.push(reader.digits() ?? '0');
  }

  let pre: Pep440Version['pre'];
  const preAt = reader.position + (isSeparator(reader.peek()) ? 1 : 0);
  const preWord = reader.word(
    preLabels.map(([spelling]) => spelling),
    preAt,
  );
  if (preWord !== undefined) {
    reader.position = preAt + preWord.length;
    reader.skipSeparator();
    const label = preLabels.find(([spelling]) => spelling === preWord)?.[1] ?? 'rc';
    pre = { label, number: reader.digits() ?? '0' };
  }

  let post: string | undefined;
  if (reader.peek() === 0x2d && isDigit(reader.peek(1))) {
    reader.position += 1;
    post = reader.digits();
  } else {
    const postAt = reader.position + (isSeparator(reader.peek()) ? 1 : 0);
    const postWord = reader.word(postLabels, postAt);
    if (postWord !== undefined) {
      reader.position = postAt + postWord.length;
      reader.skipSeparator();
      post = reader.digits() ?? '0';
    }
  }

  let dev: string | undefined;
  const devAt = reader.position + (isSeparator(reader.peek()) ? 1 : 0);
  if (reader.word(['dev'], devAt) !== undefined) {
    reader.position = devAt + 3;
    reader.skipSeparator();
    dev = reader.digits() ?? '0';
  }

  let local: string[] | undefined;
  if (reader.peek() === 0x2b) {
    // +segment([-_.]segment)*
    local = [];
    do {
      reader.position += 1;
      const segmentStart = reader.position;
      while (isLowerAlnum(reader.peek())) reader.position += 1;
      if (reader.position === segmentStart) return undefined;
      const segment = reader.text.slice(segmentStart, reader.position);
      local.push(isNumber(segment) ? stripZeros(segment) : segment);
    } while (isSeparator(reader.peek()));
  }
  if (reader.position !== reader.text.length) return undefined;
  return { epoch, release, pre, post, dev, local };
}

function normalize(version: Omit<Pep440Version, 'normalized'>): string {
  let out = version.epoch === '0' ? '' : `${version.epoch}!`;
  out += version.release.join('.');
  if (version.pre) out += `${version.pre.label}${version.pre.number}`;
  if (version.post !== undefined) out += `.post${version.post}`;
  if (version.dev !== undefined) out += `.dev${version.dev}`;
  if (version.local) out += `+${version.local.join('.')}`;
  return out;
}

/** Parses a PEP 440 version; throws VersionError (`version_invalid`) for what packaging's Version refuses. */
export function parsePep440(version: string): Pep440Version {
  const text = checkVersionInput('pep440', version);
  const parsed = parseStrict(text);
  if (!parsed) {
    throw invalidVersion('pep440', text, 'not [N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]');
  }
  return { ...parsed, normalized: normalize(parsed) };
}

/*
 * packaging < 22, LegacyVersion: the lower-cased version split into runs of digits, runs of
 * letters, "." and "-" (and whatever lies between them, which re.split keeps); numbers padded
 * to 8 digits so they sort as text, words marked with "*" and a few respelled so that
 * pre-releases sort before "*final" and "-" after it; trailing zero numbers dropped before each
 * word. Compared as a tuple of strings.
 */
const legacyRespellings: Readonly<Record<string, string>> = {
  pre: 'c',
  preview: 'c',
  '-': 'final-',
  rc: 'c',
  dev: '@',
};

function legacyPieceEnd(text: string, start: number): number {
  const c = text.charCodeAt(start);
  let end = start + 1;
  if (c === 0x2e || c === 0x2d) return end;
  if (isDigit(c)) {
    while (end < text.length && isDigit(text.charCodeAt(end))) end += 1;
  } else if (c >= 0x61 && c <= 0x7a) {
    while (end < text.length && text.charCodeAt(end) >= 0x61 && text.charCodeAt(end) <= 0x7a) end += 1;
  } else {
    // text between matches: up to the next digit, letter, "." or "-"
    while (end < text.length) {
      const d = text.charCodeAt(end);
      if (isDigit(d) || (d >= 0x61 && d <= 0x7a) || d === 0x2e || d === 0x2d) break;
      end += 1;
    }
  }
  return end;
}

function legacyParts(version: string): string[] {
  const text = version.toLowerCase();
  const parts: string[] = [];
  const add = (part: string): void => {
    if (part.startsWith('*')) {
      if (part < '*final') while (parts.at(-1) === '*final-') parts.pop();
      while (parts.at(-1) === '00000000') parts.pop();
    }
    parts.push(part);
  };
  for (let start = 0; start < text.length;) {
    const end = legacyPieceEnd(text, start);
    const piece = text.slice(start, end);
    start = end;
    const respelled = legacyRespellings[piece] ?? piece;
    if (respelled === '.') continue;
    add(isDigit(respelled.charCodeAt(0)) ? respelled.padStart(8, '0') : `*${respelled}`);
  }
  add('*final');
  return parts;
}

type Comparable =
  { legacy: false; version: Omit<Pep440Version, 'normalized'> } | { legacy: true; parts: string[] };

const comparable = createParseCache((version: string): Comparable => {
  const text = checkVersionInput('pep440', version);
  const parsed = parseStrict(text);
  return parsed ? { legacy: false, version: parsed } : { legacy: true, parts: legacyParts(text) };
});

function compareNumbers(a: string, b: string): Ordering {
  return compareDigitRuns(a, 0, a.length, b, 0, b.length);
}

function compareText(a: string, b: string): Ordering {
  return a === b ? 0 : a < b ? -1 : 1;
}

function compareSequences(
  a: readonly string[],
  b: readonly string[],
  item: (a: string, b: string) => Ordering,
) {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    const result = item(a[i] ?? '', b[i] ?? '');
    if (result !== 0) return result;
  }
  return a.length === b.length ? 0 : a.length > b.length ? 1 : -1;
}

/** packaging's _cmpkey drops trailing zeros of the release: 1.0 == 1.0.0. */
function significantRelease(release: readonly string[]): readonly string[] {
  let length = release.length;
  while (length > 0 && release[length - 1] === '0') length -= 1;
  return length === release.length ? release : release.slice(0, length);
}

/**
 * The pre-release's place: a dev release of the release itself (1.0.dev0) comes before its
 * alphas, no pre-release comes after all of them.
 */
function preRank(version: Omit<Pep440Version, 'normalized'>): number {
  if (version.pre) return 0;
  return version.post === undefined && version.dev !== undefined ? -1 : 1;
}

/** packaging: an all-digit local segment is a number, and a number sorts after any text. */
function localSegment(a: string, b: string): Ordering {
  const aNumeric = isNumber(a);
  const bNumeric = isNumber(b);
  if (aNumeric && bNumeric) return compareNumbers(a, b);
  if (aNumeric !== bNumeric) return aNumeric ? 1 : -1;
  return compareText(a, b);
}

function compareParsed(x: Omit<Pep440Version, 'normalized'>, y: Omit<Pep440Version, 'normalized'>): Ordering {
  const epoch = compareNumbers(x.epoch, y.epoch);
  if (epoch !== 0) return epoch;
  const release = compareSequences(
    significantRelease(x.release),
    significantRelease(y.release),
    compareNumbers,
  );
  if (release !== 0) return release;
  const xRank = preRank(x);
  const yRank = preRank(y);
  if (xRank !== yRank) return xRank > yRank ? 1 : -1;
  if (x.pre && y.pre) {
    const label = compareText(x.pre.label, y.pre.label);
    if (label !== 0) return label;
    const number = compareNumbers(x.pre.number, y.pre.number);
    if (number !== 0) return number;
  }
  if (x.post !== y.post) {
    if (x.post === undefined || y.post === undefined) return x.post === undefined ? -1 : 1;
    const post = compareNumbers(x.post, y.post);
    if (post !== 0) return post;
  }
  if (x.dev !== y.dev) {
    if (x.dev === undefined || y.dev === undefined) return x.dev === undefined ? 1 : -1;
    const dev = compareNumbers(x.dev, y.dev);
    if (dev !== 0) return dev;
  }
  if (x.local === undefined || y.local === undefined) {
    if (x.local === y.local) return 0;
    return x.local === undefined ? -1 : 1;
  }
  return compareSequences(x.local, y.local, localSegment);
}

/** Orders two Python versions as packaging does (legacy versions first, as packaging < 22). */
export function comparePep440(a: string, b: string): Ordering {
  const x = comparable(a);
  const y = comparable(b);
  if (x.legacy || y.legacy) {
    if (x.legacy && y.legacy) return compareSequences(x.parts, y.parts, compareText);
    return x.legacy ? -1 : 1;
  }
  return compareParsed(x.version, y.version);
}
