import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { recordFinding } from '../../src/modules/alerts/record-finding.ts';
import type { Alert, AlertSuppression } from '../../src/protocol/alerts.ts';
import type { Finding } from '../../src/protocol/finding.ts';
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
import { sshBruteForce, type BruteForceOptions } from '../helpers/ssh-findings.ts';
import { testDialects, type TestDatabase } from '../helpers/test-database.ts';
import { ApiClient, adminPassword, startTestServer } from '../helpers/test-server.ts';

const auditorPassword = 'auditor-passphrase-42';
const minute = 60_000;
const hour = 60 * minute;

/** Rules from the built-in pack (rules/builtin/ssh/), as the engine reports them. */
const rules = {
  spraying: {
    id: '35077108-6f46-4e44-8155-7acc94c2ce90',
    title: 'SSH password spraying from one source',
    severity: 'high',
    attack: ['credential-access', 'T1110.003'],
    tags: ['attack.credential-access', 'attack.t1110.003'],
  },
  compromise: {
    id: '4d43677d-51fe-4526-808f-713826019822',
    title: 'SSH login from an address that was brute forcing',
    severity: 'critical',
    attack: ['credential-access', 'T1110.001', 'initial-access', 'T1078'],
    tags: ['attack.credential-access', 'attack.t1110.001', 'attack.initial-access', 'attack.t1078'],
  },
  slow: {
    id: '9fb27d36-1163-4ec2-9cd8-912888790647',
    title: 'Low-and-slow SSH brute force from one source',
    severity: 'medium',
    attack: ['credential-access', 'T1110.001'],
    tags: ['attack.credential-access', 'attack.t1110.001'],
  },
  failure: {
    id: '30333dba-ce8e-42b5-9600-06bc4f532c87',
    title: 'SSH authentication failure',
    severity: 'informational',
    attack: ['credential-access', 'T1110'],
    tags: ['attack.credential-access', 'attack.t1110'],
    type: 'detection',
  },
} satisfies Record<string, Partial<Finding['rule']>>;

describe('Alerts pages in Chromium', needs('chromium', 'browser tests drive the real UI'), () => {
  let testDb: TestDatabase;
  let server: RunningServer;
  let browser: Browser;
  let admin: ApiClient;
  /** The brute force the detail tests open: 65 failed passwords for root from one address. */
  let bruteForce: Alert;

  before(async () => {
    assert.ok(existsSync(`${defaultWebRoot}/index.html`), 'run `npm run build:web` first (npm test does)');
    const sqlite = testDialects[0];
    assert.ok(sqlite);
    testDb = await sqlite.create();
    server = await startTestServer(testDb);
    admin = new ApiClient(server.url);
    await admin.login('admin', adminPassword);
    const auditor = await admin.request('POST', '/api/users', {
      username: 'auditor1',
      role: 'auditor',
      password: auditorPassword,
    });
    assert.equal(auditor.status, 201);

    const now = Date.now();
    const seed = async (options: BruteForceOptions) => {
      const outcome = await recordFinding(server.deps.database.db, sshBruteForce(options), new Date());
      assert.ok('alert' in outcome);
      return outcome.alert;
    };
    bruteForce = await seed({ srcIp: '203.0.113.9', user: 'root', host: 'web1', start: now - 5 * hour });
    await seed({
      srcIp: '203.0.113.9',
      user: 'root',
      host: 'web1',
      start: now - 4 * hour,
      failures: 60,
      everyMs: 2000,
    });
    await seed({ srcIp: '198.51.100.23', user: 'admin', host: 'web2', start: now - 30 * hour, failures: 8 });
    await seed({
      srcIp: '192.0.2.44',
      user: 'deploy',
      host: 'web1',
      start: now - 50 * hour,
      rule: rules.spraying,
    });
    await seed({
      srcIp: '203.0.113.77',
      user: 'deploy',
      host: 'web1',
      start: now - 2 * hour,
      failures: 6,
      rule: rules.compromise,
      succeeded: true,
    });
    await seed({
      srcIp: '45.155.205.10',
      user: 'oracle',
      host: 'db1',
      start: now - 70 * hour,
      everyMs: 20 * minute,
      rule: rules.slow,
    });
    await seed({
      srcIp: '10.0.4.12',
      user: 'backup',
      host: 'db1',
      start: now - 3 * hour,
      failures: 1,
      rule: rules.failure,
    });
    const resolved = await seed({
      srcIp: '198.51.100.200',
      user: 'git',
      host: 'git1',
      start: now - 20 * hour,
    });
    assert.equal(
      (await admin.request('PATCH', `/api/alerts/${resolved.id}`, { status: 'resolved' })).status,
      200,
    );
    browser = await launchChromium();
  });

  after(async () => {
    await browser.close();
    await server.close();
    await testDb.dispose();
  });

  test('the list shows open alerts with their timeline, and filters narrow it', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const errors = collectConsoleErrors(page);
    await signIn(page, server.url, 'admin', adminPassword, '/overview');
    const notice = page.getByTestId('open-alerts');
    await notice.waitFor();
    assert.match((await notice.textContent()) ?? '', /6 open alerts, 6 not yet acknowledged/);
    await screenshot(page, 'overview-open-alerts');
    await notice.getByRole('link', { name: 'Review alerts' }).click();
    const rows = page.getByTestId('alert-row');
    await rows.first().waitFor();
    assert.equal(
      await rows.count(),
      6,
      'the open alerts of the last 7 days; the resolved one is filtered out',
    );
    const first = await rows.first().textContent();
    assert.match(
      first ?? '',
      /SSH login from an address that was brute forcing/,
      'most recent activity first',
    );
    const brute = rows.filter({ hasText: '203.0.113.9' });
    assert.match((await brute.textContent()) ?? '', /High.*SSH brute force from one source.*65/);
    await page.getByTestId('alert-timeline').locator('canvas').waitFor();
    assert.equal(await page.getByTestId('stat-alerts-open').locator('.stat-value').textContent(), '6');
    assert.equal(await page.getByTestId('stat-alerts-critical').locator('.stat-value').textContent(), '1');
    await screenshot(page, 'alerts-list');

    await page.locator('#alert-severity').selectOption('high');
    await rowsShown(page, 'alert-row', 4);
    await page.locator('#alert-srcIp').fill('198.51.100.23');
    await page.locator('#alert-srcIp').press('Enter');
    await rowsShown(page, 'alert-row', 1);
    assert.match((await rows.textContent()) ?? '', /198\.51\.100\.23/);

    await page.getByRole('button', { name: 'Reset' }).click();
    await page.locator('#alert-status').selectOption('closed');
    await rowsShown(page, 'alert-row', 1);
    assert.match((await rows.textContent()) ?? '', /198\.51\.100\.200.*Resolved/);
    await page.locator('#alert-status').selectOption('');
    await page.locator('#alert-range').selectOption('24h');
    await page.locator('#alert-q').fill('brute');
    await page.locator('#alert-q').press('Enter');
    await rowsShown(page, 'alert-row', 3);
    await screenshot(page, 'alerts-filtered');
    await page.getByRole('button', { name: 'Reset' }).click();
    noConsoleErrors(errors);
    await page.close();
  });

  test('an analyst opens an alert, reads its evidence, acknowledges, notes and suppresses it', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const errors = collectConsoleErrors(page);
    await signIn(page, server.url, 'admin', adminPassword, '/alerts');
    await page.getByTestId('alert-row').filter({ hasText: '203.0.113.9' }).getByRole('link').click();
    await page.getByTestId('alert-summary').waitFor();
    assert.equal(await page.locator('#alert-title').textContent(), 'SSH brute force from one source');
    await page.waitForFunction(`document.title === 'SSH brute force from one source · Vigil'`);

    const lines = page.getByTestId('evidence-line');
    assert.equal(await lines.count(), 50, 'the first 10 and the latest 40 of 65');
    assert.match((await page.getByTestId('evidence-gap').textContent()) ?? '', /15 more lines not kept/);
    assert.match(
      (await lines.first().locator('.evidence-raw').textContent()) ?? '',
      /^\w{3} [ \d]\d \d\d:\d\d:\d\d web1 sshd\[\d+\]: Failed password for root from 203\.0\.113\.9 port \d+ ssh2$/,
    );
    assert.equal(await lines.first().locator('.evidence-code').textContent(), 'sshd.failed_password');
    const technique = page.getByTestId('alert-attacks').getByRole('link', { name: 'T1110.001' });
    assert.equal(await technique.getAttribute('href'), 'https://attack.mitre.org/techniques/T1110/001/');
    const tactic = page.getByTestId('alert-attacks').getByRole('link', { name: 'Credential Access' });
    assert.equal(await tactic.getAttribute('href'), 'https://attack.mitre.org/tactics/TA0006/');
    await screenshot(page, 'alert-detail');

    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await page.getByTestId('alert-summary').getByTestId('alert-status').getByText('Acknowledged').waitFor();
    await page.locator('#alert-assignee').selectOption('admin');
    await page
      .locator('#alert-note')
      .fill('Address belongs to a hosting provider; blocked at the edge firewall.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByTestId('alert-note').getByText('blocked at the edge firewall').waitFor();
    assert.equal(
      await page.locator('#alert-note').inputValue(),
      '',
      'the box empties once the note is saved',
    );

    await page.getByRole('button', { name: 'Suppress similar' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('User').uncheck();
    await dialog.getByLabel('Expires after').selectOption({ label: '24 hours' });
    await dialog.getByLabel('Reason').fill('Known scanner, blocked at the firewall');
    await screenshot(page, 'alert-suppress-dialog');
    await dialog.getByRole('button', { name: 'Suppress' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('suppressed-notice').waitFor();
    assert.match(
      (await page.getByTestId('suppressed-notice').textContent()) ?? '',
      /New findings of this rule for source 203\.0\.113\.9, host web1 are dropped until /,
    );

    const stored = await admin.request<Alert>('GET', `/api/alerts/${bruteForce.id}`);
    assert.deepEqual([stored.body.status, stored.body.assignee], ['acknowledged', 'admin']);
    const listed = await admin.request<{ suppressions: AlertSuppression[] }>(
      'GET',
      '/api/alerts/suppressions',
    );
    assert.equal(listed.body.suppressions.length, 1);
    const [suppression] = listed.body.suppressions;
    assert.deepEqual(
      [suppression?.ruleId, suppression?.srcIp, suppression?.user, suppression?.host],
      [bruteForce.finding_info.analytic.uid, '203.0.113.9', null, 'web1'],
    );
    assert.equal(Date.parse(suppression!.expiresAt!) - Date.parse(suppression!.createdAt), 24 * hour);
    const again = await recordFinding(
      server.deps.database.db,
      sshBruteForce({ srcIp: '203.0.113.9', user: 'admin', host: 'web1', start: Date.now() - minute }),
      new Date(),
    );
    assert.equal(again.outcome, 'suppressed');
    await screenshot(page, 'alert-detail-acknowledged');

    await page.goto(`${server.url}/#/alerts`);
    const row = page.getByTestId('suppression-row');
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /Known scanner.*admin.*1.*Active/);
    await screenshot(page, 'alerts-suppressions');
    noConsoleErrors(errors);
    await page.close();
  });

  test('an auditor sees alerts and their evidence but no way to change them', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const errors = collectConsoleErrors(page);
    await signIn(page, server.url, 'auditor1', auditorPassword, '/alerts');
    await page.getByTestId('alert-row').first().waitFor();
    await page.getByTestId('suppression-row').first().waitFor();
    assert.equal(await page.getByRole('button', { name: 'Delete' }).count(), 0);
    const overflow = await page.evaluate('document.documentElement.scrollWidth > window.innerWidth');
    assert.equal(overflow, false, 'no horizontal scrolling at 1366 px');

    await page.goto(`${server.url}/#/alerts/${bruteForce.id}`);
    await page.getByTestId('evidence-line').first().waitFor();
    await page.getByTestId('alert-note').first().waitFor();
    for (const name of [
      'Acknowledge',
      'Resolve',
      'Reopen',
      'False positive',
      'Suppress similar',
      'Add note',
    ]) {
      assert.equal(await page.getByRole('button', { name }).count(), 0, `no ${name} button`);
    }
    assert.equal(await page.locator('#alert-assignee').count(), 0);
    assert.equal(
      await page.getByTestId('alert-summary').getByText('admin', { exact: true }).count(),
      1,
      'the assignee is shown',
    );
    await screenshot(page, 'alert-detail-auditor');

    await page.goto(`${server.url}/#/alerts/no-such-alert`);
    await page.getByText('No such alert').waitFor();
    noConsoleErrors(errors.filter((e) => !/404/.test(e)));
    await page.close();
  });
});
