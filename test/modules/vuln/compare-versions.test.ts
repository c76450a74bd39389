import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  compareVersions,
  versionComparer,
  versionSchemeOf,
} from '../../../src/modules/vuln/compare-versions.ts';
import { VersionError } from '../../../src/modules/vuln/version-error.ts';

/** Asserts that each version is older than the next, in both directions. */
function ascending(ecosystem: string, versions: string[]): void {
  for (let i = 1; i < versions.length; i += 1) {
    const [older = '', newer = ''] = [versions[i - 1], versions[i]];
    assert.equal(compareVersions(ecosystem, older, newer), -1, `${ecosystem}: ${older} < ${newer}`);
    assert.equal(compareVersions(ecosystem, newer, older), 1, `${ecosystem}: ${newer} > ${older}`);
  }
}

describe('compareVersions', () => {
  test('maps OSV ecosystems, with their suffixes, to version schemes', () => {
    const schemes: [string, string][] = [
      ['Debian', 'dpkg'],
      ['Debian:12', 'dpkg'],
      ['Ubuntu:Pro:18.04:LTS', 'dpkg'],
      ['Alpine:v3.20', 'apk'],
      ['Wolfi', 'apk'],
      ['Red Hat:rhel_aus:8.4::appstream', 'rpm'],
      ['AlmaLinux:9', 'rpm'],
      ['Rocky Linux:8', 'rpm'],
      ['SUSE:Linux Enterprise Server 15 SP5', 'rpm'],
      ['npm', 'semver'],
      ['PyPI', 'pep440'],
    ];
    for (const [ecosystem, scheme] of schemes) assert.equal(versionSchemeOf(ecosystem), scheme, ecosystem);
    for (const ecosystem of ['Go', 'Maven', 'debian', '', ':Debian', '__proto__', 'constructor']) {
      assert.throws(
        () => versionComparer(ecosystem),
        (error) => error instanceof VersionError && error.code === 'ecosystem_unsupported',
        ecosystem,
      );
    }
  });

  test('Debian: ~ before everything, letters before other characters, numbers by value', () => {
    ascending('Debian', [
      '1.0~rc1',
      '1.0',
      '1.0-0.1',
      '1.0-1~bpo1',
      '1.0-1',
      '1.0-1+b1',
      '1.0a',
      '1.0+dfsg',
      '1.00.1',
    ]);
    ascending('Debian', ['9.0', '10.0', '1:0.1', '2:0~beta']);
    assert.equal(compareVersions('Debian', '1.0', '1.0-0'), 0);
    assert.equal(compareVersions('Debian', '0:1.09', '1.9'), 0);
  });

  test('Red Hat: rpmvercmp per part, ~ and ^, a bare version before its releases', () => {
    ascending('Red Hat', [
      '1.0~rc1',
      '1.0',
      '1.0^git1',
      '1.0.1',
      '1.0.1-0',
      '1.0.1-1.el9',
      '1.0.1-1.el9_1',
      '1:0.1',
    ]);
    ascending('Red Hat', ['1.0a', '1.0.0', '1.0.1a', '1.0.1b', '1.0.10']);
    assert.equal(compareVersions('Red Hat', '2.0-1', '2_0-1'), 0);
  });

  test('Alpine: pre-release suffixes before the release, post-release ones after', () => {
    ascending('Alpine', [
      '1.2_alpha',
      '1.2_beta2',
      '1.2_pre1',
      '1.2_rc1',
      '1.2',
      '1.2-r1',
      '1.2_cvs',
      '1.2_p1',
      '1.2a',
    ]);
    ascending('Alpine', ['1.2', '1.2.0', '1.2.1', '1.10']);
    // apk 3 calls 6.0.2p1 invalid; the feeds' order still holds
    ascending('Alpine', ['6.0.2p1-r0', '6.0.2p1-r1', '6.0.2p2-r0', '6.0.3-r0']);
  });

  test('npm: SemVer precedence, build metadata ignored', () => {
    ascending('npm', [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
    ]);
    ascending('npm', ['1.0.0-rc.1', '1.0.0', '1.0.1', '1.10.0', '2.0.0', '18446744073709551616.0.0']);
    assert.equal(compareVersions('npm', '1.0.0+a', 'v1.0.0+b'), 0);
  });

  test('PyPI: dev, pre, release, post, local; legacy versions first', () => {
    ascending('PyPI', [
      '0.1-bulbasaur',
      '1.0.dev0',
      '1.0a1.dev1',
      '1.0a1',
      '1.0b1',
      '1.0rc1',
      '1.0',
      '1.0+local.1',
    ]);
    ascending('PyPI', ['1.0+local.1', '1.0.post1.dev1', '1.0.post1', '1.1', '1!0.1']);
    ascending('PyPI', ['1.0', '1.0+1a', '1.0+1b', '1.0+2', '1.0+10', '1.0+10.a']);
    assert.equal(compareVersions('PyPI', '1.0', '1.0.0'), 0);
    assert.equal(compareVersions('PyPI', '1.0-R1', '1.0.post1'), 0);
  });
});
