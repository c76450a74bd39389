/*
 * Issue 7: the tracker's DSA list fixture end to end: read, indexed and matched against hosts
 * built from what the list says (the vulnerable version, the fixed one, another release); the
 * findings must be exactly the expected ones.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseOsRelease } from '../../../src/modules/inventory/parse-os-release.ts';
import { readDebianTracker } from '../../../src/modules/vuln-feeds/read-debian-tracker.ts';
import { matchPackages, type MatchSkip } from '../../../src/modules/vuln-match/match-packages.ts';
import type { PackageMatch } from '../../../src/modules/vuln-match/package-match.ts';
import { createVulnIndex, type VulnIndex } from '../../../src/modules/vuln-match/vuln-index.ts';
import type { InstalledPackage } from '../../../src/protocol/inventory.ts';
import { corporaDir, needsCorpora } from '../../helpers/corpora.ts';

const corpus = (...parts: string[]): string => join(corporaDir() ?? '', 'vuln', 'debian-tracker', ...parts);

/** The feeds through readDebianTracker, as an import would read them; none may have invalid records. */
async function indexOf(...paths: string[]): Promise<VulnIndex> {
  const index = createVulnIndex();
  const invalid: string[] = [];
  for (const path of paths) {
    for await (const advisory of readDebianTracker(path, {
      onInvalid: (origin, reason) => invalid.push(`${origin}: ${reason}`),
    }))
      index.add(advisory);
  }
  assert.deepEqual(invalid, []);
  return index;
}

const osReleases = {
  // Woody predates os-release; a codename is what places it (VERSION_ID="3.0" would give Debian:3).
  woody:
    'PRETTY_NAME="Debian GNU/Linux 3.0 (woody)"\nNAME="Debian GNU/Linux"\nVERSION_CODENAME=woody\nID=debian',
  wheezy: 'PRETTY_NAME="Debian GNU/Linux 7 (wheezy)"\nNAME="Debian GNU/Linux"\nVERSION_ID="7"\nID=debian',
  bookworm:
    'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\nID=debian',
} as const;

/** `binary=version<source=sourceVersion`; the source defaults to the binary. */
function installed(spec: string): InstalledPackage {
  const [binary = '', source = binary] = spec.split('<');
  const [name = '', version = ''] = binary.split('=');
  const [sourceName = '', sourceVersion = ''] = source.split('=');
  return {
    manager: 'dpkg',
    name,
    version,
    architecture: 'amd64',
    source: sourceName,
    sourceVersion,
    status: 'install ok installed',
  };
}

function match(index: VulnIndex, os: keyof typeof osReleases, specs: string[]): PackageMatch[] {
  const skips: MatchSkip[] = [];
  const matches = matchPackages(
    index,
    { os: parseOsRelease(osReleases[os]), packages: specs.map(installed) },
    { onSkip: (skip) => skips.push(skip) },
  );
  assert.deepEqual(skips, []);
  return matches;
}

/** Every finding as one comparable line. */
function findings(index: VulnIndex, os: keyof typeof osReleases, specs: string[]): string[] {
  return match(index, os, specs).map(
    (found) =>
      `${found.package.name} ${found.vulnerabilityId} ${found.fixState} ${found.fixedVersion ?? '-'} ` +
      `[${found.advisories.join(' ')}] ${found.ecosystem} ${found.title}`,
  );
}

describe('DSA list fixture end to end', needsCorpora('vuln/debian-tracker'), () => {
  const dsaList = corpus('vunnel', 'DSA');

  test('Debian 12: sope before DSA-5970-1 has exactly its CVE; the fixed version has none', async () => {
    const index = await indexOf(dsaList);
    const sope = installed('libsope1=5.8.0-1<sope=5.8.0-1');
    assert.deepEqual(match(index, 'bookworm', ['libsope1=5.8.0-1<sope=5.8.0-1']), [
      {
        vulnerabilityId: 'CVE-2025-53603',
        advisories: ['DSA-5970-1'],
        aliases: [],
        title: 'sope - security update',
        references: ['https://security-tracker.debian.org/tracker/DSA-5970-1'],
        package: sope,
        ecosystem: 'Debian:12',
        fixState: 'fixed',
        fixedVersion: '5.8.0-1+deb12u1',
        fixReason: null,
        cvss: [],
        severityText: null,
      },
    ]);
    // Fixed; and packages the list names only for older releases are not bookworm's concern.
    assert.deepEqual(
      findings(index, 'bookworm', [
        'libsope1=5.8.0-1+deb12u1<sope=5.8.0-1+deb12u1',
        'libopenjpeg2=1.3+dfsg-4.7<openjpeg=1.3+dfsg-4.7',
        'drupal7=7.52-2',
        'libpng3=1.2.1-1',
      ]),
      [],
    );
  });

  test('Debian 3.0 (woody): libpng3 before DSA-140 has both its CVEs; mpack DSA-141; fixed libpng none', async () => {
    const index = await indexOf(dsaList);
    assert.deepEqual(
      findings(index, 'woody', [
        'libpng3=1.2.1-1',
        'libpng2=1.0.12-3.woody.2<libpng=1.0.12-3.woody.2',
        'mpack=1.5-7',
        'sope=5.8.0-1',
      ]),
      [
        'libpng3 CVE-2002-0660 fixed 1.2.1-1.1.woody.2 [DSA-140] Debian:3.0 libpng - buffer overflow',
        'libpng3 CVE-2002-0728 fixed 1.2.1-1.1.woody.2 [DSA-140] Debian:3.0 libpng - buffer overflow',
        'mpack CVE-2002-1425 fixed 1.5-7woody2 [DSA-141] Debian:3.0 mpack - buffer overflow',
      ],
    );
    assert.deepEqual(findings(index, 'woody', ['libpng3=1.2.1-1.1.woody.2', 'mpack=1.5-7woody2']), []);
  });

  test('Debian 7: a DSA without CVEs is its own vulnerability (the regression update DSA-2808-2)', async () => {
    const index = await indexOf(dsaList);
    assert.deepEqual(findings(index, 'wheezy', ['libopenjpeg2=1.3+dfsg-4.7<openjpeg=1.3+dfsg-4.7']), [
      'libopenjpeg2 DSA-2808-2 fixed 1.3+dfsg-4.8 [DSA-2808-2] Debian:7 openjpeg - regression update',
    ]);
    assert.deepEqual(findings(index, 'wheezy', ['libopenjpeg2=1.3+dfsg-4.8<openjpeg=1.3+dfsg-4.8']), []);
  });

  test('with the tracker JSON beside it, the DSA and the CVE entry are one finding', async () => {
    const index = await indexOf(dsaList, corpus('vunnel', 'debian.json'));
    assert.deepEqual(findings(index, 'bookworm', ['libsope1=5.8.0-1<sope=5.8.0-1']), [
      'libsope1 CVE-2025-53603 fixed 5.8.0-1+deb12u1 [CVE-2025-53603 DSA-5970-1] Debian:12 sope - security update',
    ]);
  });
});
