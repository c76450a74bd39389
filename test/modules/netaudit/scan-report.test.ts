import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildScanReport, type ScanResults } from '../../../src/modules/netaudit/build-scan-report.ts';
import { compareAddresses } from '../../../src/modules/netaudit/compare-addresses.ts';
import { planChecks } from '../../../src/modules/netaudit/plan-checks.ts';
import { scanReportSarif } from '../../../src/modules/netaudit/scan-report-sarif.ts';
import type { NetFinding, PortResult, ServiceInfo } from '../../../src/protocol/netscan.ts';

const finding = (
  check: string,
  severity: NetFinding['severity'],
  address: string,
  port?: number,
): NetFinding => ({
  check,
  title: `${check} title`,
  severity,
  address,
  ...(port === undefined ? {} : { port, transport: 'tcp' as const }),
  evidence: `${check} seen`,
  remediation: `fix ${check}`,
});

const open = (address: string, port: number): PortResult => ({
  address,
  port,
  transport: 'tcp',
  state: 'open',
  reason: 'syn-ack',
});

const service = (
  address: string,
  port: number,
  name: ServiceInfo['service'],
  extra: Partial<ServiceInfo> = {},
) =>
  ({
    address,
    port,
    transport: 'tcp',
    service: name,
    tls: false,
    method: 'probe',
    ...extra,
  }) satisfies ServiceInfo;

function results(overrides: Partial<ScanResults> = {}): ScanResults {
  return {
    request: {
      targets: ['web.example', '10.0.0.0/30'],
      scope: ['10.0.0.0/8'],
      exclude: [],
      ports: '22,443',
      checks: ['tls'],
    },
    startedAt: new Date('2026-11-26T07:00:00Z'),
    finishedAt: new Date('2026-11-26T07:00:05Z'),
    addresses: [
      { address: '10.0.0.10', names: [] },
      { address: '10.0.0.9', names: ['web.example'] },
      { address: '10.0.0.2', names: [] },
    ],
    up: new Map([
      ['10.0.0.10', 'syn-ack'],
      ['10.0.0.9', 'target-given'],
    ]),
    ports: [
      open('10.0.0.9', 443),
      open('10.0.0.10', 22),
      open('10.0.0.9', 22),
      { address: '10.0.0.9', port: 80, transport: 'tcp', state: 'closed', reason: 'conn-refused' },
    ],
    probes: 5,
    services: [service('10.0.0.9', 443, 'http', { tls: true }), service('10.0.0.9', 22, 'ssh')],
    tls: [],
    ssh: [],
    http: [],
    findings: [
      finding('tls.cert-self-signed', 'medium', '10.0.0.9', 443),
      finding('ssh.password-auth', 'medium', '10.0.0.10', 22),
      finding('exposure.redis-no-auth', 'high', '10.0.0.10', 6379),
      finding('tls.protocol-tls1.0', 'medium', '10.0.0.9', 443),
      finding('ssh.password-auth', 'medium', '10.0.0.9', 22),
    ],
    outOfScope: ['192.0.2.1'],
    unresolved: [],
    unspecified: [],
    errors: [
      { stage: 'tls', address: '10.0.0.9', port: 443, message: 'timed out' },
      { stage: 'service', address: '10.0.0.9', port: 22, message: 'reset' },
    ],
    ...overrides,
  };
}

describe('buildScanReport', () => {
  test('lists up hosts by address with their open ports and services by port', () => {
    const report = buildScanReport(results());
    assert.deepEqual(
      report.hosts.map((h) => [h.address, h.names, h.upReason]),
      [
        ['10.0.0.9', ['web.example'], 'target-given'],
        ['10.0.0.10', [], 'syn-ack'],
      ],
    );
    const [web] = report.hosts;
    assert.ok(web);
    assert.deepEqual(
      web.ports.map((p) => p.port),
      [22, 443],
    );
    assert.deepEqual(
      web.services.map((s) => s.port),
      [22, 443],
    );
    assert.deepEqual(report.stats, { addresses: 3, hostsUp: 2, probes: 5, openPorts: 3, outOfScope: 1 });
    assert.deepEqual(report.outOfScope, ['192.0.2.1']);
    assert.equal(report.startedAt, '2026-11-26T07:00:00.000Z');
    assert.equal(report.ports, '22,443');
  });

  test('orders findings by severity, then address, port and check, naming the host it was given as', () => {
    const report = buildScanReport(results());
    assert.deepEqual(
      report.findings.map((f) => [f.severity, f.address, f.port, f.check, f.host]),
      [
        ['high', '10.0.0.10', 6379, 'exposure.redis-no-auth', undefined],
        ['medium', '10.0.0.9', 22, 'ssh.password-auth', 'web.example'],
        ['medium', '10.0.0.9', 443, 'tls.cert-self-signed', 'web.example'],
        ['medium', '10.0.0.9', 443, 'tls.protocol-tls1.0', 'web.example'],
        ['medium', '10.0.0.10', 22, 'ssh.password-auth', undefined],
      ],
    );
    assert.deepEqual(
      report.errors?.map((e) => [e.port, e.stage]),
      [
        [22, 'service'],
        [443, 'tls'],
      ],
    );
  });

  test('the same results in another order give the same report', () => {
    const a = results();
    const b = results({
      addresses: [...a.addresses].reverse(),
      ports: [...a.ports].reverse(),
      services: [...a.services].reverse(),
      findings: [...a.findings].reverse(),
      errors: [...a.errors].reverse(),
    });
    assert.deepEqual(buildScanReport(b), buildScanReport(a));
  });
});

test('compareAddresses orders numerically, IPv4 before IPv6', () => {
  const sorted = [
    '::1',
    '10.0.0.10',
    'fe80::1',
    '10.0.0.9',
    '2001:db8::1',
    '::ffff:10.0.0.1',
    '9.255.0.1',
  ].sort(compareAddresses);
  assert.deepEqual(sorted, [
    '9.255.0.1',
    '10.0.0.9',
    '10.0.0.10',
    '::1',
    '::ffff:10.0.0.1',
    '2001:db8::1',
    'fe80::1',
  ]);
});

describe('planChecks', () => {
  const all = ['tls', 'ssh', 'http', 'exposure'] as const;
  const families = (s: ServiceInfo, host?: string) => planChecks(s, all, host);

  test('HTTPS gets TLS with the name as SNI, HTTP with it as Host, and exposure', () => {
    assert.deepEqual(families(service('10.0.0.9', 443, 'http', { tls: true }), 'web.example'), [
      { family: 'tls', address: '10.0.0.9', port: 443, serverName: 'web.example' },
      { family: 'http', address: '10.0.0.9', port: 443, tls: true, host: 'web.example' },
      { family: 'exposure', address: '10.0.0.9', port: 443, host: 'web.example' },
    ]);
  });

  test('STARTTLS services get a TLS audit through their upgrade; others only when they offer it', () => {
    assert.deepEqual(planChecks(service('10.0.0.9', 5432, 'postgresql', { starttls: true }), ['tls']), [
      { family: 'tls', address: '10.0.0.9', port: 5432, starttls: 'postgresql' },
    ]);
    assert.deepEqual(planChecks(service('10.0.0.9', 25, 'smtp', { starttls: false }), ['tls']), []);
    assert.deepEqual(planChecks(service('10.0.0.9', 6379, 'redis', { starttls: true }), ['tls']), []);
  });

  test('SSH only on SSH, and only the families asked for', () => {
    assert.deepEqual(
      families(service('10.0.0.9', 22, 'ssh')).map((c) => c.family),
      ['ssh', 'exposure'],
    );
    assert.deepEqual(planChecks(service('10.0.0.9', 22, 'ssh'), ['http', 'tls']), []);
    assert.deepEqual(
      families({ ...service('10.0.0.9', 53, 'dns'), transport: 'udp' }).map((c) => c.family),
      ['exposure'],
    );
  });
});

test('SARIF: one rule per check at its highest severity, results located at their endpoints', () => {
  const report = buildScanReport(
    results({
      findings: [
        finding('ssh.password-auth', 'low', '10.0.0.10', 22),
        finding('ssh.password-auth', 'medium', '10.0.0.9', 22),
        { ...finding('tls.cert-expired', 'high', '2001:db8::1', 443), host: 'v6.example' },
      ],
    }),
  );
  const sarif = scanReportSarif(report, { version: '1.2.3' });
  const run = sarif.runs[0];
  assert.ok(run);
  assert.deepEqual(
    run.tool.driver.rules.map((r) => [r.id, r.defaultConfiguration.level]),
    [
      ['tls.cert-expired', 'error'],
      ['ssh.password-auth', 'warning'],
    ],
  );
  const results_ = run.results as {
    ruleId: string;
    message: { text: string };
    locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
    partialFingerprints: Record<string, string>;
  }[];
  assert.deepEqual(
    results_.map((r) => [r.ruleId, r.locations[0]?.physicalLocation.artifactLocation.uri]),
    [
      ['tls.cert-expired', 'tcp://[2001:db8::1]:443'],
      ['ssh.password-auth', 'tcp://10.0.0.9:22'],
      ['ssh.password-auth', 'tcp://10.0.0.10:22'],
    ],
  );
  assert.equal(results_[0]?.message.text, 'tls.cert-expired title on v6.example:443: tls.cert-expired seen');
  assert.equal(results_[1]?.partialFingerprints['vigilNetFinding/v1'], 'ssh.password-auth|10.0.0.9|tcp|22');
  assert.equal(run.invocations[0]?.toolExecutionNotifications.length, 2);
});
