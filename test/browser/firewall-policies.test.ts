import assert from 'node:assert/strict';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { createTwoFilesPatch } from 'diff';
import type { Browser, Page } from 'playwright-core';
import { createAgentClient, type AgentClient } from '../../src/agent/agent-client.ts';
import { enroll } from '../../src/agent/enroll.ts';
import { verifyTaskEnvelope } from '../../src/agent/task-runner.ts';
import { publicKeyFromRaw } from '../../src/modules/agents/signing.ts';
import type { CreatedEnrollmentToken } from '../../src/protocol/agents.ts';
import type { FirewallPolicyDetail } from '../../src/protocol/firewall-policies-api.ts';
import type { FirewallPlan } from '../../src/protocol/firewall-policy.ts';
import type { TaskEnvelope, TaskPollResponse } from '../../src/protocol/tasks.ts';
import type { RunningServer } from '../../src/server/start-server.ts';
import { defaultWebRoot } from '../../src/server/start-server.ts';
import {
  collectConsoleErrors,
  launchChromium,
  noConsoleErrors,
  rowsShown,
  screenshot,
  signIn,
} from '../helpers/browser.ts';
import { needs } from '../helpers/requirements.ts';
import { testDialects, type TestDatabase } from '../helpers/test-database.ts';
import { ApiClient, adminPassword, startTestServer } from '../helpers/test-server.ts';

const auditorPassword = 'auditor-passphrase-42';

/** An enrolled host with no agent running: the test polls and answers its tasks itself. */
interface FakeHost {
  agentId: string;
  client: AgentClient;
  serverKey: KeyObject;
}

/*
 * The console's side of firewall policies, against a real server. No agent runs: the test
 * polls each host's tasks with the real agent client and posts the results an agent would
 * (a plan's FirewallPlan as JSON), so the UI is shown real task rows. The agent's own nft path,
 * plan and apply with rollback, is tested on real nftables in test/modules/firewall/.
 */
describe('Firewall policies in Chromium', needs('chromium', 'browser tests drive the real UI'), () => {
  let testDb: TestDatabase;
  let server: RunningServer;
  let browser: Browser;
  let admin: ApiClient;
  const hosts: Record<string, FakeHost> = {};

  const enrollHost = async (name: string, group: string) => {
    const created = await admin.request<CreatedEnrollmentToken>('POST', '/api/agents/enrollment-tokens', {
      group,
    });
    const privateKey = generateKeyPairSync('ed25519').privateKey;
    const state = await enroll({
      token: created.body.token,
      serverUrl: server.url,
      privateKey,
      version: 'test',
    });
    assert.ok(state.taskPublicKey);
    const client = createAgentClient({ serverUrl: server.url, agentId: state.agentId, privateKey });
    await client.post('/api/agent/v1/heartbeat', {
      version: 'test',
      hostname: name,
      spool: { pendingEvents: 0, dropped: 0 },
    });
    hosts[name] = { agentId: state.agentId, client, serverKey: publicKeyFromRaw(state.taskPublicKey) };
  };

  const host = (name: string): FakeHost => {
    const found = hosts[name];
    assert.ok(found, `host ${name} is enrolled`);
    return found;
  };

  /**
   * The next task of `kind` the server sends the host, checked as the agent checks it (signature,
   * address, expiry). Other tasks in the way (such as firewall.sync) are answered as done.
   */
  const nextTask = async (name: string, kind: string): Promise<TaskEnvelope> => {
    const { agentId, client, serverKey } = host(name);
    const deadline = Date.now() + 15_000;
    for (;;) {
      const polled = await client.post<TaskPollResponse>('/api/agent/v1/tasks/poll', { waitSeconds: 1 });
      let found: TaskEnvelope | undefined;
      for (const raw of polled.tasks) {
        const verdict = verifyTaskEnvelope(raw, { serverKey, agentId, now: Date.now() });
        assert.ok(verdict.ok, `the agent would refuse ${raw.kind}: ${verdict.ok ? '' : verdict.reason}`);
        if (found === undefined && verdict.task.kind === kind) found = verdict.task;
        else await answer(name, verdict.task, 'succeeded', 'done');
      }
      if (found) return found;
      if (Date.now() > deadline) assert.fail(`${name} was sent no ${kind} task`);
    }
  };

  const answer = (name: string, task: TaskEnvelope, status: 'succeeded' | 'failed', output: string) =>
    host(name).client.post(`/api/agent/v1/tasks/${task.id}/result`, {
      status,
      exitCode: status === 'succeeded' ? 0 : 1,
      output,
    });

  /** A plan as the agent makes it: both rulesets and their unified diff, live → planned. */
  const planOf = (policy: string, live: string, planned: string): FirewallPlan => ({
    policy,
    live,
    planned,
    diff:
      live === planned ? '' : createTwoFilesPatch('live', 'planned', live, planned, '', '', { context: 3 }),
    changed: live !== planned,
  });

  const openNetwork = async (username: string, password: string) => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1100 } });
    const errors = collectConsoleErrors(page);
    await signIn(page, server.url, username, password, '/network');
    await page.getByRole('region', { name: 'Firewall policies' }).waitFor();
    return { page, errors };
  };

  const text = async (page: Page, testId: string) => (await page.getByTestId(testId).textContent()) ?? '';

  before(async () => {
    assert.ok(existsSync(`${defaultWebRoot}/index.html`), 'run `npm run build:web` first (npm test does)');
    const sqlite = testDialects[0];
    assert.ok(sqlite);
    testDb = await sqlite.create();
    // No drift checks: the scheduler's own plans (due a minute after each save) would race the ones the test answers.
    server = await startTestServer(testDb, { firewall: { driftCheckMinutes: 0 } });
    admin = new ApiClient(server.url);
    await admin.login('admin', adminPassword);
    const auditor = await admin.request('POST', '/api/users', {
      username: 'auditor1',
      role: 'auditor',
      password: auditorPassword,
    });
    assert.equal(auditor.status, 201);
    browser = await launchChromium();
  });

  after(async () => {
    await browser.close();
    await server.close();
    await testDb.dispose();
  });

  test('a policy is refused with its issues, then saved, planned on its hosts, applied and deleted', async () => {
    const { page, errors } = await openNetwork('admin', adminPassword);
    await page.getByText('No firewall policies').waitFor();

    // A new policy starts from the template; a bad one is refused with each issue by its path.
    await page.getByRole('button', { name: 'New policy' }).click();
    const editor = page.getByLabel('Policy (YAML)');
    const template = await editor.inputValue();
    assert.match(template, /^name: web-servers$/m);
    assert.match(template, /^groups: \[web\]$/m);
    await editor.fill(
      template.replace('default: drop', 'default: reject').replace('[80, 443]', '[80, 70000]'),
    );
    await page.getByRole('button', { name: 'Save policy' }).click();
    const issues = page.getByTestId('policy-issues');
    await issues.waitFor();
    assert.match((await issues.textContent()) ?? '', /inbound\.default/);
    assert.match((await issues.textContent()) ?? '', /inbound\.allow\.1\.ports\.1/);
    assert.equal(await issues.getByRole('listitem').count(), 2);
    assert.equal(await editor.getAttribute('aria-invalid'), 'true');
    await screenshot(page, 'firewall-policy-invalid');

    // Fixed, it saves: the list shows it and the detail its rendered ruleset.
    await editor.fill(template);
    await page.getByRole('button', { name: 'Save policy' }).click();
    await page.getByText('Saved policy web-servers.').waitFor();
    await rowsShown(page, 'firewall-policy-row', 1);
    assert.match(await text(page, 'firewall-policy-row'), /web-servers.*web.*0.*No hosts.*admin/);
    const ruleset = await text(page, 'policy-ruleset');
    assert.match(ruleset, /^table inet vigil \{/);
    assert.match(ruleset, /chain policy_input \{/);
    assert.match(ruleset, /tcp dport \{ 80, 443 \} accept comment "web"/);
    assert.match(ruleset, /ip saddr 10\.0\.0\.0\/8 tcp dport 22 accept comment "ssh"/);
    await page.getByText('No hosts in these groups').waitFor();

    // Three hosts join the group; each plans the policy.
    await enrollHost('web1', 'web');
    await enrollHost('web2', 'web');
    await enrollHost('web3', 'web');
    await page.reload();
    await page.getByRole('button', { name: 'web-servers' }).click();
    await rowsShown(page, 'policy-host-row', 3);
    const hostDrift = () => page.getByTestId('policy-hosts').getByTestId('drift').allTextContents();
    assert.deepEqual(await hostDrift(), ['Unknown', 'Unknown', 'Unknown']);
    assert.match(await text(page, 'firewall-policy-row'), /3.*None drifted/);
    await page.getByRole('button', { name: 'Plan', exact: true }).click();
    await page.getByTestId('policy-progress').filter({ hasText: 'Planning on 3 hosts' }).waitFor();

    const detail = await admin.request<FirewallPolicyDetail>('GET', '/api/firewall/policies/web-servers');
    const planned = detail.body.rendered;
    const live = planned.replace(
      'tcp dport { 80, 443 } accept comment "web"',
      'tcp dport 8080 accept comment "web"',
    );
    assert.notEqual(live, planned);
    const plans = await Promise.all(
      ['web1', 'web2', 'web3'].map((name) => nextTask(name, 'firewall.policy.plan')),
    );
    for (const task of plans)
      assert.equal((task.params as { policy: { name: string } }).policy.name, 'web-servers');
    const [plan1, plan2, plan3] = plans as [TaskEnvelope, TaskEnvelope, TaskEnvelope];
    await answer('web1', plan1, 'succeeded', JSON.stringify(planOf('web-servers', live, planned)));
    await answer('web2', plan2, 'succeeded', JSON.stringify(planOf('web-servers', planned, planned)));
    await answer('web3', plan3, 'failed', 'nft: Operation not permitted (the agent runs without root)');

    // The page polls until all three have answered, then shows each host's diff.
    await page.getByText('Planned on 3 hosts: 1 host would change, 1 host could not plan.').waitFor();
    assert.deepEqual(await hostDrift(), ['Drifted', 'In sync', 'Unknown']);
    await page.getByTestId('firewall-policy-row').getByText('1 drifted').waitFor();
    assert.equal(await page.getByTestId('plan-diff').count(), 1);
    const diff = page.getByRole('figure', { name: 'Planned changes on web1' });
    assert.equal(
      (await diff.locator('.diff-remove').allTextContents()).join('').trim(),
      '-\t\ttcp dport 8080 accept comment "web"',
    );
    assert.equal(
      (await diff.locator('.diff-add').allTextContents()).join('').trim(),
      '+\t\ttcp dport { 80, 443 } accept comment "web"',
    );
    assert.match((await diff.locator('.diff-hunk').first().textContent()) ?? '', /^@@ /);
    const results = page.getByTestId('host-plan');
    assert.match(
      (await results.filter({ hasText: 'web2' }).getByTestId('plan-unchanged').textContent()) ?? '',
      /No changes/,
    );
    assert.match(
      (await results.filter({ hasText: 'web3' }).getByTestId('plan-error').textContent()) ?? '',
      /Operation not permitted/,
    );
    await screenshot(page, 'firewall-policy-plan');

    // Apply asks first and explains the confirmation window, which the user may change.
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Apply firewall policy' });
    assert.match((await dialog.textContent()) ?? '', /puts its previous rules back on its own/);
    assert.equal(await dialog.getByTestId('confirm-window').textContent(), '30 seconds');
    await dialog.getByLabel('Confirmation window (seconds)').fill('45');
    assert.equal(await dialog.getByTestId('confirm-window').textContent(), '45 seconds');
    await screenshot(page, 'firewall-policy-apply');
    await dialog.getByRole('button', { name: 'Apply to 3 hosts' }).click();
    await page.getByTestId('policy-progress').filter({ hasText: 'Applying on 3 hosts' }).waitFor();

    const applies = await Promise.all(
      ['web1', 'web2', 'web3'].map((name) => nextTask(name, 'firewall.policy.apply')),
    );
    for (const task of applies) assert.equal((task.params as { confirmSeconds: number }).confirmSeconds, 45);
    const [apply1, apply2, apply3] = applies as [TaskEnvelope, TaskEnvelope, TaskEnvelope];
    await answer('web1', apply1, 'succeeded', 'applied');
    await answer('web2', apply2, 'succeeded', 'unchanged');
    await answer('web3', apply3, 'failed', 'rolled back: the server was not reached within 45 s');
    await page.getByText('Applied on 2 hosts; 1 host did not apply it: see Last apply.').waitFor();
    assert.deepEqual(await page.getByTestId('apply-outcome').allTextContents(), [
      'Applied',
      'Applied',
      'Failed',
    ]);
    assert.match(
      (await page.getByTestId('policy-host-row').filter({ hasText: 'web3' }).textContent()) ?? '',
      /rolled back: the server was not reached within 45 s/,
    );
    await screenshot(page, 'firewall-policy-applied');

    // Edited, the policy renders anew, and no plan has compared the hosts with this version yet.
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    assert.equal(await editor.inputValue(), template);
    await editor.fill(template.replace('[80, 443]', '[443]'));
    await page.getByRole('button', { name: 'Save policy' }).click();
    await page.getByText('Saved policy web-servers.').waitFor();
    assert.match(await text(page, 'policy-ruleset'), /tcp dport 443 accept comment "web"/);
    assert.deepEqual(await hostDrift(), ['Unknown', 'Unknown', 'Unknown']);
    assert.equal(
      await page.getByTestId('plan-stale').count(),
      2,
      'the plans of web1 and web2 are of the old version',
    );

    // Deleting asks first; the policy leaves the list.
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete firewall policy' });
    assert.match((await confirm.textContent()) ?? '', /remove the policy’s rules/);
    await confirm.getByRole('button', { name: 'Delete policy' }).click();
    await page.getByText('Deleted policy web-servers.').waitFor();
    await rowsShown(page, 'firewall-policy-row', 0);
    assert.equal((await admin.request('GET', '/api/firewall/policies/web-servers')).status, 404);
    noConsoleErrors(errors.filter((error) => !/422/.test(error)));
    await page.close();
  });

  test('auditors see policies, their hosts and ruleset, but cannot change, plan or apply them', async () => {
    const source =
      'name: db-servers\ngroups: [db]\ninbound:\n  allow:\n    - name: postgres\n      ports: [5432]\n';
    const saved = await admin.request('PUT', '/api/firewall/policies/db-servers', { source });
    assert.equal(saved.status, 201);
    const { page, errors } = await openNetwork('auditor1', auditorPassword);
    await rowsShown(page, 'firewall-policy-row', 1);
    await page.getByRole('button', { name: 'db-servers' }).click();
    assert.match(await text(page, 'policy-ruleset'), /tcp dport 5432 accept comment "postgres"/);
    for (const name of ['New policy', 'Plan', 'Apply', 'Edit', 'Delete'])
      assert.equal(await page.getByRole('button', { name, exact: true }).count(), 0, `no ${name} button`);
    await screenshot(page, 'firewall-policy-auditor');
    noConsoleErrors(errors);
    await page.close();
  });
});
