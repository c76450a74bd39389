import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { runAgent, type RunningAgent } from '../../src/agent/run-agent.ts';
import { silentLogger } from '../../src/platform/logger.ts';
import type { CreatedEnrollmentToken, EnrollmentToken, StoredEvent } from '../../src/protocol/agents.ts';
import type { HostInventory } from '../../src/protocol/inventory.ts';
import type { RunningServer } from '../../src/server/start-server.ts';
import { defaultWebRoot } from '../../src/server/start-server.ts';
import { collectConsoleErrors, launchChromium, screenshot, signIn } from '../helpers/browser.ts';
import { needs } from '../helpers/requirements.ts';
import { testDialects, type TestDatabase } from '../helpers/test-database.ts';
import { ApiClient, adminPassword, startTestServer } from '../helpers/test-server.ts';

const auditorPassword = 'auditor-passphrase-42';
const logLines = ['hosts-test: service started', 'hosts-test: accepted connection from 192.0.2.7'];

/** Polls `check` until it returns a value, or fails after `timeoutMs`. */
async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('Hosts pages in Chromium', needs('chromium', 'browser tests drive the real UI'), () => {
  let testDb: TestDatabase;
  let server: RunningServer;
  let browser: Browser | undefined;
  let agent: RunningAgent | undefined;
  let agentDir: string | undefined;
  let admin: ApiClient;
  let inventory: HostInventory;

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
    const created = await admin.request<CreatedEnrollmentToken>('POST', '/api/agents/enrollment-tokens', {
      group: 'web-servers',
      expiresInSeconds: 3600,
      maxUses: 1,
    });
    assert.equal(created.status, 201);

    // A real agent, in this process: it enrolls, tails the log file and sends this machine's inventory.
    agentDir = mkdtempSync(join(tmpdir(), 'vigil-hosts-test-'));
    mkdirSync(join(agentDir, 'logs'));
    const logFile = join(agentDir, 'logs', 'app.log');
    writeFileSync(logFile, logLines.map((line) => `${line}\n`).join(''));
    mkdirSync(join(agentDir, 'etc'));
    writeFileSync(join(agentDir, 'etc', 'app.conf'), 'listen 80\n');
    agent = await runAgent({
      dataDir: join(agentDir, 'agent'),
      token: created.body.token,
      logGlobs: [logFile],
      journal: { enabled: false },
      firewall: false,
      startAtEnd: false,
      version: 'test',
      logger: silentLogger,
      heartbeatMs: 1000,
      inventoryIntervalMs: 3_600_000,
      fimPaths: [join(agentDir, 'etc')],
    });
    const agentId = agent.agentId;
    inventory = await waitFor('the first inventory', async () => {
      const response = await admin.request<HostInventory>('GET', `/api/agents/${agentId}/inventory`);
      return response.status === 200 ? response.body : undefined;
    });
    await waitFor('the log lines', async () => {
      const response = await admin.request<{ events: StoredEvent[] }>(
        'GET',
        `/api/agents/${agentId}/events?kind=log`,
      );
      return response.body.events.length >= logLines.length ? true : undefined;
    });
    browser = await launchChromium();
  });

  after(async () => {
    await agent?.stop();
    await browser?.close();
    await server.close();
    await testDb.dispose();
    if (agentDir !== undefined) rmSync(agentDir, { recursive: true, force: true });
  });

  test('the hosts list shows the enrolled host online', async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 800 } });
    const errors = collectConsoleErrors(page);
    await signIn(page, server.url, 'admin', adminPassword, '/overview');
    await page.getByTestId('nav-hosts').click();
    const row = page.getByTestId('host-row');
    await row.first().waitFor();
    assert.equal(await row.count(), 1);
    const text = (await row.textContent()) ?? '';
    assert.ok(text.includes(hostname()), `the row names the host: ${text}`);
    assert.ok(text.includes('web-servers'), 'the row shows the group');
    assert.equal(await row.getByTestId('host-status').textContent(), 'online');
    assert.equal(await page.getByTestId('enrollment-token-row').count(), 1);
    await screenshot(page, 'hosts-list');
    assert.deepEqual(
      errors.filter((e) => !/401/.test(e)),
      [],
      'no console errors, which would include CSP violations',
    );
    await page.close();
  });

  test('the host detail page shows listening ports, packages and users', async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 800 } });
    const errors = collectConsoleErrors(page);
    await signIn(page, server.url, 'admin', adminPassword, '/hosts');
    await page.getByTestId('host-row').getByRole('link', { name: hostname() }).click();
    await page.getByTestId('host-summary').waitFor();
    assert.equal(await page.locator('#host-name').textContent(), hostname());
    await page.waitForFunction(`document.title === ${JSON.stringify(`${hostname()} · Vigil`)}`);

    await page.getByTestId('host-tab-ports').click();
    assert.equal(await page.getByTestId('host-tab-ports').getAttribute('aria-selected'), 'true');
    await page.getByTestId('port-row').first().waitFor();
    const ports = await page.getByTestId('port-row').getByTestId('port-number').allTextContents();
    const expected = inventory.inventory.listeners.map((socket) => socket.port).sort((a, b) => a - b);
    assert.deepEqual(ports.map(Number), expected, 'every listening socket, sorted by port');
    // PostgreSQL listens on this machine (the test databases live there).
    assert.ok(ports.includes('5432'), `port 5432 is listed among ${ports.join(', ')}`);
    await screenshot(page, 'host-detail-ports');

    await page.getByTestId('host-tab-packages').click();
    await page.getByTestId('package-row').first().waitFor();
    const total = inventory.inventory.packages.length;
    assert.equal(await page.getByTestId('package-row').count(), Math.min(total, 200), 'rows are capped');
    await page.locator('#package-filter').fill('libc6');
    await page.getByTestId('package-count').getByText(/ of /).waitFor();
    const libc6 = page
      .getByTestId('package-row')
      .filter({ has: page.getByRole('cell', { name: 'libc6', exact: true }) });
    assert.equal(await libc6.count(), 1);
    assert.equal(await libc6.getByRole('cell').nth(2).textContent(), 'glibc', 'the source package');

    await page.getByTestId('host-tab-users').click();
    const root = page.getByTestId('local-user-row').filter({ hasText: /^root/ });
    await root.waitFor();
    assert.equal(await root.getByRole('cell').nth(1).textContent(), '0', 'root has uid 0');

    await page.getByTestId('host-tab-events').click();
    await page.getByTestId('host-event-row').first().waitFor();
    for (const line of logLines) await page.getByTestId('host-event-row').getByText(line).waitFor();
    // The tabs follow the WAI-ARIA pattern: arrow keys and Home move between them.
    await page.getByTestId('host-tab-events').press('Home');
    assert.equal(await page.getByTestId('host-tab-packages').getAttribute('aria-selected'), 'true');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.getByTestId('host-tab-ports').getAttribute('aria-selected'), 'true');
    assert.equal(
      await page.getByRole('tabpanel').getAttribute('aria-labelledby'),
      await page.getByTestId('host-tab-ports').getAttribute('id'),
    );
    assert.deepEqual(
      errors.filter((e) => !/401/.test(e)),
      [],
      'no console errors',
    );
    await page.close();
  });

  test('the host page lists file changes with their hashes before and after', async () => {
    const watched = join(agentDir!, 'etc', 'app.conf');
    // Rewritten until the change is reported: the first writes may land before the baseline is taken.
    await waitFor('a reported file change', async () => {
      writeFileSync(watched, `listen 8080 # ${Date.now()}\n`);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const response = await admin.request<{ events: StoredEvent[] }>(
        'GET',
        `/api/agents/${agent!.agentId}/events?kind=fim`,
      );
      return response.body.events.length > 0 ? true : undefined;
    });
    const page = await browser!.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, server.url, 'admin', adminPassword, `/hosts/${agent!.agentId}`);
    await page.getByTestId('host-tab-fim').click();
    const row = page.getByTestId('fim-row').filter({ hasText: watched }).first();
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /modified.*content/);
    const cells = row.getByTestId('fim-hash');
    assert.equal(await cells.count(), 2, 'before and after');
    const hashes = [await cells.nth(0).getAttribute('title'), await cells.nth(1).getAttribute('title')];
    for (const hash of hashes) assert.match(hash ?? '', /^[0-9a-f]{64}$/);
    assert.notEqual(hashes[0], hashes[1]);
    await screenshot(page, 'host-detail-fim');
    await page.close();
  });

  test('an admin creates an enrollment token and sees it once, then revokes it', async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, server.url, 'admin', adminPassword, '/hosts');
    await page.getByTestId('enrollment-token-row').first().waitFor();
    await page.locator('#enrollment-group').fill('lab');
    await page.locator('#enrollment-expiry').selectOption({ label: '1 hour' });
    await page.locator('#enrollment-max-uses').fill('2');
    await page.getByRole('button', { name: 'Create enrollment token' }).click();
    const notice = page.getByTestId('created-enrollment-token');
    await notice.waitFor();
    const token = await page.locator('#created-enrollment-token-secret').inputValue();
    assert.match(token, /^vigil-enroll\.[A-Za-z0-9_-]+$/);
    assert.equal(
      await page.locator('#created-enrollment-token-command').inputValue(),
      `vigil agent --token ${token}`,
    );
    const lab = page.getByTestId('enrollment-token-row').filter({ hasText: 'lab' });
    await lab.waitFor();
    assert.match((await lab.textContent()) ?? '', /0 \/ 2/);
    await screenshot(page, 'hosts-enrollment-token');

    const listed = await admin.request<{ tokens: EnrollmentToken[] }>('GET', '/api/agents/enrollment-tokens');
    const stored = listed.body.tokens.find((t) => t.group === 'lab');
    assert.ok(stored);
    assert.equal(stored.maxUses, 2);
    const lifetime = Date.parse(stored.expiresAt) - Date.parse(stored.createdAt);
    assert.equal(lifetime, 3600_000, 'expires after one hour');

    await page.getByRole('button', { name: 'I have copied it' }).click();
    await notice.waitFor({ state: 'detached' });
    assert.equal(await page.getByText(token).count(), 0, 'the token is shown only once');

    await lab.getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click();
    await lab.getByText('revoked').waitFor();
    await page.close();
  });

  test('an auditor sees hosts and tokens but no way to change them', async () => {
    const page = await browser!.newPage({ viewport: { width: 1366, height: 768 } });
    await signIn(page, server.url, 'auditor1', auditorPassword, '/hosts');
    await page.getByTestId('host-row').first().waitFor();
    await page.getByTestId('enrollment-token-row').first().waitFor();
    assert.equal(await page.getByRole('button', { name: /create enrollment token/i }).count(), 0);
    assert.equal(await page.locator('#enrollment-group').count(), 0);
    assert.equal(await page.getByRole('button', { name: /revoke/i }).count(), 0);
    const overflow = await page.evaluate('document.documentElement.scrollWidth > window.innerWidth');
    assert.equal(overflow, false, 'no horizontal scrolling at 1366 px');

    await page.getByTestId('host-row').getByRole('link').first().click();
    await page.getByTestId('host-summary').waitFor();
    await page.getByTestId('host-tab-packages').waitFor();
    assert.equal(await page.getByRole('button', { name: /revoke/i }).count(), 0);
    await page.close();
  });

  test('an admin revokes the agent from its detail page', async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, server.url, 'admin', adminPassword, `/hosts/${agent!.agentId}`);
    await page.getByTestId('host-summary').waitFor();
    await page.getByRole('button', { name: 'Revoke agent' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke agent' }).click();
    await page.getByTestId('host-summary').getByTestId('host-status').getByText('revoked').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Revoke agent' }).count(), 0);
    const response = await admin.request<{ status: string }>('GET', `/api/agents/${agent!.agentId}`);
    assert.equal(response.body.status, 'revoked');
    await page.close();
  });
});
