import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { netscanRunner } from '../../../src/modules/netscans/create-netscan-runner.ts';
import { netscanJobs } from '../../../src/modules/netscans/netscan-jobs.ts';
import type {
  NetExposureList,
  NetFindingList,
  NetFindingRecord,
  NetHostView,
  NetScanDetail,
  NetScanGroupList,
  NetScanList,
  NetScanSummary,
} from '../../../src/protocol/netscan-api.ts';
import { scanPhases } from '../../../src/protocol/netscan.ts';
import type { Problem } from '../../../src/protocol/problem.ts';
import type { RunningServer } from '../../../src/server/start-server.ts';
import { auditEntries, signedInUser } from '../../helpers/hand-agent.ts';
import { startRedis, type LocalService } from '../../helpers/net-services.ts';
import { hasProgram, needs } from '../../helpers/requirements.ts';
import { describeEachDialect } from '../../helpers/test-database.ts';
import { ApiClient, adminPassword, startTestServer } from '../../helpers/test-server.ts';

describeEachDialect('network scans API', (_dialect, fresh) => {
  let server: RunningServer;
  let admin: ApiClient;
  let auditor: ApiClient;
  let redis: LocalService | undefined;
  let interruptedId: string;

  const done = async (id: string): Promise<NetScanDetail> => {
    await netscanRunner(server.deps).idle();
    const answer = await admin.request<NetScanDetail>('GET', `/api/network/scans/${id}`);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal(answer.body.status, 'done', answer.body.error ?? '');
    return answer.body;
  };

  before(async () => {
    redis = hasProgram('redis-server') ? await startRedis() : undefined;
    const testDb = await fresh();
    // A scan a previous server process left running.
    interruptedId = 'f0f0f0f0-0000-4000-8000-000000000001';
    await testDb.database.db
      .insertInto('net_scans')
      .values({
        id: interruptedId,
        group_name: 'local',
        trigger: 'schedule',
        requested_by: 'schedule',
        status: 'running',
        targets: '["127.0.0.1"]',
        ports: '1',
        checks: '["exposure"]',
        internet_facing: 0,
        queued_at: '2026-11-25T00:00:00.000Z',
        started_at: '2026-11-25T00:00:01.000Z',
      })
      .execute();
    server = await startTestServer(testDb, {
      netscan: {
        scope: ['127.0.0.1/32'],
        groups: [
          // Scheduled once a year: the test runs its job by hand.
          {
            name: 'local',
            targets: ['127.0.0.0/8'],
            ports: String(redis?.port ?? 1),
            checks: ['exposure'],
            schedule: '0 4 1 1 *',
          },
          { name: 'nightly', targets: ['127.0.0.1'], schedule: '0 3 * * *' },
        ],
      },
    });
    admin = new ApiClient(server.url);
    await admin.login('admin', adminPassword);
    auditor = await signedInUser(server, admin, 'auditor', 'auditor1');
  });
  after(async () => {
    await server.close();
    await redis?.stop();
  });

  test('a scan left running by the previous process is failed with the reason', async () => {
    await netscanRunner(server.deps).idle();
    const answer = await admin.request<NetScanDetail>('GET', `/api/network/scans/${interruptedId}`);
    assert.equal(answer.body.status, 'failed');
    assert.equal(answer.body.error, 'the server stopped while the scan ran');
  });

  test('ad-hoc targets outside the scope are refused with problem+json, and nothing is queued', async () => {
    const refused = await admin.request<Problem>('POST', '/api/network/scans', {
      targets: ['127.0.0.1', '10.0.0.0/8', '127.0.0.0/24'],
    });
    assert.equal(refused.status, 400);
    assert.match(refused.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.equal(refused.body.code, 'bad_request');
    assert.deepEqual(
      refused.body.issues?.map((issue) => issue.message),
      ['10.0.0.0/8 is outside the scope', '127.0.0.0/24 is outside the scope'],
    );
    const both = await admin.request<Problem>('POST', '/api/network/scans', {
      group: 'local',
      targets: ['127.0.0.1'],
    });
    assert.equal(both.status, 400);
    const scans = await admin.request<NetScanList>('GET', '/api/network/scans');
    assert.deepEqual(
      scans.body.scans.map((scan) => scan.id),
      [interruptedId],
    );
    const audited = await auditEntries(admin, 'netscans.scans.start');
    assert.ok(audited.some((entry) => entry.outcome !== 'success' && entry.target?.includes('10.0.0.0/8')));
  });

  test('auditors and analysts read (network:read) but cannot scan or judge findings (network:write)', async () => {
    const analyst = await signedInUser(server, admin, 'analyst', 'analyst1');
    for (const reader of [auditor, analyst]) {
      assert.equal((await reader.request('GET', '/api/network/groups')).status, 200);
      assert.equal((await reader.request('GET', '/api/network/findings')).status, 200);
      assert.equal((await reader.request('POST', '/api/network/scans', { group: 'local' })).status, 403);
      const patch = await reader.request('PATCH', '/api/network/findings/nope', { status: 'resolved' });
      assert.equal(patch.status, 403);
    }
    const missing = await admin.request<Problem>('PATCH', '/api/network/findings/nope', {
      status: 'resolved',
    });
    assert.equal(missing.status, 404);
    const wrong = await admin.request<Problem>('PATCH', '/api/network/findings/nope', { status: 'fixed' });
    assert.equal(wrong.status, 400);
  });

  test('groups show the scope, the schedule and the next run', async () => {
    const groups = await admin.request<NetScanGroupList>('GET', '/api/network/groups');
    assert.deepEqual(groups.body.scope, ['127.0.0.1/32']);
    const nightly = groups.body.groups.find((group) => group.name === 'nightly');
    assert.equal(nightly?.schedule, '0 3 * * *');
    assert.match(nightly.nextRunAt ?? '', /T\d\d:00:00/);
    assert.equal(nightly.ports, 'top-100');
    const openapi = await auditor.request<{ paths: Record<string, unknown> }>('GET', '/api/openapi.json');
    assert.ok(openapi.body.paths['/api/network/hosts/{address}']);
  });

  test(
    'a real scan of a real Redis, cut to the scope: report, inventory, findings, alert; then it closes',
    needs('redis-server', 'the scanned service'),
    async () => {
      assert.ok(redis);
      const port = redis.port;
      const queued = await admin.request<NetScanSummary>('POST', '/api/network/scans', { group: 'local' });
      assert.equal(queued.status, 202, JSON.stringify(queued.body));
      // The group names 127.0.0.0/8; the scope allows one address of it.
      assert.deepEqual(queued.body.targets, ['127.0.0.1']);
      // Asked again at once: it waits for the first, which is running.
      const repeat = await admin.request<NetScanSummary>('POST', '/api/network/scans', { group: 'local' });
      assert.equal(repeat.body.status, 'queued');
      const meanwhile = await auditor.request<NetScanList>('GET', '/api/network/scans?group=local');
      const [waiting, running] = meanwhile.body.scans;
      assert.deepEqual(
        [waiting?.id, waiting?.status, waiting?.progress],
        [repeat.body.id, 'queued', undefined],
      );
      if (running?.status === 'running' && running.progress)
        assert.ok(scanPhases.includes(running.progress.phase));
      const first = await done(queued.body.id);
      const repeated = await done(repeat.body.id);
      assert.ok((repeated.startedAt ?? '') >= (first.finishedAt ?? '~'), 'one scan at a time');
      assert.equal(repeated.previousScanId, first.id);
      assert.deepEqual(repeated.changes, []);
      assert.deepEqual(repeated.newFindings, []);
      assert.deepEqual(
        first.report?.hosts.map((h) => [h.address, h.ports.map((p) => p.port)]),
        [['127.0.0.1', [port]]],
      );
      assert.equal(first.report.hosts[0]?.services[0]?.service, 'redis');
      assert.deepEqual(
        first.newFindings.map((f) => [f.check, f.severity, f.port]),
        [['exposure.redis-no-auth', 'critical', port]],
      );

      const exposure = await admin.request<NetExposureList>('GET', `/api/network/exposure?port=${port}`);
      assert.deepEqual(
        exposure.body.endpoints.map((e) => [e.address, e.port, e.service, e.auth, e.open]),
        [['127.0.0.1', port, 'redis', 'none', true]],
      );
      const findings = await admin.request<NetFindingList>(
        'GET',
        '/api/network/findings?check=exposure&address=127.0.0.1',
      );
      assert.deepEqual(
        findings.body.findings.map((f) => [f.check, f.port, f.status]),
        [['exposure.redis-no-auth', port, 'open']],
      );
      const one = await auditor.request<NetFindingRecord>(
        'GET',
        `/api/network/findings/${first.newFindings[0]?.id}`,
      );
      assert.equal(one.body.check, 'exposure.redis-no-auth');
      assert.equal((await auditor.request<Problem>('GET', '/api/network/findings/nope')).status, 404);
      const alerts = await server.deps.database.db.selectFrom('alerts').select(['rule_id', 'host']).execute();
      // Once, though two scans saw it: only the scan that opened it raises it.
      assert.deepEqual(alerts, [{ rule_id: 'netscan.finding:exposure.redis-no-auth', host: '127.0.0.1' }]);

      await redis.stop();
      const again = await admin.request<NetScanSummary>('POST', '/api/network/scans', { group: 'local' });
      const second = await done(again.body.id);
      assert.equal(second.previousScanId, repeated.id);
      assert.deepEqual(
        second.changes.map((c) => [c.kind, c.port]),
        [['port-closed', port]],
      );
      assert.deepEqual(
        second.resolvedFindings.map((f) => f.check),
        ['exposure.redis-no-auth'],
      );
      // The closed port is a finding of its own, informational, that an admin acknowledges.
      assert.deepEqual(
        second.newFindings.map((f) => [f.check, f.severity, f.port, f.evidence]),
        [
          [
            'netscan.port-closed',
            'informational',
            port,
            `127.0.0.1:${port}/tcp before: open (${second.changes[0]?.before}); after: not open`,
          ],
        ],
      );
      const closedId = second.newFindings[0]?.id ?? '';
      const acknowledged = await admin.request<NetFindingRecord>(
        'PATCH',
        `/api/network/findings/${closedId}`,
        {
          status: 'acknowledged',
        },
      );
      assert.equal(acknowledged.status, 200);
      assert.equal(acknowledged.body.status, 'acknowledged');
      const judged = await auditEntries(admin, 'netscans.findings.update');
      // The refusals of the permissions test are audited too.
      assert.deepEqual(judged.map((entry) => entry.outcome).sort(), [
        'denied',
        'denied',
        'failure',
        'failure',
        'success',
      ]);
      assert.deepEqual(
        judged
          .filter((entry) => entry.outcome === 'success')
          .map((entry) => [entry.actor, entry.outcome, entry.target, entry.detail]),
        [
          [
            'admin',
            'success',
            `network finding ${closedId}`,
            `netscan.port-closed on 127.0.0.1:${port}: open -> acknowledged`,
          ],
        ],
      );
      const host = await auditor.request<NetHostView>('GET', '/api/network/hosts/127.0.0.1');
      assert.deepEqual(
        host.body.services.map((s) => [s.port, s.open]),
        [[port, false]],
      );
      assert.deepEqual(
        host.body.history.map((h) => h.scanId),
        [second.id, repeated.id, first.id],
      );

      // The group's schedule comes round: a scan queued by the system, audited as such.
      const jobs = netscanJobs(server.deps, netscanRunner(server.deps));
      try {
        // The first job runs the queue every minute; the group's follows.
        await jobs[1]?.trigger();
      } finally {
        for (const job of jobs) job.stop();
      }
      const latest = await admin.request<NetScanList>('GET', '/api/network/scans?group=local&limit=1');
      const scheduled = latest.body.scans[0];
      assert.deepEqual([scheduled?.trigger, scheduled?.requestedBy], ['schedule', 'schedule']);
      const third = await done(scheduled?.id ?? '');
      assert.equal(third.previousScanId, second.id);
      assert.deepEqual(third.changes, []);
      const audited = await auditEntries(admin, 'netscans.scans.start');
      assert.deepEqual(
        audited.filter((entry) => entry.outcome === 'success').map((entry) => entry.actor),
        ['system', 'admin', 'admin', 'admin'],
      );
    },
  );
});
