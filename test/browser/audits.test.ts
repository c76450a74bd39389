import assert from 'node:assert/strict';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createAgentClient, type AgentClient } from '../../src/agent/agent-client.ts';
import { enroll } from '../../src/agent/enroll.ts';
import { verifyTaskEnvelope } from '../../src/agent/task-runner.ts';
import { publicKeyFromRaw } from '../../src/modules/agents/signing.ts';
import { createLocalHost } from '../../src/modules/sca/create-local-host.ts';
import { parsePolicy } from '../../src/modules/sca/load-policy.ts';
import { runPolicy } from '../../src/modules/sca/run-policy.ts';
import type { CreatedEnrollmentToken } from '../../src/protocol/agents.ts';
import type { AuditOverview, AuditPolicyDetail, ScaRunParams } from '../../src/protocol/audits-api.ts';
import type { TaskEnvelope, TaskPollResponse } from '../../src/protocol/tasks.ts';
import type { CreatedToken } from '../../src/protocol/tokens.ts';
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

/** The company standard the admin uploads: three checks that pass or fail on sshd_config, one that cannot apply. */
const policySource = `policy:
  id: company_ssh
  file: company_ssh.yml
  name: Company SSH standard
  description: How every server's SSH daemon must be configured.

requirements:
  name: OpenSSH server
  description: The standard applies where sshd is configured.
  condition: all
  rules:
    - 'f:/etc/ssh/sshd_config'

checks:
  - id: 10001
    name: 'SSH: root cannot log in'
    description: The SSH daemon refuses logins as root.
    rationale: Admins log in as themselves and use sudo, so every action is attributable.
    remediation: Set PermitRootLogin no in /etc/ssh/sshd_config and reload sshd.
    severity: high
    compliance:
      pci_dss: ['2.2.6']
      cis: ['5.1.20']
    mitre:
      technique: { id: ['T1078'], name: ['Valid Accounts'] }
    condition: all
    rules:
      - 'not f:/etc/ssh/sshd_config -> r:^\\s*PermitRootLogin\\s+yes'
  - id: 10002
    name: 'SSH: password authentication is off'
    description: The SSH daemon accepts keys only.
    rationale: Passwords can be guessed and sprayed; keys cannot be brute forced.
    remediation: Set PasswordAuthentication no in /etc/ssh/sshd_config and reload sshd.
    severity: medium
    compliance:
      pci_dss: ['8.3.1']
      nist_800_53: ['IA-2(1)']
    condition: all
    rules:
      - 'f:/etc/ssh/sshd_config -> r:^\\s*PasswordAuthentication\\s+no'
  - id: 10003
    name: 'SSH: X11 forwarding is off'
    description: Clients cannot forward X11 sessions through the server.
    rationale: X11 forwarding exposes the client's display to the server's users.
    remediation: Set X11Forwarding no in /etc/ssh/sshd_config and reload sshd.
    severity: low
    compliance:
      cis: ['5.1.13']
    condition: all
    rules:
      - 'not f:/etc/ssh/sshd_config -> r:^\\s*X11Forwarding\\s+yes'
  - id: 10004
    name: 'SSH: login attempts are limited in a drop-in'
    description: A drop-in file sets MaxAuthTries.
    rationale: Few attempts per connection slow down guessing.
    remediation: Set MaxAuthTries 4 in /etc/ssh/sshd_config.d/limits.conf.
    severity: medium
    condition: all
    rules:
      - 'f:/etc/ssh/sshd_config.d/limits.conf -> r:^MaxAuthTries'
`;

/** A policy whose rule runs a command: uploaded by a token that may not approve, it waits for an admin. */
const commandPolicySource = `policy:
  id: company_kernel
  name: Company kernel settings
  description: Kernel parameters every server must have.
checks:
  - id: 20001
    name: 'Kernel: address space layout randomisation is on'
    severity: medium
    condition: all
    rules:
      - 'c:sysctl kernel.randomize_va_space -> r:= 2$'
`;

interface FakeHost {
  agentId: string;
  client: AgentClient;
  serverKey: KeyObject;
  /** The tree the host's audits read instead of `/`. */
  root: string;
}

/*
 * The Audits console against a real server. No agent runs: the test enrolls hosts with the real
 * agent client, polls their `sca.run` tasks, runs the policy each task carries with the real SCA
 * engine over a small file tree per host, and posts the agent's results itself (the full run to
 * /api/agent/v1/audit/results, then the task's summary). The agent's own path, which does the
 * same on the host, is tested with the agent elsewhere.
 */
describe('Audits in Chromium', needs('chromium', 'browser tests drive the real UI'), () => {
  let testDb: TestDatabase;
  let server: RunningServer;
  let browser: Browser;
  let admin: ApiClient;
  let workDir: string;
  const hosts: Record<string, FakeHost> = {};

  const host = (name: string): FakeHost => {
    const found = hosts[name];
    assert.ok(found, `host ${name} is enrolled`);
    return found;
  };

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
    const root = join(workDir, name);
    await mkdir(join(root, 'etc/ssh'), { recursive: true });
    hosts[name] = { agentId: state.agentId, client, serverKey: publicKeyFromRaw(state.taskPublicKey), root };
  };

  /** What the host's sshd_config says from now on. */
  const configure = (name: string, lines: string[]) =>
    writeFile(join(host(name).root, 'etc/ssh/sshd_config'), `${lines.join('\n')}\n`);

  /**
   * Answers the host's next `count` audit tasks as the agent does: checks each envelope, runs the
   * policy it carries over the host's tree, posts the run with its evidence, then the task's result.
   */
  const answerAudits = async (name: string, count: number): Promise<void> => {
    const { agentId, client, serverKey, root } = host(name);
    const deadline = Date.now() + 15_000;
    let answered = 0;
    while (answered < count) {
      const polled = await client.post<TaskPollResponse>('/api/agent/v1/tasks/poll', { waitSeconds: 1 });
      for (const raw of polled.tasks) {
        const verdict = verifyTaskEnvelope(raw, { serverKey, agentId, now: Date.now() });
        assert.ok(verdict.ok, `the agent would refuse ${raw.kind}: ${verdict.ok ? '' : verdict.reason}`);
        const task: TaskEnvelope = verdict.task;
        if (task.kind !== 'sca.run') {
          await client.post(`/api/agent/v1/tasks/${task.id}/result`, {
            status: 'succeeded',
            exitCode: 0,
            output: 'done',
          });
          continue;
        }
        const params = task.params as ScaRunParams;
        const policy = parsePolicy(params.policy, 'task');
        assert.equal(policy.sha256, params.sha256, 'the task carries the policy version it names');
        const run = await runPolicy(policy, createLocalHost({ root, commands: false }));
        await client.post('/api/agent/v1/audit/results', { taskId: task.id, run });
        await client.post(`/api/agent/v1/tasks/${task.id}/result`, {
          status: 'succeeded',
          exitCode: 0,
          output: `${run.policyId}: score ${run.score ?? 'n/a'}`,
        });
        answered += 1;
      }
      if (answered < count && Date.now() > deadline)
        assert.fail(`${name} was sent ${answered} of ${count} audits`);
    }
  };

  const openPage = async (username: string, password: string, path: string, width = 1440) => {
    const page = await browser.newPage({ viewport: { width, height: 1100 } });
    const errors = collectConsoleErrors(page);
    await signIn(page, server.url, username, password, path);
    return { page, errors };
  };

  /** Full-page screenshots from the top: the sidebar is fixed, so a scrolled page would show it mid-page. */
  const capture = async (page: Page, name: string) => {
    await page.mouse.move(720, 500);
    await page.mouse.wheel(0, -100_000);
    await page.waitForTimeout(100);
    await screenshot(page, name);
  };

  const text = async (page: Page, testId: string) =>
    (await page.getByTestId(testId).first().textContent()) ?? '';

  /** Waits until the element with `testId` reads `expected` (the page reloads data after a change). */
  const shows = async (page: Page, testId: string, expected: string) => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const seen = (await text(page, testId)).trim();
      if (seen === expected) return;
      if (Date.now() > deadline) assert.fail(`${testId} shows "${seen}", not "${expected}"`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  before(async () => {
    assert.ok(existsSync(`${defaultWebRoot}/index.html`), 'run `npm run build:web` first (npm test does)');
    const sqlite = testDialects[0];
    assert.ok(sqlite);
    testDb = await sqlite.create();
    workDir = await mkdtemp(join(tmpdir(), 'vigil-audits-browser-'));
    // Audits run only when asked: the scheduler's own runs would race the ones the test answers.
    server = await startTestServer(testDb, { audit: { intervalHours: 0 } });
    admin = new ApiClient(server.url);
    await admin.login('admin', adminPassword);
    const auditor = await admin.request('POST', '/api/users', {
      username: 'auditor1',
      role: 'auditor',
      password: auditorPassword,
    });
    assert.equal(auditor.status, 201);
    await enrollHost('web1', 'web');
    await enrollHost('db1', 'db');
    browser = await launchChromium();
  });

  after(async () => {
    await browser.close();
    await server.close();
    await testDb.dispose();
    await rm(workDir, { recursive: true, force: true });
  });

  test('a policy is uploaded and run, a check flips to failed with evidence and history, a waiver lifts the score, and the reports render', async () => {
    const { page, errors } = await openPage('admin', adminPassword, '/audits');
    await page.getByRole('region', { name: 'Audit policies' }).waitFor();
    await shows(page, 'fleet-score', '—');

    // The upload starts from a template; a broken policy is refused with each issue by its path.
    await page.getByRole('button', { name: 'Upload policy' }).click();
    const editor = page.getByLabel('Policy (YAML)');
    assert.match(await editor.inputValue(), /^ {2}id: company_ssh$/m);
    await editor.fill(
      policySource.replace(
        "condition: all\n    rules:\n      - 'f:/etc/ssh/sshd_config -> r",
        "condition: most\n    rules:\n      - 'f:/etc/ssh/sshd_config -> r",
      ),
    );
    await page.getByRole('button', { name: 'Save policy' }).click();
    const issues = page.getByTestId('audit-policy-issues');
    await issues.waitFor();
    assert.match((await issues.textContent()) ?? '', /checks\.1\.condition/);
    assert.equal(await editor.getAttribute('aria-invalid'), 'true');
    await capture(page, 'audits-policy-invalid');

    // Fixed, it saves approved (an admin may approve) and is assigned to both groups.
    await editor.fill(policySource);
    await page.getByRole('button', { name: 'Save policy' }).click();
    await page.getByText('Saved policy Company SSH standard.').waitFor();
    const row = page.getByTestId('audit-policy-row').filter({ hasText: 'company_ssh' });
    await row.waitFor();
    assert.equal(await row.getByTestId('policy-approval').textContent(), 'Approved');
    assert.equal(await page.getByTestId('audit-policy-checks').getByRole('row').count(), 5);
    const groupsForm = page.getByRole('form', { name: 'Assign to host groups' });
    await groupsForm.getByLabel('web', { exact: true }).check();
    await groupsForm.getByLabel('db', { exact: true }).check();
    await groupsForm.getByRole('button', { name: 'Save groups' }).click();
    await page.getByText('Company SSH standard runs on db, web.').waitFor();
    await row.filter({ hasText: /db\s*web/ }).waitFor();

    // Run now queues it on both hosts; the hosts answer from their own sshd_config.
    await configure('web1', ['PermitRootLogin no', 'PasswordAuthentication no', 'X11Forwarding no']);
    await configure('db1', ['PermitRootLogin no', 'PasswordAuthentication yes', 'X11Forwarding yes']);
    await row.getByRole('button', { name: 'Run now: Company SSH standard' }).click();
    await page.getByText('Audit queued on 2 hosts.', { exact: false }).waitFor();
    await Promise.all([answerAudits('web1', 1), answerAudits('db1', 1)]);
    await page.reload();
    // web1 passes 3 of 3, db1 1 of 3: 4 of 6 applicable checks pass.
    await shows(page, 'fleet-score', '66.7%');
    await rowsShown(page, 'audit-host-row', 2);

    // The second run on web1: root may log in and X11 is forwarded; 10001 flips from passed to failed.
    await configure('web1', ['PermitRootLogin yes', 'PasswordAuthentication no', 'X11Forwarding yes']);
    await page.getByRole('link', { name: 'web1' }).click();
    await page.getByRole('button', { name: 'Run now: this host' }).click();
    await page.getByText('Audit queued on 1 host.', { exact: false }).waitFor();
    await answerAudits('web1', 1);
    await page.reload();
    await shows(page, 'host-score', '33.3%');
    await rowsShown(page, 'host-check-row', 4);
    const results = await page.getByTestId('host-check-row').getByTestId('check-result').allTextContents();
    assert.deepEqual(results, ['Failed', 'Passed', 'Failed', 'Not applicable']);
    // Filters: failed only, then failed and high.
    await page.getByLabel('Result').selectOption('failed');
    await rowsShown(page, 'host-check-row', 2);
    await page.getByLabel('Severity').selectOption('high');
    await rowsShown(page, 'host-check-row', 1);
    await capture(page, 'audits-host');

    // The check: what it verifies and why, how to fix it, its tags, the evidence, both runs.
    await page.getByRole('link', { name: 'SSH: root cannot log in' }).click();
    await page.getByTestId('check-summary').waitFor();
    assert.match(await text(page, 'check-description'), /refuses logins as root/);
    assert.match(await text(page, 'check-rationale'), /every action is attributable/);
    assert.match(await text(page, 'check-remediation'), /Set PermitRootLogin no/);
    assert.match(await text(page, 'check-compliance'), /PCI DSS 2\.2\.6/);
    assert.match(await text(page, 'check-compliance'), /CIS Benchmarks 5\.1\.20/);
    assert.equal(
      await page.getByTestId('check-mitre').getByRole('link', { name: 'T1078' }).getAttribute('href'),
      'https://attack.mitre.org/techniques/T1078/',
    );
    assert.equal(await text(page, 'rule-evidence'), '/etc/ssh/sshd_config:1: "PermitRootLogin yes"');
    await rowsShown(page, 'history-entry', 2);
    assert.deepEqual(await page.getByTestId('history-result').allTextContents(), ['Failed', 'Passed']);
    assert.equal(await text(page, 'history-change'), 'was passed');
    // The older run's evidence is one click away.
    await page.getByTestId('history-entry').nth(1).locator('summary').click();
    assert.match(
      (await page.getByTestId('history-entry').nth(1).getByTestId('rule-evidence').textContent()) ?? '',
      /has no line matching|not found|no line/,
    );
    await shows(page, 'check-host-score', '33.3%');
    await capture(page, 'audits-check');

    // A waiver for this host takes the check out of the score: web1 passes 1 of 2 now.
    await page.getByRole('button', { name: 'Waive…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Waive this check' });
    assert.equal(await dialog.getByLabel('Applies to').inputValue(), `agent:${host('web1').agentId}`);
    await dialog
      .getByLabel('Justification')
      .fill('Root logs in only from the bastion; sshd listens on the management VLAN alone.');
    await dialog.getByLabel('Owner').fill('ops-lead');
    await dialog.getByRole('button', { name: 'Create waiver' }).click();
    await page.getByTestId('waived-notice').waitFor();
    assert.match(await text(page, 'waived-notice'), /Waived for host web1 until/);
    await shows(page, 'check-host-score', '50%');
    await page.getByTestId('check-waived').first().waitFor();
    assert.equal(await page.getByRole('button', { name: 'Waive…' }).count(), 0);
    assert.match(await text(page, 'check-waivers'), /bastion.*owner ops-lead/s);

    // The fleet: 2 of 5 applicable, unwaived checks pass; the hosts sort by score, worst first.
    await page.getByTestId('nav-audits').click();
    await shows(page, 'fleet-score', '40%');
    const hostOrder = () => page.getByTestId('audit-host-row').locator('td:first-child').allTextContents();
    assert.deepEqual(await hostOrder(), ['db1', 'web1']);
    assert.deepEqual(await page.getByTestId('audit-host-row').getByTestId('score').allTextContents(), [
      '33.3%',
      '50%',
    ]);
    assert.deepEqual(await page.getByTestId('host-failed').allTextContents(), ['2', '1']);
    await page.getByTestId('sort-score').click();
    assert.deepEqual(await hostOrder(), ['web1', 'db1']);
    assert.equal(await page.locator('th[aria-sort="descending"]').textContent(), 'Score▼');
    await rowsShown(page, 'waiver-row', 1);
    assert.match(await text(page, 'waiver-row'), /SSH: root cannot log in.*Host web1.*bastion.*ops-lead/);
    await page.getByTestId('chart-breakdown').locator('canvas').waitFor();
    await page.getByTestId('chart-frameworks').locator('canvas').waitFor();
    assert.match(
      (await page.getByTestId('chart-breakdown').getByRole('img').getAttribute('aria-label')) ?? '',
      /^Score by host group: db 33\.3%, web 50%\.$/,
    );
    await page.getByLabel('By', { exact: true }).selectOption('policy');
    await page.getByRole('heading', { name: 'Score by policy' }).waitFor();
    assert.match(
      (await page.getByTestId('chart-breakdown').getByRole('img').getAttribute('aria-label')) ?? '',
      /Company SSH standard 40%/,
    );
    await capture(page, 'audits-fleet');

    // The overview the charts draw: per group and per framework.
    const overview = (await admin.request<AuditOverview>('GET', '/api/audit/overview')).body;
    assert.deepEqual(overview.groups.map((group) => [group.group, group.score]).sort(), [
      ['db', 33.3],
      ['web', 50],
    ]);
    assert.ok(overview.frameworks.some((framework) => framework.framework === 'pci_dss'));

    // The host report, as an auditor reads it: score, failures by severity with evidence and fix, waivers.
    const htmlLink = page.getByRole('link', { name: 'Fleet report (HTML)' });
    assert.equal(await htmlLink.getAttribute('href'), '/api/audit/reports/fleet.html');
    assert.equal(
      await page.getByRole('link', { name: 'Fleet report (PDF)' }).getAttribute('href'),
      '/api/audit/reports/fleet.pdf',
    );
    const report = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
    const reportErrors = collectConsoleErrors(report);
    await report.context().addCookies(await page.context().cookies());
    const hostReport = await report.goto(
      `${server.url}/api/audit/reports/hosts/${host('web1').agentId}.html`,
    );
    assert.equal(hostReport?.status(), 200);
    const hostText = (await report.locator('body').textContent()) ?? '';
    assert.match(hostText, /web1/);
    assert.match(hostText, /50(\.0)?\s*%/);
    assert.match(hostText, /Failed checks by severity/);
    assert.match(hostText, /SSH: X11 forwarding is off/);
    assert.match(hostText, /sshd_config:3: "X11Forwarding yes"/);
    assert.match(hostText, /Set X11Forwarding no in \/etc\/ssh\/sshd_config/);
    assert.match(hostText, /Root logs in only from the bastion/);
    assert.match(hostText, /ops-lead/);
    await screenshot(report, 'audits-report-host');

    const fleetReport = await report.goto(`${server.url}/api/audit/reports/fleet.html`);
    assert.equal(fleetReport?.status(), 200);
    const fleetText = (await report.locator('body').textContent()) ?? '';
    assert.match(fleetText, /40(\.0)?\s*%/);
    assert.match(fleetText, /db1/);
    assert.match(fleetText, /web1/);
    assert.match(fleetText, /SSH: password authentication is off/);
    assert.match(fleetText, /Root logs in only from the bastion/);
    await screenshot(report, 'audits-report-fleet');
    noConsoleErrors(reportErrors);
    await report.close();

    // Deleting the waiver puts the check back into the score.
    await page.getByTestId('waiver-row').getByRole('button', { name: 'Delete' }).click();
    await page
      .getByRole('dialog', { name: 'Delete waiver' })
      .getByRole('button', { name: 'Delete waiver' })
      .click();
    await rowsShown(page, 'waiver-row', 0);
    await shows(page, 'fleet-score', '33.3%');

    noConsoleErrors(errors.filter((error) => !/422/.test(error)));
    await page.close();
  });

  test('a policy that runs commands waits for an admin to approve it', async () => {
    // A token that may upload but not approve, as a script of the ops team would have.
    const token = await admin.request<CreatedToken>('POST', '/api/tokens', {
      name: 'policy upload',
      scopes: ['audits:read', 'audits:write'],
    });
    assert.equal(token.status, 201);
    const uploader = new ApiClient(server.url);
    uploader.bearer = token.body.token;
    const uploaded = await uploader.request<AuditPolicyDetail>('PUT', '/api/audit/policies/company_kernel', {
      source: commandPolicySource,
    });
    assert.equal(uploaded.status, 201);
    assert.equal(uploaded.body.approved, false);

    const { page, errors } = await openPage('admin', adminPassword, '/audits');
    const row = page.getByTestId('audit-policy-row').filter({ hasText: 'company_kernel' });
    assert.equal(await row.getByTestId('policy-approval').textContent(), 'Not approved');
    await row.getByRole('button', { name: 'Company kernel settings' }).click();
    await page.getByTestId('policy-commands').waitFor();
    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    await page.getByText('Approved Company kernel settings', { exact: false }).waitFor();
    // The list reloads after the notice.
    await row.getByTestId('policy-approval').getByText('Approved', { exact: true }).waitFor();
    await capture(page, 'audits-policy-approved');
    noConsoleErrors(errors);
    await page.close();
  });

  test('auditors see scores, checks and reports, but no button that changes anything', async () => {
    const { page, errors } = await openPage('auditor1', auditorPassword, '/audits', 1366);
    await page.getByRole('region', { name: 'Audit policies' }).waitFor();
    await rowsShown(page, 'audit-host-row', 2);
    await shows(page, 'fleet-score', '33.3%');
    // A string, because test code is type-checked without the DOM library.
    const overflow = await page.evaluate('document.documentElement.scrollWidth > window.innerWidth');
    assert.equal(overflow, false, 'no horizontal scrolling at 1366 px');
    assert.equal(await page.getByRole('link', { name: 'Fleet report (HTML)' }).count(), 1);
    assert.equal(await page.getByRole('link', { name: 'Fleet report (PDF)' }).count(), 1);
    await page.getByRole('button', { name: 'Company SSH standard' }).click();
    await page.getByTestId('audit-policy-detail').waitFor();
    const noButtons = async (names: string[]) => {
      // By prefix: the Run now buttons are named for what they run, "Run now: web1".
      for (const name of names)
        assert.equal(
          await page.getByRole('button', { name: new RegExp(`^${name}`) }).count(),
          0,
          `no ${name} button`,
        );
    };
    await noButtons(['Upload policy', 'Run now', 'New waiver', 'Delete', 'Edit', 'Approve', 'Save groups']);
    assert.equal(await page.getByRole('form', { name: 'Assign to host groups' }).count(), 0);

    await page.getByRole('link', { name: 'web1' }).click();
    await page.getByTestId('audit-host-summary').waitFor();
    assert.equal(await page.getByRole('link', { name: 'Host report (HTML)' }).count(), 1);
    await noButtons(['Run now']);
    await page.getByRole('link', { name: 'SSH: root cannot log in' }).click();
    await page.getByTestId('check-summary').waitFor();
    await noButtons(['Waive…']);
    await capture(page, 'audits-auditor');

    // The reports are theirs to read.
    const report = await page.goto(`${server.url}/api/audit/reports/hosts/${host('db1').agentId}.html`);
    assert.equal(report?.status(), 200);
    assert.match((await page.locator('body').textContent()) ?? '', /Failed checks by severity/);
    noConsoleErrors(errors);
    await page.close();
  });
});
