import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { matchPackages, type MatchSkip } from '../../../src/modules/vuln-match/match-packages.ts';
import { createVulnIndex } from '../../../src/modules/vuln-match/vuln-index.ts';
import { vulnerabilityKeys } from '../../../src/modules/vuln-match/vulnerability-ids.ts';
import type { InstalledPackage, OsRelease, PackageManager } from '../../../src/protocol/inventory.ts';
import type { Advisory, AdvisoryAffected, TrackerState } from '../../../src/protocol/vuln.ts';

function advisory(id: string, affected: AdvisoryAffected[], more: Partial<Advisory> = {}): Advisory {
  return {
    id,
    source: 'osv',
    aliases: [],
    summary: '',
    published: null,
    modified: '2024-01-01T00:00:00Z',
    withdrawn: null,
    cvss: [],
    severityText: null,
    references: [],
    affected,
    ...more,
  };
}

/** An OSV entry affected from the start up to `fixed` (or without end). */
function osv(ecosystem: string, name: string, fixed?: string): AdvisoryAffected {
  const events = fixed === undefined ? [{ introduced: '0' }] : [{ introduced: '0' }, { fixed }];
  return { ecosystem, name, ranges: [{ type: 'ECOSYSTEM', events }], versions: [] };
}

function tracked(ecosystem: string, name: string, tracker: TrackerState): AdvisoryAffected {
  return { ecosystem, name, ranges: [], versions: [], tracker };
}

function trackerAdvisory(cve: string, affected: AdvisoryAffected[], more: Partial<Advisory> = {}): Advisory {
  return advisory(cve, affected, { source: 'debian-tracker', ...more });
}

function pkg(
  manager: PackageManager,
  name: string,
  version: string,
  source = '',
  sourceVersion = '',
): InstalledPackage {
  return { manager, name, version, architecture: 'amd64', source, sourceVersion, status: 'installed' };
}

const os = (id: string, versionId: string, idLike: string[] = []): OsRelease => ({
  id,
  idLike,
  name: id,
  prettyName: id,
  versionId,
});
const debian12 = os('debian', '12');

/** The fields the tests compare, one line per match. */
function summary(matches: ReturnType<typeof matchPackages>): string[] {
  return matches.map(
    (match) =>
      `${match.package.name} ${match.vulnerabilityId} [${match.advisories.join(',')}] ${match.ecosystem} ` +
      `${match.fixState} ${match.fixedVersion ?? '-'} ${match.fixReason ?? '-'}`,
  );
}

describe('matchPackages', () => {
  test('matches binaries by source package and source version (binNMU), one match per installed package', () => {
    const index = createVulnIndex();
    index.add(
      advisory('DSA-5000-1', [osv('Debian:12', 'openssl', '3.0.13-1~deb12u1')], {
        aliases: ['CVE-2024-0001'],
      }),
    );
    index.add(
      advisory('DSA-5001-1', [osv('Debian:12', 'zlib', '1:1.2.13.dfsg-1+deb12u1')], {
        aliases: ['CVE-2024-0002'],
      }),
    );
    const packages = [
      pkg('dpkg', 'libssl3', '3.0.11-1~deb12u2', 'openssl', '3.0.11-1~deb12u2'),
      pkg('dpkg', 'openssl', '3.0.11-1~deb12u2', 'openssl', '3.0.11-1~deb12u2'),
      // binNMU: the binary is 1:1.2.13.dfsg-1+b1, the source (what the advisory speaks of) 1:1.2.13.dfsg-1.
      pkg('dpkg', 'zlib1g', '1:1.2.13.dfsg-1+b1', 'zlib', '1:1.2.13.dfsg-1'),
      // A binary whose name equals an affected source but is built from another source.
      pkg('dpkg', 'zlib', '9.9-1', 'other-source', '9.9-1'),
      // Fixed already.
      pkg('dpkg', 'openssl-provider-legacy', '3.0.13-1~deb12u1', 'openssl', '3.0.13-1~deb12u1'),
    ];
    assert.deepEqual(summary(matchPackages(index, { os: debian12, packages })), [
      'libssl3 CVE-2024-0001 [DSA-5000-1] Debian:12 fixed 3.0.13-1~deb12u1 -',
      'openssl CVE-2024-0001 [DSA-5000-1] Debian:12 fixed 3.0.13-1~deb12u1 -',
      'zlib1g CVE-2024-0002 [DSA-5001-1] Debian:12 fixed 1:1.2.13.dfsg-1+deb12u1 -',
    ]);
  });

  test('a package without a source field is looked up by its own name and version', () => {
    const index = createVulnIndex();
    index.add(
      advisory('DSA-1', [osv('Debian:12', 'sudo', '1.9.13p3-1+deb12u1')], { aliases: ['CVE-2023-0001'] }),
    );
    const matches = matchPackages(index, { os: debian12, packages: [pkg('dpkg', 'sudo', '1.9.13p3-1')] });
    assert.deepEqual(summary(matches), ['sudo CVE-2023-0001 [DSA-1] Debian:12 fixed 1.9.13p3-1+deb12u1 -']);
  });

  test('only the host release counts; other releases, ecosystems and foreign managers do not match', () => {
    const index = createVulnIndex();
    index.add(
      advisory('DSA-2', [osv('Debian:11', 'curl', '7.74.0-1.3+deb11u9'), osv('Ubuntu:22.04:LTS', 'curl')], {
        aliases: ['CVE-2023-0002'],
      }),
    );
    const packages = [pkg('dpkg', 'curl', '7.74.0-1.3'), pkg('rpm', 'curl', '7.74.0-1.3')];
    assert.deepEqual(matchPackages(index, { os: debian12, packages }), []);
    assert.deepEqual(matchPackages(index, { os: null, packages }), []);
    assert.deepEqual(matchPackages(index, { os: os('arch', ''), packages }), []);
  });

  test('merges advisories naming the same CVE; the highest fixed version wins', () => {
    const index = createVulnIndex();
    index.add(
      trackerAdvisory(
        'CVE-2024-0001',
        [tracked('Debian:12', 'nginx', { state: 'fixed', fixed: '1.22.1-9+deb12u1' })],
        {
          summary: 'nginx flaw (tracker description)',
          references: ['https://security-tracker.debian.org/tracker/CVE-2024-0001'],
          severityText: null,
        },
      ),
    );
    index.add(
      advisory('DSA-9-1', [osv('Debian:12', 'nginx', '1.22.1-9+deb12u1')], {
        aliases: ['CVE-2024-0001'],
        summary: 'nginx - security update',
        references: ['https://www.debian.org/security/dsa-9'],
      }),
    );
    index.add(
      advisory('DSA-9-2', [osv('Debian:12', 'nginx', '1.22.1-9+deb12u2')], {
        aliases: ['CVE-2024-0001'],
        summary: 'nginx - regression update',
        cvss: [{ type: 'CVSS_V3', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
      }),
    );
    const matches = matchPackages(index, { os: debian12, packages: [pkg('dpkg', 'nginx', '1.22.1-9')] });
    assert.deepEqual(summary(matches), [
      'nginx CVE-2024-0001 [CVE-2024-0001,DSA-9-1,DSA-9-2] Debian:12 fixed 1.22.1-9+deb12u2 -',
    ]);
    const match = matches[0]!;
    assert.equal(match.title, 'nginx - regression update', 'the deciding advisory gives the title');
    assert.deepEqual(match.references, [
      'https://security-tracker.debian.org/tracker/CVE-2024-0001',
      'https://www.debian.org/security/dsa-9',
    ]);
    assert.deepEqual(match.cvss, [
      { type: 'CVSS_V3', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
    ]);
    assert.equal(match.severityText, null, 'no feed words when a vector is given');
    assert.deepEqual(match.aliases, []);

    // Installed at the first fix: the regression update still applies.
    const between = matchPackages(index, {
      os: debian12,
      packages: [pkg('dpkg', 'nginx', '1.22.1-9+deb12u1')],
    });
    assert.deepEqual(summary(between), ['nginx CVE-2024-0001 [DSA-9-2] Debian:12 fixed 1.22.1-9+deb12u2 -']);
    assert.deepEqual(
      matchPackages(index, { os: debian12, packages: [pkg('dpkg', 'nginx', '1.22.1-9+deb12u2')] }),
      [],
    );
  });

  test('a tracker not-affected verdict vetoes any range', () => {
    const index = createVulnIndex();
    index.add(
      trackerAdvisory('CVE-2021-3450', [
        tracked('Debian:12', 'openssl', {
          state: 'not-affected',
          reason: 'Vulnerable code introduced in 1.1.1h',
        }),
      ]),
    );
    index.add(advisory('OSV-1', [osv('Debian:12', 'openssl')], { aliases: ['CVE-2021-3450'] }));
    index.add(advisory('OSV-2', [osv('Debian:12', 'openssl')], { aliases: ['CVE-2021-9999'] }));
    const matches = matchPackages(index, { os: debian12, packages: [pkg('dpkg', 'openssl', '3.0.11-1')] });
    assert.deepEqual(summary(matches), ['openssl CVE-2021-9999 [OSV-2] Debian:12 unfixed - -']);
  });

  test('without a fix: the tracker state and reason, most telling first', () => {
    const index = createVulnIndex();
    const states: [string, TrackerState][] = [
      ['CVE-2020-0001', { state: 'no-dsa', reason: 'Minor issue', urgency: 'low' }],
      ['CVE-2020-0002', { state: 'postponed', reason: 'Revisit when fixed upstream' }],
      ['CVE-2020-0003', { state: 'ignored', reason: 'Minor issue' }],
      ['CVE-2020-0004', { state: 'end-of-life' }],
      ['CVE-2020-0005', { state: 'unfixed', urgency: 'unimportant' }],
    ];
    for (const [cve, state] of states) index.add(trackerAdvisory(cve, [tracked('Debian:12', 'dacs', state)]));
    // An OSV record with an open range for CVE-2020-0003 does not hide the tracker's reason.
    index.add(
      advisory('OSV-3', [osv('Debian:12', 'dacs')], { aliases: ['CVE-2020-0003'], severityText: 'high' }),
    );
    const matches = matchPackages(index, { os: debian12, packages: [pkg('dpkg', 'dacs', '1.4.38a-2')] });
    assert.deepEqual(summary(matches), [
      'dacs CVE-2020-0001 [CVE-2020-0001] Debian:12 no-dsa - Minor issue',
      'dacs CVE-2020-0002 [CVE-2020-0002] Debian:12 postponed - Revisit when fixed upstream',
      'dacs CVE-2020-0003 [CVE-2020-0003,OSV-3] Debian:12 ignored - Minor issue',
      'dacs CVE-2020-0004 [CVE-2020-0004] Debian:12 end-of-life - -',
      'dacs CVE-2020-0005 [CVE-2020-0005] Debian:12 unfixed - -',
    ]);
    assert.deepEqual(
      matches.map((match) => match.severityText),
      ['low', null, 'high', null, 'unimportant'],
    );
  });

  test('an advisory naming several CVEs counts for each; other CVEs are never aliases', () => {
    const index = createVulnIndex();
    index.add(
      advisory('DSA-140', [osv('Debian:12', 'libpng', '1.0.12-3.woody.2')], {
        aliases: ['CVE-2002-0660', 'CVE-2002-0728', 'DEBIAN-BUG-1'],
      }),
    );
    const matches = matchPackages(index, { os: debian12, packages: [pkg('dpkg', 'libpng', '1.0.12-3')] });
    assert.deepEqual(summary(matches), [
      'libpng CVE-2002-0660 [DSA-140] Debian:12 fixed 1.0.12-3.woody.2 -',
      'libpng CVE-2002-0728 [DSA-140] Debian:12 fixed 1.0.12-3.woody.2 -',
    ]);
    assert.deepEqual(
      matches.map((match) => match.aliases),
      [['DEBIAN-BUG-1'], ['DEBIAN-BUG-1']],
    );
  });

  test('vulnerability ids: the CVE of a per-CVE record id, else the advisory joined with its aliases', () => {
    assert.deepEqual(vulnerabilityKeys(advisory('UBUNTU-CVE-2025-38094', [])), [
      { key: 'CVE-2025-38094', id: 'CVE-2025-38094', cve: true },
    ]);
    assert.deepEqual(vulnerabilityKeys(advisory('GHSA-aaaa-bbbb-cccc', [], { aliases: ['PYSEC-2023-1'] })), [
      { key: 'GHSA-aaaa-bbbb-cccc', id: 'GHSA-aaaa-bbbb-cccc', cve: false },
    ]);
    assert.deepEqual(vulnerabilityKeys(advisory('PYSEC-2023-1', [], { aliases: ['GHSA-aaaa-bbbb-cccc'] })), [
      { key: 'GHSA-aaaa-bbbb-cccc', id: 'PYSEC-2023-1', cve: false },
    ]);
    for (const id of ['XCVE-2024-1234', 'FOO-CVE-2024-12', 'CVE-2024-1234x', 'CVE-24-1234']) {
      assert.deepEqual(vulnerabilityKeys(advisory(id, [])), [{ key: id, id, cve: false }], id);
    }
  });

  test('withdrawn advisories never match; adding an advisory again replaces it', () => {
    const index = createVulnIndex();
    const original = advisory('DSA-7', [osv('Debian:12', 'bash', '5.2.15-2+b2')], {
      aliases: ['CVE-2022-0007'],
    });
    index.add(original);
    index.add(
      advisory('DSA-8', [osv('Debian:12', 'bash')], {
        aliases: ['CVE-2022-0008'],
        withdrawn: '2024-01-02T00:00:00Z',
      }),
    );
    const host = { os: debian12, packages: [pkg('dpkg', 'bash', '5.2.15-2')] };
    assert.deepEqual(summary(matchPackages(index, host)), [
      'bash CVE-2022-0007 [DSA-7] Debian:12 fixed 5.2.15-2+b2 -',
    ]);
    assert.equal(index.size, 1);
    index.add({ ...original, affected: [osv('Debian:12', 'bash', '5.2.15-2')] });
    assert.deepEqual(matchPackages(index, host), []);
    assert.equal(index.size, 1);
    index.add({ ...original, withdrawn: '2024-02-01T00:00:00Z' });
    assert.equal(index.size, 0);
    assert.deepEqual(index.ecosystems(), []);
    // The same id from another feed is another advisory.
    index.add(original);
    index.add(trackerAdvisory('DSA-7', [tracked('Debian:12', 'bash', { state: 'unfixed' })]));
    assert.equal(index.size, 2);
  });

  test('Ubuntu LTS hosts also get Ubuntu Pro records; a fix only in Pro names that ecosystem', () => {
    const index = createVulnIndex();
    index.add(
      advisory('UBUNTU-CVE-2024-0005', [osv('Ubuntu:22.04:LTS', 'vim')], {
        severityText: 'medium',
        summary: 'vim flaw',
      }),
    );
    index.add(
      advisory('UBUNTU-CVE-2024-0005', [osv('Ubuntu:Pro:22.04:LTS', 'vim', '2:8.2.3995-1ubuntu2.17+esm1')], {
        source: 'osv-pro',
      }),
    );
    index.add(advisory('UBUNTU-CVE-2024-0006', [osv('Ubuntu:Pro:18.04:LTS', 'vim')]));
    const ubuntu = os('ubuntu', '22.04', ['debian']);
    const matches = matchPackages(index, {
      os: ubuntu,
      packages: [pkg('dpkg', 'vim', '2:8.2.3995-1ubuntu2.16', 'vim')],
    });
    assert.deepEqual(summary(matches), [
      'vim CVE-2024-0005 [UBUNTU-CVE-2024-0005] Ubuntu:Pro:22.04:LTS fixed 2:8.2.3995-1ubuntu2.17+esm1 -',
    ]);
    assert.equal(matches[0]?.severityText, 'medium');
    // A non-LTS release has no Pro.
    const interim = os('ubuntu', '23.10', ['debian']);
    index.add(advisory('UBUNTU-CVE-2024-0007', [osv('Ubuntu:Pro:23.10', 'vim')]));
    assert.deepEqual(matchPackages(index, { os: interim, packages: [pkg('dpkg', 'vim', '2:9.0-1')] }), []);
  });

  test('release-less Debian entries apply to every release', () => {
    const index = createVulnIndex();
    index.add(advisory('OSV-9', [osv('Debian', 'tar', '1.34+dfsg-1.2')], { aliases: ['CVE-2022-48303'] }));
    const matches = matchPackages(index, { os: debian12, packages: [pkg('dpkg', 'tar', '1.34+dfsg-1.1')] });
    assert.deepEqual(summary(matches), ['tar CVE-2022-48303 [OSV-9] Debian fixed 1.34+dfsg-1.2 -']);
  });

  test('Alpine by origin package; Rocky by source RPM; Red Hat by binary or source RPM in any repository', () => {
    const index = createVulnIndex();
    index.add(advisory('CVE-2022-27449', [osv('Alpine:v3.16', 'mariadb', '10.6.8-r0')]));
    const alpine = os('alpine', '3.16.2');
    const apk = [pkg('apk', 'mariadb-client', '10.6.7-r0', 'mariadb', '10.6.7-r0')];
    assert.deepEqual(summary(matchPackages(index, { os: alpine, packages: apk })), [
      'mariadb-client CVE-2022-27449 [CVE-2022-27449] Alpine:v3.16 fixed 10.6.8-r0 -',
    ]);

    index.add(
      advisory('RLSA-2024:1', [osv('Rocky Linux:9', 'openssh', '8.7p1-38.el9')], {
        aliases: ['CVE-2023-48795'],
      }),
    );
    const rocky = os('rocky', '9.3', ['rhel', 'centos', 'fedora']);
    const rpm = [pkg('rpm', 'openssh-server', '8.7p1-34.el9', 'openssh', '8.7p1-34.el9')];
    assert.deepEqual(summary(matchPackages(index, { os: rocky, packages: rpm })), [
      'openssh-server CVE-2023-48795 [RLSA-2024:1] Rocky Linux:9 fixed 8.7p1-38.el9 -',
    ]);

    index.add(
      advisory(
        'RHSA-2024:2',
        [osv('Red Hat:enterprise_linux:9::appstream', 'openssh-server', '0:8.7p1-38.el9')],
        {
          aliases: ['CVE-2023-48795'],
        },
      ),
    );
    index.add(
      advisory('RHSA-2024:3', [osv('Red Hat:enterprise_linux:9::baseos', 'glibc', '0:2.34-100.el9')], {
        aliases: ['CVE-2024-0003'],
      }),
    );
    index.add(
      advisory('RHSA-2024:4', [osv('Red Hat:rhel_eus:9.2::baseos', 'glibc', '0:2.34-101.el9')], {
        aliases: ['CVE-2024-0004'],
      }),
    );
    const rhel = os('rhel', '9.4', ['fedora']);
    const rhelPackages = [...rpm, pkg('rpm', 'glibc-common', '2.34-83.el9', 'glibc', '2.34-83.el9')];
    assert.deepEqual(summary(matchPackages(index, { os: rhel, packages: rhelPackages })), [
      'openssh-server CVE-2023-48795 [RHSA-2024:2] Red Hat:enterprise_linux:9::appstream fixed 0:8.7p1-38.el9 -',
      'glibc-common CVE-2024-0003 [RHSA-2024:3] Red Hat:enterprise_linux:9::baseos fixed 0:2.34-100.el9 -',
    ]);
  });

  test('SEMVER ranges and versions lists inside a distribution record', () => {
    const index = createVulnIndex();
    index.add(
      advisory('OSV-SEMVER', [
        {
          ecosystem: 'Debian:12',
          name: 'node-foo',
          ranges: [{ type: 'SEMVER', events: [{ introduced: '1.0.0' }, { fixed: '1.10.0' }] }],
          versions: [],
        },
      ]),
    );
    index.add(
      advisory('OSV-LIST', [
        {
          ecosystem: 'Debian:12',
          name: 'kernel-thing',
          ranges: [{ type: 'GIT', events: [{ introduced: 'eefe8ec3f1f90d0e684890e810f3f21e8500a4cd' }] }],
          versions: ['3.13.0-206.257'],
        },
      ]),
    );
    const packages = [
      pkg('dpkg', 'node-foo', '1.9.0'),
      pkg('dpkg', 'node-foo-old', '0.9.0', 'node-foo', '0.9.0'),
      pkg('dpkg', 'kernel-thing', '3.13.0-206.257'),
      pkg('dpkg', 'kernel-thing-new', '3.13.0-207.258', 'kernel-thing', '3.13.0-207.258'),
    ];
    assert.deepEqual(summary(matchPackages(index, { os: debian12, packages })), [
      'node-foo OSV-SEMVER [OSV-SEMVER] Debian:12 fixed 1.10.0 -',
      'kernel-thing OSV-LIST [OSV-LIST] Debian:12 unfixed - -',
    ]);
  });

  test('invalid versions in the inventory or an advisory are skipped and reported, never thrown', () => {
    const index = createVulnIndex();
    index.add(advisory('OSV-A', [osv('Debian:12', 'pkg-a', '1.0-1')], { aliases: ['CVE-2024-0010'] }));
    index.add(
      advisory('OSV-B', [osv('Debian:12', 'pkg-b', 'not a version')], { aliases: ['CVE-2024-0011'] }),
    );
    index.add(advisory('OSV-C', [osv('Debian:12', 'pkg-b', '2.0-1')], { aliases: ['CVE-2024-0012'] }));
    index.add(
      trackerAdvisory('CVE-2024-0013', [tracked('Debian:12', 'pkg-a', { state: 'fixed', fixed: '1.0-' })]),
    );
    index.add(
      trackerAdvisory('CVE-2024-0014', [
        tracked('Debian:12', 'pkg-a', { state: 'no-dsa', reason: 'Minor issue' }),
      ]),
    );
    const skips: MatchSkip[] = [];
    const packages = [
      pkg('dpkg', 'pkg-a', '0.9-'),
      pkg('dpkg', 'pkg-b', '1.0-1'),
      pkg('dpkg', 'pkg-a2', `1${'0'.repeat(2000)}`, 'pkg-a', `1${'0'.repeat(2000)}`),
    ];
    const matches = matchPackages(index, { os: debian12, packages }, { onSkip: (skip) => skips.push(skip) });
    // A tracker state that needs no comparison still holds for an unreadable installed version.
    assert.deepEqual(summary(matches), [
      'pkg-a CVE-2024-0014 [CVE-2024-0014] Debian:12 no-dsa - Minor issue',
      'pkg-b CVE-2024-0012 [OSV-C] Debian:12 fixed 2.0-1 -',
      'pkg-a2 CVE-2024-0014 [CVE-2024-0014] Debian:12 no-dsa - Minor issue',
    ]);
    assert.deepEqual(
      skips.map((skip) => `${skip.package} ${skip.advisory} ${skip.version.slice(0, 8)}`),
      [
        'pkg-a OSV-A 0.9-',
        'pkg-a CVE-2024-0013 0.9-',
        'pkg-b OSV-B 1.0-1',
        'pkg-a OSV-A 10000000',
        'pkg-a CVE-2024-0013 10000000',
      ],
    );
    assert.ok(skips.every((skip) => skip.reason.length > 0 && skip.reason.length < 300));
  });

  test('the ecosystem filter keeps only entries that can apply to the given host ecosystems', () => {
    const index = createVulnIndex({
      ecosystems: new Set(['Debian:12', 'Ubuntu:22.04:LTS', 'Red Hat:enterprise_linux:9']),
    });
    index.add(advisory('A', [osv('Debian:11', 'x'), osv('Alpine:v3.19', 'x')]));
    index.add(advisory('B', [osv('Debian:12', 'x'), osv('Debian:11', 'x')]));
    index.add(advisory('C', [osv('Ubuntu:Pro:22.04:LTS', 'x'), osv('Debian', 'x')]));
    index.add(
      advisory('D', [osv('Red Hat:enterprise_linux:9::crb', 'x'), osv('Red Hat:rhel_eus:9.2::crb', 'x')]),
    );
    assert.equal(index.size, 3);
    assert.deepEqual(index.ecosystems(), [
      'Debian',
      'Debian:12',
      'Red Hat:enterprise_linux:9::crb',
      'Ubuntu:Pro:22.04:LTS',
    ]);
    assert.equal(index.lookup('Debian:11', 'x').length, 0);
    assert.equal(index.lookup('Red Hat:enterprise_linux:9', 'x').length, 1);
  });

  test('PyPI names are looked up as PEP 503 normalizes them', () => {
    const index = createVulnIndex();
    index.add(advisory('PYSEC-1', [osv('PyPI', 'Foo_Bar.baz', '2.0')]));
    assert.equal(index.lookup('PyPI', 'foo-bar-baz').length, 1);
    assert.equal(index.lookup('PyPI', 'FOO__bar-.Baz').length, 1);
    assert.equal(index.lookup('npm', 'foo-bar-baz').length, 0);
  });
});
