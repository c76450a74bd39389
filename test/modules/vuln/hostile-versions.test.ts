/*
 * Versions come from inventories and feeds, so they are attacker influenced: whatever they hold,
 * comparing and parsing either answer or throw VersionError with a stable code, in time linear
 * in the (bounded) length, and every answer is an order (antisymmetric, reflexive).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compareApk, compareApkFuzzy, parseApk } from '../../../src/modules/vuln/apk-version.ts';
import { compareDpkg, parseDpkg } from '../../../src/modules/vuln/dpkg-version.ts';
import { comparePep440, parsePep440 } from '../../../src/modules/vuln/pep440-version.ts';
import { compareRpm, parseRpm, rpmvercmp } from '../../../src/modules/vuln/rpm-version.ts';
import { compareSemver, parseSemver } from '../../../src/modules/vuln/semver-version.ts';
import { VersionError } from '../../../src/modules/vuln/version-error.ts';
import { maxVersionLength } from '../../../src/modules/vuln/version-input.ts';

const orders: [string, (a: string, b: string) => number][] = [
  ['dpkg', compareDpkg],
  ['rpm', compareRpm],
  ['rpmvercmp', rpmvercmp],
  ['apk', compareApk],
  ['semver', compareSemver],
  ['pep440', comparePep440],
];
const others: [string, (a: string, b: string) => unknown][] = [['apk fuzzy', compareApkFuzzy]];
const parsers: [string, (version: string) => unknown][] = [
  ['dpkg', parseDpkg],
  ['rpm', parseRpm],
  ['apk', parseApk],
  ['semver', parseSemver],
  ['pep440', parsePep440],
];

/** The result, or the VersionError code; anything else thrown fails the test. */
function outcome(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    if (error instanceof VersionError) return error.code;
    throw error;
  }
}

// mulberry32: a fixed seed keeps failures reproducible.
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Single characters (the ASCII ones versions use, blanks, non-ASCII) and whole words.
const alphabet = [
  ...Array.from('0123456789000.....---::~~^^__++!!abcdeprvxzAZ \t'),
  'alpha',
  'pre',
  'rc',
  'post',
  'dev',
  'é',
  'α',
  '😀',
];

function randomVersion(next: () => number): string {
  const length = Math.floor(next() * 24);
  let version = '';
  for (let i = 0; i < length; i += 1) version += alphabet[Math.floor(next() * alphabet.length)] ?? '';
  return version;
}

describe('hostile versions', () => {
  test('random versions: only VersionError, and every comparison is an order', () => {
    const next = random(7);
    for (let i = 0; i < 3000; i += 1) {
      const a = randomVersion(next);
      const b = randomVersion(next);
      for (const [name, compare] of orders) {
        const forward = outcome(() => compare(a, b));
        if (typeof forward !== 'number') continue;
        assert.ok([-1, 0, 1].includes(forward), `${name}: ${String(forward)}`);
        assert.equal(
          outcome(() => compare(b, a)),
          -forward || 0,
          `${name}: ${JSON.stringify([a, b])} not antisymmetric`,
        );
        assert.equal(
          outcome(() => compare(a, a)),
          0,
          `${name}: ${JSON.stringify(a)} not equal to itself`,
        );
      }
      for (const [, compare] of others) outcome(() => compare(a, b));
      for (const [, parse] of parsers) outcome(() => parse(a));
    }
  });

  test(`longer than ${maxVersionLength} characters: version_too_long, on either side`, () => {
    const long = '1'.repeat(maxVersionLength + 1);
    for (const [name, compare] of [...orders, ...others]) {
      assert.equal(
        outcome(() => compare(long, '1')),
        'version_too_long',
        name,
      );
      assert.equal(
        outcome(() => compare('1', long)),
        'version_too_long',
        name,
      );
    }
    for (const [name, parse] of parsers)
      assert.equal(
        outcome(() => parse(long)),
        'version_too_long',
        name,
      );
  });

  test('control characters and non-strings: version_invalid', () => {
    const bad: unknown[] = [
      '1.0\n',
      '1.0\u0000',
      '\u001b[31m1.0',
      '1.0\u007f',
      1,
      undefined,
      null,
      { toString: () => '1' },
    ];
    for (const value of bad) {
      for (const [name, compare] of [...orders, ...others]) {
        assert.equal(
          outcome(() => compare(value as string, '1')),
          'version_invalid',
          `${name} ${String(value)}`,
        );
        assert.equal(
          outcome(() => compare('1', value as string)),
          'version_invalid',
          `${name} ${String(value)}`,
        );
      }
      for (const [name, parse] of parsers) {
        assert.equal(
          outcome(() => parse(value as string)),
          'version_invalid',
          `${name} ${String(value)}`,
        );
      }
    }
  });

  test('worst cases at the length limit take linear time', () => {
    const n = maxVersionLength;
    const shapes = [
      '9'.repeat(n),
      '0'.repeat(n - 1) + '1',
      '.'.repeat(n),
      '1.'.repeat(n / 2),
      '~'.repeat(n),
      '^'.repeat(n),
      'a'.repeat(n),
      '1a'.repeat(n / 2),
      '_p'.repeat(n / 2),
      '1_alpha'.repeat(Math.floor(n / 7)),
      '-r'.repeat(n / 2),
      '-'.repeat(n),
      '+a'.repeat(n / 2),
      '1!'.repeat(n / 2),
      'v'.repeat(n),
      '1.0a.post.dev'.repeat(Math.floor(n / 13)),
      `1.0+${'a.'.repeat(n / 2 - 3)}a`,
      `1:${'1-'.repeat(n / 2 - 1)}`,
    ];
    const started = performance.now();
    let comparisons = 0;
    for (const a of shapes) {
      for (const b of shapes) {
        for (const [, compare] of [...orders, ...others]) {
          outcome(() => compare(a, b));
          outcome(() => compare(`${a.slice(0, -1)}1`, b));
          comparisons += 2;
        }
      }
      for (const [, parse] of parsers) outcome(() => parse(a));
    }
    const elapsed = performance.now() - started;
    // About 4,500 comparisons of 1 KiB strings: milliseconds when linear, far beyond this if not.
    assert.ok(elapsed < 20_000, `${comparisons} comparisons took ${Math.round(elapsed)} ms`);
  });
});
