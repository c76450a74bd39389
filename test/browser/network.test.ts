import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { createAgentClient } from '../../src/agent/agent-client.ts';
import { enroll } from '../../src/agent/enroll.ts';
import { recordFinding } from '../../src/modules/alerts/record-finding.ts';
import type { CreatedEnrollmentToken } from '../../src/protocol/agents.ts';
import type { Block, BlockList } from '../../src/protocol/blocks.ts';
import type { Task } from '../../src/protocol/tasks.ts';
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
import { sshBruteForce } from '../helpers/ssh-findings.ts';
import { testDialects, type TestDatabase } from '../helpers/test-database.ts';
import { ApiClient, adminPassword, startTestServer } from '../helpers/test-server.ts';

const auditorPassword = 'auditor-passphrase-42';
const hour = 3_600_000;

describe('Network page in Chromium', needs('chromium', 'browser tests drive the real UI'), () => {
  let testDb: TestDatabase;
  let server: RunningServer;
  let browser: Browser;
  let admin: ApiClient;
  const agents: Record<string, string> = {};

  /** An enrolled host named by its heartbeat; no agent runs, so tasks only queue. */
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
    const client = createAgentClient({ serverUrl: server.url, agentId: state.agentId, privateKey });
    await client.post('/api/agent/v1/heartbeat', {
      version: 'test',
      hostname: name,
      spool: { pendingEvents: 0, dropped: 0 },
    });
    agents[name] = state.agentId;
  };

  /** A brute force on `host` as live detection records it, handed to the response policies. */
  const bruteForce = async (srcIp: string, host: string, start: number) => {
    const finding = sshBruteForce({ srcIp, host, start });
    const outcome = await recordFinding(server.deps.database.db, finding, new Date(), {
      agentId: agents[host],
    });
    server.detection.response.onAlert(outcome, finding);
    await server.detection.response.idle();
  };

  /** The Network page signed in as `username`, once it lists `rows` blocks, and the console errors it logs. */
  const openNetwork = async (username: string, password: string, rows: number) => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1100 } });
    const errors = collectConsoleErrors(page);
    await signIn(page, server.url, username, password, '/network');
    await rowsShown(page, 'block-row', rows);
    return { page, errors };
  };

  before(async () => {
    assert.ok(existsSync(`${defaultWebRoot}/index.html`), 'run `npm run build:web` first (npm test does)');
    const sqlite = testDialects[0];
    assert.ok(sqlite);
    testDb = await sqlite.create();
    server = await startTestServer(testDb, { response: { allowlist: ['10.20.0.0/16'] } });
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

    const now = Date.now();
    await bruteForce('203.0.113.9', 'web1', now - 2 * hour);
    // A repeat offender: its fourth block takes the ladder's last rung.
    await server.deps.database.db
      .insertInto('offenders')
      .values({
        address: '45.155.205.10',
        level: 3,
        last_blocked_at: new Date(now - 30 * hour).toISOString(),
      })
      .execute();
    await bruteForce('45.155.205.10', 'db1', now - hour);
    const manual = await admin.request<Block>('POST', '/api/blocks', {
      address: '198.51.100.0/24',
      durationSeconds: null,
      reason: 'Known scanner range',
      scope: { group: 'db' },
    });
    assert.equal(manual.status, 201);
    const lifted = await admin.request<Block>('POST', '/api/blocks', {
      address: '192.0.2.77',
      durationSeconds: 3600,
      reason: 'Port scan from a partner',
    });
    assert.equal(
      (
        await admin.request('DELETE', `/api/blocks/${lifted.body.id}`, {
          reason: 'partner confirmed the scan',
        })
      ).status,
      200,
    );
    browser = await launchChromium();
  });

  after(async () => {
    await browser.close();
    await server.close();
    await testDb.dispose();
  });

  test('the blocks list shows each block with its alert, hosts, expiry and escalation', async () => {
    const { page, errors } = await openNetwork('admin', adminPassword, 3);
    const rows = page.getByTestId('block-row');
    const first = rows.filter({ hasText: '198.51.100.0/24' });
    assert.match((await first.textContent()) ?? '', /Known scanner range.*Group db.*Never.*By hand.*Blocked/);
    const repeat = rows.filter({ hasText: '45.155.205.10' });
    assert.match((await repeat.textContent()) ?? '', /db1.*Level 4.*Blocked/);
    const policy = rows.filter({ hasText: '203.0.113.9' });
    assert.match(
      (await policy.textContent()) ?? '',
      /SSH brute force from one source.*policy:ssh-brute-force/,
    );
    assert.match((await policy.textContent()) ?? '', /web1.*Level 1/);
    assert.equal(await page.getByTestId('escalation-ladder').textContent(), '10m → 1h → 24h → 7d');
    const allowlist = page.getByTestId('allowlist-table');
    assert.match((await allowlist.textContent()) ?? '', /10\.20\.0\.0\/16.*Configured/);
    assert.match((await allowlist.textContent()) ?? '', /127\.0\.0\.0\/8.*Loopback/);
    assert.match(
      (await page.getByTestId('policy-table').textContent()) ?? '',
      /ssh-brute-force.*4 rules.*High or above.*Block on the attacked host/,
    );
    await screenshot(page, 'network-blocks');

    await page.locator('#block-filter').fill('45.155');
    await rowsShown(page, 'block-row', 1);
    await page.locator('#block-filter').fill('');
    await rowsShown(page, 'block-row', 3);
    await page.getByTestId('blocks-lifted').click();
    await rowsShown(page, 'block-row', 1);
    assert.match((await rows.first().textContent()) ?? '', /192\.0\.2\.77.*Lifted.*by admin/);

    await page.getByTestId('blocks-active').click();
    await rowsShown(page, 'block-row', 3);
    await rows.filter({ hasText: '203.0.113.9' }).getByRole('link', { name: 'View alert' }).click();
    await page.waitForURL(/#\/alerts\/[0-9a-f-]+$/);
    noConsoleErrors(errors);
    await page.close();
  });

  test('an address is blocked by hand from the form, and the host is told', async () => {
    const { page, errors } = await openNetwork('admin', adminPassword, 3);
    await page.locator('#block-address').fill('203.0.113.200');
    await page.locator('#block-duration').selectOption({ label: '7 days' });
    await page.locator('#block-scope').selectOption({ label: 'Host web1' });
    await page.locator('#block-reason').fill('Credential stuffing against the shop');
    await screenshot(page, 'network-block-form');
    await page.getByRole('button', { name: 'Block address' }).click();
    await rowsShown(page, 'block-row', 4);
    assert.match(
      (await page.getByRole('status').textContent()) ?? '',
      /Blocked 203\.0\.113\.200\. The hosts are told within a second\./,
    );
    const row = page.getByTestId('block-row').filter({ hasText: '203.0.113.200' });
    assert.match(
      (await row.textContent()) ?? '',
      /Credential stuffing against the shop.*admin.*web1.*By hand/,
    );
    const tasks = await admin.request<{ tasks: Task[] }>('GET', `/api/agents/${agents.web1 ?? ''}/tasks`);
    const last = tasks.body.tasks[0];
    assert.equal(last?.kind, 'firewall.block');
    assert.deepEqual(
      (last.params as { blocks: { address: string }[] }).blocks.map((entry) => entry.address),
      ['203.0.113.200'],
    );

    await page.locator('#block-address').fill('127.0.0.1');
    await page.locator('#block-reason').fill('this must be refused');
    await page.getByRole('button', { name: 'Block address' }).click();
    await page.getByRole('alert').filter({ hasText: 'never blocked' }).waitFor();
    await screenshot(page, 'network-block-refused');
    noConsoleErrors(errors.filter((error) => !/409/.test(error)));
    await page.close();
  });

  test('a block is lifted with a reason', async () => {
    const { page, errors } = await openNetwork('admin', adminPassword, 4);
    await page
      .getByTestId('block-row')
      .filter({ hasText: '203.0.113.200' })
      .getByRole('button', { name: 'Unblock' })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Unblock address' });
    await dialog.getByLabel('Reason').fill('The shop added a captcha');
    await screenshot(page, 'network-unblock');
    await dialog.getByRole('button', { name: 'Unblock' }).click();
    await rowsShown(page, 'block-row', 3);
    const list = await admin.request<BlockList>('GET', '/api/blocks?status=lifted&address=203.0.113.200');
    assert.equal(list.body.blocks[0]?.liftReason, 'The shop added a captcha');
    const tasks = await admin.request<{ tasks: Task[] }>('GET', `/api/agents/${agents.web1 ?? ''}/tasks`);
    assert.equal(tasks.body.tasks[0]?.kind, 'firewall.unblock');
    noConsoleErrors(errors);
    await page.close();
  });

  test('auditors see blocks and policies but cannot block or unblock', async () => {
    const { page, errors } = await openNetwork('auditor1', auditorPassword, 3);
    assert.equal(await page.getByRole('button', { name: 'Unblock' }).count(), 0);
    assert.equal(await page.locator('#block-address').count(), 0);
    await page.getByTestId('policy-table').waitFor();
    await screenshot(page, 'network-auditor');
    noConsoleErrors(errors);
    await page.close();
  });
});
