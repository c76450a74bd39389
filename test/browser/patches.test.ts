import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { PatchApplyResult, PatchSimulateResult } from '../../src/protocol/patch-api.ts';
import { noConsoleErrors, rowsShown } from '../helpers/browser.ts';
import type { HandAgent } from '../helpers/hand-agent.ts';
import { needs } from '../helpers/requirements.ts';
import { adminPassword } from '../helpers/test-server.ts';
import { deb } from '../modules/vulns/harness.ts';
import {
  capture,
  fixedVersion,
  kevCve,
  sendInventory,
  startVulnConsole,
  testIdText,
  type VulnConsole,
} from './vuln-fleet.ts';

const secondAdminPassword = 'second-admin-passphrase-42';
const oldVersion = '3.0.11-1~deb12u2';

/** What apt changes: the fixed library, and a package the new version depends on. */
const upgrade = [
  { name: 'libssl3', from: oldVersion, to: fixedVersion, action: 'upgrade' },
  { name: 'openssl-provider-legacy', from: null, to: fixedVersion, action: 'install' },
] as const;

/*
 * The Patches console against a real server and the fleet of vuln-fleet.ts. No agent runs: the
 * test answers web1's patch.simulate, patch.apply and verifying inventory.collect tasks with
 * the real agent client, as the agent would (its own path is tested in test/modules/patch and
 * the .deb end-to-end test), so the console shows a real plan go from draft to completed.
 */
describe('Patches in Chromium', needs('chromium', 'browser tests drive the real UI'), () => {
  let vulnConsole: VulnConsole;

  const openPage = (username: string, password: string, path: string) =>
    vulnConsole.open(username, password, path);

  const text = testIdText;

  /** Waits until the element with `testId` reads `expected`: the plan page re-reads the plan as agents answer. */
  const shows = async (page: Page, testId: string, expected: string, seconds = 30) => {
    const deadline = Date.now() + seconds * 1000;
    for (;;) {
      const seen = await text(page, testId);
      if (seen === expected) return;
      if (Date.now() > deadline) assert.fail(`${testId} shows "${seen}", not "${expected}"`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  /** Answers the agent's next task of `kind` (anything else in the way as done), as the agent would. */
  const answerNext = async (
    agent: HandAgent,
    kind: string,
    answer: () => string | Promise<string>,
  ): Promise<void> => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      for (const task of await agent.poll(1)) {
        if (task.kind !== kind) {
          await agent.answer(task.id, 'succeeded', 'done');
          continue;
        }
        await agent.answer(task.id, 'succeeded', await answer());
        return;
      }
      if (Date.now() > deadline) assert.fail(`${agent.hostname} was sent no ${kind} task`);
    }
  };

  before(async () => {
    vulnConsole = await startVulnConsole();
    const second = await vulnConsole.admin.request('POST', '/api/users', {
      username: 'admin2',
      role: 'admin',
      password: secondAdminPassword,
    });
    assert.equal(second.status, 201);
  });

  after(() => vulnConsole.close());

  test('a finding becomes a draft plan; its author may not approve it; another admin does; the canary rollout completes', async () => {
    // The fixable finding is chosen on the Vulnerabilities page and planned from there.
    const { page, errors } = await openPage('admin', adminPassword, '/vulnerabilities');
    await rowsShown(page, 'vuln-finding-row', 3);
    await page.getByRole('checkbox', { name: `Choose ${kevCve} on web1 for a patch plan` }).check();
    await page.getByRole('button', { name: 'Plan patches (1 finding)' }).click();
    await page.getByRole('heading', { name: 'Findings to resolve (1)' }).waitFor();
    assert.match(decodeURIComponent(new URL(page.url()).hash), /^#\/patches\/new\?finding=[0-9a-f]+$/);
    await rowsShown(page, 'plan-finding-row', 1);
    assert.match(await text(page, 'plan-finding-row'), new RegExp(`${kevCve}web1libssl3${oldVersion}`));
    await page.getByLabel('Name').fill('openssl on web1');
    await page.getByRole('group', { name: 'Canary hosts' }).getByLabel('web1').check();
    await capture(page, 'patches-new');
    await page.getByRole('button', { name: 'Create draft plan' }).click();
    await page.getByTestId('plan-summary').waitFor();
    const planHash = new URL(page.url()).hash;
    assert.match(planHash, /^#\/patches\/[0-9a-f-]{36}$/);
    assert.equal(await page.getByRole('heading', { name: 'openssl on web1' }).count(), 1);
    await shows(page, 'plan-status', 'Draft');
    await rowsShown(page, 'plan-host', 1);
    assert.match(await text(page, 'plan-host'), /web1Canary/);
    assert.equal(await text(page, 'plan-host-packages'), `libssl3 ${oldVersion} → ≥ ${fixedVersion}`);
    assert.equal(await page.getByTestId('rollout-phase').count(), 1);
    assert.match(await text(page, 'rollout-phase'), /^Canary0 of 1 done$/);

    // The author may not approve: the server's refusal is shown in the dialog.
    await page.getByRole('button', { name: 'Approve…' }).click();
    const approval = page.getByRole('dialog', { name: 'Approve patch plan' });
    await approval.getByRole('button', { name: 'Approve plan' }).click();
    await approval.getByRole('alert').waitFor();
    assert.match(
      (await approval.getByRole('alert').textContent()) ?? '',
      /admin wrote this plan; someone else must approve it/,
    );
    await capture(page, 'patches-approval-refused');
    await approval.getByRole('button', { name: 'Cancel', exact: true }).click();
    await shows(page, 'plan-status', 'Draft');

    // The simulation: web1 answers what apt would change, the page picks it up on its own.
    await page.getByRole('button', { name: 'Simulate' }).click();
    await page.getByText('Simulation queued', { exact: false }).waitFor();
    await answerNext(vulnConsole.fleet.web1, 'patch.simulate', () => {
      const result: PatchSimulateResult = {
        changes: [...upgrade],
        unavailable: [],
        output: `Inst libssl3 [${oldVersion}] (${fixedVersion} Debian-Security:12/stable-security [amd64])\nInst openssl-provider-legacy (${fixedVersion} Debian-Security:12/stable-security [amd64])\n`,
      };
      return JSON.stringify(result);
    });
    await shows(page, 'plan-host-status', 'Simulated');
    assert.equal(await text(page, 'plan-host-packages'), `libssl3 ${oldVersion} → ${fixedVersion}`);
    await page.getByTestId('plan-simulation').locator('summary').click();
    assert.equal(await page.getByTestId('plan-simulation').getByRole('row').count(), 3);
    assert.match(await text(page, 'plan-simulation'), /Inst libssl3/);
    noConsoleErrors(errors.filter((error) => !/409/.test(error)));
    await page.close();

    // Another admin approves and starts it.
    const second = await openPage('admin2', secondAdminPassword, planHash.slice(1));
    const other = second.page;
    await shows(other, 'plan-status', 'Draft');
    await other.getByRole('button', { name: 'Approve…' }).click();
    await other
      .getByRole('dialog', { name: 'Approve patch plan' })
      .getByRole('button', { name: 'Approve plan' })
      .click();
    await shows(other, 'plan-status', 'Approved');
    assert.match((await other.getByText('by admin2').first().textContent()) ?? '', /by admin2/);
    await other.getByRole('button', { name: 'Start…' }).click();
    const start = other.getByRole('dialog', { name: 'Start the rollout' });
    assert.match(
      (await start.textContent()) ?? '',
      /The canary host is patched and verified first, then the rest\. The rollout stops once a host fails\./,
    );
    await start.getByRole('button', { name: 'Start rollout' }).click();
    await shows(other, 'plan-status', 'Running');

    // web1 upgrades, says a reboot and an nginx restart are due, and sends the verifying inventory.
    await answerNext(vulnConsole.fleet.web1, 'patch.apply', () => {
      const result: PatchApplyResult = {
        changes: [...upgrade],
        rebootRequired: true,
        servicesToRestart: ['nginx'],
        output: `Unpacking libssl3:amd64 (${fixedVersion}) over (${oldVersion}) ...\nSetting up libssl3:amd64 (${fixedVersion}) ...\n`,
      };
      return JSON.stringify(result);
    });
    await answerNext(vulnConsole.fleet.web1, 'inventory.collect', async () => {
      await sendInventory(vulnConsole.fleet.web1, [
        deb('libssl3', fixedVersion, 'openssl'),
        deb('openssl-provider-legacy', fixedVersion, 'openssl'),
        deb('bash', '5.2.15-2'),
      ]);
      return 'inventory sent';
    });
    await shows(other, 'plan-status', 'Completed', 60);
    await shows(other, 'plan-host-status', 'Patched');
    assert.equal(await text(other, 'plan-host-remaining'), '0 of 1 still open');
    assert.match(await text(other, 'plan-host'), /Reboot needed.*Restart nginx/);
    assert.match(await text(other, 'rollout-phase'), /^Canary1 of 1 done$/);
    assert.equal(
      await other.getByRole('progressbar').getAttribute('aria-valuetext'),
      'Canary: 1 of 1 done, 1 patched, 0 failed',
    );
    await capture(other, 'patches-plan');

    // The plan list, and the finding resolved on the Vulnerabilities page.
    await other.getByTestId('nav-patches').click();
    await rowsShown(other, 'patch-plan-row', 1);
    const row = other.getByTestId('patch-plan-row');
    assert.match((await row.textContent()) ?? '', /openssl on web1.*Completed/);
    assert.deepEqual(await row.locator('td.num').allTextContents(), ['1', '1', '0', '1', '1']);
    await capture(other, 'patches-list');
    await other.getByTestId('nav-vulnerabilities').click();
    await rowsShown(other, 'vuln-finding-row', 2);
    assert.equal(await other.getByRole('link', { name: kevCve }).count(), 0);
    noConsoleErrors(second.errors);
    await other.close();
  });
});
