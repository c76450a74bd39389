import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findingsCsv } from '../../../src/modules/vuln-scan/findings-csv.ts';
import { findingsSarif } from '../../../src/modules/vuln-scan/findings-sarif.ts';
import { packagePurl } from '../../../src/modules/vuln-scan/package-purl.ts';
import { toOcsfVulnerabilityFinding } from '../../../src/modules/vuln-scan/to-ocsf.ts';
import type { VulnFinding } from '../../../src/protocol/vuln-api.ts';

const finding: VulnFinding = {
  id: '0123456789abcdef0123456789abcdef',
  agentId: 'agent-1',
  hostname: 'web-1',
  vulnerability: {
    id: 'CVE-2014-3616',
    advisories: ['DSA-3029-1'],
    aliases: ['DSA-3029-1'],
    title: 'nginx - security update',
    references: ['https://www.debian.org/security/2014/dsa-3029'],
  },
  package: {
    manager: 'dpkg',
    name: 'nginx-full',
    version: '1:1.2.1-2.2+wheezy2',
    source: 'nginx',
    sourceVersion: '1:1.2.1-2.2+wheezy2',
    ecosystem: 'Debian:7',
  },
  fixState: 'fixed',
  fixedVersion: '1.2.1-2.2+wheezy3',
  fixReason: null,
  cvss: {
    version: '3.1',
    vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:N',
    baseScore: 4.8,
    severity: 'medium',
  },
  severity: 'medium',
  epss: { score: 0.01, percentile: 0.5 },
  kev: { dateAdded: '2025-02-20', dueDate: '2025-03-05', knownRansomware: false },
  risk: 64.5,
  dueAt: '2025-03-05T00:00:00.000Z',
  overdue: false,
  status: 'open',
  firstSeenAt: '2025-03-01T12:00:00.000Z',
  lastSeenAt: '2025-03-01T12:00:00.000Z',
  resolvedAt: null,
};

describe('toOcsfVulnerabilityFinding', () => {
  test('an OCSF 1.3 Vulnerability Finding (2002) with CVE, CVSS, EPSS, KEV and the affected package', () => {
    const ocsf = toOcsfVulnerabilityFinding(finding, { version: '9.9.9' });
    assert.equal(ocsf.class_uid, 2002);
    assert.equal(ocsf.category_uid, 2);
    assert.equal(ocsf.activity_id, 1);
    assert.equal(ocsf.type_uid, 200201);
    assert.equal(ocsf.severity_id, 3);
    assert.equal(ocsf.severity, 'Medium');
    assert.equal(ocsf.status_id, 1);
    assert.equal(ocsf.time, Date.parse(finding.lastSeenAt));
    assert.deepEqual(ocsf.metadata, {
      version: '1.3.0',
      product: { name: 'Vigil', vendor_name: 'Vigil', version: '9.9.9' },
    });
    assert.deepEqual(ocsf.finding_info, {
      uid: finding.id,
      title: 'CVE-2014-3616: nginx - security update',
      types: ['Vulnerability'],
      first_seen_time: Date.parse(finding.firstSeenAt),
      last_seen_time: Date.parse(finding.lastSeenAt),
      data_sources: ['DSA-3029-1'],
    });
    assert.deepEqual(ocsf.resources, [{ uid: 'agent-1', name: 'web-1', type: 'Host' }]);
    const [vuln] = ocsf.vulnerabilities as Record<string, unknown>[];
    assert.ok(vuln);
    assert.deepEqual(vuln.cve, {
      uid: 'CVE-2014-3616',
      title: 'nginx - security update',
      cvss: [
        {
          version: '3.1',
          base_score: 4.8,
          vector_string: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:N',
          severity: 'Medium',
        },
      ],
      epss: { score: 0.01, percentile: 0.5 },
      references: ['https://www.debian.org/security/2014/dsa-3029'],
    });
    assert.deepEqual(vuln.affected_packages, [
      {
        name: 'nginx-full',
        version: '1:1.2.1-2.2+wheezy2',
        package_manager: 'dpkg',
        purl: 'pkg:deb/debian/nginx-full@1:1.2.1-2.2%2Bwheezy2?distro=debian-7',
        fixed_in_version: '1.2.1-2.2+wheezy3',
      },
    ]);
    assert.equal(vuln.is_fix_available, true);
    assert.equal(vuln.fix_available, true);
    assert.equal(vuln.is_exploit_available, true);
    assert.deepEqual(vuln.related_vulnerabilities, ['DSA-3029-1']);
    assert.deepEqual(vuln.remediation, {
      desc: 'Upgrade the packages built from nginx to 1.2.1-2.2+wheezy3 or later',
    });
    const unmapped = ocsf.unmapped as Record<string, unknown>;
    assert.deepEqual(unmapped.kev, {
      date_added: '2025-02-20',
      due_date: '2025-03-05',
      known_ransomware: false,
    });
    assert.equal(unmapped.risk, 64.5);
    assert.deepEqual(unmapped.source_package, { name: 'nginx', version: '1:1.2.1-2.2+wheezy2' });
  });

  test('no fix, no scores: no fixed version, fix and exploit flags false, the tracker reason as remediation', () => {
    const ocsf = toOcsfVulnerabilityFinding({
      ...finding,
      fixState: 'postponed',
      fixedVersion: null,
      fixReason: 'revisit when fixed upstream',
      cvss: null,
      epss: null,
      kev: null,
      lastSeenAt: '2025-03-02T12:00:00.000Z',
    });
    assert.equal(ocsf.activity_id, 2);
    assert.deepEqual((ocsf.metadata as { product: unknown }).product, {
      name: 'Vigil',
      vendor_name: 'Vigil',
    });
    const [vuln] = ocsf.vulnerabilities as Record<string, unknown>[];
    assert.ok(vuln);
    assert.deepEqual((vuln.cve as { cvss: unknown }).cvss, []);
    assert.equal((vuln.cve as { epss?: unknown }).epss, undefined);
    assert.equal((vuln.affected_packages as Record<string, unknown>[])[0]?.fixed_in_version, undefined);
    assert.equal(vuln.is_fix_available, false);
    assert.equal(vuln.is_exploit_available, false);
    assert.deepEqual(vuln.remediation, { desc: 'revisit when fixed upstream' });
  });

  test('a resolved finding closes: activity Close, status Resolved, time of resolution', () => {
    const ocsf = toOcsfVulnerabilityFinding({
      ...finding,
      status: 'resolved',
      resolvedAt: '2025-03-03T00:00:00.000Z',
    });
    assert.equal(ocsf.activity_id, 3);
    assert.equal(ocsf.status_id, 4);
    assert.equal(ocsf.time, Date.parse('2025-03-03T00:00:00.000Z'));
  });
});

describe('packagePurl', () => {
  test('deb, apk and rpm with the distribution from the ecosystem', () => {
    const pkg = finding.package;
    assert.equal(
      packagePurl({ ...pkg, name: 'libc6', version: '2.36-9+deb12u4', ecosystem: 'Debian:12' }),
      'pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?distro=debian-12',
    );
    assert.equal(
      packagePurl({ ...pkg, name: 'openssl', version: '3.0.2-0ubuntu1.15', ecosystem: 'Ubuntu:22.04:LTS' }),
      'pkg:deb/ubuntu/openssl@3.0.2-0ubuntu1.15?distro=ubuntu-22.04',
    );
    assert.equal(
      packagePurl({ ...pkg, manager: 'apk', name: 'musl', version: '1.2.4-r2', ecosystem: 'Alpine:v3.19' }),
      'pkg:apk/alpine/musl@1.2.4-r2?distro=alpine-3.19',
    );
    assert.equal(
      packagePurl({ ...pkg, manager: 'rpm', name: 'bash', version: '5.1.8-6.el9', ecosystem: 'Red Hat' }),
      'pkg:rpm/redhat/bash@5.1.8-6.el9',
    );
    assert.equal(
      packagePurl({ ...pkg, name: 'a/b@c?d#e f', version: '1', ecosystem: 'Debian:12' }),
      'pkg:deb/debian/a%2Fb%40c%3Fd%23e%20f@1?distro=debian-12',
    );
  });
});

describe('findingsSarif', () => {
  test('one rule per vulnerability at its highest severity, one located result per finding', () => {
    const other = {
      ...finding,
      id: 'ffffffffffffffffffffffffffffffff',
      hostname: 'web-2',
      severity: 'high' as const,
      kev: null,
      fixState: 'unfixed' as const,
      fixedVersion: null,
    };
    const log = findingsSarif([finding, other], { version: '1.0.0' }) as {
      version: string;
      runs: {
        tool: { driver: { name: string; rules: Record<string, unknown>[] } };
        results: Record<string, unknown>[];
      }[];
    };
    assert.equal(log.version, '2.1.0');
    const [run] = log.runs;
    assert.ok(run);
    assert.equal(run.tool.driver.name, 'vigil-vuln');
    assert.equal(run.tool.driver.rules.length, 1);
    const [rule] = run.tool.driver.rules;
    assert.ok(rule);
    assert.equal(rule.id, 'CVE-2014-3616');
    assert.deepEqual(rule.defaultConfiguration, { level: 'error' });
    assert.equal(run.results.length, 2);
    const [first, second] = run.results;
    assert.ok(first && second);
    assert.equal(first.level, 'warning');
    assert.deepEqual(first.message, {
      text: 'CVE-2014-3616 in nginx-full 1:1.2.1-2.2+wheezy2 on web-1: fixed in 1.2.1-2.2+wheezy3',
    });
    assert.deepEqual(first.partialFingerprints, { 'vigilFinding/v1': finding.id });
    assert.deepEqual((first.locations as unknown[])[0], {
      physicalLocation: { artifactLocation: { uri: 'var/lib/dpkg/status' } },
      logicalLocations: [{ name: 'nginx-full', kind: 'package' }],
    });
    assert.equal((first.properties as Record<string, unknown>)['security-severity'], '4.8');
    assert.equal(second.level, 'error');
    assert.match((second.message as { text: string }).text, /on web-2: no fix yet$/);
  });
});

describe('findingsCsv', () => {
  test('RFC 4180: a header, CRLF rows, quoting only where needed', () => {
    const csv = findingsCsv([
      { ...finding, vulnerability: { ...finding.vulnerability, title: 'say "hi", then\nleave' } },
    ]);
    const lines = csv.split('\r\n');
    assert.equal(lines.at(-1), '');
    assert.match(lines[0] ?? '', /^risk,severity,vulnerability,title,host,/);
    assert.match(
      csv,
      /^64\.5,medium,CVE-2014-3616,"say ""hi"", then\nleave",web-1,agent-1,dpkg,nginx-full,/m,
    );
    assert.match(csv, /,true,2025-03-05,false,/);
    assert.equal(findingsCsv([]), `${lines[0]}\r\n`);
  });

  test('cells that would start a spreadsheet formula are neutralised', () => {
    const hostile = {
      ...finding,
      hostname: '=HYPERLINK("http://evil","x")',
      fixReason: '+1+cmd|"/c calc"!A0',
      vulnerability: { ...finding.vulnerability, title: '@SUM(A1)', aliases: ['-2+3'] },
      package: { ...finding.package, name: '\tcmd' },
    };
    const csv = findingsCsv([hostile]);
    assert.ok(csv.includes(`"'=HYPERLINK(""http://evil"",""x"")"`));
    assert.ok(csv.includes(`"'+1+cmd|""/c calc""!A0"`));
    assert.ok(csv.includes(",'@SUM(A1),"));
    assert.ok(csv.includes(",'-2+3,"));
    assert.ok(csv.includes(",'\tcmd,"));
    for (const cell of csv.split('\r\n')[1]?.split(',') ?? []) assert.doesNotMatch(cell, /^[=+\-@\t]/);
  });
});
