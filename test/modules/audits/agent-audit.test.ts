import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { AuditCheckDetail, AuditHost, AuditPolicyDetail } from '../../../src/protocol/audits-api.ts';
import type { Task } from '../../../src/protocol/tasks.ts';
import type { RunningServer } from '../../../src/server/start-server.ts';
import type { VigilProcess } from '../../helpers/child-process.ts';
import { startEnrolledAgent } from '../../helpers/enrolled-agent.ts';
import { testDialects, type TestDatabase } from '../../helpers/test-database.ts';
import { ApiClient, adminPassword, startTestServer } from '../../helpers/test-server.ts';

/**
 * The whole path: a real `vigil agent` process enrolls in a group with an audit policy, is sent
 * `sca.run` at its first poll, runs the policy on this machine (files and a command), posts the
 * run, and the server stores and scores it.
 */
describe('audits through a real agent', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'vigil-audit-agent-'));
  let db: TestDatabase;
  let server: RunningServer;
  let admin: ApiClient;
  let agent: VigilProcess | undefined;
  let agentId: string;

  const policy = `policy:
  id: e2e_policy
  name: End-to-end policy
  description: Reads files under ${scratch} and runs a command.
checks:
  - id: 1
    name: The settings file says hardened
    severity: high
    remediation: Write "mode hardened" into ${scratch}/settings.conf.
    condition: all
    rules:
      - 'f:${scratch}/settings.conf -> r:^mode\\s+hardened$'
  - id: 2
    name: The legacy file is gone
    severity: medium
    condition: none
    rules:
      - 'f:${scratch}/legacy.conf'
  - id: 3
    name: The kernel is Linux
    severity: low
    condition: all
    rules:
      - 'c:uname -s -> r:^Linux$'
`;

  before(async () => {
    writeFileSync(join(scratch, 'settings.conf'), 'mode permissive\n');
    writeFileSync(join(scratch, 'legacy.conf'), 'old\n');
    db = await (testDialects[0] as (typeof testDialects)[number]).create();
    server = await startTestServer(db);
    admin = new ApiClient(server.url);
    await admin.login('admin', adminPassword);
    const saved = await admin.request<AuditPolicyDetail>('PUT', '/api/audit/policies/e2e_policy', {
      source: policy,
    });
    assert.equal(saved.status, 201, JSON.stringify(saved.body));
    assert.equal(saved.body.approved, true, 'an admin’s upload needs no second approval');
    await admin.request('PUT', '/api/audit/policies/e2e_policy/groups', { groups: ['e2e'] });
    ({ agent, agentId } = await startEnrolledAgent(admin, scratch, 'e2e', [
      '--no-journal',
      '--no-fim',
      '--no-inventory',
      '--no-firewall',
    ]));
  });
  after(async () => {
    await agent?.stop();
    await server.close();
    await db.dispose();
    rmSync(scratch, { recursive: true, force: true });
  });

  const audited = async (): Promise<AuditHost> => {
    for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
      const host = await admin.request<AuditHost>('GET', `/api/audit/hosts/${agentId}`);
      if (host.body.policies.length > 0) return host.body;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.fail(`no audit arrived from the agent:\n${agent?.output().slice(-3000) ?? ''}`);
  };

  test('a new host runs its group’s policy at once and the server stores the run with its evidence', async () => {
    const host = await audited();
    const [run] = host.policies;
    assert.equal(run?.id, 'e2e_policy');
    assert.deepEqual(
      run.results.map((result) => [result.checkId, result.result]),
      [
        [1, 'failed'],
        [2, 'failed'],
        [3, 'passed'],
      ],
    );
    assert.equal(run.score, 33.3);
    const check = await admin.request<AuditCheckDetail>(
      'GET',
      `/api/audit/hosts/${agentId}/policies/e2e_policy/checks/3`,
    );
    assert.match(check.body.history[0]?.rules[0]?.evidence ?? '', /Linux/);

    const tasks = await admin.request<{ tasks: Task[] }>('GET', `/api/agents/${agentId}/tasks`);
    const task = tasks.body.tasks.find((candidate) => candidate.kind === 'sca.run');
    assert.equal(task?.status, 'succeeded', task?.output ?? '');
    assert.match(
      task.output ?? '',
      /^e2e_policy: score 33\.3%; 1 passed, 2 failed, 0 not applicable in \d+\.\d s$/,
    );
  });
});
