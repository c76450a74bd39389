import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createAlertSink } from '../../../src/modules/alerts/create-alert-sink.ts';
import { getNetHost } from '../../../src/modules/netscans/get-net-host.ts';
import { getScanDetail } from '../../../src/modules/netscans/get-scan-detail.ts';
import { listExposure } from '../../../src/modules/netscans/list-exposure.ts';
import { getNetFinding, listNetFindings } from '../../../src/modules/netscans/list-net-findings.ts';
import { listScans } from '../../../src/modules/netscans/list-scans.ts';
import { pruneScans } from '../../../src/modules/netscans/prune-scans.ts';
import type { PlannedScan } from '../../../src/modules/netscans/plan-scan.ts';
import { queueScan } from '../../../src/modules/netscans/queue-scan.ts';
import { scanAlerts } from '../../../src/modules/netscans/scan-alerts.ts';
import { storeScanResult } from '../../../src/modules/netscans/store-scan-result.ts';
import { updateNetFinding } from '../../../src/modules/netscans/update-net-finding.ts';
import { fixedClock } from '../../../src/platform/clock.ts';
import { systemRandom } from '../../../src/platform/ids.ts';
import { NetExposureQuery, NetFindingQuery, NetScanListQuery } from '../../../src/protocol/netscan-api.ts';
import type { ScanReport } from '../../../src/protocol/netscan.ts';
import { describeEachDialect, type TestDatabase } from '../../helpers/test-database.ts';
import { finding, host, report } from './scan-report-fixture.ts';

const dmz: PlannedScan = {
  group: 'dmz',
  targets: ['10.0.0.0/24'],
  ports: '22,80,443,6379',
  checks: ['tls', 'ssh', 'http', 'exposure'],
  internetFacing: true,
};
const scanned = new Set([22, 80, 443, 6379]);

async function store(t: TestDatabase, plan: PlannedScan, scan: ScanReport, ports = scanned) {
  const { db } = t.database;
  const queued = await queueScan(
    db,
    plan,
    { requestedBy: 'alice', trigger: 'manual' },
    new Date(scan.startedAt),
    systemRandom,
  );
  await db
    .updateTable('net_scans')
    .set({ status: 'running', started_at: scan.startedAt })
    .where('id', '=', queued.id)
    .execute();
  const result = await storeScanResult(db, queued.id, scan, {
    scannedPorts: ports,
    now: new Date(scan.finishedAt),
  });
  return { id: queued.id, result };
}

const first = report(
  [
    host(
      '10.0.0.5',
      [
        { port: 22, service: { service: 'ssh', product: 'OpenSSH', version: '9.2p1' } },
        { port: 80, service: { service: 'http', product: 'nginx', version: '1.22.1' } },
        { port: 443, service: { service: 'http', tls: true, product: 'nginx' }, cert: 'aa'.repeat(32) },
      ],
      { names: ['web.example'] },
    ),
    host('10.0.0.6', [{ port: 22, service: { service: 'ssh', product: 'OpenSSH', version: '9.2p1' } }]),
  ],
  [
    finding('tls.protocol-tls1.0', '10.0.0.5', 443, 'medium'),
    finding('ssh.password-auth', '10.0.0.5', 22, 'low'),
    finding('ssh.password-auth', '10.0.0.6', 22, 'low'),
    finding('http.header-missing-csp', '10.0.0.5', 80, 'low'),
  ],
  { finishedAt: '2026-11-20T03:00:00.000Z' },
);

// 22 on .5 closed, Redis opened without auth, nginx upgraded, a new certificate, TLS 1.0 gone; .6 down.
const second = report(
  [
    host(
      '10.0.0.5',
      [
        { port: 80, service: { service: 'http', product: 'nginx', version: '1.24.0' } },
        { port: 443, service: { service: 'http', tls: true, product: 'nginx' }, cert: 'bb'.repeat(32) },
        { port: 6379, service: { service: 'redis', product: 'Redis', version: '7.0.15', auth: 'none' } },
      ],
      { names: ['web.example'] },
    ),
    host('10.0.0.6', [], { up: false }),
  ],
  [
    finding('http.header-missing-csp', '10.0.0.5', 80, 'low'),
    finding('exposure.redis-no-auth', '10.0.0.5', 6379, 'critical'),
  ],
  { finishedAt: '2026-11-21T03:00:00.000Z' },
);

describeEachDialect('network scan storage, diff and lifecycle', (_dialect, fresh) => {
  test('a first scan opens findings and fills the inventory, with nothing to compare', async () => {
    const t = await fresh();
    const { id, result } = await store(t, dmz, first);
    assert.equal(result.previousScanId, null);
    assert.deepEqual(result.changes, []);
    assert.equal(result.opened.length, 4);
    assert.deepEqual(result.resolved, []);
    const detail = await getScanDetail(t.database.db, id);
    assert.equal(detail.status, 'done');
    assert.equal(detail.report?.hosts.length, 2);
    assert.deepEqual(detail.stats?.bySeverity, { informational: 0, low: 3, medium: 1, high: 0, critical: 0 });
    const exposure = await listExposure(t.database.db, NetExposureQuery.parse({}));
    assert.deepEqual(
      exposure.endpoints.map((e) => [
        e.address,
        e.port,
        e.service,
        e.product,
        e.version,
        e.findings,
        e.maxSeverity,
      ]),
      [
        ['10.0.0.5', 22, 'ssh', 'OpenSSH', '9.2p1', 1, 'low'],
        ['10.0.0.5', 80, 'http', 'nginx', '1.22.1', 1, 'low'],
        ['10.0.0.5', 443, 'http', 'nginx', null, 1, 'medium'],
        ['10.0.0.6', 22, 'ssh', 'OpenSSH', '9.2p1', 1, 'low'],
      ],
    );
  });

  test('the next scan of the group: changes, resolved and new findings, inventory and alerts', async () => {
    const t = await fresh();
    const { db } = t.database;
    const one = await store(t, dmz, first);
    const two = await store(t, dmz, second);
    assert.equal(two.result.previousScanId, one.id);
    assert.deepEqual(
      two.result.changes.map((c) => [c.kind, c.address, c.port, c.before, c.after, c.severity]),
      [
        ['port-closed', '10.0.0.5', 22, 'ssh OpenSSH 9.2p1', null, 'informational'],
        ['service-changed', '10.0.0.5', 80, 'http nginx 1.22.1', 'http nginx 1.24.0', 'low'],
        ['certificate-changed', '10.0.0.5', 443, 'aa'.repeat(32), 'bb'.repeat(32), 'low'],
        ['new-open-port', '10.0.0.5', 6379, null, 'redis Redis 7.0.15', 'high'],
      ],
    );
    // TLS 1.0 and .5's password auth are gone; .6 was down, so its finding stays open.
    assert.deepEqual(two.result.resolved.map((f) => [f.check, f.address]).sort(), [
      ['ssh.password-auth', '10.0.0.5'],
      ['tls.protocol-tls1.0', '10.0.0.5'],
    ]);
    // Each change is a finding of its own, opened by the scan that saw it.
    assert.deepEqual(
      two.result.opened.map((f) => [f.check, f.port, f.status, f.firstScanId]),
      [
        ['exposure.redis-no-auth', 6379, 'open', two.id],
        ['netscan.port-closed', 22, 'open', two.id],
        ['netscan.service-changed', 80, 'open', two.id],
        ['netscan.certificate-changed', 443, 'open', two.id],
        ['netscan.new-open-port', 6379, 'open', two.id],
      ],
    );
    const open = await listNetFindings(db, NetFindingQuery.parse({}));
    // Worst first; rows of one severity and last-seen time come in id order.
    const rows = open.findings.map((f) => [f.check, f.address, f.port, f.severity].join(' '));
    assert.deepEqual(
      open.findings.map((f) => f.severity),
      ['critical', 'high', 'low', 'low', 'low', 'low', 'informational'],
    );
    assert.deepEqual(rows.sort(), [
      'exposure.redis-no-auth 10.0.0.5 6379 critical',
      'http.header-missing-csp 10.0.0.5 80 low',
      'netscan.certificate-changed 10.0.0.5 443 low',
      'netscan.new-open-port 10.0.0.5 6379 high',
      'netscan.port-closed 10.0.0.5 22 informational',
      'netscan.service-changed 10.0.0.5 80 low',
      'ssh.password-auth 10.0.0.6 22 low',
    ]);
    const csp = open.findings.find((f) => f.check === 'http.header-missing-csp');
    assert.ok(csp);
    assert.equal(csp.firstScanId, one.id);
    assert.equal(csp.lastScanId, two.id);

    const exposure = await listExposure(db, NetExposureQuery.parse({ open: 'all', address: '10.0.0.5' }));
    assert.deepEqual(
      exposure.endpoints.map((e) => [e.port, e.open, e.firstSeenAt.slice(0, 10), e.lastSeenAt.slice(0, 10)]),
      [
        [22, false, '2026-11-20', '2026-11-20'],
        [80, true, '2026-11-20', '2026-11-21'],
        [443, true, '2026-11-20', '2026-11-21'],
        [6379, true, '2026-11-21', '2026-11-21'],
      ],
    );
    const certificates = await db
      .selectFrom('net_certificates')
      .select(['port', 'sha256'])
      .orderBy('first_seen')
      .execute();
    assert.deepEqual(certificates, [
      { port: 443, sha256: 'aa'.repeat(32) },
      { port: 443, sha256: 'bb'.repeat(32) },
    ]);

    // New open port, new certificate and the new critical finding become alerts, each once: the
    // high new-open-port finding is not alerted again as a finding.
    const sink = createAlertSink(db, fixedClock(new Date('2026-11-21T03:00:01Z')));
    const names = new Map(second.hosts.map((h) => [h.address, h.names]));
    for (const alert of scanAlerts(two.result, {
      scanId: two.id,
      group: 'dmz',
      at: Date.parse(second.finishedAt),
      names,
    }))
      await sink.record(alert);
    const alerts = await db
      .selectFrom('alerts')
      .select(['rule_id', 'severity', 'host', 'rule_title'])
      .orderBy('rule_id')
      .execute();
    assert.deepEqual(alerts, [
      {
        rule_id: 'netscan.certificate-changed',
        severity: 'low',
        host: 'web.example',
        rule_title: 'Certificate changed on web.example',
      },
      {
        rule_id: 'netscan.finding:exposure.redis-no-auth',
        severity: 'critical',
        host: 'web.example',
        rule_title: 'exposure.redis-no-auth title on web.example',
      },
      {
        rule_id: 'netscan.new-open-port',
        severity: 'high',
        host: 'web.example',
        rule_title: 'New open port on web.example',
      },
    ]);

    const scans = await listScans(db, NetScanListQuery.parse({ group: 'dmz' }));
    assert.equal(scans.total, 2);
    assert.deepEqual(scans.scans[0]?.stats?.changes, {
      'new-open-port': 1,
      'port-closed': 1,
      'new-service': 0,
      'service-changed': 1,
      'certificate-changed': 1,
    });
    const detail = await getScanDetail(db, two.id);
    assert.deepEqual(
      detail.newFindings.map((f) => f.check),
      [
        'exposure.redis-no-auth',
        'netscan.new-open-port',
        'netscan.certificate-changed',
        'netscan.service-changed',
        'netscan.port-closed',
      ],
    );
    assert.deepEqual(detail.resolvedFindings.map((f) => f.check).sort(), [
      'ssh.password-auth',
      'tls.protocol-tls1.0',
    ]);

    const web = await getNetHost(db, '10.0.0.5');
    assert.deepEqual(web.names, ['web.example']);
    assert.deepEqual(
      web.services.map((s) => [s.port, s.open]),
      [
        [80, true],
        [443, true],
        [6379, true],
        [22, false],
      ],
    );
    assert.deepEqual(
      web.history.map((h) => [h.scanId, h.openPorts]),
      [
        [two.id, [80, 443, 6379]],
        [one.id, [22, 80, 443]],
      ],
    );
  });

  test('a resolved finding that comes back is reopened; a different program on a port is a new service', async () => {
    const t = await fresh();
    await store(t, dmz, first);
    await store(t, dmz, second);
    const third = report(
      [
        host('10.0.0.5', [
          { port: 22, service: { service: 'telnet' } },
          { port: 80, service: { service: 'http', product: 'nginx', version: '1.24.0' } },
          { port: 443, service: { service: 'http', tls: true, product: 'nginx' }, cert: 'bb'.repeat(32) },
          { port: 6379, service: { service: 'redis', product: 'Redis', version: '7.0.15', auth: 'none' } },
        ]),
      ],
      [
        finding('tls.protocol-tls1.0', '10.0.0.5', 443, 'high'),
        finding('exposure.redis-no-auth', '10.0.0.5', 6379, 'critical'),
      ],
      { finishedAt: '2026-11-22T03:00:00.000Z' },
    );
    const three = await store(t, dmz, third);
    assert.deepEqual(
      three.result.changes.map((c) => [c.kind, c.port]),
      [['new-open-port', 22]],
    );
    assert.deepEqual(
      three.result.opened.map((f) => [f.check, f.port, f.reopened, f.severity]),
      [
        ['tls.protocol-tls1.0', 443, 1, 'high'],
        ['netscan.new-open-port', 22, 0, 'high'],
      ],
    );
    // Port 22 open again makes its closing moot.
    assert.deepEqual(
      three.result.resolved.map((f) => [f.check, f.port]),
      [
        ['http.header-missing-csp', 80],
        ['netscan.port-closed', 22],
      ],
    );

    const fourth = report(
      [host('10.0.0.5', [{ port: 22, service: { service: 'ssh', product: 'OpenSSH' } }])],
      [],
      { finishedAt: '2026-11-23T03:00:00.000Z' },
    );
    const four = await store(t, dmz, fourth);
    assert.deepEqual(
      four.result.changes.filter((c) => c.port === 22).map((c) => [c.kind, c.before, c.after, c.severity]),
      [['new-service', 'telnet', 'ssh OpenSSH', 'high']],
    );
    // 80, 443 and 6379 closed: what changed on them while open is moot, their closing is new.
    assert.deepEqual(
      four.result.resolved.filter((f) => f.check.startsWith('netscan.')).map((f) => [f.check, f.port]),
      [
        ['netscan.service-changed', 80],
        ['netscan.certificate-changed', 443],
        ['netscan.new-open-port', 6379],
      ],
    );
    assert.deepEqual(
      four.result.opened.map((f) => [f.check, f.port, f.severity]),
      [
        ['netscan.new-service', 22, 'high'],
        ['netscan.port-closed', 80, 'informational'],
        ['netscan.port-closed', 443, 'informational'],
        ['netscan.port-closed', 6379, 'informational'],
      ],
    );
    const changes = await listNetFindings(t.database.db, NetFindingQuery.parse({ check: 'netscan' }));
    assert.deepEqual(changes.findings.map((f) => [f.check, f.port, f.evidence]).sort(), [
      ['netscan.new-open-port', 22, '10.0.0.5:22/tcp before: not open; after: open (telnet)'],
      ['netscan.new-service', 22, '10.0.0.5:22/tcp before: telnet; after: ssh OpenSSH'],
      ['netscan.port-closed', 443, '10.0.0.5:443/tcp before: open (http+tls nginx); after: not open'],
      ['netscan.port-closed', 6379, '10.0.0.5:6379/tcp before: open (redis Redis 7.0.15); after: not open'],
      ['netscan.port-closed', 80, '10.0.0.5:80/tcp before: open (http nginx 1.24.0); after: not open'],
    ]);
  });

  test('users acknowledge and resolve findings; scans keep, resolve or reopen them by their kind', async () => {
    const t = await fresh();
    const { db } = t.database;
    await store(t, dmz, first);
    const two = await store(t, dmz, second);
    const byCheck = (result: typeof two.result, check: string) => {
      const found = result.opened.find((f) => f.check === check);
      assert.ok(found, check);
      return found;
    };
    const certificate = byCheck(two.result, 'netscan.certificate-changed');
    assert.deepEqual(
      {
        title: certificate.title,
        severity: certificate.severity,
        host: certificate.host,
        evidence: certificate.evidence,
        remediation: certificate.remediation,
        tags: certificate.tags,
      },
      {
        title: 'Certificate changed: 443/tcp',
        severity: 'low',
        host: 'web.example',
        evidence: `10.0.0.5:443/tcp before: certificate SHA-256 ${'aa'.repeat(32)}; after: certificate SHA-256 ${'bb'.repeat(32)}`,
        remediation:
          'Confirm this change was intended. Check that the new certificate was issued and installed by you (renewal or rotation), not by someone intercepting the endpoint.',
        tags: ['change'],
      },
    );
    const csp = (await listNetFindings(db, NetFindingQuery.parse({ check: 'http.header-missing-csp' })))
      .findings[0];
    assert.ok(csp);
    const at = new Date('2026-11-21T09:00:00.000Z');
    const acknowledged = await updateNetFinding(db, certificate.id, 'acknowledged', at);
    assert.deepEqual(
      [acknowledged.previous, acknowledged.finding.status, acknowledged.finding.resolvedAt],
      ['open', 'acknowledged', null],
    );
    await updateNetFinding(db, csp.id, 'acknowledged', at);
    const portClosed = byCheck(two.result, 'netscan.port-closed');
    const resolved = await updateNetFinding(db, portClosed.id, 'resolved', at);
    assert.deepEqual(
      [resolved.finding.status, resolved.finding.resolvedAt],
      ['resolved', '2026-11-21T09:00:00.000Z'],
    );
    await assert.rejects(updateNetFinding(db, 'nope', 'resolved', at), { code: 'not_found' });

    // Same ports; the certificate changes again, CSP is still missing.
    const third = report(
      [
        host(
          '10.0.0.5',
          [
            { port: 80, service: { service: 'http', product: 'nginx', version: '1.24.0' } },
            { port: 443, service: { service: 'http', tls: true, product: 'nginx' }, cert: 'cc'.repeat(32) },
            { port: 6379, service: { service: 'redis', product: 'Redis', version: '7.0.15', auth: 'none' } },
          ],
          { names: ['web.example'] },
        ),
      ],
      [
        finding('http.header-missing-csp', '10.0.0.5', 80, 'low'),
        finding('exposure.redis-no-auth', '10.0.0.5', 6379, 'critical'),
      ],
      { finishedAt: '2026-11-22T03:00:00.000Z' },
    );
    const three = await store(t, dmz, third);
    // A new change on an acknowledged change finding opens it again; an acknowledged engine
    // finding seen again stays acknowledged; a change resolved by hand stays resolved.
    assert.deepEqual(
      three.result.opened.map((f) => [f.check, f.status, f.reopened, f.evidence.slice(-20)]),
      [['netscan.certificate-changed', 'open', 1, 'cc'.repeat(10)]],
    );
    assert.deepEqual(three.result.resolved, []);
    const status = async (id: string) => (await getNetFinding(db, id)).status;
    assert.equal(await status(csp.id), 'acknowledged');
    assert.equal(await status(portClosed.id), 'resolved');
    assert.equal(await status(byCheck(two.result, 'netscan.new-open-port').id), 'open');

    // CSP fixed: the acknowledged finding is resolved by the scan like an open one.
    const fourth = { ...third, findings: third.findings.slice(1), finishedAt: '2026-11-23T03:00:00.000Z' };
    const four = await store(t, dmz, fourth);
    assert.deepEqual(
      four.result.resolved.map((f) => [f.check, f.status]),
      [['http.header-missing-csp', 'resolved']],
    );
    const reopened = await updateNetFinding(db, csp.id, 'open', new Date('2026-11-23T09:00:00.000Z'));
    assert.deepEqual(
      [reopened.previous, reopened.finding.status, reopened.finding.resolvedAt],
      ['resolved', 'open', null],
    );
  });

  test('what a scan did not look at stays as it was: ports not probed, families not run, failed checks', async () => {
    const t = await fresh();
    const { db } = t.database;
    await store(t, dmz, first);
    // A narrow ad-hoc scan of port 80 only, HTTP checks only, does not close 22 or 443 nor resolve their findings.
    const adhoc: PlannedScan = { ...dmz, group: null, ports: '80', checks: ['http'] };
    await store(t, adhoc, first);
    const narrow = report(
      [host('10.0.0.5', [{ port: 80, service: { service: 'http', product: 'nginx', version: '1.22.1' } }])],
      [],
      { finishedAt: '2026-11-21T03:00:00.000Z', ports: '80', checks: ['http'] },
    );
    const result = await store(t, adhoc, narrow, new Set([80]));
    assert.deepEqual(result.result.changes, [], 'ad-hoc scans are not compared');
    assert.deepEqual(
      result.result.resolved.map((f) => f.check),
      ['http.header-missing-csp'],
    );
    const open = await listExposure(db, NetExposureQuery.parse({}));
    assert.equal(open.total, 4);

    // A group scan whose TLS check failed on 443 keeps the TLS finding open.
    const failed = { ...first, findings: first.findings.filter((f) => f.check !== 'tls.protocol-tls1.0') };
    failed.errors = [{ stage: 'tls', address: '10.0.0.5', port: 443, message: 'timed out' }];
    const kept = await store(t, dmz, { ...failed, finishedAt: '2026-11-22T03:00:00.000Z' });
    assert.deepEqual(kept.result.resolved, []);
  });

  test('findings and inventory filter by severity, family, address, status and range', async () => {
    const t = await fresh();
    const { db } = t.database;
    await store(t, dmz, first);
    await store(t, dmz, second);
    const list = async (query: Record<string, unknown>) =>
      (await listNetFindings(db, NetFindingQuery.parse(query))).findings.map((f) => f.check);
    assert.deepEqual(await list({ severity: 'high' }), ['exposure.redis-no-auth', 'netscan.new-open-port']);
    assert.deepEqual(await list({ check: 'ssh', status: 'all' }), ['ssh.password-auth', 'ssh.password-auth']);
    assert.deepEqual(await list({ check: 'ssh.password-auth', address: '10.0.0.6' }), ['ssh.password-auth']);
    assert.deepEqual(await list({ status: 'resolved' }).then((c) => c.sort()), [
      'ssh.password-auth',
      'tls.protocol-tls1.0',
    ]);
    assert.deepEqual(await list({ check: 'tl' }), []);
    const inRange = await listExposure(db, NetExposureQuery.parse({ address: '10.0.0.6/31', open: 'all' }));
    assert.deepEqual(
      inRange.endpoints.map((e) => `${e.address}:${e.port}`),
      ['10.0.0.6:22'],
    );
    const redis = await listExposure(db, NetExposureQuery.parse({ service: 'redis' }));
    assert.deepEqual(
      redis.endpoints.map((e) => [e.port, e.auth, e.findings, e.maxSeverity]),
      [[6379, 'none', 2, 'critical']],
    );
  });

  test('old scans of a group are pruned with their host history; other groups and open findings stay', async () => {
    const t = await fresh();
    const { db } = t.database;
    const one = await store(t, dmz, first);
    const two = await store(t, dmz, second);
    const adhoc = await store(t, { ...dmz, group: null }, first);
    assert.equal(await pruneScans(db, 'dmz', 1), 1);
    assert.equal(await pruneScans(db, null, 1), 0);
    const left = await db.selectFrom('net_scans').select('id').orderBy('queued_at').execute();
    assert.deepEqual(left.map((row) => row.id).sort(), [two.id, adhoc.id].sort());
    const hosts = await db
      .selectFrom('net_scan_hosts')
      .select('scan_id')
      .where('scan_id', '=', one.id)
      .execute();
    assert.deepEqual(hosts, []);
    const open = await listNetFindings(db, NetFindingQuery.parse({ group: 'dmz' }));
    assert.ok(open.findings.some((f) => f.firstScanId === one.id));
  });
});
