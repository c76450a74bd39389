import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import {
  buildFinding,
  defaultSla,
  type FindingContext,
} from '../../../src/modules/vuln-scan/build-finding.ts';
import type { PackageMatch } from '../../../src/modules/vuln-match/package-match.ts';
import { VulnFinding } from '../../../src/protocol/vuln-api.ts';
import type { EpssEntry, KevEntry } from '../../../src/protocol/vuln.ts';

const now = new Date('2025-03-01T12:00:00.000Z');

const nginx: PackageMatch = {
  vulnerabilityId: 'CVE-2014-3616',
  advisories: ['DSA-3029-1'],
  aliases: [],
  title: 'nginx - security update',
  references: ['https://www.debian.org/security/2014/dsa-3029'],
  package: {
    manager: 'dpkg',
    name: 'nginx',
    version: '1.2.1-2.2+wheezy2',
    architecture: 'amd64',
    source: 'nginx',
    sourceVersion: '1.2.1-2.2+wheezy2',
    status: 'install ok installed',
  },
  ecosystem: 'Debian:7',
  fixState: 'fixed',
  fixedVersion: '1.2.1-2.2+wheezy3',
  fixReason: null,
  cvss: [],
  severityText: null,
};

const kevEntry: KevEntry = {
  cve: 'CVE-2014-3616',
  dateAdded: '2025-02-20',
  dueDate: '2025-03-05',
  knownRansomware: true,
  vendor: 'F5',
  product: 'nginx',
  name: 'nginx SSL session reuse',
};
const epssEntry: EpssEntry = { cve: 'CVE-2014-3616', epss: 0.5, percentile: 0.97 };

function context(overrides: Partial<FindingContext> = {}): FindingContext {
  return {
    agentId: 'agent-1',
    hostname: 'web-1',
    now,
    kev: () => undefined,
    epss: () => undefined,
    sla: defaultSla,
    ...overrides,
  };
}

describe('buildFinding', () => {
  test('a fixed Debian finding with no vector: medium, SLA from now, stable id', () => {
    const finding = buildFinding(nginx, context());
    VulnFinding.parse(finding);
    const id = createHash('sha256').update('agent-1\0dpkg\0nginx\0CVE-2014-3616').digest('hex').slice(0, 32);
    assert.deepEqual(finding, {
      id,
      agentId: 'agent-1',
      hostname: 'web-1',
      vulnerability: {
        id: 'CVE-2014-3616',
        advisories: ['DSA-3029-1'],
        aliases: [],
        title: 'nginx - security update',
        references: ['https://www.debian.org/security/2014/dsa-3029'],
      },
      package: {
        manager: 'dpkg',
        name: 'nginx',
        version: '1.2.1-2.2+wheezy2',
        source: 'nginx',
        sourceVersion: '1.2.1-2.2+wheezy2',
        ecosystem: 'Debian:7',
      },
      fixState: 'fixed',
      fixedVersion: '1.2.1-2.2+wheezy3',
      fixReason: null,
      cvss: null,
      severity: 'medium',
      epss: null,
      kev: null,
      risk: 22.05,
      dueAt: '2025-05-30T12:00:00.000Z',
      overdue: false,
      status: 'open',
      firstSeenAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      resolvedAt: null,
    });
    assert.equal(buildFinding(nginx, context({ now: new Date('2026-01-01T00:00:00Z') })).id, id);
    assert.notEqual(buildFinding(nginx, context({ agentId: 'agent-2' })).id, id);
  });

  test('CVSS: 4.0 over 3.1 over 3.0, the highest score within a version, v2 and invalid vectors skipped', () => {
    const v30 = 'CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N';
    const v31high = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
    const v31low = 'CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N';
    const v40 = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';
    const cvssOf = (cvss: PackageMatch['cvss']) => buildFinding({ ...nginx, cvss }, context()).cvss;

    assert.deepEqual(cvssOf([{ type: 'CVSS_V3', vector: v30 }]), {
      version: '3.0',
      vector: v30,
      baseScore: 5.9,
      severity: 'medium',
    });
    assert.deepEqual(
      cvssOf([
        { type: 'CVSS_V3', vector: v31low },
        { type: 'CVSS_V3', vector: v30 },
        { type: 'CVSS_V3', vector: v31high },
      ]),
      { version: '3.1', vector: v31high, baseScore: 9.8, severity: 'critical' },
    );
    assert.equal(
      cvssOf([
        { type: 'CVSS_V3', vector: v31high },
        { type: 'CVSS_V4', vector: v40 },
      ])?.version,
      '4.0',
    );
    assert.equal(
      cvssOf([
        { type: 'CVSS_V2', vector: 'AV:N/AC:L/Au:N/C:P/I:P/A:P' },
        { type: 'CVSS_V3', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:X' },
        { type: 'CVSS_V3', vector: 'not a vector' },
      ]),
      null,
    );
    const none = buildFinding(
      { ...nginx, cvss: [{ type: 'CVSS_V3', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N' }] },
      context(),
    );
    assert.equal(none.cvss?.severity, 'informational');
    assert.equal(none.severity, 'informational');
  });

  test('severity from CVSS first, then the feed word, then medium', () => {
    const severityOf = (match: Partial<PackageMatch>) =>
      buildFinding({ ...nginx, ...match }, context()).severity;
    assert.equal(
      severityOf({
        cvss: [{ type: 'CVSS_V3', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
        severityText: 'low',
      }),
      'critical',
    );
    assert.equal(severityOf({ severityText: 'low**' }), 'low');
    assert.equal(severityOf({ severityText: 'unimportant' }), 'informational');
    assert.equal(severityOf({ severityText: 'negligible' }), 'informational');
    assert.equal(severityOf({ severityText: 'not yet assigned' }), 'medium');
  });

  test('EPSS and KEV joined on the CVE; a KEV due date sooner than the SLA wins', () => {
    const finding = buildFinding(
      { ...nginx, cvss: [{ type: 'CVSS_V3', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }] },
      context({
        kev: (cve) => (cve === kevEntry.cve ? kevEntry : undefined),
        epss: (cve) => (cve === epssEntry.cve ? epssEntry : undefined),
      }),
    );
    assert.deepEqual(finding.kev, { dateAdded: '2025-02-20', dueDate: '2025-03-05', knownRansomware: true });
    assert.deepEqual(finding.epss, { score: 0.5, percentile: 0.97 });
    // critical: 7 days from now would be 2025-03-08; CISA's date comes first.
    assert.equal(finding.dueAt, '2025-03-05T00:00:00.000Z');
    assert.equal(finding.risk, 4 * 9.8 + 7.5 + 45 + 0.05);

    const later = { ...kevEntry, dueDate: '2025-12-31' };
    assert.equal(buildFinding(nginx, context({ kev: () => later })).dueAt, '2025-05-30T12:00:00.000Z');
    const garbled = { ...kevEntry, dueDate: 'soon' };
    assert.equal(buildFinding(nginx, context({ kev: () => garbled })).dueAt, '2025-05-30T12:00:00.000Z');
  });

  test('the SLA runs from first seen, and a finding past it is overdue', () => {
    const finding = buildFinding(
      { ...nginx, severityText: 'high' },
      context({ firstSeenAt: '2025-01-01T00:00:00.000Z', sla: { ...defaultSla, high: 10 } }),
    );
    assert.equal(finding.firstSeenAt, '2025-01-01T00:00:00.000Z');
    assert.equal(finding.lastSeenAt, now.toISOString());
    assert.equal(finding.dueAt, '2025-01-11T00:00:00.000Z');
    assert.equal(finding.overdue, true);
  });

  test('no fix: the state and reason carry through and the risk has no tie-break bonus', () => {
    const finding = buildFinding(
      { ...nginx, fixState: 'no-dsa', fixedVersion: null, fixReason: 'Minor issue', severityText: 'low' },
      context(),
    );
    assert.equal(finding.fixState, 'no-dsa');
    assert.equal(finding.fixReason, 'Minor issue');
    assert.equal(finding.risk, 12);
  });

  test('defaultSla is the configuration default', () => {
    assert.deepEqual(defaultSla, { critical: 7, high: 30, medium: 90, low: 180, informational: 365 });
  });
});
