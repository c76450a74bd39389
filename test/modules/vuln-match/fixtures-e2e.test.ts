/*
 * Issue 7: the Debian tracker and OSV record fixtures, end to end. Each fixture is read by the
 * feed parsers, indexed, and matched against hosts built from what the fixture describes (a
 * vulnerable version, a fixed one, a release the tracker calls not affected, no-dsa, ignored,
 * end of life, …); the findings must be exactly the expected ones.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseOsRelease } from '../../../src/modules/inventory/parse-os-release.ts';
import { readDebianTracker } from '../../../src/modules/vuln-feeds/read-debian-tracker.ts';
import { readOsvSource } from '../../../src/modules/vuln-feeds/read-osv-source.ts';
import { matchPackages, type MatchSkip } from '../../../src/modules/vuln-match/match-packages.ts';
import { createVulnIndex, type VulnIndex } from '../../../src/modules/vuln-match/vuln-index.ts';
import type { InstalledPackage, OsRelease, PackageManager } from '../../../src/protocol/inventory.ts';
import type { Advisory } from '../../../src/protocol/vuln.ts';
import { corporaDir, needsCorpora } from '../../helpers/corpora.ts';

const vuln = (...parts: string[]): string => join(corporaDir() ?? '', 'vuln', ...parts);

async function indexFeed(advisories: AsyncIterable<Advisory>, invalid: string[]): Promise<VulnIndex> {
  const index = createVulnIndex();
  for await (const advisory of advisories) index.add(advisory);
  assert.deepEqual(invalid, [], 'the fixture reads without invalid records');
  return index;
}

async function trackerIndex(path: string): Promise<VulnIndex> {
  const invalid: string[] = [];
  return indexFeed(
    readDebianTracker(path, { onInvalid: (origin, reason) => invalid.push(`${origin}: ${reason}`) }),
    invalid,
  );
}

async function osvIndex(path: string): Promise<VulnIndex> {
  const invalid: string[] = [];
  return indexFeed(
    readOsvSource(path, { onInvalid: (origin, reason) => invalid.push(`${origin}: ${reason}`) }),
    invalid,
  );
}

const osReleases = {
  wheezy:
    'PRETTY_NAME="Debian GNU/Linux 7 (wheezy)"\nNAME="Debian GNU/Linux"\nVERSION_ID="7"\nVERSION="7 (wheezy)"\nID=debian',
  jessie:
    'PRETTY_NAME="Debian GNU/Linux 8 (jessie)"\nNAME="Debian GNU/Linux"\nVERSION_ID="8"\nVERSION="8 (jessie)"\nID=debian',
  stretch:
    'PRETTY_NAME="Debian GNU/Linux 9 (stretch)"\nNAME="Debian GNU/Linux"\nVERSION_ID="9"\nVERSION="9 (stretch)"\nVERSION_CODENAME=stretch\nID=debian',
  buster:
    'PRETTY_NAME="Debian GNU/Linux 10 (buster)"\nNAME="Debian GNU/Linux"\nVERSION_ID="10"\nVERSION="10 (buster)"\nVERSION_CODENAME=buster\nID=debian',
  bullseye:
    'PRETTY_NAME="Debian GNU/Linux 11 (bullseye)"\nNAME="Debian GNU/Linux"\nVERSION_ID="11"\nVERSION="11 (bullseye)"\nVERSION_CODENAME=bullseye\nID=debian',
  bookworm:
    'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian',
  trixieTesting:
    'PRETTY_NAME="Debian GNU/Linux trixie/sid"\nNAME="Debian GNU/Linux"\nVERSION_CODENAME=trixie\nID=debian',
  sid: 'PRETTY_NAME="Debian GNU/Linux sid"\nNAME="Debian GNU/Linux"\nVERSION_CODENAME=sid\nID=debian',
  trusty:
    'NAME="Ubuntu"\nVERSION="14.04.6 LTS, Trusty Tahr"\nID=ubuntu\nID_LIKE=debian\nPRETTY_NAME="Ubuntu 14.04.6 LTS"\nVERSION_ID="14.04"',
  xenial:
    'NAME="Ubuntu"\nVERSION="16.04.7 LTS (Xenial Xerus)"\nID=ubuntu\nID_LIKE=debian\nPRETTY_NAME="Ubuntu 16.04.7 LTS"\nVERSION_ID="16.04"\nVERSION_CODENAME=xenial',
  alpine312: 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.12.12\nPRETTY_NAME="Alpine Linux v3.12"',
  alpine316: 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.16.9\nPRETTY_NAME="Alpine Linux v3.16"',
  alpine317: 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.17.7\nPRETTY_NAME="Alpine Linux v3.17"',
} as const;

const osRelease = (name: keyof typeof osReleases): OsRelease => parseOsRelease(osReleases[name]);

/** `binary=version` or `binary=version<source=sourceVersion`; the source defaults to the binary. */
function packages(manager: PackageManager, specs: string[]): InstalledPackage[] {
  return specs.map((spec) => {
    const [binary = '', source = binary] = spec.split('<');
    const [name = '', version = ''] = binary.split('=');
    const [sourceName = '', sourceVersion = ''] = source.split('=');
    return {
      manager,
      name,
      version,
      architecture: 'amd64',
      source: sourceName,
      sourceVersion,
      status: 'installed',
    };
  });
}

/** Every finding, as one comparable line; skips (none expected) fail the test. */
function findings(
  index: VulnIndex,
  os: keyof typeof osReleases,
  manager: PackageManager,
  specs: string[],
): string[] {
  const skips: MatchSkip[] = [];
  const matches = matchPackages(
    index,
    { os: osRelease(os), packages: packages(manager, specs) },
    { onSkip: (skip) => skips.push(skip) },
  );
  assert.deepEqual(skips, []);
  return matches.map(
    (match) =>
      `${match.package.name} ${match.vulnerabilityId} ${match.fixState} ${match.fixedVersion ?? '-'} ` +
      `${match.fixReason ?? '-'} [${match.advisories.join(' ')}] ${match.ecosystem} ${match.severityText ?? '-'}`,
  );
}

describe('fixtures end to end: Debian security tracker', needsCorpora('vuln/debian-tracker'), () => {
  test('osv.dev tracker mock (apparmor): never affected, unimportant open issue, fixed only in testing and sid', async () => {
    const index = await trackerIndex(vuln('debian-tracker', 'osv.dev-tracker-mock.json'));
    const apparmor = (version: string): string[] => [
      `apparmor=${version}<apparmor=${version}`,
      `libapparmor1=${version}<apparmor=${version}`,
    ];
    // bookworm's own 3.0.8-3: CVE-2014-1424 resolved with "0" (never affected), CVE-2017-6507
    // fixed long before, CVE-2016-1585 still open with urgency unimportant.
    assert.deepEqual(
      findings(index, 'bookworm', 'dpkg', [...apparmor('3.0.8-3'), 'curl=7.88.1-10+deb12u5']),
      [
        'apparmor CVE-2016-1585 unfixed - - [CVE-2016-1585] Debian:12 unimportant',
        'libapparmor1 CVE-2016-1585 unfixed - - [CVE-2016-1585] Debian:12 unimportant',
      ],
    );
    assert.deepEqual(findings(index, 'bullseye', 'dpkg', apparmor('2.13.6-10')), [
      'apparmor CVE-2016-1585 unfixed - - [CVE-2016-1585] Debian:11 unimportant',
      'libapparmor1 CVE-2016-1585 unfixed - - [CVE-2016-1585] Debian:11 unimportant',
    ]);
    // Older than the CVE-2017-6507 fix (2.11.0-3).
    assert.deepEqual(findings(index, 'buster', 'dpkg', ['apparmor=2.11.0-2']), [
      'apparmor CVE-2016-1585 unfixed - - [CVE-2016-1585] Debian:10 unimportant',
      'apparmor CVE-2017-6507 fixed 2.11.0-3 - [CVE-2017-6507] Debian:10 -',
    ]);
    // Testing (trixie, no VERSION_ID) and sid have the fix in 3.0.12-1.
    assert.deepEqual(findings(index, 'trixieTesting', 'dpkg', ['apparmor=3.0.8-3']), [
      'apparmor CVE-2016-1585 fixed 3.0.12-1 - [CVE-2016-1585] Debian:13 unimportant',
    ]);
    assert.deepEqual(findings(index, 'trixieTesting', 'dpkg', ['apparmor=3.0.12-1']), []);
    assert.deepEqual(findings(index, 'sid', 'dpkg', ['apparmor=3.0.11-1']), [
      'apparmor CVE-2016-1585 fixed 3.0.12-1 - [CVE-2016-1585] Debian:sid unimportant',
    ]);
    assert.deepEqual(findings(index, 'sid', 'dpkg', ['apparmor=3.0.12-1']), []);
    // The fixture has no stretch entries.
    assert.deepEqual(findings(index, 'stretch', 'dpkg', ['apparmor=2.11.0-3']), []);
  });

  test('vunnel tracker JSON: end of life, fixed per release, never affected, a CVE with no releases', async () => {
    const index = await trackerIndex(vuln('debian-tracker', 'vunnel', 'debian.json'));
    // buster's security support for chromium ended: open with urgency end-of-life.
    assert.deepEqual(
      findings(index, 'buster', 'dpkg', [
        'chromium=90.0.4430.212-1~deb10u1',
        'chromium-common=90.0.4430.212-1~deb10u1<chromium=90.0.4430.212-1~deb10u1',
        'libjs-prototype=1.7.1-3<prototypejs=1.7.1-3',
        'txt2man=1.6.0-3',
        'backupninja=1.1.0-2',
      ]),
      [
        'chromium CVE-2022-0456 end-of-life - - [CVE-2022-0456] Debian:10 -',
        'chromium-common CVE-2022-0456 end-of-life - - [CVE-2022-0456] Debian:10 -',
      ],
    );
    // Versions older than each fix; CVE-2007-2383 is resolved with "0" (never affected).
    assert.deepEqual(
      findings(index, 'stretch', 'dpkg', [
        'chromium=73.0.3683.75-1~deb9u1',
        'libjs-prototype=1.6.0-1<prototypejs=1.6.0-1',
        'txt2man=1.5.5-4',
        'backupninja=0.8-1',
      ]),
      [
        'chromium CVE-2022-0456 end-of-life - - [CVE-2022-0456] Debian:9 -',
        'libjs-prototype CVE-2008-7220 fixed 1.6.0.2-1 - [CVE-2008-7220] Debian:9 high',
        'txt2man CVE-2013-1444 fixed 1.5.5-4.1 - [CVE-2013-1444] Debian:9 low',
        'backupninja CVE-2005-3111 fixed 0.8-2 - [CVE-2005-3111] Debian:9 medium',
      ],
    );
    // bullseye main still has chromium 90 (the fix is in bullseye-security); one sope binary
    // has the security update, the other not.
    assert.deepEqual(
      findings(index, 'bullseye', 'dpkg', [
        'chromium=90.0.4430.212-1',
        'libsope1=5.0.1-2<sope=5.0.1-2',
        'libsope-appserver4.9=5.0.1-2+deb11u1<sope=5.0.1-2+deb11u1',
        'chromium-browser=1.0-1',
      ]),
      [
        'chromium CVE-2022-0456 fixed 98.0.4758.80-1~deb11u1 - [CVE-2022-0456] Debian:11 -',
        'libsope1 CVE-2025-53603 fixed 5.0.1-2+deb11u1 - [CVE-2025-53603] Debian:11 -',
      ],
    );
    assert.deepEqual(
      findings(index, 'bookworm', 'dpkg', ['chromium=98.0.4758.102-1', 'libsope1=5.8.0-1<sope=5.8.0-1']),
      ['libsope1 CVE-2025-53603 fixed 5.8.0-1+deb12u1 - [CVE-2025-53603] Debian:12 -'],
    );
    assert.deepEqual(findings(index, 'trixieTesting', 'dpkg', ['libsope1=5.12.1-2<sope=5.12.1-2']), []);
  });

  test('vuln-list-debian annotations: no-dsa, ignored, not-affected per release, fixes per release', async () => {
    const index = await trackerIndex(vuln('debian-tracker', 'trivy-db', 'vuln-list-debian'));
    // The fixture's own bullseye package lists (source/bullseye, updates-source/bullseye).
    assert.deepEqual(
      findings(index, 'bullseye', 'dpkg', [
        'openssl=1.1.1k-1',
        'libssl1.1=1.1.1k-1<openssl=1.1.1k-1',
        'libgcrypt20=1.8.7-5',
        'libgnutls30=3.7.1-5+deb11u4<gnutls28=3.7.1-5+deb11u4',
        'cloud-init=20.4.1-2',
        'curl=7.74.0-1.3',
        'libcurl4=7.74.0-1.3<curl=7.74.0-1.3',
        'dacs=1.4.38a-2',
      ]),
      [
        'libgcrypt20 CVE-2021-33560 fixed 1.8.7-6 - [CVE-2021-33560] Debian:11 -',
        'libgnutls30 CVE-2023-5981 fixed 3.7.1-5+deb11u5 - [CVE-2023-5981] Debian:11 -',
        'cloud-init CVE-2020-8631 no-dsa - Minor issue [CVE-2020-8631] Debian:11 -',
        'dacs CVE-2021-29629 unfixed - - [CVE-2021-29629] Debian:11 unimportant',
      ],
    );
    // The updated libgcrypt20 (updates-source/bullseye) has the fix.
    assert.deepEqual(findings(index, 'bullseye', 'dpkg', ['libgcrypt20=1.8.7-6']), []);
    assert.deepEqual(
      findings(index, 'buster', 'dpkg', [
        'dacs=1.4.38a-2',
        'libgcrypt20=1.8.4-5',
        'openssl=1.1.1d-0+deb10u5',
        'cloud-init=18.3-6',
      ]),
      [
        'dacs CVE-2021-29629 ignored - Minor issue [CVE-2021-29629] Debian:10 unimportant',
        'libgcrypt20 CVE-2021-33560 fixed 1.8.4-5+deb10u1 - [CVE-2021-33560] Debian:10 -',
        'cloud-init CVE-2020-8631 fixed 19.4-2 - [CVE-2020-8631] Debian:10 -',
      ],
    );
    assert.deepEqual(findings(index, 'buster', 'dpkg', ['libgcrypt20=1.8.4-5+deb10u1']), []);
    // stretch: dacs not affected (source/stretch has 1.4.38a-2), libgcrypt20 and cloud-init no-dsa.
    assert.deepEqual(
      findings(index, 'stretch', 'dpkg', [
        'dacs=1.4.38a-2',
        'libgcrypt20=1.7.6-2+deb9u3',
        'cloud-init=0.7.9-3',
        'openssl=1.1.0l-1~deb9u1',
        'libgnutls30=3.5.8-5+deb9u6<gnutls28=3.5.8-5+deb9u6',
      ]),
      [
        'libgcrypt20 CVE-2021-33560 no-dsa - Minor issue [CVE-2021-33560] Debian:9 -',
        'cloud-init CVE-2020-8631 no-dsa - Minor issue [CVE-2020-8631] Debian:9 -',
        'libgnutls30 CVE-2023-5981 fixed 3.8.2-1 - [CVE-2023-5981] Debian:9 -',
      ],
    );
    assert.deepEqual(
      findings(index, 'bookworm', 'dpkg', [
        'libgnutls30=3.7.9-2<gnutls28=3.7.9-2',
        'gnutls-bin=3.7.9-2+deb12u1<gnutls28=3.7.9-2+deb12u1',
      ]),
      ['libgnutls30 CVE-2023-5981 fixed 3.7.9-2+deb12u1 - [CVE-2023-5981] Debian:12 -'],
    );
  });
});

describe('fixtures end to end: OSV records', needsCorpora('vuln/osv-records'), () => {
  test('Alpine, Debian DSA, Ubuntu Pro versions list, a Maven GHSA and a record without packages', async () => {
    const index = await osvIndex(vuln('osv-records'));
    // OSV-TEST-last-affected-01 names no package, so nothing of it is indexed.
    assert.equal(index.size, 4);
    assert.deepEqual(index.ecosystems(), [
      'Alpine:v3.12',
      'Alpine:v3.13',
      'Alpine:v3.14',
      'Alpine:v3.15',
      'Alpine:v3.16',
      'Debian:7',
      'Maven',
      'Ubuntu:Pro:14.04:LTS',
    ]);

    const mariadb = (version: string): string[] => [
      `mariadb=${version}`,
      `mariadb-client=${version}<mariadb=${version}`,
    ];
    assert.deepEqual(findings(index, 'alpine316', 'apk', mariadb('10.6.7-r0')), [
      'mariadb CVE-2022-27449 fixed 10.6.8-r0 - [CVE-2022-27449] Alpine:v3.16 -',
      'mariadb-client CVE-2022-27449 fixed 10.6.8-r0 - [CVE-2022-27449] Alpine:v3.16 -',
    ]);
    assert.deepEqual(findings(index, 'alpine316', 'apk', mariadb('10.6.8-r0')), []);
    assert.deepEqual(findings(index, 'alpine312', 'apk', ['mariadb=10.4.24-r0']), [
      'mariadb CVE-2022-27449 fixed 10.4.25-r0 - [CVE-2022-27449] Alpine:v3.12 -',
    ]);
    assert.deepEqual(findings(index, 'alpine312', 'apk', ['mariadb=10.4.25-r0']), []);
    assert.deepEqual(findings(index, 'alpine317', 'apk', ['mariadb=10.6.7-r0']), [], 'no entry for v3.17');

    const nginx = (version: string): string[] => [
      `nginx-common=${version}<nginx=${version}`,
      `nginx-full=${version}<nginx=${version}`,
    ];
    assert.deepEqual(findings(index, 'wheezy', 'dpkg', nginx('1.2.1-2.2+wheezy2')), [
      'nginx-common CVE-2014-3616 fixed 1.2.1-2.2+wheezy3 - [DSA-3029-1] Debian:7 -',
      'nginx-full CVE-2014-3616 fixed 1.2.1-2.2+wheezy3 - [DSA-3029-1] Debian:7 -',
    ]);
    assert.deepEqual(findings(index, 'wheezy', 'dpkg', nginx('1.2.1-2.2+wheezy3')), []);
    assert.deepEqual(findings(index, 'jessie', 'dpkg', nginx('1.6.2-1')), []);

    // Ubuntu Pro (ESM) for 14.04: every version from 0 on, with no fix; the CVE comes from `upstream`.
    assert.deepEqual(
      findings(index, 'trusty', 'dpkg', [
        'linux-image-3.13.0-206-generic=3.13.0-206.257<linux=3.13.0-206.257',
        'linux-libc-dev=3.13.0-170.220<linux=3.13.0-170.220',
      ]),
      [
        'linux-image-3.13.0-206-generic CVE-2025-38094 unfixed - - [UBUNTU-CVE-2025-38094] Ubuntu:Pro:14.04:LTS medium',
        'linux-libc-dev CVE-2025-38094 unfixed - - [UBUNTU-CVE-2025-38094] Ubuntu:Pro:14.04:LTS medium',
      ],
    );
    assert.deepEqual(
      findings(index, 'xenial', 'dpkg', ['linux-libc-dev=4.4.0-210.242<linux=4.4.0-210.242']),
      [],
    );

    // No host package manager gives Maven packages: the GHSA is held but matches nothing.
    assert.equal(index.lookup('Maven', 'org.apache.any23:apache-any23').length, 1);
    assert.deepEqual(findings(index, 'bookworm', 'dpkg', ['org.apache.any23:apache-any23=2.4']), []);
  });
});
