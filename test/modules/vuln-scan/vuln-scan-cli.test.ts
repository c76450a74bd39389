import assert from 'node:assert/strict';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { VulnFinding } from '../../../src/protocol/vuln-api.ts';
import { corporaDir, needsCorpora } from '../../helpers/corpora.ts';
import { runTs } from '../../helpers/run-ts.ts';

const cli = 'src/cli/main.ts';
const vuln = join(corporaDir() ?? '', 'vuln');
const work = mkdtempSync(join(tmpdir(), 'vigil-vuln-scan-cli-'));
const feeds = join(work, 'feeds');
const wheezy = {
  id: 'debian',
  idLike: [],
  name: 'Debian GNU/Linux',
  prettyName: 'Debian GNU/Linux 7 (wheezy)',
  versionId: '7',
  versionCodename: 'wheezy',
};

function inventory(name: string, nginxVersion: string): string {
  const path = join(work, name);
  const pkg = (pkgName: string, version: string) => ({
    manager: 'dpkg',
    name: pkgName,
    version,
    architecture: 'amd64',
    source: pkgName,
    sourceVersion: version,
    status: 'install ok installed',
  });
  writeFileSync(
    path,
    JSON.stringify({
      host: { hostname: 'wheezy-1', os: wheezy },
      packages: [pkg('nginx', nginxVersion), pkg('bash', '4.2+dfsg-0.1+deb7u3')],
    }),
  );
  return path;
}

function scan(args: string[], env: NodeJS.ProcessEnv = {}) {
  return runTs(cli, ['vuln', 'scan', ...args], { env });
}

describe('vigil vuln scan', needsCorpora('vuln/osv-records'), () => {
  mkdirSync(join(feeds, 'osv-debian'), { recursive: true });
  if (corporaDir() !== undefined) {
    copyFileSync(join(vuln, 'osv-records/DSA-3029-1.json'), join(feeds, 'osv-debian/DSA-3029-1.json'));
    copyFileSync(
      join(vuln, 'kev/known_exploited_vulnerabilities.json'),
      join(feeds, 'known_exploited_vulnerabilities.json'),
    );
    copyFileSync(join(vuln, 'epss/example-1.csv'), join(feeds, 'epss_scores.csv'));
  }
  const vulnerable = inventory('wheezy2.json', '1.2.1-2.2+wheezy2');
  const patched = inventory('wheezy3.json', '1.2.1-2.2+wheezy3');
  after(() => rmSync(work, { recursive: true, force: true }));

  test('table: exactly CVE-2014-3616 with its fix, a summary, exit 0 without --fail-on', async () => {
    const result = await scan(['--inventory', vulnerable, '--feeds', feeds]);
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trimEnd().split('\n');
    assert.match(
      lines[0] ?? '',
      /^RISK\s+SEVERITY\s+VULNERABILITY\s+PACKAGE\s+INSTALLED\s+FIX\s+CVSS\s+EPSS\s+KEV\s+DUE$/,
    );
    assert.match(
      lines[1] ?? '',
      /^22\.05\s+medium\s+CVE-2014-3616\s+nginx\s+1\.2\.1-2\.2\+wheezy2\s+fixed in 1\.2\.1-2\.2\+wheezy3\s+-\s+-\s+-\s+\d{4}-\d\d-\d\d$/,
    );
    assert.equal(lines[2], '');
    assert.equal(
      lines[3],
      '1 finding on wheezy-1 (Debian:7, 2 packages): 1 medium · 0 known exploited · 1 with a fix, 0 without',
    );
    assert.match(
      lines[4] ?? '',
      /^feeds: epss_scores\.csv \(epss, 5\), known_exploited_vulnerabilities\.json \(kev, 1,404\), osv-debian \(osv, 1\)$/,
    );
    assert.equal(lines.length, 5);
  });

  test('the fixed version: no findings, exit 0 even with --fail-on informational', async () => {
    const result = await scan(['--inventory', patched, '--feeds', feeds, '--fail-on', 'informational']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^\(none\)\n\n0 findings on wheezy-1 \(Debian:7, 2 packages\)\n/);
  });

  test('--fail-on: exit 1 at or below the finding’s severity, 0 above it', async () => {
    for (const [threshold, code] of [
      ['MEDIUM', 1],
      ['high', 0],
    ] as const) {
      const result = await scan([
        '--inventory',
        vulnerable,
        '--feeds',
        feeds,
        '--format',
        'jsonl',
        '--fail-on',
        threshold,
      ]);
      assert.equal(result.code, code, `${threshold}: ${result.stderr}`);
    }
  });

  test('json: the host, the feeds and the findings', async () => {
    const result = await scan(['--inventory', vulnerable, '--feeds', feeds, '--format', 'json']);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as {
      host: { hostname: string; ecosystems: string[]; packages: number };
      feeds: { name: string; kind: string; records: number; sha256: string }[];
      findings: unknown[];
    };
    assert.deepEqual(
      { hostname: report.host.hostname, ecosystems: report.host.ecosystems, packages: report.host.packages },
      { hostname: 'wheezy-1', ecosystems: ['Debian:7'], packages: 2 },
    );
    assert.deepEqual(
      report.feeds.map((feed) => [feed.name, feed.kind, feed.records]),
      [
        ['epss_scores.csv', 'epss', 5],
        ['known_exploited_vulnerabilities.json', 'kev', 1404],
        ['osv-debian', 'osv', 1],
      ],
    );
    assert.equal(report.findings.length, 1);
    const finding = VulnFinding.parse(report.findings[0]);
    assert.equal(finding.vulnerability.id, 'CVE-2014-3616');
    assert.equal(finding.fixedVersion, '1.2.1-2.2+wheezy3');
  });

  test('jsonl, ocsf, sarif and csv carry the same one finding', async () => {
    const [jsonl, ocsf, sarif, csv] = await Promise.all(
      ['jsonl', 'ocsf', 'sarif', 'csv'].map((format) =>
        scan(['--inventory', vulnerable, '--feeds', feeds, '--format', format]),
      ),
    );
    for (const result of [jsonl, ocsf, sarif, csv]) assert.equal(result?.code, 0, result?.stderr);

    const lines = jsonl?.stdout.trimEnd().split('\n') ?? [];
    assert.equal(lines.length, 1);
    assert.equal(VulnFinding.parse(JSON.parse(lines[0] ?? '')).package.name, 'nginx');

    const events =
      ocsf?.stdout
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>) ?? [];
    assert.equal(events.length, 1);
    assert.equal(events[0]?.class_uid, 2002);
    const [vulnerability] = events[0].vulnerabilities as {
      cve: { uid: string };
      affected_packages: unknown[];
    }[];
    assert.equal(vulnerability?.cve.uid, 'CVE-2014-3616');
    assert.deepEqual(vulnerability.affected_packages, [
      {
        name: 'nginx',
        version: '1.2.1-2.2+wheezy2',
        package_manager: 'dpkg',
        purl: 'pkg:deb/debian/nginx@1.2.1-2.2%2Bwheezy2?distro=debian-7',
        fixed_in_version: '1.2.1-2.2+wheezy3',
      },
    ]);

    const log = JSON.parse(sarif?.stdout ?? '') as {
      version: string;
      runs: { results: { ruleId: string }[] }[];
    };
    assert.equal(log.version, '2.1.0');
    assert.deepEqual(
      log.runs[0]?.results.map((result) => result.ruleId),
      ['CVE-2014-3616'],
    );

    const rows = csv?.stdout.split('\r\n') ?? [];
    assert.equal(rows.length, 3);
    assert.match(rows[0] ?? '', /^risk,severity,vulnerability,/);
    assert.match(
      rows[1] ?? '',
      /^22\.05,medium,CVE-2014-3616,nginx - security update,wheezy-1,local,dpkg,nginx,/,
    );
    assert.equal(rows[2], '');
  });

  test('--output writes the report to a file; VIGIL_FEEDS stands in for --feeds', async () => {
    const output = join(work, 'report.csv');
    const result = await scan(['--inventory', vulnerable, '--format', 'csv', '--output', output], {
      VIGIL_FEEDS: feeds,
    });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, '');
    assert.match(readFileSync(output, 'utf8'), /CVE-2014-3616/);
  });

  test('--root: packages from a dpkg status file and the release from os-release', async () => {
    const root = join(work, 'root');
    mkdirSync(join(root, 'etc'), { recursive: true });
    mkdirSync(join(root, 'var/lib/dpkg'), { recursive: true });
    writeFileSync(
      join(root, 'etc/os-release'),
      'PRETTY_NAME="Debian GNU/Linux 7 (wheezy)"\nNAME="Debian GNU/Linux"\nVERSION_ID="7"\nVERSION="7 (wheezy)"\nID=debian\n',
    );
    writeFileSync(
      join(root, 'var/lib/dpkg/status'),
      [
        'Package: nginx-common\nStatus: install ok installed\nArchitecture: all\nSource: nginx\nVersion: 1.2.1-2.2+wheezy2\n',
        'Package: nginx-light\nStatus: install ok installed\nArchitecture: amd64\nSource: nginx\nVersion: 1.2.1-2.2+wheezy2\n',
        'Package: nginx\nStatus: deinstall ok config-files\nArchitecture: amd64\nVersion: 1.2.1-2.2+wheezy1\n',
        'Package: libc6\nStatus: install ok installed\nArchitecture: amd64\nSource: eglibc\nVersion: 2.13-38+deb7u10\n',
      ].join('\n'),
    );
    const result = await scan([
      '--local',
      '--root',
      root,
      '--feeds',
      feeds,
      '--format',
      'jsonl',
      '--fail-on',
      'low',
    ]);
    assert.equal(result.code, 1, result.stderr);
    const findings = result.stdout
      .trimEnd()
      .split('\n')
      .map((line) => VulnFinding.parse(JSON.parse(line)));
    assert.deepEqual(
      findings.map((f) => [f.vulnerability.id, f.package.name, f.package.source, f.hostname]),
      [
        ['CVE-2014-3616', 'nginx-common', 'nginx', null],
        ['CVE-2014-3616', 'nginx-light', 'nginx', null],
      ],
    );
    const table = await scan(['--root', root, '--feeds', feeds]);
    assert.match(table.stdout, new RegExp(`2 findings on ${root} \\(Debian:7, 3 packages\\)`));
  });

  test('KEV and EPSS joined on the CVE rank the finding and set its due date', async () => {
    const dir = join(work, 'feeds-kev');
    mkdirSync(join(dir, 'osv'), { recursive: true });
    copyFileSync(join(vuln, 'osv-records/DSA-3029-1.json'), join(dir, 'osv/DSA-3029-1.json'));
    writeFileSync(
      join(dir, 'kev.json'),
      JSON.stringify({
        title: 'CISA Catalog of Known Exploited Vulnerabilities',
        catalogVersion: '2026.01.01',
        dateReleased: '2026-01-01T00:00:00.000Z',
        count: 1,
        vulnerabilities: [
          {
            cveID: 'CVE-2014-3616',
            vendorProject: 'F5',
            product: 'nginx',
            vulnerabilityName: 'nginx SSL session reuse',
            dateAdded: '2026-01-01',
            shortDescription: 'x',
            requiredAction: 'Apply updates.',
            dueDate: '2026-01-22',
            knownRansomwareCampaignUse: 'Known',
            notes: '',
          },
        ],
      }),
    );
    writeFileSync(
      join(dir, 'epss.csv'),
      '#model_version:v2025.03.14,score_date:2026-01-01T00:00:00+0000\ncve,epss,percentile\nCVE-2014-3616,0.5,0.98\n',
    );
    const result = await scan(['--inventory', vulnerable, '--feeds', dir, '--format', 'jsonl']);
    assert.equal(result.code, 0, result.stderr);
    const finding = VulnFinding.parse(JSON.parse(result.stdout));
    assert.deepEqual(finding.kev, { dateAdded: '2026-01-01', dueDate: '2026-01-22', knownRansomware: true });
    assert.deepEqual(finding.epss, { score: 0.5, percentile: 0.98 });
    assert.equal(finding.risk, 4 * 5.5 + 7.5 + 45 + 0.05);
    assert.equal(finding.dueAt, '2026-01-22T00:00:00.000Z');
    const table = await scan(['--inventory', vulnerable, '--feeds', dir]);
    assert.match(table.stdout, /\s50\.0%\s+due 2026-01-22\s/);
    assert.match(table.stdout, /1 known exploited/);
  });

  test('a stale feed is a warning on stderr, not an error', async () => {
    const dir = join(work, 'feeds-stale');
    mkdirSync(join(dir, 'osv'), { recursive: true });
    copyFileSync(join(vuln, 'osv-records/DSA-3029-1.json'), join(dir, 'osv/DSA-3029-1.json'));
    utimesSync(join(dir, 'osv'), new Date('2024-01-01'), new Date('2024-01-01'));
    const result = await scan(['--inventory', vulnerable, '--feeds', dir, '--format', 'jsonl']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stderr,
      /^vigil: warning: feed osv was fetched 2024-01-01, over 48 h ago: findings may miss recent advisories$/m,
    );
  });

  test('bad input exits 2 with one line', async () => {
    const empty = join(work, 'empty');
    mkdirSync(empty);
    const kevOnly = join(work, 'kev-only');
    mkdirSync(kevOnly);
    copyFileSync(join(vuln, 'kev/known_exploited_vulnerabilities.json'), join(kevOnly, 'kev.json'));
    const tampered = join(work, 'tampered');
    mkdirSync(join(tampered, 'osv'), { recursive: true });
    copyFileSync(join(vuln, 'osv-records/DSA-3029-1.json'), join(tampered, 'osv/DSA-3029-1.json'));
    writeFileSync(join(tampered, 'osv.sha256'), `${'0'.repeat(64)}  osv\n`);
    const notJson = join(work, 'not.json');
    writeFileSync(notJson, '{"host":');
    const notInventory = join(work, 'not-inventory.json');
    writeFileSync(
      notInventory,
      JSON.stringify({ host: { hostname: 'x', os: null }, packages: [{ name: 'nginx' }] }),
    );
    const noRelease = join(work, 'no-release.json');
    writeFileSync(
      noRelease,
      JSON.stringify({
        host: { hostname: 'x', os: null },
        packages: [
          {
            manager: 'dpkg',
            name: 'a',
            version: '1',
            architecture: '',
            source: 'a',
            sourceVersion: '1',
            status: '',
          },
        ],
      }),
    );
    // Each message is one line (the trailing newline is the only one).
    const cases: [string[], RegExp][] = [
      [
        ['--format', 'xml', '--feeds', feeds],
        /^vigil: --format: expected one of table, json, jsonl, sarif, csv, ocsf, got "xml"$/,
      ],
      [
        ['--fail-on', 'severe', '--feeds', feeds],
        /^vigil: --fail-on: expected one of informational, low, medium, high, critical/,
      ],
      [
        ['--inventory', vulnerable, '--root', work, '--feeds', feeds],
        /cannot be combined with --local or --root/,
      ],
      [['--root', join(work, 'nope'), '--feeds', feeds], /^vigil: --root: .* is not a directory$/],
      [
        ['--inventory', vulnerable, '--feeds', join(work, 'nope')],
        /^vigil: no feed directory at .*nope: pass --feeds DIR or set VIGIL_FEEDS$/,
      ],
      [
        ['--inventory', vulnerable, '--feeds', kevOnly],
        /^vigil: no advisory feed \(OSV or Debian tracker\) in /,
      ],
      [
        ['--inventory', vulnerable, '--feeds', empty],
        /^vigil: no feeds in .*empty: put OSV, Debian tracker, KEV or EPSS files there$/,
      ],
      [['--inventory', vulnerable, '--feeds', tampered], /^vigil: .*osv.*(checksum|SHA-256)/i],
      [['--inventory', notJson, '--feeds', feeds], /^vigil: .*not\.json: not JSON/],
      [
        ['--inventory', notInventory, '--feeds', feeds],
        /^vigil: .*not-inventory\.json: not a Vigil inventory \(packages\.0\.manager/,
      ],
      [
        ['--inventory', noRelease, '--feeds', feeds],
        /^vigil: cannot tell which release x runs \(no os-release\)/,
      ],
      [['--bogus'], /unknown option '--bogus'/],
    ];
    const results = await Promise.all(cases.map(([args]) => scan(args)));
    for (const [i, [args, message]] of cases.entries()) {
      const result = results[i];
      assert.equal(result?.code, 2, `${args.join(' ')}: ${result?.stderr}`);
      assert.equal(result.stdout, '', args.join(' '));
      assert.match(result.stderr.trimEnd(), message, args.join(' '));
      if (args[0] !== '--bogus') assert.equal(result.stderr.trimEnd().split('\n').length, 1, args.join(' '));
    }
    const otherRelease = inventory('bookworm.json', '1.22.1-9');
    writeFileSync(
      otherRelease,
      readFileSync(otherRelease, 'utf8').replace('"versionId":"7"', '"versionId":"12"'),
    );
    const uncovered = await scan(['--inventory', otherRelease, '--feeds', feeds]);
    assert.equal(uncovered.code, 2);
    assert.match(uncovered.stderr, /^vigil: the feeds in .* hold no advisories for Debian:12$/m);
  });
});

describe('vigil vuln scan --lockfile', needsCorpora('vuln/osv-schema'), () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-vuln-scan-lockfiles-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const feedDir = join(dir, 'feeds');
  mkdirSync(join(feedDir, 'osv'), { recursive: true });
  if (corporaDir() !== undefined) {
    // GHSA-838r-hvwh-24h8 is a Maven advisory: loaded, and never matched against npm or PyPI pins.
    for (const [from, to] of [
      ['osv-records/GHSA-838r-hvwh-24h8.json', 'GHSA-838r-hvwh-24h8.json'],
      ['osv-schema/tools/ghsa/testdata/less_than_equals_with_patch.osv.json', 'GHSA-f89g-whpf-6q9m.json'],
      ['osv-schema/tools/osv-linter/testdata/PYSEC-2023-74.json', 'PYSEC-2023-74.json'],
    ] as const)
      copyFileSync(join(vuln, from), join(feedDir, 'osv', to));
  }
  const lock = (name: string, i18next: string) => {
    mkdirSync(join(dir, name), { recursive: true });
    const path = join(dir, name, 'package-lock.json');
    writeFileSync(
      path,
      JSON.stringify({
        lockfileVersion: 3,
        packages: {
          '': {},
          'node_modules/i18next': { version: i18next },
          'node_modules/@x/y': { version: '1.0.0' },
        },
      }),
    );
    return path;
  };
  const requirements = (name: string, pin: string) => {
    const path = join(dir, name);
    writeFileSync(path, `requests==${pin}\nflask>=2\n`);
    return path;
  };

  test('one vulnerable npm and one vulnerable PyPI pin: exactly those findings, located at the lockfiles', async () => {
    const npm = lock('old', '1.10.2');
    const pip = requirements('requirements.txt', '2.30.0');
    const result = await scan([
      '--lockfile',
      npm,
      '--lockfile',
      pip,
      '--feeds',
      feedDir,
      '--format',
      'sarif',
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /requirements\.txt:2: flask>=2 is not pinned with ==, skipped/);
    const log = JSON.parse(result.stdout) as {
      runs: {
        results: {
          ruleId: string;
          locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
          properties: { package: { name: string; ecosystem: string } };
        }[];
      }[];
    };
    assert.deepEqual(
      log.runs[0]?.results
        .map((r) => [
          r.ruleId,
          r.properties.package.name,
          r.properties.package.ecosystem,
          r.locations[0]?.physicalLocation.artifactLocation.uri,
        ])
        .sort(),
      [
        ['CVE-2017-16008', 'i18next', 'npm', npm],
        ['CVE-2023-32681', 'requests', 'PyPI', pip],
      ],
    );
    const jsonl = await scan([
      '--lockfile',
      npm,
      '--feeds',
      feedDir,
      '--format',
      'jsonl',
      '--fail-on',
      'low',
    ]);
    assert.equal(jsonl.code, 1, jsonl.stderr);
    const [finding] = jsonl.stdout
      .trimEnd()
      .split('\n')
      .map((line) => VulnFinding.parse(JSON.parse(line)));
    assert.equal(finding?.fixedVersion, '1.10.3');
    assert.equal(finding.package.file, npm);
  });

  test('fixed versions: no findings, exit 0 with --fail-on informational', async () => {
    const result = await scan([
      '--lockfile',
      lock('new', '1.10.3'),
      '--lockfile',
      requirements('requirements-fixed.txt', '2.31.0'),
      '--feeds',
      feedDir,
      '--fail-on',
      'informational',
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^\(none\)\n\n0 findings on .* \(npm, PyPI, 3 packages\)\n/);
  });

  test('a bad lockfile exits 2 with one line', async () => {
    const broken = join(dir, 'broken', 'Pipfile.lock');
    mkdirSync(join(dir, 'broken'), { recursive: true });
    writeFileSync(broken, '{');
    for (const [file, message] of [
      [broken, /^vigil: --lockfile: .*Pipfile\.lock: not JSON/],
      [join(dir, 'yarn.lock'), /^vigil: --lockfile: .*yarn\.lock: not a known lockfile name/],
    ] as const) {
      const result = await scan(['--lockfile', file, '--feeds', feedDir]);
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr.trimEnd(), message);
      assert.equal(result.stderr.trimEnd().split('\n').length, 1);
    }
  });
});
