import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseApk } from '../../../src/modules/vuln/apk-version.ts';
import { parseDpkg } from '../../../src/modules/vuln/dpkg-version.ts';
import { parsePep440 } from '../../../src/modules/vuln/pep440-version.ts';
import { parseRpm } from '../../../src/modules/vuln/rpm-version.ts';
import { parseSemver } from '../../../src/modules/vuln/semver-version.ts';
import { VersionError } from '../../../src/modules/vuln/version-error.ts';

function refuses(parse: (version: string) => unknown, version: string): void {
  assert.throws(
    () => parse(version),
    (error) => error instanceof VersionError && error.code === 'version_invalid',
    `${JSON.stringify(version)} should be refused`,
  );
}

describe('parseDpkg', () => {
  test('splits epoch, upstream and revision as dpkg does', () => {
    assert.deepEqual(parseDpkg('1:2.30-4+deb12u1'), {
      epoch: 1,
      upstream: '2.30',
      revision: '4+deb12u1',
      warnings: [],
    });
    // The epoch ends at the first colon, the revision starts after the last hyphen.
    assert.deepEqual(parseDpkg('7:1-a:b-5'), { epoch: 7, upstream: '1-a:b', revision: '5', warnings: [] });
    assert.deepEqual(parseDpkg(' 1.0 '), { epoch: 0, upstream: '1.0', revision: '', warnings: [] });
  });

  test('reports what dpkg only warns about, and reads a leading hyphen as apt does', () => {
    assert.deepEqual(parseDpkg('III-alpha9.8').warnings, ['version number does not start with digit']);
    assert.deepEqual(parseDpkg('2.2.4-47978_Debian_lenny').warnings, [
      'invalid character in revision number',
    ]);
    assert.deepEqual(parseDpkg('1.0_1').warnings, ['invalid character in version number']);
    assert.deepEqual(parseDpkg('-'), {
      epoch: 0,
      upstream: '-',
      revision: '',
      warnings: ['version number does not start with digit'],
    });
  });

  test("refuses what dpkg's parseversion refuses", () => {
    for (const version of [
      '',
      '  ',
      '1 0',
      ':1.0',
      'a:1.0',
      '-1:1.0',
      '2147483648:1',
      '2:',
      '1.0-',
      '1.0\u00e9',
    ]) {
      refuses(parseDpkg, version);
    }
    assert.equal(parseDpkg('2147483647:1').epoch, 2147483647);
  });
});

describe('parseRpm', () => {
  test('splits an EVR as rpm does', () => {
    assert.deepEqual(parseRpm('1:2.4.6-1.el9_2'), { epoch: 1, version: '2.4.6', release: '1.el9_2' });
    assert.deepEqual(parseRpm('1.0^git1'), { epoch: 0, version: '1.0^git1', release: undefined });
    assert.deepEqual(parseRpm('0:1.0-0.rc1'), { epoch: 0, version: '1.0', release: '0.rc1' });
  });

  test('refuses what rpmbuild refuses in an Epoch, Version or Release', () => {
    for (const version of [
      '',
      ':1',
      'a:1',
      '1:',
      '1.0-',
      '1-2-3',
      '1..0',
      '1.0-1..el9',
      '1.0/1',
      '1.0 1',
      '4294967296:1',
    ]) {
      refuses(parseRpm, version);
    }
  });
});

describe('parseApk', () => {
  test('reads every part of an Alpine version', () => {
    assert.deepEqual(parseApk('1.2.03b_rc1_p2~12ab-r10'), {
      numbers: ['1', '2', '03'],
      letter: 'b',
      suffixes: [
        { name: 'rc', number: '1' },
        { name: 'p', number: '2' },
      ],
      hash: '12ab',
      revision: '10',
    });
  });

  test('refuses what apk_version_validate refuses, naming the offset', () => {
    for (const version of ['', 'a', '1.0bc', '1.0a1', '1_foo', '1-r', '1-r1-r2', '1~', '1~ABC', '1.', '1_']) {
      refuses(parseApk, version);
    }
    assert.throws(() => parseApk('1.2_foo'), /at offset 3/);
  });
});

describe('parseSemver', () => {
  test('reads SemVer 2.0 with an optional v', () => {
    assert.deepEqual(parseSemver('v1.0.0-alpha.1+build.5'), {
      major: '1',
      minor: '0',
      patch: '0',
      prerelease: ['alpha', '1'],
      build: ['build', '5'],
    });
    assert.equal(parseSemver('99999999999999999999.0.0').major, '99999999999999999999');
  });

  test('refuses what the grammar refuses', () => {
    for (const version of [
      '1.2',
      '1.2.3.4',
      '01.2.3',
      '1.2.3-01',
      '1.2.3-',
      '1.2.3+',
      '1.2.3-a..b',
      '1.2.3-a_b',
      'x',
    ]) {
      refuses(parseSemver, version);
    }
  });
});

describe('parsePep440', () => {
  test('normalizes the alternate spellings as packaging does', () => {
    const normalized: [string, string][] = [
      ['1.0-r1', '1.0.post1'],
      ['1.0-1', '1.0.post1'],
      ['1.0.rev', '1.0.post0'],
      ['2.0ALPHA', '2.0a0'],
      ['1.0c1', '1.0rc1'],
      ['1.0-preview_2', '1.0rc2'],
      ['v1.0.DEV', '1.0.dev0'],
      ['1!02.010', '1!2.10'],
      ['0!1.0', '1.0'],
      ['1.0+Ubuntu-01', '1.0+ubuntu.1'],
      [' 1.0b2.post3.dev4 ', '1.0b2.post3.dev4'],
    ];
    for (const [version, expected] of normalized)
      assert.equal(parsePep440(version).normalized, expected, version);
    assert.deepEqual(parsePep440('1.0a-1'), {
      epoch: '0',
      release: ['1', '0'],
      pre: { label: 'a', number: '1' },
      post: undefined,
      dev: undefined,
      local: undefined,
      normalized: '1.0a1',
    });
  });

  test('refuses what packaging >= 22 refuses', () => {
    for (const version of [
      '',
      'a',
      '1.0-bulbasaur',
      '1.0+',
      '1.0+a..b',
      '1.0-',
      '1!',
      '1.0alphax',
      '1.0 2',
    ]) {
      refuses(parsePep440, version);
    }
  });
});
