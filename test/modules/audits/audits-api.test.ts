import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { scheduleAudits } from '../../../src/modules/audits/schedule-audits.ts';
import type { AlertPage } from '../../../src/protocol/alerts.ts';
import type {
  AuditCheckDetail,
  AuditHost,
  AuditOverview,
  AuditPolicyDetail,
  AuditPolicyList,
  AuditWaiver,
  AuditWaiverList,
  QueuedAudits,
  ScaRunParams,
} from '../../../src/protocol/audits-api.ts';
import type { Problem } from '../../../src/protocol/problem.ts';
import type { TaskEnvelope } from '../../../src/protocol/tasks.ts';
import { describeEachDialect } from '../../helpers/test-database.ts';
import { commandPolicy, filePolicy, harness, type AuditAgent, type Harness } from './harness.ts';

const base = '/api/audit';
const hardened = 'Port 22\nPermitRootLogin no\n';

describeEachDialect('host audits API', (_dialect, fresh) => {
  let h: Harness;
  let web1: AuditAgent;
  let web2: AuditAgent;
  const now = () => h.server.deps.clock.now();
  /** The next sca.run the agent is sent, of this policy. */
  const next = async (agent: AuditAgent, policyId = 'test_baseline'): Promise<TaskEnvelope> => {
    for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
      const task = (await agent.poll(1)).find((candidate) =>
        (candidate.params as ScaRunParams).policy.includes(`id: ${policyId}`),
      );
      if (task) return task;
    }
    assert.fail(`${agent.hostname} was not sent ${policyId}`);
  };
  const runNow = async (agent: AuditAgent) => {
    const queued = await h.admin.request<QueuedAudits>('POST', `${base}/runs`, {
      agents: [agent.id],
      policies: ['test_baseline'],
    });
    assert.equal(queued.status, 202, JSON.stringify(queued.body));
    return agent.run(await next(agent));
  };
  const hostAudit = async (agent: AuditAgent) => {
    const answer = await h.admin.request<AuditHost>('GET', `${base}/hosts/${agent.id}`);
    assert.equal(answer.status, 200);
    return answer.body;
  };
  const overview = async () => (await h.admin.request<AuditOverview>('GET', `${base}/overview`)).body;

  before(async () => {
    // The scheduler is off (0): the tests call scheduleAudits themselves, so nothing arrives between steps.
    h = await harness(await fresh(), { audit: { intervalHours: 0 } });
    web1 = await h.enroll('web', 'web1');
    web2 = await h.enroll('web', 'web2');
    web1.write('/etc/ssh/sshd_config', hardened);
    web1.write('/etc/issue.net', 'Authorised use only.\n');
    web1.write('/etc/inetd.conf', '# nothing\n');
    web2.write('/etc/ssh/sshd_config', 'PermitRootLogin yes\n');
    // What a host reports goes into reports as text, never as markup.
    web2.write(
      '/etc/inetd.conf',
      'telnet stream tcp nowait root /usr/sbin/telnetd <script>alert("web2")</script>\n',
    );
  });
  after(async () => {
    await h.close();
  });

  test('the built-in baseline is registered at start: approved, in group default, not replaceable', async () => {
    const listed = await h.admin.request<AuditPolicyList>('GET', `${base}/policies`);
    assert.equal(listed.status, 200);
    const [builtin] = listed.body.policies;
    assert.equal(builtin?.id, 'vigil_linux_baseline');
    assert.equal(builtin.origin, 'builtin');
    assert.equal(builtin.approved, true);
    assert.equal(builtin.approvedBy, 'system');
    assert.equal(builtin.hasCommands, true);
    assert.deepEqual(builtin.groups, ['default']);
    assert.equal(builtin.format, '5.x');
    assert.ok(builtin.checks >= 10);
    assert.match(builtin.sha256, /^[0-9a-f]{64}$/);

    const removed = await h.admin.request<Problem>('DELETE', `${base}/policies/vigil_linux_baseline`);
    assert.equal(removed.status, 409);
    const replaced = await h.admin.request<Problem>('PUT', `${base}/policies/vigil_linux_baseline`, {
      source: filePolicy.replace('id: test_baseline', 'id: vigil_linux_baseline'),
    });
    assert.equal(replaced.status, 409);
    assert.match(replaced.body.detail ?? '', /built into Vigil/);
    assert.equal((await h.audit('audits.policies.builtin')).length, 1);
  });

  test('an upload that is not a policy is 422 with the problems listed', async () => {
    const cases: [string, RegExp, string][] = [
      ['policy: [broken\n', /flow sequence|indented/i, '(root)'],
      ['policy: { id: x, name: X }\nchecks: []\n', /expected array to have >=1 items/, 'checks'],
      [filePolicy.replace('severity: high', 'severity: dire'), /Invalid option/, 'checks.0.severity'],
      [
        `${filePolicy}  - id: 1\n    name: again\n    condition: all\n    rules: ['f:/x']\n`,
        /check id 1 appears twice/,
        '(root)',
      ],
    ];
    for (const [source, message, path] of cases) {
      const answer = await h.admin.request<Problem>('PUT', `${base}/policies/x`, { source });
      assert.equal(answer.status, 422, source);
      assert.match(answer.headers.get('content-type') ?? '', /^application\/problem\+json/);
      assert.equal(answer.body.code, 'policy_invalid');
      assert.match(answer.body.detail ?? '', message);
      assert.ok(
        answer.body.issues?.some((issue) => issue.path === path),
        JSON.stringify(answer.body.issues),
      );
    }
    const misnamed = await h.admin.request<Problem>('PUT', `${base}/policies/other`, { source: filePolicy });
    assert.equal(misnamed.status, 422);
    assert.match(misnamed.body.detail ?? '', /the policy's id is "test_baseline", not "other"/);
    assert.equal((await h.admin.request('GET', `${base}/policies/x`)).status, 404);
  });

  test('upload, show and assign a policy', async () => {
    const created = await h.admin.request<AuditPolicyDetail>('PUT', `${base}/policies/test_baseline`, {
      source: filePolicy,
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.origin, 'uploaded');
    assert.equal(created.body.approved, true, 'no commands: approved as uploaded');
    assert.equal(created.body.hasCommands, false);
    assert.equal(created.body.checks, 4);
    assert.equal(created.body.source, filePolicy);
    assert.deepEqual(created.body.checkList[0], {
      id: 1,
      name: 'SSH: root cannot log in',
      severity: 'high',
      compliance: { pci_dss: ['2.2.6'], cis: ['5.1.20'] },
    });
    const again = await h.admin.request<AuditPolicyDetail>('PUT', `${base}/policies/test_baseline`, {
      source: filePolicy,
    });
    assert.equal(again.status, 200);
    const assigned = await h.admin.request<AuditPolicyDetail>(
      'PUT',
      `${base}/policies/test_baseline/groups`,
      {
        groups: ['web', 'web'],
      },
    );
    assert.equal(assigned.status, 200);
    assert.deepEqual(assigned.body.groups, ['web']);
    const listed = await h.admin.request<AuditPolicyList>('GET', `${base}/policies`);
    assert.deepEqual(
      listed.body.policies.map((policy) => [policy.id, policy.groups]),
      [
        ['test_baseline', ['web']],
        ['vigil_linux_baseline', ['default']],
      ],
    );
    const saves = await h.audit('audits.policies.save');
    assert.ok(
      saves.some((entry) =>
        /^created; 4 checks; sha256 [0-9a-f]{64}; approved \(by admin\)$/.test(entry.detail ?? ''),
      ),
      JSON.stringify(saves.map((entry) => entry.detail)),
    );
  });

  test('the scheduler sends each host its group’s policies once per interval, and a new host at its first poll', async () => {
    h.server.deps.config.audit.intervalHours = 12;
    try {
      assert.equal(await scheduleAudits(h.server.deps, now()), 2);
      const [task] = await web1.poll();
      assert.equal(task?.kind, 'sca.run');
      assert.equal(task.timeoutSeconds, 1800);
      const params = task.params as ScaRunParams;
      assert.equal(params.policy, filePolicy);
      assert.match(params.sha256, /^[0-9a-f]{64}$/);
      // Waiting on the hosts: nothing new, however often the scheduler runs.
      assert.equal(await scheduleAudits(h.server.deps, now()), 0);
      assert.match(
        await web1.run(task),
        /^test_baseline: score \d+(\.\d)?%; \d passed, \d failed, \d not applicable in/,
      );
      // Answered, but within the interval: nothing either.
      assert.equal(await scheduleAudits(h.server.deps, now()), 0);
      assert.equal(await scheduleAudits(h.server.deps, new Date(now().getTime() + 13 * 3_600_000)), 1);
      await web2.run(await next(web2));
      await web1.run(await next(web1));

      const web3 = await h.enroll('web', 'web3');
      assert.deepEqual(
        web3.firstTasks.map((t) => [t.kind, (t.params as ScaRunParams).sha256]),
        [['sca.run', params.sha256]],
      );
      await h.server.deps.database.db
        .updateTable('agents')
        .set({ revoked_at: now().toISOString() })
        .where('id', '=', web3.id)
        .execute();
    } finally {
      h.server.deps.config.audit.intervalHours = 0;
    }
  });

  test('a policy that runs commands, uploaded without audits:approve, reaches no host until approved', async () => {
    const writer = await h.token(['audits:read', 'audits:write', 'audits:run']);
    const uploaded = await writer.request<AuditPolicyDetail>('PUT', `${base}/policies/test_commands`, {
      source: commandPolicy,
    });
    assert.equal(uploaded.status, 201);
    assert.equal(uploaded.body.hasCommands, true);
    assert.equal(uploaded.body.approved, false);
    assert.equal(uploaded.body.approvedBy, null);
    await writer.request('PUT', `${base}/policies/test_commands/groups`, { groups: ['web'] });

    h.server.deps.config.audit.intervalHours = 12;
    try {
      assert.equal(await scheduleAudits(h.server.deps, now()), 0, 'not approved: not scheduled');
    } finally {
      h.server.deps.config.audit.intervalHours = 0;
    }
    const refused = await writer.request<Problem>('POST', `${base}/runs`, { policies: ['test_commands'] });
    assert.equal(refused.status, 409);
    assert.match(refused.body.detail ?? '', /not approved yet/);
    const assignedRun = await writer.request<QueuedAudits>('POST', `${base}/runs`, { agents: [web1.id] });
    assert.deepEqual(
      assignedRun.body.tasks.map((task) => task.policyId),
      ['test_baseline'],
      'the group’s approved policies only',
    );
    await web1.run(await next(web1));
    const cannot = await writer.request<Problem>('POST', `${base}/policies/test_commands/approve`, {});
    assert.equal(cannot.status, 403);

    const stale = await h.admin.request<Problem>('POST', `${base}/policies/test_commands/approve`, {
      sha256: '0'.repeat(64),
    });
    assert.equal(stale.status, 409);
    const approved = await h.admin.request<AuditPolicyDetail>(
      'POST',
      `${base}/policies/test_commands/approve`,
      {
        sha256: uploaded.body.sha256,
      },
    );
    assert.equal(approved.status, 200);
    assert.equal(approved.body.approved, true);
    assert.equal(approved.body.approvedBy, 'admin');
    // The same text again keeps its approval; any change by someone who may not approve withdraws it.
    const same = await writer.request<AuditPolicyDetail>('PUT', `${base}/policies/test_commands`, {
      source: commandPolicy,
    });
    assert.equal(same.status, 200);
    assert.deepEqual([same.body.approvedBy, same.body.approvedAt], ['admin', approved.body.approvedAt]);
    const queued = await writer.request<QueuedAudits>('POST', `${base}/runs`, {
      agents: [web1.id],
      policies: ['test_commands'],
    });
    assert.equal(queued.status, 202);
    assert.deepEqual(
      queued.body.tasks.map(({ agentId, hostname, policyId }) => ({ agentId, hostname, policyId })),
      [{ agentId: web1.id, hostname: 'web1', policyId: 'test_commands' }],
    );
    const task = await next(web1, 'test_commands');
    assert.equal(task.id, queued.body.tasks[0]?.taskId);
    await web1.client.post(`/api/agent/v1/tasks/${task.id}/result`, { status: 'failed', output: 'not run' });
    const changed = await writer.request<AuditPolicyDetail>('PUT', `${base}/policies/test_commands`, {
      source: commandPolicy.replace('Kernel is Linux', 'The kernel is Linux'),
    });
    assert.equal(changed.body.approved, false);
    await h.admin.request('POST', `${base}/policies/test_commands/approve`, {});
    // Deleting it takes it off the hosts and cancels what is still queued.
    await writer.request('POST', `${base}/runs`, { agents: [web2.id], policies: ['test_commands'] });
    assert.equal((await h.admin.request('DELETE', `${base}/policies/test_commands`)).status, 204);
    assert.deepEqual(await web2.poll(), []);
    assert.match((await h.audit('audits.policies.delete'))[0]?.detail ?? '', /1 queued runs cancelled/);
  });

  test('runs posted by agents give the overview, host and check shapes and scores', async () => {
    const host = await hostAudit(web1);
    assert.equal(host.hostname, 'web1');
    assert.equal(host.group, 'web');
    const [policy] = host.policies;
    assert.equal(policy?.id, 'test_baseline');
    assert.deepEqual(
      policy.results.map((r) => [r.checkId, r.result, r.waived]),
      [
        [1, 'passed', false],
        [2, 'passed', false],
        [3, 'passed', false],
        [4, 'not_applicable', false],
      ],
    );
    assert.match(policy.results[3]?.reason ?? '', /could not be evaluated|not/);
    assert.deepEqual(policy.counts, { passed: 3, failed: 0, not_applicable: 1, waived: 0 });
    assert.equal(policy.score, 100);
    assert.equal(host.score, 100);

    const other = await hostAudit(web2);
    assert.deepEqual(
      other.policies[0]?.results.map((r) => [r.checkId, r.result]),
      [
        [1, 'failed'],
        [2, 'failed'],
        [3, 'failed'],
        [4, 'not_applicable'],
      ],
    );
    assert.equal(other.score, 0);

    const view = await overview();
    assert.equal(view.fleetScore, 50);
    const rows = Object.fromEntries(view.hosts.map((row) => [row.hostname, row]));
    assert.equal(rows.web1?.score, 100);
    assert.equal(rows.web1.passed, 3);
    assert.equal(rows.web1.notApplicable, 1);
    assert.equal(rows.web2?.failed, 3);
    assert.ok(rows.web1.lastRunAt);
    assert.equal(
      view.hosts.some((row) => row.hostname === 'web3'),
      false,
      'revoked hosts are not listed',
    );
    assert.deepEqual(
      view.policies.find((p) => p.id === 'test_baseline'),
      { id: 'test_baseline', name: 'Test baseline', score: 50, hosts: 2, failed: 3 },
    );
    assert.deepEqual(view.groups, [{ group: 'web', score: 50, hosts: 2 }]);
    assert.deepEqual(view.frameworks, [
      { framework: 'cis', score: 50, passed: 2, failed: 2 },
      { framework: 'pci_dss', score: 50, passed: 2, failed: 2 },
    ]);

    const detail = await h.admin.request<AuditCheckDetail>(
      'GET',
      `${base}/hosts/${web2.id}/policies/test_baseline/checks/1`,
    );
    assert.equal(detail.status, 200);
    assert.equal(detail.body.check.name, 'SSH: root cannot log in');
    assert.equal(detail.body.check.severity, 'high');
    assert.match(detail.body.check.remediation, /PermitRootLogin no/);
    assert.deepEqual(detail.body.check.mitre.techniques, ['T1110']);
    assert.deepEqual(detail.body.check.rules, ['f:/etc/ssh/sshd_config -> r:^PermitRootLogin\\s+no$']);
    assert.equal(detail.body.history.length, 1);
    assert.equal(detail.body.history[0]?.result, 'failed');
    assert.match(detail.body.history[0].rules[0]?.evidence ?? '', /sshd_config/);
    const history = await h.admin.request<AuditCheckDetail>(
      'GET',
      `${base}/hosts/${web1.id}/policies/test_baseline/checks/1`,
    );
    assert.equal(history.body.history.length, 3, 'one entry per run, newest first');
    assert.ok(history.body.history[0]!.runAt >= history.body.history[2]!.runAt);
    assert.equal(
      (await h.admin.request('GET', `${base}/hosts/${web1.id}/policies/test_baseline/checks/99`)).status,
      404,
    );
    assert.equal((await h.admin.request('GET', `${base}/hosts/nobody`)).status, 404);
  });

  test('a check that flips from passed to failed raises one alert, and passing again resolves it', async () => {
    web1.write('/etc/ssh/sshd_config', 'PermitRootLogin yes\n');
    await runNow(web1);
    await runNow(web1);
    const alerts = await h.admin.request<AlertPage>('GET', '/api/alerts?limit=100');
    const raised = alerts.body.alerts.filter((alert) =>
      alert.finding_info.analytic.uid.startsWith('vigil-sca:'),
    );
    assert.equal(raised.length, 1, JSON.stringify(raised.map((alert) => alert.finding_info.title)));
    const [alert] = raised;
    assert.equal(alert?.finding_info.analytic.uid, 'vigil-sca:test_baseline:1');
    assert.equal(alert.finding_info.title, 'Audit check now fails on web1: SSH: root cannot log in');
    assert.equal(alert.severity, 'high');
    assert.equal(alert.entities.host, 'web1');
    assert.equal(alert.entities.agent_id, web1.id);
    assert.deepEqual(
      alert.attacks.map((attack) => attack.technique?.uid),
      ['T1110'],
    );
    const detail = await h.admin.request<{ evidence: { raw_data: string; event: { message?: string } }[] }>(
      'GET',
      `/api/alerts/${alert.id}`,
    );
    const [evidence] = detail.body.evidence;
    assert.match(evidence?.raw_data ?? '', /f:\/etc\/ssh\/sshd_config -> r:\^PermitRootLogin/);
    assert.match(evidence?.raw_data ?? '', /sshd_config/);
    assert.match(
      evidence?.event.message ?? '',
      /passed on the host's previous audit and fails now\..*How to fix: Set `PermitRootLogin no`/,
    );

    web1.write('/etc/ssh/sshd_config', hardened);
    await runNow(web1);
    const after = await h.admin.request<AlertPage>('GET', `/api/alerts?limit=100&status=resolved`);
    assert.ok(
      after.body.alerts.some((resolved) => resolved.id === alert.id),
      'resolved once the check passes',
    );
    assert.equal((await h.audit('audits.regression.resolved')).length, 1);
  });

  test('waivers exclude a check from scores until they expire, and can be removed', async () => {
    const bad = await h.admin.request<Problem>('POST', `${base}/waivers`, {
      policyId: 'test_baseline',
      checkId: 99,
      scope: 'all',
      justification: 'x',
      owner: 'ops',
      expiresAt: null,
    });
    assert.equal(bad.status, 400);
    const past = await h.admin.request<Problem>('POST', `${base}/waivers`, {
      policyId: 'test_baseline',
      checkId: 3,
      scope: 'all',
      justification: 'x',
      owner: 'ops',
      expiresAt: '2001-01-01T00:00:00Z',
    });
    assert.equal(past.status, 400);
    const created = await h.admin.request<AuditWaiver>('POST', `${base}/waivers`, {
      policyId: 'test_baseline',
      checkId: 3,
      scope: { agents: [web2.id] },
      justification: 'Legacy terminal servers need telnet until <b>March</b>',
      owner: 'infra team',
      expiresAt: new Date(now().getTime() + 30 * 86_400_000).toISOString(),
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.checkName, 'Telnet is not offered');
    assert.equal(created.body.active, true);
    assert.equal(created.body.createdBy, 'admin');
    const group = await h.admin.request<AuditWaiver>('POST', `${base}/waivers`, {
      policyId: 'test_baseline',
      checkId: 2,
      scope: { group: 'web' },
      justification: 'Banners are set by the load balancer',
      owner: 'web team',
      expiresAt: null,
    });
    assert.equal(group.status, 201);

    const host = await hostAudit(web2);
    assert.deepEqual(
      host.policies[0]?.results.map((r) => [r.checkId, r.waived]),
      [
        [1, false],
        [2, true],
        [3, true],
        [4, false],
      ],
    );
    assert.deepEqual(host.policies[0].counts, { passed: 0, failed: 1, not_applicable: 1, waived: 2 });
    const view = await overview();
    assert.equal(view.hosts.find((row) => row.hostname === 'web2')?.failed, 1);
    assert.equal(
      view.hosts.find((row) => row.hostname === 'web1')?.passed,
      2,
      'check 2 is waived for the group',
    );
    assert.equal(view.fleetScore, 66.7);
    assert.deepEqual(view.frameworks, [
      { framework: 'cis', score: 50, passed: 1, failed: 1 },
      { framework: 'pci_dss', score: 66.7, passed: 2, failed: 1 },
    ]);
    const check = await h.admin.request<AuditCheckDetail>(
      'GET',
      `${base}/hosts/${web2.id}/policies/test_baseline/checks/3`,
    );
    assert.deepEqual(
      check.body.waivers.map((w) => w.id),
      [created.body.id],
    );

    // Expired: it stops applying, and is listed inactive.
    await h.server.deps.database.db
      .updateTable('sca_waivers')
      .set({ expires_at: new Date(now().getTime() - 1000).toISOString() })
      .where('id', '=', created.body.id)
      .execute();
    assert.equal((await overview()).hosts.find((row) => row.hostname === 'web2')?.failed, 2);
    const listed = await h.admin.request<AuditWaiverList>('GET', `${base}/waivers`);
    assert.deepEqual(
      listed.body.waivers.map((w) => [w.checkId, w.active]),
      [
        [2, true],
        [3, false],
      ],
    );
    const active = await h.admin.request<AuditWaiverList>('GET', `${base}/waivers?status=active`);
    assert.deepEqual(
      active.body.waivers.map((w) => w.checkId),
      [2],
    );

    // Removed: gone from the list, and the record of it stays in the audit log.
    assert.equal((await h.admin.request('DELETE', `${base}/waivers/${created.body.id}`)).status, 204);
    assert.equal((await h.admin.request('DELETE', `${base}/waivers/${created.body.id}`)).status, 404);
    const left = await h.admin.request<AuditWaiverList>('GET', `${base}/waivers`);
    assert.deepEqual(
      left.body.waivers.map((w) => w.checkId),
      [2],
    );
    assert.ok(
      (await h.audit('audits.waivers.delete')).some(
        (entry) => entry.status === 204 && /Legacy terminal servers/.test(entry.detail ?? ''),
      ),
    );
    assert.ok(
      (await h.audit('audits.waivers.create')).some((entry) =>
        /Legacy terminal servers/.test(entry.detail ?? ''),
      ),
    );
  });

  test('the HTML reports have their sections, escape what hosts report, and list waivers', async () => {
    const fleet = await h.admin.request<string>('GET', `${base}/reports/fleet.html`);
    assert.equal(fleet.status, 200);
    assert.match(fleet.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(
      fleet.headers.get('content-security-policy') ?? '',
      /^default-src 'none'; style-src 'unsafe-inline'/,
    );
    for (const id of ['policies', 'groups', 'hosts', 'by-severity', 'by-framework', 'waivers'])
      assert.match(fleet.body, new RegExp(`<h2 id="${id}">`), id);
    assert.match(fleet.body, /<h1>Fleet report<\/h1>/);
    assert.match(fleet.body, /<h3 class="sev-high">High \(1\)<\/h3>/);
    assert.match(fleet.body, /SSH: root cannot log in/);
    assert.match(fleet.body, /fails on\s+1 of 2 hosts/);
    assert.match(fleet.body, /How to fix\.<\/strong> Set <code>PermitRootLogin no<\/code>/);
    assert.match(fleet.body, /Banners are set by the load balancer/);
    assert.match(fleet.body, /group web/);
    assert.doesNotMatch(fleet.body, /<script/i);
    assert.match(fleet.body, /telnetd &#60;script&#62;alert\(\\&#34;web2\\&#34;\)&#60;\/script&#62;/);
    assert.doesNotMatch(fleet.body, /<b>March<\/b>/);

    const report = await h.admin.request<string>('GET', `${base}/reports/hosts/${web2.id}.html`);
    assert.equal(report.status, 200);
    assert.match(
      report.headers.get('content-disposition') ?? '',
      /^inline; filename="vigil-audit-web2-\d{4}-\d{2}-\d{2}\.html"$/,
    );
    assert.match(report.body, /<h1>web2<\/h1>/);
    for (const id of ['policies', 'by-severity', 'by-framework', 'waivers', 'na', 'passed'])
      assert.match(report.body, new RegExp(`<h2 id="${id}">`), id);
    assert.doesNotMatch(report.body, /<script/i);
    assert.match(report.body, /telnetd &#60;script&#62;alert\(\\&#34;web2\\&#34;\)&#60;\/script&#62;/);
    assert.match(report.body, /Banners are set by the load balancer/);
    assert.doesNotMatch(report.body, /Legacy terminal servers/, 'the expired waiver no longer applies');
    assert.equal((await h.admin.request('GET', `${base}/reports/hosts/nobody.html`)).status, 404);
    assert.equal((await h.admin.request('GET', `${base}/reports/hosts/${web2.id}.txt`)).status, 400);
  });

  test('who may do what', async () => {
    const auditor = await h.user('auditor', 'auditor1');
    const analyst = await h.user('analyst', 'analyst1');
    for (const client of [auditor, analyst]) {
      assert.equal((await client.request('GET', `${base}/overview`)).status, 200);
      assert.equal((await client.request('GET', `${base}/reports/fleet.html`)).status, 200);
      assert.equal((await client.request('GET', `${base}/waivers`)).status, 200);
      assert.equal(
        (await client.request('PUT', `${base}/policies/test_baseline/groups`, { groups: [] })).status,
        403,
      );
      assert.equal(
        (
          await client.request('POST', `${base}/waivers`, {
            policyId: 'test_baseline',
            checkId: 1,
            scope: 'all',
            justification: 'x',
            owner: 'y',
            expiresAt: null,
          })
        ).status,
        403,
      );
    }
    assert.equal((await auditor.request('POST', `${base}/runs`, {})).status, 403);
    const ran = await analyst.request<QueuedAudits>('POST', `${base}/runs`, { groups: ['web'] });
    assert.equal(ran.status, 202);
    assert.deepEqual(ran.body.tasks.map((task) => task.hostname).sort(), ['web1', 'web2']);
    await web1.run(await next(web1));
    await web2.run(await next(web2));
  });

  test('results are taken only for the agent’s own audit task, of the version it carried, once', async () => {
    const queued = await h.admin.request<QueuedAudits>('POST', `${base}/runs`, {
      agents: [web1.id],
      policies: ['test_baseline'],
    });
    const task = await next(web1);
    assert.equal(task.id, queued.body.tasks[0]?.taskId);
    const params = task.params as ScaRunParams;
    const run = {
      policyId: 'test_baseline',
      policyName: 'Test baseline',
      sha256: params.sha256,
      applicable: true,
      requirements: [],
      results: [],
      startedAt: now().toISOString(),
      durationMs: 5,
      score: null,
      counts: { passed: 0, failed: 0, not_applicable: 0 },
    };
    const refused = async (agent: AuditAgent, body: unknown, status: number) => {
      await assert.rejects(
        agent.client.post('/api/agent/v1/audit/results', body),
        (error: { status?: number }) => {
          assert.equal(error.status, status);
          return true;
        },
      );
    };
    await refused(web2, { taskId: task.id, run }, 404);
    await refused(web1, { taskId: task.id, run: { ...run, sha256: 'f'.repeat(64) } }, 409);
    await refused(web1, { taskId: task.id, run: { ...run, policyId: 'vigil_linux_baseline' } }, 404);
    const runs = () =>
      h.server.deps.database.db.selectFrom('sca_runs').select('id').where('task_id', '=', task.id).execute();
    await web1.client.post('/api/agent/v1/audit/results', { taskId: task.id, run });
    await web1.client.post('/api/agent/v1/audit/results', { taskId: task.id, run });
    assert.equal((await runs()).length, 1);
    await web1.client.post(`/api/agent/v1/tasks/${task.id}/result`, { status: 'succeeded', output: 'x' });
  });
});
